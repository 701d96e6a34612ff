//! The authorization matrix: every route of the registry × every role and anonymous, and a
//! participant acting on another participant's object, against a table written here by hand. A
//! route missing from the table fails the test, and so does a denied request that wrote anything.

use crate::support::{Caller, Fixture, PASSWORD, handle};
use axum::http::Method;
use axum::http::header::CONTENT_TYPE;
use prodos_server::routes::registry;
use serde_json::{Value, json};

/// One row: may `anonymous` pass the access check, the letters of the roles allowed
/// (p participant, c coordinator, u auditor, a admin), and the error code a participant gets when
/// acting on another participant's object through this route ("" where the route has no object
/// of a participant's, or reading it is allowed).
type Row = (bool, &'static str, &'static str);

fn expected(method: &Method, path: &str) -> Option<Row> {
    let row = match (method.as_str(), path) {
        ("GET", "/api/health") => (true, "pcua", ""),
        ("GET", "/api/openapi.json") => (true, "pcua", ""),
        ("GET", "/api/public/record") => (true, "pcua", ""),
        ("GET", "/record") => (true, "pcua", ""),
        ("POST", "/api/session") => (true, "pcua", ""),
        ("GET", "/api/session") => (false, "pcua", ""),
        ("DELETE", "/api/session") => (false, "pcua", ""),
        ("GET", "/api/tokens") => (false, "pcua", ""),
        ("POST", "/api/tokens") => (false, "pcua", ""),
        ("DELETE", "/api/tokens/{id}") => (false, "pcua", "not_found"),
        ("GET", "/api/accounts") => (false, "a", ""),
        ("POST", "/api/accounts") => (false, "a", ""),
        ("POST", "/api/accounts/{handle}/disable") => (false, "a", ""),
        ("POST", "/api/accounts/{handle}/enable") => (false, "a", ""),
        ("POST", "/api/accounts/{handle}/role") => (false, "a", ""),
        ("PUT", "/api/accounts/{handle}/password") => (false, "a", ""),
        ("GET", "/api/accounts/{handle}/tokens") => (false, "a", ""),
        ("POST", "/api/accounts/{handle}/tokens") => (false, "a", ""),
        // One's own password, whatever the role; there is no one else's to reach through it.
        ("PUT", "/api/account/password") => (false, "pcua", ""),
        ("GET", "/api/designs") => (false, "pcua", ""),
        ("POST", "/api/designs") => (false, "c", ""),
        ("POST", "/api/designs/import-bom") => (false, "c", ""),
        ("GET", "/api/designs/{design}") => (false, "pcua", ""),
        ("GET", "/api/designs/{design}/export") => (false, "pcua", ""),
        ("GET", "/api/designs/{design}/cost") => (false, "pcua", ""),
        ("POST", "/api/designs/{design}/certify") => (false, "c", ""),
        ("POST", "/api/designs/{design}/retire") => (false, "c", ""),
        ("GET", "/api/stock") => (false, "pcua", ""),
        ("GET", "/api/stock/lots") => (false, "pcua", ""),
        ("POST", "/api/stock/receive") => (false, "c", ""),
        ("POST", "/api/stock/import") => (false, "c", ""),
        ("POST", "/api/stock/reserve") => (false, "c", ""),
        ("POST", "/api/stock/release") => (false, "c", ""),
        ("POST", "/api/stock/consume") => (false, "c", ""),
        ("POST", "/api/stock/lots/{lot}/adjust") => (false, "c", ""),
        ("GET", "/api/suppliers") => (false, "pcua", ""),
        ("POST", "/api/suppliers") => (false, "c", ""),
        ("GET", "/api/resources") => (false, "pcua", ""),
        ("POST", "/api/resources/tools") => (false, "c", ""),
        ("POST", "/api/resources/skills") => (false, "c", ""),
        ("POST", "/api/resources/labor-rates") => (false, "c", ""),
        ("POST", "/api/resources/tool-rates") => (false, "c", ""),
        ("GET", "/api/calendar") => (false, "pcua", ""),
        ("PUT", "/api/calendar/week") => (false, "c", ""),
        ("POST", "/api/calendar/closures") => (false, "c", ""),
        ("GET", "/api/mandates") => (false, "pcua", ""),
        ("POST", "/api/mandates") => (false, "c", ""),
        ("GET", "/api/production") => (false, "pcua", ""),
        ("GET", "/api/plans") => (false, "pcua", ""),
        ("POST", "/api/plans") => (false, "c", ""),
        ("GET", "/api/plans/{plan}") => (false, "pcua", ""),
        ("GET", "/api/plans/{plan}/gantt.svg") => (false, "pcua", ""),
        ("GET", "/api/plans/{plan}/cost") => (false, "pcua", ""),
        ("POST", "/api/plans/{plan}/commit") => (false, "c", ""),
        ("POST", "/api/plans/{plan}/cancel") => (false, "c", ""),
        ("GET", "/api/plans/{plan}/match") => (false, "pcua", ""),
        ("POST", "/api/plans/{plan}/match") => (false, "c", ""),
        ("POST", "/api/plans/{plan}/match/confirm") => (false, "c", ""),
        ("POST", "/api/tasks/{plan}/{operation}/{unit}/accept") => (false, "pc", ""),
        ("POST", "/api/tasks/{plan}/{operation}/{unit}/decline") => (false, "pc", ""),
        ("POST", "/api/tasks/{plan}/{operation}/{unit}/swap") => (false, "pc", ""),
        ("GET", "/api/tasks") => (false, "pcua", ""),
        ("POST", "/api/tasks/{plan}/{operation}/{unit}/start") => (false, "pc", "not_yours"),
        ("POST", "/api/tasks/{plan}/{operation}/{unit}/complete") => (false, "pc", "not_yours"),
        // Verifying someone else's work is what verification is; only one's own is refused.
        ("POST", "/api/tasks/{plan}/{operation}/{unit}/verify") => (false, "pc", ""),
        ("POST", "/api/tasks/{plan}/{operation}/{unit}/reject") => (false, "pc", ""),
        ("POST", "/api/tasks/{plan}/{operation}/{unit}/block") => (false, "pc", "not_yours"),
        ("POST", "/api/tasks/{plan}/{operation}/{unit}/unblock") => (false, "pc", "not_yours"),
        ("POST", "/api/tasks/{plan}/{operation}/{unit}/inspect") => (false, "pc", ""),
        ("GET", "/api/inspections") => (false, "pcua", ""),
        ("GET", "/api/ncrs") => (false, "pcua", ""),
        ("GET", "/api/ncrs/{ncr}") => (false, "pcua", ""),
        ("POST", "/api/ncrs/{ncr}/dispose") => (false, "pc", ""),
        ("GET", "/api/designs/{design}/spc/{check}") => (false, "pcua", ""),
        ("POST", "/api/designs/{design}/spc/{check}/freeze") => (false, "c", ""),
        ("POST", "/api/designs/{design}/spc/{check}/stage") => (false, "c", ""),
        ("GET", "/api/reviews") => (false, "pcua", ""),
        ("GET", "/api/reviews/{review}") => (false, "pcua", ""),
        ("POST", "/api/reviews/{review}/resolve") => (false, "c", ""),
        ("POST", "/api/reviews/{review}/close") => (false, "c", ""),
        ("GET", "/api/field-reports") => (false, "pcua", ""),
        ("POST", "/api/field-reports") => (false, "pc", ""),
        ("GET", "/api/incoming-plans") => (false, "pcua", ""),
        ("PUT", "/api/materials/{material}/incoming-inspection") => (false, "c", ""),
        ("GET", "/api/sampling-plan") => (false, "pcua", ""),
        ("POST", "/api/lots/{lot}/inspect") => (false, "pc", ""),
        ("GET", "/api/lot-inspections") => (false, "pcua", ""),
        ("GET", "/api/assets") => (false, "pcua", ""),
        ("POST", "/api/assets") => (false, "c", ""),
        ("GET", "/api/assets/{asset}") => (false, "pcua", ""),
        ("POST", "/api/assets/{asset}/meter") => (false, "pc", ""),
        // Anyone who works here reports a breakdown they see.
        ("POST", "/api/assets/{asset}/breakdown") => (false, "pc", ""),
        ("GET", "/api/pm-plans") => (false, "pcua", ""),
        ("POST", "/api/pm-plans") => (false, "c", ""),
        ("GET", "/api/maintenance/due") => (false, "pcua", ""),
        ("POST", "/api/maintenance/issue") => (false, "pc", ""),
        ("GET", "/api/work-orders") => (false, "pcua", ""),
        ("POST", "/api/work-orders/{order}/start") => (false, "pc", ""),
        ("POST", "/api/work-orders/{order}/complete") => (false, "pc", ""),
        ("POST", "/api/work-orders/{order}/verify") => (false, "pc", ""),
        ("GET", "/api/maintenance/reliability") => (false, "pcua", ""),
        ("GET", "/api/maintenance/periods") => (false, "pcua", ""),
        // Anyone who sees an unsafe machine takes it out of use; releasing it is a coordinator's.
        ("POST", "/api/assets/{asset}/lockout") => (false, "pc", ""),
        ("POST", "/api/assets/{asset}/lockout/clear") => (false, "c", ""),
        ("GET", "/api/improvements") => (false, "pcua", ""),
        ("POST", "/api/improvements") => (false, "pc", ""),
        ("POST", "/api/improvements/{proposal}/decide") => (false, "c", ""),
        ("POST", "/api/improvements/{proposal}/close") => (false, "pc", ""),
        ("GET", "/api/loops") => (false, "pcua", ""),
        ("GET", "/api/incidents") => (false, "pcua", ""),
        ("POST", "/api/incidents") => (false, "pc", ""),
        ("POST", "/api/incidents/{incident}/suspend") => (false, "c", ""),
        ("GET", "/api/participants") => (false, "pcua", ""),
        ("POST", "/api/participants") => (false, "c", ""),
        ("GET", "/api/participants/{handle}") => (false, "pcua", ""),
        ("POST", "/api/participants/{handle}/availability") => (false, "pc", "not_yours"),
        ("POST", "/api/participants/{handle}/absences") => (false, "pc", "not_yours"),
        ("GET", "/api/certifications") => (false, "pcua", ""),
        ("POST", "/api/certifications") => (false, "pc", ""),
        ("POST", "/api/certifications/revoke") => (false, "c", ""),
        ("GET", "/api/challenges") => (false, "pcua", ""),
        ("POST", "/api/challenges") => (false, "c", ""),
        ("POST", "/api/challenges/{challenge}/attempts") => (false, "pc", "not_yours"),
        ("POST", "/api/attempts/{attempt}/signoff") => (false, "pc", ""),
        ("GET", "/api/credits") => (false, "pcua", ""),
        ("GET", "/api/credits/{handle}") => (false, "pcua", ""),
        ("GET", "/api/credits/{handle}/history") => (false, "pcua", ""),
        // Recording someone else's labor is verifying it; only one's own is refused (`own_work`).
        ("POST", "/api/credits/{handle}/labor") => (false, "pc", ""),
        ("GET", "/api/credit-policy") => (false, "pcua", ""),
        ("POST", "/api/credit-policy") => (false, "c", ""),
        ("POST", "/api/credit-policy/weights") => (false, "c", ""),
        ("POST", "/api/credit-policy/gates") => (false, "c", ""),
        ("GET", "/api/goods") => (false, "pcua", ""),
        ("POST", "/api/goods") => (false, "c", ""),
        ("POST", "/api/goods/{good}/distribute") => (false, "c", ""),
        ("GET", "/api/entitlements") => (false, "pcua", ""),
        ("POST", "/api/entitlements") => (false, "c", ""),
        ("POST", "/api/entitlements/earn") => (false, "pc", ""),
        ("GET", "/api/audit/log") => (false, "pcua", ""),
        ("GET", "/api/audit/verify") => (false, "cua", ""),
        ("GET", "/api/events") => (false, "pcua", ""),
        ("GET", "/") => (false, "pcua", ""),
        ("GET", "/login") => (true, "pcua", ""),
        ("POST", "/login") => (true, "pcua", ""),
        ("POST", "/logout") => (false, "pcua", ""),
        ("GET", "/account") => (false, "pcua", ""),
        ("POST", "/account/password") => (false, "pcua", ""),
        ("GET", "/plans") => (false, "pcua", ""),
        ("GET", "/plans/{plan}") => (false, "pcua", ""),
        ("GET", "/tasks") => (false, "pcua", ""),
        ("POST", "/tasks/{plan}/{operation}/{unit}/{action}") => (false, "pc", "not_yours"),
        ("GET", "/participants") => (false, "pcua", ""),
        ("GET", "/participants/{handle}") => (false, "pcua", ""),
        ("GET", "/goods") => (false, "pcua", ""),
        ("GET", "/designs") => (false, "pcua", ""),
        ("GET", "/designs/{design}") => (false, "pcua", ""),
        ("GET", "/designs/{design}/quality") => (false, "pcua", ""),
        ("GET", "/stock") => (false, "pcua", ""),
        ("GET", "/audit") => (false, "pcua", ""),
        ("GET", "/static/app.css") => (true, "pcua", ""),
        ("GET", "/static/live.js") => (true, "pcua", ""),
        _ => return None,
    };
    Some(row)
}

/// The objects the samples point at: the plan being worked, a task another participant (the
/// fixture's `participant2`) is working on, and whose handle the samples use.
struct Objects {
    other_token_id: String,
    /// `PROD-0031/fit-neck/7`: a task in progress by `participant2`.
    others_task: String,
    plan: String,
    /// The handle the samples act on: the participant's own, or `participant2`'s.
    handle: &'static str,
}

fn objects(fixture: &Fixture, handle: &'static str) -> Objects {
    let other = crate::support::handle("participant2");
    let (plan, others_task) = fixture.state.node.read(|state| {
        let plan = state.plans.plan(prodos_demo::ACTIVE_PLAN).expect("the demo's active plan");
        let tasks = prodos_app::views::people::TaskView::of_plan(state, plan);
        let task = tasks.iter().find(|task| task.status == "in progress" && task.worker.as_deref() == Some(other));
        let task = task.expect("participant2 works on a task of the demo's active plan");
        (plan.id.to_string(), format!("{}/{}/{}", task.plan, task.operation, task.unit))
    });
    let other_token_id = fixture.state.accounts.tokens_of(other).expect("tokens")[0].id.clone();
    Objects { other_token_id, others_task, plan, handle }
}

/// A concrete request for a route: the URI with its parameters filled in, and a body.
fn sample(path: &str, objects: &Objects) -> (String, Option<(&'static str, Vec<u8>)>) {
    let json = |value: Value| Some(("application/json", value.to_string().into_bytes()));
    let other = handle("participant2");
    let body = match path {
        "/api/session" => json(json!({"handle": "auditor", "password": PASSWORD})),
        "/login" => Some((
            "application/x-www-form-urlencoded",
            format!("handle=auditor&password={}", PASSWORD.replace(' ', "+")).into_bytes(),
        )),
        "/api/tokens" => json(json!({"label": "matrix"})),
        "/api/accounts" => json(json!({"handle": "newcomer", "role": "participant", "password": PASSWORD})),
        "/api/accounts/{handle}/role" => json(json!({"role": "auditor"})),
        "/api/accounts/{handle}/password" => json(json!({"new_password": "a reset password for the matrix"})),
        "/api/accounts/{handle}/tokens" => json(json!({"label": "matrix"})),
        // A wrong current password: the route is reached and refuses (422), and the accounts keep
        // the password the sign-in samples use.
        "/api/account/password" => json(
            json!({"current_password": "not the password at all", "new_password": "a new password for the matrix"}),
        ),
        "/api/designs" => Some(("application/toml", prodos_demo::EXAMPLE_DESIGNS[0].1.as_bytes().to_vec())),
        "/api/designs/import-bom" => Some(("text/csv", b"parent,component,qty,unit\nbench,leg,4,pc\n".to_vec())),
        "/api/stock/receive" => json(json!({"material": "abalone-rosette", "qty": 1, "unit": "pc", "cost": 2.5})),
        "/api/stock/import" => Some((
            "text/csv",
            b"material,qty,unit,unit_cost,location,provenance\nabalone-rosette,1,pc,2.5,store,own\n".to_vec(),
        )),
        "/api/stock/reserve" => {
            json(json!({"material": "abalone-rosette", "qty": 1, "unit": "pc", "purpose": "matrix-hold"}))
        }
        "/api/stock/release" => json(json!({"purpose": "matrix-hold"})),
        "/api/stock/consume" => json(json!({"material": "abalone-rosette", "qty": 1, "unit": "pc"})),
        "/api/stock/lots/{lot}/adjust" => json(json!({"delta": 1, "reason": "count"})),
        "/api/suppliers" => Some(("text/csv", prodos_demo::EXAMPLE_SUPPLIERS.1.as_bytes().to_vec())),
        "/api/resources/tools" => json(json!({"tool": "matrix-jig", "count": 1})),
        // Headcount 0 at every level leaves planning with the certified participants.
        "/api/resources/skills" => json(json!({"skill": "setup", "level": 1, "headcount": 0})),
        "/api/resources/labor-rates" => json(json!({"skill": "setup", "level": 1, "rate": 20})),
        "/api/resources/tool-rates" => json(json!({"tool": "matrix-jig", "rate": 1.5})),
        // The demo's own week, so later plan routes see the calendar unchanged.
        "/api/calendar/week" => {
            json(json!({"weekdays": ["mon", "tue", "wed", "thu", "fri"], "start": "08:00", "hours": 8}))
        }
        "/api/calendar/closures" => json(json!({"day": "2030-12-25", "reason": "matrix"})),
        "/api/credits/{handle}/labor" => json(json!({"skill": "luthiery.bending", "level": 1, "hours": 1})),
        "/api/credit-policy" => json(json!({})),
        "/api/credit-policy/weights" => json(json!({"skill": "setup", "level": 1, "weight_per_hour": 1})),
        "/api/credit-policy/gates" => json(json!({"privilege": "goods", "min_hours": 0, "window_days": 30})),
        "/api/mandates" => json(json!({"design": "DES-0001", "qty": 1, "due": "2027-12-01"})),
        "/api/plans" => json(json!({"mandate": "MAN-0001", "schedules": 5})),
        "/api/tasks/{plan}/{operation}/{unit}/start" if objects.handle == other => json(json!({"worker": other})),
        "/api/tasks/{plan}/{operation}/{unit}/reject" | "/api/tasks/{plan}/{operation}/{unit}/block" => {
            json(json!({"reason": "matrix"}))
        }
        "/api/tasks/{plan}/{operation}/{unit}/decline" => json(json!({"reason": "matrix"})),
        "/api/tasks/{plan}/{operation}/{unit}/swap" => json(json!({"with": other})),
        "/api/tasks/{plan}/{operation}/{unit}/inspect" => json(json!({"check": "neck-relief", "values": [0.25]})),
        "/api/ncrs/{ncr}/dispose" => json(json!({"disposition": "use_as_is", "reason": "matrix"})),
        "/api/designs/{design}/spc/{check}/freeze" => json(json!({})),
        "/api/designs/{design}/spc/{check}/stage" => json(json!({"label": "matrix"})),
        "/api/reviews/{review}/resolve" => json(json!({"new_version": 2})),
        "/api/field-reports" => {
            json(json!({"serial": "acoustic-guitar-0013", "kind": "observation", "note": "matrix"}))
        }
        // As for the JSON route: a wrong current password is refused, the accounts keep theirs.
        "/account/password" => Some((
            "application/x-www-form-urlencoded",
            b"current_password=not+the+password&new_password=a+new+password+here&confirm_password=a+new+password+here"
                .to_vec(),
        )),
        "/tasks/{plan}/{operation}/{unit}/{action}" => {
            Some(("application/x-www-form-urlencoded", b"reason=matrix&back=/tasks".to_vec()))
        }
        "/api/participants" => json(json!({"handle": "newbie"})),
        "/api/participants/{handle}/availability" => json(json!({"hours_per_weekday": [8, 8, 8, 8, 8, 0, 0]})),
        "/api/participants/{handle}/absences" => {
            json(json!({"from": "2027-03-01", "to": "2027-03-02", "reason": "matrix"}))
        }
        "/api/certifications" => json(json!({"handle": other, "skill": "setup", "level": 1})),
        "/api/certifications/revoke" => json(json!({"handle": other, "skill": "setup", "reason": "matrix"})),
        "/api/challenges" => json(json!({"skill": "setup", "level": 1, "title": "matrix", "steps": ["tune"]})),
        "/api/challenges/{challenge}/attempts" => json(json!({"handle": objects.handle, "steps": [1]})),
        "/api/goods" => json(json!({"design": "DES-0001"})),
        "/api/goods/{good}/distribute" => json(json!({"to": other})),
        "/api/entitlements" => json(json!({"handle": other, "design": "DES-0001"})),
        "/api/entitlements/earn" => json(json!({"design": "DES-0001"})),
        "/api/materials/{material}/incoming-inspection" => json(json!({"aql": 1.0})),
        "/api/lots/{lot}/inspect" => json(json!({"inspected": 13, "defective": 0})),
        "/api/assets" => json(json!({"kind": "workbench", "name": "Matrix bench"})),
        "/api/assets/{asset}/meter" => json(json!({"hours": 1.0})),
        "/api/assets/{asset}/breakdown" => json(json!({"description": "matrix", "severity": "minor"})),
        "/api/pm-plans" => json(json!({"key": "matrix", "kind": "workbench", "every_days": 30,
            "procedure": "matrix", "skill": "setup", "level": 1, "duration_min": 30})),
        "/api/work-orders/{order}/complete" => json(json!({"note": "matrix"})),
        "/api/assets/{asset}/lockout" => json(json!({"reason": "matrix"})),
        "/api/assets/{asset}/lockout/clear" => json(json!({"inspection": "matrix"})),
        "/api/incidents" => json(json!({"description": "matrix", "kind": "near_miss"})),
        "/api/improvements" => json(json!({"title": "matrix", "expected": "matrix", "design": "DES-0001",
            "operation": "matrix-op", "metric": "throughput"})),
        "/api/improvements/{proposal}/decide" => json(json!({"approve": true, "note": "matrix"})),
        "/api/improvements/{proposal}/close" => json(json!({})),
        "/api/incidents/{incident}/suspend" => json(json!({"handle": other})),
        _ => None,
    };
    let account = if path.starts_with("/api/accounts/") { "spare" } else { objects.handle };
    let (task_plan, rest) = objects.others_task.split_once('/').expect("plan/operation/unit");
    let (operation, unit) = rest.split_once('/').expect("operation/unit");
    let uri = path
        .replace("{id}", &objects.other_token_id)
        .replace("{handle}", account)
        .replace("{design}", "DES-0001")
        .replace("{lot}", "LOT-0001")
        .replace("{material}", "abalone-rosette")
        .replace("{plan}/{operation}/{unit}", &format!("{task_plan}/{operation}/{unit}"))
        .replace("{plan}/match", &format!("{}/match", objects.plan))
        .replace("{action}", "block")
        .replace("{plan}", &objects.plan)
        .replace("{challenge}", "CHL-0001")
        .replace("{ncr}", "NCR-0001")
        .replace("{review}", "REV-0001")
        .replace("{check}", "neck-relief")
        .replace("{attempt}", "ATT-0001")
        .replace("{good}", "GOOD-0001")
        .replace("{asset}", "AST-0001")
        .replace("{order}", "WO-0001")
        .replace("{incident}", "INC-0001")
        .replace("{proposal}", "IMP-0001");
    let uri = match path {
        "/api/designs/import-bom" => format!("{uri}?key=matrix-bench&name=Matrix"),
        "/api/sampling-plan" => format!("{uri}?lot_size=500&aql=2.5"),
        _ => uri,
    };
    (uri, body)
}

#[tokio::test]
async fn every_route_for_every_role_matches_the_table() {
    let fixture = Fixture::new();
    let objects = objects(&fixture, handle("participant"));
    let callers: [(&str, Option<char>); 5] = [
        ("anonymous", None),
        ("participant", Some('p')),
        ("coordinator", Some('c')),
        ("auditor", Some('u')),
        ("admin", Some('a')),
    ];
    let mut failures = Vec::new();
    for spec in registry() {
        let Some((anonymous_allowed, roles, _)) = expected(&spec.method, spec.path) else {
            failures.push(format!("{} {} is missing from the matrix", spec.method, spec.path));
            continue;
        };
        for (name, letter) in callers {
            let caller = if letter.is_some() { fixture.token(name) } else { Caller::Anonymous };
            let allowed = letter.map_or(anonymous_allowed, |letter| roles.contains(letter));
            let (uri, body) = sample(spec.path, &objects);
            let head_before = fixture.head();
            let reply = fixture.send(spec.method.clone(), &uri, &caller, body).await;
            // A page's own refusal is an HTML page; the guard's denials are JSON or a redirect.
            let html = reply.headers.get(CONTENT_TYPE).is_some_and(|v| v.as_bytes().starts_with(b"text/html"));
            let code =
                if reply.status.is_success() || reply.body.is_empty() || html { String::new() } else { reply.code() };
            let denied = ["unauthenticated", "sign_in_required", "forbidden"].contains(&code.as_str());
            if allowed == denied {
                failures.push(format!(
                    "{} {} as {name}: expected {}, got {} {}",
                    spec.method,
                    uri,
                    if allowed { "allowed" } else { "denied" },
                    reply.status,
                    reply.text()
                ));
            }
            if reply.status.is_server_error() {
                // An allowed call may still be refused by the domain (a 4xx), never fail.
                failures.push(format!("{} {uri} as {name}: {} {}", spec.method, reply.status, reply.text()));
            }
            if denied {
                let expected_code = match (letter, spec.access) {
                    (Some(_), _) => "forbidden",
                    (None, prodos_server::auth::Access::Page) => "sign_in_required",
                    (None, _) => "unauthenticated",
                };
                if code != expected_code {
                    failures.push(format!("{} {uri} as {name}: denied with {code}, want {expected_code}", spec.method));
                }
                if fixture.head() != head_before {
                    failures.push(format!("{} {uri} as {name}: denied but wrote to the ledger", spec.method));
                }
            }
        }
    }
    assert!(failures.is_empty(), "authorization matrix:\n{}", failures.join("\n"));
    fixture.finish();
}

/// The matrix's last column: the participant acts on `participant2`'s object (their task, their
/// availability, their token, an attempt in their name) and is refused with the expected code,
/// writing nothing; a fresh fixture per route, so earlier writes cannot hide a refusal.
#[tokio::test]
async fn a_participant_acting_on_another_participants_object_is_refused() {
    let fixture = Fixture::new();
    let objects = objects(&fixture, handle("participant2"));
    let mut failures = Vec::new();
    let mut checked = 0;
    for spec in registry() {
        let Some((_, _, refusal)) = expected(&spec.method, spec.path) else { continue };
        if refusal.is_empty() {
            continue;
        }
        checked += 1;
        let (uri, body) = sample(spec.path, &objects);
        let head_before = fixture.head();
        let caller = if spec.access == prodos_server::auth::Access::Page {
            fixture.login("participant").await
        } else {
            fixture.token("participant")
        };
        let reply = fixture.send(spec.method.clone(), &uri, &caller, body).await;
        let code = if reply.body.is_empty() { String::new() } else { reply.code() };
        if code != refusal || !reply.status.is_client_error() {
            failures.push(format!("{} {uri}: want {refusal}, got {} {}", spec.method, reply.status, reply.text()));
        }
        if fixture.head() != head_before {
            failures.push(format!("{} {uri}: refused but wrote to the ledger", spec.method));
        }
    }
    assert!(checked >= 8, "the column covers tasks, people records and tokens");
    assert!(failures.is_empty(), "another participant's object:\n{}", failures.join("\n"));
    fixture.finish();
}

#[tokio::test]
async fn a_participant_cannot_revoke_another_participants_token() {
    let fixture = Fixture::new();
    let other_token = fixture.state.accounts.tokens_of(handle("participant2")).expect("tokens")[0].id.clone();
    let reply =
        fixture.send(Method::DELETE, &format!("/api/tokens/{other_token}"), &fixture.token("participant"), None).await;
    assert_eq!(reply.status, 404, "{}", reply.text());
    // The other participant's token still works.
    let reply = fixture.get("/api/session", &fixture.token("participant2")).await;
    assert_eq!(reply.status, 200);
    // An admin may revoke it, after which it no longer authenticates.
    let reply =
        fixture.send(Method::DELETE, &format!("/api/tokens/{other_token}"), &fixture.token("admin"), None).await;
    assert_eq!(reply.status, 204, "{}", reply.text());
    let reply = fixture.get("/api/session", &fixture.token("participant2")).await;
    assert_eq!(reply.status, 401);
    fixture.finish();
}
