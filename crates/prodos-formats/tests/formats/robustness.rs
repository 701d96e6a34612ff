//! Damaged input never panics: every parser answers with a spec or with located errors.

use crate::example;
use prodos_formats::{parse_bom_csv, parse_catalog_csv, parse_design, parse_stock_csv};
use proptest::prelude::*;

/// `text` with a few random edits: deletions, insertions of syntax characters, duplicated lines.
fn damaged(text: String) -> impl Strategy<Value = String> {
    let len = text.len();
    let edit = (
        0..len.max(1),
        0..8usize,
        prop::sample::select(vec!["", "\"", "=", "[", "]]", ",", "\n", "#", "-1", "x", "é"]),
    );
    prop::collection::vec(edit, 1..6).prop_map(move |edits| {
        let mut damaged = text.clone();
        for (at, delete, insert) in edits {
            let mut start = at.min(damaged.len());
            while !damaged.is_char_boundary(start) {
                start -= 1;
            }
            let mut end = (start + delete).min(damaged.len());
            while !damaged.is_char_boundary(end) {
                end += 1;
            }
            damaged.replace_range(start..end, insert);
        }
        damaged
    })
}

/// Every error of a failed parse names a line inside the file.
fn lines_are_in_range(errors: &prodos_formats::FormatErrors, text: &str) -> Result<(), TestCaseError> {
    let n_lines = text.lines().count().max(1) + 1;
    for error in errors.errors() {
        let line = error.line().unwrap_or(1);
        prop_assert!((1..=n_lines).contains(&line), "{error} is outside 1..={n_lines}");
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn damaged_designs_give_located_errors(text in damaged(example("acoustic-guitar.toml"))) {
        if let Err(errors) = parse_design("guitar.toml", &text) {
            lines_are_in_range(&errors, &text)?;
        }
    }

    #[test]
    fn damaged_csvs_give_located_errors(
        stock in damaged(example("stock.csv")),
        catalog in damaged(example("suppliers.csv")),
        bom in damaged(example("bom.csv")),
    ) {
        if let Err(errors) = parse_stock_csv("stock.csv", &stock) {
            lines_are_in_range(&errors, &stock)?;
        }
        if let Err(errors) = parse_catalog_csv("suppliers.csv", &catalog) {
            lines_are_in_range(&errors, &catalog)?;
        }
        if let Err(errors) = parse_bom_csv("bom.csv", &bom, "workbench", "Workbench") {
            lines_are_in_range(&errors, &bom)?;
        }
    }
}
