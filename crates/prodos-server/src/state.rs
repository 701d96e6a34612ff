//! What every request handler shares: the node (behind an `Arc`, its blocking calls run on the
//! blocking pool), the account store, sessions, the sign-in limiter, the clock and the channel
//! that tells live pages the ledger moved.

use crate::auth::limiter::LoginLimiter;
use crate::auth::sessions::Sessions;
use crate::auth::store::AccountStore;
use crate::cache::{PageCache, PlanCache};
use crate::error::ApiError;
use prodos_app::queries;
use prodos_app::{CommandMeta, Node, Receipt};
use prodos_core::access::AccessChange;
use prodos_core::{Actor, Command, Timestamp};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;
use tokio::sync::broadcast;

/// Settings an operator chooses at start-up.
#[derive(Debug, Clone)]
pub struct ServerConfig {
    /// Mark cookies `Secure`. Browsers accept Secure cookies from http://localhost; turn it off
    /// only for plain HTTP on another host name during development.
    pub secure_cookies: bool,
    /// Let anonymous callers read the public operational record.
    pub public_record: bool,
    pub body_limit_bytes: usize,
    pub request_timeout: Duration,
}

impl Default for ServerConfig {
    fn default() -> ServerConfig {
        ServerConfig {
            secure_cookies: true,
            public_record: true,
            // Design texts and catalogs are imported through the API; the CLI's file limit is 10 MiB.
            body_limit_bytes: prodos_formats::MAX_INPUT_BYTES,
            request_timeout: Duration::from_secs(30),
        }
    }
}

/// The time source; tests replace it to expire sessions without waiting.
pub type Clock = Arc<dyn Fn() -> Timestamp + Send + Sync>;

#[derive(Clone)]
pub struct AppState {
    pub node: Arc<Node>,
    pub accounts: Arc<AccountStore>,
    pub sessions: Arc<Sessions>,
    pub limiter: Arc<LoginLimiter>,
    pub config: Arc<ServerConfig>,
    pub clock: Clock,
    /// The ledger head after each successful append; live pages subscribe to it.
    pub appended: broadcast::Sender<u64>,
    /// Panics caught by the panic layer; tests assert it stays zero.
    pub panics: Arc<AtomicU64>,
    /// Rendered plan reads, valid while the ledger head stays where they were rendered.
    pub plan_cache: Arc<PlanCache>,
    /// Rendered pages and task lists per viewer and route, valid while the head stays put.
    pub page_cache: Arc<PageCache>,
}

impl AppState {
    pub fn new(node: Arc<Node>, accounts: AccountStore, config: ServerConfig) -> AppState {
        let (appended, _) = broadcast::channel(64);
        AppState {
            node,
            accounts: Arc::new(accounts),
            sessions: Arc::new(Sessions::default()),
            limiter: Arc::new(LoginLimiter::default()),
            config: Arc::new(config),
            clock: Arc::new(prodos_app::clock::now),
            appended,
            panics: Arc::new(AtomicU64::new(0)),
            plan_cache: Arc::new(PlanCache::default()),
            page_cache: Arc::new(PageCache::default()),
        }
    }

    pub fn now(&self) -> Timestamp {
        (self.clock)()
    }

    pub fn panics_caught(&self) -> u64 {
        self.panics.load(Ordering::SeqCst)
    }

    /// Runs blocking work (SQLite, argon2, ledger scans) off the async runtime.
    pub async fn blocking<R: Send + 'static>(
        &self,
        work: impl FnOnce(AppState) -> Result<R, ApiError> + Send + 'static,
    ) -> Result<R, ApiError> {
        let state = self.clone();
        match tokio::task::spawn_blocking(move || work(state)).await {
            Ok(result) => result,
            // Re-raised in the handler's task, so the panic layer counts and answers it like any
            // other: a panic in domain code must not pass as a plain 500.
            Err(join) if join.is_panic() => std::panic::resume_unwind(join.into_panic()),
            Err(join) => Err(ApiError::internal(join)),
        }
    }

    /// Executes a command as `actor` under `command_id`, then tells subscribers the new head.
    pub async fn execute(&self, command: Command, actor: Actor, command_id: String) -> Result<Receipt, ApiError> {
        let meta = CommandMeta { command_id, actor, now: self.now() };
        let receipt = self.blocking(move |state| Ok(state.node.execute(&command, &meta)?)).await?;
        if !receipt.replayed && !receipt.seqs.is_empty() {
            self.announce();
        }
        Ok(receipt)
    }

    /// The meta of an access change (account, role, token) made by `by` through the API: a fresh
    /// command id, `by` as the actor. See `auth::admin`, which records it before the store changes.
    pub fn access_meta(&self, by: &str) -> Result<CommandMeta, ApiError> {
        let command_id = format!("access:{by}:{}", crate::auth::secret::random_hex(16)?);
        Ok(CommandMeta { command_id, actor: Actor::Account(by.to_string()), now: self.now() })
    }

    /// After `auth::admin` recorded `change`: ends the sessions the core says it ends (they carry
    /// a role or a password that no longer holds) and tells live pages.
    pub fn access_changed(&self, change: &AccessChange) {
        if let Some(handle) = change.ends_sessions_of() {
            self.sessions.end_all_of(handle);
        }
        self.announce();
    }

    /// Tells live pages the ledger moved.
    pub fn announce(&self) {
        // No subscriber is not an error: nobody is watching.
        let _ = self.appended.send(self.node.head().seq);
    }

    /// The node's consistency check; tests end with it.
    pub fn check_invariants(&self) -> Result<(), String> {
        queries::check_invariants(&self.node)
    }
}
