//! End-to-end tests of access from the host: the first admin and the API tokens of a node started
//! without `--demo`, made through the `prodos` binary, recorded in the ledger without any secret,
//! and accepted by the server's own router; refusals name the field and change nothing.

mod shell;

use axum::body::Body;
use axum::http::{Method, Request, StatusCode, header};
use prodos_server::auth::store::AccountStore;
use prodos_server::{AppState, ServerConfig};
use serde_json::{Value, json};
use shell::*;
use std::sync::Arc;
use tower::ServiceExt as _;

/// One request answered by the server over the shell's data directory, as `prodos serve` would
/// answer it, without a socket.
async fn call(
    shell: &Shell,
    method: Method,
    uri: &str,
    bearer: Option<&str>,
    body: Option<Value>,
) -> (StatusCode, Value) {
    let node = prodos_app::data_dir::open(&shell.data()).unwrap();
    let accounts = AccountStore::open(&shell.data()).unwrap();
    let config = ServerConfig { secure_cookies: false, ..ServerConfig::default() };
    let app = prodos_server::app(AppState::new(Arc::new(node), accounts, config));
    let mut request = Request::builder().method(method).uri(uri);
    if let Some(token) = bearer {
        request = request.header(header::AUTHORIZATION, format!("Bearer {token}"));
    }
    let request = match body {
        Some(body) => request.header(header::CONTENT_TYPE, "application/json").body(Body::from(body.to_string())),
        None => request.body(Body::empty()),
    };
    let response = app.oneshot(request.unwrap()).await.unwrap();
    let status = response.status();
    let bytes = axum::body::to_bytes(response.into_body(), usize::MAX).await.unwrap();
    (status, serde_json::from_slice(&bytes).unwrap_or(Value::Null))
}

/// The `tok_ID.SECRET` line of `prodos token issue`.
fn presented_token(issued: &str) -> String {
    issued.lines().find(|line| line.starts_with("tok_") && line.contains('.')).expect("a token line").to_string()
}

fn kinds_and_actors(log: &Value) -> Vec<(String, String)> {
    log.as_array()
        .unwrap()
        .iter()
        .map(|entry| (entry["kind"].as_str().unwrap().to_string(), entry["actor"].as_str().unwrap().to_string()))
        .collect()
}

#[tokio::test]
async fn a_node_without_demo_gets_its_first_admin_and_a_token_the_server_accepts() {
    let shell = Shell::new();
    let added = shell.ok(&["--actor", "host", "account", "add", "root", "--role", "admin"]);
    assert!(added.contains("account root (admin): recorded as entry 2"), "{added}");
    assert!(added.contains("shown once"), "{added}");
    let password = added.lines().find_map(|line| line.strip_prefix("password: ")).expect("a generated password");
    assert!(password.chars().count() >= 20, "{password}");
    let issued = shell.ok(&["--actor", "host", "token", "issue", "root", "--label", "deploy"]);
    assert!(issued.contains("will not be shown again"), "{issued}");
    let token = presented_token(&issued);
    let (token_id, secret) = token.split_once('.').unwrap();

    // The server knows the token, with the account's role: it may manage accounts.
    let (status, session) = call(&shell, Method::GET, "/api/session", Some(&token), None).await;
    assert_eq!(status, StatusCode::OK, "{session}");
    assert_eq!((session["handle"].as_str(), session["role"].as_str()), (Some("root"), Some("admin")));
    let (status, accounts) = call(&shell, Method::GET, "/api/accounts", Some(&token), None).await;
    assert_eq!(status, StatusCode::OK, "{accounts}");
    assert_eq!(accounts[0]["handle"], "root");
    // The generated password signs in.
    let login = json!({"handle": "root", "password": password});
    let (status, signed_in) = call(&shell, Method::POST, "/api/session", None, Some(login)).await;
    assert_eq!(status, StatusCode::OK, "{signed_in}");

    // The ledger says who did what, by handle, role and token id, and holds no secret.
    let log = shell.json(&["audit", "log", "--json"]);
    // `host` is no participant: an operator identity, recorded as such the first time it acts.
    let expected = [("OperatorNamed", "host"), ("AccountCreated", "host"), ("TokenIssued", "host")]
        .map(|(k, a)| (k.to_string(), a.to_string()));
    assert_eq!(kinds_and_actors(&log), expected);
    assert_eq!(log[1]["payload"]["Access"]["AccessChanged"]["change"]["AccountCreated"]["role"], "admin");
    assert_eq!(log[2]["payload"]["Access"]["AccessChanged"]["change"]["TokenIssued"]["token"], token_id);
    assert_eq!(log[2]["payload"]["Access"]["AccessChanged"]["by"], "host");
    let dump = log.to_string();
    for leaked in [secret, password, "$argon2"] {
        assert!(!dump.contains(leaked), "the ledger holds `{leaked}`");
    }
    shell.ok(&["audit", "verify"]);
}

#[tokio::test]
async fn a_piped_password_signs_in_and_a_revoked_token_stops_working() {
    let shell = Shell::new();
    let password = "a long enough password";
    let added = shell.run_with_input(
        &["account", "add", "ana", "--role", "participant", "--password-stdin"],
        &format!("{password}\n"),
    );
    assert!(added.status.success(), "{}", String::from_utf8_lossy(&added.stderr));
    assert!(!String::from_utf8_lossy(&added.stdout).contains(password), "a piped password is not echoed");
    let login = json!({"handle": "ana", "password": password});
    assert_eq!(call(&shell, Method::POST, "/api/session", None, Some(login)).await.0, StatusCode::OK);

    let token = presented_token(&shell.ok(&["token", "issue", "ana"]));
    let (token_id, secret) = token.split_once('.').unwrap();
    let listed = shell.json(&["token", "list", "ana", "--json"]);
    assert_eq!((listed[0]["id"].as_str(), listed[0]["label"].as_str()), (Some(token_id), Some("cli")));
    assert!(!listed.to_string().contains(secret), "listings never show a secret");
    assert_eq!(call(&shell, Method::GET, "/api/session", Some(&token), None).await.0, StatusCode::OK);
    let revoked = shell.ok(&["token", "revoke", token_id]);
    assert!(revoked.contains(&format!("token {token_id} revoked: recorded as entry 4")), "{revoked}");
    let again = shell.ok(&["token", "revoke", token_id]);
    assert!(again.contains("was revoked already: unchanged, nothing recorded"), "{again}");
    assert_eq!(call(&shell, Method::GET, "/api/session", Some(&token), None).await.0, StatusCode::UNAUTHORIZED);

    shell.ok(&["account", "role", "ana", "auditor"]);
    assert!(shell.ok(&["account", "role", "ana", "auditor"]).contains("nothing recorded"));
    shell.ok(&["account", "disable", "ana"]);
    let accounts = shell.json(&["account", "list", "--json"]);
    assert_eq!((accounts[0]["role"].as_str(), accounts[0]["disabled"].as_bool()), (Some("auditor"), Some(true)));
    let log = shell.json(&["audit", "log", "--json"]);
    let kinds: Vec<String> = kinds_and_actors(&log).into_iter().map(|(kind, _)| kind).collect();
    let expected =
        ["OperatorNamed", "AccountCreated", "TokenIssued", "TokenRevoked", "AccountRoleChanged", "AccountDisabled"];
    assert_eq!(kinds, expected);
    assert!(!log.to_string().contains(password) && !log.to_string().contains(secret));
}

#[test]
fn refusals_name_the_field_and_change_neither_the_ledger_nor_the_accounts() {
    let shell = Shell::new();
    shell.ok(&["account", "add", "root", "--role", "admin"]);
    let accounts_before = shell.json(&["account", "list", "--json"]);

    let head = shell.ledger_len();
    let weak = shell.run_with_input(&["account", "add", "bob", "--role", "participant", "--password-stdin"], "short\n");
    assert!(!weak.status.success());
    let stderr = String::from_utf8_lossy(&weak.stderr);
    assert!(stderr.contains("field `password`: a password needs at least 12 characters"), "{stderr}");
    assert_eq!(shell.ledger_len(), head, "a weak password writes nothing");

    let refusals: [(&[&str], &str); 8] = [
        (&["account", "add", "root", "--role", "auditor"], "field `handle`: an account `root` already exists"),
        (&["account", "add", "Bob", "--role", "auditor"], "field `handle`: `Bob` is not a handle"),
        (&["token", "revoke", "tok_00000000"], "unknown token `tok_00000000` (field `token`)"),
        (&["token", "issue", "zed"], "unknown account `zed` (field `handle`)"),
        (&["account", "disable", "zed"], "unknown account `zed` (field `handle`)"),
        (&["account", "role", "zed", "admin"], "unknown account `zed` (field `handle`)"),
        (&["token", "issue", "root", "--label", " "], "field `label`: a label of 1–80 characters"),
        (&["--actor", " ", "token", "issue", "root"], "field `actor`: ` ` is not a handle"),
    ];
    for (args, message) in refusals {
        let stderr = shell.fails(args);
        assert!(stderr.contains(message), "prodos {args:?}: {stderr}");
    }
    // Nothing on standard input is an empty password, not a hang.
    let stderr = shell.fails(&["account", "add", "bob", "--role", "participant", "--password-stdin"]);
    assert!(stderr.contains("field `password`"), "{stderr}");

    assert_eq!(shell.json(&["account", "list", "--json"]), accounts_before, "no account row changed");
    assert_eq!(shell.json(&["token", "list", "root", "--json"]), json!([]), "no token was stored");
    assert_eq!(shell.ledger_len(), 2, "only the operator and the first account were recorded");
}

#[tokio::test]
async fn the_host_resets_a_password_and_enables_a_disabled_account() {
    let shell = Shell::new();
    let (first, second) = ("the first long password", "the second long password");
    let sign_in = |password: &str| json!({"handle": "ana", "password": password});
    let added = shell.run_with_input(&["account", "add", "ana", "--role", "admin", "--password-stdin"], first);
    assert!(added.status.success(), "{}", String::from_utf8_lossy(&added.stderr));

    let reset = shell.run_with_input(&["--actor", "host", "account", "password", "ana", "--password-stdin"], second);
    assert!(reset.status.success(), "{}", String::from_utf8_lossy(&reset.stderr));
    let stdout = String::from_utf8_lossy(&reset.stdout);
    assert!(stdout.contains("account ana has a new password: recorded as entry 4"), "{stdout}");
    assert!(!stdout.contains(second), "a piped password is not echoed");
    assert_eq!(
        call(&shell, Method::POST, "/api/session", None, Some(sign_in(first))).await.0,
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(call(&shell, Method::POST, "/api/session", None, Some(sign_in(second))).await.0, StatusCode::OK);

    // Without --password-stdin a strong one is generated and shown once.
    let generated = shell.ok(&["account", "password", "ana"]);
    assert!(generated.contains("shown once"), "{generated}");
    let third = generated.lines().find_map(|line| line.strip_prefix("password: ")).expect("a generated password");
    assert_eq!(
        call(&shell, Method::POST, "/api/session", None, Some(sign_in(second))).await.0,
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(call(&shell, Method::POST, "/api/session", None, Some(sign_in(third))).await.0, StatusCode::OK);

    shell.ok(&["account", "disable", "ana"]);
    assert_eq!(
        call(&shell, Method::POST, "/api/session", None, Some(sign_in(third))).await.0,
        StatusCode::UNAUTHORIZED
    );
    let enabled = shell.ok(&["account", "enable", "ana"]);
    assert!(enabled.contains("account ana enabled, its revoked tokens stay revoked: recorded as entry 7"), "{enabled}");
    assert!(shell.ok(&["account", "enable", "ana"]).contains("was enabled already: unchanged, nothing recorded"));
    assert_eq!(call(&shell, Method::POST, "/api/session", None, Some(sign_in(third))).await.0, StatusCode::OK);
    let accounts = shell.json(&["account", "list", "--json"]);
    assert_eq!(accounts[0]["disabled"], false);

    // Refusals name the field and write nothing.
    let head = shell.ledger_len();
    let weak = shell.run_with_input(&["account", "password", "ana", "--password-stdin"], "short\n");
    assert!(!weak.status.success());
    let stderr = String::from_utf8_lossy(&weak.stderr);
    assert!(stderr.contains("field `new_password`: a password needs at least 12 characters"), "{stderr}");
    assert_eq!(shell.ledger_len(), head, "a weak password writes nothing");
    assert!(shell.fails(&["account", "password", "zed"]).contains("unknown account `zed` (field `handle`)"));
    assert!(shell.fails(&["account", "enable", "zed"]).contains("unknown account `zed` (field `handle`)"));
    assert_eq!(call(&shell, Method::POST, "/api/session", None, Some(sign_in(third))).await.0, StatusCode::OK);

    let log = shell.json(&["audit", "log", "--json"]);
    let expected = [
        ("OperatorNamed", "cli"),
        ("AccountCreated", "cli"),
        ("OperatorNamed", "host"),
        ("AccountPasswordChanged", "host"),
        ("AccountPasswordChanged", "cli"),
        ("AccountDisabled", "cli"),
        ("AccountEnabled", "cli"),
    ]
    .map(|(kind, actor)| (kind.to_string(), actor.to_string()));
    assert_eq!(kinds_and_actors(&log), expected);
    assert_eq!(log[3]["payload"]["Access"]["AccessChanged"]["change"]["PasswordChanged"]["handle"], "ana");
    let dump = log.to_string();
    for leaked in [first, second, third, "$argon2"] {
        assert!(!dump.contains(leaked), "the ledger holds `{leaked}`");
    }
    shell.ok(&["audit", "verify"]);
}
