//! Managing accounts and API tokens, as plain blocking steps shared by the API handlers (which run
//! them on the blocking pool and then tell live pages) and the host operator's CLI (`prodos
//! account`, `prodos token`). Each step validates, records the access change in the ledger as
//! `meta.actor`, and only then changes the account store, so the record never misses a change the
//! store made; a refusal before that point changes neither.

use crate::auth::store::{AccountStore, AccountView, NewToken, TokenView, check_handle};
use crate::auth::{Role, password};
use crate::error::ApiError;
use prodos_app::{CommandMeta, Node};
use prodos_core::access::{AccessChange, AccessCommand, AccessEvent};
use prodos_core::{Command, Event};

/// A token's label says what it is for, e.g. `nightly-stock-import`.
pub const MAX_LABEL_CHARS: usize = 80;

/// The code of a refused password change whose current password was wrong; the API handler
/// counts it as a failed sign-in, so guesses through either route share one budget.
pub const WRONG_PASSWORD: &str = "wrong_password";

/// Creates an account with `password` (checked against the policy, stored as an argon2id hash).
/// CPU-heavy (argon2): call it from a blocking task.
pub fn create_account(
    node: &Node,
    accounts: &AccountStore,
    meta: &CommandMeta,
    handle: &str,
    role: Role,
    password: &str,
) -> Result<AccountView, ApiError> {
    check_handle(handle)?;
    password::check_policy(password)?;
    if accounts.role_of(handle)?.is_some() {
        return Err(ApiError::Invalid {
            code: "handle_taken",
            message: format!("an account `{handle}` already exists"),
            field: Some("handle".into()),
        });
    }
    let hash = password::hash(password)?;
    record(node, meta, AccessChange::AccountCreated { handle: handle.to_string(), role: role.as_str().to_string() })?;
    let now_ms = meta.now.millis();
    accounts.create(handle, role, &hash, now_ms)?;
    Ok(AccountView { handle: handle.to_string(), role, disabled: false, created_at_ms: now_ms })
}

/// Disables an account and revokes its tokens; returns the recorded change, `None` when it was
/// disabled already (nothing is recorded then). The caller ends the sessions the change names
/// ([`AccessChange::ends_sessions_of`]).
pub fn disable_account(
    node: &Node,
    accounts: &AccountStore,
    meta: &CommandMeta,
    handle: &str,
) -> Result<Option<AccessChange>, ApiError> {
    let account = existing_account(accounts, handle)?;
    if account.disabled {
        return Ok(None);
    }
    let change = record(node, meta, AccessChange::AccountDisabled { handle: handle.to_string() })?;
    accounts.disable(handle, meta.now.millis())?;
    Ok(Some(change))
}

/// Lets a disabled account sign in again (its revoked tokens stay revoked); returns the recorded
/// change, `None` when it was enabled already (nothing is recorded then).
pub fn enable_account(
    node: &Node,
    accounts: &AccountStore,
    meta: &CommandMeta,
    handle: &str,
) -> Result<Option<AccessChange>, ApiError> {
    let account = existing_account(accounts, handle)?;
    if !account.disabled {
        return Ok(None);
    }
    let change = record(node, meta, AccessChange::AccountEnabled { handle: handle.to_string() })?;
    accounts.enable(handle)?;
    Ok(Some(change))
}

/// Sets an account's password. With `current` (the holder changing their own, ASVS 2.1.5) it must
/// match the stored hash and differ from `new`; without it (an admin's or the host operator's
/// reset) nothing is compared, so a reset never tells its maker whether they guessed the old
/// password. A wrong current password is a 422 [`WRONG_PASSWORD`] on `current_password`, and a
/// refusal writes nothing. Returns the recorded change; the caller ends the sessions it names.
/// CPU-heavy (argon2): call it from a blocking task.
pub fn change_password(
    node: &Node,
    accounts: &AccountStore,
    meta: &CommandMeta,
    handle: &str,
    current: Option<&str>,
    new: &str,
) -> Result<AccessChange, ApiError> {
    let account = existing_account(accounts, handle)?;
    if let Some(current) = current {
        // `credentials` holds enabled accounts only: a disabled one has nothing to sign in with.
        let stored = accounts.credentials(handle)?.map(|(_, hash)| hash);
        if account.disabled || !stored.is_some_and(|hash| password::matches(current, &hash)) {
            return Err(ApiError::Invalid {
                code: WRONG_PASSWORD,
                message: "the current password is wrong".into(),
                field: Some("current_password".into()),
            });
        }
        if new == current {
            return Err(ApiError::Invalid {
                code: "password_unchanged",
                message: "the new password must differ from the current one".into(),
                field: Some("new_password".into()),
            });
        }
    }
    password::check_policy(new).map_err(|error| match error {
        // The policy names `password`; here the offending value is the new one.
        ApiError::Invalid { code, message, .. } => {
            ApiError::Invalid { code, message, field: Some("new_password".into()) }
        }
        other => other,
    })?;
    let hash = password::hash(new)?;
    let change = record(node, meta, AccessChange::PasswordChanged { handle: handle.to_string() })?;
    accounts.set_password(handle, &hash)?;
    Ok(change)
}

/// Gives an account another role; returns the recorded change, `None` when it holds that role
/// already (nothing is recorded then). The caller ends the sessions it names, which carry the old
/// role.
pub fn change_role(
    node: &Node,
    accounts: &AccountStore,
    meta: &CommandMeta,
    handle: &str,
    role: Role,
) -> Result<Option<AccessChange>, ApiError> {
    let from = existing_account(accounts, handle)?.role;
    if from == role {
        return Ok(None);
    }
    let change = AccessChange::RoleChanged {
        handle: handle.to_string(),
        from: from.as_str().to_string(),
        to: role.as_str().to_string(),
    };
    let change = record(node, meta, change)?;
    accounts.set_role(handle, role)?;
    Ok(Some(change))
}

/// Issues an API token to an enabled account; returns its view and the `tok_ID.SECRET` to show
/// once. The ledger records the id and label, never the secret.
pub fn issue_token(
    node: &Node,
    accounts: &AccountStore,
    meta: &CommandMeta,
    handle: &str,
    label: &str,
) -> Result<(TokenView, String), ApiError> {
    let label = label.trim();
    if label.is_empty() || label.chars().count() > MAX_LABEL_CHARS {
        return Err(ApiError::invalid("label", "a label of 1–80 characters says what the token is for"));
    }
    if existing_account(accounts, handle)?.disabled {
        return Err(ApiError::invalid(
            "handle",
            format!("account `{handle}` is disabled, so its tokens would not work"),
        ));
    }
    let token = NewToken::generate()?;
    let change = AccessChange::TokenIssued {
        token: token.id().to_string(),
        handle: handle.to_string(),
        label: label.to_string(),
    };
    record(node, meta, change)?;
    accounts.store_token(handle, label, token, meta.now.millis())
}

/// Revokes token `id`, if `owner` holds it (any holder when `None`: admins and the host
/// operator). Someone else's token is reported as not found, so ids cannot be probed. False when
/// it was revoked already (nothing is recorded then).
pub fn revoke_token(
    node: &Node,
    accounts: &AccountStore,
    meta: &CommandMeta,
    id: &str,
    owner: Option<&str>,
) -> Result<bool, ApiError> {
    let token = accounts
        .token(id)?
        .filter(|token| owner.is_none_or(|owner| owner == token.handle))
        .ok_or_else(|| ApiError::NotFound { what: format!("token {id}") })?;
    if token.revoked_at_ms.is_some() {
        return Ok(false);
    }
    record(node, meta, AccessChange::TokenRevoked { token: token.id.clone(), handle: token.handle.clone() })?;
    accounts.revoke_token(&token.id, None, meta.now.millis())?;
    Ok(true)
}

fn existing_account(accounts: &AccountStore, handle: &str) -> Result<AccountView, ApiError> {
    accounts.account(handle)?.ok_or_else(|| ApiError::NotFound { what: format!("account {handle}") })
}

/// Records `change` as made by `meta.actor` (the core requires a non-empty `by`). A command id
/// already used for another change is refused, or the store would change without a record; the
/// same change under the same id is a retry, and the store step it may have missed goes ahead.
/// Returns the change, for the caller to act on what it names.
fn record(node: &Node, meta: &CommandMeta, change: AccessChange) -> Result<AccessChange, ApiError> {
    let command = Command::Access(AccessCommand::Record { change: change.clone(), by: meta.actor.name().to_string() });
    let receipt = node.execute(&command, meta)?;
    let same_change = |event: &Event| {
        matches!(event, Event::Access(AccessEvent::AccessChanged { change: recorded, by, .. })
            if *recorded == change && by == meta.actor.name())
    };
    if receipt.replayed && !receipt.events.iter().any(same_change) {
        return Err(ApiError::Invalid {
            code: "command_id_used",
            message: format!(
                "command id `{}` already recorded another change (entry {}); nothing changed",
                meta.command_id,
                receipt.seqs.first().copied().unwrap_or_default()
            ),
            field: Some("command_id".into()),
        });
    }
    Ok(change)
}

#[cfg(test)]
mod tests {
    use super::*;
    use prodos_core::Timestamp;
    use std::sync::Arc;

    fn meta(command_id: &str) -> CommandMeta {
        CommandMeta {
            command_id: command_id.into(),
            actor: prodos_core::Actor::Local("host".into()),
            now: Timestamp::from_millis(1_000),
        }
    }

    #[test]
    fn a_command_id_is_never_spent_twice_on_different_changes() {
        let node = Node::open(Arc::new(prodos_ledger::MemoryLedger::new())).unwrap();
        let accounts = AccountStore::in_memory().unwrap();
        create_account(&node, &accounts, &meta("op-1"), "ana", Role::Admin, "a long enough password").unwrap();
        // The same id for another change would change the store without a record: refused.
        let refused = issue_token(&node, &accounts, &meta("op-1"), "ana", "deploy").unwrap_err();
        assert!(matches!(refused, ApiError::Invalid { code: "command_id_used", .. }), "{refused:?}");
        assert!(accounts.tokens_of("ana").unwrap().is_empty());
        // A retry of the same change under its id completes the store step it missed.
        let change = AccessChange::RoleChanged { handle: "ana".into(), from: "admin".into(), to: "auditor".into() };
        record(&node, &meta("op-2"), change).unwrap();
        assert!(change_role(&node, &accounts, &meta("op-2"), "ana", Role::Auditor).unwrap().is_some());
        assert_eq!(accounts.role_of("ana").unwrap(), Some(Role::Auditor));
        assert_eq!(node.head().seq, 3, "the operator `host`, the account, the role change");
    }

    #[test]
    fn a_password_change_checks_the_current_one_and_records_no_secret() {
        let node = Node::open(Arc::new(prodos_ledger::MemoryLedger::new())).unwrap();
        let accounts = AccountStore::in_memory().unwrap();
        let (old, new) = ("the first long password", "the second long password");
        create_account(&node, &accounts, &meta("op-1"), "ana", Role::Participant, old).unwrap();
        let hash_of = |accounts: &AccountStore| accounts.credentials("ana").unwrap().unwrap().1;
        let before = hash_of(&accounts);

        let refusals = [
            (Some("not the password at all"), new, WRONG_PASSWORD, "current_password"),
            (Some(old), old, "password_unchanged", "new_password"),
            (Some(old), "short", "invalid_field", "new_password"),
            (None, "short", "invalid_field", "new_password"),
        ];
        for (id, (current, next, want_code, want_field)) in refusals.into_iter().enumerate() {
            let refused =
                change_password(&node, &accounts, &meta(&format!("no-{id}")), "ana", current, next).unwrap_err();
            let ApiError::Invalid { code, field, .. } = &refused else { panic!("{refused:?}") };
            assert_eq!((*code, field.as_deref()), (want_code, Some(want_field)), "{current:?} → {next}");
        }
        assert_eq!(node.head().seq, 2, "a refusal records nothing (after the operator `host` and the account)");
        assert_eq!(hash_of(&accounts), before, "and stores nothing");

        change_password(&node, &accounts, &meta("op-2"), "ana", Some(old), new).unwrap();
        assert!(password::matches(new, &hash_of(&accounts)) && !password::matches(old, &hash_of(&accounts)));
        // A reset needs no current password: the host operator's and the admins' way back in.
        change_password(&node, &accounts, &meta("op-3"), "ana", None, old).unwrap();
        assert!(password::matches(old, &hash_of(&accounts)));
        let unknown = enable_account(&node, &accounts, &meta("op-4"), "zed");
        assert!(matches!(unknown, Err(ApiError::NotFound { .. })), "{unknown:?}");
        let disabled = disable_account(&node, &accounts, &meta("op-5"), "ana").unwrap();
        assert_eq!(disabled.as_ref().and_then(AccessChange::ends_sessions_of), Some("ana"));
        assert!(accounts.credentials("ana").unwrap().is_none(), "disabled");
        let enabled = enable_account(&node, &accounts, &meta("op-6"), "ana").unwrap();
        assert!(enabled.is_some_and(|change| change.ends_sessions_of().is_none()));
        assert!(
            enable_account(&node, &accounts, &meta("op-7"), "ana").unwrap().is_none(),
            "enabled already: nothing recorded"
        );
        assert!(password::matches(old, &hash_of(&accounts)), "enabled with the password it had");

        let mut kinds = Vec::new();
        node.store()
            .scan(1, &mut |entry| {
                let payload = String::from_utf8_lossy(&entry.payload).into_owned();
                assert!(!payload.contains(old) && !payload.contains(new) && !payload.contains("$argon2"), "{payload}");
                kinds.push(entry.kind);
                Ok(())
            })
            .unwrap();
        let want = [
            "OperatorNamed",
            "AccountCreated",
            "AccountPasswordChanged",
            "AccountPasswordChanged",
            "AccountDisabled",
            "AccountEnabled",
        ];
        assert_eq!(kinds, want);
    }
}
