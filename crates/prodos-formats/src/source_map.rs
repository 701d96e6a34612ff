//! Where each item and field of a parsed design was written, so that problems found later (by
//! `validate` at import, or by certification long after) can be shown as `FILE:LINE`.

use crate::error::FormatError;
use prodos_core::design::{DesignProblem, SpecPath};
use std::collections::HashMap;

/// Lines of one item as written in the source file.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct ItemLines {
    /// Where the item starts (its `[[part]]` header, its CSV row).
    line: usize,
    /// Field name (as in `DesignProblem::field`) → line of its value.
    fields: HashMap<String, usize>,
}

/// Maps `SpecPath`s of one parsed file to its lines.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SourceMap {
    file: String,
    /// Every declaration of a path, in file order; more than one only when an id is duplicated.
    items: HashMap<SpecPath, Vec<ItemLines>>,
}

impl SourceMap {
    pub(crate) fn new(file: &str) -> SourceMap {
        SourceMap { file: file.to_string(), items: HashMap::new() }
    }

    /// The file name the map was built for, as given to the parser.
    pub fn file(&self) -> &str {
        &self.file
    }

    pub(crate) fn add_item(&mut self, at: SpecPath, line: usize) {
        self.items.entry(at).or_default().push(ItemLines { line, fields: HashMap::new() });
    }

    /// Records a field of the item added last under `at`.
    pub(crate) fn add_field(&mut self, at: &SpecPath, field: &str, line: usize) {
        if let Some(item) = self.items.get_mut(at).and_then(|declarations| declarations.last_mut()) {
            item.fields.insert(field.to_string(), line);
        }
    }

    /// The line of `field` of the first item declared at `at`, or of the item itself when the
    /// field was not written (a default, or a problem about the item as a whole).
    pub fn locate(&self, at: &SpecPath, field: &str) -> Option<usize> {
        self.locate_declaration(at, field, 0)
    }

    fn locate_declaration(&self, at: &SpecPath, field: &str, declaration: usize) -> Option<usize> {
        let declarations = self.items.get(at)?;
        let item = declarations.get(declaration).or_else(|| declarations.last())?;
        Some(item.fields.get(field).copied().unwrap_or(item.line))
    }

    /// Turns problems into located errors. A problem about a path that the file never declared
    /// (e.g. the design as a whole, in a file without `[design]`) points at line 1. Duplicate-id
    /// problems point at the second, third, … declaration, which is where `validate` reports them.
    pub fn errors_for(&self, problems: Vec<DesignProblem>) -> Vec<FormatError> {
        let mut duplicates_seen: HashMap<SpecPath, usize> = HashMap::new();
        problems
            .into_iter()
            .map(|problem| {
                let declaration = if problem.field == "id" && problem.message.starts_with("duplicate ") {
                    let seen = duplicates_seen.entry(problem.at.clone()).or_insert(0);
                    *seen += 1;
                    *seen
                } else {
                    0
                };
                let line = self.locate_declaration(&problem.at, &problem.field, declaration).unwrap_or(1);
                FormatError::Design { file: self.file.clone(), line, problem }
            })
            .collect()
    }

    /// One problem as a located error; see `errors_for`.
    pub fn error_for(&self, problem: DesignProblem) -> FormatError {
        self.errors_for(vec![problem]).remove(0)
    }
}
