//! What maintenance means for production: a down asset is a unit of its tool or workstation the
//! planner cannot count on until its repair is verified, and a task that needs a tool none of
//! whose registered units is up cannot start. Tools without registered assets are counts, as
//! declared.

use crate::design::OperationSpec;
use crate::plan::Capacity;
use crate::rejection::Rejection;
use crate::state::State;

/// The node's capacity less its down assets, and a note per tool it reduced, for the verdict.
pub fn available_capacity(state: &State) -> (Capacity, Vec<String>) {
    let mut capacity = state.capacity.clone();
    let mut notes = Vec::new();
    let declared: Vec<(String, u32)> = state.capacity.tools().map(|(tool, count)| (tool.to_string(), count)).collect();
    for (tool, count) in declared {
        let out: Vec<String> = state.maintenance.unavailable_of(&tool).map(|(_, why)| why).collect();
        if out.is_empty() {
            continue;
        }
        let left = count.saturating_sub(out.len() as u32);
        capacity.set_tool_count(&tool, left);
        notes.push(format!("`{tool}`: {}, so planned with {left} of {count}", out.join("; ")));
    }
    (capacity, notes)
}

/// Refuses to start work needing a tool whose every registered unit is down or locked out.
pub fn require_tools_up(state: &State, operation: &OperationSpec) -> Result<(), Rejection> {
    for tool in &operation.tools {
        let units = state.maintenance.assets().iter().filter(|asset| asset.kind == *tool).count();
        if units == 0 {
            continue;
        }
        let out: Vec<String> = state.maintenance.unavailable_of(tool).map(|(_, why)| why).collect();
        if out.len() == units {
            return Err(Rejection::InvalidField {
                field: "task".into(),
                message: format!("`{tool}` cannot be used: {}", out.join("; ")),
            });
        }
    }
    Ok(())
}

/// Why a committed plan is at risk from its equipment: per tool, the units out of use now and
/// the plan's unfinished tasks that need it. The plan was scheduled with the capacity of its
/// proposal; a breakdown or lockout since then means its finish no longer holds until a replan
/// shows the new one.
pub fn plan_risks(state: &State, plan: &crate::plan::Plan) -> Vec<String> {
    if plan.status != crate::plan::PlanStatus::Committed {
        return Vec::new();
    }
    let Some(version) = state.designs.version(plan.proposal.design) else { return Vec::new() };
    let mut risks = Vec::new();
    for tool in version.spec.tools.iter().map(|tool| tool.id.as_str()) {
        let out: Vec<String> = state.maintenance.unavailable_of(tool).map(|(_, why)| why).collect();
        if out.is_empty() {
            continue;
        }
        let waiting: Vec<String> = plan
            .proposal
            .operations
            .iter()
            .filter(|scheduled| {
                version.spec.operation(&scheduled.operation).is_some_and(|op| op.tools.iter().any(|t| t == tool))
            })
            .map(|scheduled| crate::ids::TaskRef {
                plan: plan.id,
                operation: scheduled.operation.clone(),
                unit: scheduled.unit,
            })
            .filter(|task| {
                let status = state.execution.task(task).status;
                !matches!(status, crate::execution::TaskStatus::Done | crate::execution::TaskStatus::Verified)
            })
            .map(|task| task.to_string())
            .collect();
        if waiting.is_empty() {
            continue;
        }
        let shown = if waiting.len() > 3 { format!("{} …", waiting[..3].join(", ")) } else { waiting.join(", ") };
        risks.push(format!(
            "`{tool}`: {}; {} unfinished task(s) need it ({shown}): `prodos plan propose {}` shows the new finish",
            out.join("; "),
            waiting.len(),
            plan.mandate
        ));
    }
    risks
}
