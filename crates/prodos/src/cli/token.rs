//! `prodos token issue|list|revoke`: API tokens from the host, so scripts on a node without
//! `--demo` can get their first one. The same steps as the API (`prodos_server::auth::admin`):
//! the ledger records the token's id and label as `--actor`, the secret is printed once and only
//! its hash is stored.

use super::account::{Operator, explain, looking_up};
use super::context::{GlobalArgs, print_json, table};
use clap::Subcommand;
use prodos_server::auth::admin;

#[derive(Subcommand, Debug)]
pub enum TokenCommand {
    /// Issue an API token to an account; `tok_ID.SECRET` is printed once.
    Issue {
        handle: String,
        /// What the token is for, e.g. `nightly-stock-import` (1–80 characters).
        #[arg(long, default_value = "cli")]
        label: String,
    },
    /// An account's tokens, revoked ones included (never a secret).
    List {
        handle: String,
        #[arg(long)]
        json: bool,
    },
    /// Revoke a token by its id (`tok_…`).
    Revoke { id: String },
}

pub fn run(command: TokenCommand, global: &GlobalArgs) -> anyhow::Result<()> {
    let operator = Operator::open(global)?;
    let (node, accounts) = (&operator.context.node, &operator.accounts);
    let before = node.head().seq;
    match command {
        TokenCommand::Issue { handle, label } => {
            let meta = operator.context.next_meta();
            let (token, presented) = admin::issue_token(node, accounts, &meta, &handle, &label)
                .map_err(looking_up("account", "handle", &handle))?;
            println!("token {} for {handle} ({}): {}", token.id, token.label, operator.outcome(before));
            println!("{presented}");
            println!("shown once: only its hash is kept, so it will not be shown again");
            println!("scripts send it as the header `Authorization: Bearer tok_…`");
        }
        TokenCommand::List { handle, json } => {
            if accounts.account(&handle).map_err(explain)?.is_none() {
                anyhow::bail!("unknown account `{handle}` (field `handle`)");
            }
            let tokens = accounts.tokens_of(&handle).map_err(explain)?;
            if json {
                return print_json(&tokens);
            }
            let mut out = table(&["id", "label", "created", "revoked"]);
            for token in tokens {
                out.add_row(vec![
                    token.id,
                    token.label,
                    super::format_time(token.created_at_ms),
                    token.revoked_at_ms.map(super::format_time).unwrap_or_default(),
                ]);
            }
            println!("{out}");
        }
        TokenCommand::Revoke { id } => {
            let meta = operator.context.next_meta();
            let revoked =
                admin::revoke_token(node, accounts, &meta, &id, None).map_err(looking_up("token", "token", &id))?;
            let what = if revoked { "revoked" } else { "was revoked already" };
            println!("token {id} {what}: {}", operator.outcome(before));
        }
    }
    Ok(())
}
