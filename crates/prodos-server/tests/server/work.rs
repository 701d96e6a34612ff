//! Router tests for the work routes: tasks taken, done and verified by different participants with
//! the object-level checks between them, plans and their reads, mandates, costs, people, credits
//! and goods; bad input answered with the right 4xx and nothing written.

use crate::support::{Caller, Fixture, handle};
use axum::http::{Method, StatusCode};
use serde_json::{Value, json};

/// A ready task of the demo's active plan that `participant` can start now: nothing to wait for,
/// a skill they hold at the level it needs, and `participant2` certified higher to verify it.
async fn startable_task(fixture: &Fixture) -> Value {
    let plan = prodos_demo::ACTIVE_PLAN;
    let tasks = fixture.get(&format!("/api/tasks?plan={plan}&status=ready"), &fixture.token("auditor")).await;
    assert_eq!(tasks.status, 200, "{}", tasks.text());
    let me = fixture.get(&format!("/api/participants/{}", handle("participant")), &fixture.token("auditor")).await;
    let verifier =
        fixture.get(&format!("/api/participants/{}", handle("participant2")), &fixture.token("auditor")).await;
    let level = |view: &Value, skill: &str| {
        view.json_skills().iter().find(|(name, _)| name == skill).map(|(_, level)| *level).unwrap_or(0)
    };
    let (me, verifier) = (me.json(), verifier.json());
    tasks
        .json()
        .as_array()
        .expect("tasks")
        .iter()
        .find(|task| {
            let skill = task["skill"].as_str().unwrap_or_default();
            let needed = task["min_level"].as_i64().unwrap_or(0);
            task["waiting_on"].as_array().is_some_and(Vec::is_empty)
                && task["blocked"].is_null()
                && level(&me, skill) >= needed
                && level(&verifier, skill) > level(&me, skill)
        })
        .cloned()
        .expect("the demo leaves a task the participant can start")
}

trait Skills {
    fn json_skills(&self) -> Vec<(String, i64)>;
}

impl Skills for Value {
    fn json_skills(&self) -> Vec<(String, i64)> {
        self["skills"]
            .as_array()
            .map(|skills| {
                skills
                    .iter()
                    .map(|pair| (pair[0].as_str().unwrap_or_default().to_string(), pair[1].as_i64().unwrap_or(0)))
                    .collect()
            })
            .unwrap_or_default()
    }
}

fn action_uri(task: &Value, action: &str) -> String {
    format!(
        "/api/tasks/{}/{}/{}/{action}",
        task["plan"].as_str().unwrap(),
        task["operation"].as_str().unwrap(),
        task["unit"]
    )
}

async fn task_status(fixture: &Fixture, task: &Value) -> String {
    let tasks =
        fixture.get(&format!("/api/tasks?plan={}", task["plan"].as_str().unwrap()), &fixture.token("auditor")).await;
    let found = tasks.json().as_array().expect("tasks").iter().find(|t| t["task"] == task["task"]).cloned();
    found.expect("task listed")["status"].as_str().unwrap_or_default().to_string()
}

/// A request that must be refused with `status` and `code` and write nothing.
async fn refused(
    fixture: &Fixture,
    method: Method,
    uri: &str,
    caller: &Caller,
    body: Option<Value>,
    status: u16,
    code: &str,
) {
    let head = fixture.head();
    let body = body.map(|body| ("application/json", body.to_string().into_bytes()));
    let reply = fixture.send(method, uri, caller, body).await;
    assert_eq!(reply.status.as_u16(), status, "{uri}: {}", reply.text());
    assert_eq!(reply.code(), code, "{uri}: {}", reply.text());
    assert_eq!(fixture.head(), head, "{uri}: a refusal wrote to the ledger");
}

/// The common case of [`refused`]: a JSON POST that must be turned away.
async fn refused_post(fixture: &Fixture, uri: &str, caller: &Caller, body: Value, status: u16, code: &str) {
    refused(fixture, Method::POST, uri, caller, Some(body), status, code).await;
}

#[tokio::test]
async fn one_participant_starts_and_completes_a_task_and_another_verifies_it() {
    let fixture = Fixture::new();
    let task = startable_task(&fixture).await;
    let (me, other) = (fixture.token("participant"), fixture.token("participant2"));
    let complete = |production: Value| {
        let plan = production.as_array().expect("plans").iter().find(|p| p["plan_id"] == task["plan"]).cloned();
        plan.expect("active plan")["tasks_complete"].as_u64().expect("count")
    };
    let complete_before = complete(fixture.get("/api/production?active=true", &me).await.json());

    // Nobody starts a task for someone else unless they coordinate.
    refused_post(
        &fixture,
        &action_uri(&task, "start"),
        &other,
        json!({"worker": handle("participant")}),
        403,
        "not_yours",
    )
    .await;
    let started = fixture.send(Method::POST, &action_uri(&task, "start"), &me, None).await;
    assert_eq!(started.status, 200, "{}", started.text());
    assert_eq!(started.json()["events"][0], "TaskStarted");
    assert_eq!(task_status(&fixture, &task).await, "in progress");

    // It is theirs now: the other participant can neither complete nor block it.
    refused(&fixture, Method::POST, &action_uri(&task, "complete"), &other, None, 403, "not_yours").await;
    refused_post(&fixture, &action_uri(&task, "block"), &other, json!({"reason": "mine"}), 403, "not_yours").await;
    // The worker says how long it actually took; the ledger keeps it for the labor record.
    let completed = fixture.post_json(&action_uri(&task, "complete"), &me, json!({"hours": 0.75})).await;
    assert_eq!(completed.status, 200, "{}", completed.text());
    let seq = completed.json()["seqs"][0].as_u64().expect("a recorded completion");
    let log = fixture.get(&format!("/api/audit/log?since={seq}&limit=1"), &me).await.json();
    assert_eq!(log[0]["payload"]["Execution"]["TaskCompleted"]["hours"], 750, "thousandths of an hour: {log}");

    // Never one's own work; someone certified higher verifies it and the labor is recorded.
    refused(&fixture, Method::POST, &action_uri(&task, "verify"), &me, None, 403, "own_work").await;
    // Once every due check is measured.
    let design = fixture.get("/api/designs/DES-0001", &other).await.json();
    let operation =
        design["operations"].as_array().expect("operations").iter().find(|op| op["id"] == task["operation"]).cloned();
    let checks = operation.expect("the task's operation")["quality_checks"].as_array().cloned().unwrap_or_default();
    if !checks.is_empty() {
        refused(&fixture, Method::POST, &action_uri(&task, "verify"), &other, None, 409, "quality_outstanding").await;
    }
    for check in &checks {
        let body = match check["kind"].as_str() {
            Some("attribute") => json!({"check": check["id"], "passed": true}),
            _ => {
                json!({"check": check["id"], "values": vec![check["nominal"].clone(); check["samples"].as_u64().unwrap_or(1) as usize]})
            }
        };
        let inspected = fixture.post_json(&action_uri(&task, "inspect"), &other, body).await;
        assert_eq!(inspected.status, 200, "{}", inspected.text());
    }
    let verified = fixture.send(Method::POST, &action_uri(&task, "verify"), &other, None).await;
    assert_eq!(verified.status, 200, "{}", verified.text());
    assert!(
        verified.json()["events"].as_array().expect("events").iter().any(|kind| kind == "LaborRecorded"),
        "{}",
        verified.text()
    );
    assert_eq!(task_status(&fixture, &task).await, "verified");
    assert_eq!(complete(fixture.get("/api/production?active=true", &me).await.json()), complete_before + 1);
    let history = fixture.get(&format!("/api/credits/{}/history", handle("participant")), &other).await;
    assert_eq!(history.status, 200);
    let last = history.json().as_array().expect("rows").last().cloned().expect("a row");
    assert!(last["what"].as_str().is_some_and(|what| what.contains(task["task"].as_str().unwrap())), "{last}");
    fixture.finish();
}

#[tokio::test]
async fn bad_task_requests_get_the_right_4xx_and_write_nothing() {
    let fixture = Fixture::new();
    let task = startable_task(&fixture).await;
    let me = fixture.token("participant");
    let plan = task["plan"].as_str().unwrap();
    let start = action_uri(&task, "start");
    refused(&fixture, Method::POST, &format!("/api/tasks/{plan}/no-such-step/1/start"), &me, None, 404, "unknown_task")
        .await;
    refused(&fixture, Method::POST, "/api/tasks/PROD-0999/make-bridge/1/start", &me, None, 404, "unknown_task").await;
    refused(&fixture, Method::POST, &format!("/api/tasks/{plan}/make-bridge/x/start"), &me, None, 400, "bad_task_id")
        .await;
    refused(&fixture, Method::POST, "/api/tasks/PLAN-1/make-bridge/1/start", &me, None, 400, "bad_task_id").await;
    refused_post(&fixture, &start, &me, json!({"wroker": "typo"}), 422, "invalid_json").await;
    let head = fixture.head();
    let malformed = fixture.send(Method::POST, &start, &me, Some(("application/json", b"{\"worker\":".to_vec()))).await;
    assert_eq!((malformed.status.as_u16(), malformed.code().as_str()), (400, "malformed_json"), "{}", malformed.text());
    let form = fixture.send(Method::POST, &start, &me, Some(("text/plain", b"worker=me".to_vec()))).await;
    assert_eq!(form.status, StatusCode::UNSUPPORTED_MEDIA_TYPE, "{}", form.text());
    assert_eq!(fixture.head(), head);
    // An account that is nobody on the shop floor takes no work; auditors and admins none at all.
    refused(&fixture, Method::POST, &start, &fixture.token("spare"), None, 403, "not_a_participant").await;
    refused(&fixture, Method::POST, &start, &fixture.token("auditor"), None, 403, "forbidden").await;
    refused(&fixture, Method::POST, &start, &fixture.token("admin"), None, 403, "forbidden").await;
    // Domain refusals: completing what was never started; blocking without a reason.
    refused(
        &fixture,
        Method::POST,
        &action_uri(&task, "complete"),
        &fixture.token("coordinator"),
        None,
        409,
        "task_wrong_status",
    )
    .await;
    refused_post(
        &fixture,
        &action_uri(&task, "block"),
        &fixture.token("coordinator"),
        json!({"reason": " "}),
        422,
        "field_required",
    )
    .await;
    // A body that does not fit the action is malformed whoever sends it: refused before the policy.
    refused_post(&fixture, &action_uri(&task, "complete"), &me, json!({"worker": "x"}), 422, "invalid_field").await;
    fixture.finish();
}

#[tokio::test]
async fn plans_read_from_the_cache_draw_their_gantt_and_price_their_cost() {
    let fixture = Fixture::new();
    let plan = prodos_demo::ACTIVE_PLAN.to_string();
    let reader = fixture.token("auditor");
    let list = fixture.get("/api/plans?status=committed", &reader).await.json();
    assert!(list.as_array().expect("plans").iter().any(|p| p["id"] == plan.as_str()));
    let first = fixture.get(&format!("/api/plans/{plan}"), &reader).await;
    assert_eq!(first.status, 200);
    let detail = first.json();
    assert_eq!(detail["id"], plan.as_str());
    assert!(detail["operations"].as_array().is_some_and(|ops| ops.len() > 100), "twelve guitars");
    // Same head, same bytes; a new event makes the next read price the plan again.
    assert_eq!(fixture.get(&format!("/api/plans/{plan}"), &reader).await.body, first.body);
    let svg = fixture.get(&format!("/api/plans/{plan}/gantt.svg"), &reader).await;
    assert_eq!(svg.headers["content-type"], "image/svg+xml");
    let svg = svg.text();
    assert!(svg.starts_with("<svg") && svg.contains("#d62728"), "critical bars in red");
    assert_eq!(svg.matches("<rect").count(), detail["operations"].as_array().unwrap().len());
    let cost = fixture.get(&format!("/api/plans/{plan}/cost"), &reader).await.json();
    assert_eq!(cost["total"], detail["cost"]["total"]);
    refused(&fixture, Method::GET, "/api/plans/PROD-0999", &reader, None, 404, "unknown_plan").await;
    refused(&fixture, Method::GET, "/api/plans/31", &reader, None, 400, "bad_plan_id").await;
    let design_cost = fixture.get("/api/designs/DES-0001/cost?qty=2", &reader).await;
    assert_eq!(design_cost.status, 200, "{}", design_cost.text());
    assert_eq!(design_cost.json()["qty"], 2);
    refused(&fixture, Method::GET, "/api/designs/DES-0001/cost?qty=0", &reader, None, 422, "invalid_field").await;
    refused(&fixture, Method::GET, "/api/designs/DES-0001/cost?qty=two", &reader, None, 400, "bad_query").await;
    fixture.finish();
}

#[tokio::test]
async fn a_coordinator_mandates_proposes_commits_and_cancels_a_plan() {
    let fixture = Fixture::new();
    let coordinator = fixture.token("coordinator");
    // Each bad mandate is turned away with its own code and writes nothing.
    for (body, status, code) in [
        (json!({"design": "DES-0001", "qty": 0, "due": "2027-12-01"}), 422, "count_must_be_positive"),
        (json!({"design": "DES-0001", "qty": 1, "due": "1 Dec"}), 422, "invalid_field"),
        (json!({"design": "DES-0099", "qty": 1, "due": "2027-12-01"}), 404, "unknown_design"),
    ] {
        refused_post(&fixture, "/api/mandates", &coordinator, body, status, code).await;
    }
    let created = fixture
        .post_json(
            "/api/mandates",
            &coordinator,
            json!({"design": "DES-0001", "qty": 1, "due": "2027-12-01", "decision": "DEC-0042"}),
        )
        .await;
    assert_eq!(created.status, 200, "{}", created.text());
    let mandates = fixture.get("/api/mandates", &coordinator).await.json();
    let mandate = mandates.as_array().expect("mandates").last().expect("created")["id"].as_str().unwrap().to_string();
    // So is a plan request with a bad field or an unknown mandate.
    for (body, status, code) in [
        (json!({"mandate": mandate, "time_limit_s": 600}), 422, "invalid_field"),
        (json!({"mandate": "MAN-0999", "schedules": 5}), 404, "unknown_mandate"),
    ] {
        refused_post(&fixture, "/api/plans", &coordinator, body, status, code).await;
    }
    let proposed = fixture.post_json("/api/plans", &coordinator, json!({"mandate": mandate, "schedules": 20})).await;
    assert_eq!(proposed.status, 200, "{}", proposed.text());
    let plan = proposed.json()["plan"].as_str().unwrap().to_string();
    let detail = fixture.get(&format!("/api/plans/{plan}"), &coordinator).await.json();
    assert_eq!((detail["status"].as_str(), detail["mandate"].as_str()), (Some("proposed"), Some(mandate.as_str())));
    let committed = fixture.send(Method::POST, &format!("/api/plans/{plan}/commit"), &coordinator, None).await;
    assert_eq!(committed.status, 200, "{}", committed.text());
    assert_eq!(fixture.get(&format!("/api/plans/{plan}"), &coordinator).await.json()["status"], "committed");
    let cancelled = fixture.send(Method::POST, &format!("/api/plans/{plan}/cancel"), &coordinator, None).await;
    assert_eq!(cancelled.status, 200, "{}", cancelled.text());
    refused(&fixture, Method::POST, &format!("/api/plans/{plan}/commit"), &coordinator, None, 409, "plan_closed").await;
    fixture.finish();
}

#[tokio::test]
async fn people_credits_and_goods_read_and_change_as_their_owners() {
    let fixture = Fixture::new();
    let me = fixture.token("participant");
    let participants = fixture.get("/api/participants", &me).await.json();
    assert!(participants.as_array().expect("list").iter().any(|p| p["handle"] == handle("participant2")));
    refused(&fixture, Method::GET, "/api/participants/nobody", &me, None, 404, "unknown_participant").await;
    let own = fixture
        .post_json(
            &format!("/api/participants/{}/availability", handle("participant")),
            &me,
            json!({"hours_per_weekday": [8, 8, 8, 8, 4, 0, 0]}),
        )
        .await;
    assert_eq!(own.status, 200, "{}", own.text());
    assert_eq!(
        fixture.get(&format!("/api/participants/{}", handle("participant")), &me).await.json()["available_hours_per_week"],
        "36"
    );
    refused_post(
        &fixture,
        &format!("/api/participants/{}/availability", handle("participant")),
        &me,
        json!({"hours_per_weekday": [8, 8, 8, 8, 30, 0, 0]}),
        422,
        "invalid_field",
    )
    .await;
    let certifications =
        fixture.get(&format!("/api/certifications?handle={}", handle("participant")), &me).await.json();
    assert!(certifications.as_array().is_some_and(|list| !list.is_empty()));
    refused_post(
        &fixture,
        "/api/certifications",
        &me,
        json!({"handle": handle("participant"), "skill": "setup", "level": 1}),
        403,
        "own_work",
    )
    .await;
    assert_eq!(fixture.get("/api/challenges", &me).await.status, 200);
    let balances = fixture.get("/api/credits", &me).await.json();
    assert!(balances.as_array().is_some_and(|list| list.len() == participants.as_array().unwrap().len()));
    refused(&fixture, Method::GET, "/api/credits/nobody/history", &me, None, 404, "unknown_participant").await;
    assert_eq!(fixture.get("/api/goods", &me).await.status, 200);
    assert_eq!(fixture.get("/api/entitlements", &me).await.status, 200);
    let coordinator = fixture.token("coordinator");
    let produced =
        fixture.post_json("/api/goods", &coordinator, json!({"design": "DES-0001", "serial": "TEST-0001"})).await;
    assert_eq!(produced.status, 200, "{}", produced.text());
    refused_post(
        &fixture,
        "/api/goods/TEST-0001/distribute",
        &coordinator,
        json!({"to": handle("participant")}),
        409,
        "no_entitlement",
    )
    .await;
    let granted = fixture
        .post_json("/api/entitlements", &coordinator, json!({"handle": handle("participant"), "design": "DES-0001"}))
        .await;
    assert_eq!(granted.status, 200, "{}", granted.text());
    let released =
        fixture.post_json("/api/goods/TEST-0001/distribute", &coordinator, json!({"to": handle("participant")})).await;
    assert_eq!(released.status, 200, "{}", released.text());
    refused_post(
        &fixture,
        "/api/goods/TEST-0001/distribute",
        &coordinator,
        json!({"to": handle("participant")}),
        409,
        "good_already_released",
    )
    .await;
    fixture.finish();
}

#[tokio::test]
async fn a_coordinator_proposes_and_confirms_crews_and_members_answer_for_themselves() {
    let fixture = Fixture::new();
    let plan = prodos_demo::ACTIVE_PLAN.to_string();
    let coordinator = fixture.token("coordinator");
    let shown = fixture.get(&format!("/api/plans/{plan}/match"), &fixture.token("auditor")).await;
    assert_eq!(shown.status, 200, "{}", shown.text());
    assert_eq!(shown.json()["plan"], plan.as_str());
    refused(&fixture, Method::GET, "/api/plans/PROD-0999/match", &coordinator, None, 404, "unknown_plan").await;
    let proposed = fixture.send(Method::POST, &format!("/api/plans/{plan}/match"), &coordinator, None).await;
    assert_eq!(proposed.status, 200, "{}", proposed.text());
    let confirmed = fixture.send(Method::POST, &format!("/api/plans/{plan}/match/confirm"), &coordinator, None).await;
    assert_eq!(confirmed.status, 200, "{}", confirmed.text());
    let view = fixture.get(&format!("/api/plans/{plan}/match"), &coordinator).await.json();
    assert!(view["places_confirmed"].as_u64().is_some_and(|places| places > 0), "{view}");
    // Someone matched accepts their own place; a decline needs a reason.
    let crews = view["crews"].as_array().expect("crews");
    let me = handle("participant");
    if let Some(crew) =
        crews.iter().find(|crew| crew["members"].as_array().is_some_and(|m| m.iter().any(|m| m["handle"] == me)))
    {
        let (plan_part, rest) = crew["task"].as_str().unwrap().split_once('/').unwrap();
        let (operation, unit) = rest.rsplit_once('#').unwrap();
        let base = format!("/api/tasks/{plan_part}/{operation}/{unit}");
        refused_post(
            &fixture,
            &format!("{base}/decline"),
            &fixture.token("participant"),
            json!({}),
            422,
            "invalid_json",
        )
        .await;
        let accepted = fixture.send(Method::POST, &format!("{base}/accept"), &fixture.token("participant"), None).await;
        assert_eq!(accepted.status, 200, "{}", accepted.text());
    }
    fixture.finish();
}
