//! The shipped examples parse, validate, are certifiable, and survive export → import unchanged.

use crate::example;
use prodos_core::design::{certification_gaps, validate};
use prodos_core::{DesignId, DesignRef, DesignSelector};
use prodos_formats::{export_design, parse_design};

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
