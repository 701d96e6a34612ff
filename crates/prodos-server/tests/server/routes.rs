//! One router test per route, without a socket: what each route answers for a caller allowed to
//! use it, and that writes reach the ledger (and repeat safely under an Idempotency-Key).

use crate::support::{Caller, Fixture, handle};
use axum::http::{Method, StatusCode, header};
use prodos_core::StockCommand;
use serde_json::json;

#[tokio::test]
async fn health_openapi_and_the_public_record_need_no_login() {
    let fixture = Fixture::new();
    let health = fixture.get("/api/health", &Caller::Anonymous).await;
    assert_eq!(health.status, 200);
    assert_eq!(health.json()["head_seq"], fixture.head());
    let document = fixture.get("/api/openapi.json", &Caller::Anonymous).await;
    assert_eq!(document.status, 200);
    assert!(document.json()["paths"]["/api/designs"].is_object());
    let record = fixture.get("/api/public/record", &Caller::Anonymous).await;
    assert_eq!(record.status, 200);
    let record = record.json();
    assert_eq!(record["head_seq"], fixture.head());
    assert_eq!(record["certified_designs"][0]["design"], "DES-0001@v1");
    // What was produced, by whom, with what: the demo's finished batches and PROD-0031 under way.
    let batches = record["batches"].as_array().unwrap();
    let active = batches.iter().find(|batch| batch["plan"] == "PROD-0031").unwrap();
    assert_eq!((active["state"].as_str(), active["mandated_by"].as_str()), (Some("in production"), Some("DEC-0019")));
    let finished = batches.iter().find(|batch| batch["state"] == "finished").unwrap();
    assert!(!finished["labor"].as_array().unwrap().is_empty(), "{finished}");
    assert!(finished["materials"][0]["provenance"].is_string(), "{finished}");
    assert!(record["goods"].as_array().unwrap().len() >= 10);
    let page = fixture.get("/record", &Caller::Anonymous).await;
    assert_eq!(page.status, 200);
    assert!(page.text().contains("Operational record") && page.text().contains("PROD-0031"));
    fixture.finish();
}

#[tokio::test]
async fn the_public_record_needs_a_login_when_the_node_keeps_it_private() {
    let config = prodos_server::ServerConfig { public_record: false, ..prodos_server::ServerConfig::default() };
    let fixture = Fixture::with_config(config);
    assert_eq!(fixture.get("/api/public/record", &Caller::Anonymous).await.status, 401);
    assert_eq!(fixture.get("/api/public/record", &fixture.token("participant")).await.status, 200);
    let page = fixture.get("/record", &Caller::Anonymous).await;
    assert_eq!(page.status, 303, "an anonymous browser is sent to sign in");
    assert_eq!(fixture.get("/record", &fixture.token("auditor")).await.status, 200);
    fixture.finish();
}

#[tokio::test]
async fn designs_list_show_export_import_certify_retire() {
    let fixture = Fixture::new();
    let coordinator = fixture.token("coordinator");
    let list = fixture.get("/api/designs", &fixture.token("participant")).await.json();
    assert_eq!(list.as_array().map(Vec::len), Some(2));
    assert_eq!(list[0]["key"], "acoustic-guitar");

    let detail = fixture.get("/api/designs/DES-0001@v1", &fixture.token("auditor")).await;
    assert_eq!(detail.status, 200);
    let detail = detail.json();
    assert_eq!(detail["id"], "DES-0001@v1");
    assert!(!detail["bom"].as_array().expect("bom").is_empty());
    assert!(!detail["operations"].as_array().expect("operations").is_empty());

    let export = fixture.get("/api/designs/DES-0002/export", &coordinator).await;
    assert_eq!(export.status, 200);
    assert!(export.headers[header::CONTENT_TYPE].to_str().expect("ascii").starts_with("application/toml"));

    // A new design: the guitar under another key.
    let text = prodos_demo::EXAMPLE_DESIGNS[0].1.replacen("key = \"acoustic-guitar\"", "key = \"parlour-guitar\"", 1);
    assert_ne!(text, prodos_demo::EXAMPLE_DESIGNS[0].1, "the example names its key");
    let imported =
        fixture.send(Method::POST, "/api/designs", &coordinator, Some(("application/toml", text.into_bytes()))).await;
    assert_eq!(imported.status, 200, "{}", imported.text());
    assert_eq!(imported.json()["design"], "DES-0003@v1");

    let certified = fixture.send(Method::POST, "/api/designs/DES-0003/certify", &coordinator, None).await;
    assert_eq!(certified.status, 200, "{}", certified.text());
    assert_eq!(certified.json()["events"][0], "DesignCertified");
    let again = fixture.send(Method::POST, "/api/designs/DES-0003/certify", &coordinator, None).await;
    assert_eq!(again.status, 409, "{}", again.text());
    assert_eq!(again.code(), "design_already_certified");

    let retired = fixture.send(Method::POST, "/api/designs/DES-0003/retire", &coordinator, None).await;
    assert_eq!(retired.status, 200, "{}", retired.text());
    fixture.finish();
}

#[tokio::test]
async fn stock_lists_and_moves() {
    let fixture = Fixture::new();
    let coordinator = fixture.token("coordinator");
    let available = |materials: serde_json::Value| {
        materials
            .as_array()
            .expect("list")
            .iter()
            .find(|m| m["material"] == "brass-shim")
            .map(|m| m["available"].clone())
    };
    let materials = fixture.get("/api/stock", &fixture.token("participant")).await.json();
    assert!(materials.as_array().is_some_and(|list| !list.is_empty()));
    assert_eq!(available(materials), None);
    let lots = fixture.get("/api/stock/lots", &coordinator).await.json();
    assert_eq!(lots[0]["lot"], "LOT-0001");

    let received = fixture
        .post_json("/api/stock/receive", &coordinator, json!({"material": "brass-shim", "name": "Brass shim", "qty": 5, "unit": "pc", "cost": 0.4, "provenance": "supplier", "source": "luthier-supply"}))
        .await;
    assert_eq!(received.status, 200, "{}", received.text());
    assert_eq!(available(fixture.get("/api/stock", &coordinator).await.json()), Some(json!("5")));
    let lots = fixture.get("/api/stock/lots", &coordinator).await.json();
    let lot =
        lots.as_array().expect("lots").iter().find(|lot| lot["material"] == "brass-shim").expect("new lot")["lot"]
            .as_str()
            .expect("id")
            .to_string();
    let reserved = fixture
        .post_json(
            "/api/stock/reserve",
            &coordinator,
            json!({"material": "brass-shim", "qty": 4, "unit": "pc", "purpose": "repair-bench"}),
        )
        .await;
    assert_eq!(reserved.status, 200, "{}", reserved.text());
    let consumed = fixture
        .post_json(
            "/api/stock/consume",
            &coordinator,
            json!({"material": "brass-shim", "qty": 1, "unit": "pc", "purpose": "repair-bench"}),
        )
        .await;
    assert_eq!(consumed.status, 200, "{}", consumed.text());
    let too_much = fixture
        .post_json("/api/stock/consume", &coordinator, json!({"material": "brass-shim", "qty": 10, "unit": "pc"}))
        .await;
    assert_eq!(too_much.status, 409, "{}", too_much.text());
    assert_eq!(too_much.code(), "insufficient_stock");
    let released = fixture.post_json("/api/stock/release", &coordinator, json!({"purpose": "repair-bench"})).await;
    assert_eq!(released.status, 200, "{}", released.text());
    let adjusted = fixture
        .post_json(&format!("/api/stock/lots/{lot}/adjust"), &coordinator, json!({"delta": -1, "reason": "bent"}))
        .await;
    assert_eq!(adjusted.status, 200, "{}", adjusted.text());
    assert_eq!(available(fixture.get("/api/stock", &coordinator).await.json()), Some(json!("3")));
    fixture.finish();
}

#[tokio::test]
async fn an_idempotency_key_makes_a_write_repeat_safe() {
    let fixture = Fixture::new();
    let body = json!({"material": "abalone-rosette", "qty": 1, "unit": "pc", "cost": 38});
    let send = || {
        let request = axum::http::Request::post("/api/stock/receive")
            .header(header::AUTHORIZATION, format!("Bearer {}", fixture.tokens[handle("coordinator")]))
            .header(header::CONTENT_TYPE, "application/json")
            .header("Idempotency-Key", "receive-abalone-1")
            .body(axum::body::Body::from(body.to_string()))
            .expect("request");
        fixture.call(request)
    };
    let first = send().await.json();
    let head = fixture.head();
    let second = send().await.json();
    assert_eq!(first["replayed"], false);
    assert_eq!(second["replayed"], true);
    assert_eq!(first["seqs"], second["seqs"]);
    assert_eq!(fixture.head(), head, "the repeat wrote nothing");
    fixture.finish();
}

#[tokio::test]
async fn suppliers_list_and_import() {
    let fixture = Fixture::new();
    let suppliers = fixture.get("/api/suppliers", &fixture.token("auditor")).await.json();
    assert_eq!(suppliers.as_array().map(Vec::len), Some(6));
    let csv = "supplier,supplier_name,material,price,unit,lead_time_days,min_order_qty,available\n\
               bridge-pins-co,Bridge Pins Co,bone-bridge-pins,12.00,set,5,1,yes\n";
    let imported = fixture
        .send(
            Method::POST,
            "/api/suppliers",
            &fixture.token("coordinator"),
            Some(("text/csv", csv.as_bytes().to_vec())),
        )
        .await;
    assert_eq!(imported.status, 200, "{}", imported.text());
    let suppliers = fixture.get("/api/suppliers", &fixture.token("auditor")).await.json();
    assert_eq!(suppliers.as_array().map(Vec::len), Some(7));
    fixture.finish();
}

#[tokio::test]
async fn audit_log_pages_and_verify_reports_the_head() {
    let fixture = Fixture::new();
    let page = fixture.get("/api/audit/log?since=2&limit=3", &fixture.token("participant")).await;
    assert_eq!(page.status, 200, "{}", page.text());
    let seqs: Vec<u64> =
        page.json().as_array().expect("list").iter().map(|e| e["seq"].as_u64().expect("seq")).collect();
    assert_eq!(seqs, vec![2, 3, 4]);
    let verify = fixture.get("/api/audit/verify", &fixture.token("auditor")).await.json();
    assert_eq!(verify["intact"], true);
    assert_eq!(verify["head_seq"], fixture.head());
    let too_many = fixture.get("/api/audit/log?limit=5000", &fixture.token("auditor")).await;
    assert_eq!(too_many.status, 422);
    assert_eq!(too_many.json()["field"], "limit");
    fixture.finish();
}

#[tokio::test]
async fn session_sign_in_whoami_csrf_and_sign_out() {
    let fixture = Fixture::new();
    let session = fixture.login("coordinator").await;
    let Caller::Session { cookie, csrf } = session.clone() else { unreachable!("login returns a session") };
    let me = fixture.get("/api/session", &session).await;
    assert_eq!(me.status, 200);
    assert_eq!(me.json()["role"], "coordinator");

    // A cookie-authenticated write without the CSRF token is refused and writes nothing.
    let head = fixture.head();
    let no_csrf = Caller::Session { cookie: cookie.clone(), csrf: None };
    let refused = fixture.post_json("/api/stock/release", &no_csrf, json!({"purpose": "nothing"})).await;
    assert_eq!(refused.status, 403);
    assert_eq!(refused.code(), "csrf_mismatch");
    let wrong = Caller::Session { cookie: cookie.clone(), csrf: Some("0".repeat(64)) };
    assert_eq!(fixture.post_json("/api/stock/release", &wrong, json!({"purpose": "x"})).await.code(), "csrf_mismatch");
    assert_eq!(fixture.head(), head);
    let with_csrf = Caller::Session { cookie: cookie.clone(), csrf };
    let received = fixture
        .post_json(
            "/api/stock/receive",
            &with_csrf,
            json!({"material": "abalone-rosette", "qty": 1, "unit": "pc", "cost": 1}),
        )
        .await;
    assert_eq!(received.status, 200, "{}", received.text());

    let out = fixture.send(Method::DELETE, "/api/session", &with_csrf, None).await;
    assert_eq!(out.status, StatusCode::NO_CONTENT);
    assert!(out.headers[header::SET_COOKIE].to_str().expect("ascii").contains("Max-Age=0"));
    assert_eq!(fixture.get("/api/session", &with_csrf).await.status, 401);
    fixture.finish();
}

#[tokio::test]
async fn the_session_cookie_is_http_only_strict_and_new_at_every_sign_in() {
    let fixture = Fixture::with_config(prodos_server::ServerConfig::default());
    let first = fixture.login("auditor").await;
    let reply = fixture
        .post_json("/api/session", &first, json!({"handle": "auditor", "password": crate::support::PASSWORD}))
        .await;
    let set_cookie = reply.headers[header::SET_COOKIE].to_str().expect("ascii").to_string();
    for attribute in ["HttpOnly", "SameSite=Strict", "Secure", "Path=/"] {
        assert!(set_cookie.contains(attribute), "{set_cookie} lacks {attribute}");
    }
    let Caller::Session { cookie: first_cookie, .. } = &first else { unreachable!() };
    assert!(!set_cookie.starts_with(first_cookie.as_str()), "the session id rotates at sign-in");
    // The session presented at the second sign-in is ended.
    assert_eq!(fixture.get("/api/session", &first).await.status, 401);
    fixture.finish();
}

#[tokio::test]
async fn tokens_are_created_listed_and_revoked_by_their_owner() {
    let fixture = Fixture::new();
    let participant = fixture.token("participant");
    let created = fixture.post_json("/api/tokens", &participant, json!({"label": "script"})).await;
    assert_eq!(created.status, 201, "{}", created.text());
    let created = created.json();
    let secret = created["secret"].as_str().expect("secret").to_string();
    let id = created["token"]["id"].as_str().expect("id").to_string();
    let new_token = Caller::Token(secret);
    assert_eq!(fixture.get("/api/session", &new_token).await.json()["handle"], handle("participant"));
    let listed = fixture.get("/api/tokens", &participant).await.json();
    assert_eq!(listed.as_array().map(Vec::len), Some(2));
    assert!(listed.to_string().find(&id).is_some());
    assert!(!listed.to_string().contains(created["secret"].as_str().expect("secret")), "secrets are never listed");
    let revoked = fixture.send(Method::DELETE, &format!("/api/tokens/{id}"), &participant, None).await;
    assert_eq!(revoked.status, 204);
    assert_eq!(fixture.get("/api/session", &new_token).await.status, 401);
    fixture.finish();
}

#[tokio::test]
async fn admins_create_and_disable_accounts() {
    let fixture = Fixture::new();
    let admin = fixture.token("admin");
    let created = fixture
        .post_json(
            "/api/accounts",
            &admin,
            json!({"handle": "newcomer", "role": "coordinator", "password": "a long enough password"}),
        )
        .await;
    assert_eq!(created.status, 201, "{}", created.text());
    let listed = fixture.get("/api/accounts", &admin).await.json();
    assert!(listed.as_array().expect("list").iter().any(|a| a["handle"] == "newcomer" && a["role"] == "coordinator"));
    assert!(!listed.to_string().contains("argon2"), "hashes are never listed");
    let short = fixture
        .post_json("/api/accounts", &admin, json!({"handle": "other", "role": "auditor", "password": "short"}))
        .await;
    assert_eq!(short.status, 422);
    assert_eq!(short.json()["field"], "password");

    let session = fixture.login("spare").await;
    let disabled = fixture.send(Method::POST, "/api/accounts/spare/disable", &admin, None).await;
    assert_eq!(disabled.status, 204, "{}", disabled.text());
    assert_eq!(fixture.get("/api/session", &session).await.status, 401, "sessions end");
    assert_eq!(fixture.get("/api/session", &fixture.token("spare")).await.status, 401, "tokens are revoked");
    let login = fixture
        .post_json("/api/session", &Caller::Anonymous, json!({"handle": "spare", "password": crate::support::PASSWORD}))
        .await;
    assert_eq!(login.status, 401);
    fixture.finish();
}

#[tokio::test]
async fn writes_by_another_process_reach_reads_and_live_pages() {
    let fixture = Fixture::new();
    let mut events = fixture.state.appended.subscribe();
    // The CLI on the same data directory: its own node over the same store.
    let cli = prodos_app::Node::open(fixture.ledger.clone()).expect("second node");
    let lot = prodos_core::stock::LotReceipt {
        material: "abalone-rosette".into(),
        material_name: None,
        qty: prodos_core::Quantity { amount: prodos_core::Milli::from_units(3), unit: prodos_core::Unit::Piece },
        unit_cost: prodos_core::Millicents::from_currency(2.0).expect("cost"),
        location: "drawer".into(),
        provenance: prodos_core::stock::Provenance::Own,
    };
    let meta = prodos_app::CommandMeta {
        command_id: "cli-1".into(),
        actor: prodos_core::Actor::Local("cli".into()),
        now: prodos_core::Timestamp::from_millis(fixture.state.now().millis()),
    };
    cli.execute(&prodos_core::Command::Stock(StockCommand::ReceiveLots { lots: vec![lot] }), &meta).expect("cli write");
    let before = fixture.head();
    assert!(prodos_server::follow::catch_up(&fixture.state).await.expect("look"), "the head moved");
    assert_eq!(fixture.head(), cli.head().seq);
    assert!(fixture.head() > before);
    assert_eq!(events.recv().await.expect("announced"), fixture.head());
    let lots = fixture.get("/api/stock/lots", &fixture.token("auditor")).await.json();
    assert!(lots.as_array().unwrap().iter().any(|lot| lot["location"] == "drawer"), "the server reads the new lot");
    assert!(!prodos_server::follow::catch_up(&fixture.state).await.expect("look"), "nothing new the second time");
    fixture.finish();
}

#[tokio::test]
async fn accounts_changed_by_another_process_lose_their_sessions() {
    let fixture = Fixture::new();
    let spare = fixture.login("spare").await;
    let auditor = fixture.login("auditor").await;
    // The host operator's CLI on the same data directory: its own node, the same account store.
    let cli = prodos_app::Node::open(fixture.ledger.clone()).expect("second node");
    let meta = |id: &str| prodos_app::CommandMeta {
        command_id: id.into(),
        actor: prodos_core::Actor::Local("host".into()),
        now: prodos_core::Timestamp::from_millis(fixture.state.now().millis()),
    };
    use prodos_server::auth::{Role, admin};
    assert!(admin::disable_account(&cli, &fixture.state.accounts, &meta("cli-1"), "spare").expect("disable").is_some());
    assert!(
        admin::change_role(&cli, &fixture.state.accounts, &meta("cli-2"), "auditor", Role::Participant)
            .expect("role")
            .is_some()
    );
    assert_eq!(fixture.get("/api/session", &spare).await.status, 200, "not seen yet");
    assert!(prodos_server::follow::catch_up(&fixture.state).await.expect("look"));
    assert_eq!(fixture.get("/api/session", &spare).await.status, 401, "a disabled account's sessions end");
    assert_eq!(fixture.get("/api/session", &auditor).await.status, 401, "a session carries its role, so it ends");
    assert_eq!(fixture.get("/api/session", &fixture.token("participant")).await.status, 200, "others keep theirs");
    fixture.finish();
}

#[tokio::test]
async fn events_announce_each_recorded_command() {
    use futures_util::StreamExt as _;
    let fixture = Fixture::new();
    let request = axum::http::Request::get("/api/events")
        .header(header::AUTHORIZATION, format!("Bearer {}", fixture.tokens[handle("participant")]))
        .body(axum::body::Body::empty())
        .expect("request");
    let response = tower::ServiceExt::oneshot(fixture.app.clone(), request).await.expect("infallible");
    assert_eq!(response.status(), 200);
    assert!(response.headers()[header::CONTENT_TYPE].to_str().expect("ascii").starts_with("text/event-stream"));
    let mut body = response.into_body().into_data_stream();
    let received = fixture
        .post_json(
            "/api/stock/receive",
            &fixture.token("coordinator"),
            json!({"material": "abalone-rosette", "qty": 1, "unit": "pc", "cost": 1}),
        )
        .await;
    assert_eq!(received.status, 200);
    let frame = tokio::time::timeout(std::time::Duration::from_secs(5), body.next())
        .await
        .expect("an event within 5 s")
        .expect("a frame")
        .expect("bytes");
    let text = String::from_utf8_lossy(&frame).into_owned();
    assert!(text.contains("event: appended"), "{text}");
    assert!(text.contains(&format!("data: {}", fixture.head())), "{text}");
    fixture.finish();
}

#[tokio::test]
async fn account_changes_are_recorded_in_the_ledger_without_secrets() {
    let fixture = Fixture::new();
    let admin = fixture.token("admin");
    let head = fixture.head();
    let password = "a long enough password";
    let created = fixture
        .post_json("/api/accounts", &admin, json!({"handle": "newcomer", "role": "participant", "password": password}))
        .await;
    assert_eq!(created.status, 201, "{}", created.text());
    let promoted = fixture.post_json("/api/accounts/newcomer/role", &admin, json!({"role": "auditor"})).await;
    assert_eq!(promoted.status, 204, "{}", promoted.text());
    let missing = fixture.post_json("/api/accounts/nobody/role", &admin, json!({"role": "auditor"})).await;
    assert_eq!(missing.status, 404);
    let issued = fixture.post_json("/api/tokens", &fixture.token("participant"), json!({"label": "script"})).await;
    assert_eq!(issued.status, 201, "{}", issued.text());
    let (token_id, secret) = (
        issued.json()["token"]["id"].as_str().unwrap().to_string(),
        issued.json()["secret"].as_str().unwrap().to_string(),
    );
    let revoked =
        fixture.send(Method::DELETE, &format!("/api/tokens/{token_id}"), &fixture.token("participant"), None).await;
    assert_eq!(revoked.status, 204);
    let disabled = fixture.send(Method::POST, "/api/accounts/newcomer/disable", &admin, None).await;
    assert_eq!(disabled.status, 204);

    let log = fixture.get(&format!("/api/audit/log?since={}", head + 1), &fixture.token("auditor")).await;
    let entries = log.json();
    let kinds: Vec<(&str, &str)> = entries["entries"]
        .as_array()
        .or(entries.as_array())
        .expect("entries")
        .iter()
        .map(|entry| (entry["kind"].as_str().unwrap_or_default(), entry["actor"].as_str().unwrap_or_default()))
        .collect();
    let admin_handle = crate::support::handle("admin");
    let participant = crate::support::handle("participant");
    assert_eq!(
        kinds,
        [
            ("AccountCreated", admin_handle),
            ("AccountRoleChanged", admin_handle),
            ("TokenIssued", participant),
            ("TokenRevoked", participant),
            ("AccountDisabled", admin_handle)
        ]
    );
    let recorded = fixture.state.node.read(|state| state.access.account("newcomer").cloned()).expect("recorded");
    assert_eq!((recorded.role.as_str(), recorded.disabled), ("auditor", true));
    // No secret, and no hash of one, anywhere in the ledger.
    let secret_part = secret.split_once('.').expect("tok_ID.SECRET").1.to_string();
    let mut leaks = Vec::new();
    fixture
        .state
        .node
        .store()
        .scan(1, &mut |entry| {
            let payload = String::from_utf8_lossy(&entry.payload).into_owned();
            if payload.contains(password) || payload.contains(&secret_part) || payload.contains("$argon2") {
                leaks.push(entry.seq);
            }
            Ok(())
        })
        .expect("scan");
    assert!(leaks.is_empty(), "secrets in ledger entries {leaks:?}");
    fixture.finish();
}
