//! `prodos account add|list|disable|enable|role|password`: accounts from the host. Whoever holds
//! the data directory is trusted, as `prodos serve` is, so this is where a node started without
//! `--demo` gets its first admin, and where an admin locked out of their own account gets back
//! in. Each change runs the API's own steps (`prodos_server::auth::admin`): checked, recorded in
//! the ledger as `--actor`, then stored in `accounts.sqlite3`.

use super::context::{Context, GlobalArgs, print_json, table};
use anyhow::{Context as _, anyhow};
use clap::Subcommand;
use prodos_server::auth::store::AccountStore;
use prodos_server::auth::{Role, admin, secret};
use prodos_server::{ApiError, ErrorBody};
use std::io::Read as _;

/// Generated passwords: 20 characters of a 54-letter alphabet, over 110 bits.
const GENERATED_PASSWORD_CHARS: usize = 20;

#[derive(Subcommand, Debug)]
pub enum AccountCommand {
    /// Create an account. Without --password-stdin a strong password is generated and printed once.
    Add {
        handle: String,
        /// participant, coordinator, auditor or admin.
        #[arg(long, value_parser = parse_role)]
        role: Role,
        /// Read the password (12–128 characters) from standard input; one trailing newline is dropped.
        #[arg(long)]
        password_stdin: bool,
    },
    /// Accounts with their roles (never a password hash).
    List {
        #[arg(long)]
        json: bool,
    },
    /// Disable an account and revoke its tokens; a running server ends its sessions.
    Disable { handle: String },
    /// Let a disabled account sign in again (its revoked tokens stay revoked).
    Enable { handle: String },
    /// Give an account another role; a running server ends its sessions.
    Role {
        handle: String,
        /// participant, coordinator, auditor or admin.
        #[arg(value_parser = parse_role)]
        role: Role,
    },
    /// Reset an account's password; a running server ends its sessions. Without --password-stdin
    /// a strong password is generated and printed once.
    Password {
        handle: String,
        /// Read the new password (12–128 characters) from standard input; one trailing newline is
        /// dropped.
        #[arg(long)]
        password_stdin: bool,
    },
}

/// The node and its account store, opened together: changes go to the ledger, then the store.
pub struct Operator {
    pub context: Context,
    pub accounts: AccountStore,
}

impl Operator {
    pub fn open(global: &GlobalArgs) -> anyhow::Result<Operator> {
        // The node first: it creates the data directory the account store lives in.
        let context = Context::open(global)?;
        let accounts = AccountStore::open(&global.data_dir)
            .map_err(explain)
            .with_context(|| format!("opening the accounts of {}", global.data_dir.display()))?;
        Ok(Operator { context, accounts })
    }

    /// "recorded as entry N" when the ledger grew since `before`, else that nothing changed.
    pub fn outcome(&self, before: u64) -> String {
        let head = self.context.node.head().seq;
        if head > before { format!("recorded as entry {head}") } else { "unchanged, nothing recorded".to_string() }
    }
}

pub fn run(command: AccountCommand, global: &GlobalArgs) -> anyhow::Result<()> {
    let operator = Operator::open(global)?;
    let (node, accounts) = (&operator.context.node, &operator.accounts);
    let before = node.head().seq;
    match command {
        AccountCommand::Add { handle, role, password_stdin } => {
            let (password, generated) = new_password(password_stdin)?;
            let meta = operator.context.next_meta();
            admin::create_account(node, accounts, &meta, &handle, role, &password)
                .map_err(looking_up("account", "handle", &handle))?;
            println!("account {handle} ({}): {}", role.as_str(), operator.outcome(before));
            if generated {
                show_once(&password);
            }
        }
        AccountCommand::List { json } => {
            let views = accounts.list().map_err(explain)?;
            if json {
                return print_json(&views);
            }
            let mut out = table(&["handle", "role", "status", "created"]);
            for view in views {
                out.add_row(vec![
                    view.handle,
                    view.role.as_str().to_string(),
                    if view.disabled { "disabled" } else { "enabled" }.to_string(),
                    super::format_time(view.created_at_ms),
                ]);
            }
            println!("{out}");
        }
        AccountCommand::Disable { handle } => {
            let meta = operator.context.next_meta();
            let disabled = admin::disable_account(node, accounts, &meta, &handle)
                .map_err(looking_up("account", "handle", &handle))?
                .is_some();
            let what = if disabled { "disabled, its tokens revoked" } else { "was disabled already" };
            println!("account {handle} {what}: {}", operator.outcome(before));
        }
        AccountCommand::Enable { handle } => {
            let meta = operator.context.next_meta();
            let enabled = admin::enable_account(node, accounts, &meta, &handle)
                .map_err(looking_up("account", "handle", &handle))?
                .is_some();
            let what = if enabled { "enabled, its revoked tokens stay revoked" } else { "was enabled already" };
            println!("account {handle} {what}: {}", operator.outcome(before));
        }
        AccountCommand::Password { handle, password_stdin } => {
            let (password, generated) = new_password(password_stdin)?;
            let meta = operator.context.next_meta();
            // A reset: the host operator is trusted with the data directory and needs no current one.
            admin::change_password(node, accounts, &meta, &handle, None, &password)
                .map_err(looking_up("account", "handle", &handle))?;
            println!("account {handle} has a new password: {}", operator.outcome(before));
            if generated {
                show_once(&password);
            }
        }
        AccountCommand::Role { handle, role } => {
            let meta = operator.context.next_meta();
            let changed = admin::change_role(node, accounts, &meta, &handle, role)
                .map_err(looking_up("account", "handle", &handle))?
                .is_some();
            let what = if changed { "is now" } else { "already is" };
            println!("account {handle} {what} {}: {}", role.as_str(), operator.outcome(before));
        }
    }
    Ok(())
}

pub fn parse_role(text: &str) -> Result<Role, String> {
    let names: Vec<&str> = Role::ALL.iter().map(|role| role.as_str()).collect();
    Role::parse(text).ok_or_else(|| format!("`{text}` is not a role: one of {}", names.join(", ")))
}

/// The password piped in (`--password-stdin`) or a generated one; true when generated, which
/// is then shown once.
fn new_password(password_stdin: bool) -> anyhow::Result<(String, bool)> {
    if password_stdin {
        return Ok((read_password()?, false));
    }
    Ok((secret::random_password(GENERATED_PASSWORD_CHARS).map_err(explain)?, true))
}

fn show_once(password: &str) {
    println!("password: {password}");
    println!("shown once: only its argon2id hash is kept, so it will not be shown again");
}

/// The password piped in, without the newline `echo` or a file adds.
fn read_password() -> anyhow::Result<String> {
    let mut password = String::new();
    std::io::stdin().read_to_string(&mut password).context("reading the password from standard input")?;
    let trimmed = password.strip_suffix('\n').unwrap_or(&password);
    Ok(trimmed.strip_suffix('\r').unwrap_or(trimmed).to_string())
}

/// A refusal as one sentence that names the field at fault.
pub fn explain(error: ApiError) -> anyhow::Error {
    match error {
        // The server keeps internal reasons from its clients; the host operator needs them.
        ApiError::Internal { reason } | ApiError::Startup { reason } => anyhow!("{reason}"),
        // The domain's rejections name their field already.
        ApiError::Rejected(rejection) => anyhow!("{rejection}"),
        other => match other.body() {
            ErrorBody { message, field: Some(field), .. } => anyhow!("field `{field}`: {message}"),
            ErrorBody { message, field: None, .. } => anyhow!("{message}"),
        },
    }
}

/// As [`explain`], for a step that looks `value` up as a `noun` given in `field`: "not found"
/// becomes "unknown account `bob` (field `handle`)".
pub fn looking_up<'a>(noun: &'a str, field: &'a str, value: &'a str) -> impl FnOnce(ApiError) -> anyhow::Error + 'a {
    move |error| match error {
        ApiError::NotFound { .. } => anyhow!("unknown {noun} `{value}` (field `{field}`)"),
        other => explain(other),
    }
}
