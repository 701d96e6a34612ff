//! A design's lifecycle as recorded: drafted, revised while a draft, certified, retired.
//! Each variant's name is its ledger kind, and the name a version-1 ledger tagged its payload with.

use crate::design::DesignSpec;
use crate::ids::DesignRef;
use crate::time::Timestamp;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum DesignEvent {
    /// A new design (version 1) or a new draft version after a certified one.
    DesignDrafted {
        design: DesignRef,
        spec: DesignSpec,
        at: Timestamp,
    },
    /// A draft version's content replaced before certification.
    DesignDraftRevised {
        design: DesignRef,
        spec: DesignSpec,
        at: Timestamp,
    },
    DesignCertified {
        design: DesignRef,
        at: Timestamp,
    },
    DesignRetired {
        design: DesignRef,
        at: Timestamp,
    },
}

impl DesignEvent {
    /// Every kind this area stores, for readers that route by kind (the codec's version 1).
    pub const KINDS: [&'static str; 4] = ["DesignDrafted", "DesignDraftRevised", "DesignCertified", "DesignRetired"];

    pub fn kind(&self) -> &'static str {
        match self {
            DesignEvent::DesignDrafted { .. } => "DesignDrafted",
            DesignEvent::DesignDraftRevised { .. } => "DesignDraftRevised",
            DesignEvent::DesignCertified { .. } => "DesignCertified",
            DesignEvent::DesignRetired { .. } => "DesignRetired",
        }
    }
}
