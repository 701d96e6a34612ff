//! The one fixture design, a stool, and the shop most execution and policy scenarios start
//! from: the stool certified, carol (coordinator), dana (joinery 3), erin (joinery 2), six leg
//! blanks, and a committed two-stool plan `PROD-0001`.

use crate::world::World;
use prodos_core::design::{DesignSpec, Lifetime, ModuleSpec, OperationSpec, PartLine, QualityCheck, SkillDef};
use prodos_core::execution::{ExecutionCommand, TaskRef};
use prodos_core::plan::{Day, MaterialNeed, PlanProposal, ScheduledOperation, Verdict};
use prodos_core::stock::{LotReceipt, Provenance};
use prodos_core::*;

/// The verdict of a hand-made plan that finishes on time at `finish`, its makespan equal to its
/// lower bound, and nothing else to report.
pub fn on_time_verdict(due: Day, finish: Timestamp, makespan_work_min: i64) -> Verdict {
    Verdict {
        due,
        finish: Some(finish),
        on_time: true,
        late_by_work_days: 0,
        late_by_days: 0,
        makespan_work_min,
        critical_path: vec![],
        bottleneck: None,
        resource_loads: vec![],
        skill_hours: vec![],
        material_problems: vec![],
        infeasible: vec![],
        schedules_generated: 1,
        lower_bound_work_min: makespan_work_min,
        capacity_notes: Vec::new(),
        displaces: Vec::new(),
    }
}

/// A certified stool design (`DES-0001`, key `stool`) for scenarios that need goods.
pub fn certified_stool(world: &mut World) {
    certified(world, stool_spec());
}

/// Imports `spec` as the world's first design, `DES-0001`, and certifies it.
pub fn certified(world: &mut World, spec: DesignSpec) {
    world.run(Command::Design(DesignCommand::ImportDesign { spec, declared: None })).unwrap();
    let design = DesignSelector { design: DesignId(1), version: None };
    world.run(Command::Design(DesignCommand::CertifyDesign { design })).unwrap();
}

/// The stool: one frame of 3 oak leg blanks, cut (joinery 1) then assembled (joinery 2) and checked
/// for wobble. Scenarios that need another design start from it and change what differs.
pub fn stool_spec() -> DesignSpec {
    DesignSpec {
        quality: Default::default(),
        key: "stool".into(),
        name: "Stool".into(),
        summary: "A shop stool".into(),
        lifetime: Lifetime {
            service_life_years: Some(30),
            maintenance_interval_days: Some(365),
            repairability: "Wedged tenons; replace a leg at a time.".into(),
        },
        skills: vec![SkillDef { id: "joinery".into(), name: "Joinery".into() }],
        tools: vec![],
        modules: vec![ModuleSpec { id: "frame".into(), name: "Frame".into(), parent: None, count: 1 }],
        parts: vec![PartLine {
            id: "legs".into(),
            name: "Legs".into(),
            module: "frame".into(),
            material: "oak-leg-blank".into(),
            qty: Milli::from_units(3),
            unit: Unit::Piece,
            scrap_bp: 0,
            supplier_hints: vec![],
            replaceable: None,
            tools: Vec::new(),
        }],
        operations: vec![
            OperationSpec {
                id: "cut".into(),
                name: "Cut the legs".into(),
                module: Some("frame".into()),
                duration_min: 30,
                skill: Some("joinery".into()),
                min_level: 1,
                crew: 1,
                tools: vec![],
                after: vec![],
                consumes: vec!["legs".into()],
                checks: vec![],
                safety: None,
            },
            OperationSpec {
                id: "assemble".into(),
                name: "Assemble".into(),
                module: Some("frame".into()),
                duration_min: 90,
                skill: Some("joinery".into()),
                min_level: 2,
                crew: 1,
                tools: vec![],
                after: vec![prodos_core::design::Precedence { operation: "cut".into(), lag_min: 0 }],
                consumes: vec![],
                checks: vec![QualityCheck::measured("wobble", 0.0, 1.0, "mm")],
                safety: None,
            },
        ],
    }
}

pub const STOOL: DesignSelector = DesignSelector { design: DesignId(1), version: None };

pub fn operation(operation: &str, unit: u32, start: Timestamp, end: Timestamp) -> ScheduledOperation {
    ScheduledOperation {
        operation: operation.into(),
        unit,
        start,
        end,
        start_work_min: 0,
        end_work_min: 0,
        slack_work_min: 0,
        critical: true,
        resources: vec!["joinery≥1×1".into()],
        crew: Vec::new(),
        carried: None,
    }
}

/// A shop with a committed plan `PROD-0001` for two stools and 6 leg blanks from a sawmill.
pub fn shop_with_plan() -> World {
    shop_with_steps_lasting(0)
}

/// A shop whose two-stool plan schedules every step to end `minutes` after the plan starts.
pub fn shop_with_steps_lasting(minutes: i64) -> World {
    shop_with(stool_spec(), minutes)
}

/// The two-stool shop with another version of the stool (same operations and parts), e.g.
/// with other quality checks.
pub fn shop_with_design(spec: DesignSpec) -> World {
    shop_with(spec, 0)
}

/// The shop with a committed plan for `units` stools of `spec` (3 leg blanks each in stock).
pub fn shop_with_units(spec: DesignSpec, units: u32) -> World {
    shop_of(spec, 0, units)
}

fn shop_with(spec: DesignSpec, minutes: i64) -> World {
    shop_of(spec, minutes, 2)
}

fn shop_of(spec: DesignSpec, minutes: i64, units: u32) -> World {
    let legs = Milli::from_units(3 * i64::from(units));
    let mut world = World::new();
    certified(&mut world, spec);
    world.add_participants(&["carol", "dana", "erin"]);
    world.grant_joinery("dana", 3);
    world.grant_joinery("erin", 2);
    let receipt = LotReceipt {
        material: "oak-leg-blank".into(),
        material_name: None,
        qty: Quantity { amount: legs, unit: Unit::Piece },
        unit_cost: Millicents::from_currency(4.0).unwrap(),
        location: "rack".into(),
        provenance: Provenance::Supplier("sawmill".into()),
    };
    world.run(Command::Stock(StockCommand::ReceiveLots { lots: vec![receipt] })).unwrap();
    let due = Day::of(world.now).plus(30);
    let mandate = Command::Plan(PlanCommand::CreateMandate {
        design: STOOL,
        qty: i64::from(units),
        due,
        decision: Some(DecisionId(19)),
        priority: 0,
    });
    world.run(mandate).unwrap();
    let start = world.now;
    let end = Timestamp::from_millis(start.millis() + minutes * 60_000);
    let proposal = PlanProposal {
        design: DesignRef { design: DesignId(1), version: 1 },
        qty: units,
        start,
        materials: vec![MaterialNeed {
            material: "oak-leg-blank".into(),
            unit: Unit::Piece,
            required: legs,
            from_stock: legs,
            shortage: Milli::ZERO,
        }],
        purchases: vec![],
        operations: (1..=units)
            .flat_map(|unit| [operation("cut", unit, start, end), operation("assemble", unit, start, end)])
            .collect(),
        verdict: on_time_verdict(due, start, 240),
        continues: None,
    };
    world.commit_first_plan(proposal);
    world
}

pub fn task(operation: &str, unit: u32) -> TaskRef {
    TaskRef { plan: PlanId(1), operation: operation.into(), unit }
}

pub fn exec(command: ExecutionCommand) -> Command {
    Command::Execution(command)
}

pub fn start(operation: &str, unit: u32, worker: &str) -> Command {
    exec(ExecutionCommand::Start { task: task(operation, unit), worker: worker.into(), with: Vec::new() })
}
pub fn complete(operation: &str, unit: u32, by: &str) -> Command {
    exec(ExecutionCommand::Complete { task: task(operation, unit), by: by.into(), hours: None })
}
/// Measures the stool's `wobble` check of a completed task (the assembly's only check).
pub fn inspect(operation: &str, unit: u32, value: f64, by: &str) -> Command {
    Command::Quality(prodos_core::quality::QualityCommand::RecordInspection {
        task: task(operation, unit),
        check: "wobble".into(),
        measurement: prodos_core::measure::Measurement::Values(vec![value]),
        unit: Some("mm".into()),
        by: by.into(),
        instrument: None,
        note: String::new(),
    })
}
pub fn verify(operation: &str, unit: u32, by: &str) -> Command {
    exec(ExecutionCommand::Verify { task: task(operation, unit), by: by.into() })
}
