//! Incoming inspection of received lots: a sampled material's lot from a supplier is held until
//! its ISO 2859-1 sampling inspection; the plan's sample size and acceptance number decide; a
//! rejected lot stays quarantined (not reservable) with a nonconformance a coordinator disposes
//! of. Bad readings are refused naming the field, and nothing is written.

use prodos_core::quality::{Disposition, DispositionChoice, IncomingPlan, NcrSubject, QualityCommand};
use prodos_core::stock::{Hold, LotReceipt, Provenance};
use prodos_core::units::{Millicents, Quantity, Unit};
use prodos_core::*;
use prodos_spc::sampling::InspectionLevel;
use prodos_testkit::*;

const BLANKS: &str = "oak-leg-blank";

fn sample_blanks(world: &mut World, aql: f64) {
    let plan = Some(IncomingPlan { aql, level: InspectionLevel::II });
    world.must(Command::Quality(QualityCommand::SetIncomingInspection {
        material: BLANKS.into(),
        plan,
        by: "carol".into(),
    }));
}

fn receive(world: &mut World, qty: i64, unit: Unit, provenance: Provenance) -> LotId {
    let receipt = LotReceipt {
        material: BLANKS.into(),
        material_name: None,
        qty: Quantity { amount: Milli::from_units(qty), unit },
        unit_cost: Millicents::from_currency(4.0).unwrap(),
        location: "dock".into(),
        provenance,
    };
    let lot = world.state.stock.next_lot_id();
    world.must(Command::Stock(StockCommand::ReceiveLots { lots: vec![receipt] }));
    lot
}

fn inspect_lot(lot: LotId, inspected: u32, defective: u32, by: &str) -> Command {
    Command::Quality(QualityCommand::InspectLot {
        lot,
        lot_size: None,
        inspected,
        defective,
        by: by.into(),
        note: String::new(),
    })
}

fn reserve(qty: i64) -> Command {
    Command::Stock(StockCommand::ReserveStock {
        material: BLANKS.into(),
        qty: Quantity { amount: Milli::from_units(qty), unit: Unit::Piece },
        purpose: "PROD-0009".into(),
    })
}

fn dispose(ncr: u32, disposition: DispositionChoice, by: &str) -> Command {
    Command::Quality(QualityCommand::Dispose { ncr: NonconformanceId(ncr), disposition, by: by.into() })
}

#[test]
fn a_supplier_lot_waits_for_its_sampling_inspection_and_the_plan_decides() {
    let mut world = shop_with_plan();
    sample_blanks(&mut world, 2.5);
    let lot = receive(&mut world, 500, Unit::Piece, Provenance::Supplier("sawmill".into()));
    assert_eq!(world.state.stock.lot(lot).unwrap().hold().map(|(hold, _)| hold), Some(Hold::AwaitingInspection));
    let free_before = world.state.stock.available(BLANKS);
    assert!(
        world.refuse(reserve(free_before.0 / 1000 + 1)).to_string().contains("not enough"),
        "held lots are not reservable"
    );

    // A lot of 500 at AQL 2.5, level II, is letter H: draw 50, accept on 3.
    let short = world.refuse(inspect_lot(lot, 40, 0, "dana"));
    assert_eq!(
        short.to_string(),
        "field `inspected`: the plan for a lot of 500 at AQL 2.5, level II (letter H) draws 50 items; 40 were inspected"
    );
    assert!(world.refuse(inspect_lot(lot, 50, 51, "dana")).to_string().starts_with("field `defective`:"));
    assert!(world.refuse(inspect_lot(lot, 50, 0, "zed")).to_string().contains("zed"));

    world.must(inspect_lot(lot, 50, 3, "dana"));
    let record = &world.state.quality.lot_inspections()[0];
    assert!(record.accepted);
    assert_eq!((record.plan.sample, record.plan.accept, record.plan.reject), (50, 3, 4));
    assert_eq!(world.state.stock.lot(lot).unwrap().hold(), None);
    assert_eq!(world.state.stock.available(BLANKS), free_before + Milli::from_units(500));
    assert!(world.state.quality.nonconformances().is_empty());
    assert!(world.refuse(inspect_lot(lot, 50, 0, "dana")).to_string().contains("not awaiting"));
    world.check_invariants();
}

#[test]
fn a_rejected_lot_is_quarantined_with_a_nonconformance_a_coordinator_disposes_of() {
    let mut world = shop_with_plan();
    sample_blanks(&mut world, 2.5);
    let lot = receive(&mut world, 500, Unit::Piece, Provenance::Node("valley-coop".into()));
    world.must(inspect_lot(lot, 50, 4, "dana"));
    let held = world.state.stock.lot(lot).unwrap().hold().unwrap();
    assert_eq!(held.0, Hold::Quarantined);
    assert!(held.1.contains("NCR-0001"), "{}", held.1);
    let ncr = &world.state.quality.nonconformances()[0];
    assert!(matches!(ncr.subject, NcrSubject::Lot { lot: flagged, .. } if flagged == lot));
    assert!(ncr.summary.contains("4 of 50 defective"), "{}", ncr.summary);
    assert!(world.refuse(inspect_lot(lot, 50, 0, "dana")).to_string().contains("quarantined"));

    let rework = DispositionChoice::Rework { duration_min: None, note: String::new() };
    assert!(world.refuse(dispose(1, rework, "carol")).to_string().contains("not reworked"));
    let scrap = || DispositionChoice::Scrap { reason: "split blanks; returned to the node".into() };
    assert!(world.refuse(dispose(1, scrap(), "dana")).to_string().contains("coordinator"));
    world.must(dispose(1, scrap(), "carol"));
    assert_eq!(world.state.stock.lot(lot).unwrap().on_hand(), Milli::ZERO);
    let disposed = world.state.quality.nonconformances()[0].disposed.as_ref().unwrap();
    let Disposition::Scrap { written_off, cost, .. } = &disposed.disposition else { panic!("scrapped") };
    assert_eq!(written_off[0].provenance, Provenance::Node("valley-coop".into()));
    assert_eq!(*cost, Millicents::from_currency(2000.0).unwrap());
    world.check_invariants();
}

#[test]
fn use_as_is_releases_the_lot_with_its_reason() {
    let mut world = shop_with_plan();
    sample_blanks(&mut world, 1.0);
    let lot = receive(&mut world, 120, Unit::Piece, Provenance::Supplier("sawmill".into()));
    // 120 at AQL 1.0 is letter F, whose arrow points to E: 13 items, accept on 0.
    world.must(inspect_lot(lot, 13, 1, "dana"));
    let use_as_is = DispositionChoice::UseAsIs { reason: "knots are cosmetic on the hidden face".into() };
    world.must(dispose(1, use_as_is, "carol"));
    assert_eq!(world.state.stock.lot(lot).unwrap().hold(), None);
    assert_eq!(world.state.stock.lot(lot).unwrap().available(), Milli::from_units(120));
}

#[test]
fn own_lots_and_unsampled_materials_are_never_held_and_bad_plans_are_refused() {
    let mut world = shop_with_plan();
    let before = receive(&mut world, 10, Unit::Piece, Provenance::Supplier("sawmill".into()));
    assert_eq!(world.state.stock.lot(before).unwrap().hold(), None, "no plan yet");
    let wrong_aql = Some(IncomingPlan { aql: 3.0, level: InspectionLevel::II });
    let refused = world.refuse(Command::Quality(QualityCommand::SetIncomingInspection {
        material: BLANKS.into(),
        plan: wrong_aql,
        by: "carol".into(),
    }));
    assert!(refused.to_string().starts_with("field `aql`: 3 is not an AQL"), "{refused}");
    let unknown = world.refuse(Command::Quality(QualityCommand::SetIncomingInspection {
        material: "unobtainium".into(),
        plan: Some(IncomingPlan { aql: 1.0, level: InspectionLevel::II }),
        by: "carol".into(),
    }));
    assert!(unknown.to_string().contains("unobtainium"), "{unknown}");
    sample_blanks(&mut world, 1.0);
    let own = receive(&mut world, 10, Unit::Piece, Provenance::Own);
    assert_eq!(world.state.stock.lot(own).unwrap().hold(), None, "the node's own lots are not sampled");
    assert!(world.refuse(inspect_lot(own, 10, 0, "dana")).to_string().contains("not awaiting"));
}
