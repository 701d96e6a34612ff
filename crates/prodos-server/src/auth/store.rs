//! Accounts and API tokens in `accounts.sqlite3` beside the ledger. Kept out of the ledger on
//! purpose: password hashes and token hashes are secrets that an append-only, publicly readable
//! record must never hold, and an account must be removable. Calls block: run them off the
//! async runtime.

use crate::auth::{Role, secret};
use crate::error::ApiError;
use rusqlite::{Connection, OptionalExtension, params};
use serde::Serialize;
use std::path::Path;
use std::sync::Mutex;

pub const ACCOUNTS_FILE: &str = "accounts.sqlite3";

/// An account as admins see it: never the hash.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct AccountView {
    pub handle: String,
    pub role: Role,
    pub disabled: bool,
    pub created_at_ms: i64,
}

/// A token as its owner sees it after creation: never the secret.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct TokenView {
    pub id: String,
    pub handle: String,
    pub label: String,
    pub created_at_ms: i64,
    pub revoked_at_ms: Option<i64>,
}

/// A token whose id and secret are drawn but not yet stored, so that its id can be recorded in
/// the ledger before the token exists. The secret is never displayed by `Debug`.
pub struct NewToken {
    id: String,
    secret: String,
}

impl NewToken {
    pub fn generate() -> Result<NewToken, ApiError> {
        Ok(NewToken { id: format!("tok_{}", secret::random_hex(8)?), secret: secret::random_hex(32)? })
    }

    /// The public id, `tok_` and hex: what the ledger records.
    pub fn id(&self) -> &str {
        &self.id
    }
}

pub struct AccountStore {
    connection: Mutex<Connection>,
}

const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS accounts (
    handle TEXT PRIMARY KEY,
    role TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    disabled INTEGER NOT NULL DEFAULT 0,
    created_at_ms INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS api_tokens (
    id TEXT PRIMARY KEY,
    handle TEXT NOT NULL REFERENCES accounts(handle),
    label TEXT NOT NULL,
    secret_hash TEXT NOT NULL,
    created_at_ms INTEGER NOT NULL,
    revoked_at_ms INTEGER
);
";

fn db_error(error: rusqlite::Error) -> ApiError {
    ApiError::internal(format!("accounts database: {error}"))
}

impl AccountStore {
    pub fn open(data_dir: &Path) -> Result<AccountStore, ApiError> {
        let path = data_dir.join(ACCOUNTS_FILE);
        let connection = Connection::open(&path).map_err(db_error)?;
        // Password hashes are for this process only: owner read/write, set before WAL mode so
        // the -wal and -shm files SQLite creates next to it take the same mode.
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt as _;
            std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600))
                .map_err(|error| ApiError::Startup { reason: format!("{}: {error}", path.display()) })?;
        }
        AccountStore::with_connection(connection)
    }

    /// For tests: the same schema, nothing on disk.
    pub fn in_memory() -> Result<AccountStore, ApiError> {
        AccountStore::with_connection(Connection::open_in_memory().map_err(db_error)?)
    }

    fn with_connection(connection: Connection) -> Result<AccountStore, ApiError> {
        connection.execute_batch("PRAGMA journal_mode=WAL; PRAGMA foreign_keys=ON;").map_err(db_error)?;
        connection.execute_batch(SCHEMA).map_err(db_error)?;
        Ok(AccountStore { connection: Mutex::new(connection) })
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Connection> {
        // A panic while holding the lock cannot leave SQLite half-written: each call is one
        // statement or one transaction.
        self.connection.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    pub fn count(&self) -> Result<u64, ApiError> {
        self.lock().query_row("SELECT COUNT(*) FROM accounts", [], |row| row.get(0)).map_err(db_error)
    }

    /// Creates an account with an already computed argon2id hash.
    pub fn create(&self, handle: &str, role: Role, password_hash: &str, now_ms: i64) -> Result<(), ApiError> {
        check_handle(handle)?;
        let inserted = self
            .lock()
            .execute(
                "INSERT OR IGNORE INTO accounts (handle, role, password_hash, created_at_ms) VALUES (?1, ?2, ?3, ?4)",
                params![handle, role.as_str(), password_hash, now_ms],
            )
            .map_err(db_error)?;
        if inserted == 0 {
            return Err(ApiError::Invalid {
                code: "handle_taken",
                message: format!("an account `{handle}` already exists"),
                field: Some("handle".into()),
            });
        }
        Ok(())
    }

    pub fn list(&self) -> Result<Vec<AccountView>, ApiError> {
        let connection = self.lock();
        let mut statement = connection
            .prepare("SELECT handle, role, disabled, created_at_ms FROM accounts ORDER BY handle")
            .map_err(db_error)?;
        let rows = statement
            .query_map([], |row| {
                Ok((row.get::<_, String>(0)?, row.get::<_, String>(1)?, row.get::<_, bool>(2)?, row.get(3)?))
            })
            .map_err(db_error)?;
        rows.map(|row| {
            let (handle, role, disabled, created_at_ms) = row.map_err(db_error)?;
            Ok(AccountView { role: stored_role(&role)?, handle, disabled, created_at_ms })
        })
        .collect()
    }

    /// The role and password hash of an enabled account.
    pub fn credentials(&self, handle: &str) -> Result<Option<(Role, String)>, ApiError> {
        let row: Option<(String, String)> = self
            .lock()
            .query_row(
                "SELECT role, password_hash FROM accounts WHERE handle = ?1 AND disabled = 0",
                params![handle],
                |row| Ok((row.get(0)?, row.get(1)?)),
            )
            .optional()
            .map_err(db_error)?;
        row.map(|(role, hash)| Ok((stored_role(&role)?, hash))).transpose()
    }

    /// The role of an account, enabled or not; `None` when there is no such account.
    pub fn role_of(&self, handle: &str) -> Result<Option<Role>, ApiError> {
        let role: Option<String> = self
            .lock()
            .query_row("SELECT role FROM accounts WHERE handle = ?1", params![handle], |row| row.get(0))
            .optional()
            .map_err(db_error)?;
        role.map(|role| stored_role(&role)).transpose()
    }

    /// One account, enabled or not; `None` when there is no such account.
    pub fn account(&self, handle: &str) -> Result<Option<AccountView>, ApiError> {
        let row: Option<(String, bool, i64)> = self
            .lock()
            .query_row("SELECT role, disabled, created_at_ms FROM accounts WHERE handle = ?1", params![handle], |row| {
                Ok((row.get(0)?, row.get(1)?, row.get(2)?))
            })
            .optional()
            .map_err(db_error)?;
        row.map(|(role, disabled, created_at_ms)| {
            Ok(AccountView { handle: handle.to_string(), role: stored_role(&role)?, disabled, created_at_ms })
        })
        .transpose()
    }

    /// Changes an account's role; false when there is no such account.
    pub fn set_role(&self, handle: &str, role: Role) -> Result<bool, ApiError> {
        let changed = self
            .lock()
            .execute("UPDATE accounts SET role = ?2 WHERE handle = ?1", params![handle, role.as_str()])
            .map_err(db_error)?;
        Ok(changed > 0)
    }

    /// Replaces an account's password hash (an argon2id PHC string computed by the caller); false
    /// when there is no such account. Enabled or not: an admin may reset a disabled account's
    /// password before enabling it.
    pub fn set_password(&self, handle: &str, password_hash: &str) -> Result<bool, ApiError> {
        let changed = self
            .lock()
            .execute("UPDATE accounts SET password_hash = ?2 WHERE handle = ?1", params![handle, password_hash])
            .map_err(db_error)?;
        Ok(changed > 0)
    }

    /// Lets a disabled account sign in again; false when there is no such account. Its tokens,
    /// revoked when it was disabled, stay revoked: whoever needs one is issued a new one.
    pub fn enable(&self, handle: &str) -> Result<bool, ApiError> {
        let changed = self
            .lock()
            .execute("UPDATE accounts SET disabled = 0 WHERE handle = ?1", params![handle])
            .map_err(db_error)?;
        Ok(changed > 0)
    }

    /// Disables an account and revokes its tokens in one transaction.
    pub fn disable(&self, handle: &str, now_ms: i64) -> Result<bool, ApiError> {
        let mut connection = self.lock();
        let transaction = connection.transaction().map_err(db_error)?;
        let changed = transaction
            .execute("UPDATE accounts SET disabled = 1 WHERE handle = ?1", params![handle])
            .map_err(db_error)?;
        transaction
            .execute(
                "UPDATE api_tokens SET revoked_at_ms = ?2 WHERE handle = ?1 AND revoked_at_ms IS NULL",
                params![handle, now_ms],
            )
            .map_err(db_error)?;
        transaction.commit().map_err(db_error)?;
        Ok(changed > 0)
    }

    /// Issues a token for `handle`; returns its view and the secret, which is never stored.
    pub fn issue_token(&self, handle: &str, label: &str, now_ms: i64) -> Result<(TokenView, String), ApiError> {
        self.store_token(handle, label, NewToken::generate()?, now_ms)
    }

    /// Stores a token drawn earlier (its id already recorded in the ledger); returns its view and
    /// the `tok_ID.SECRET` to show once. Only the secret's hash is written.
    pub fn store_token(
        &self,
        handle: &str,
        label: &str,
        token: NewToken,
        now_ms: i64,
    ) -> Result<(TokenView, String), ApiError> {
        let NewToken { id, secret: secret_part } = token;
        self.lock()
            .execute(
                "INSERT INTO api_tokens (id, handle, label, secret_hash, created_at_ms) VALUES (?1, ?2, ?3, ?4, ?5)",
                params![id, handle, label, secret::secret_hash(&secret_part), now_ms],
            )
            .map_err(db_error)?;
        let presented = format!("{id}.{secret_part}");
        let view = TokenView {
            id,
            handle: handle.to_string(),
            label: label.to_string(),
            created_at_ms: now_ms,
            revoked_at_ms: None,
        };
        Ok((view, presented))
    }

    /// The owner and role behind a presented `tok_….secret`, if it is valid, unrevoked and its
    /// account enabled.
    pub fn authenticate_token(&self, presented: &str) -> Result<Option<(String, Role, String)>, ApiError> {
        let Some((id, secret_part)) = presented.split_once('.') else { return Ok(None) };
        let row: Option<(String, String, String)> = self
            .lock()
            .query_row(
                "SELECT t.secret_hash, a.handle, a.role FROM api_tokens t JOIN accounts a ON a.handle = t.handle
                 WHERE t.id = ?1 AND t.revoked_at_ms IS NULL AND a.disabled = 0",
                params![id],
                |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)),
            )
            .optional()
            .map_err(db_error)?;
        let Some((stored_hash, handle, role)) = row else { return Ok(None) };
        if !secret::constant_time_eq(&stored_hash, &secret::secret_hash(secret_part)) {
            return Ok(None);
        }
        Ok(Some((handle, stored_role(&role)?, id.to_string())))
    }

    /// One token, revoked or not; `None` when there is no such token.
    pub fn token(&self, id: &str) -> Result<Option<TokenView>, ApiError> {
        self.lock()
            .query_row(
                "SELECT id, handle, label, created_at_ms, revoked_at_ms FROM api_tokens WHERE id = ?1",
                params![id],
                token_view,
            )
            .optional()
            .map_err(db_error)
    }

    pub fn tokens_of(&self, handle: &str) -> Result<Vec<TokenView>, ApiError> {
        let connection = self.lock();
        let mut statement = connection
            .prepare("SELECT id, handle, label, created_at_ms, revoked_at_ms FROM api_tokens WHERE handle = ?1 ORDER BY created_at_ms, id")
            .map_err(db_error)?;
        let rows = statement.query_map(params![handle], token_view).map_err(db_error)?;
        rows.collect::<Result<_, _>>().map_err(db_error)
    }

    /// Revokes token `id` if `owner` owns it (any owner when `None`, for admins). `None` when there
    /// is no such token for this caller, which the route reports as 404 so ids cannot be probed.
    /// Returns the token's owner; a token revoked before keeps its first revocation time.
    pub fn revoke_token(&self, id: &str, owner: Option<&str>, now_ms: i64) -> Result<Option<String>, ApiError> {
        let connection = self.lock();
        let holder: Option<String> = connection
            .query_row(
                "SELECT handle FROM api_tokens WHERE id = ?1 AND (?2 IS NULL OR handle = ?2)",
                params![id, owner],
                |row| row.get(0),
            )
            .optional()
            .map_err(db_error)?;
        let Some(holder) = holder else { return Ok(None) };
        connection
            .execute(
                "UPDATE api_tokens SET revoked_at_ms = COALESCE(revoked_at_ms, ?2) WHERE id = ?1",
                params![id, now_ms],
            )
            .map_err(db_error)?;
        Ok(Some(holder))
    }
}

fn stored_role(text: &str) -> Result<Role, ApiError> {
    Role::parse(text).ok_or_else(|| ApiError::internal(format!("accounts database holds unknown role `{text}`")))
}

/// Handles are what the ledger records as the actor: short, lowercase, no spaces.
pub fn check_handle(handle: &str) -> Result<(), ApiError> {
    let valid = (2..=32).contains(&handle.len())
        && handle
            .bytes()
            .all(|byte| byte.is_ascii_lowercase() || byte.is_ascii_digit() || byte == b'-' || byte == b'_')
        && handle.as_bytes()[0].is_ascii_lowercase();
    if !valid {
        return Err(ApiError::invalid(
            "handle",
            format!(
                "`{handle}` is not a handle: 2–32 characters, lowercase letters, digits, - and _, starting with a letter"
            ),
        ));
    }
    Ok(())
}

/// A row of `SELECT id, handle, label, created_at_ms, revoked_at_ms FROM api_tokens`.
fn token_view(row: &rusqlite::Row<'_>) -> rusqlite::Result<TokenView> {
    Ok(TokenView {
        id: row.get(0)?,
        handle: row.get(1)?,
        label: row.get(2)?,
        created_at_ms: row.get(3)?,
        revoked_at_ms: row.get(4)?,
    })
}
