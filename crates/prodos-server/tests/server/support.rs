//! A fresh server per test: a seeded demo node in a temporary directory, one account and one API
//! token per role (plus a second participant), a clock the test moves, and request helpers.

use axum::Router;
use axum::body::Body;
use axum::http::{HeaderMap, Method, Request, StatusCode, header};
use prodos_core::Timestamp;
use prodos_server::auth::store::AccountStore;
use prodos_server::auth::{Role, password};
use prodos_server::{AppState, ServerConfig};
use serde_json::Value;
use std::collections::HashMap;
use std::sync::Arc;
use std::sync::atomic::{AtomicI64, Ordering};
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

    pub fn code(&self) -> String {
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
    pub tokens: HashMap<&'static str, String>,
    _dir: tempfile::TempDir,
}

/// Handles of the accounts every fixture has: one per role, and a second participant.
pub const HANDLES: [(&str, Role); 6] = [
    ("participant", Role::Participant),
    ("coordinator", Role::Coordinator),
    ("auditor", Role::Auditor),
    ("admin", Role::Admin),
    ("participant2", Role::Participant),
    ("spare", Role::Participant),
];

impl Fixture {
    pub fn new() -> Fixture {
        Fixture::with_config(ServerConfig { secure_cookies: false, ..ServerConfig::default() })
    }

    pub fn with_config(config: ServerConfig) -> Fixture {
        let dir = tempfile::tempdir().expect("temp dir");
        let node = prodos_node::data_dir::open(dir.path()).expect("open node");
        prodos_node::demo::seed(&node, "demo", Timestamp::from_millis(START_MS)).expect("seed demo");
        let accounts = AccountStore::in_memory().expect("accounts");
        // One hash for all: argon2id is slow on purpose, and the tests need many accounts.
        let hash = password::hash(PASSWORD).expect("hash");
        let mut tokens = HashMap::new();
        for (handle, role) in HANDLES {
            accounts.create(handle, role, &hash, START_MS).expect("create account");
            let (_, secret) = accounts.issue_token(handle, "tests", START_MS).expect("token");
            tokens.insert(handle, secret);
        }
        let mut state = AppState::new(Arc::new(node), accounts, config);
        let clock_ms = Arc::new(AtomicI64::new(START_MS));
        let clock = clock_ms.clone();
        state.clock = Arc::new(move || Timestamp::from_millis(clock.load(Ordering::SeqCst)));
        let app = prodos_server::app(state.clone());
        Fixture { state, app, clock_ms, tokens, _dir: dir }
    }

    pub fn token(&self, handle: &str) -> Caller {
        Caller::Token(self.tokens[handle].clone())
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

    /// Signs in and returns the session caller (cookie plus CSRF token).
    pub async fn login(&self, handle: &str) -> Caller {
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
        self.state.verify().expect("node state verifies");
        assert_eq!(self.state.panics_caught(), 0, "a handler panicked");
    }
}
