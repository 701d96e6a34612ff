//! Bad input: the right 4xx with the shared error body, nothing written, never a panic.

use crate::support::{Caller, Fixture, PASSWORD, handle};
use axum::http::{Method, StatusCode};
use prodos_server::auth::limiter::MAX_FAILURES_PER_ACCOUNT;
use prodos_server::auth::sessions::IDLE_TIMEOUT_MS;
use serde_json::json;

/// Asserts the shared error body and that the ledger did not move.
fn assert_error(fixture: &Fixture, head_before: u64, reply: &crate::support::Reply, status: u16, code: &str) {
    assert_eq!(reply.status.as_u16(), status, "{}", reply.text());
    let body = reply.json();
    assert_eq!(body["code"], code, "{body}");
    assert!(body["message"].as_str().is_some_and(|message| !message.is_empty()), "{body}");
    assert!(body.as_object().is_some_and(|object| object.contains_key("field")), "{body}");
    assert_eq!(fixture.head(), head_before, "an error wrote to the ledger");
}

#[tokio::test]
async fn wrong_password_then_too_many_attempts() {
    let fixture = Fixture::new();
    let head = fixture.head();
    let wrong = json!({"handle": handle("coordinator"), "password": "not the password at all"});
    for _ in 0..MAX_FAILURES_PER_ACCOUNT {
        let reply = fixture.post_json("/api/session", &Caller::Anonymous, wrong.clone()).await;
        assert_error(&fixture, head, &reply, 401, "bad_credentials");
    }
    // Locked now, even with the right password; the reply says when to retry.
    let right = json!({"handle": handle("coordinator"), "password": PASSWORD});
    let reply = fixture.post_json("/api/session", &Caller::Anonymous, right.clone()).await;
    assert_error(&fixture, head, &reply, 429, "too_many_attempts");
    assert!(reply.headers.contains_key("retry-after"));
    // Unknown handles get the same answer as wrong passwords.
    let unknown =
        fixture.post_json("/api/session", &Caller::Anonymous, json!({"handle": "nobody", "password": PASSWORD})).await;
    assert_error(&fixture, head, &unknown, 401, "bad_credentials");
    // The window passes.
    fixture.advance_ms(prodos_server::auth::limiter::WINDOW_MS + 1);
    assert_eq!(fixture.post_json("/api/session", &Caller::Anonymous, right).await.status, 200);
    fixture.finish();
}

#[tokio::test]
async fn an_idle_session_expires() {
    let fixture = Fixture::new();
    let session = fixture.login("auditor").await;
    assert_eq!(fixture.get("/api/designs", &session).await.status, 200);
    fixture.advance_ms(IDLE_TIMEOUT_MS + 1);
    let head = fixture.head();
    let reply = fixture.get("/api/designs", &session).await;
    assert_error(&fixture, head, &reply, 401, "unauthenticated");
    fixture.finish();
}

#[tokio::test]
async fn a_token_without_the_role_is_forbidden_and_writes_nothing() {
    let fixture = Fixture::new();
    let head = fixture.head();
    for handle in ["participant", "auditor", "admin"] {
        let reply = fixture
            .post_json(
                "/api/stock/consume",
                &fixture.token(handle),
                json!({"material": "abalone-rosette", "qty": 1, "unit": "pc"}),
            )
            .await;
        assert_error(&fixture, head, &reply, 403, "forbidden");
    }
    let garbage = Caller::Token("tok_0000.ffff".into());
    assert_error(&fixture, head, &fixture.get("/api/designs", &garbage).await, 401, "unauthenticated");
    fixture.finish();
}

#[tokio::test]
async fn malformed_json_wrong_fields_and_wrong_content_type() {
    let fixture = Fixture::new();
    let coordinator = fixture.token("coordinator");
    let head = fixture.head();
    let malformed = fixture
        .send(Method::POST, "/api/stock/reserve", &coordinator, Some(("application/json", b"{\"material\": ".to_vec())))
        .await;
    assert_error(&fixture, head, &malformed, 400, "malformed_json");
    let unknown_field = fixture
        .post_json("/api/stock/release", &coordinator, json!({"purpose": "PROD-0031", "everything": true}))
        .await;
    assert_error(&fixture, head, &unknown_field, 422, "invalid_json");
    let as_text = fixture
        .send(Method::POST, "/api/stock/release", &coordinator, Some(("text/plain", b"{\"purpose\": \"x\"}".to_vec())))
        .await;
    assert_error(&fixture, head, &as_text, 415, "unsupported_media_type");
    let json_design = fixture.post_json("/api/designs", &coordinator, json!({"key": "x"})).await;
    assert_error(&fixture, head, &json_design, 415, "unsupported_media_type");
    let bad_unit = fixture
        .post_json(
            "/api/stock/consume",
            &coordinator,
            json!({"material": "abalone-rosette", "qty": 1, "unit": "parsec"}),
        )
        .await;
    assert_error(&fixture, head, &bad_unit, 422, "invalid_field");
    assert_eq!(bad_unit.json()["field"], "unit");
    let negative = fixture
        .post_json("/api/stock/consume", &coordinator, json!({"material": "abalone-rosette", "qty": -1, "unit": "pc"}))
        .await;
    assert_error(&fixture, head, &negative, 422, "quantity_must_be_positive");
    fixture.finish();
}

#[tokio::test]
async fn a_broken_design_text_names_its_lines() {
    let fixture = Fixture::new();
    let head = fixture.head();
    let text = "[design]\nkey = \"stool\"\nname = \"Stool\"\n\n[[part]]\nid = \"seat\"\n";
    let reply = fixture
        .send(
            Method::POST,
            "/api/designs",
            &fixture.token("coordinator"),
            Some(("application/toml", text.as_bytes().to_vec())),
        )
        .await;
    assert_error(&fixture, head, &reply, 422, "invalid_input_file");
    assert!(reply.json()["message"].as_str().expect("message").contains("design.toml:"), "{}", reply.text());
    fixture.finish();
}

#[tokio::test]
async fn unknown_ids_and_bad_ids() {
    let fixture = Fixture::new();
    let coordinator = fixture.token("coordinator");
    let head = fixture.head();
    assert_error(&fixture, head, &fixture.get("/api/designs/DES-0999", &coordinator).await, 404, "unknown_design");
    assert_error(&fixture, head, &fixture.get("/api/designs/banana", &coordinator).await, 400, "bad_design_id");
    let unknown_lot =
        fixture.post_json("/api/stock/lots/LOT-0999/adjust", &coordinator, json!({"delta": 1, "reason": "x"})).await;
    assert_error(&fixture, head, &unknown_lot, 404, "unknown_lot");
    fixture.finish();
}

#[tokio::test]
async fn oversized_bodies_are_refused() {
    let config = prodos_server::ServerConfig { body_limit_bytes: 1024, ..prodos_server::ServerConfig::default() };
    let fixture = Fixture::with_config(config);
    let head = fixture.head();
    let big_json = json!({"purpose": "x".repeat(4096)});
    let reply = fixture.post_json("/api/stock/release", &fixture.token("coordinator"), big_json).await;
    assert_error(&fixture, head, &reply, 413, "payload_too_large");
    let big_toml = vec![b'#'; 4096];
    let reply = fixture
        .send(Method::POST, "/api/designs", &fixture.token("coordinator"), Some(("application/toml", big_toml)))
        .await;
    assert_error(&fixture, head, &reply, 413, "payload_too_large");
    fixture.finish();
}

#[tokio::test]
async fn unknown_routes_and_methods_get_json_errors() {
    let fixture = Fixture::new();
    let head = fixture.head();
    let reply = fixture.get("/api/nothing/here", &Caller::Anonymous).await;
    assert_error(&fixture, head, &reply, 404, "no_route");
    let reply = fixture.get("/favicon.ico", &Caller::Anonymous).await;
    assert_error(&fixture, head, &reply, 404, "no_route");
    let reply = fixture.send(Method::PATCH, "/api/designs", &fixture.token("coordinator"), None).await;
    assert_error(&fixture, head, &reply, 405, "method_not_allowed");
    let reply = fixture.send(Method::POST, "/api/designs/DES-0002/certify", &fixture.token("coordinator"), None).await;
    assert_error(&fixture, head, &reply, 409, "design_already_certified");
    let bad_key = axum::http::Request::post("/api/stock/release")
        .header("authorization", format!("Bearer {}", fixture.tokens[handle("coordinator")]))
        .header("content-type", "application/json")
        .header("idempotency-key", "has spaces in it")
        .body(axum::body::Body::from(json!({"purpose": "x"}).to_string()))
        .expect("request");
    let reply = fixture.call(bad_key).await;
    assert_error(&fixture, head, &reply, 400, "bad_idempotency_key");
    assert_eq!(reply.status, StatusCode::BAD_REQUEST);
    fixture.finish();
}

/// The timeout layer answers 408 with the shared error body. A body that never arrives keeps the
/// handler waiting on it, so a short timeout fires without any slow work or sleeping.
#[tokio::test]
async fn a_request_that_outlives_the_timeout_gets_408() {
    let config = prodos_server::ServerConfig {
        request_timeout: std::time::Duration::from_millis(50),
        ..prodos_server::ServerConfig::default()
    };
    let fixture = Fixture::with_config(config);
    let head = fixture.head();
    let never_ending = futures_util::stream::pending::<Result<axum::body::Bytes, std::io::Error>>();
    let request = axum::http::Request::post("/api/suppliers")
        .header("authorization", format!("Bearer {}", fixture.tokens[handle("coordinator")]))
        .header("content-type", "text/csv")
        .body(axum::body::Body::from_stream(never_ending))
        .expect("request");
    let reply = fixture.call(request).await;
    assert_error(&fixture, head, &reply, 408, "timeout");
    fixture.finish();
}

/// The panic layer answers a panic with the shared 500 body and counts it, also when the panic
/// happens in domain work on the blocking pool; every test's `finish` asserts the count is zero,
/// so this proves that assertion can fail.
#[tokio::test]
async fn a_panic_is_answered_and_counted_wherever_it_happens() {
    use axum::routing::get;
    async fn a_buggy_handler() -> &'static str {
        panic!("a bug in a handler")
    }
    let fixture = Fixture::new();
    let panicking = axum::Router::new().route("/in-handler", get(a_buggy_handler)).route(
        "/in-blocking-work",
        get(|axum::extract::State(state): axum::extract::State<prodos_server::AppState>| async move {
            state.blocking(|_| -> Result<(), prodos_server::ApiError> { panic!("a bug in domain code") }).await
        }),
    );
    let app = prodos_server::app::with_layers(panicking, fixture.state.clone());
    for (path, count) in [("/in-handler", 1), ("/in-blocking-work", 2)] {
        let request = axum::http::Request::get(path).body(axum::body::Body::empty()).expect("request");
        let response = tower::ServiceExt::oneshot(app.clone(), request).await.expect("infallible");
        assert_eq!(response.status(), StatusCode::INTERNAL_SERVER_ERROR, "{path}");
        let bytes = axum::body::to_bytes(response.into_body(), usize::MAX).await.expect("body");
        let body: serde_json::Value = serde_json::from_slice(&bytes).expect("json");
        assert_eq!(body["code"], "internal", "{path}: {body}");
        assert!(!body["message"].to_string().contains("a bug"), "panic payloads stay inside: {body}");
        assert_eq!(fixture.state.panics_caught(), count, "{path}");
    }
}

#[tokio::test]
async fn every_answer_carries_the_security_headers() {
    let fixture = Fixture::new();
    for path in ["/login", "/api/health", "/api/nothing/here"] {
        let reply = fixture.get(path, &Caller::Anonymous).await;
        let header = |name: &str| reply.headers.get(name).and_then(|value| value.to_str().ok()).unwrap_or("");
        assert!(header("content-security-policy").contains("frame-ancestors 'none'"), "{path}");
        assert!(header("content-security-policy").contains("script-src 'self'"), "{path}");
        assert_eq!(header("x-content-type-options"), "nosniff", "{path}");
        assert_eq!(header("x-frame-options"), "DENY", "{path}");
    }
    fixture.finish();
}

/// An action that reads no body still refuses a malformed JSON one: a client's bug must not pass
/// for success (and carry the action out).
#[tokio::test]
async fn a_malformed_json_body_is_refused_where_the_route_reads_no_body() {
    let fixture = Fixture::new();
    let head = fixture.head();
    let coordinator = fixture.token("coordinator");
    let reply = fixture
        .send(Method::POST, "/api/designs/DES-0001/retire", &coordinator, Some(("application/json", b"{".to_vec())))
        .await;
    assert_error(&fixture, head, &reply, 400, "malformed_json");
    let reply = fixture
        .send(
            Method::POST,
            "/api/plans/PROD-0031/cancel",
            &coordinator,
            Some(("application/json", b"{\"why\":".to_vec())),
        )
        .await;
    assert_error(&fixture, head, &reply, 400, "malformed_json");
    fixture.finish();
}
