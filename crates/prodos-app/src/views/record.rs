//! The public operational record (the seeds: "what was produced, by whom, using what resources,
//! with what outcomes"): every committed batch with its progress, who worked it and for how long,
//! what it consumed and from where, how often work was sent back, and the goods it became, with
//! the ledger head anyone can compare against their own copy of the ledger.

use prodos_core::State;
use prodos_core::execution::TaskStatus;
use prodos_core::plan::{Plan, PlanStatus};
use prodos_core::stock::Provenance;
use prodos_core::units::Milli;
use serde::Serialize;
use std::collections::BTreeMap;

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PublicRecordView {
    pub head_seq: u64,
    pub head_hash: String,
    /// Certified designs the node can produce.
    pub certified_designs: Vec<PublicDesignView>,
    /// Every plan that was committed: the node's production, oldest first.
    pub batches: Vec<BatchRecordView>,
    /// Every good, with its origin and, once released, to whom.
    pub goods: Vec<PublicGoodView>,
}

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PublicDesignView {
    pub design: String,
    pub key: String,
    pub name: String,
}

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct BatchRecordView {
    pub plan: String,
    pub design: String,
    /// The governance decision behind the mandate, or the mandate when none was named.
    pub mandated_by: String,
    pub qty: u32,
    pub due: String,
    /// `in production`, `finished`, or `superseded` (re-planned; its work carried on in the new plan).
    pub state: &'static str,
    pub units_finished: u32,
    pub tasks_total: usize,
    pub tasks_verified: usize,
    /// Times verified work was sent back to be redone.
    pub rework: u32,
    /// Hours recorded by verified labor, per handle.
    pub labor: Vec<LaborShareView>,
    pub labor_hours_total: String,
    /// What the batch consumed, per material and provenance.
    pub materials: Vec<MaterialUseView>,
}

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LaborShareView {
    pub handle: String,
    pub hours: String,
    pub tasks: usize,
}

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MaterialUseView {
    pub material: String,
    pub qty: String,
    pub unit: String,
    /// `own`, `node:KEY` (federated node) or `supplier:KEY`.
    pub provenance: String,
}

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PublicGoodView {
    pub good: String,
    pub serial: String,
    pub design: String,
    pub origin: String,
    pub produced_at_ms: i64,
    pub released_to: Option<String>,
}

impl PublicRecordView {
    pub fn of(state: &State, head_seq: u64, head_hash: String) -> PublicRecordView {
        let certified_designs = state
            .designs
            .iter()
            .filter_map(|record| {
                let certified = record.latest_certified()?;
                Some(PublicDesignView {
                    design: prodos_core::DesignRef { design: record.id, version: certified.version }.to_string(),
                    key: record.key.clone(),
                    name: certified.spec.name.clone(),
                })
            })
            .collect();
        let batches = state
            .plans
            .plans()
            .filter(|plan| matches!(plan.status, PlanStatus::Committed | PlanStatus::Superseded))
            .map(|plan| BatchRecordView::of(state, plan))
            .collect();
        let goods = state
            .distribution
            .goods()
            .map(|good| PublicGoodView {
                good: good.id.to_string(),
                serial: good.serial.clone(),
                design: good.design.to_string(),
                origin: good.origin.clone(),
                produced_at_ms: good.produced_at.millis(),
                released_to: state.distribution.release_of(good.id).map(|release| release.to.clone()),
            })
            .collect();
        PublicRecordView { head_seq, head_hash, certified_designs, batches, goods }
    }
}

impl BatchRecordView {
    fn of(state: &State, plan: &Plan) -> BatchRecordView {
        let mut tasks_verified = 0;
        let mut rework = 0;
        let mut consumed: BTreeMap<(String, String), Milli> = BTreeMap::new();
        for (_, record) in state.execution.touched_of(plan.id) {
            tasks_verified += usize::from(record.status == TaskStatus::Verified);
            rework += record.rejections;
            for consumption in &record.consumed {
                let provenance = match &consumption.provenance {
                    Provenance::Own => "own".to_string(),
                    Provenance::Node(node) => format!("node:{node}"),
                    Provenance::Supplier(supplier) => format!("supplier:{supplier}"),
                };
                *consumed.entry((consumption.material.clone(), provenance)).or_default() += consumption.qty;
            }
        }
        let materials = consumed
            .into_iter()
            .map(|((material, provenance), qty)| MaterialUseView {
                unit: state.stock.material(&material).map(|found| found.unit.to_string()).unwrap_or_default(),
                material,
                qty: qty.to_string(),
                provenance,
            })
            .collect();
        let prefix = format!("{}/", plan.id);
        let mut labor: BTreeMap<&str, (Milli, usize)> = BTreeMap::new();
        for record in state.credits.labor() {
            if record.task.as_deref().is_some_and(|task| task.starts_with(&prefix)) {
                let share = labor.entry(record.handle.as_str()).or_default();
                share.0 += record.hours;
                share.1 += 1;
            }
        }
        let labor_hours_total: Milli = labor.values().map(|(hours, _)| *hours).sum();
        let plan_id = plan.id.to_string();
        let units_finished = state
            .distribution
            .goods()
            .filter(|good| good.origin.split_once('#').is_some_and(|(origin_plan, _)| origin_plan == plan_id))
            .count() as u32;
        let tasks_total = plan.proposal.operations.len();
        let mandate = state.plans.mandate(plan.mandate);
        BatchRecordView {
            plan: plan_id,
            design: plan.proposal.design.to_string(),
            mandated_by: mandate
                .and_then(|mandate| mandate.decision.map(|decision| decision.to_string()))
                .unwrap_or_else(|| plan.mandate.to_string()),
            qty: plan.proposal.qty,
            due: mandate.map(|mandate| mandate.due.to_string()).unwrap_or_default(),
            state: match plan.status {
                PlanStatus::Superseded => "superseded",
                _ if tasks_verified == tasks_total => "finished",
                _ => "in production",
            },
            units_finished,
            tasks_total,
            tasks_verified,
            rework,
            labor: labor
                .into_iter()
                .map(|(handle, (hours, tasks))| LaborShareView {
                    handle: handle.to_string(),
                    hours: hours.to_string(),
                    tasks,
                })
                .collect(),
            labor_hours_total: labor_hours_total.to_string(),
            materials,
        }
    }
}
