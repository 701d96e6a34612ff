//! The shipped examples parse, validate, are certifiable, and survive export → import unchanged.

use crate::example;
use prodos_core::design::{DesignSpec, certification_gaps, validate};
use prodos_core::stock::Provenance;
use prodos_core::{DesignId, DesignRef, DesignSelector};
use prodos_formats::{export_design, parse_bom_csv, parse_catalog_csv, parse_design, parse_stock_csv};
use std::collections::BTreeSet;

fn check_example(name: &str) {
    let text = example(name);
    let parsed = parse_design(name, &text).unwrap_or_else(|errors| panic!("{errors}"));
    assert_eq!(validate(&parsed.spec), vec![]);
    assert_eq!(certification_gaps(&parsed.spec), vec![]);
    assert_eq!(parsed.declared, None);

    let exported = export_design(&parsed.spec, None);
    let again = parse_design("exported.toml", &exported).unwrap_or_else(|errors| panic!("{errors}\n{exported}"));
    assert_eq!(again.spec, parsed.spec);

    let design = DesignRef { design: DesignId(7), version: 3 };
    let with_id = parse_design("exported.toml", &export_design(&parsed.spec, Some(design))).unwrap();
    assert_eq!(with_id.spec, parsed.spec);
    assert_eq!(with_id.declared, Some(DesignSelector { design: DesignId(7), version: Some(3) }));
}

#[test]
fn the_guitar_example_is_certifiable_and_round_trips() {
    check_example("acoustic-guitar.toml");
}

#[test]
fn the_house_example_is_certifiable_and_round_trips() {
    check_example("modular-house.toml");
}

#[test]
fn the_example_csvs_parse_and_cover_the_designs_partly() {
    let stock = parse_stock_csv("stock.csv", &example("stock.csv")).unwrap_or_else(|errors| panic!("{errors}"));
    let catalog =
        parse_catalog_csv("suppliers.csv", &example("suppliers.csv")).unwrap_or_else(|errors| panic!("{errors}"));
    let designs: Vec<DesignSpec> = ["acoustic-guitar.toml", "modular-house.toml"]
        .iter()
        .map(|name| parse_design(name, &example(name)).unwrap().spec)
        .collect();

    let design_materials: BTreeSet<&str> =
        designs.iter().flat_map(|spec| spec.parts.iter().map(|part| part.material.as_str())).collect();
    let stocked: BTreeSet<&str> = stock.iter().map(|row| row.material.as_str()).collect();
    let listed: BTreeSet<&str> = catalog.iter().map(|row| row.material.as_str()).collect();
    let suppliers: BTreeSet<&str> = catalog.iter().map(|row| row.supplier.as_str()).collect();

    assert_eq!(
        stocked.difference(&design_materials).collect::<Vec<_>>(),
        Vec::<&&str>::new(),
        "stock of unused materials"
    );
    assert_eq!(
        listed.difference(&design_materials).collect::<Vec<_>>(),
        Vec::<&&str>::new(),
        "offers of unused materials"
    );
    for spec in &designs {
        let missing = spec.parts.iter().filter(|part| !stocked.contains(part.material.as_str())).count();
        assert!(missing > 0, "{} should have shortages for planning to show", spec.key);
        for hint in spec.parts.iter().flat_map(|part| &part.supplier_hints) {
            assert!(suppliers.contains(hint.as_str()), "{}: supplier hint `{hint}` is not in suppliers.csv", spec.key);
        }
    }
    let unavailable_anywhere: Vec<&str> = design_materials
        .iter()
        .copied()
        .filter(|material| !stocked.contains(material))
        .filter(|material| !catalog.iter().any(|row| row.material == *material && row.available))
        .collect();
    assert_eq!(unavailable_anywhere, ["fibre-cement-siding"], "exactly one material has no source at all");
    for row in &stock {
        if let Provenance::Supplier(supplier) = &row.provenance {
            assert!(suppliers.contains(supplier.as_str()), "stock line {}: unknown supplier `{supplier}`", row.line);
        }
    }
}

#[test]
fn the_example_bom_imports_as_a_draft() {
    let parsed = parse_bom_csv("bom.csv", &example("bom.csv"), "workbench", "Joiner's workbench")
        .unwrap_or_else(|errors| panic!("{errors}"));
    assert_eq!(parsed.spec.modules.len(), 4);
    assert_eq!(parsed.spec.parts.len(), 7);
    assert!(parsed.spec.operations.is_empty());
    let gaps = certification_gaps(&parsed.spec);
    assert!(gaps.iter().any(|gap| gap.field == "operations"), "a CSV BOM is a draft: {gaps:#?}");
    let exported = export_design(&parsed.spec, None);
    assert_eq!(parse_design("workbench.toml", &exported).unwrap().spec, parsed.spec);
}
