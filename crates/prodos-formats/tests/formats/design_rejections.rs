//! Every kind of rejection of a design file: a clear `FILE:LINE: …` and no spec.

use crate::rendered;
use prodos_formats::{FormatError, decode_text, parse_design};

/// A tiny valid design; tests replace one line to break it and expect errors at fixed lines.
const STOOL: &str = r#"[design]
key = "stool"
name = "Stool"

[[skill]]
id = "joinery"
name = "Joinery"

[[tool]]
id = "bench"
name = "Bench"
kind = "workstation"

[[module]]
id = "seat"
name = "Seat"

[[part]]
id = "blank"
name = "Seat blank"
module = "seat"
material = "oak-board"
qty = 1
unit = "pc"

[[operation]]
id = "cut"
name = "Cut"
duration_min = 30
skill = "joinery"
tools = ["bench"]
consumes = ["blank"]

[[operation]]
id = "oil"
name = "Oil"
duration_min = 20
skill = "joinery"
after = ["cut"]
"#;

/// `STOOL` with `from` replaced by `to` (which must occur exactly once).
fn stool_with(from: &str, to: &str) -> String {
    assert_eq!(STOOL.matches(from).count(), 1, "`{from}` must occur once");
    STOOL.replace(from, to)
}

/// Parses and expects a failure whose rendered errors are exactly `expected`.
fn rejects(text: &str, expected: &[&str]) {
    match parse_design("stool.toml", text) {
        Ok(parsed) => panic!("accepted: {:#?}", parsed.spec),
        Err(errors) => assert_eq!(rendered(&errors), expected),
    }
}

#[test]
fn the_fixture_itself_is_accepted() {
    let parsed = parse_design("stool.toml", STOOL).unwrap();
    assert_eq!(parsed.spec.operations.len(), 2);
    assert_eq!(parsed.spec.operations[1].crew, 1, "crew defaults to 1");
}

#[test]
fn a_build_sequence_cycle_is_named_at_its_line() {
    rejects(
        &stool_with(r#"consumes = ["blank"]"#, "consumes = [\"blank\"]\nafter = [{ op = \"oil\", lag_min = 5 }]"),
        &["stool.toml:33: operation `cut` field `after`: cycle in build sequence: cut → oil → cut"],
    );
}

#[test]
fn a_bom_cycle_is_named_at_its_line() {
    let text = stool_with(
        "name = \"Seat\"\n",
        "name = \"Seat\"\nparent = \"leg\"\n\n[[module]]\nid = \"leg\"\nname = \"Leg\"\nparent = \"seat\"\n",
    );
    rejects(&text, &["stool.toml:17: module `seat` field `parent`: cycle in BOM parent chain: seat → leg → seat"]);
}

#[test]
fn unknown_references_are_named() {
    rejects(
        &stool_with(r#"consumes = ["blank"]"#, r#"consumes = ["blank", "leg"]"#),
        &["stool.toml:32: operation `cut` field `consumes`: unknown part `leg`"],
    );
    rejects(
        &stool_with(r#"after = ["cut"]"#, r#"after = ["sand"]"#),
        &["stool.toml:39: operation `oil` field `after`: unknown operation `sand`"],
    );
    rejects(
        &stool_with("skill = \"joinery\"\nafter", "skill = \"turning\"\nafter"),
        &["stool.toml:38: operation `oil` field `skill`: unknown skill `turning`"],
    );
    rejects(
        &stool_with(r#"tools = ["bench"]"#, r#"tools = ["lathe"]"#),
        &["stool.toml:31: operation `cut` field `tools`: unknown tool `lathe`"],
    );
    rejects(
        &stool_with(r#"module = "seat""#, r#"module = "leg""#),
        &["stool.toml:21: part `blank` field `module`: unknown module `leg`"],
    );
}

#[test]
fn zero_or_negative_quantities_and_durations_are_refused() {
    rejects(
        &stool_with("qty = 1", "qty = 0"),
        &["stool.toml:23: part `blank` field `qty`: quantity must be positive, got 0 pc"],
    );
    rejects(
        &stool_with("qty = 1", "qty = -2.5"),
        &["stool.toml:23: part `blank` field `qty`: quantity must be positive, got -2.5 pc"],
    );
    rejects(
        &stool_with("duration_min = 30", "duration_min = 0"),
        &["stool.toml:29: operation `cut` field `duration_min`: duration must be positive, got 0 min"],
    );
    rejects(
        &stool_with("qty = 1", "qty = 1.0005"),
        &["stool.toml:23: part `blank` field `qty`: 1.0005 has more than three decimals"],
    );
}

#[test]
fn an_unknown_unit_is_refused_with_the_known_ones() {
    match parse_design("stool.toml", &stool_with(r#"unit = "pc""#, r#"unit = "furlong""#)) {
        Ok(_) => panic!("accepted"),
        Err(errors) => {
            let lines = rendered(&errors);
            assert_eq!(lines.len(), 1);
            assert!(
                lines[0]
                    .starts_with("stool.toml:24: part `blank` field `unit`: unknown unit `furlong` (known: pc, set,"),
                "{}",
                lines[0]
            );
        }
    }
}

#[test]
fn duplicate_ids_point_at_the_second_declaration() {
    let text = format!("{STOOL}\n[[skill]]\nid = \"joinery\"\nname = \"Joinery again\"\n");
    rejects(&text, &["stool.toml:42: skill `joinery` field `id`: duplicate skill id `joinery`"]);
}

#[test]
fn unknown_keys_and_wrong_types_are_refused_all_at_once() {
    let text = stool_with("qty = 1", "qyt = 1").replace("duration_min = 20", "duration_min = \"twenty\"");
    let errors = parse_design("stool.toml", &text).unwrap_err();
    let lines = rendered(&errors);
    assert_eq!(lines.len(), 2, "{lines:#?}");
    assert!(
        lines[0].starts_with("stool.toml:23: [[part]] #1: unknown field `qyt`, expected one of `id`"),
        "{}",
        lines[0]
    );
    assert_eq!(lines[1], "stool.toml:37: [[operation]] #2: invalid type: string \"twenty\", expected i64");
}

#[test]
fn unknown_sections_and_a_missing_design_table_are_refused() {
    rejects(
        &format!("{STOOL}\n[[machine]]\nid = \"x\"\n"),
        &[
            "stool.toml:41: unknown section `machine` (expected [design], [lifetime], [quality], [[skill]], [[tool]], [[module]], [[part]], [[operation]])",
        ],
    );
    let headless = STOOL.replacen("[design]\nkey = \"stool\"\nname = \"Stool\"\n", "", 1);
    let errors = parse_design("stool.toml", &headless).unwrap_err();
    assert_eq!(rendered(&errors)[0], "stool.toml:1: missing [design] table (with `key` and `name`)");
    rejects(&stool_with("[[tool]]", "[tool]"), &["stool.toml:9: `tool` must be an array of tables: write [[tool]]"]);
}

#[test]
fn syntax_errors_are_all_reported_with_lines() {
    let text = stool_with("name = \"Seat\"", "name = \"Seat").replace("duration_min = 20", "duration_min = = 20");
    let errors = parse_design("stool.toml", &text).unwrap_err();
    assert!(errors.errors().iter().all(|error| matches!(error, FormatError::Syntax { .. })), "{errors}");
    let lines: Vec<usize> = errors.errors().iter().filter_map(FormatError::line).collect();
    assert!(lines.contains(&16) && lines.contains(&37), "{errors}");
}

#[test]
fn bad_ids_and_versions_in_the_header_are_refused() {
    rejects(
        &stool_with("key = \"stool\"", "key = \"stool\"\nid = \"DESIGN-1\""),
        &["stool.toml:3: [design] id: `DESIGN-1` is not a design id (expected DES-NNNN)"],
    );
    rejects(
        &stool_with("key = \"stool\"", "key = \"stool\"\nversion = 2"),
        &["stool.toml:3: [design] version needs an `id` too"],
    );
    rejects(
        &stool_with("key = \"stool\"", "key = \"stool\"\nid = \"DES-0001\"\nversion = 0"),
        &["stool.toml:4: [design] version must be 1 or more, got 0"],
    );
}

#[test]
fn non_utf8_and_oversized_files_never_reach_the_parser() {
    let mut bytes = STOOL.as_bytes().to_vec();
    bytes.splice(30..30, [0xC3, 0x28]);
    let error = decode_text("stool.toml", &bytes).unwrap_err();
    assert_eq!(error.to_string(), "stool.toml:3: not valid UTF-8 text (first bad byte in column 8)");
    let large = format!("{STOOL}#{}\n", "x".repeat(prodos_formats::MAX_INPUT_BYTES));
    assert!(matches!(decode_text("stool.toml", large.as_bytes()), Err(FormatError::TooLarge { .. })));
}

#[test]
fn crew_and_skill_mistakes_point_at_the_field() {
    rejects(
        &stool_with("skill = \"joinery\"\nafter", "crew = 0\nskill = \"joinery\"\nafter"),
        &[
            "stool.toml:38: operation `oil` field `crew`: skill `joinery` is required but crew is 0; an unattended step names no skill",
        ],
    );
    rejects(
        &stool_with("qty = 1", "qty = 1\nscrap_pct = 100"),
        &["stool.toml:24: part `blank` field `scrap_pct`: scrap must be below 100 %, got 100 %"],
    );
}

#[test]
fn a_yield_target_outside_zero_to_one_is_refused_at_its_line() {
    let text = stool_with(
        "name = \"Stool\"\n",
        "name = \"Stool\"\n\n[quality]\nmin_first_pass_yield = 90\nyield_window = 0\n",
    );
    rejects(
        &text,
        &[
            "stool.toml:6: quality field `min_first_pass_yield`: a yield is a share above 0 and at most 1 (0.9 for 90 %), got 90",
            "stool.toml:7: quality field `yield_window`: the yield is taken over 1 to 1000 inspected tasks, got 0",
        ],
    );
    let good = stool_with("name = \"Stool\"\n", "name = \"Stool\"\n\n[quality]\nmin_first_pass_yield = 0.9\n");
    let parsed = parse_design("stool.toml", &good).expect("a share is accepted");
    assert_eq!(parsed.spec.quality.min_first_pass_yield, Some(0.9));
    let exported = prodos_formats::export_design(&parsed.spec, None);
    let again = parse_design("stool.toml", &exported).expect("the export reads back");
    assert_eq!(again.spec, parsed.spec);
}
