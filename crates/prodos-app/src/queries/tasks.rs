//! The task list by filter, the one query behind `prodos task list`, `GET /api/tasks` and the
//! task boards of the pages.

use crate::Node;
use crate::views::people::TaskView;
use prodos_core::plan::PlanStatus;
use prodos_core::{PlanId, Rejection};

/// Which tasks to list; every field narrows the list.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct TaskFilter {
    pub plan: Option<PlanId>,
    /// `ready`, `in progress`, `done` or `verified`.
    pub status: Option<String>,
    /// Tasks this participant works or worked on, as the worker or in the crew.
    pub worker: Option<String>,
}

/// The tasks of committed plans, in schedule order within each plan; an unknown plan is refused.
pub fn tasks(node: &Node, filter: &TaskFilter) -> Result<Vec<TaskView>, Rejection> {
    node.read(|state| {
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
            .filter(|task| filter.worker.as_deref().is_none_or(|worker| works_on(task, worker)))
            .collect())
    })
}

fn works_on(task: &TaskView, handle: &str) -> bool {
    task.worker.as_deref() == Some(handle) || task.crew.iter().any(|member| member == handle)
}
