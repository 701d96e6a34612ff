//! CSV imports: flat BOM, stock and supplier catalog; every malformed row named by line.

use crate::rendered;
use prodos_core::design::SpecPath;
use prodos_core::stock::Provenance;
use prodos_core::{Milli, Millicents, Unit};
use prodos_formats::{
    FormatError, catalog_listings, parse_bom_csv, parse_catalog_csv, parse_participants_csv, parse_stock_csv,
};

fn bom_rejects(text: &str, expected: &[&str]) {
    match parse_bom_csv("bom.csv", text, "bench", "Bench") {
        Ok(parsed) => panic!("accepted: {:#?}", parsed.spec),
        Err(errors) => assert_eq!(rendered(&errors), expected),
    }
}

#[test]
fn a_flat_bom_becomes_modules_and_parts() {
    let text = "parent,component,qty,unit,scrap_pct\n\
                bench,top,1,pc,\n\
                bench,leg,4,pc,\n\
                top,beech-panel,1,pc,5\n\
                leg,beech-square,0.9,m,10\n\
                top,screw,8,pc,\n\
                leg,screw,2,pc,\n";
    let parsed = parse_bom_csv("bom.csv", text, "bench", "Bench").unwrap();
    let spec = &parsed.spec;
    assert_eq!((spec.key.as_str(), spec.name.as_str()), ("bench", "Bench"));
    let modules: Vec<(&str, Option<&str>, i64)> =
        spec.modules.iter().map(|module| (module.id.as_str(), module.parent.as_deref(), module.count)).collect();
    assert_eq!(modules, [("bench", None, 1), ("top", Some("bench"), 1), ("leg", Some("bench"), 4)]);
    let parts: Vec<(&str, &str, &str)> =
        spec.parts.iter().map(|part| (part.id.as_str(), part.module.as_str(), part.material.as_str())).collect();
    assert_eq!(
        parts,
        [
            ("beech-panel", "top", "beech-panel"),
            ("beech-square", "leg", "beech-square"),
            ("top/screw", "top", "screw"),
            ("leg/screw", "leg", "screw")
        ]
    );
    assert_eq!(spec.parts[1].qty, Milli(900));
    assert_eq!(spec.parts[1].unit, Unit::Metre);
    assert_eq!(spec.parts[1].scrap_bp, 1000);
    assert!(spec.operations.is_empty(), "a CSV BOM is a draft without a build sequence");
    assert_eq!(parsed.source.locate(&SpecPath::Part("leg/screw".into()), "qty"), Some(7));
    assert_eq!(parsed.source.locate(&SpecPath::Module("leg".into()), "count"), Some(3));
}

#[test]
fn malformed_bom_rows_are_all_named() {
    bom_rejects(
        "parent,component,qty,unit\nbench,top,1,pc\nbench,leg,four,pc\ntop,panel,1,furlong\ntop,screw,8\n",
        &[
            "bom.csv:3: column 3 `qty`: `four` is not a number",
            "bom.csv:4: column 4 `unit`: unknown unit `furlong` (known: pc, set, g, kg, t, mm, cm, m, cm2, m2, ml, l, m3, min, h)",
            "bom.csv:5: expected 4 columns as in the header, found 3",
        ],
    );
    bom_rejects(
        "parent,component,qty,unit\nbench,top,0,pc\nbench,leg,-1,pc\n",
        &[
            "bom.csv:2: column 3 `qty`: quantity must be positive, got 0",
            "bom.csv:3: column 3 `qty`: quantity must not be negative, got -1",
        ],
    );
}

#[test]
fn a_bom_cycle_is_named_at_its_row() {
    bom_rejects(
        "parent,component,qty,unit\nbench,top,1,pc\ntop,frame,1,pc\nframe,top,1,pc\nframe,screw,4,pc\n",
        &["bom.csv:4: sub-assembly `top` already has a parent on line 2; a module has one parent"],
    );
    bom_rejects(
        "parent,component,qty,unit\ntop,frame,1,pc\nframe,top,1,pc\nframe,screw,4,pc\n",
        &["bom.csv:2: module `frame` field `parent`: cycle in BOM parent chain: frame → top → frame"],
    );
}

#[test]
fn a_sub_assembly_with_two_parents_or_a_fractional_count_is_refused() {
    bom_rejects(
        "parent,component,qty,unit\nbench,top,1,pc\nbench,leg,4,pc\nleg,foot,1,pc\ntop,foot,1,pc\nfoot,pad,1,pc\n",
        &["bom.csv:5: sub-assembly `foot` already has a parent on line 4; a module has one parent"],
    );
    bom_rejects(
        "parent,component,qty,unit\nbench,leg,2.5,pc\nleg,pad,1,pc\n",
        &["bom.csv:2: `leg` is a sub-assembly, so its qty is a whole count in pc or set, got 2.5 pc"],
    );
    bom_rejects(
        "parent,component,qty,unit\nbench,leg,1,pc\nbench,leg,2,pc\nleg,pad,1,pc\n",
        &["bom.csv:3: `leg` is already listed under `bench` on line 2"],
    );
}

#[test]
fn bom_headers_are_checked() {
    bom_rejects("", &["bom.csv:1: empty file: expected a header `parent,component,qty,unit[,scrap_pct]`"]);
    bom_rejects(
        "parent,part,qty,unit\n",
        &[
            "bom.csv:1: unknown column `part` in the header (expected `parent,component,qty,unit[,scrap_pct]`)",
            "bom.csv:1: the header lacks column `component` (expected `parent,component,qty,unit[,scrap_pct]`)",
        ],
    );
    let reordered =
        parse_bom_csv("bom.csv", "\u{feff}Unit,QTY,component,parent\npc,2,leg,bench\n", "bench", "Bench").unwrap();
    assert_eq!(reordered.spec.parts[0].qty, Milli::from_units(2));
}

#[test]
fn stock_rows_are_read_with_provenance() {
    let text = "material,qty,unit,unit_cost,location,provenance,source\n\
                # a comment line keeps line numbers honest\n\
                oak-board,12,pc,18.50,rack-1,own,\n\
                ash-dowel,4.5,m,3.20,rack-2,node,ose-missouri\n\
                glue,1,l,12,shelf,supplier,luthier-supply\n";
    let rows = parse_stock_csv("stock.csv", text).unwrap();
    assert_eq!(rows.len(), 3);
    assert_eq!(rows[0].line, 3);
    assert_eq!(rows[0].unit_cost, Millicents::from_currency(18.5).unwrap());
    assert_eq!(rows[1].qty, Milli(4500));
    assert_eq!(rows[1].provenance, Provenance::Node("ose-missouri".into()));
    assert_eq!(rows[2].provenance, Provenance::Supplier("luthier-supply".into()));
    assert_eq!(rows[2].to_receipt().qty.unit, Unit::Litre);
}

#[test]
fn malformed_stock_rows_are_named_by_line_and_column() {
    let text = "material,qty,unit,unit_cost,location,provenance,source\n\
                oak-board,12,pc,-1,rack-1,own,\n\
                ,1,pc,2,rack-1,borrowed,\n\
                glue,1,l,12,shelf,supplier,\n\
                glue,1,l,12,shelf,own,somewhere\n\
                glue,1.2345,l,12,shelf,own,\n";
    let errors = parse_stock_csv("stock.csv", text).unwrap_err();
    assert_eq!(
        rendered(&errors),
        [
            "stock.csv:2: column 4 `unit_cost`: must not be negative, got -1",
            "stock.csv:3: column 1 `material`: must not be empty",
            "stock.csv:3: column 6 `provenance`: `borrowed` is not one of own, node, supplier",
            "stock.csv:4: column 7 `source`: a `supplier` lot must name its supplier here",
            "stock.csv:5: column 7 `source`: an own lot has no source, got `somewhere`",
            "stock.csv:6: column 2 `qty`: 1.2345 has more than three decimals",
        ]
    );
    assert!(errors.errors().iter().all(|error| matches!(error, FormatError::Cell { .. })));
}

#[test]
fn participant_rows_read_quoted_names_and_the_coordinator_flag() {
    let text = "handle,real_name,coordinator\n\
                mara,\"Okafor, Mara\",yes\n\
                \n\
                ben,,\n\
                ana,Ana Lindqvist,no\n";
    let rows = parse_participants_csv("people.csv", text).unwrap();
    let read: Vec<_> = rows
        .iter()
        .map(|row| {
            (
                row.line,
                row.participant.handle.as_str(),
                row.participant.real_name.as_deref(),
                row.participant.coordinator,
            )
        })
        .collect();
    assert_eq!(
        read,
        [(2, "mara", Some("Okafor, Mara"), true), (4, "ben", None, false), (5, "ana", Some("Ana Lindqvist"), false)]
    );
}

#[test]
fn malformed_participant_rows_are_named_by_line_and_column() {
    let errors = parse_participants_csv("people.csv", "handle,coordinator\nmara,perhaps\n,no\n").unwrap_err();
    assert_eq!(
        rendered(&errors),
        [
            "people.csv:2: column 2 `coordinator`: `perhaps` is not yes or no",
            "people.csv:3: column 1 `handle`: must not be empty"
        ]
    );
    let errors = parse_participants_csv("people.csv", "handle,nickname\nmara,m\n").unwrap_err();
    assert!(rendered(&errors)[0].starts_with("people.csv:1: "), "{:?}", rendered(&errors));
    let errors = parse_participants_csv("people.csv", "handle\nmara\nzoe\nmara\n").unwrap_err();
    assert_eq!(rendered(&errors), ["people.csv:4: column 1 `handle`: `mara` is already on line 2"]);
}

#[test]
fn catalog_rows_group_into_listings() {
    let text = "supplier,supplier_name,material,price,unit,lead_time_days,min_order_qty,available\n\
                acme,Acme,oak-board,19.90,pc,7,10,yes\n\
                bolt,Bolt & Co,glue,11.00,l,3,1,no\n\
                acme,Acme,ash-dowel,2.80,m,7,0,yes\n";
    let rows = parse_catalog_csv("suppliers.csv", text).unwrap();
    assert!(!rows[1].available);
    assert_eq!(rows[0].min_order_qty, Milli::from_units(10));
    let listings = catalog_listings(&rows);
    assert_eq!(
        listings.iter().map(|listing| (listing.key.as_str(), listing.items.len())).collect::<Vec<_>>(),
        [("acme", 2), ("bolt", 1)]
    );
    assert_eq!(listings[1].name, "Bolt & Co");
}

#[test]
fn malformed_catalog_rows_are_named_by_line_and_column() {
    let text = "supplier,supplier_name,material,price,unit,lead_time_days,min_order_qty,available\n\
                acme,Acme,oak-board,abc,pc,7,10,yes\n\
                acme,ACME Inc,glue,1,l,7,1,yes\n\
                acme,Acme,oak-board,2,pc,-3,1,maybe\n\
                acme,Acme,oak-board,2,pc,3,1,yes\n\
                acme,Acme,ash-dowel,2,pc,3,1,yes\n\
                acme,Acme,ash-dowel,2,pc,3,1,yes\n\
                \"acme,Acme,broken\n";
    let errors = parse_catalog_csv("suppliers.csv", text).unwrap_err();
    assert_eq!(
        rendered(&errors),
        [
            "suppliers.csv:2: column 4 `price`: `abc` is not a number",
            "suppliers.csv:3: column 2 `supplier_name`: supplier `acme` is called `Acme` on line 2, here `ACME Inc`",
            "suppliers.csv:4: column 6 `lead_time_days`: `-3` is not a whole number of 0 or more",
            "suppliers.csv:4: column 8 `available`: `maybe` is not yes or no",
            "suppliers.csv:7: supplier `acme` already lists `ash-dowel` on line 6",
            "suppliers.csv:8: expected 8 columns as in the header, found 1",
        ]
    );
}
