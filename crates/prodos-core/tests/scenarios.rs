//! Scenario tests of the pure core: each reads like the domain, runs commands through `decide`
//! and `apply`, and ends by checking the state's invariants.

use prodos_core::design::{
    DesignSpec, DesignStatus, Lifetime, ModuleSpec, OperationSpec, PartLine, QualityCheck, SkillDef, ToolDef, ToolKind,
};
use prodos_core::stock::{LotReceipt, Provenance};
use prodos_core::*;
use prodos_core::{DesignCommand, StockCommand, StockEvent, SupplierCommand};

use prodos_testkit::World;

fn stool(leg_qty: i64) -> DesignSpec {
    DesignSpec {
        quality: Default::default(),
        key: "stool".into(),
        name: "Three-legged stool".into(),
        summary: "A shop stool".into(),
        lifetime: Lifetime {
            service_life_years: Some(30),
            maintenance_interval_days: Some(365),
            repairability: "Legs are wedged tenons; knock out and replace one at a time.".into(),
        },
        skills: vec![SkillDef { id: "joinery".into(), name: "Joinery".into() }],
        tools: vec![ToolDef { id: "bench".into(), name: "Work bench".into(), kind: ToolKind::Workstation }],
        modules: vec![ModuleSpec { id: "frame".into(), name: "Frame".into(), parent: None, count: 1 }],
        parts: vec![PartLine {
            id: "legs".into(),
            name: "Legs".into(),
            module: "frame".into(),
            material: "oak-leg-blank".into(),
            qty: Milli::from_units(leg_qty),
            unit: Unit::Piece,
            scrap_bp: 0,
            supplier_hints: vec![],
            replaceable: None,
            tools: Vec::new(),
        }],
        operations: vec![OperationSpec {
            id: "assemble".into(),
            name: "Assemble".into(),
            module: Some("frame".into()),
            duration_min: 90,
            skill: Some("joinery".into()),
            min_level: 2,
            crew: 1,
            tools: vec!["bench".into()],
            after: vec![],
            consumes: vec!["legs".into()],
            checks: vec![QualityCheck::measured("wobble", 0.0, 1.0, "mm")],
            safety: None,
        }],
    }
}

fn import(spec: DesignSpec) -> Command {
    Command::Design(DesignCommand::ImportDesign { spec, declared: None })
}

fn selector(text: &str) -> DesignSelector {
    text.parse().unwrap()
}

#[test]
fn a_design_is_drafted_certified_and_versioned_on_change() {
    let mut world = World::new();
    world.run(import(stool(3))).unwrap();
    let record = world.state.designs.by_key("stool").unwrap();
    assert_eq!(record.id.to_string(), "DES-0001");
    assert_eq!(record.latest().status, DesignStatus::Draft);

    // Re-importing the same text decides nothing; changing a draft revises it in place.
    assert_eq!(world.run(import(stool(3))).unwrap(), vec![]);
    world.run(import(stool(4))).unwrap();
    assert_eq!(world.state.designs.by_key("stool").unwrap().versions().len(), 1);

    world.run(Command::Design(DesignCommand::CertifyDesign { design: selector("DES-0001") })).unwrap();
    assert_eq!(
        world.refuse(Command::Design(DesignCommand::CertifyDesign { design: selector("DES-0001") })).to_string(),
        "DES-0001@v1 is already certified"
    );

    // A change after certification makes v2, leaving v1 certified and untouched.
    world.run(import(stool(5))).unwrap();
    let record = world.state.designs.by_key("stool").unwrap();
    assert_eq!(record.versions().len(), 2);
    assert_eq!(record.version(1).unwrap().status, DesignStatus::Certified);
    assert_eq!(record.version(1).unwrap().spec.parts[0].qty, Milli::from_units(4));
    assert_eq!(record.latest().status, DesignStatus::Draft);
    world.check_invariants();
}

#[test]
fn a_certified_version_cannot_be_edited_when_named() {
    let mut world = World::new();
    world.run(import(stool(3))).unwrap();
    world.run(Command::Design(DesignCommand::CertifyDesign { design: selector("DES-0001") })).unwrap();
    let edit = Command::Design(DesignCommand::ImportDesign { spec: stool(9), declared: Some(selector("DES-0001@v1")) });
    let rejection = world.refuse(edit);
    assert_eq!(
        rejection.to_string(),
        "DES-0001@v1 is certified and cannot be edited; import without a version to draft a new one"
    );
    // Re-importing the exported, unchanged v1 is a no-op, not an edit.
    let unchanged =
        Command::Design(DesignCommand::ImportDesign { spec: stool(3), declared: Some(selector("DES-0001@v1")) });
    assert_eq!(world.run(unchanged).unwrap(), vec![]);
    world.check_invariants();
}

#[test]
fn an_invalid_design_is_refused_with_the_field_that_is_wrong() {
    let mut world = World::new();
    let mut spec = stool(3);
    spec.operations[0].duration_min = 0;
    let rejection = world.refuse(import(spec));
    let text = rejection.to_string();
    assert!(text.contains("operation `assemble`") && text.contains("duration_min"), "{text}");
}

#[test]
fn retiring_needs_a_certified_version_and_unknown_designs_are_named() {
    let mut world = World::new();
    world.run(import(stool(3))).unwrap();
    assert_eq!(
        world.refuse(Command::Design(DesignCommand::RetireDesign { design: selector("DES-0001") })).to_string(),
        "DES-0001@v1 is draft, not certified"
    );
    assert_eq!(
        world.refuse(Command::Design(DesignCommand::CertifyDesign { design: selector("DES-0007") })).to_string(),
        "unknown design DES-0007"
    );
    world.run(Command::Design(DesignCommand::CertifyDesign { design: selector("DES-0001") })).unwrap();
    world.run(Command::Design(DesignCommand::RetireDesign { design: selector("DES-0001") })).unwrap();
    assert_eq!(world.state.designs.by_key("stool").unwrap().latest().status, DesignStatus::Retired);
    world.check_invariants();
}

fn receipt(material: &str, qty: i64, unit: Unit, cost: f64) -> LotReceipt {
    LotReceipt {
        material: material.into(),
        material_name: None,
        qty: Quantity { amount: Milli::from_units(qty), unit },
        unit_cost: Millicents::from_currency(cost).unwrap(),
        location: "rack-1".into(),
        provenance: Provenance::Supplier("sawmill".into()),
    }
}

fn qty(units: i64, unit: Unit) -> Quantity {
    Quantity { amount: Milli::from_units(units), unit }
}

#[test]
fn stock_is_reserved_consumed_and_released_oldest_lot_first() {
    let mut world = World::new();
    world
        .run(Command::Stock(StockCommand::ReceiveLots { lots: vec![receipt("spruce", 4, Unit::Kilogram, 20.0)] }))
        .unwrap();
    // A second lot in grams converts into the material's unit (kg) and its price per kg.
    world
        .run(Command::Stock(StockCommand::ReceiveLots { lots: vec![receipt("spruce", 6000, Unit::Gram, 0.03)] }))
        .unwrap();
    let lot2 = world.state.stock.lot(LotId(2)).unwrap();
    assert_eq!((lot2.on_hand(), lot2.unit_cost.to_string()), (Milli::from_units(6), "30.00".to_string()));

    world
        .run(Command::Stock(StockCommand::ReserveStock {
            material: "spruce".into(),
            qty: qty(5, Unit::Kilogram),
            purpose: "PROD-0001".into(),
        }))
        .unwrap();
    assert_eq!(world.state.stock.lot(LotId(1)).unwrap().reserved_for("PROD-0001"), Milli::from_units(4));
    assert_eq!(world.state.stock.available("spruce"), Milli::from_units(5));

    // Consumption for the plan draws from its reservation and names the lot.
    let events = world
        .run(Command::Stock(StockCommand::ConsumeStock {
            material: "spruce".into(),
            qty: qty(2, Unit::Kilogram),
            purpose: Some("PROD-0001".into()),
        }))
        .unwrap();
    assert!(matches!(&events[0], Event::Stock(StockEvent::StockConsumed { lot: LotId(1), reserved_for: Some(_), .. })));
    assert_eq!(world.state.stock.reserved_for("spruce", "PROD-0001"), Milli::from_units(3));

    world.run(Command::Stock(StockCommand::ReleaseStock { purpose: "PROD-0001".into(), material: None })).unwrap();
    assert_eq!(world.state.stock.available("spruce"), Milli::from_units(8));
    assert_eq!(
        world
            .refuse(Command::Stock(StockCommand::ReleaseStock { purpose: "PROD-0001".into(), material: None }))
            .to_string(),
        "nothing is reserved for `PROD-0001`"
    );
    world.check_invariants();
}

#[test]
fn stock_never_goes_negative() {
    let mut world = World::new();
    world
        .run(Command::Stock(StockCommand::ReceiveLots { lots: vec![receipt("maple", 3, Unit::Kilogram, 10.0)] }))
        .unwrap();
    world
        .run(Command::Stock(StockCommand::ReserveStock {
            material: "maple".into(),
            qty: qty(2, Unit::Kilogram),
            purpose: "PROD-0002".into(),
        }))
        .unwrap();
    let over = world.refuse(Command::Stock(StockCommand::ConsumeStock {
        material: "maple".into(),
        qty: qty(2, Unit::Kilogram),
        purpose: None,
    }));
    assert_eq!(over.to_string(), "not enough `maple`: 1 available, 2 wanted");
    let below_reserved = world.refuse(Command::Stock(StockCommand::AdjustLot {
        lot: LotId(1),
        delta: Milli::from_units(-2),
        reason: "water damage".into(),
    }));
    assert_eq!(below_reserved.to_string(), "LOT-0001 cannot change by -2: 3 on hand, 2 of it reserved");
    let wrong_unit = world.refuse(Command::Stock(StockCommand::ReserveStock {
        material: "maple".into(),
        qty: qty(1, Unit::Metre),
        purpose: "X".into(),
    }));
    assert_eq!(wrong_unit.to_string(), "field `qty`: maple is counted in kg, which m cannot be converted to");
    let no_reason = world.refuse(Command::Stock(StockCommand::AdjustLot {
        lot: LotId(1),
        delta: Milli::from_units(-1),
        reason: " ".into(),
    }));
    assert_eq!(no_reason.to_string(), "field `reason` is required");
    world
        .run(Command::Stock(StockCommand::AdjustLot {
            lot: LotId(1),
            delta: Milli::from_units(-1),
            reason: "offcut split".into(),
        }))
        .unwrap();
    assert_eq!(world.state.stock.on_hand("maple"), Milli::from_units(2));
    world.check_invariants();
}

#[test]
fn a_batch_of_receipts_is_all_or_nothing() {
    let mut world = World::new();
    let mut bad = receipt("walnut", 1, Unit::Kilogram, 5.0);
    bad.qty.amount = Milli::ZERO;
    let rejection = world.refuse(Command::Stock(StockCommand::ReceiveLots {
        lots: vec![receipt("walnut", 2, Unit::Kilogram, 5.0), bad],
    }));
    assert_eq!(rejection.to_string(), "field `lots[1].qty`: quantity must be positive, got 0");
    assert!(world.state.stock.material("walnut").is_none());
}

#[test]
fn supplier_imports_register_once_and_skip_unchanged_lines() {
    use prodos_core::supplier::{CatalogItem, SupplierListing};
    let listing = SupplierListing {
        key: "tonewood".into(),
        name: "Tonewood Co".into(),
        items: vec![CatalogItem {
            material: "spruce".into(),
            price: Millicents::from_currency(25.0).unwrap(),
            unit: Unit::Kilogram,
            lead_time_days: 10,
            min_order_qty: Milli::from_units(5),
            available: true,
        }],
    };
    let mut world = World::new();
    assert_eq!(
        world
            .run(Command::Supplier(SupplierCommand::ImportSuppliers { suppliers: vec![listing.clone()] }))
            .unwrap()
            .len(),
        2
    );
    assert_eq!(
        world.run(Command::Supplier(SupplierCommand::ImportSuppliers { suppliers: vec![listing.clone()] })).unwrap(),
        vec![]
    );
    let mut cheaper = listing;
    cheaper.items[0].price = Millicents::from_currency(22.0).unwrap();
    assert_eq!(
        world.run(Command::Supplier(SupplierCommand::ImportSuppliers { suppliers: vec![cheaper] })).unwrap().len(),
        1
    );
    let offers: Vec<_> = world.state.suppliers.offers("spruce").collect();
    assert_eq!(offers[0].1.price.to_string(), "22.00");
}
