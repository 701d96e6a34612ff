//! Access control: who is asking (a browser session or an API token), in which role, and what
//! each role may do. Accounts and token hashes live in `accounts.sqlite3` in the data directory;
//! sessions live only in memory; neither ever enters the append-only ledger.

pub mod admin;
pub mod limiter;
pub mod password;
pub mod secret;
pub mod sessions;
pub mod store;

use serde::{Deserialize, Serialize};

/// The four roles of a node. Not ordered: an auditor reads everything but changes nothing, an
/// admin manages accounts but does not plan production.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    Participant,
    Coordinator,
    Auditor,
    Admin,
}

impl Role {
    pub const ALL: [Role; 4] = [Role::Participant, Role::Coordinator, Role::Auditor, Role::Admin];

    pub fn as_str(self) -> &'static str {
        match self {
            Role::Participant => "participant",
            Role::Coordinator => "coordinator",
            Role::Auditor => "auditor",
            Role::Admin => "admin",
        }
    }

    pub fn parse(text: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|role| role.as_str() == text)
    }
}

/// How the caller proved who they are. Cookie sessions carry ambient authority, so their unsafe
/// requests need a CSRF token; bearer tokens are sent deliberately by scripts and need none.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Credential {
    Session { csrf_token: String },
    Token { token_id: String },
}

/// The authenticated caller of one request.
#[derive(Debug, Clone)]
pub struct Principal {
    pub handle: String,
    pub role: Role,
    pub credential: Credential,
}

impl Principal {
    /// The caller as the core's policy knows it: an account, acting as the participant of its
    /// handle (the ledger records people by handle, and the demo's logins carry their
    /// participants' handles). The role only opens routes (`Access::allows`); what the caller may
    /// do to which object the core decides.
    pub fn actor(&self) -> prodos_core::Actor {
        prodos_core::Actor::Account(self.handle.clone())
    }
}

/// What a route requires. Every route names one; `allows` is the whole function-level policy.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    /// Anyone, signed in or not (health, the API description, signing in).
    Public,
    /// The public operational record: anyone when the node publishes it, else any member.
    PublicRecord,
    /// The public record as a page: as `PublicRecord`, but an anonymous browser of a node that
    /// keeps its record private is sent to the sign-in page.
    PublicRecordPage,
    /// A dashboard page: any signed-in account; anonymous browsers are sent to the sign-in page.
    Page,
    /// Any signed-in account: reading designs, stock, the audit log; managing one's own tokens.
    Member,
    /// Checking the whole chain costs a full scan: auditors, coordinators and admins.
    ChainCheck,
    /// Doing the work: starting, completing, verifying and blocking tasks, answering challenges,
    /// signing off attempts. Participants and coordinators, as the participant of their handle;
    /// which objects they may touch the core's policy decides (their own tasks, never verifying
    /// their own work).
    Work,
    /// Coordinating production: designs, stock, suppliers, mandates, plans, people, goods.
    Manage,
    /// Managing accounts: admins.
    Admin,
}

impl Access {
    /// Pages answer an anonymous caller they refuse with the sign-in page, not a JSON error.
    pub fn is_page(self) -> bool {
        matches!(self, Access::Page | Access::PublicRecordPage)
    }

    /// `None` is an anonymous caller.
    pub fn allows(self, role: Option<Role>, public_record: bool) -> bool {
        match (self, role) {
            (Access::Public, _) => true,
            (Access::PublicRecord | Access::PublicRecordPage, None) => public_record,
            (Access::PublicRecord | Access::PublicRecordPage | Access::Member | Access::Page, Some(_)) => true,
            (_, None) => false,
            (Access::ChainCheck, Some(role)) => matches!(role, Role::Auditor | Role::Coordinator | Role::Admin),
            (Access::Work, Some(role)) => matches!(role, Role::Participant | Role::Coordinator),
            (Access::Manage, Some(role)) => role == Role::Coordinator,
            (Access::Admin, Some(role)) => role == Role::Admin,
        }
    }

    pub fn describe(self) -> &'static str {
        match self {
            Access::Public => "call this route",
            Access::PublicRecord | Access::PublicRecordPage => "read the public record",
            Access::Member | Access::Page => "read the node's record",
            Access::ChainCheck => "verify the whole chain",
            Access::Work => "take, do or verify work",
            Access::Manage => "coordinate production (designs, stock, plans, people, goods)",
            Access::Admin => "manage accounts",
        }
    }
}
