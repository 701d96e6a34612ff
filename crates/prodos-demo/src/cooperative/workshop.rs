//! The workshop itself: the certified example designs, the supplier catalogs, the opening stock,
//! and (once the first plan has shown what is missing) the tools, week and rates that planning
//! schedules against. Skill capacity is not declared: planning counts certified participants.

use super::seeder::Seeder;
use super::{EXAMPLE_DESIGNS, EXAMPLE_STOCK, EXAMPLE_SUPPLIERS};
use prodos_app::NodeError;
use prodos_core::plan::WorkWeek;
use prodos_core::stock::LotReceipt;
use prodos_core::{Command, DesignSelector, Event, Millicents};
use prodos_core::{DesignCommand, DesignEvent, PlanCommand, StockCommand, SupplierCommand};

/// Days before today on which the cooperative started recording in prodos.
pub const FOUNDED_DAYS_AGO: i64 = 260;

/// The guitar workshop's tools and workstations, with how many it owns and an hourly rate (wear,
/// energy, depreciation) in cents.
const TOOLS: &[(&str, i64, i64)] = &[
    ("workbench", 4, 40),
    ("go-bar-deck", 1, 60),
    ("outside-mold", 2, 20),
    ("drum-sander", 1, 250),
    ("bending-iron", 1, 90),
    ("side-bender", 1, 120),
    ("binding-router", 1, 180),
    ("bandsaw", 1, 200),
    ("fret-press", 1, 80),
    ("spray-booth", 1, 650),
    ("drying-rack", 4, 15),
    ("buffing-wheel", 1, 160),
];

/// Hourly labor rates per skill at levels 2 and 4, in cents (higher levels without a rate are
/// paid like the nearest lower one).
const LABOR_RATES: &[(&str, i64, i64)] = &[
    ("luthiery.joinery", 2, 2400),
    ("luthiery.joinery", 4, 3400),
    ("luthiery.bracing", 2, 2600),
    ("luthiery.bracing", 4, 3600),
    ("luthiery.bending", 2, 2500),
    ("luthiery.inlay", 2, 2600),
    ("luthiery.inlay", 4, 3500),
    ("luthiery.fretting", 2, 2500),
    ("luthiery.fretting", 4, 3300),
    ("finishing.spray", 2, 2300),
    ("finishing.spray", 4, 3200),
    ("setup", 2, 2400),
    ("setup", 4, 3300),
];

/// The designs the workshop builds, as imported and certified on its first day.
pub struct Designs {
    pub guitar: DesignSelector,
    pub house: DesignSelector,
}

/// Day one: the example designs (certified), the supplier catalogs and the opening stock count.
pub fn set_up(seeder: &mut Seeder) -> Result<Designs, NodeError> {
    seeder.on_day(-FOUNDED_DAYS_AGO, 9);
    let actor = seeder.actor.to_string();
    let mut designs = Vec::new();
    for (file, text) in EXAMPLE_DESIGNS {
        let parsed = prodos_formats::parse_design(file, text).map_err(|errors| broken(file, errors))?;
        let receipt =
            seeder.run(&actor, Command::Design(DesignCommand::ImportDesign { spec: parsed.spec, declared: None }))?;
        let design = receipt
            .events
            .iter()
            .find_map(|event| match event {
                Event::Design(DesignEvent::DesignDrafted { design, .. }) => Some(*design),
                _ => None,
            })
            .ok_or_else(|| broken(file, "drafted no design"))?;
        let selector = DesignSelector { design: design.design, version: Some(design.version) };
        seeder.run(&actor, Command::Design(DesignCommand::CertifyDesign { design: selector }))?;
        designs.push(selector);
    }
    let (file, text) = EXAMPLE_SUPPLIERS;
    let rows = prodos_formats::parse_catalog_csv(file, text).map_err(|errors| broken(file, errors))?;
    seeder.run(
        &actor,
        Command::Supplier(SupplierCommand::ImportSuppliers { suppliers: prodos_formats::catalog_listings(&rows) }),
    )?;
    let (file, text) = EXAMPLE_STOCK;
    let rows = prodos_formats::parse_stock_csv(file, text).map_err(|errors| broken(file, errors))?;
    let lots: Vec<LotReceipt> = rows.iter().map(prodos_formats::StockRow::to_receipt).collect();
    seeder.run(&actor, Command::Stock(StockCommand::ReceiveLots { lots }))?;
    match designs[..] {
        [guitar, house] => Ok(Designs { guitar, house }),
        _ => Err(broken(EXAMPLE_DESIGNS[0].0, "expected two example designs")),
    }
}

/// The tools, week and rates, declared by the coordinator once the first proposal named them.
pub fn declare_capacity(seeder: &mut Seeder, coordinator: &str) -> Result<(), NodeError> {
    seeder.run(coordinator, Command::Plan(PlanCommand::SetWorkWeek { week: WorkWeek::default() }))?;
    for (tool, count, cents) in TOOLS {
        seeder
            .run(coordinator, Command::Plan(PlanCommand::DeclareToolCount { tool: (*tool).into(), count: *count }))?;
        let rate_per_hour = Millicents(cents * 1000);
        seeder.run(coordinator, Command::Plan(PlanCommand::SetToolRate { tool: (*tool).into(), rate_per_hour }))?;
    }
    for (skill, level, cents) in LABOR_RATES {
        let rate_per_hour = Millicents(cents * 1000);
        seeder.run(
            coordinator,
            Command::Plan(PlanCommand::SetLaborRate { skill: (*skill).into(), level: *level, rate_per_hour }),
        )?;
    }
    // No skill headcounts are declared: planning counts the certified participants themselves.
    Ok(())
}

/// Adds a tool the workshop bought or built.
pub fn add_tool(seeder: &mut Seeder, coordinator: &str, tool: &str) -> Result<(), NodeError> {
    let count = seeder.read(|state| state.capacity.tool_count(tool));
    seeder.run(
        coordinator,
        Command::Plan(PlanCommand::DeclareToolCount { tool: tool.into(), count: i64::from(count) + 1 }),
    )?;
    Ok(())
}

fn broken(file: &str, reason: impl std::fmt::Display) -> NodeError {
    NodeError::BrokenExample { file: file.to_string(), reason: reason.to_string() }
}
