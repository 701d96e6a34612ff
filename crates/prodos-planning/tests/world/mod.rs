//! The small planning world the scenario tests share: the example designs certified, the example
//! stock and catalogs loaded, commands decided and applied as the node would.
#![allow(dead_code)] // each test binary uses its own part of it

use prodos_core::plan::{Day, PlanProposal};
use prodos_core::*;
use prodos_core::{DesignCommand, PlanCommand, PlanEvent, StockCommand, SupplierCommand};
use prodos_planning::{SearchBudget, propose};

const GUITAR: &str = include_str!("../../../../examples/acoustic-guitar.toml");
const HOUSE: &str = include_str!("../../../../examples/modular-house.toml");
const STOCK: &str = include_str!("../../../../examples/stock.csv");
const SUPPLIERS: &str = include_str!("../../../../examples/suppliers.csv");

pub struct World {
    pub state: State,
    pub now: Timestamp,
}

impl World {
    /// The example designs certified, the example stock received and catalogs imported.
    pub fn example() -> World {
        // 2026-11-23, a Monday, 09:00 UTC.
        let day: Day = "2026-11-23".parse().unwrap();
        let mut world =
            World { state: State::default(), now: Timestamp::from_millis(day.start().millis() + 9 * 3_600_000) };
        for (file, text) in [("acoustic-guitar.toml", GUITAR), ("modular-house.toml", HOUSE)] {
            let parsed = prodos_formats::parse_design(file, text).expect("example designs parse");
            world.run(Command::Design(DesignCommand::ImportDesign { spec: parsed.spec, declared: None }));
        }
        for id in [1, 2] {
            world.run(Command::Design(DesignCommand::CertifyDesign {
                design: DesignSelector { design: DesignId(id), version: None },
            }));
        }
        let rows = prodos_formats::parse_catalog_csv("suppliers.csv", SUPPLIERS).expect("catalog parses");
        world.run(Command::Supplier(SupplierCommand::ImportSuppliers {
            suppliers: prodos_formats::catalog_listings(&rows),
        }));
        let lots = prodos_formats::parse_stock_csv("stock.csv", STOCK).expect("stock parses");
        world
            .run(Command::Stock(StockCommand::ReceiveLots { lots: lots.iter().map(|row| row.to_receipt()).collect() }));
        world
    }

    pub fn run(&mut self, command: Command) -> Vec<Event> {
        self.try_run(command).unwrap_or_else(|rejection| panic!("refused: {rejection}"))
    }

    pub fn try_run(&mut self, command: Command) -> Result<Vec<Event>, Rejection> {
        let events = decide(&self.state, &prodos_core::Actor::Local("host".into()), &command, self.now)?;
        for event in &events {
            self.state.apply(event);
        }
        Ok(events)
    }

    pub fn refuse(&mut self, command: Command) -> Rejection {
        let before = self.state.clone();
        let rejection = self.try_run(command).expect_err("command should be refused");
        assert_eq!(self.state, before, "a rejection must leave state untouched");
        rejection
    }

    /// One person at level 5 per skill and one of each tool the design names.
    pub fn staff_for(&mut self, design: u32) {
        let spec = self.state.designs.get(DesignId(design)).unwrap().latest().spec.clone();
        for skill in &spec.skills {
            self.run(Command::Plan(PlanCommand::DeclareSkillHeadcount {
                skill: skill.id.clone(),
                level: 5,
                headcount: 1,
            }));
        }
        self.tools_for(design, 1);
    }

    /// `count` of each tool the design names.
    pub fn tools_for(&mut self, design: u32, count: i64) {
        let spec = self.state.designs.get(DesignId(design)).unwrap().latest().spec.clone();
        for tool in &spec.tools {
            self.run(Command::Plan(PlanCommand::DeclareToolCount { tool: tool.id.clone(), count }));
        }
    }

    /// Every skill of `design` at `level` for `handle`, certified by `by` (a coordinator).
    pub fn certify_for(&mut self, design: u32, handle: &str, level: i64, by: &str) {
        let spec = self.state.designs.get(DesignId(design)).unwrap().latest().spec.clone();
        for skill in &spec.skills {
            self.certify(handle, &skill.id, level, None, by);
        }
    }

    pub fn certify(&mut self, handle: &str, skill: &str, level: i64, expires_on: Option<Day>, by: &str) {
        self.run(Command::People(people::PeopleCommand::GrantCertification {
            handle: handle.into(),
            skill: skill.into(),
            level,
            expires_on,
            by: by.into(),
        }));
    }

    pub fn mandate(&mut self, design: u32, qty: i64, due: &str) -> MandateId {
        self.mandate_with_priority(design, qty, due, 0)
    }

    pub fn mandate_with_priority(&mut self, design: u32, qty: i64, due: &str, priority: i32) -> MandateId {
        let events = self.run(Command::Plan(PlanCommand::CreateMandate {
            design: DesignSelector { design: DesignId(design), version: None },
            qty,
            due: due.parse().unwrap(),
            decision: Some(DecisionId(19)),
            priority,
        }));
        match &events[..] {
            [Event::Plan(PlanEvent::MandateCreated { mandate })] => mandate.id,
            other => panic!("unexpected events {other:?}"),
        }
    }

    pub fn propose(&self, mandate: MandateId) -> PlanProposal {
        let never = || false;
        let budget = SearchBudget { max_schedules: Some(500), exact: false, seed: 7, should_stop: &never };
        propose(&self.state, mandate, self.now, budget).expect("proposal")
    }

    pub fn record(&mut self, mandate: MandateId, proposal: PlanProposal) -> PlanId {
        let events = self.run(Command::Plan(PlanCommand::RecordPlanProposal { mandate, proposal }));
        match &events[..] {
            [Event::Plan(PlanEvent::PlanProposed { plan, .. })] => *plan,
            other => panic!("unexpected events {other:?}"),
        }
    }

    pub fn check_invariants(&self) {
        self.state.check_invariants().expect("state invariants hold");
    }
}
