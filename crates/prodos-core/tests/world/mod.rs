//! A tiny test world shared by the people-and-work scenario tests: state plus a clock, where
//! commands are decided and their events applied, and refusals are checked to change nothing.
#![allow(dead_code)]

use prodos_core::people::PeopleCommand;
use prodos_core::*;

pub struct World {
    pub state: State,
    pub now: Timestamp,
}

impl World {
    pub fn new() -> World {
        // 2026-09-21, a Monday.
        World { state: State::default(), now: Timestamp::from_millis(1_790_000_000_000) }
    }

    pub fn run(&mut self, command: Command) -> Result<Vec<Event>, Rejection> {
        self.now = Timestamp::from_millis(self.now.millis() + 60_000);
        let events = decide(&self.state, &command, self.now)?;
        for event in &events {
            self.state.apply(event);
        }
        Ok(events)
    }

    pub fn people(&mut self, command: PeopleCommand) -> Result<Vec<Event>, Rejection> {
        self.run(Command::People(command))
    }

    /// Runs a command that must be refused, and checks that the refusal changed nothing.
    pub fn refuse(&mut self, command: Command) -> Rejection {
        let before = self.state.clone();
        let rejection = self.run(command).expect_err("command should be refused");
        assert_eq!(self.state, before, "a rejection must leave state untouched");
        rejection
    }

    pub fn refuse_people(&mut self, command: PeopleCommand) -> Rejection {
        self.refuse(Command::People(command))
    }

    pub fn verify(&self) {
        self.state.verify().expect("state invariants hold");
    }
}

/// A certified one-operation design (`DES-0001`, key `stool`) for scenarios that need goods.
pub fn certified_stool(world: &mut World) {
    use prodos_core::design::{DesignSpec, Lifetime, ModuleSpec, OperationSpec, PartLine, QualityCheck, SkillDef};
    let spec = DesignSpec {
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
                checks: vec![QualityCheck { name: "wobble".into(), nominal: 0.0, tolerance: 1.0, unit: "mm".into() }],
            },
        ],
    };
    world.run(Command::ImportDesign { spec, declared: None }).unwrap();
    let design = DesignSelector { design: DesignId(1), version: None };
    world.run(Command::CertifyDesign { design }).unwrap();
}
