//! Browser sessions, in memory only: a restart signs everyone out, and no session secret is ever
//! written anywhere. Looked up by the hash of the cookie value; expire after idling and after an
//! absolute lifetime; a new id is issued at every sign-in (no fixation).

use crate::auth::{Role, secret};
use crate::error::ApiError;
use std::collections::HashMap;
use std::sync::Mutex;

/// ASVS 3.3: idle and absolute session lifetimes.
pub const IDLE_TIMEOUT_MS: i64 = 30 * 60 * 1000;
pub const ABSOLUTE_TIMEOUT_MS: i64 = 12 * 60 * 60 * 1000;

#[derive(Debug, Clone)]
pub struct Session {
    pub handle: String,
    pub role: Role,
    pub csrf_token: String,
    pub created_at_ms: i64,
    pub last_seen_ms: i64,
}

#[derive(Default)]
pub struct Sessions {
    // Keyed by blake3(session id): the map never holds the cookie value itself.
    by_hash: Mutex<HashMap<String, Session>>,
}

impl Sessions {
    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<String, Session>> {
        self.by_hash.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Starts a session; returns the cookie value and the session. `replaced` is the id the
    /// browser presented before signing in, which is ended so it cannot be reused.
    pub fn start(
        &self,
        handle: &str,
        role: Role,
        now_ms: i64,
        replaced: Option<&str>,
    ) -> Result<(String, Session), ApiError> {
        let id = secret::random_hex(32)?;
        let session = Session {
            handle: handle.to_string(),
            role,
            csrf_token: secret::random_hex(32)?,
            created_at_ms: now_ms,
            last_seen_ms: now_ms,
        };
        let mut sessions = self.lock();
        if let Some(old) = replaced {
            sessions.remove(&secret::secret_hash(old));
        }
        // Drop expired sessions on the way, so the map cannot grow without bound.
        sessions.retain(|_, existing| !expired(existing, now_ms));
        sessions.insert(secret::secret_hash(&id), session.clone());
        Ok((id, session))
    }

    /// The live session behind a cookie value, touched; expired sessions are removed.
    pub fn get(&self, id: &str, now_ms: i64) -> Option<Session> {
        let key = secret::secret_hash(id);
        let mut sessions = self.lock();
        let session = sessions.get_mut(&key)?;
        if expired(session, now_ms) {
            sessions.remove(&key);
            return None;
        }
        session.last_seen_ms = now_ms;
        Some(session.clone())
    }

    pub fn end(&self, id: &str) {
        self.lock().remove(&secret::secret_hash(id));
    }

    /// Ends every session of an account (disabled, role changed).
    pub fn end_all_of(&self, handle: &str) {
        self.lock().retain(|_, session| session.handle != handle);
    }
}

fn expired(session: &Session, now_ms: i64) -> bool {
    now_ms - session.last_seen_ms > IDLE_TIMEOUT_MS || now_ms - session.created_at_ms > ABSOLUTE_TIMEOUT_MS
}
