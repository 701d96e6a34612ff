//! Incoming inspection for the shells: the sampled materials with the lots awaiting them, the
//! record of lot inspections, and the table's plan for a lot size (so an inspector knows how
//! many to draw before recording).

use crate::Node;
use crate::views::incoming::{IncomingPlanView, LotInspectionView, SamplingPlanView};
use prodos_core::Rejection;
use prodos_core::quality::IncomingPlan;
use prodos_core::stock::Hold;
use prodos_spc::sampling::single_sampling_plan;

pub fn incoming_plans(node: &Node) -> Vec<IncomingPlanView> {
    node.read(|state| {
        state
            .quality
            .incoming_plans()
            .map(|(material, plan)| {
                let awaiting = state
                    .stock
                    .lots_of(material)
                    .filter(|lot| matches!(lot.hold(), Some((Hold::AwaitingInspection, _))))
                    .map(|lot| lot.id.to_string())
                    .collect();
                IncomingPlanView::of(material, plan, awaiting)
            })
            .collect()
    })
}

pub fn lot_inspections(node: &Node) -> Vec<LotInspectionView> {
    node.read(|state| state.quality.lot_inspections().iter().map(LotInspectionView::of).collect())
}

/// The ISO 2859-1 plan for a lot of `lot_size` items.
pub fn sampling_plan(lot_size: u32, incoming: &IncomingPlan) -> Result<SamplingPlanView, Rejection> {
    let plan = single_sampling_plan(u64::from(lot_size), incoming.aql, incoming.level).map_err(|error| {
        let field = if lot_size < 2 { "lot_size" } else { "aql" };
        Rejection::InvalidField { field: field.into(), message: error.to_string() }
    })?;
    Ok(SamplingPlanView::of(lot_size, incoming, &plan))
}
