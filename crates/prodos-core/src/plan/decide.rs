//! Decisions about planning: mandates, the node's declared capacity and calendar, rates, and the
//! life of a plan (proposed → committed → cancelled or superseded). They read the designs and
//! return planning events only; what committing and closing a plan does to stock is
//! the orchestration step `plan_stock`.

use super::capacity::Capacity;
use super::proposal::PlanProposal;
use super::registry::{Mandate, PlanStatus, Plans};
use super::{PlanCommand, PlanEvent};
use crate::calendar::{Day, WorkWeek};
use crate::ids::{DecisionId, DesignRef, DesignSelector, MandateId, PlanId};
use crate::rejection::Rejection;
use crate::skill::MAX_SKILL_LEVEL;
use crate::time::Timestamp;
use crate::units::{Milli, Millicents};

/// What planning needs to know about designs: which version a selector means, and that it is
/// certified. The design area answers it (the orchestration step `plan_stock`); planning imports
/// nothing from it.
pub trait CertifiedDesigns {
    /// The version a selector names (or the latest certified one), if it is certified.
    fn certified(&self, selector: DesignSelector) -> Result<DesignRef, Rejection>;
}

/// The planning area's own state, and the designs it reads.
pub struct Planning<'a> {
    pub plans: &'a Plans,
    pub capacity: &'a Capacity,
    pub designs: &'a dyn CertifiedDesigns,
}

/// What a planning command records.
pub fn decide(state: Planning, command: &PlanCommand, now: Timestamp) -> Result<Vec<PlanEvent>, Rejection> {
    match command {
        PlanCommand::CreateMandate { design, qty, due, decision, priority } => {
            create_mandate(&state, *design, *qty, *due, *decision, *priority, now)
        }
        PlanCommand::DeclareToolCount { tool, count } => declare_tool_count(state.capacity, tool, *count),
        PlanCommand::DeclareSkillHeadcount { skill, level, headcount } => {
            declare_skill_headcount(state.capacity, skill, *level, *headcount)
        }
        PlanCommand::SetWorkWeek { week } => set_work_week(state.capacity, *week),
        PlanCommand::CloseDay { day, reason } => close_day(state.capacity, *day, reason),
        PlanCommand::SetLaborRate { skill, level, rate_per_hour } => {
            set_labor_rate(state.capacity, skill, *level, *rate_per_hour)
        }
        PlanCommand::SetToolRate { tool, rate_per_hour } => set_tool_rate(state.capacity, tool, *rate_per_hour),
        PlanCommand::RecordPlanProposal { mandate, proposal } => record_proposal(&state, *mandate, proposal, now),
        PlanCommand::CommitPlan { plan } => commit(&state, *plan, now),
        PlanCommand::CancelPlan { plan } => cancel(state.plans, *plan, now),
    }
}

/// Creates a mandate for the named certified version, or the latest certified one.
pub fn create_mandate(
    state: &Planning,
    selector: DesignSelector,
    qty: i64,
    due: Day,
    decision: Option<DecisionId>,
    priority: i32,
    now: Timestamp,
) -> Result<Vec<PlanEvent>, Rejection> {
    if qty <= 0 {
        return Err(Rejection::CountMustBePositive { field: "qty".into(), value: qty });
    }
    let qty = u32::try_from(qty).map_err(|_| Rejection::CountTooLarge { field: "qty".into(), value: qty })?;
    let today = Day::of(now);
    if due < today {
        return Err(Rejection::DueDateInPast { due, today });
    }
    let design = state.designs.certified(selector)?;
    let mandate = Mandate { id: state.plans.next_mandate_id(), design, qty, due, decision, priority, created_at: now };
    Ok(vec![PlanEvent::MandateCreated { mandate }])
}

fn non_empty(field: &str, value: &str) -> Result<(), Rejection> {
    if value.trim().is_empty() { Err(Rejection::FieldRequired { field: field.into() }) } else { Ok(()) }
}

fn count(field: &str, value: i64) -> Result<u32, Rejection> {
    if value < 0 {
        return Err(Rejection::CountMustNotBeNegative { field: field.into(), value });
    }
    u32::try_from(value).map_err(|_| Rejection::CountTooLarge { field: field.into(), value })
}

fn skill_level(value: i64) -> Result<u8, Rejection> {
    match u8::try_from(value) {
        Ok(level) if (1..=MAX_SKILL_LEVEL).contains(&level) => Ok(level),
        _ => Err(Rejection::SkillLevelOutOfRange { field: "level".into(), level: value }),
    }
}

/// Sets how many units of a tool or workstation the node owns (0 removes it from planning).
pub fn declare_tool_count(capacity: &Capacity, tool: &str, value: i64) -> Result<Vec<PlanEvent>, Rejection> {
    non_empty("tool", tool)?;
    let count = count("count", value)?;
    if capacity.tool_count(tool) == count && capacity.tools().any(|(known, _)| known == tool) {
        return Ok(Vec::new());
    }
    Ok(vec![PlanEvent::ToolCountDeclared { tool: tool.trim().to_string(), count }])
}

/// Sets how many people hold `skill` at exactly `level`.
pub fn declare_skill_headcount(
    capacity: &Capacity,
    skill: &str,
    level: i64,
    headcount: i64,
) -> Result<Vec<PlanEvent>, Rejection> {
    non_empty("skill", skill)?;
    let level = skill_level(level)?;
    let headcount = count("headcount", headcount)?;
    if capacity.headcount(skill, level) == headcount && capacity.skills().any(|(known, _)| known == skill) {
        return Ok(Vec::new());
    }
    Ok(vec![PlanEvent::SkillHeadcountDeclared { skill: skill.trim().to_string(), level, headcount }])
}

/// Replaces the weekly working pattern.
pub fn set_work_week(capacity: &Capacity, week: WorkWeek) -> Result<Vec<PlanEvent>, Rejection> {
    let invalid = |field: &str, message: String| Err(Rejection::InvalidWorkWeek { field: field.into(), message });
    if week.weekdays_mask & 0x7f == 0 || week.weekdays_mask & 0x80 != 0 {
        return invalid("weekdays", "at least one weekday (mon..sun) must be worked".into());
    }
    if week.daily_work_min == 0 {
        return invalid("daily_work_min", "a working day must have working minutes".into());
    }
    if week.day_start_min + week.daily_work_min > 1440 {
        return invalid(
            "daily_work_min",
            format!(
                "a day starting at minute {} cannot hold {} working minutes before midnight",
                week.day_start_min, week.daily_work_min
            ),
        );
    }
    if capacity.calendar.week == week {
        return Ok(Vec::new());
    }
    Ok(vec![PlanEvent::WorkWeekSet { week }])
}

/// Closes one day (a holiday, an inventory count): no work is planned on it.
pub fn close_day(capacity: &Capacity, day: Day, reason: &str) -> Result<Vec<PlanEvent>, Rejection> {
    non_empty("reason", reason)?;
    if capacity.calendar.closures().any(|(closed, known)| closed == day && known == reason.trim()) {
        return Ok(Vec::new());
    }
    Ok(vec![PlanEvent::DayClosed { day, reason: reason.trim().to_string() }])
}

pub fn set_labor_rate(
    capacity: &Capacity,
    skill: &str,
    level: i64,
    rate_per_hour: Millicents,
) -> Result<Vec<PlanEvent>, Rejection> {
    non_empty("skill", skill)?;
    let level = skill_level(level)?;
    if rate_per_hour.0 < 0 {
        return Err(Rejection::NegativeCost { field: "rate".into() });
    }
    if capacity.labor_rates().any(|(known, l, rate)| known == skill && l == level && rate == rate_per_hour) {
        return Ok(Vec::new());
    }
    Ok(vec![PlanEvent::LaborRateSet { skill: skill.trim().to_string(), level, rate_per_hour }])
}

pub fn set_tool_rate(capacity: &Capacity, tool: &str, rate_per_hour: Millicents) -> Result<Vec<PlanEvent>, Rejection> {
    non_empty("tool", tool)?;
    if rate_per_hour.0 < 0 {
        return Err(Rejection::NegativeCost { field: "rate".into() });
    }
    if capacity.tool_rate_per_hour(tool) == Some(rate_per_hour) {
        return Ok(Vec::new());
    }
    Ok(vec![PlanEvent::ToolRateSet { tool: tool.trim().to_string(), rate_per_hour }])
}

/// Records a proposal the planner computed from an earlier snapshot, after checking that it still
/// fits the state: the mandate exists, the proposal is for its design and quantity, the version is
/// still certified, the material lines add up, and the plan it continues is the mandate's
/// committed one.
pub fn record_proposal(
    state: &Planning,
    mandate_id: MandateId,
    proposal: &PlanProposal,
    now: Timestamp,
) -> Result<Vec<PlanEvent>, Rejection> {
    let mandate = state.plans.mandate(mandate_id).ok_or(Rejection::UnknownMandate { mandate: mandate_id })?;
    let mismatch = |field: &str, message: String| {
        Err(Rejection::ProposalMismatch { mandate: mandate_id, field: field.into(), message })
    };
    if proposal.design != mandate.design {
        return mismatch(
            "design",
            format!("the mandate pins {}, the proposal plans {}", mandate.design, proposal.design),
        );
    }
    if proposal.qty != mandate.qty {
        return mismatch("qty", format!("the mandate asks for {}, the proposal plans {}", mandate.qty, proposal.qty));
    }
    for need in &proposal.materials {
        if need.from_stock < Milli::ZERO
            || need.shortage < Milli::ZERO
            || need.from_stock + need.shortage != need.required
        {
            return mismatch(
                "materials",
                format!(
                    "`{}`: {} from stock + {} short ≠ {} required",
                    need.material, need.from_stock, need.shortage, need.required
                ),
            );
        }
    }
    if proposal.continues.is_none() && proposal.operations.iter().any(|op| op.carried.is_some()) {
        return mismatch("continues", "operations are carried but no continued plan is named".into());
    }
    if let Some(continued) = proposal.continues {
        match state.plans.plan(continued) {
            Some(plan) if plan.mandate == mandate_id && plan.status == PlanStatus::Committed => {}
            Some(plan) => {
                return mismatch(
                    "continues",
                    format!(
                        "{continued} is {} for {}, not the committed plan of this mandate",
                        plan.status.as_str(),
                        plan.mandate
                    ),
                );
            }
            None => return Err(Rejection::UnknownPlan { plan: continued }),
        }
    }
    ensure_certified(state, mandate.design)?;
    Ok(vec![PlanEvent::PlanProposed {
        plan: state.plans.next_plan_id(),
        mandate: mandate_id,
        proposal: proposal.clone(),
        at: now,
    }])
}

fn ensure_certified(state: &Planning, design: DesignRef) -> Result<(), Rejection> {
    state.designs.certified(DesignSelector { design: design.design, version: Some(design.version) }).map(|_| ())
}

/// Commits a proposed plan, superseding the mandate's committed plan if there is one.
/// Committing twice is a no-op.
pub fn commit(state: &Planning, plan_id: PlanId, now: Timestamp) -> Result<Vec<PlanEvent>, Rejection> {
    let plan = state.plans.plan(plan_id).ok_or(Rejection::UnknownPlan { plan: plan_id })?;
    match plan.status {
        PlanStatus::Committed => return Ok(Vec::new()),
        PlanStatus::Cancelled | PlanStatus::Superseded => {
            return Err(Rejection::PlanClosed { plan: plan_id, status: plan.status.as_str() });
        }
        PlanStatus::Proposed => {}
    }
    if !plan.proposal.verdict.infeasible.is_empty() {
        return Err(Rejection::PlanInfeasible { plan: plan_id, reasons: plan.proposal.verdict.infeasible.join("; ") });
    }
    ensure_certified(state, plan.proposal.design)?;
    let mut events = Vec::new();
    if let Some(previous) = state.plans.committed_plan_of(plan.mandate) {
        events.push(PlanEvent::PlanSuperseded { plan: previous.id, by: plan_id, at: now });
    }
    events.push(PlanEvent::PlanCommitted { plan: plan_id, at: now });
    Ok(events)
}

/// Cancels a plan. Cancelling twice is a no-op; a superseded plan is already closed.
pub fn cancel(plans: &Plans, plan_id: PlanId, now: Timestamp) -> Result<Vec<PlanEvent>, Rejection> {
    let plan = plans.plan(plan_id).ok_or(Rejection::UnknownPlan { plan: plan_id })?;
    match plan.status {
        PlanStatus::Cancelled => Ok(Vec::new()),
        PlanStatus::Superseded => Err(Rejection::PlanClosed { plan: plan_id, status: plan.status.as_str() }),
        PlanStatus::Proposed | PlanStatus::Committed => Ok(vec![PlanEvent::PlanCancelled { plan: plan_id, at: now }]),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn capacity_input_is_checked_field_by_field() {
        let capacity = Capacity::default();
        let no_days = WorkWeek { weekdays_mask: 0, ..WorkWeek::default() };
        assert_eq!(
            set_work_week(&capacity, no_days).unwrap_err().to_string(),
            "field `weekdays`: at least one weekday (mon..sun) must be worked"
        );
        let too_long = WorkWeek { day_start_min: 20 * 60, daily_work_min: 8 * 60, ..WorkWeek::default() };
        assert!(set_work_week(&capacity, too_long).unwrap_err().to_string().starts_with("field `daily_work_min`"));
        assert!(set_work_week(&capacity, WorkWeek::default()).unwrap().is_empty(), "the default week is already set");
        assert_eq!(
            declare_skill_headcount(&capacity, "joinery", 6, 1).unwrap_err().to_string(),
            "field `level`: skill level must be between 1 and 5, got 6"
        );
        assert_eq!(
            declare_tool_count(&capacity, "bench", -1).unwrap_err().to_string(),
            "field `count`: must not be negative, got -1"
        );
        assert_eq!(declare_tool_count(&capacity, " ", 1).unwrap_err().to_string(), "field `tool` is required");
        assert!(set_labor_rate(&capacity, "joinery", 2, Millicents(-1)).is_err());
    }

    #[test]
    fn proposals_and_plans_must_exist() {
        struct NoDesigns;
        impl CertifiedDesigns for NoDesigns {
            fn certified(&self, selector: DesignSelector) -> Result<DesignRef, Rejection> {
                Err(Rejection::UnknownDesign { design: selector })
            }
        }
        let (plans, capacity) = (Plans::default(), Capacity::default());
        let state = Planning { plans: &plans, capacity: &capacity, designs: &NoDesigns };
        assert_eq!(commit(&state, PlanId(4), Timestamp(0)).unwrap_err().to_string(), "unknown plan PROD-0004");
        assert_eq!(cancel(&plans, PlanId(4), Timestamp(0)).unwrap_err().to_string(), "unknown plan PROD-0004");
    }
}
