//! Named queries the shells share: one function per question, taking the node, so the CLI, the
//! API and the pages answer it the same way (same filter, same order, same refusal for an unknown
//! reference) and no shell reaches into the folded state.

mod access;
mod audit;
mod credits;
mod design_score;
mod designs;
mod distribution;
mod field;
mod improvement;
mod incoming;
mod maintenance;
mod maintenance_periods;
mod people;
mod plans;
mod quality;
mod quality_summary;
mod safety;
mod stock;
mod tasks;

pub use access::sessions_ended_since;
pub use audit::{check_chain, check_invariants, check_ledger_file, latest_entries, ledger_entries, public_record};
pub use credits::{credit_balance, credit_balances, credit_history, credit_policy_update, credit_settings};
pub use design_score::{design_score, design_scores};
pub use designs::{design_detail, design_export, designs};
pub use distribution::{entitlements, goods};
pub use field::{field_reports, field_summary};
pub use improvement::{EFFECT_WINDOW_DAYS, improvements, loops};
pub use incoming::{incoming_plans, lot_inspections, sampling_plan};
pub use maintenance::{asset, assets, maintenance_due, pm_plans, reliability, work_orders};
pub use maintenance_periods::maintenance_periods;
pub use people::{ParticipantProfile, certifications, challenges, participant, participant_profile, participants};
pub use plans::{
    PlanBoard, PlanProgress, capacity, decline, mandates, match_proposal, match_view, plan_board, plan_progress, plans,
    production,
};
pub use quality::{
    InspectionFilter, design_charts, design_nonconformances, design_series, inspections, nonconformance,
    nonconformances, review, reviews, spc, spc_of,
};
pub use quality_summary::quality_summary;
pub use safety::safety;
pub use stock::{NodeCounts, counts, lots, materials, suppliers};
pub use tasks::{TaskFilter, tasks};

use prodos_core::people::Participant;
use prodos_core::{Rejection, State};

/// The participant, or the refusal naming `handle` as the field at fault.
fn known_participant<'s>(state: &'s State, handle: &str) -> Result<&'s Participant, Rejection> {
    state
        .people
        .get(handle)
        .ok_or_else(|| Rejection::UnknownParticipant { field: "handle".into(), handle: handle.to_string() })
}
