//! Named queries the shells share: one function per question, so the CLI and the API answer it
//! the same way (same filter, same order, same refusal for an unknown reference).

use crate::views::people::TaskView;
use prodos_core::plan::PlanStatus;
use prodos_core::{PlanId, Rejection, State};

/// Which tasks to list; every field narrows the list.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct TaskFilter {
    pub plan: Option<PlanId>,
    /// `ready`, `in progress`, `done` or `verified`.
    pub status: Option<String>,
    /// Tasks this participant works or worked on.
    pub worker: Option<String>,
}

/// The tasks of committed plans, in schedule order within each plan; an unknown plan is refused.
pub fn tasks(state: &State, filter: &TaskFilter) -> Result<Vec<TaskView>, Rejection> {
    if let Some(plan) = filter.plan
        && state.plans.plan(plan).is_none()
    {
        return Err(Rejection::UnknownPlan { plan });
    }
    Ok(state
        .plans
        .plans()
        .filter(|p| p.status == PlanStatus::Committed && filter.plan.is_none_or(|wanted| wanted == p.id))
        .flat_map(|p| TaskView::of_plan(state, p))
        .filter(|task| filter.status.as_deref().is_none_or(|status| task.status == status))
        .filter(|task| filter.worker.as_deref().is_none_or(|worker| task.worker.as_deref() == Some(worker)))
        .collect())
}
