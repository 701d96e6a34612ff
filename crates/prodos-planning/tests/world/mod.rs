//! The planning scenarios' world: the test kit's example world (designs certified, stock and
//! catalogs loaded, clock frozen), plus the one step only planning tests take, a proposal.
#![allow(dead_code)] // each test binary uses its own part of it

use prodos_core::MandateId;
use prodos_core::plan::PlanProposal;
use prodos_planning::{SearchBudget, propose};
pub use prodos_testkit::World;

pub trait Propose {
    /// The planner's proposal for `mandate` at the world's `now` (bounded, seeded search).
    fn propose(&self, mandate: MandateId) -> PlanProposal;
}

impl Propose for World {
    fn propose(&self, mandate: MandateId) -> PlanProposal {
        let never = || false;
        let budget = SearchBudget { max_schedules: Some(500), exact: false, seed: 7, should_stop: &never };
        propose(&self.state, mandate, self.now, budget).expect("proposal")
    }
}
