//! A fresh server per test: the demo cooperative (seeded once per test binary, then copied into a
//! fresh in-memory ledger for each test), one account and one API token per role (plus a second
//! participant and a spare account), a clock the test moves, and request helpers.

use axum::Router;
use axum::body::Body;
use axum::http::{HeaderMap, Method, Request, StatusCode, header};
use prodos_core::Timestamp;
use prodos_ledger::{AppendRequest, Entry, LedgerStore as _, MemoryLedger, NewEvent};
use prodos_server::auth::store::AccountStore;
use prodos_server::auth::{Role, password};
use prodos_server::{AppState, ServerConfig};
use serde_json::Value;
use std::collections::HashMap;
use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::{Arc, OnceLock};
use tower::ServiceExt as _;

pub const PASSWORD: &str = "correct horse battery staple";
pub const START_MS: i64 = 1_800_000_000_000;

/// Who sends a request.
#[derive(Debug, Clone)]
pub enum Caller {
    Anonymous,
    Token(String),
    /// A session cookie and its CSRF token (`None` to leave the header out).
    Session {
        cookie: String,
        csrf: Option<String>,
    },
}

pub struct Reply {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: Vec<u8>,
}

impl Reply {
    pub fn json(&self) -> Value {
        serde_json::from_slice(&self.body)
            .unwrap_or_else(|_| panic!("not JSON ({}): {}", self.status, String::from_utf8_lossy(&self.body)))
    }

    /// The error code: from the JSON error body, or from an error page's `data-error` hook.
    pub fn code(&self) -> String {
        let text = self.text();
        if let Some((_, rest)) = text.split_once("data-error=\"") {
            return rest.split('"').next().unwrap_or_default().to_string();
        }
        self.json()["code"].as_str().unwrap_or_default().to_string()
    }

    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
}

pub struct Fixture {
    pub state: AppState,
    pub app: Router,
    pub clock_ms: Arc<AtomicI64>,
    /// API token secrets by account handle.
    pub tokens: HashMap<&'static str, String>,
    /// The store under the server's node, for a second writer (another process, the CLI).
    pub ledger: Arc<MemoryLedger>,
}

/// The accounts every fixture has, as (name in tests, account handle, role). Accounts act as the
/// participant of their handle, so the participants and the coordinator are the demo's people
/// (`prodos_demo`); `spare` is an account of nobody on the shop floor.
pub const ACCOUNTS: [(&str, &str, Role); 6] = [
    ("participant", prodos_demo::PARTICIPANT_A, Role::Participant),
    ("coordinator", prodos_demo::COORDINATOR, Role::Coordinator),
    ("auditor", "auditor", Role::Auditor),
    ("admin", "admin", Role::Admin),
    ("participant2", prodos_demo::PARTICIPANT_B, Role::Participant),
    ("spare", "spare", Role::Participant),
];

/// The account handle behind a test name (`participant` → the demo's participant A).
pub fn handle(name: &str) -> &'static str {
    ACCOUNTS
        .iter()
        .find(|(alias, _, _)| *alias == name)
        .map(|(_, handle, _)| *handle)
        .unwrap_or_else(|| panic!("no fixture account `{name}`"))
}

/// The demo's ledger, seeded once per test binary: seeding plans and works eight months of
/// history, which every test would otherwise repeat.
fn demo_entries() -> &'static [Entry] {
    static ENTRIES: OnceLock<Vec<Entry>> = OnceLock::new();
    ENTRIES.get_or_init(|| {
        let ledger = Arc::new(MemoryLedger::new());
        let node = prodos_app::Node::open(ledger.clone()).expect("open node");
        prodos_demo::seed(&node, "demo", Timestamp::from_millis(START_MS)).expect("seed demo");
        let mut entries = Vec::new();
        ledger
            .scan(1, &mut |entry| {
                entries.push(entry);
                Ok(())
            })
            .expect("scan");
        entries
    })
}

/// A fresh ledger holding the demo's entries, appended command by command as they were.
fn demo_ledger() -> Arc<MemoryLedger> {
    let ledger = Arc::new(MemoryLedger::new());
    for command in demo_entries().chunk_by(|a, b| a.command_id == b.command_id) {
        let first = &command[0];
        let request = AppendRequest {
            command_id: first.command_id.clone(),
            actor: first.actor.clone(),
            recorded_at_ms: first.recorded_at_ms,
            expected_head: Some(first.seq - 1),
            events: command
                .iter()
                .map(|entry| NewEvent { kind: entry.kind.clone(), payload: entry.payload.clone() })
                .collect(),
        };
        ledger.append(request).expect("copy the demo");
    }
    ledger
}

impl Fixture {
    pub fn new() -> Fixture {
        Fixture::with_config(ServerConfig { secure_cookies: false, ..ServerConfig::default() })
    }

    pub fn with_config(config: ServerConfig) -> Fixture {
        let ledger = demo_ledger();
        let node = prodos_app::Node::open(ledger.clone()).expect("open node");
        let accounts = AccountStore::in_memory().expect("accounts");
        // One hash for all: argon2id is slow on purpose, and the tests need many accounts.
        let hash = password::hash(PASSWORD).expect("hash");
        let mut tokens = HashMap::new();
        for (_, handle, role) in ACCOUNTS {
            accounts.create(handle, role, &hash, START_MS).expect("create account");
            let (_, secret) = accounts.issue_token(handle, "tests", START_MS).expect("token");
            tokens.insert(handle, secret);
        }
        let mut state = AppState::new(Arc::new(node), accounts, config);
        let clock_ms = Arc::new(AtomicI64::new(START_MS));
        let clock = clock_ms.clone();
        state.clock = Arc::new(move || Timestamp::from_millis(clock.load(Ordering::SeqCst)));
        let app = prodos_server::app(state.clone());
        Fixture { state, app, clock_ms, tokens, ledger }
    }

    /// The API token of the account a test calls `name` (`participant`, `coordinator`, …).
    pub fn token(&self, name: &str) -> Caller {
        Caller::Token(self.tokens[handle(name)].clone())
    }

    pub fn advance_ms(&self, ms: i64) {
        self.clock_ms.fetch_add(ms, Ordering::SeqCst);
    }

    pub fn head(&self) -> u64 {
        self.state.node.head().seq
    }

    pub async fn send(&self, method: Method, uri: &str, caller: &Caller, body: Option<(&str, Vec<u8>)>) -> Reply {
        let mut request = Request::builder().method(method).uri(uri);
        match caller {
            Caller::Anonymous => {}
            Caller::Token(secret) => request = request.header(header::AUTHORIZATION, format!("Bearer {secret}")),
            Caller::Session { cookie, csrf } => {
                request = request.header(header::COOKIE, cookie.as_str());
                if let Some(csrf) = csrf {
                    request = request.header("x-csrf-token", csrf.as_str());
                }
            }
        }
        let body = match body {
            Some((content_type, bytes)) => {
                request = request.header(header::CONTENT_TYPE, content_type);
                Body::from(bytes)
            }
            None => Body::empty(),
        };
        self.call(request.body(body).expect("request")).await
    }

    pub async fn call(&self, request: Request<Body>) -> Reply {
        let response = self.app.clone().oneshot(request).await.expect("the router is infallible");
        let status = response.status();
        let headers = response.headers().clone();
        // An event stream never ends: the status and headers are the answer.
        let streaming = headers.get(header::CONTENT_TYPE).is_some_and(|value| value == "text/event-stream");
        let body = if streaming {
            Vec::new()
        } else {
            axum::body::to_bytes(response.into_body(), usize::MAX).await.expect("body").to_vec()
        };
        Reply { status, headers, body }
    }

    pub async fn get(&self, uri: &str, caller: &Caller) -> Reply {
        self.send(Method::GET, uri, caller, None).await
    }

    pub async fn post_json(&self, uri: &str, caller: &Caller, body: Value) -> Reply {
        self.send(Method::POST, uri, caller, Some(("application/json", body.to_string().into_bytes()))).await
    }

    /// Signs in as the account a test calls `name` and returns the session caller (cookie plus
    /// CSRF token).
    pub async fn login(&self, name: &str) -> Caller {
        let handle = handle(name);
        let reply = self
            .post_json("/api/session", &Caller::Anonymous, serde_json::json!({"handle": handle, "password": PASSWORD}))
            .await;
        assert_eq!(reply.status, StatusCode::OK, "login {handle}: {}", reply.text());
        let set_cookie = reply.headers[header::SET_COOKIE].to_str().expect("ascii").to_string();
        let cookie = set_cookie.split(';').next().expect("name=value").to_string();
        let csrf = reply.json()["csrf_token"].as_str().map(str::to_string);
        Caller::Session { cookie, csrf }
    }

    /// The end of every test: the node's state is consistent and no handler panicked.
    pub fn finish(self) {
        self.state.check_invariants().expect("the node state keeps every invariant");
        assert_eq!(self.state.panics_caught(), 0, "a handler panicked");
    }
}
