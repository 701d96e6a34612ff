//! Flat CSV BOM import for people coming from spreadsheets and ERPs: `parent,component,qty,unit
//! [,scrap_pct]`, one parent–component link per row. The result is a draft design with no build
//! sequence, to be completed in the design TOML.
//!
//! How the rows become a tree:
//! - a component that is also somebody's parent is a module (a sub-assembly); its `qty` is how
//!   many of it the parent holds, a whole number in `pc` or `set`;
//! - every other component is a part line of its parent, with the component as its material;
//! - a parent that is nobody's component is a top module. Every root is kept as a module, even a
//!   single one: the design itself stands for the finished unit, and keeping the root means
//!   parts listed directly under it still have a module to sit in.
//!
//! Part ids are the component key; when one material appears under several parents, each of
//! those lines is named `parent/component` instead, so ids stay unique and readable.

use super::table::{Columns, read_rows};
use crate::design_toml::{ParsedDesign, basis_points_from_percent};
use crate::error::FormatErrors;
use crate::source_map::SourceMap;
use prodos_core::design::{DesignSpec, Lifetime, ModuleSpec, PartLine, SpecPath, validate};
use prodos_core::{Milli, Unit};
use std::collections::{HashMap, HashSet};

const COLUMNS: Columns = Columns { required: &["parent", "component", "qty", "unit"], optional: &["scrap_pct"] };

struct BomRow {
    line: usize,
    parent: String,
    component: String,
    qty: Milli,
    unit: Unit,
    scrap_bp: i64,
}

/// Reads a flat BOM into a draft design called `key`/`name`. Fails with every malformed row
/// (column count, bad number, unknown unit, duplicate row, a sub-assembly with two parents) or,
/// once the rows read, with every `validate` problem (a cycle, …), each at its `FILE:LINE`.
pub fn parse_bom_csv(file: &str, text: &str, key: &str, name: &str) -> Result<ParsedDesign, FormatErrors> {
    let mut rows = Vec::new();
    read_rows(file, text, &COLUMNS, |row| {
        let scrap_text = row.optional_text("scrap_pct");
        let scrap_bp = if scrap_text.is_empty() {
            Some(0)
        } else {
            match scrap_text
                .parse::<f64>()
                .map_err(|_| format!("`{scrap_text}` is not a number"))
                .and_then(basis_points_from_percent)
            {
                Ok(basis_points) => Some(basis_points),
                Err(message) => {
                    row.cell_error("scrap_pct", message);
                    None
                }
            }
        };
        let (Some(parent), Some(component), Some(qty), Some(unit), Some(scrap_bp)) =
            (row.text("parent"), row.text("component"), row.positive_qty("qty"), row.unit("unit"), scrap_bp)
        else {
            return;
        };
        rows.push(BomRow { line: row.line(), parent, component, qty, unit, scrap_bp });
    })?;
    build(file, key, name, rows)
}

fn build(file: &str, key: &str, name: &str, rows: Vec<BomRow>) -> Result<ParsedDesign, FormatErrors> {
    let parents: HashSet<&str> = rows.iter().map(|row| row.parent.as_str()).collect();
    let components: HashSet<&str> = rows.iter().map(|row| row.component.as_str()).collect();
    let mut leaf_uses: HashMap<&str, usize> = HashMap::new();
    for row in rows.iter().filter(|row| !parents.contains(row.component.as_str())) {
        *leaf_uses.entry(row.component.as_str()).or_default() += 1;
    }

    let mut spec = DesignSpec {
        quality: Default::default(),
        key: key.to_string(),
        name: name.to_string(),
        summary: String::new(),
        lifetime: Lifetime::default(),
        skills: Vec::new(),
        tools: Vec::new(),
        modules: Vec::new(),
        parts: Vec::new(),
        operations: Vec::new(),
    };
    let mut source = SourceMap::new(file);
    source.add_item(SpecPath::Design, 1);
    let mut errors = Vec::new();
    let mut module_line: HashMap<String, usize> = HashMap::new();
    let mut link_line: HashMap<(&str, &str), usize> = HashMap::new();

    for row in &rows {
        if let Some(first_line) = link_line.insert((&row.parent, &row.component), row.line) {
            errors.push(row_error(
                file,
                row.line,
                format!("`{}` is already listed under `{}` on line {first_line}", row.component, row.parent),
            ));
            continue;
        }
        // A root appears as a module where it is first named as a parent.
        if !components.contains(row.parent.as_str()) && !module_line.contains_key(&row.parent) {
            module_line.insert(row.parent.clone(), row.line);
            source.add_item(SpecPath::Module(row.parent.clone()), row.line);
            spec.modules.push(ModuleSpec { id: row.parent.clone(), name: row.parent.clone(), parent: None, count: 1 });
        }
        if parents.contains(row.component.as_str()) {
            if let Some(first_line) = module_line.get(&row.component) {
                errors.push(row_error(
                    file,
                    row.line,
                    format!(
                        "sub-assembly `{}` already has a parent on line {first_line}; a module has one parent",
                        row.component
                    ),
                ));
                continue;
            }
            let Some(count) = module_count(row) else {
                errors.push(row_error(
                    file,
                    row.line,
                    format!(
                        "`{}` is a sub-assembly, so its qty is a whole count in pc or set, got {} {}",
                        row.component, row.qty, row.unit
                    ),
                ));
                continue;
            };
            module_line.insert(row.component.clone(), row.line);
            source.add_item(SpecPath::Module(row.component.clone()), row.line);
            spec.modules.push(ModuleSpec {
                id: row.component.clone(),
                name: row.component.clone(),
                parent: Some(row.parent.clone()),
                count,
            });
        } else {
            let id = if leaf_uses[row.component.as_str()] == 1 {
                row.component.clone()
            } else {
                format!("{}/{}", row.parent, row.component)
            };
            source.add_item(SpecPath::Part(id.clone()), row.line);
            spec.parts.push(PartLine {
                id,
                name: row.component.clone(),
                module: row.parent.clone(),
                material: row.component.clone(),
                qty: row.qty,
                unit: row.unit,
                scrap_bp: row.scrap_bp,
                supplier_hints: Vec::new(),
                replaceable: None,
                tools: Vec::new(),
            });
        }
    }
    if let Some(errors) = FormatErrors::from_vec(errors) {
        return Err(errors);
    }
    if let Some(errors) = FormatErrors::from_vec(source.errors_for(validate(&spec))) {
        return Err(errors);
    }
    Ok(ParsedDesign { spec, declared: None, source })
}

/// A sub-assembly's quantity read as a count, when it is one.
fn module_count(row: &BomRow) -> Option<i64> {
    let is_count_unit = matches!(row.unit, Unit::Piece | Unit::Set);
    (is_count_unit && row.qty.0 % 1000 == 0 && row.scrap_bp == 0).then_some(row.qty.0 / 1000)
}

fn row_error(file: &str, line: usize, message: String) -> crate::error::FormatError {
    crate::error::FormatError::Row { file: file.to_string(), line, message }
}
