//! Synthetic worlds for benchmarks and tests: a design with thousands of BOM lines in a three-level
//! module tree, stock for part of its materials and a supplier for all of them. Deterministic:
//! the same arguments always give the same world.

use prodos_core::design::{
    DesignSpec, Lifetime, ModuleSpec, OperationSpec, PartLine, QualityCheck, SkillDef, ToolDef, ToolKind,
};
use prodos_core::stock::{LotReceipt, Provenance};
use prodos_core::supplier::{CatalogItem, SupplierListing};
use prodos_core::units::{Milli, Millicents, Quantity, Unit};
use prodos_core::{Actor, Command, DesignRef, Event, Rejection, State, Timestamp, decide};
use prodos_core::{DesignCommand, DesignEvent, PlanCommand, PlanEvent, StockCommand, SupplierCommand};

/// A state holding the synthetic design (uncertified: costing does not need certification).
pub struct SyntheticWorld {
    pub state: State,
    pub design: DesignRef,
}

/// Ten top modules × ten submodules (count 2) × ten leaves (count 3); `n_lines` part lines spread
/// over the leaves; one material per five lines, every other one in grams against stock in kg.
pub fn design(n_lines: usize) -> DesignSpec {
    let mut modules = Vec::new();
    let mut leaves = Vec::new();
    for top in 0..10 {
        let top_id = format!("m{top}");
        modules.push(ModuleSpec { id: top_id.clone(), name: format!("Module {top}"), parent: None, count: 1 });
        for sub in 0..10 {
            let sub_id = format!("m{top}.{sub}");
            modules.push(ModuleSpec {
                id: sub_id.clone(),
                name: format!("Sub {top}.{sub}"),
                parent: Some(top_id.clone()),
                count: 2,
            });
            for leaf in 0..10 {
                let leaf_id = format!("m{top}.{sub}.{leaf}");
                modules.push(ModuleSpec {
                    id: leaf_id.clone(),
                    name: format!("Leaf {top}.{sub}.{leaf}"),
                    parent: Some(sub_id.clone()),
                    count: 3,
                });
                leaves.push(leaf_id);
            }
        }
    }
    let n_materials = (n_lines / 5).max(1);
    let parts: Vec<PartLine> = (0..n_lines)
        .map(|line| {
            let material = line % n_materials;
            let unit = if material % 2 == 0 { Unit::Gram } else { Unit::Piece };
            PartLine {
                id: format!("p{line}"),
                name: format!("Part {line}"),
                module: leaves[line % leaves.len()].clone(),
                material: format!("mat-{material}"),
                qty: Milli(250 + (line as i64 % 7) * 125),
                unit,
                scrap_bp: (line as i64 % 4) * 250,
                supplier_hints: Vec::new(),
                replaceable: None,
                tools: Vec::new(),
            }
        })
        .collect();
    let operations: Vec<OperationSpec> = leaves
        .iter()
        .enumerate()
        .map(|(idx, leaf)| OperationSpec {
            id: format!("build-{leaf}"),
            name: format!("Build {leaf}"),
            module: Some(leaf.clone()),
            duration_min: 30 + (idx as i64 % 5) * 15,
            skill: Some("assembly".into()),
            min_level: 1 + idx as i64 % 3,
            crew: 1,
            tools: vec!["bench".into()],
            after: Vec::new(),
            consumes: parts.iter().filter(|part| &part.module == leaf).map(|part| part.id.clone()).collect(),
            checks: vec![QualityCheck::measured("fit", 0.0, 1.0, "mm")],
            safety: None,
        })
        .collect();
    DesignSpec {
        quality: Default::default(),
        key: format!("synthetic-{n_lines}"),
        name: format!("Synthetic design with {n_lines} BOM lines"),
        summary: "Generated for benchmarks".into(),
        lifetime: Lifetime {
            service_life_years: Some(10),
            maintenance_interval_days: Some(365),
            repairability: "n/a".into(),
        },
        skills: vec![SkillDef { id: "assembly".into(), name: "Assembly".into() }],
        tools: vec![ToolDef { id: "bench".into(), name: "Bench".into(), kind: ToolKind::Workstation }],
        modules,
        parts,
        operations,
    }
}

/// The design imported, stock received for every third material, and one supplier for all.
pub fn world(n_lines: usize, now: Timestamp) -> Result<SyntheticWorld, Rejection> {
    let spec = design(n_lines);
    let n_materials = (n_lines / 5).max(1);
    let mut state = State::default();
    let run = |state: &mut State, command: Command| -> Result<Vec<Event>, Rejection> {
        let events = decide(state, &builder(), &command, now)?;
        for event in &events {
            state.apply(event);
        }
        Ok(events)
    };
    let events = run(&mut state, Command::Design(DesignCommand::ImportDesign { spec, declared: None }))?;
    let design = events
        .iter()
        .find_map(|event| match event {
            Event::Design(DesignEvent::DesignDrafted { design, .. }) => Some(*design),
            _ => None,
        })
        .ok_or(Rejection::FieldRequired { field: "design".into() })?;
    let stock_unit = |material: usize| if material % 2 == 0 { Unit::Kilogram } else { Unit::Piece };
    let lots = (0..n_materials)
        .filter(|material| material % 3 == 0)
        .map(|material| LotReceipt {
            material: format!("mat-{material}"),
            material_name: None,
            qty: Quantity { amount: Milli::from_units(500), unit: stock_unit(material) },
            unit_cost: Millicents(100_000 + material as i64 * 10),
            location: "store".into(),
            provenance: Provenance::Own,
        })
        .collect();
    run(&mut state, Command::Stock(StockCommand::ReceiveLots { lots }))?;
    let items = (0..n_materials)
        .map(|material| CatalogItem {
            material: format!("mat-{material}"),
            price: Millicents(120_000 + material as i64 * 10),
            unit: stock_unit(material),
            lead_time_days: 5 + (material % 20) as u32,
            min_order_qty: Milli::from_units(10),
            available: true,
        })
        .collect();
    run(
        &mut state,
        Command::Supplier(SupplierCommand::ImportSuppliers {
            suppliers: vec![SupplierListing { key: "bulk".into(), name: "Bulk supply".into(), items }],
        }),
    )?;
    Ok(SyntheticWorld { state, design })
}

/// How many people (at level 5) per skill and units per tool a planning world declares.
#[derive(Debug, Clone, Copy)]
pub struct Staffing {
    pub people_per_skill: i64,
    pub units_per_tool: i64,
}

/// A planning world from given designs, lots and catalogs: each design certified, staffed as
/// `staffing` says for every skill and tool the designs name, and one
/// mandate per `(design index, qty)` due `due_in_days` after `now`. Benchmarks use it on the
/// example files.
pub fn planning_world(
    specs: Vec<DesignSpec>,
    lots: Vec<LotReceipt>,
    suppliers: Vec<SupplierListing>,
    staffing: Staffing,
    mandates: &[(usize, i64)],
    due_in_days: i64,
    now: Timestamp,
) -> Result<(State, Vec<prodos_core::MandateId>), Rejection> {
    let mut state = State::default();
    let run = |state: &mut State, command: Command| -> Result<Vec<Event>, Rejection> {
        let events = decide(state, &builder(), &command, now)?;
        for event in &events {
            state.apply(event);
        }
        Ok(events)
    };
    let mut designs = Vec::new();
    for spec in &specs {
        let events =
            run(&mut state, Command::Design(DesignCommand::ImportDesign { spec: spec.clone(), declared: None }))?;
        let design = events.iter().find_map(|event| match event {
            Event::Design(DesignEvent::DesignDrafted { design, .. }) => Some(*design),
            _ => None,
        });
        let design = design.ok_or(Rejection::FieldRequired { field: format!("design `{}`", spec.key) })?;
        let selector = prodos_core::DesignSelector { design: design.design, version: Some(design.version) };
        run(&mut state, Command::Design(DesignCommand::CertifyDesign { design: selector }))?;
        designs.push(selector);
        for skill in &spec.skills {
            run(
                &mut state,
                Command::Plan(PlanCommand::DeclareSkillHeadcount {
                    skill: skill.id.clone(),
                    level: 5,
                    headcount: staffing.people_per_skill,
                }),
            )?;
        }
        for tool in &spec.tools {
            run(
                &mut state,
                Command::Plan(PlanCommand::DeclareToolCount { tool: tool.id.clone(), count: staffing.units_per_tool }),
            )?;
        }
    }
    run(&mut state, Command::Supplier(SupplierCommand::ImportSuppliers { suppliers }))?;
    run(&mut state, Command::Stock(StockCommand::ReceiveLots { lots }))?;
    let due = prodos_core::plan::Day::of(now).plus(due_in_days);
    let mut mandate_ids = Vec::new();
    for &(design_idx, qty) in mandates {
        let design = *designs.get(design_idx).ok_or(Rejection::FieldRequired { field: "mandates".into() })?;
        let command = Command::Plan(PlanCommand::CreateMandate { design, qty, due, decision: None, priority: 0 });
        for event in run(&mut state, command)? {
            if let Event::Plan(PlanEvent::MandateCreated { mandate }) = event {
                mandate_ids.push(mandate.id);
            }
        }
    }
    Ok((state, mandate_ids))
}

fn run(state: &mut State, command: Command, now: Timestamp) -> Result<Vec<Event>, Rejection> {
    let events = decide(state, &builder(), &command, now)?;
    for event in &events {
        state.apply(event);
    }
    Ok(events)
}

/// Records `proposal` for `mandate` and commits it, so later proposals plan around it.
pub fn commit(
    state: &mut State,
    mandate: prodos_core::MandateId,
    proposal: prodos_core::plan::PlanProposal,
    now: Timestamp,
) -> Result<prodos_core::PlanId, Rejection> {
    let events = run(state, Command::Plan(PlanCommand::RecordPlanProposal { mandate, proposal }), now)?;
    let plan = events
        .iter()
        .find_map(|event| match event {
            Event::Plan(PlanEvent::PlanProposed { plan, .. }) => Some(*plan),
            _ => None,
        })
        .ok_or(Rejection::UnknownMandate { mandate })?;
    run(state, Command::Plan(PlanCommand::CommitPlan { plan }), now)?;
    Ok(plan)
}

/// Replaces the declared headcounts with participants: a coordinator and `people` members
/// certified at level 5 in every skill of every design, working Monday to Friday, so planning
/// counts people from certifications and availability.
pub fn staff_with_participants(state: &mut State, people: usize, now: Timestamp) -> Result<(), Rejection> {
    use prodos_core::people::{NewParticipant, PeopleCommand};
    let declared: Vec<(String, u8)> = state
        .capacity
        .skills()
        .flat_map(|(skill, counts)| {
            (1..=counts.len() as u8).filter(move |l| counts[*l as usize - 1] > 0).map(move |l| (skill.to_string(), l))
        })
        .collect();
    for (skill, level) in declared {
        run(
            state,
            Command::Plan(PlanCommand::DeclareSkillHeadcount { skill, level: i64::from(level), headcount: 0 }),
            now,
        )?;
    }
    let handles: Vec<String> = (1..=people).map(|n| format!("member-{n}")).collect();
    let mut participants = vec![NewParticipant { handle: "coordinator".into(), real_name: None, coordinator: true }];
    participants.extend(handles.iter().map(|h| NewParticipant {
        handle: h.clone(),
        real_name: None,
        coordinator: false,
    }));
    run(state, Command::People(PeopleCommand::AddParticipants { participants, by: None }), now)?;
    let skills: std::collections::BTreeSet<String> = state
        .designs
        .iter()
        .flat_map(|record| record.latest().spec.skills.iter().map(|skill| skill.id.clone()))
        .collect();
    for handle in &handles {
        let minutes_per_weekday = [480, 480, 480, 480, 480, 0, 0];
        run(
            state,
            Command::People(PeopleCommand::SetAvailability { handle: handle.clone(), minutes_per_weekday }),
            now,
        )?;
        for skill in &skills {
            let grant = PeopleCommand::GrantCertification {
                handle: handle.clone(),
                skill: skill.clone(),
                level: 5,
                expires_on: None,
                by: "coordinator".into(),
            };
            run(state, Command::People(grant), now)?;
        }
    }
    Ok(())
}

/// Synthetic worlds are built by an operator identity of their own.
fn builder() -> Actor {
    Actor::Local("synthetic".into())
}
