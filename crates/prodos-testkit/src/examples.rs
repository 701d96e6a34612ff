//! The example cooperative's files as a world: the guitar and house designs certified, the
//! example stock received and the suppliers' catalogs imported, on a frozen Monday morning, with
//! the steps planning scenarios take on it (staff, tools, certificates, mandates, proposals).

use crate::World;
use prodos_core::people::PeopleCommand;
use prodos_core::plan::{Day, PlanProposal};
use prodos_core::*;

const GUITAR: &str = include_str!("../../../examples/acoustic-guitar.toml");
const HOUSE: &str = include_str!("../../../examples/modular-house.toml");
const STOCK: &str = include_str!("../../../examples/stock.csv");
const SUPPLIERS: &str = include_str!("../../../examples/suppliers.csv");

/// `DES-0001`: the acoustic guitar; `DES-0002`: the modular house.
pub const GUITAR_DESIGN: u32 = 1;
pub const HOUSE_DESIGN: u32 = 2;

impl World {
    /// The example files loaded on 2026-11-23, a Monday, at 09:00 UTC; the clock stays there.
    pub fn example() -> World {
        let day: Day = "2026-11-23".parse().unwrap();
        let mut world = World::frozen_at(Timestamp::from_millis(day.start().millis() + 9 * 3_600_000));
        for (file, text) in [("acoustic-guitar.toml", GUITAR), ("modular-house.toml", HOUSE)] {
            let parsed = prodos_formats::parse_design(file, text).expect("example designs parse");
            world.must(Command::Design(DesignCommand::ImportDesign { spec: parsed.spec, declared: None }));
        }
        for id in [GUITAR_DESIGN, HOUSE_DESIGN] {
            world.must(Command::Design(DesignCommand::CertifyDesign {
                design: DesignSelector { design: DesignId(id), version: None },
            }));
        }
        let rows = prodos_formats::parse_catalog_csv("suppliers.csv", SUPPLIERS).expect("catalog parses");
        world.must(Command::Supplier(SupplierCommand::ImportSuppliers {
            suppliers: prodos_formats::catalog_listings(&rows),
        }));
        let lots = prodos_formats::parse_stock_csv("stock.csv", STOCK).expect("stock parses");
        world.must(Command::Stock(StockCommand::ReceiveLots {
            lots: lots.iter().map(|row| row.to_receipt()).collect(),
        }));
        world
    }

    /// One person at level 5 per skill and one of each tool the design names.
    pub fn staff_for(&mut self, design: u32) {
        let spec = self.state.designs.get(DesignId(design)).unwrap().latest().spec.clone();
        for skill in &spec.skills {
            self.must(Command::Plan(PlanCommand::DeclareSkillHeadcount {
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
            self.must(Command::Plan(PlanCommand::DeclareToolCount { tool: tool.id.clone(), count }));
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
        self.must(Command::People(PeopleCommand::GrantCertification {
            handle: handle.into(),
            skill: skill.into(),
            level,
            expires_on,
            by: by.into(),
        }));
    }

    /// A mandate for `qty` of `design` due on `due` (decision DEC-0019, priority 0).
    pub fn mandate(&mut self, design: u32, qty: i64, due: &str) -> MandateId {
        self.mandate_with_priority(design, qty, due, 0)
    }

    pub fn mandate_with_priority(&mut self, design: u32, qty: i64, due: &str, priority: i32) -> MandateId {
        let events = self.must(Command::Plan(PlanCommand::CreateMandate {
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

    /// Records `proposal` for `mandate` and returns the new plan's id.
    pub fn record(&mut self, mandate: MandateId, proposal: PlanProposal) -> PlanId {
        let events = self.must(Command::Plan(PlanCommand::RecordPlanProposal { mandate, proposal }));
        match &events[..] {
            [Event::Plan(PlanEvent::PlanProposed { plan, .. })] => *plan,
            other => panic!("unexpected events {other:?}"),
        }
    }
}
