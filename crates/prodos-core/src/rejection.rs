//! Why a command was refused. Business outcomes are data, not panics: each variant names the
//! offending id or field. Variants are ordered by precedence: input validation first, then
//! references to unknown things, then idempotency/immutability, then business rules.

use crate::design::DesignProblem;
use crate::ids::{
    AssetId, AttemptId, ChallengeId, DesignId, DesignRef, DesignSelector, GoodId, ImprovementId, IncidentId, LotId,
    MandateId, NonconformanceId, PlanId, ReviewId, WorkOrderId,
};
use crate::plan::Day;
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
    #[error("field `{field}`: must be positive, got {value}")]
    CountMustBePositive { field: String, value: i64 },
    #[error("field `{field}`: must not be negative, got {value}")]
    CountMustNotBeNegative { field: String, value: i64 },
    #[error("field `{field}`: {value} is too large")]
    CountTooLarge { field: String, value: i64 },
    #[error("field `{field}`: skill level must be between 1 and 5, got {level}")]
    SkillLevelOutOfRange { field: String, level: i64 },
    #[error("field `due`: {due} is in the past (today is {today})")]
    DueDateInPast { due: Day, today: Day },
    #[error("field `{field}`: {message}")]
    InvalidWorkWeek { field: String, message: String },

    // --- unknown references ---
    #[error("unknown design {design}")]
    UnknownDesign { design: DesignSelector },
    #[error("unknown material `{material}`")]
    UnknownMaterial { material: String },
    #[error("unknown lot {lot}")]
    UnknownLot { lot: LotId },
    #[error("unknown asset {asset}")]
    UnknownAsset { asset: AssetId },
    #[error("unknown work order {order}")]
    UnknownWorkOrder { order: WorkOrderId },
    #[error("unknown incident {incident}")]
    UnknownIncident { incident: IncidentId },
    #[error("unknown improvement proposal {proposal}")]
    UnknownImprovement { proposal: ImprovementId },
    #[error("unknown mandate {mandate}")]
    UnknownMandate { mandate: MandateId },
    #[error("unknown plan {plan}")]
    UnknownPlan { plan: PlanId },

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
    #[error("proposal for {mandate} does not fit it: field `{field}`: {message}")]
    ProposalMismatch { mandate: MandateId, field: String, message: String },
    #[error("{plan} is {status}; propose a new plan instead")]
    PlanClosed { plan: PlanId, status: &'static str },
    #[error("{plan} cannot be committed: {reasons}")]
    PlanInfeasible { plan: PlanId, reasons: String },
    #[error("{plan} cannot be committed: {message}; propose again to plan from the current progress")]
    ProgressMoved { plan: PlanId, message: String },

    // --- people and work (issue 4): validation, unknown references, identity, business rules ---
    #[error("field `{field}`: `{value}` is not a handle (lowercase letters, digits, `-`, `_`, `.`; 1–32 characters)")]
    InvalidHandle { field: String, value: String },
    #[error("field `{field}`: {message}")]
    InvalidField { field: String, message: String },
    #[error("unknown participant `{handle}` (field `{field}`)")]
    UnknownParticipant { field: String, handle: String },
    #[error("unknown challenge {challenge}")]
    UnknownChallenge { challenge: ChallengeId },
    #[error("unknown attempt {attempt}")]
    UnknownAttempt { attempt: AttemptId },
    #[error("unknown good `{good}`")]
    UnknownGood { good: String },
    #[error("unknown task `{task}`")]
    UnknownTask { task: String },
    #[error("{plan} has no match proposal to confirm; run `prodos match propose {plan}` first")]
    NoMatchProposal { plan: PlanId },
    #[error("handle `{handle}` is taken by a participant with different details")]
    HandleTaken { handle: String },
    #[error("{attempt} was already signed off by {by}")]
    AttemptAlreadySignedOff { attempt: AttemptId, by: String },
    #[error("{good} was already released to {to}")]
    GoodAlreadyReleased { good: GoodId, to: String },
    #[error("`{handle}` must be a coordinator to {action}")]
    CoordinatorRequired { handle: String, action: String },
    #[error("{handle} cannot {action} their own work")]
    SelfApproval { handle: String, action: String },
    #[error("{handle} is not qualified for `{skill}` at level {level}: {detail}")]
    NotQualified { handle: String, skill: String, level: u8, detail: String },
    #[error("{handle} holds no valid `{skill}` certification")]
    NoValidCertification { handle: String, skill: String },
    #[error(
        "{attempt} did not pass: {answers_correct} of {questions} answers right, {steps_demonstrated} of {steps_total} steps shown"
    )]
    AttemptNotPassed {
        attempt: AttemptId,
        answers_correct: u32,
        questions: u32,
        steps_demonstrated: u32,
        steps_total: u32,
    },
    #[error(
        "{handle} may not {privilege} yet: {have_hours} verified hours in the last {window_days} days, {needed_hours} needed"
    )]
    ContributionGateClosed {
        handle: String,
        privilege: String,
        have_hours: Milli,
        needed_hours: Milli,
        window_days: u32,
    },
    #[error("{handle} has {balance} credits, {needed} needed")]
    InsufficientCredits { handle: String, balance: Milli, needed: Milli },
    #[error("{handle} holds no open entitlement to goods of {design}")]
    NoEntitlement { handle: String, design: DesignId },
    #[error("{task} is {status}; cannot {action}")]
    TaskWrongStatus { task: String, status: &'static str, action: &'static str },
    #[error("{task} cannot start: its predecessor {predecessor} is {status}, not verified")]
    PredecessorNotVerified { task: String, predecessor: String, status: &'static str },
    #[error("{handle} is not available for {task}: {detail}")]
    NotAvailable { handle: String, task: String, detail: String },
    #[error("{handle} is not in the crew of {task}; cannot {action}")]
    NotInCrew { handle: String, task: String, action: &'static str },

    // --- quality (issue 16) ---
    #[error("unknown nonconformance {ncr}")]
    UnknownNonconformance { ncr: NonconformanceId },
    #[error("`{check}` is an independent check: {handle} worked on {task}, so someone outside its crew must record it")]
    IndependentCheck { check: String, task: String, handle: String },
    #[error("{ncr} was already disposed ({disposition}) by {by}")]
    AlreadyDisposed { ncr: NonconformanceId, disposition: String, by: String },
    #[error("unknown review {review}")]
    UnknownReview { review: ReviewId },
    #[error("{review} is {status}")]
    ReviewClosed { review: ReviewId, status: String },
    #[error("{task} cannot be {action}: {message}")]
    QualityOutstanding { task: String, action: &'static str, message: String },

    // Who may ask (the policy, `crate::policy`): checked before any area rule.
    #[error("{handle} is not a participant of this node, so cannot {action}")]
    NotAParticipant { handle: String, action: String },
    /// The command names someone else, or something that is someone else's.
    #[error("{message}")]
    NotYours { message: String },
    #[error("{handle} cannot {action} {what}: it is their own work")]
    OwnWork { handle: String, action: String, what: String },
}

impl Rejection {
    /// The input field the rejection is about, when it is about one: a command's field
    /// (`lots[2].qty`, `participants[0].handle`) or the kind of thing an unknown reference named
    /// (`design`, `plan`). Shells point the user at it: the API's `field`, an import's line.
    pub fn field(&self) -> Option<String> {
        use Rejection as R;
        match self {
            R::FieldRequired { field }
            | R::QuantityMustBePositive { field, .. }
            | R::QuantityMustBeNonZero { field }
            | R::NegativeCost { field }
            | R::UnitMismatch { field, .. }
            | R::CountMustBePositive { field, .. }
            | R::CountMustNotBeNegative { field, .. }
            | R::CountTooLarge { field, .. }
            | R::SkillLevelOutOfRange { field, .. }
            | R::InvalidWorkWeek { field, .. }
            | R::UnknownParticipant { field, .. }
            | R::InvalidHandle { field, .. }
            | R::InvalidField { field, .. } => Some(field.clone()),
            R::DueDateInPast { .. } => Some("due".to_string()),
            R::UnknownDesign { .. } => Some("design".to_string()),
            R::UnknownMaterial { .. } => Some("material".to_string()),
            R::UnknownLot { .. } => Some("lot".to_string()),
            R::UnknownAsset { .. } => Some("asset".to_string()),
            R::UnknownWorkOrder { .. } => Some("order".to_string()),
            R::UnknownIncident { .. } => Some("incident".to_string()),
            R::UnknownImprovement { .. } => Some("proposal".to_string()),
            R::UnknownMandate { .. } => Some("mandate".to_string()),
            R::UnknownPlan { .. } => Some("plan".to_string()),
            R::UnknownChallenge { .. } => Some("challenge".to_string()),
            R::UnknownAttempt { .. } => Some("attempt".to_string()),
            R::UnknownGood { .. } => Some("good".to_string()),
            R::UnknownTask { .. } => Some("task".to_string()),
            R::UnknownNonconformance { .. } | R::AlreadyDisposed { .. } => Some("ncr".to_string()),
            R::IndependentCheck { .. } => Some("by".to_string()),
            R::UnknownReview { .. } | R::ReviewClosed { .. } => Some("review".to_string()),
            _ => None,
        }
    }

    /// Which entry of the command's list `list` the rejection is about: `lots[2].qty` is row 2 of
    /// `lots`.
    pub fn row_of(&self, list: &str) -> Option<usize> {
        let field = self.field()?;
        let (index, _) = field.strip_prefix(list)?.strip_prefix('[')?.split_once(']')?;
        index.parse().ok()
    }
}

fn join(problems: &[DesignProblem]) -> String {
    problems.iter().map(ToString::to_string).collect::<Vec<_>>().join("; ")
}

#[cfg(test)]
mod tests {
    use super::Rejection;

    #[test]
    fn a_rejected_list_entry_is_found_by_its_row() {
        let rejection = Rejection::CountTooLarge { field: "lots[12].qty".into(), value: 1 };
        assert_eq!(rejection.field().as_deref(), Some("lots[12].qty"));
        assert_eq!(rejection.row_of("lots"), Some(12));
        assert_eq!(rejection.row_of("participants"), None);
        assert_eq!(Rejection::FieldRequired { field: "design".into() }.row_of("lots"), None);
    }
}
