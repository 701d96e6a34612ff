//! What may be asked of designs: import a text (new, revised draft or new version), certify, retire.

use crate::design::DesignSpec;
use crate::ids::DesignSelector;
use serde::{Deserialize, Serialize};

// A value is built once and moved a few times; boxing the large variant would buy nothing.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum DesignCommand {
    /// Import a design text: a new design, a revised draft, or a new version of a certified one.
    ImportDesign {
        spec: DesignSpec,
        declared: Option<DesignSelector>,
    },
    CertifyDesign {
        design: DesignSelector,
    },
    RetireDesign {
        design: DesignSelector,
    },
}
