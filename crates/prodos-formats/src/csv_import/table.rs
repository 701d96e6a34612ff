//! Shared CSV reading for every import: header checks, one `Row` per record with its line, and
//! cell readers that record a `FILE:LINE: column N` error instead of failing the whole file.

use crate::design_toml::milli_from_decimal;
use crate::error::{FormatError, FormatErrors};
use crate::text::LineIndex;
use prodos_core::{Milli, Millicents, Unit};
use std::cell::RefCell;
use std::collections::HashMap;

/// The columns a CSV import expects. Headers are matched by name (any order, any case), so a
/// spreadsheet export with reordered columns still imports; unknown columns are refused so that a
/// typo in a header is not silently ignored.
pub(crate) struct Columns {
    pub required: &'static [&'static str],
    pub optional: &'static [&'static str],
}

impl Columns {
    fn all(&self) -> impl Iterator<Item = &&'static str> {
        self.required.iter().chain(self.optional)
    }
}

/// Reads every record of `text` and hands it to `visit`, which reads cells through the `Row`.
/// Lines starting with `#` are comments. Returns every error of every row.
pub(crate) fn read_rows(
    file: &str,
    text: &str,
    columns: &Columns,
    mut visit: impl FnMut(&Row<'_>),
) -> Result<(), FormatErrors> {
    // csv's own comment support does not count comment lines, which would shift every line
    // number after a comment; blanking them keeps the numbering (blank lines are skipped).
    let uncommented = blank_comment_lines(text);
    // csv's own line counter skips blank lines too, so lines come from byte offsets instead. A
    // record's offset is where the reader stood before it, ahead of any blank lines it skipped.
    let lines = LineIndex::new(&uncommented);
    let bytes = uncommented.as_bytes();
    let line_of = |position: Option<&csv::Position>| {
        let mut offset = position.map_or(0, |position| position.byte() as usize);
        while offset < bytes.len() && matches!(bytes[offset], b'\n' | b'\r') {
            offset += 1;
        }
        lines.line_of(offset)
    };
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .trim(csv::Trim::All)
        .from_reader(uncommented.as_bytes());
    let mut records = reader.records();
    let header = match records.next() {
        None => return Err(syntax(file, 1, format!("empty file: expected a header `{}`", header_line(columns))).into()),
        Some(Err(error)) => return Err(syntax(file, line_of(error.position()), error.to_string()).into()),
        Some(Ok(header)) => header,
    };
    let header_line_number = line_of(header.position());
    let index_of = check_header(file, header_line_number, &header, columns)?;
    let n_columns = header.len();

    let errors = RefCell::new(Vec::new());
    for record in records {
        let record = match record {
            Ok(record) => record,
            Err(error) => {
                errors.borrow_mut().push(syntax(file, line_of(error.position()), error.to_string()));
                continue;
            }
        };
        let line = line_of(record.position());
        if record.len() != n_columns {
            errors.borrow_mut().push(FormatError::Row {
                file: file.to_string(),
                line,
                message: format!("expected {n_columns} columns as in the header, found {}", record.len()),
            });
            continue;
        }
        visit(&Row { file, line, record: &record, index_of: &index_of, errors: &errors });
    }
    match FormatErrors::from_vec(errors.into_inner()) {
        Some(errors) => Err(errors),
        None => Ok(()),
    }
}

/// Lines whose first non-blank character is `#` become empty. Quoted fields spanning lines are
/// not expected in these imports, so a `#` at a line start is always a comment.
fn blank_comment_lines(text: &str) -> String {
    text.split_inclusive('\n')
        .map(
            |line| if line.trim_start().starts_with('#') { if line.ends_with('\n') { "\n" } else { "" } } else { line },
        )
        .collect()
}

fn header_line(columns: &Columns) -> String {
    let optional: Vec<String> = columns.optional.iter().map(|name| format!("[,{name}]")).collect();
    format!("{}{}", columns.required.join(","), optional.concat())
}

fn syntax(file: &str, line: usize, message: String) -> FormatError {
    FormatError::Syntax { file: file.to_string(), line, message }
}

/// Column name → index, after checking that the header names every required column once and
/// nothing unknown.
fn check_header(
    file: &str,
    line: usize,
    header: &csv::StringRecord,
    columns: &Columns,
) -> Result<HashMap<&'static str, usize>, FormatErrors> {
    let mut errors = Vec::new();
    let mut index_of = HashMap::new();
    for (index, name) in header.iter().enumerate() {
        // Spreadsheets on Windows start UTF-8 exports with a byte-order mark.
        let wanted = name.trim_start_matches('\u{feff}').trim().to_ascii_lowercase();
        match columns.all().find(|known| **known == wanted) {
            None => errors.push(syntax(
                file,
                line,
                format!("unknown column `{name}` in the header (expected `{}`)", header_line(columns)),
            )),
            Some(known) => {
                if index_of.insert(*known, index).is_some() {
                    errors.push(syntax(file, line, format!("column `{known}` appears twice in the header")));
                }
            }
        }
    }
    for required in columns.required {
        if !index_of.contains_key(required) {
            errors.push(syntax(
                file,
                line,
                format!("the header lacks column `{required}` (expected `{}`)", header_line(columns)),
            ));
        }
    }
    match FormatErrors::from_vec(errors) {
        Some(errors) => Err(errors),
        None => Ok(index_of),
    }
}

/// One data record. Cell readers return `None` after recording an error, so a caller can read
/// every cell and report all bad ones of a row at once.
pub(crate) struct Row<'a> {
    file: &'a str,
    line: usize,
    record: &'a csv::StringRecord,
    index_of: &'a HashMap<&'static str, usize>,
    errors: &'a RefCell<Vec<FormatError>>,
}

impl Row<'_> {
    pub(crate) fn line(&self) -> usize {
        self.line
    }

    /// Records an error about the row as a whole.
    pub(crate) fn row_error(&self, message: String) {
        self.errors.borrow_mut().push(FormatError::Row { file: self.file.to_string(), line: self.line, message });
    }

    /// Records an error about one cell.
    pub(crate) fn cell_error(&self, column: &'static str, message: String) {
        let index = self.index_of.get(column).copied().unwrap_or(0);
        self.errors.borrow_mut().push(FormatError::Cell {
            file: self.file.to_string(),
            line: self.line,
            column: index + 1,
            column_name: column.to_string(),
            message,
        });
    }

    /// The trimmed cell, or `""` for an optional column the header does not have.
    pub(crate) fn optional_text(&self, column: &'static str) -> &str {
        self.index_of.get(column).and_then(|index| self.record.get(*index)).unwrap_or("")
    }

    /// A non-empty cell.
    pub(crate) fn text(&self, column: &'static str) -> Option<String> {
        let text = self.optional_text(column);
        if text.is_empty() {
            self.cell_error(column, "must not be empty".to_string());
            return None;
        }
        Some(text.to_string())
    }

    fn number(&self, column: &'static str) -> Option<f64> {
        let text = self.text(column)?;
        match text.parse::<f64>() {
            Ok(value) if value.is_finite() => Some(value),
            _ => {
                self.cell_error(column, format!("`{text}` is not a number"));
                None
            }
        }
    }

    /// A positive quantity with at most three decimals.
    pub(crate) fn positive_qty(&self, column: &'static str) -> Option<Milli> {
        let qty = self.qty(column)?;
        if !qty.is_positive() {
            self.cell_error(column, format!("quantity must be positive, got {qty}"));
            return None;
        }
        Some(qty)
    }

    /// A quantity (zero allowed, negative refused) with at most three decimals.
    pub(crate) fn qty(&self, column: &'static str) -> Option<Milli> {
        let value = self.number(column)?;
        match milli_from_decimal(value) {
            Ok(qty) if qty.0 >= 0 => Some(qty),
            Ok(qty) => {
                self.cell_error(column, format!("quantity must not be negative, got {qty}"));
                None
            }
            Err(message) => {
                self.cell_error(column, message);
                None
            }
        }
    }

    pub(crate) fn unit(&self, column: &'static str) -> Option<Unit> {
        let text = self.text(column)?;
        match text.parse::<Unit>() {
            Ok(unit) => Some(unit),
            Err(error) => {
                self.cell_error(column, error.to_string());
                None
            }
        }
    }

    /// A price or cost in currency units (`12.50`), not negative, exact to a thousandth of a cent.
    pub(crate) fn money(&self, column: &'static str) -> Option<Millicents> {
        let value = self.number(column)?;
        let money = Millicents::from_currency(value);
        match money {
            Some(money) if money.0 >= 0 => Some(money),
            Some(_) => {
                self.cell_error(column, format!("must not be negative, got {value}"));
                None
            }
            None => {
                self.cell_error(column, format!("`{value}` is out of range"));
                None
            }
        }
    }

    /// A whole number, zero or more.
    pub(crate) fn whole_number(&self, column: &'static str) -> Option<u32> {
        let text = self.text(column)?;
        match text.parse::<u32>() {
            Ok(value) => Some(value),
            Err(_) => {
                self.cell_error(column, format!("`{text}` is not a whole number of 0 or more"));
                None
            }
        }
    }

    /// `yes`/`no` in the spellings spreadsheets produce.
    pub(crate) fn yes_no(&self, column: &'static str) -> Option<bool> {
        let text = self.text(column)?;
        match text.to_ascii_lowercase().as_str() {
            "yes" | "y" | "true" | "1" => Some(true),
            "no" | "n" | "false" | "0" => Some(false),
            _ => {
                self.cell_error(column, format!("`{text}` is not yes or no"));
                None
            }
        }
    }
}
