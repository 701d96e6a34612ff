//! The dashboard pages: sign in through the form, read every page, sign out with the form's CSRF
//! token; anonymous browsers are sent to the sign-in page.

use crate::support::{Caller, Fixture, PASSWORD, handle};
use axum::http::{Method, header};

fn form(handle: &str, password: &str) -> Option<(&'static str, Vec<u8>)> {
    let body = format!("handle={handle}&password={}", password.replace(' ', "+"));
    Some(("application/x-www-form-urlencoded", body.into_bytes()))
}

#[tokio::test]
async fn anonymous_browsers_are_sent_to_sign_in() {
    let fixture = Fixture::new();
    for page in ["/", "/designs", "/designs/DES-0001", "/stock", "/audit"] {
        let reply = fixture.get(page, &Caller::Anonymous).await;
        assert_eq!(reply.status, 303, "{page}");
        assert_eq!(reply.headers[header::LOCATION], "/login", "{page}");
    }
    let login = fixture.get("/login", &Caller::Anonymous).await;
    assert_eq!(login.status, 200);
    assert!(login.text().contains("<form method=\"post\" action=\"/login\""));
    fixture.finish();
}

#[tokio::test]
async fn sign_in_read_every_page_and_sign_out() {
    let fixture = Fixture::new();
    let wrong =
        fixture.send(Method::POST, "/login", &Caller::Anonymous, form(handle("coordinator"), "wrong password!!")).await;
    assert_eq!(wrong.status, 401);
    assert!(wrong.text().contains("wrong handle or password"));

    let reply = fixture.send(Method::POST, "/login", &Caller::Anonymous, form(handle("coordinator"), PASSWORD)).await;
    assert_eq!(reply.status, 303, "{}", reply.text());
    let cookie =
        reply.headers[header::SET_COOKIE].to_str().expect("ascii").split(';').next().expect("cookie").to_string();
    let browser = Caller::Session { cookie: cookie.clone(), csrf: None };

    let overview = fixture.get("/", &browser).await;
    assert_eq!(overview.status, 200);
    assert!(overview.text().contains(&format!("{} (coordinator)", handle("coordinator"))));
    let designs = fixture.get("/designs", &browser).await.text();
    assert!(designs.contains("href=\"/designs/DES-0001\"") && designs.contains("acoustic-guitar"));
    let design = fixture.get("/designs/DES-0002", &browser).await;
    assert_eq!(design.status, 200);
    assert!(design.text().contains("wall-module"), "the BOM tree lists nested modules");
    let stock = fixture.get("/stock", &browser).await.text();
    assert!(stock.contains("LOT-0001") && stock.contains("abalone-rosette"));
    let audit = fixture.get("/audit", &browser).await.text();
    assert!(audit.contains("Chain intact"), "{audit}");
    assert_eq!(fixture.get("/static/app.css", &Caller::Anonymous).await.status, 200);
    assert_eq!(fixture.get("/designs/DES-0999", &browser).await.status, 404);

    // Sign-out without the form's token is refused; with it, the session ends.
    let refused = fixture
        .send(Method::POST, "/logout", &browser, Some(("application/x-www-form-urlencoded", b"csrf=nope".to_vec())))
        .await;
    assert_eq!(refused.status, 403);
    let csrf = overview
        .text()
        .split("name=\"csrf\" value=\"")
        .nth(1)
        .expect("csrf field")
        .split('"')
        .next()
        .expect("value")
        .to_string();
    let out = fixture
        .send(
            Method::POST,
            "/logout",
            &browser,
            Some(("application/x-www-form-urlencoded", format!("csrf={csrf}").into_bytes())),
        )
        .await;
    assert_eq!(out.status, 303);
    assert_eq!(fixture.get("/", &browser).await.status, 303);
    fixture.finish();
}

#[tokio::test]
async fn page_text_is_escaped() {
    let fixture = Fixture::new();
    let received = fixture
        .post_json(
            "/api/stock/receive",
            &fixture.token("coordinator"),
            serde_json::json!({"material": "abalone-rosette", "qty": 1, "unit": "pc", "cost": 1, "location": "<script>alert(1)</script>"}),
        )
        .await;
    assert_eq!(received.status, 200, "{}", received.text());
    let stock = fixture.get("/stock", &fixture.token("auditor")).await.text();
    assert!(!stock.contains("<script>alert(1)</script>"));
    assert!(stock.contains("&#60;script&#62;") || stock.contains("&lt;script&gt;"), "escaped");
    fixture.finish();
}

#[tokio::test]
async fn the_plan_page_and_task_board_carry_their_hooks_and_their_forms_act() {
    let fixture = Fixture::new();
    let plan = prodos_demo::ACTIVE_PLAN.to_string();
    let browser = fixture.login("participant").await;
    let plans = fixture.get("/plans", &browser).await.text();
    assert!(plans.contains(&format!("data-plan=\"{plan}\"")), "{plans}");
    let page = fixture.get(&format!("/plans/{plan}"), &browser).await;
    assert_eq!(page.status, 200);
    let page = page.text();
    for hook in [
        "id=\"plan-progress\"",
        "data-complete=\"",
        "data-total=\"",
        "<svg",
        "id=\"verdict\"",
        "data-task=\"",
        "data-action=\"start\"",
    ] {
        assert!(page.contains(hook), "plan page lacks {hook}");
    }
    // Start a ready task from the board: a form post with the session's CSRF token, back to the page.
    let (start_path, task) = {
        let (before, _) = page.split_once("data-action=\"start\"").expect("a start button");
        let form_open = "<form method=\"post\" action=\"";
        let form_at = before.rfind(form_open).expect("form");
        let action = before[form_at + form_open.len()..].split('"').next().expect("action").to_string();
        let card_open = "data-task=\"";
        let card_at = before.rfind(card_open).expect("card");
        (action, before[card_at + card_open.len()..].split('"').next().expect("task").to_string())
    };
    let csrf = match &browser {
        Caller::Session { csrf, .. } => csrf.clone().expect("csrf"),
        _ => unreachable!(),
    };
    let no_csrf = match &browser {
        Caller::Session { cookie, .. } => Caller::Session { cookie: cookie.clone(), csrf: None },
        _ => unreachable!(),
    };
    let head = fixture.head();
    let body = format!("back=/plans/{plan}");
    let forged = fixture
        .send(
            Method::POST,
            &start_path,
            &no_csrf,
            Some(("application/x-www-form-urlencoded", body.clone().into_bytes())),
        )
        .await;
    assert_eq!(forged.status, 403, "{}", forged.text());
    assert_eq!(fixture.head(), head, "a form without its CSRF token wrote");
    let body = format!("csrf={csrf}&back=/plans/{plan}");
    let reply = fixture
        .send(Method::POST, &start_path, &no_csrf, Some(("application/x-www-form-urlencoded", body.into_bytes())))
        .await;
    // The demo's participant may or may not hold the skill of the first startable card; either the
    // task started and the browser goes back, or an error page says why and nothing was written.
    if reply.status == 303 {
        assert_eq!(reply.headers["location"], format!("/plans/{plan}").as_str());
        let board = fixture.get("/tasks", &browser).await.text();
        let card_at = board.find(&format!("data-task=\"{task}\"")).expect("card on the board");
        assert!(board[card_at..].starts_with(&format!("data-task=\"{task}\" data-status=\"in progress\"")));
    } else {
        assert!(reply.status.is_client_error(), "{}", reply.text());
        assert!(reply.text().contains("data-error=\""));
        assert_eq!(fixture.head(), head);
    }
    // Another participant's task: an error page with the reason, nothing written.
    let other = handle("participant2");
    let others = fixture.state.node.read(|state| {
        let found = state.plans.plan(prodos_demo::ACTIVE_PLAN).expect("plan");
        prodos_app::views::people::TaskView::of_plan(state, found)
            .into_iter()
            .find(|task| task.status == "in progress" && task.worker.as_deref() == Some(other))
            .expect("participant2 works on something")
    });
    let head = fixture.head();
    let uri = format!("/tasks/{}/{}/{}/complete", others.plan, others.operation, others.unit);
    let body = format!("csrf={csrf}&back=/tasks");
    let refused = fixture
        .send(Method::POST, &uri, &no_csrf, Some(("application/x-www-form-urlencoded", body.into_bytes())))
        .await;
    assert_eq!(refused.status, 403);
    assert_eq!(refused.code(), "not_yours");
    assert_eq!(fixture.head(), head);
    for page in ["/tasks", "/participants", &format!("/participants/{other}"), "/goods", "/designs/DES-0001"] {
        let reply = fixture.get(page, &browser).await;
        assert_eq!(reply.status, 200, "{page}: {}", reply.text());
    }
    assert!(fixture.get("/designs/DES-0001", &browser).await.text().contains("id=\"design-cost\" data-total=\""));
    assert!(fixture.get(&format!("/participants/{other}"), &browser).await.text().contains("id=\"credits\""));
    // Auditors read the board but are offered no actions.
    let auditor_board = fixture.get("/tasks", &fixture.token("auditor")).await.text();
    assert!(auditor_board.contains("data-task=\"") && !auditor_board.contains("data-action="));
    fixture.finish();
}

/// The `csrf` field of a page's forms.
fn csrf_field(page: &str) -> String {
    page.split("name=\"csrf\" value=\"").nth(1).expect("csrf field").split('"').next().expect("value").to_string()
}

fn session_of(reply: &crate::support::Reply) -> Caller {
    let cookie = reply.headers[header::SET_COOKIE].to_str().expect("ascii").split(';').next().expect("cookie");
    Caller::Session { cookie: cookie.to_string(), csrf: None }
}

#[tokio::test]
async fn a_browser_changes_its_own_password_on_the_account_page() {
    let fixture = Fixture::new();
    let me = handle("participant");
    let signed_in = fixture.send(Method::POST, "/login", &Caller::Anonymous, form(me, PASSWORD)).await;
    let browser = session_of(&signed_in);
    let page = fixture.get("/account", &browser).await;
    assert_eq!(page.status, 200);
    assert!(page.text().contains("action=\"/account/password\"") && page.text().contains(me), "{}", page.text());
    let csrf = csrf_field(&page.text());
    let change = |current: &str, new: &str, again: &str| {
        let body = format!("csrf={csrf}&current_password={current}&new_password={new}&confirm_password={again}")
            .replace(' ', "+");
        Some(("application/x-www-form-urlencoded", body.into_bytes()))
    };
    let new_password = "a brand new passphrase";
    let entries = fixture.state.node.head().seq;

    let wrong = fixture
        .send(Method::POST, "/account/password", &browser, change("not it at all", new_password, new_password))
        .await;
    assert_eq!(wrong.status, 422);
    assert!(wrong.text().contains("the current password is wrong"), "{}", wrong.text());
    let mismatch = fixture
        .send(Method::POST, "/account/password", &browser, change(PASSWORD, new_password, "something else entirely"))
        .await;
    assert_eq!(mismatch.status, 422);
    assert!(mismatch.text().contains("confirmation differ"), "{}", mismatch.text());
    assert_eq!(fixture.state.node.head().seq, entries, "a refused change records nothing");

    let changed =
        fixture.send(Method::POST, "/account/password", &browser, change(PASSWORD, new_password, new_password)).await;
    assert_eq!(changed.status, 303, "{}", changed.text());
    assert_eq!(changed.headers[header::LOCATION], "/account?changed=true");
    // The old session ended; the browser carries on under the new one.
    assert_eq!(fixture.get("/account", &browser).await.status, 303);
    let carried_on = fixture.get("/account?changed=true", &session_of(&changed)).await;
    assert_eq!(carried_on.status, 200);
    assert!(carried_on.text().contains("Password changed"), "{}", carried_on.text());
    assert_eq!(fixture.send(Method::POST, "/login", &Caller::Anonymous, form(me, PASSWORD)).await.status, 401);
    assert_eq!(fixture.send(Method::POST, "/login", &Caller::Anonymous, form(me, new_password)).await.status, 303);
    fixture.finish();
}

#[tokio::test]
async fn a_field_repair_time_is_checked_recorded_and_averaged_into_the_score() {
    let fixture = Fixture::new();
    let me = fixture.token("participant");
    let reports = fixture.get("/api/field-reports", &me).await.json();
    let serial = reports[0]["serial"].as_str().expect("the demo's field failure").to_string();
    assert_eq!(reports[0]["repair_min"], 45);
    let failure = |repair_min: i64| serde_json::json!({"serial": serial, "kind": "failure", "item": "hardware", "note": "tuner slips", "repair_min": repair_min});
    let head = fixture.head();
    let refused = fixture.post_json("/api/field-reports", &me, failure(0)).await;
    assert_eq!(refused.status, 422, "{}", refused.text());
    assert_eq!(refused.json()["field"], "repair_min", "{}", refused.text());
    assert_eq!(fixture.head(), head, "a refusal writes nothing");
    let filed = fixture.post_json("/api/field-reports", &me, failure(75)).await;
    assert_eq!(filed.status, 200, "{}", filed.text());
    let reports = fixture.get("/api/field-reports", &me).await.json();
    assert_eq!(reports[1]["repair_min"], 75, "{reports}");

    let browser = fixture.login("participant").await;
    let page = fixture.get("/designs/DES-0001/quality", &browser).await.text();
    let v1 = page.find("data-design=\"DES-0001@v1\"").expect("v1's score");
    assert!(page[v1..].contains("field repairs took 1.00 h on average"), "(45 + 75) ÷ 2 minutes: {}", &page[v1..]);
    fixture.finish();
}

#[tokio::test]
async fn a_designs_quality_page_charts_its_checks_signals_and_nonconformances() {
    let fixture = Fixture::new();
    let browser = fixture.login("participant").await;
    let design = fixture.get("/designs/DES-0001", &browser).await.text();
    assert!(design.contains("href=\"/designs/DES-0001/quality\""), "the design page links its quality page");
    assert!(design.contains("class=\"design-score\" data-design=\"DES-0001@v2\""), "the version's score");
    assert!(design.contains("data-score=\"modularity\" data-value=\""), "{design}");
    assert!(design.contains("<td>yes, with fret-press, workbench</td>"), "the BOM says what is replaceable");

    let reply = fixture.get("/designs/DES-0001/quality", &browser).await;
    assert_eq!(reply.status, 200, "{}", reply.text());
    let page = reply.text();
    assert!(page.contains("<title>Quality of "), "{page}");
    for wanted in [
        "<svg",
        "role=\"img\"",
        "neck relief at the 7th fret",
        "id=\"check-setup-neck-relief\"",
        "class=\"point signalled\"",
        "class=\"ucl\"",
        "Rules in use:",
        "data-ncr=\"NCR-0001\"",
        "NCR-0001",
        "PROD-0010/fret#2",
    ] {
        assert!(page.contains(wanted), "the quality page lacks {wanted}");
    }
    assert!(page.contains("Nelson 5") || page.contains("Nelson 6"), "a run rule's signal is listed");
    let signals = page.split("class=\"signals\" data-count=\"").nth(1).expect("a signals table");
    assert_ne!(signals.split('"').next(), Some("0"), "the drifting check has signals");
    assert!(page.contains("class=\"band "), "capability carries its band");
    assert!(!page.contains("&lt;svg"), "the chart is embedded, not escaped");

    // Every version's lifetime score, latest first; v1 is the one built and in the field.
    let v2 = page.find("class=\"design-score\" data-design=\"DES-0001@v2\"").expect("v2's score");
    let v1 = page.find("class=\"design-score\" data-design=\"DES-0001@v1\"").expect("v1's score");
    assert!(v2 < v1, "latest first");
    let v1_score = &page[v1..];
    assert!(v1_score.contains("data-score=\"repairability\" data-value=\"28\""), "{v1_score}");
    assert!(v1_score.contains("8 of 29 part lines are replaceable without destroying others"), "{v1_score}");
    assert!(v1_score.contains("mean repair time: 0.75 h, one reported repair"), "{v1_score}");
    assert!(v1_score.contains("data-score=\"durability\" data-value=\""), "{v1_score}");
    assert!(v1_score.contains("MTTF "), "the field failure gives v1 an MTTF: {v1_score}");
    assert!(v1_score.contains("first-pass yield"), "{v1_score}");
    assert!(page[v2..v1].contains("not enough data: no good of this version has been distributed"));

    let missing = fixture.get("/designs/DES-9999/quality", &browser).await;
    assert_eq!(missing.status, 404);
    let design_missing = fixture.get("/designs/DES-9999", &browser).await;
    assert_eq!(missing.text(), design_missing.text(), "the same not-found page as the design page");
    let (bad, bad_design) = (
        fixture.get("/designs/not-a-design/quality", &browser).await,
        fixture.get("/designs/not-a-design", &browser).await,
    );
    assert!(bad.status.is_client_error() && bad.status == bad_design.status, "{}", bad.text());
    assert_eq!(fixture.get("/designs/DES-0001/quality", &Caller::Anonymous).await.status, 303);
    fixture.finish();
}
