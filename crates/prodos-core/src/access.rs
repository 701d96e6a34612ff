//! Who changed access to the node: accounts created, roles changed, accounts disabled and enabled
//! again, passwords changed, API tokens issued and revoked. The accounts themselves (password and token hashes) live outside the
//! ledger, in the server's account store; these facts record only handles, roles and token ids, so
//! the public record shows who changed access without ever holding a secret or a hash of one.

use crate::rejection::Rejection;
use crate::time::Timestamp;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

/// The roles an account may hold; the server decides what each may do.
pub const ROLES: [&str; 4] = ["participant", "coordinator", "auditor", "admin"];

/// One change of access, as the server made it; `by` is the account that made it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum AccessChange {
    AccountCreated {
        handle: String,
        role: String,
    },
    RoleChanged {
        handle: String,
        from: String,
        to: String,
    },
    AccountDisabled {
        handle: String,
    },
    /// A disabled account may sign in again; the tokens revoked when it was disabled stay revoked.
    AccountEnabled {
        handle: String,
    },
    /// The account's password was changed (by its holder) or reset (by an admin or the host
    /// operator; `by` tells which). Only that it happened: never the password or its hash.
    PasswordChanged {
        handle: String,
    },
    /// `token` is the public id (`tok_…`), never the secret.
    TokenIssued {
        token: String,
        handle: String,
        label: String,
    },
    TokenRevoked {
        token: String,
        handle: String,
    },
    /// Someone at the node's console acted under `name`, which is no participant: an operator
    /// identity, which may act as anyone a command names. Recorded the first time it acts.
    OperatorNamed {
        name: String,
    },
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum AccessCommand {
    Record { change: AccessChange, by: String },
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum AccessEvent {
    AccessChanged { change: AccessChange, by: String, at: Timestamp },
}

impl AccessChange {
    /// The account whose open sessions this change ends: disabled, given another role, or a new
    /// password. Spelled out, so a new kind of change has to be decided on here.
    pub fn ends_sessions_of(&self) -> Option<&str> {
        match self {
            AccessChange::AccountDisabled { handle }
            | AccessChange::RoleChanged { handle, .. }
            | AccessChange::PasswordChanged { handle } => Some(handle),
            AccessChange::AccountCreated { .. }
            | AccessChange::AccountEnabled { .. }
            | AccessChange::TokenIssued { .. }
            | AccessChange::TokenRevoked { .. }
            | AccessChange::OperatorNamed { .. } => None,
        }
    }
}

impl AccessEvent {
    /// Every ledger kind an access event is stored under ([`AccessEvent::kind`]): lets a reader
    /// skip the rest of the ledger without decoding it.
    pub const KINDS: [&'static str; 8] = [
        "AccountCreated",
        "AccountRoleChanged",
        "AccountDisabled",
        "AccountEnabled",
        "AccountPasswordChanged",
        "TokenIssued",
        "TokenRevoked",
        "OperatorNamed",
    ];

    pub fn kind(&self) -> &'static str {
        match self {
            AccessEvent::AccessChanged { change, .. } => match change {
                AccessChange::AccountCreated { .. } => "AccountCreated",
                AccessChange::RoleChanged { .. } => "AccountRoleChanged",
                AccessChange::AccountDisabled { .. } => "AccountDisabled",
                AccessChange::AccountEnabled { .. } => "AccountEnabled",
                AccessChange::PasswordChanged { .. } => "AccountPasswordChanged",
                AccessChange::TokenIssued { .. } => "TokenIssued",
                AccessChange::TokenRevoked { .. } => "TokenRevoked",
                AccessChange::OperatorNamed { .. } => "OperatorNamed",
            },
        }
    }
}

/// An account as the record knows it: its role and whether it was disabled.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AccountFact {
    pub role: String,
    pub disabled: bool,
    pub created_by: String,
}

/// Accounts by handle, as recorded; accounts made before access changes were recorded are absent.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct AccessRecord {
    accounts: BTreeMap<String, AccountFact>,
    operators: BTreeSet<String>,
}

impl AccessRecord {
    pub fn account(&self, handle: &str) -> Option<&AccountFact> {
        self.accounts.get(handle)
    }

    /// Whether `name` acted at the console as an operator before.
    pub fn is_operator(&self, name: &str) -> bool {
        self.operators.contains(name)
    }

    pub fn operators(&self) -> impl Iterator<Item = &String> {
        self.operators.iter()
    }

    pub fn accounts(&self) -> impl Iterator<Item = (&String, &AccountFact)> {
        self.accounts.iter()
    }

    pub fn apply(&mut self, event: &AccessEvent) {
        let AccessEvent::AccessChanged { change, by, .. } = event;
        match change {
            AccessChange::AccountCreated { handle, role } => {
                let fact = AccountFact { role: role.clone(), disabled: false, created_by: by.clone() };
                self.accounts.insert(handle.clone(), fact);
            }
            AccessChange::RoleChanged { handle, to, .. } => {
                if let Some(fact) = self.accounts.get_mut(handle) {
                    fact.role = to.clone();
                }
            }
            AccessChange::AccountDisabled { handle } => {
                if let Some(fact) = self.accounts.get_mut(handle) {
                    fact.disabled = true;
                }
            }
            AccessChange::AccountEnabled { handle } => {
                if let Some(fact) = self.accounts.get_mut(handle) {
                    fact.disabled = false;
                }
            }
            AccessChange::OperatorNamed { name } => {
                self.operators.insert(name.clone());
            }
            AccessChange::PasswordChanged { .. }
            | AccessChange::TokenIssued { .. }
            | AccessChange::TokenRevoked { .. } => {}
        }
    }
}

fn required(field: &str, value: &str) -> Result<(), Rejection> {
    if value.trim().is_empty() {
        return Err(Rejection::FieldRequired { field: field.into() });
    }
    Ok(())
}

fn role(field: &str, value: &str) -> Result<(), Rejection> {
    if !ROLES.contains(&value) {
        return Err(Rejection::InvalidField {
            field: field.into(),
            message: format!("`{value}` is not one of {}", ROLES.join(", ")),
        });
    }
    Ok(())
}

pub fn decide(command: &AccessCommand, now: Timestamp) -> Result<Vec<AccessEvent>, Rejection> {
    let AccessCommand::Record { change, by } = command;
    required("by", by)?;
    match change {
        AccessChange::AccountCreated { handle, role: new_role } => {
            required("handle", handle)?;
            role("role", new_role)?;
        }
        AccessChange::RoleChanged { handle, from, to } => {
            required("handle", handle)?;
            role("from", from)?;
            role("to", to)?;
        }
        AccessChange::AccountDisabled { handle }
        | AccessChange::AccountEnabled { handle }
        | AccessChange::PasswordChanged { handle } => required("handle", handle)?,
        AccessChange::OperatorNamed { name } => required("name", name)?,
        AccessChange::TokenIssued { token, handle, .. } | AccessChange::TokenRevoked { token, handle } => {
            required("handle", handle)?;
            // A token id is `tok_` and hex; anything with a `.` could be a secret pasted by mistake.
            if !token.starts_with("tok_") || token.contains('.') {
                return Err(Rejection::InvalidField {
                    field: "token".into(),
                    message: format!("`{token}` is not a token id (tok_…)"),
                });
            }
        }
    }
    Ok(vec![AccessEvent::AccessChanged { change: change.clone(), by: by.clone(), at: now }])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_access_kind_is_listed_and_only_lockouts_end_sessions() {
        let (ana, tok) = (|| "ana".to_string(), || "tok_ab12".to_string());
        let changes = [
            (AccessChange::AccountCreated { handle: ana(), role: "participant".into() }, false),
            (AccessChange::RoleChanged { handle: ana(), from: "participant".into(), to: "admin".into() }, true),
            (AccessChange::AccountDisabled { handle: ana() }, true),
            (AccessChange::AccountEnabled { handle: ana() }, false),
            (AccessChange::PasswordChanged { handle: ana() }, true),
            (AccessChange::TokenIssued { token: tok(), handle: ana(), label: "ci".into() }, false),
            (AccessChange::TokenRevoked { token: tok(), handle: ana() }, false),
            (AccessChange::OperatorNamed { name: "cli".into() }, false),
        ];
        let mut kinds: Vec<&str> = Vec::new();
        for (change, ends) in changes {
            assert_eq!(change.ends_sessions_of(), ends.then_some("ana"), "{change:?}");
            let event = AccessEvent::AccessChanged { change, by: "admin".into(), at: Timestamp::from_millis(0) };
            kinds.push(event.kind());
        }
        assert_eq!(kinds, AccessEvent::KINDS);
    }

    #[test]
    fn a_token_secret_never_passes_as_a_token_id() {
        let change =
            AccessChange::TokenIssued { token: "tok_ab12.deadbeef".into(), handle: "ana".into(), label: "x".into() };
        let refused = decide(&AccessCommand::Record { change, by: "admin".into() }, Timestamp::from_millis(0));
        assert!(matches!(refused, Err(Rejection::InvalidField { field, .. }) if field == "token"));
    }

    #[test]
    fn the_record_follows_an_account_through_its_changes() {
        let mut record = AccessRecord::default();
        let at = Timestamp::from_millis(0);
        for change in [
            AccessChange::AccountCreated { handle: "ana".into(), role: "participant".into() },
            AccessChange::RoleChanged { handle: "ana".into(), from: "participant".into(), to: "coordinator".into() },
            AccessChange::AccountDisabled { handle: "ana".into() },
            AccessChange::PasswordChanged { handle: "ana".into() },
        ] {
            let events = decide(&AccessCommand::Record { change, by: "admin".into() }, at).unwrap();
            let [event] = events.as_slice() else { panic!("one access event") };
            record.apply(event);
        }
        let fact = record.account("ana").unwrap();
        assert_eq!((fact.role.as_str(), fact.disabled, fact.created_by.as_str()), ("coordinator", true, "admin"));
        let enabled = decide(
            &AccessCommand::Record {
                change: AccessChange::AccountEnabled { handle: "ana".into() },
                by: "admin".into(),
            },
            at,
        )
        .unwrap();
        let [event] = enabled.as_slice() else { panic!("one access event") };
        assert_eq!(event.kind(), "AccountEnabled");
        record.apply(event);
        assert!(!record.account("ana").unwrap().disabled, "enabled again");
        let unnamed = AccessChange::PasswordChanged { handle: " ".into() };
        assert!(decide(&AccessCommand::Record { change: unnamed, by: "admin".into() }, at).is_err());
        let bad_role = AccessChange::AccountCreated { handle: "bo".into(), role: "king".into() };
        assert!(decide(&AccessCommand::Record { change: bad_role, by: "admin".into() }, at).is_err());
    }
}
