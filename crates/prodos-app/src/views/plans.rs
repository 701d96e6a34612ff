//! Planning views: mandates, plans with their schedule and verdict, costs, and the node's declared
//! capacity. Money and quantities are decimal strings, instants `YYYY-MM-DD HH:MM` UTC.

use prodos_core::plan::{Capacity, Day, Mandate, Plan, PlanProposal, ResourceLoad};
use prodos_core::{State, Timestamp};
use prodos_planning::CostBreakdown;
use serde::Serialize;

/// `YYYY-MM-DD HH:MM` (UTC).
pub fn format_instant(at: Timestamp) -> String {
    let day = Day::of(at);
    let minute_of_day = (at.millis() - day.start().millis()) / 60_000;
    format!("{day} {:02}:{:02}", minute_of_day / 60, minute_of_day % 60)
}

fn hours(work_min: i64) -> String {
    format!("{:.1}", work_min as f64 / 60.0)
}

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MandateView {
    pub id: String,
    pub design: String,
    pub qty: u32,
    pub due: String,
    pub decision: Option<String>,
    pub priority: i32,
    pub created_at: String,
    pub plans: Vec<String>,
    pub committed_plan: Option<String>,
}

impl MandateView {
    pub fn of(state: &State, mandate: &Mandate) -> MandateView {
        MandateView {
            id: mandate.id.to_string(),
            design: mandate.design.to_string(),
            qty: mandate.qty,
            due: mandate.due.to_string(),
            decision: mandate.decision.map(|decision| decision.to_string()),
            priority: mandate.priority,
            created_at: format_instant(mandate.created_at),
            plans: state.plans.plans_of(mandate.id).map(|plan| plan.id.to_string()).collect(),
            committed_plan: state.plans.committed_plan_of(mandate.id).map(|plan| plan.id.to_string()),
        }
    }
}

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PlanSummaryView {
    pub id: String,
    pub mandate: String,
    pub design: String,
    pub qty: u32,
    pub status: String,
    pub proposed_at: String,
    pub due: String,
    pub finish: Option<String>,
    pub on_time: bool,
    pub late_by_days: i64,
    pub bottleneck: Option<String>,
    pub infeasible: Vec<String>,
    /// The plan whose progress this one carries, when the mandate was replanned under way.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub continues: Option<String>,
}

impl PlanSummaryView {
    pub fn of(plan: &Plan) -> PlanSummaryView {
        let verdict = &plan.proposal.verdict;
        PlanSummaryView {
            id: plan.id.to_string(),
            mandate: plan.mandate.to_string(),
            design: plan.proposal.design.to_string(),
            qty: plan.proposal.qty,
            status: plan.status.as_str().to_string(),
            proposed_at: format_instant(plan.proposed_at),
            due: verdict.due.to_string(),
            finish: verdict.finish.map(format_instant),
            on_time: verdict.on_time,
            late_by_days: verdict.late_by_days,
            bottleneck: verdict.bottleneck.as_ref().map(|load| load.resource.clone()),
            infeasible: verdict.infeasible.clone(),
            continues: plan.proposal.continues.map(|plan| plan.to_string()),
        }
    }
}

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MaterialNeedView {
    pub material: String,
    pub unit: String,
    pub required: String,
    pub from_stock: String,
    pub shortage: String,
}

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PurchaseView {
    pub material: String,
    pub supplier: String,
    pub qty: String,
    pub unit: String,
    pub cost: String,
    pub lead_time_days: u32,
    pub arrives: String,
    pub in_time: bool,
}

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ScheduledOperationView {
    pub operation: String,
    pub unit: u32,
    pub start: String,
    pub end: String,
    pub start_work_min: i64,
    pub end_work_min: i64,
    pub slack_work_min: i64,
    pub critical: bool,
    pub resources: Vec<String>,
    /// The participants the planner staffed it with (empty: unattended, or a declared headcount).
    pub crew: Vec<String>,
    /// `verified`, `done` or `in progress`: work carried from the plan this one continues.
    pub carried: Option<&'static str>,
}

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ResourceLoadView {
    pub resource: String,
    pub capacity: u32,
    pub busy_hours: String,
    pub utilisation_pct: f64,
}

impl ResourceLoadView {
    fn of(load: &ResourceLoad) -> ResourceLoadView {
        ResourceLoadView {
            resource: load.resource.clone(),
            capacity: load.capacity,
            busy_hours: hours(load.busy_work_min),
            utilisation_pct: load.utilisation_permille as f64 / 10.0,
        }
    }
}

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SkillHoursView {
    pub skill: String,
    pub min_level: u8,
    pub qualified_people: u32,
    pub needed_hours: String,
    pub available_hours: String,
    pub enough: bool,
    /// The one participant who holds it at this level, when only one does: a risk to the plan.
    pub sole_holder: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct VerdictView {
    pub on_time: bool,
    pub due: String,
    pub start: String,
    pub finish: Option<String>,
    pub late_by_days: i64,
    pub late_by_work_days: i64,
    pub makespan_work_hours: String,
    pub lower_bound_work_hours: String,
    pub critical_path: Vec<String>,
    pub bottleneck: Option<ResourceLoadView>,
    pub resource_loads: Vec<ResourceLoadView>,
    pub skill_hours: Vec<SkillHoursView>,
    pub material_problems: Vec<String>,
    pub infeasible: Vec<String>,
    pub schedules_generated: u64,
    /// Committed plans scheduled around; per skill, declared or counted from certified people.
    pub capacity_notes: Vec<String>,
    /// Lower-priority committed plans this schedule takes capacity from.
    pub displaces: Vec<String>,
}

impl VerdictView {
    pub fn of(proposal: &PlanProposal) -> VerdictView {
        let verdict = &proposal.verdict;
        VerdictView {
            on_time: verdict.on_time,
            due: verdict.due.to_string(),
            start: format_instant(proposal.start),
            finish: verdict.finish.map(format_instant),
            late_by_days: verdict.late_by_days,
            late_by_work_days: verdict.late_by_work_days,
            makespan_work_hours: hours(verdict.makespan_work_min),
            lower_bound_work_hours: hours(verdict.lower_bound_work_min),
            critical_path: verdict.critical_path.clone(),
            bottleneck: verdict.bottleneck.as_ref().map(ResourceLoadView::of),
            resource_loads: verdict.resource_loads.iter().map(ResourceLoadView::of).collect(),
            skill_hours: verdict
                .skill_hours
                .iter()
                .map(|row| SkillHoursView {
                    skill: row.skill.clone(),
                    min_level: row.min_level,
                    qualified_people: row.qualified_people,
                    needed_hours: hours(row.needed_work_min),
                    available_hours: hours(row.available_work_min),
                    enough: row.needed_work_min <= row.available_work_min,
                    sole_holder: row.sole_holder.clone(),
                })
                .collect(),
            material_problems: verdict.material_problems.clone(),
            infeasible: verdict.infeasible.clone(),
            schedules_generated: verdict.schedules_generated,
            capacity_notes: verdict.capacity_notes.clone(),
            displaces: verdict.displaces.clone(),
        }
    }
}

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PlanDetailView {
    #[serde(flatten)]
    pub summary: PlanSummaryView,
    pub verdict: VerdictView,
    pub materials: Vec<MaterialNeedView>,
    pub purchases: Vec<PurchaseView>,
    pub operations: Vec<ScheduledOperationView>,
    /// Units scrapped under this plan, with the nonconformance that scrapped each.
    pub scrapped: Vec<ScrappedUnitView>,
    /// What the scraps mean for the mandate, and how to build replacements.
    pub shortfall: Option<String>,
    /// A committed plan's equipment out of use since it was scheduled, per tool, with the
    /// unfinished tasks that need it: its finish no longer holds.
    pub at_risk: Vec<String>,
    /// Priced from current state at the time of the call.
    pub cost: CostView,
}

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ScrappedUnitView {
    pub unit: u32,
    pub ncr: String,
}

impl PlanDetailView {
    pub fn of(state: &State, plan: &Plan, cost: &CostBreakdown) -> PlanDetailView {
        let proposal = &plan.proposal;
        let scrapped: Vec<ScrappedUnitView> = state
            .quality
            .scrapped_units(plan.id)
            .filter_map(|unit| Some(ScrappedUnitView { unit, ncr: state.quality.scrapped(plan.id, unit)?.to_string() }))
            .collect();
        let shortfall = (!scrapped.is_empty()).then(|| {
            let units: Vec<String> = scrapped.iter().map(|scrap| format!("#{} ({})", scrap.unit, scrap.ncr)).collect();
            format!(
                "unit(s) {} scrapped: this plan delivers {} of the mandate's {}; propose {} again to build the \
                 replacement(s) (`prodos plan propose {}`)",
                units.join(", "),
                proposal.qty as usize - scrapped.len(),
                proposal.qty,
                plan.mandate,
                plan.mandate
            )
        });
        PlanDetailView {
            at_risk: prodos_core::orchestration::asset_capacity::plan_risks(state, plan),
            summary: PlanSummaryView::of(plan),
            verdict: VerdictView::of(proposal),
            materials: proposal
                .materials
                .iter()
                .map(|need| MaterialNeedView {
                    material: need.material.clone(),
                    unit: need.unit.to_string(),
                    required: need.required.to_string(),
                    from_stock: need.from_stock.to_string(),
                    shortage: need.shortage.to_string(),
                })
                .collect(),
            purchases: proposal
                .purchases
                .iter()
                .map(|p| PurchaseView {
                    material: p.material.clone(),
                    supplier: format!("{} ({})", p.supplier_key, p.supplier),
                    qty: p.qty.to_string(),
                    unit: p.unit.to_string(),
                    cost: p.cost.to_string(),
                    lead_time_days: p.lead_time_days,
                    arrives: p.arrives.to_string(),
                    in_time: p.in_time,
                })
                .collect(),
            operations: proposal
                .operations
                .iter()
                .map(|op| ScheduledOperationView {
                    operation: op.operation.clone(),
                    unit: op.unit,
                    start: format_instant(op.start),
                    end: format_instant(op.end),
                    start_work_min: op.start_work_min,
                    end_work_min: op.end_work_min,
                    slack_work_min: op.slack_work_min,
                    critical: op.critical,
                    resources: op.resources.clone(),
                    crew: op.crew.clone(),
                    carried: op.carried.map(|carried| carried.as_str()),
                })
                .collect(),
            scrapped,
            shortfall,
            cost: CostView::of(cost),
        }
    }
}

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MaterialCostView {
    pub material: String,
    pub qty: String,
    pub unit: String,
    pub from_stock: String,
    pub cost: String,
    pub priced: bool,
}

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ModuleCostView {
    pub module: String,
    pub name: String,
    pub materials: String,
    pub labor: String,
    pub tools: String,
    pub total: String,
}

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CostView {
    pub design: String,
    pub qty: u32,
    pub materials_total: String,
    pub labor_total: String,
    pub tools_total: String,
    pub total: String,
    pub per_unit: String,
    pub modules: Vec<ModuleCostView>,
    pub materials: Vec<MaterialCostView>,
    pub problems: Vec<String>,
}

impl CostView {
    pub fn of(cost: &CostBreakdown) -> CostView {
        let total = cost.total();
        let per_unit = prodos_core::Millicents(total.0 / i64::from(cost.qty.max(1)));
        CostView {
            design: cost.design.to_string(),
            qty: cost.qty,
            materials_total: cost.materials_total.to_string(),
            labor_total: cost.labor_total.to_string(),
            tools_total: cost.tools_total.to_string(),
            total: total.to_string(),
            per_unit: per_unit.to_string(),
            modules: cost
                .modules
                .iter()
                .filter(|module| module.total().0 != 0)
                .map(|module| ModuleCostView {
                    module: module.module.clone(),
                    name: module.name.clone(),
                    materials: module.materials.to_string(),
                    labor: module.labor.to_string(),
                    tools: module.tools.to_string(),
                    total: module.total().to_string(),
                })
                .collect(),
            materials: cost
                .materials
                .iter()
                .map(|m| MaterialCostView {
                    material: m.material.clone(),
                    qty: m.qty.to_string(),
                    unit: m.unit.to_string(),
                    from_stock: m.from_stock.to_string(),
                    cost: m.cost.to_string(),
                    priced: m.priced,
                })
                .collect(),
            problems: cost.problems.clone(),
        }
    }
}

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SkillHeadcountView {
    pub skill: String,
    /// People per level, level 1 first.
    pub by_level: Vec<u32>,
}

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RateView {
    pub what: String,
    pub per_hour: String,
}

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CapacityView {
    pub tools: Vec<(String, u32)>,
    pub skills: Vec<SkillHeadcountView>,
    pub weekdays: String,
    pub day_start: String,
    pub daily_work_hours: String,
    pub closures: Vec<(String, String)>,
    pub labor_rates: Vec<RateView>,
    pub tool_rates: Vec<RateView>,
}

impl CapacityView {
    pub fn of(capacity: &Capacity) -> CapacityView {
        let week = capacity.calendar.week;
        CapacityView {
            tools: capacity.tools().map(|(tool, count)| (tool.to_string(), count)).collect(),
            skills: capacity
                .skills()
                .map(|(skill, counts)| SkillHeadcountView { skill: skill.to_string(), by_level: counts.to_vec() })
                .collect(),
            weekdays: week.weekday_names(),
            day_start: format!("{:02}:{:02}", week.day_start_min / 60, week.day_start_min % 60),
            daily_work_hours: hours(i64::from(week.daily_work_min)),
            closures: capacity.calendar.closures().map(|(day, reason)| (day.to_string(), reason.to_string())).collect(),
            labor_rates: capacity
                .labor_rates()
                .map(|(skill, level, rate)| RateView {
                    what: format!("{skill} level {level}"),
                    per_hour: rate.to_string(),
                })
                .collect(),
            tool_rates: capacity
                .tool_rates()
                .map(|(tool, rate)| RateView { what: tool.to_string(), per_hour: rate.to_string() })
                .collect(),
        }
    }
}
