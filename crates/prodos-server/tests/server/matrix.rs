//! The authorization matrix: every route of the registry × every role and anonymous, against a
//! table written here by hand. A route missing from the table fails the test, and so does a
//! denied request that wrote anything.

use crate::support::{Caller, Fixture, PASSWORD};
use axum::http::Method;
use prodos_server::routes::registry;

/// Who may pass the access check: `anonymous`, then the letters of the roles allowed
/// (p participant, c coordinator, u auditor, a admin).
fn expected(method: &Method, path: &str) -> Option<(bool, &'static str)> {
    let row = match (method.as_str(), path) {
        ("GET", "/api/health") => (true, "pcua"),
        ("GET", "/api/openapi.json") => (true, "pcua"),
        ("GET", "/api/public/record") => (true, "pcua"),
        ("POST", "/api/session") => (true, "pcua"),
        ("GET", "/api/session") => (false, "pcua"),
        ("DELETE", "/api/session") => (false, "pcua"),
        ("GET", "/api/tokens") => (false, "pcua"),
        ("POST", "/api/tokens") => (false, "pcua"),
        ("DELETE", "/api/tokens/{id}") => (false, "pcua"),
        ("GET", "/api/accounts") => (false, "a"),
        ("POST", "/api/accounts") => (false, "a"),
        ("POST", "/api/accounts/{handle}/disable") => (false, "a"),
        ("GET", "/api/designs") => (false, "pcua"),
        ("POST", "/api/designs") => (false, "c"),
        ("GET", "/api/designs/{design}") => (false, "pcua"),
        ("GET", "/api/designs/{design}/export") => (false, "pcua"),
        ("POST", "/api/designs/{design}/certify") => (false, "c"),
        ("POST", "/api/designs/{design}/retire") => (false, "c"),
        ("GET", "/api/stock") => (false, "pcua"),
        ("GET", "/api/stock/lots") => (false, "pcua"),
        ("POST", "/api/stock/receive") => (false, "c"),
        ("POST", "/api/stock/reserve") => (false, "c"),
        ("POST", "/api/stock/release") => (false, "c"),
        ("POST", "/api/stock/consume") => (false, "c"),
        ("POST", "/api/stock/lots/{lot}/adjust") => (false, "c"),
        ("GET", "/api/suppliers") => (false, "pcua"),
        ("POST", "/api/suppliers") => (false, "c"),
        ("GET", "/api/audit/log") => (false, "pcua"),
        ("GET", "/api/audit/verify") => (false, "cua"),
        ("GET", "/api/events") => (false, "pcua"),
        ("GET", "/") => (false, "pcua"),
        ("GET", "/login") => (true, "pcua"),
        ("POST", "/login") => (true, "pcua"),
        ("POST", "/logout") => (false, "pcua"),
        ("GET", "/designs") => (false, "pcua"),
        ("GET", "/designs/{design}") => (false, "pcua"),
        ("GET", "/stock") => (false, "pcua"),
        ("GET", "/audit") => (false, "pcua"),
        ("GET", "/static/app.css") => (true, "pcua"),
        ("GET", "/static/live.js") => (true, "pcua"),
        _ => return None,
    };
    Some(row)
}

/// A concrete request for a route: the URI with its parameters filled in, and a body.
fn sample(path: &str, other_token_id: &str) -> (String, Option<(&'static str, Vec<u8>)>) {
    let json = |value: serde_json::Value| Some(("application/json", value.to_string().into_bytes()));
    let body = match path {
        "/api/session" => json(serde_json::json!({"handle": "auditor", "password": PASSWORD})),
        "/login" => Some((
            "application/x-www-form-urlencoded",
            format!("handle=auditor&password={}", PASSWORD.replace(' ', "+")).into_bytes(),
        )),
        "/api/tokens" => json(serde_json::json!({"label": "matrix"})),
        "/api/accounts" => json(serde_json::json!({"handle": "newcomer", "role": "participant", "password": PASSWORD})),
        "/api/designs" => Some(("application/toml", prodos_node::demo::EXAMPLE_DESIGNS[0].1.as_bytes().to_vec())),
        "/api/stock/receive" => {
            json(serde_json::json!({"material": "abalone-rosette", "qty": 1, "unit": "pc", "cost": 2.5}))
        }
        "/api/stock/reserve" => {
            json(serde_json::json!({"material": "abalone-rosette", "qty": 1, "unit": "pc", "purpose": "PROD-0001"}))
        }
        "/api/stock/release" => json(serde_json::json!({"purpose": "PROD-0001"})),
        "/api/stock/consume" => json(serde_json::json!({"material": "abalone-rosette", "qty": 1, "unit": "pc"})),
        "/api/stock/lots/{lot}/adjust" => json(serde_json::json!({"delta": 1, "reason": "count"})),
        "/api/suppliers" => Some(("text/csv", prodos_node::demo::EXAMPLE_SUPPLIERS.1.as_bytes().to_vec())),
        _ => None,
    };
    let uri = path
        .replace("{id}", other_token_id)
        .replace("{handle}", "spare")
        .replace("{design}", "DES-0001")
        .replace("{lot}", "LOT-0001");
    (uri, body)
}

#[tokio::test]
async fn every_route_for_every_role_matches_the_table() {
    let fixture = Fixture::new();
    let other_token_id = fixture.state.accounts.tokens_of("participant2").expect("tokens")[0].id.clone();
    let callers: [(&str, Option<char>); 5] = [
        ("anonymous", None),
        ("participant", Some('p')),
        ("coordinator", Some('c')),
        ("auditor", Some('u')),
        ("admin", Some('a')),
    ];
    let mut failures = Vec::new();
    for spec in registry() {
        let Some((anonymous_allowed, roles)) = expected(&spec.method, spec.path) else {
            failures.push(format!("{} {} is missing from the matrix", spec.method, spec.path));
            continue;
        };
        for (handle, letter) in callers {
            let caller = if letter.is_some() { fixture.token(handle) } else { Caller::Anonymous };
            let allowed = letter.map_or(anonymous_allowed, |letter| roles.contains(letter));
            let (uri, body) = sample(spec.path, &other_token_id);
            let head_before = fixture.head();
            let reply = fixture.send(spec.method.clone(), &uri, &caller, body).await;
            let code = if reply.status.is_success() || reply.body.is_empty() { String::new() } else { reply.code() };
            let denied = ["unauthenticated", "sign_in_required", "forbidden"].contains(&code.as_str());
            if allowed == denied {
                failures.push(format!(
                    "{} {} as {handle}: expected {}, got {} {}",
                    spec.method,
                    uri,
                    if allowed { "allowed" } else { "denied" },
                    reply.status,
                    reply.text()
                ));
            }
            if denied {
                let expected_code = match (letter, spec.access) {
                    (Some(_), _) => "forbidden",
                    (None, prodos_server::auth::Access::Page) => "sign_in_required",
                    (None, _) => "unauthenticated",
                };
                if code != expected_code {
                    failures
                        .push(format!("{} {uri} as {handle}: denied with {code}, want {expected_code}", spec.method));
                }
                if fixture.head() != head_before {
                    failures.push(format!("{} {uri} as {handle}: denied but wrote to the ledger", spec.method));
                }
            }
        }
    }
    assert!(failures.is_empty(), "authorization matrix:\n{}", failures.join("\n"));
    fixture.finish();
}

#[tokio::test]
async fn a_participant_cannot_revoke_another_participants_token() {
    let fixture = Fixture::new();
    let other_token = fixture.state.accounts.tokens_of("participant2").expect("tokens")[0].id.clone();
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
