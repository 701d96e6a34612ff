//! Planning and production queries: mandates, plans, capacity, progress of committed plans, and
//! the crew matcher's proposals and replacements (intents: they return the command to execute).

use crate::Node;
use crate::matching::{MatchRun, MatchView, decline_command, propose_match};
use crate::views::people::{ProductionView, TaskView};
use crate::views::{CapacityView, MandateView, PlanSummaryView};
use prodos_core::execution::TaskRef;
use prodos_core::plan::PlanStatus;
use prodos_core::{Command, PlanId, Rejection, Timestamp};

/// Every mandate with its plans.
pub fn mandates(node: &Node) -> Vec<MandateView> {
    node.read(|state| state.plans.mandates().map(|mandate| MandateView::of(state, mandate)).collect())
}

/// Every plan, or those in one status (`proposed`, `committed`, …).
pub fn plans(node: &Node, status: Option<&str>) -> Vec<PlanSummaryView> {
    node.read(|state| {
        state
            .plans
            .plans()
            .filter(|plan| status.is_none_or(|status| plan.status.as_str() == status))
            .map(PlanSummaryView::of)
            .collect()
    })
}

/// Progress of every plan, or only of those being worked on.
pub fn production(node: &Node, active_only: bool) -> Vec<ProductionView> {
    node.read(|state| ProductionView::all(state, active_only))
}

/// Every plan, committed ones with their progress: what the plans page shows.
#[derive(Debug, Clone)]
pub struct PlanBoard {
    pub committed: Vec<(PlanSummaryView, ProductionView)>,
    /// Proposed, superseded and cancelled plans.
    pub others: Vec<PlanSummaryView>,
}

pub fn plan_board(node: &Node) -> PlanBoard {
    node.read(|state| {
        let mut board = PlanBoard { committed: Vec::new(), others: Vec::new() };
        for plan in state.plans.plans() {
            match plan.status {
                PlanStatus::Committed => {
                    board.committed.push((PlanSummaryView::of(plan), ProductionView::of(state, plan)))
                }
                _ => board.others.push(PlanSummaryView::of(plan)),
            }
        }
        board
    })
}

/// One plan's progress and, once committed, its tasks in schedule order.
#[derive(Debug, Clone)]
pub struct PlanProgress {
    pub production: ProductionView,
    pub tasks: Vec<TaskView>,
}

pub fn plan_progress(node: &Node, plan: PlanId) -> Result<PlanProgress, Rejection> {
    node.read(|state| {
        let found = state.plans.plan(plan).ok_or(Rejection::UnknownPlan { plan })?;
        let tasks = match found.status {
            PlanStatus::Committed => TaskView::of_plan(state, found),
            _ => Vec::new(),
        };
        Ok(PlanProgress { production: ProductionView::of(state, found), tasks })
    })
}

/// Tools, workstations, skill headcounts, rates and the working calendar planning counts on.
pub fn capacity(node: &Node) -> CapacityView {
    node.read(|state| CapacityView::of(&state.capacity))
}

/// Who is matched to each task of a committed plan.
pub fn match_view(node: &Node, plan: PlanId) -> Result<MatchView, Rejection> {
    node.read(|state| MatchView::of(state, plan))
}

/// The matcher's crews for `plan`'s open places, as the `ProposeMatch` command `by` would send.
pub fn match_proposal(node: &Node, plan: PlanId, by: &str, now: Timestamp) -> Result<MatchRun, Rejection> {
    node.read(|state| propose_match(state, plan, by, now))
}

/// `handle` declining their place on `task`, with the matcher's replacement when someone fits.
pub fn decline(node: &Node, task: &TaskRef, handle: &str, reason: &str, now: Timestamp) -> Result<Command, Rejection> {
    node.read(|state| decline_command(state, task, handle, reason, now))
}
