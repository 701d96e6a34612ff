//! Router tests for what coordinators set and import: the node's resources and calendar, credit
//! settings and labor recorded by its verifier, and the CSV imports of stock, participants and
//! bills of materials. Each family has its success path and bad input that must be a 4xx writing
//! nothing.

use crate::support::{Caller, Fixture, Reply, handle};
use axum::http::Method;
use serde_json::{Value, json};

/// A 4xx with the shared error body, and the ledger where it was.
fn assert_refused(fixture: &Fixture, head_before: u64, reply: &Reply, status: u16, code: &str) {
    assert_eq!(reply.status.as_u16(), status, "{}", reply.text());
    let body = reply.json();
    assert_eq!(body["code"], code, "{body}");
    assert!(body.as_object().is_some_and(|object| object.contains_key("field")), "{body}");
    assert_eq!(fixture.head(), head_before, "a refused request wrote to the ledger");
}

/// A write that went through, recording exactly these event kinds.
fn assert_recorded(reply: &Reply, events: &[&str]) {
    assert_eq!(reply.status, 200, "{}", reply.text());
    assert_eq!(reply.json()["events"], json!(events), "{}", reply.text());
}

async fn send_csv(fixture: &Fixture, uri: &str, caller: &Caller, text: &str) -> Reply {
    fixture.send(Method::POST, uri, caller, Some(("text/csv", text.as_bytes().to_vec()))).await
}

fn message(reply: &Reply) -> String {
    reply.json()["message"].as_str().unwrap_or_default().to_string()
}

#[tokio::test]
async fn resources_are_read_by_members_and_declared_by_coordinators() {
    let fixture = Fixture::new();
    let coordinator = fixture.token("coordinator");
    let before = fixture.get("/api/resources", &fixture.token("participant")).await;
    assert_eq!(before.status, 200, "{}", before.text());
    assert!(before.json()["tools"].as_array().is_some_and(|tools| !tools.is_empty()));

    let tool =
        fixture.post_json("/api/resources/tools", &coordinator, json!({"tool": "radius-dish", "count": 2})).await;
    assert_recorded(&tool, &["ToolCountDeclared"]);
    let skill = fixture
        .post_json("/api/resources/skills", &coordinator, json!({"skill": "setup", "level": 2, "headcount": 3}))
        .await;
    assert_recorded(&skill, &["SkillHeadcountDeclared"]);
    let labor_rate = fixture
        .post_json("/api/resources/labor-rates", &coordinator, json!({"skill": "setup", "level": 2, "rate": 31.5}))
        .await;
    assert_recorded(&labor_rate, &["LaborRateSet"]);
    let tool_rate =
        fixture.post_json("/api/resources/tool-rates", &coordinator, json!({"tool": "radius-dish", "rate": 4})).await;
    assert_recorded(&tool_rate, &["ToolRateSet"]);

    let after = fixture.get("/api/resources", &fixture.token("auditor")).await.json();
    assert!(after["tools"].as_array().expect("tools").contains(&json!(["radius-dish", 2])), "{after}");
    let setup = after["skills"].as_array().expect("skills").iter().find(|skill| skill["skill"] == "setup").cloned();
    assert_eq!(setup.expect("setup declared")["by_level"][1], 3, "{after}");
    assert!(after["labor_rates"].as_array().expect("rates").iter().any(|rate| rate["what"] == "setup level 2"));
    assert!(after["tool_rates"].as_array().expect("rates").iter().any(|rate| rate["what"] == "radius-dish"));

    let head = fixture.head();
    let unknown_field = fixture
        .post_json("/api/resources/tools", &coordinator, json!({"tool": "radius-dish", "count": 1, "colour": "red"}))
        .await;
    assert_refused(&fixture, head, &unknown_field, 422, "invalid_json");
    let negative =
        fixture.post_json("/api/resources/tools", &coordinator, json!({"tool": "radius-dish", "count": -1})).await;
    assert_refused(&fixture, head, &negative, 422, "count_must_not_be_negative");
    let level = fixture
        .post_json("/api/resources/skills", &coordinator, json!({"skill": "setup", "level": 9, "headcount": 1}))
        .await;
    assert_refused(&fixture, head, &level, 422, "skill_level_out_of_range");
    let huge = fixture
        .post_json("/api/resources/tool-rates", &coordinator, json!({"tool": "radius-dish", "rate": 1e300}))
        .await;
    assert_refused(&fixture, head, &huge, 422, "invalid_field");
    assert_eq!(huge.json()["field"], "rate");
    let below_zero = fixture
        .post_json("/api/resources/labor-rates", &coordinator, json!({"skill": "setup", "level": 1, "rate": -2}))
        .await;
    assert_refused(&fixture, head, &below_zero, 422, "negative_cost");
    fixture.finish();
}

#[tokio::test]
async fn the_calendar_is_read_by_members_and_set_by_coordinators() {
    let fixture = Fixture::new();
    let coordinator = fixture.token("coordinator");
    let calendar = fixture.get("/api/calendar", &fixture.token("participant")).await;
    assert_eq!(calendar.status, 200, "{}", calendar.text());
    assert_eq!(calendar.json()["weekdays"], "mon,tue,wed,thu,fri");

    let week = json!({"weekdays": ["mon", "Tuesday", "wed", "thu"], "start": "07:30", "hours": 9.5});
    let set = fixture.send(Method::PUT, "/api/calendar/week", &coordinator, Some(json_body(&week))).await;
    assert_recorded(&set, &["WorkWeekSet"]);
    let again = fixture.send(Method::PUT, "/api/calendar/week", &coordinator, Some(json_body(&week))).await;
    assert_recorded(&again, &[]);
    let closed = fixture
        .post_json("/api/calendar/closures", &coordinator, json!({"day": "2030-12-24", "reason": "holiday"}))
        .await;
    assert_recorded(&closed, &["DayClosed"]);
    let calendar = fixture.get("/api/calendar", &fixture.token("auditor")).await.json();
    assert_eq!(calendar["weekdays"], "mon,tue,wed,thu", "{calendar}");
    assert_eq!(calendar["day_start"], "07:30", "{calendar}");
    assert_eq!(calendar["daily_work_hours"], "9.5", "{calendar}");
    assert!(calendar["closures"].as_array().expect("closures").contains(&json!(["2030-12-24", "holiday"])));

    let head = fixture.head();
    for (body, field) in [
        (json!({"weekdays": ["funday"]}), "weekdays"),
        (json!({"start": "25:00"}), "start"),
        (json!({"hours": 0}), "hours"),
    ] {
        let reply = fixture.send(Method::PUT, "/api/calendar/week", &coordinator, Some(json_body(&body))).await;
        assert_refused(&fixture, head, &reply, 422, "invalid_field");
        assert_eq!(reply.json()["field"], field);
    }
    let no_days =
        fixture.send(Method::PUT, "/api/calendar/week", &coordinator, Some(json_body(&json!({"weekdays": []})))).await;
    assert_refused(&fixture, head, &no_days, 422, "invalid_work_week");
    let unknown_field =
        fixture.send(Method::PUT, "/api/calendar/week", &coordinator, Some(json_body(&json!({"days": 5})))).await;
    assert_refused(&fixture, head, &unknown_field, 422, "invalid_json");
    let bad_day =
        fixture.post_json("/api/calendar/closures", &coordinator, json!({"day": "2030-13-01", "reason": "x"})).await;
    assert_refused(&fixture, head, &bad_day, 422, "invalid_field");
    assert_eq!(bad_day.json()["field"], "day");
    let posted = fixture.post_json("/api/calendar/week", &coordinator, week).await;
    assert_refused(&fixture, head, &posted, 405, "method_not_allowed");
    fixture.finish();
}

fn json_body(value: &Value) -> (&'static str, Vec<u8>) {
    ("application/json", value.to_string().into_bytes())
}

#[tokio::test]
async fn coordinators_set_the_credit_policy_weights_and_gates() {
    let fixture = Fixture::new();
    let coordinator = fixture.token("coordinator");
    let settings = fixture.get("/api/credit-policy", &fixture.token("participant")).await;
    assert_eq!(settings.status, 200, "{}", settings.text());
    let before = settings.json()["policy"].clone();
    assert!(before["decay_rate_per_period_bp"].is_u64(), "{before}");

    let policy = fixture.post_json("/api/credit-policy", &coordinator, json!({"decay_rate_per_period_bp": 300})).await;
    assert_recorded(&policy, &["CreditPolicySet"]);
    let weight = fixture
        .post_json(
            "/api/credit-policy/weights",
            &coordinator,
            json!({"skill": "setup", "level": 3, "weight_per_hour": 1.5}),
        )
        .await;
    assert_recorded(&weight, &["CreditWeightSet"]);
    let gate = fixture
        .post_json(
            "/api/credit-policy/gates",
            &coordinator,
            json!({"privilege": "work", "min_hours": 2, "window_days": 60, "from_level": 5}),
        )
        .await;
    assert_recorded(&gate, &["GateRuleSet"]);

    let settings = fixture.get("/api/credit-policy", &fixture.token("auditor")).await.json();
    assert_eq!(settings["policy"]["decay_rate_per_period_bp"], 300, "{settings}");
    // What was left out kept its value.
    assert_eq!(settings["policy"]["default_weight_per_hour"], before["default_weight_per_hour"], "{settings}");
    assert!(
        settings["weights"]
            .as_array()
            .expect("weights")
            .contains(&json!({"skill": "setup", "level": 3, "weight_per_hour": "1.5"}))
    );
    let work_gate =
        settings["gates"].as_array().expect("gates").iter().find(|gate| gate["privilege"] == "work").cloned();
    let work_gate = work_gate.expect("the work gate");
    assert_eq!((work_gate["from_level"].clone(), work_gate["window_days"].clone()), (json!(5), json!(60)));

    let head = fixture.head();
    let decay = fixture.post_json("/api/credit-policy", &coordinator, json!({"decay_rate_per_period_bp": 20000})).await;
    assert_refused(&fixture, head, &decay, 422, "invalid_field");
    assert_eq!(decay.json()["field"], "decay_rate_per_period_bp");
    let privilege = fixture
        .post_json(
            "/api/credit-policy/gates",
            &coordinator,
            json!({"privilege": "sleep", "min_hours": 1, "window_days": 7}),
        )
        .await;
    assert_refused(&fixture, head, &privilege, 422, "invalid_json");
    let window = fixture
        .post_json(
            "/api/credit-policy/gates",
            &coordinator,
            json!({"privilege": "goods", "min_hours": 1, "window_days": 0}),
        )
        .await;
    assert_refused(&fixture, head, &window, 422, "count_must_be_positive");
    let unknown_field = fixture.post_json("/api/credit-policy", &coordinator, json!({"decay_bp": 100})).await;
    assert_refused(&fixture, head, &unknown_field, 422, "invalid_json");
    fixture.finish();
}

#[tokio::test]
async fn labor_is_recorded_by_its_verifier_never_by_the_worker() {
    let fixture = Fixture::new();
    let worker = handle("participant");
    let history_len = |reply: Reply| reply.json().as_array().map(Vec::len).expect("history rows");
    let history_uri = format!("/api/credits/{worker}/history");
    let rows_before = history_len(fixture.get(&history_uri, &fixture.token("auditor")).await);
    let labor_uri = format!("/api/credits/{worker}/labor");
    let work = json!({"skill": "luthiery.joinery", "level": 2, "hours": 3, "note": "repaired the go-bar deck"});

    // participant2, certified higher in joinery, verifies the participant's work.
    let verified = fixture.post_json(&labor_uri, &fixture.token("participant2"), work.clone()).await;
    assert_recorded(&verified, &["LaborRecorded"]);
    assert_eq!(history_len(fixture.get(&history_uri, &fixture.token("auditor")).await), rows_before + 1);
    // So may a coordinator.
    let by_coordinator = fixture.post_json(&labor_uri, &fixture.token("coordinator"), work.clone()).await;
    assert_recorded(&by_coordinator, &["LaborRecorded"]);

    let head = fixture.head();
    let own = fixture.post_json(&labor_uri, &fixture.token("participant"), work.clone()).await;
    assert_refused(&fixture, head, &own, 403, "own_work");
    // Verifying someone else's work still needs the level: the core decides.
    let above_me = fixture
        .post_json(
            &format!("/api/credits/{}/labor", handle("participant2")),
            &fixture.token("participant"),
            json!({"skill": "luthiery.joinery", "level": 5, "hours": 1}),
        )
        .await;
    assert_refused(&fixture, head, &above_me, 403, "not_qualified");
    let no_hours = fixture
        .post_json(
            &labor_uri,
            &fixture.token("coordinator"),
            json!({"skill": "luthiery.joinery", "level": 2, "hours": 0}),
        )
        .await;
    assert_refused(&fixture, head, &no_hours, 422, "quantity_must_be_positive");
    let too_long = fixture
        .post_json(
            &labor_uri,
            &fixture.token("coordinator"),
            json!({"skill": "luthiery.joinery", "level": 2, "hours": 30}),
        )
        .await;
    assert_refused(&fixture, head, &too_long, 422, "invalid_field");
    let verifier_named = fixture
        .post_json(
            &labor_uri,
            &fixture.token("coordinator"),
            json!({"skill": "luthiery.joinery", "level": 2, "hours": 1, "verified_by": handle("participant2")}),
        )
        .await;
    assert_refused(&fixture, head, &verifier_named, 422, "invalid_json");
    let nobody = fixture.post_json("/api/credits/nobody/labor", &fixture.token("coordinator"), work).await;
    assert_refused(&fixture, head, &nobody, 404, "unknown_participant");
    fixture.finish();
}

#[tokio::test]
async fn stock_imports_from_csv_and_bad_rows_name_their_line() {
    let fixture = Fixture::new();
    let coordinator = fixture.token("coordinator");
    let lots_before = fixture.get("/api/stock/lots", &coordinator).await.json().as_array().map(Vec::len);
    let csv = "material,qty,unit,unit_cost,location,provenance,source\n\
               abalone-rosette,2,pc,36.50,drawer-3,supplier,luthier-supply\n\
               bone-nut-blank,10,pc,1.20,drawer-2,own,\n";
    let imported = send_csv(&fixture, "/api/stock/import", &coordinator, csv).await;
    assert_eq!(imported.status, 200, "{}", imported.text());
    let events = imported.json()["events"].clone();
    assert_eq!(events.as_array().expect("events").iter().filter(|kind| *kind == "LotReceived").count(), 2, "{events}");
    let lots_after = fixture.get("/api/stock/lots", &coordinator).await.json().as_array().map(Vec::len);
    assert_eq!(lots_after, lots_before.map(|count| count + 2));

    let head = fixture.head();
    let malformed = "material,qty,unit,unit_cost,location,provenance\n\
                     abalone-rosette,1,pc,36.50,drawer-3,own\n\
                     abalone-rosette,lots,pc,36.50,drawer-3,own\n";
    let reply = send_csv(&fixture, "/api/stock/import", &coordinator, malformed).await;
    assert_refused(&fixture, head, &reply, 422, "invalid_input_file");
    assert!(message(&reply).contains("stock.csv:3:"), "{}", reply.text());
    // A row the parser accepts but the core refuses (rosettes are counted, not weighed) is
    // pointed at its line too.
    let mismatch = "material,qty,unit,unit_cost,location,provenance\n\
                    bone-nut-blank,1,pc,1.20,drawer-2,own\n\
                    abalone-rosette,1,kg,36.50,drawer-3,own\n";
    let reply = send_csv(&fixture, "/api/stock/import", &coordinator, mismatch).await;
    assert_refused(&fixture, head, &reply, 422, "invalid_input_file");
    assert!(message(&reply).contains("stock.csv:3:"), "{}", reply.text());
    let as_json = fixture.post_json("/api/stock/import", &coordinator, json!({"material": "x"})).await;
    assert_refused(&fixture, head, &as_json, 415, "unsupported_media_type");
    fixture.finish();
}

#[tokio::test]
async fn participants_import_from_csv_and_bad_rows_name_their_line() {
    let fixture = Fixture::new();
    let coordinator = fixture.token("coordinator");
    let csv = "handle,real_name,coordinator\nzoe,\"Park, Zoe\",no\n\nyann,,\n";
    let imported = send_csv(&fixture, "/api/participants", &coordinator, csv).await;
    assert_recorded(&imported, &["ParticipantAdded", "ParticipantAdded"]);
    let zoe = fixture.get("/api/participants/zoe", &coordinator).await;
    assert_eq!(zoe.status, 200, "{}", zoe.text());
    assert_eq!(zoe.json()["real_name"], "Park, Zoe");
    assert_eq!(fixture.get("/api/participants/yann", &coordinator).await.status, 200);

    let head = fixture.head();
    for (text, line) in [
        ("handle,coordinator\nxavi,no\nwren,maybe\n", "participants.csv:3:"),
        ("handle,real_name\nBad Handle,Someone\n", "participants.csv:2:"),
        ("name,coordinator\nxavi,no\n", "participants.csv:1:"),
        ("handle\nxavi\nxavi\n", "participants.csv:3:"),
    ] {
        let reply = send_csv(&fixture, "/api/participants", &coordinator, text).await;
        assert_refused(&fixture, head, &reply, 422, "invalid_input_file");
        assert!(message(&reply).contains(line), "{line}: {}", reply.text());
    }
    let only_participants = send_csv(&fixture, "/api/participants", &fixture.token("participant"), csv).await;
    assert_refused(&fixture, head, &only_participants, 403, "forbidden");
    fixture.finish();
}

#[tokio::test]
async fn a_bom_csv_imports_as_a_draft_design_and_bad_rows_name_their_line() {
    let fixture = Fixture::new();
    let coordinator = fixture.token("coordinator");
    let csv = "parent,component,qty,unit,scrap_pct\n\
               bench,seat,1,pc,\n\
               bench,leg,4,pc,\n\
               seat,oak-slat,5,pc,10\n";
    let uri = "/api/designs/import-bom?key=garden-bench&name=Garden%20bench";
    let imported = send_csv(&fixture, uri, &coordinator, csv).await;
    assert_eq!(imported.status, 200, "{}", imported.text());
    let design = imported.json()["design"].as_str().expect("drafted").to_string();
    let detail = fixture.get(&format!("/api/designs/{design}"), &coordinator).await;
    assert_eq!(detail.status, 200, "{}", detail.text());
    assert_eq!(detail.json()["key"], "garden-bench", "{}", detail.text());

    let head = fixture.head();
    let malformed = "parent,component,qty,unit\nstool,seat,1,pc\nstool,leg,many,pc\n";
    let reply = send_csv(&fixture, "/api/designs/import-bom?key=stool&name=Stool", &coordinator, malformed).await;
    assert_refused(&fixture, head, &reply, 422, "invalid_input_file");
    assert!(message(&reply).contains("bom.csv:3:"), "{}", reply.text());
    let no_name = send_csv(&fixture, "/api/designs/import-bom?key=stool", &coordinator, csv).await;
    assert_refused(&fixture, head, &no_name, 400, "bad_query");
    let extra = send_csv(&fixture, "/api/designs/import-bom?key=stool&name=Stool&colour=red", &coordinator, csv).await;
    assert_refused(&fixture, head, &extra, 400, "bad_query");
    fixture.finish();
}
