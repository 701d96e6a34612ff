//! `prodos inspect incoming|sampling|lot|lots`: incoming inspection of received lots from the
//! shell, over the same queries and commands as the API.

use super::context::{Context, GlobalArgs, print_json, report, table};
use super::format_time;
use prodos_app::queries;
use prodos_core::quality::{IncomingPlan, QualityCommand};
use prodos_core::{Command, LotId};
use prodos_spc::sampling::InspectionLevel;
use serde::Serialize;

pub fn level(text: &str) -> anyhow::Result<InspectionLevel> {
    InspectionLevel::parse(text)
        .ok_or_else(|| anyhow::anyhow!("field `level`: `{text}` is not a general inspection level (I, II or III)"))
}

pub fn set_plan(
    global: &GlobalArgs,
    material: String,
    aql: Option<f64>,
    level_text: &str,
    by: Option<String>,
) -> anyhow::Result<()> {
    let context = Context::open(global)?;
    let plan = aql.map(|aql| level(level_text).map(|level| IncomingPlan { aql, level })).transpose()?;
    let by = by.unwrap_or_else(|| global.actor.clone());
    let what = match &plan {
        Some(plan) => format!("lots of {material} from outside the node are sampled on receipt ({plan})"),
        None => format!("lots of {material} are no longer sampled on receipt"),
    };
    let done = context.execute(&Command::Quality(QualityCommand::SetIncomingInspection { material, plan, by }))?;
    report(&done, &what);
    Ok(())
}

pub fn sampling(lot_size: u32, aql: f64, level_text: &str, json: bool) -> anyhow::Result<()> {
    let view = queries::sampling_plan(lot_size, &IncomingPlan { aql, level: level(level_text)? })?;
    if json {
        return print_json(&view);
    }
    let whole = if view.hundred_percent { " (the whole lot)" } else { "" };
    println!(
        "lot of {} at AQL {}, level {}: letter {} (plan of {}): draw {}{whole}, accept on {}, reject on {}",
        view.lot_size, view.aql, view.level, view.code, view.plan_code, view.sample, view.accept, view.reject
    );
    Ok(())
}

/// What an inspector reports for one lot.
pub struct LotArgs {
    pub lot: LotId,
    pub inspected: u32,
    pub defective: u32,
    pub lot_size: Option<u32>,
    pub note: String,
    pub by: Option<String>,
}

pub fn inspect_lot(global: &GlobalArgs, args: LotArgs) -> anyhow::Result<()> {
    let context = Context::open(global)?;
    let by = args.by.unwrap_or_else(|| global.actor.clone());
    let command = QualityCommand::InspectLot {
        lot: args.lot,
        lot_size: args.lot_size,
        inspected: args.inspected,
        defective: args.defective,
        by,
        note: args.note,
    };
    let done = context.execute(&Command::Quality(command))?;
    let record =
        queries::lot_inspections(&context.node).into_iter().rev().find(|view| view.lot == args.lot.to_string());
    let verdict = match record {
        Some(view) => match &view.ncr {
            Some(ncr) => format!(
                "{} {}: {}; the lot is quarantined, dispose with `prodos ncr dispose {ncr}`",
                view.id, view.lot, view.verdict
            ),
            None => format!("{} {}: {}; the lot is released", view.id, view.lot, view.verdict),
        },
        None => "lot inspection recorded".into(),
    };
    report(&done, &verdict);
    Ok(())
}

#[derive(Serialize)]
struct Incoming {
    plans: Vec<prodos_app::views::incoming::IncomingPlanView>,
    inspections: Vec<prodos_app::views::incoming::LotInspectionView>,
}

pub fn list(global: &GlobalArgs, json: bool) -> anyhow::Result<()> {
    let context = Context::open(global)?;
    let incoming = Incoming {
        plans: queries::incoming_plans(&context.node),
        inspections: queries::lot_inspections(&context.node),
    };
    if json {
        return print_json(&incoming);
    }
    let mut plans = table(&["material", "AQL", "level", "awaiting inspection"]);
    for plan in &incoming.plans {
        plans.add_row(vec![plan.material.clone(), plan.aql.to_string(), plan.level.clone(), plan.awaiting.join(" ")]);
    }
    println!("{plans}");
    let mut out = table(&["id", "lot", "material", "from", "plan", "defective", "verdict", "ncr", "by", "at"]);
    for view in incoming.inspections {
        out.add_row(vec![
            view.id,
            view.lot,
            view.material,
            view.provenance,
            format!("{} of {}, Ac {} Re {}", view.plan.sample, view.plan.lot_size, view.plan.accept, view.plan.reject),
            format!("{} / {}", view.defective, view.inspected),
            if view.accepted { "accepted" } else { "rejected" }.into(),
            view.ncr.unwrap_or_default(),
            view.by,
            format_time(view.at_ms),
        ]);
    }
    println!("{out}");
    Ok(())
}
