//! Router tests of the account routes that close ASVS gaps: changing one's own password (checked,
//! throttled, ending the account's other sessions), an admin's reset, enabling a disabled account,
//! and an admin issuing and listing another account's API tokens. Each refusal also checks that
//! nothing reached the ledger, and the ledger is scanned for secrets at the end.

use crate::support::{Caller, Fixture, PASSWORD, Reply, handle};
use axum::http::{Method, StatusCode, header};
use prodos_ledger::Entry;
use serde_json::{Value, json};

const NEW_PASSWORD: &str = "a brand new and long password";

async fn put_json(fixture: &Fixture, uri: &str, caller: &Caller, body: Value) -> Reply {
    fixture.send(Method::PUT, uri, caller, Some(("application/json", body.to_string().into_bytes()))).await
}

async fn sign_in(fixture: &Fixture, handle: &str, password: &str) -> Reply {
    fixture.post_json("/api/session", &Caller::Anonymous, json!({"handle": handle, "password": password})).await
}

/// The session caller a `Set-Cookie` answer starts, with the CSRF token `GET /api/session` gives it.
async fn session_from(fixture: &Fixture, reply: &Reply) -> Caller {
    let set_cookie = reply.headers.get(header::SET_COOKIE).expect("a new session cookie").to_str().expect("ascii");
    let cookie = set_cookie.split(';').next().expect("name=value").to_string();
    let session = Caller::Session { cookie: cookie.clone(), csrf: None };
    let whoami = fixture.get("/api/session", &session).await;
    assert_eq!(whoami.status, 200, "{}", whoami.text());
    Caller::Session { cookie, csrf: whoami.json()["csrf_token"].as_str().map(str::to_string) }
}

fn cookie_of(caller: &Caller) -> &str {
    match caller {
        Caller::Session { cookie, .. } => cookie,
        other => panic!("not a session: {other:?}"),
    }
}

/// Every ledger entry after `head`, asserting none holds a secret or a password hash.
fn entries_after(fixture: &Fixture, head: u64, secrets: &[&str]) -> Vec<Entry> {
    let mut entries = Vec::new();
    fixture
        .state
        .node
        .store()
        .scan(head + 1, &mut |entry| {
            let payload = String::from_utf8_lossy(&entry.payload).into_owned();
            for secret in secrets.iter().chain(&["$argon2"]) {
                assert!(!payload.contains(secret), "entry {} holds `{secret}`: {payload}", entry.seq);
            }
            entries.push(entry);
            Ok(())
        })
        .expect("scan");
    entries
}

fn kinds_and_actors(entries: &[Entry]) -> Vec<(&str, &str)> {
    entries.iter().map(|entry| (entry.kind.as_str(), entry.actor.as_str())).collect()
}

#[tokio::test]
async fn a_wrong_current_password_is_refused_and_nothing_is_written() {
    let fixture = Fixture::new();
    let session = fixture.login("participant").await;
    let head = fixture.head();
    let refusals = [
        ("not the password at all", NEW_PASSWORD, 422, "wrong_password", "current_password"),
        (PASSWORD, PASSWORD, 422, "password_unchanged", "new_password"),
        (PASSWORD, "too short", 422, "invalid_field", "new_password"),
    ];
    for (current, new, status, code, field) in refusals {
        let body = json!({"current_password": current, "new_password": new});
        let reply = put_json(&fixture, "/api/account/password", &session, body).await;
        assert_eq!((reply.status.as_u16(), reply.code()), (status, code.to_string()), "{}", reply.text());
        assert_eq!(reply.json()["field"], field);
        assert!(reply.headers.get(header::SET_COOKIE).is_none(), "no new session for a refusal");
    }
    // A cookie write without the session's CSRF token is refused before anything is checked.
    let Caller::Session { cookie, .. } = &session else { unreachable!() };
    let forged = Caller::Session { cookie: cookie.clone(), csrf: None };
    let body = json!({"current_password": PASSWORD, "new_password": NEW_PASSWORD});
    let reply = put_json(&fixture, "/api/account/password", &forged, body).await;
    assert_eq!((reply.status, reply.code()), (StatusCode::FORBIDDEN, "csrf_mismatch".to_string()));

    assert_eq!(fixture.head(), head, "a refused change records nothing");
    assert_eq!(sign_in(&fixture, handle("participant"), PASSWORD).await.status, 200, "the password is unchanged");
    assert_eq!(sign_in(&fixture, handle("participant"), NEW_PASSWORD).await.status, 401);
    assert_eq!(fixture.get("/api/session", &session).await.status, 200, "the session goes on");
    fixture.finish();
}

#[tokio::test]
async fn a_changed_password_signs_in_the_old_one_does_not_and_other_sessions_end() {
    let fixture = Fixture::new();
    let participant = handle("participant");
    let this_browser = fixture.login("participant").await;
    let other_browser = fixture.login("participant").await;
    let someone_else = fixture.login("participant2").await;
    let head = fixture.head();

    let body = json!({"current_password": PASSWORD, "new_password": NEW_PASSWORD});
    let changed = put_json(&fixture, "/api/account/password", &this_browser, body).await;
    assert_eq!(changed.status, 204, "{}", changed.text());
    assert_eq!(changed.headers[header::CACHE_CONTROL], "no-store");

    // Every session of the account ends, the caller's too; the caller carries on under a new one.
    assert_eq!(fixture.get("/api/session", &other_browser).await.status, 401, "other sessions end");
    assert_eq!(fixture.get("/api/session", &this_browser).await.status, 401, "the old session id is spent");
    let renewed = session_from(&fixture, &changed).await;
    assert_ne!(cookie_of(&renewed), cookie_of(&this_browser), "a new session id");
    let whoami = fixture.get("/api/session", &renewed).await.json();
    assert_eq!(whoami["handle"], participant);
    let wrote = fixture.post_json("/api/tokens", &renewed, json!({"label": "after the change"})).await;
    assert_eq!(wrote.status, 201, "the renewed session writes with its own CSRF token: {}", wrote.text());
    assert_eq!(fixture.get("/api/session", &someone_else).await.status, 200, "other accounts keep theirs");
    assert_eq!(fixture.get("/api/session", &fixture.token("participant")).await.status, 200, "tokens stay");

    assert_eq!(sign_in(&fixture, participant, PASSWORD).await.status, 401, "the old password no longer signs in");
    assert_eq!(sign_in(&fixture, participant, NEW_PASSWORD).await.status, 200, "the new one does");

    let entries = entries_after(&fixture, head, &[PASSWORD, NEW_PASSWORD]);
    assert_eq!(kinds_and_actors(&entries)[0], ("AccountPasswordChanged", participant));
    let recorded = fixture.state.node.read(|state| state.access.clone());
    assert!(recorded.account(participant).is_none_or(|fact| !fact.disabled));
    fixture.finish();
}

#[tokio::test]
async fn a_password_changed_with_a_token_ends_every_session_and_sets_no_cookie() {
    let fixture = Fixture::new();
    let session = fixture.login("coordinator").await;
    let body = json!({"current_password": PASSWORD, "new_password": NEW_PASSWORD});
    let changed = put_json(&fixture, "/api/account/password", &fixture.token("coordinator"), body).await;
    assert_eq!(changed.status, 204, "{}", changed.text());
    assert!(changed.headers.get(header::SET_COOKIE).is_none(), "a script gets no browser session");
    assert_eq!(fixture.get("/api/session", &session).await.status, 401);
    assert_eq!(sign_in(&fixture, handle("coordinator"), NEW_PASSWORD).await.status, 200);
    fixture.finish();
}

#[tokio::test]
async fn wrong_current_passwords_count_as_failed_sign_ins() {
    let fixture = Fixture::new();
    let token = fixture.token("auditor");
    let wrong = json!({"current_password": "not the password at all", "new_password": NEW_PASSWORD});
    for attempt in 0..prodos_server::auth::limiter::MAX_FAILURES_PER_ACCOUNT {
        let reply = put_json(&fixture, "/api/account/password", &token, wrong.clone()).await;
        assert_eq!(reply.status, 422, "attempt {attempt}: {}", reply.text());
    }
    // Past the limit even the right password is not checked, here or at sign-in.
    let right = json!({"current_password": PASSWORD, "new_password": NEW_PASSWORD});
    let throttled = put_json(&fixture, "/api/account/password", &token, right).await;
    assert_eq!((throttled.status, throttled.code()), (StatusCode::TOO_MANY_REQUESTS, "too_many_attempts".into()));
    assert!(throttled.headers.contains_key(header::RETRY_AFTER));
    assert_eq!(sign_in(&fixture, "auditor", PASSWORD).await.status, 429, "one budget for both doors");
    fixture.advance_ms(prodos_server::auth::limiter::WINDOW_MS + 1);
    assert_eq!(sign_in(&fixture, "auditor", PASSWORD).await.status, 200, "and it refills");
    fixture.finish();
}

#[tokio::test]
async fn an_admin_resets_a_password_and_the_accounts_sessions_end() {
    let fixture = Fixture::new();
    let admin = fixture.token("admin");
    let spare = fixture.login("spare").await;
    let head = fixture.head();
    let body = json!({"new_password": NEW_PASSWORD});

    let participant = fixture.token("participant");
    let participant = put_json(&fixture, "/api/accounts/spare/password", &participant, body.clone()).await;
    assert_eq!((participant.status, participant.code()), (StatusCode::FORBIDDEN, "forbidden".to_string()));
    let own = put_json(&fixture, &format!("/api/accounts/{}/password", handle("admin")), &admin, body.clone()).await;
    assert_eq!((own.status, own.json()["field"].clone()), (StatusCode::UNPROCESSABLE_ENTITY, json!("handle")));
    let nobody = put_json(&fixture, "/api/accounts/nobody/password", &admin, body.clone()).await;
    assert_eq!(nobody.status, 404);
    let short = put_json(&fixture, "/api/accounts/spare/password", &admin, json!({"new_password": "short"})).await;
    assert_eq!(
        (short.status, short.json()["field"].clone()),
        (StatusCode::UNPROCESSABLE_ENTITY, json!("new_password"))
    );
    assert_eq!(fixture.head(), head, "refusals record nothing");
    assert_eq!(fixture.get("/api/session", &spare).await.status, 200);

    let reset = put_json(&fixture, "/api/accounts/spare/password", &admin, body).await;
    assert_eq!(reset.status, 204, "{}", reset.text());
    assert_eq!(fixture.get("/api/session", &spare).await.status, 401, "whoever was signed in is signed out");
    assert_eq!(sign_in(&fixture, "spare", PASSWORD).await.status, 401);
    assert_eq!(sign_in(&fixture, "spare", NEW_PASSWORD).await.status, 200);
    let entries = entries_after(&fixture, head, &[PASSWORD, NEW_PASSWORD]);
    assert_eq!(kinds_and_actors(&entries), [("AccountPasswordChanged", handle("admin"))]);
    fixture.finish();
}

#[tokio::test]
async fn enabling_a_disabled_account_lets_it_sign_in_again() {
    let fixture = Fixture::new();
    let admin = fixture.token("admin");
    let head = fixture.head();
    let refused = fixture.send(Method::POST, "/api/accounts/spare/enable", &fixture.token("coordinator"), None).await;
    assert_eq!(refused.status, 403);
    assert_eq!(fixture.send(Method::POST, "/api/accounts/nobody/enable", &admin, None).await.status, 404);
    let unchanged = fixture.send(Method::POST, "/api/accounts/spare/enable", &admin, None).await;
    assert_eq!(unchanged.status, 204, "enabling an enabled account is no change");
    assert_eq!(fixture.head(), head, "and records nothing");

    assert_eq!(fixture.send(Method::POST, "/api/accounts/spare/disable", &admin, None).await.status, 204);
    assert_eq!(sign_in(&fixture, "spare", PASSWORD).await.status, 401, "disabled");
    let enabled = fixture.send(Method::POST, "/api/accounts/spare/enable", &admin, None).await;
    assert_eq!(enabled.status, 204, "{}", enabled.text());
    assert_eq!(sign_in(&fixture, "spare", PASSWORD).await.status, 200, "signs in again, same password");
    assert_eq!(fixture.get("/api/session", &fixture.token("spare")).await.status, 401, "revoked tokens stay revoked");
    let listed = fixture.get("/api/accounts", &admin).await.json();
    let spare = listed.as_array().expect("accounts").iter().find(|account| account["handle"] == "spare").cloned();
    assert_eq!(spare.expect("spare")["disabled"], false);

    let entries = entries_after(&fixture, head, &[PASSWORD]);
    let kinds: Vec<&str> = entries.iter().map(|entry| entry.kind.as_str()).collect();
    assert_eq!(kinds, ["AccountDisabled", "AccountEnabled"]);
    let fact = fixture.state.node.read(|state| state.access.clone());
    // The fixture made its accounts straight in the store, so the record knows only the changes.
    assert!(fact.account("spare").is_none_or(|fact| !fact.disabled));
    fixture.finish();
}

#[tokio::test]
async fn an_admin_issues_and_lists_another_accounts_tokens_and_a_participant_may_not() {
    let fixture = Fixture::new();
    let admin = fixture.token("admin");
    let participant = fixture.token("participant");
    let head = fixture.head();
    let other = handle("participant2");
    let uri = format!("/api/accounts/{other}/tokens");

    let refused = fixture.post_json(&uri, &participant, json!({"label": "mine now"})).await;
    assert_eq!((refused.status, refused.code()), (StatusCode::FORBIDDEN, "forbidden".to_string()));
    assert_eq!(fixture.get(&uri, &participant).await.status, 403);
    assert_eq!(fixture.head(), head, "a refusal records nothing");
    assert_eq!(fixture.get("/api/accounts/nobody/tokens", &admin).await.status, 404);
    assert_eq!(fixture.post_json("/api/accounts/nobody/tokens", &admin, json!({"label": "x"})).await.status, 404);
    let blank = fixture.post_json(&uri, &admin, json!({"label": " "})).await;
    assert_eq!((blank.status, blank.json()["field"].clone()), (StatusCode::UNPROCESSABLE_ENTITY, json!("label")));

    let issued = fixture.post_json(&uri, &admin, json!({"label": "night-import"})).await;
    assert_eq!(issued.status, 201, "{}", issued.text());
    let issued = issued.json();
    let (token_id, secret) = (issued["token"]["id"].as_str().unwrap(), issued["secret"].as_str().unwrap());
    assert_eq!(issued["token"]["handle"], other);
    // The token acts as its account, with its account's role, not the admin's.
    let whoami = fixture.get("/api/session", &Caller::Token(secret.to_string())).await.json();
    assert_eq!((whoami["handle"].as_str(), whoami["role"].as_str()), (Some(other), Some("participant")));

    let listed = fixture.get(&uri, &admin).await;
    assert_eq!(listed.status, 200, "{}", listed.text());
    let listed = listed.json();
    let mut labels: Vec<&str> =
        listed.as_array().unwrap().iter().map(|token| token["label"].as_str().unwrap()).collect();
    labels.sort_unstable();
    assert_eq!(labels, ["night-import", "tests"], "the new token and the one the fixture gave");
    assert!(!listed.to_string().contains(secret.split_once('.').unwrap().1), "listings never show a secret");

    let secret_part = secret.split_once('.').unwrap().1;
    let entries = entries_after(&fixture, head, &[secret_part]);
    assert_eq!(kinds_and_actors(&entries), [("TokenIssued", handle("admin"))]);
    let payload: Value = serde_json::from_slice(&entries[0].payload).expect("json");
    let change = &payload["event"]["Access"]["AccessChanged"]["change"]["TokenIssued"];
    assert_eq!((change["token"].as_str(), change["handle"].as_str()), (Some(token_id), Some(other)));
    fixture.finish();
}

#[tokio::test]
async fn a_password_reset_by_another_process_ends_the_accounts_sessions() {
    let fixture = Fixture::new();
    let spare = fixture.login("spare").await;
    let auditor = fixture.login("auditor").await;
    // The host operator's `prodos account password` on the same data directory: its own node.
    let cli = prodos_app::Node::open(fixture.ledger.clone()).expect("second node");
    let meta = prodos_app::CommandMeta {
        command_id: "cli-1".into(),
        actor: prodos_core::Actor::Local("host".into()),
        now: prodos_core::Timestamp::from_millis(fixture.state.now().millis()),
    };
    prodos_server::auth::admin::change_password(&cli, &fixture.state.accounts, &meta, "spare", None, NEW_PASSWORD)
        .expect("reset");
    assert_eq!(fixture.get("/api/session", &spare).await.status, 200, "not seen yet");
    assert!(prodos_server::follow::catch_up(&fixture.state).await.expect("look"));
    assert_eq!(fixture.get("/api/session", &spare).await.status, 401, "a reset elsewhere ends its sessions");
    assert_eq!(fixture.get("/api/session", &auditor).await.status, 200, "others keep theirs");
    fixture.finish();
}
