//! Why a command was refused. Business outcomes are data, not panics: each variant names the
//! offending id or field. Variants are ordered by precedence: input validation first, then
//! references to unknown things, then idempotency/immutability, then business rules.

use crate::design::DesignProblem;
use crate::ids::{DesignId, DesignRef, DesignSelector, LotId};
use crate::units::{Milli, Unit};

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum Rejection {
    // --- input validation ---
    #[error("field `{field}` is required")]
    FieldRequired { field: String },
    #[error("field `{field}`: quantity must be positive, got {qty}")]
    QuantityMustBePositive { field: String, qty: Milli },
    #[error("field `{field}`: quantity must not be zero")]
    QuantityMustBeNonZero { field: String },
    #[error("field `{field}`: cost must not be negative")]
    NegativeCost { field: String },
    #[error("field `{field}`: {material} is counted in {expected}, which {given} cannot be converted to")]
    UnitMismatch { field: String, material: String, expected: Unit, given: Unit },
    #[error("design `{key}` has {n} problem(s): {list}", n = problems.len(), list = join(problems))]
    DesignInvalid { key: String, problems: Vec<DesignProblem> },

    // --- unknown references ---
    #[error("unknown design {design}")]
    UnknownDesign { design: DesignSelector },
    #[error("unknown material `{material}`")]
    UnknownMaterial { material: String },
    #[error("unknown lot {lot}")]
    UnknownLot { lot: LotId },

    // --- identity and immutability ---
    #[error("{design} has key `{stored_key}`, but the file says `{given_key}`")]
    DesignKeyMismatch { design: DesignId, stored_key: String, given_key: String },
    #[error("{design} is {status} and cannot be edited; import without a version to draft a new one")]
    DesignVersionImmutable { design: DesignRef, status: &'static str },
    #[error("{design} is already certified")]
    DesignAlreadyCertified { design: DesignRef },

    // --- business rules ---
    #[error("{design} cannot be certified: {list}", list = join(problems))]
    DesignNotCertifiable { design: DesignRef, problems: Vec<DesignProblem> },
    #[error("{design} is {status}, not certified")]
    DesignNotCertified { design: DesignRef, status: &'static str },
    #[error("not enough `{material}`: {available} available, {wanted} wanted")]
    InsufficientStock { material: String, available: Milli, wanted: Milli },
    #[error("nothing is reserved for `{purpose}`")]
    NothingReserved { purpose: String },
    #[error("{lot} cannot change by {delta}: {on_hand} on hand, {reserved} of it reserved")]
    AdjustmentBelowReserved { lot: LotId, on_hand: Milli, reserved: Milli, delta: Milli },
}

fn join(problems: &[DesignProblem]) -> String {
    problems.iter().map(ToString::to_string).collect::<Vec<_>>().join("; ")
}
