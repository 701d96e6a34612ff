//! Design TOML → `DesignSpec`, collecting every problem in the file with its line instead of
//! stopping at the first, then running `validate` and locating its problems through a `SourceMap`.

use super::raw::{RawCheck, RawHeader, RawLifetime, RawModule, RawOperation, RawPart, RawQuality, RawSkill, RawTool};
use crate::error::{FormatError, FormatErrors};
use crate::source_map::SourceMap;
use crate::text::LineIndex;
use prodos_core::design::*;
use prodos_core::{DesignId, DesignSelector, Milli, Unit};
use serde::Deserialize;
use serde::de::IntoDeserializer;
use toml::Spanned;
use toml::de::{DeTable, DeValue};

/// A design read from a file, with what is needed to report later problems against that file.
#[derive(Debug, Clone, PartialEq)]
pub struct ParsedDesign {
    pub spec: DesignSpec,
    /// The design (and version) the file says it is, from `id`/`version` under `[design]`;
    /// `None` for a file written by hand.
    pub declared: Option<DesignSelector>,
    pub source: SourceMap,
}

/// The top-level tables a design file may have, for the unknown-section message.
const SECTIONS: &str = "[design], [lifetime], [quality], [[skill]], [[tool]], [[module]], [[part]], [[operation]]";

/// Reads one design. Fails with every syntax error, or else with every unknown key, wrongly typed
/// or unreadable value, or else with every `validate` problem, each as `FILE:LINE: …`.
pub fn parse_design(file: &str, text: &str) -> Result<ParsedDesign, FormatErrors> {
    let lines = LineIndex::new(text);
    let (document, syntax_errors) = DeTable::parse_recoverable(text);
    if !syntax_errors.is_empty() {
        let errors = syntax_errors
            .iter()
            .map(|error| FormatError::Syntax {
                file: file.to_string(),
                line: error.span().map_or(1, |span| lines.line_of(span.start)),
                message: error.message().trim().to_string(),
            })
            .collect();
        return Err(FormatErrors::from_vec(errors).expect("there were syntax errors"));
    }

    let mut reader =
        Reader { file, lines, errors: Vec::new(), source: SourceMap::new(file), spec: empty_spec(), declared: None };
    let mut saw_design = false;
    for (key, value) in document.into_inner() {
        let key_line = reader.lines.line_of(key.span().start);
        match key.get_ref().as_ref() {
            "design" => {
                saw_design = true;
                if let Some(header) = reader.table::<RawHeader>("[design]", value, key_line) {
                    reader.header(header, key_line);
                }
            }
            "lifetime" => {
                if let Some(lifetime) = reader.table::<RawLifetime>("[lifetime]", value, key_line) {
                    reader.lifetime(lifetime, key_line);
                }
            }
            "quality" => {
                if let Some(quality) = reader.table::<RawQuality>("[quality]", value, key_line) {
                    reader.quality(quality, key_line);
                }
            }
            "skill" => reader.each_item::<RawSkill>("skill", value, key_line, Reader::skill),
            "tool" => reader.each_item::<RawTool>("tool", value, key_line, Reader::tool),
            "module" => reader.each_item::<RawModule>("module", value, key_line, Reader::module),
            "part" => reader.each_item::<RawPart>("part", value, key_line, Reader::part),
            "operation" => reader.each_item::<RawOperation>("operation", value, key_line, Reader::operation),
            other => reader.value_error(key_line, format!("unknown section `{other}` (expected {SECTIONS})")),
        }
    }
    if !saw_design {
        reader.value_error(1, "missing [design] table (with `key` and `name`)".to_string());
    }
    if let Some(errors) = FormatErrors::from_vec(reader.errors) {
        return Err(errors);
    }
    if let Some(errors) = FormatErrors::from_vec(reader.source.errors_for(validate(&reader.spec))) {
        return Err(errors);
    }
    Ok(ParsedDesign { spec: reader.spec, declared: reader.declared, source: reader.source })
}

fn empty_spec() -> DesignSpec {
    DesignSpec {
        quality: Default::default(),
        key: String::new(),
        name: String::new(),
        summary: String::new(),
        lifetime: Lifetime::default(),
        skills: Vec::new(),
        tools: Vec::new(),
        modules: Vec::new(),
        parts: Vec::new(),
        operations: Vec::new(),
    }
}

/// The state of one parse: the spec built so far, its source map, and the errors found so far.
struct Reader<'a> {
    file: &'a str,
    lines: LineIndex,
    errors: Vec<FormatError>,
    source: SourceMap,
    spec: DesignSpec,
    declared: Option<DesignSelector>,
}

impl Reader<'_> {
    fn line<T>(&self, spanned: &Spanned<T>) -> usize {
        self.lines.line_of(spanned.span().start)
    }

    fn value_error(&mut self, line: usize, message: String) {
        self.errors.push(FormatError::Value { file: self.file.to_string(), line, message });
    }

    /// Deserializes one table, reporting serde's complaint (unknown key, wrong type) at its span.
    fn deserialize<'de, T: Deserialize<'de>>(&mut self, what: &str, value: Spanned<DeValue<'de>>) -> Option<T> {
        let item_line = self.line(&value);
        match T::deserialize(value.into_deserializer()) {
            Ok(item) => Some(item),
            Err(error) => {
                let line = error.span().map_or(item_line, |span| self.lines.line_of(span.start));
                self.value_error(line, format!("{what}: {}", error.message().trim()));
                None
            }
        }
    }

    fn table<'de, T: Deserialize<'de>>(
        &mut self,
        what: &str,
        value: Spanned<DeValue<'de>>,
        key_line: usize,
    ) -> Option<T> {
        if !value.get_ref().is_table() {
            self.value_error(key_line, format!("{what} must be a table"));
            return None;
        }
        self.deserialize(what, value)
    }

    /// Reads an array of tables (`[[part]]` …) item by item, so one bad item does not hide others.
    fn each_item<'de, T: Deserialize<'de>>(
        &mut self,
        kind: &str,
        value: Spanned<DeValue<'de>>,
        key_line: usize,
        mut add: impl FnMut(&mut Self, T, usize),
    ) {
        let DeValue::Array(items) = value.into_inner() else {
            self.value_error(key_line, format!("`{kind}` must be an array of tables: write [[{kind}]]"));
            return;
        };
        for (index, item) in items.into_iter().enumerate() {
            let item_line = self.line(&item);
            if !item.get_ref().is_table() {
                self.value_error(item_line, format!("`{kind}` must be an array of tables: write [[{kind}]]"));
                continue;
            }
            if let Some(raw) = self.deserialize::<T>(&format!("[[{kind}]] #{}", index + 1), item) {
                add(self, raw, item_line);
            }
        }
    }

    fn field<T>(&mut self, at: &SpecPath, name: &str, spanned: &Spanned<T>) {
        let line = self.line(spanned);
        self.source.add_field(at, name, line);
    }

    fn header(&mut self, header: RawHeader, line: usize) {
        let at = SpecPath::Design;
        self.source.add_item(at.clone(), line);
        self.field(&at, "key", &header.key);
        self.field(&at, "name", &header.name);
        if let Some(summary) = &header.summary {
            self.field(&at, "summary", summary);
        }
        self.spec.key = header.key.into_inner();
        self.spec.name = header.name.into_inner();
        self.spec.summary = header.summary.map(Spanned::into_inner).unwrap_or_default();

        let design = header.id.and_then(|id| match id.get_ref().parse::<DesignId>() {
            Ok(design) => Some(design),
            Err(error) => {
                self.value_error(self.line(&id), format!("[design] id: {error}"));
                None
            }
        });
        let version = header.version.and_then(|version| match u32::try_from(*version.get_ref()) {
            Ok(number) if number > 0 => Some((number, self.line(&version))),
            _ => {
                self.value_error(
                    self.line(&version),
                    format!("[design] version must be 1 or more, got {}", version.get_ref()),
                );
                None
            }
        });
        match (design, version) {
            (Some(design), version) => {
                self.declared = Some(DesignSelector { design, version: version.map(|(number, _)| number) })
            }
            (None, Some((_, version_line))) => {
                self.value_error(version_line, "[design] version needs an `id` too".to_string())
            }
            (None, None) => {}
        }
    }

    fn lifetime(&mut self, lifetime: RawLifetime, line: usize) {
        let at = SpecPath::Lifetime;
        self.source.add_item(at.clone(), line);
        if let Some(years) = &lifetime.service_life_years {
            self.field(&at, "service_life_years", years);
        }
        if let Some(days) = &lifetime.maintenance_interval_days {
            self.field(&at, "maintenance_interval_days", days);
        }
        if let Some(notes) = &lifetime.repairability {
            self.field(&at, "repairability", notes);
        }
        self.spec.lifetime = Lifetime {
            service_life_years: lifetime.service_life_years.map(Spanned::into_inner),
            maintenance_interval_days: lifetime.maintenance_interval_days.map(Spanned::into_inner),
            repairability: lifetime.repairability.map(Spanned::into_inner).unwrap_or_default(),
        };
    }

    fn quality(&mut self, quality: RawQuality, line: usize) {
        let at = SpecPath::Quality;
        self.source.add_item(at.clone(), line);
        if let Some(share) = &quality.min_first_pass_yield {
            self.field(&at, "min_first_pass_yield", share);
        }
        if let Some(window) = &quality.yield_window {
            self.field(&at, "yield_window", window);
        }
        self.spec.quality = QualityTargets {
            min_first_pass_yield: quality.min_first_pass_yield.map(Spanned::into_inner),
            yield_window: quality.yield_window.map(Spanned::into_inner),
        };
    }

    /// Registers an item and its `id`/`name` lines; returns its path for further fields.
    fn item(&mut self, at: SpecPath, line: usize, id: &Spanned<String>, name: &Spanned<String>) -> SpecPath {
        self.source.add_item(at.clone(), line);
        self.field(&at, "id", id);
        self.field(&at, "name", name);
        at
    }

    fn skill(&mut self, raw: RawSkill, line: usize) {
        self.item(SpecPath::Skill(raw.id.get_ref().clone()), line, &raw.id, &raw.name);
        self.spec.skills.push(SkillDef { id: raw.id.into_inner(), name: raw.name.into_inner() });
    }

    fn tool(&mut self, raw: RawTool, line: usize) {
        let at = self.item(SpecPath::Tool(raw.id.get_ref().clone()), line, &raw.id, &raw.name);
        self.field(&at, "kind", &raw.kind);
        self.spec.tools.push(ToolDef {
            id: raw.id.into_inner(),
            name: raw.name.into_inner(),
            kind: raw.kind.into_inner(),
        });
    }

    fn module(&mut self, raw: RawModule, line: usize) {
        let at = self.item(SpecPath::Module(raw.id.get_ref().clone()), line, &raw.id, &raw.name);
        if let Some(parent) = &raw.parent {
            self.field(&at, "parent", parent);
        }
        if let Some(count) = &raw.count {
            self.field(&at, "count", count);
        }
        self.spec.modules.push(ModuleSpec {
            id: raw.id.into_inner(),
            name: raw.name.into_inner(),
            parent: raw.parent.map(Spanned::into_inner),
            count: raw.count.map_or(1, Spanned::into_inner),
        });
    }

    fn part(&mut self, raw: RawPart, line: usize) {
        let at = self.item(SpecPath::Part(raw.id.get_ref().clone()), line, &raw.id, &raw.name);
        for (name, spanned) in [("module", &raw.module), ("material", &raw.material), ("unit", &raw.unit)] {
            self.field(&at, name, spanned);
        }
        self.field(&at, "qty", &raw.qty);
        let qty = match milli_from_decimal(*raw.qty.get_ref()) {
            Ok(qty) => qty,
            Err(message) => {
                self.value_error(self.line(&raw.qty), format!("{at} field `qty`: {message}"));
                Milli::ZERO
            }
        };
        let unit = match raw.unit.get_ref().parse::<Unit>() {
            Ok(unit) => unit,
            Err(error) => {
                self.value_error(self.line(&raw.unit), format!("{at} field `unit`: {error}"));
                Unit::Piece
            }
        };
        let mut scrap_bp = 0;
        if let Some(scrap) = &raw.scrap_pct {
            self.field(&at, "scrap_pct", scrap);
            match basis_points_from_percent(*scrap.get_ref()) {
                Ok(basis_points) => scrap_bp = basis_points,
                Err(message) => self.value_error(self.line(scrap), format!("{at} field `scrap_pct`: {message}")),
            }
        }
        let optional_lines = [
            ("suppliers", raw.suppliers.as_ref().map(|field| field.span())),
            ("replaceable", raw.replaceable.as_ref().map(|field| field.span())),
            ("tools", raw.tools.as_ref().map(|field| field.span())),
        ];
        self.optional_fields(&at, optional_lines);
        self.spec.parts.push(PartLine {
            id: raw.id.into_inner(),
            name: raw.name.into_inner(),
            module: raw.module.into_inner(),
            material: raw.material.into_inner(),
            qty,
            unit,
            scrap_bp,
            supplier_hints: raw.suppliers.map(Spanned::into_inner).unwrap_or_default(),
            replaceable: raw.replaceable.map(Spanned::into_inner),
            tools: raw.tools.map(Spanned::into_inner).unwrap_or_default(),
        });
    }

    /// Records the line of each optional field the item has, for later problems about it.
    fn optional_fields<const N: usize>(&mut self, at: &SpecPath, fields: [(&str, Option<std::ops::Range<usize>>); N]) {
        for (name, span) in fields {
            if let Some(span) = span {
                self.source.add_field(at, name, self.lines.line_of(span.start));
            }
        }
    }

    fn operation(&mut self, raw: RawOperation, line: usize) {
        let operation_id = raw.id.get_ref().clone();
        let at = self.item(SpecPath::Operation(operation_id.clone()), line, &raw.id, &raw.name);
        self.field(&at, "duration_min", &raw.duration_min);
        let optional_lines = [
            ("module", raw.module.as_ref().map(|field| field.span())),
            ("skill", raw.skill.as_ref().map(|field| field.span())),
            ("level", raw.level.as_ref().map(|field| field.span())),
            ("crew", raw.crew.as_ref().map(|field| field.span())),
            ("tools", raw.tools.as_ref().map(|field| field.span())),
            ("after", raw.after.as_ref().map(|field| field.span())),
            ("consumes", raw.consumes.as_ref().map(|field| field.span())),
            ("safety", raw.safety.as_ref().map(|field| field.span())),
        ];
        self.optional_fields(&at, optional_lines);
        let mut checks = Vec::new();
        for (index, check) in raw.check.into_iter().flatten().enumerate() {
            checks.push(self.check(&operation_id, index, check));
        }
        if let Some(first_check_line) =
            self.source.locate(&SpecPath::Check { operation: operation_id.clone(), index: 0 }, "")
        {
            // A gap about the operation's checks points at its first check when it has one.
            self.source.add_field(&at, "check", first_check_line);
        }
        self.spec.operations.push(OperationSpec {
            id: raw.id.into_inner(),
            name: raw.name.into_inner(),
            module: raw.module.map(Spanned::into_inner),
            duration_min: raw.duration_min.into_inner(),
            skill: raw.skill.map(Spanned::into_inner),
            min_level: raw.level.map_or(1, Spanned::into_inner),
            crew: raw.crew.map_or(1, Spanned::into_inner),
            tools: raw.tools.map(Spanned::into_inner).unwrap_or_default(),
            after: raw
                .after
                .map(Spanned::into_inner)
                .unwrap_or_default()
                .into_iter()
                .map(|link| Precedence { operation: link.op, lag_min: link.lag_min })
                .collect(),
            consumes: raw.consumes.map(Spanned::into_inner).unwrap_or_default(),
            checks,
            safety: raw.safety.map(Spanned::into_inner),
        });
    }

    fn check(&mut self, operation: &str, index: usize, raw: Spanned<RawCheck>) -> QualityCheck {
        let at = SpecPath::Check { operation: operation.to_string(), index };
        let check_line = self.line(&raw);
        self.source.add_item(at.clone(), check_line);
        let raw = raw.into_inner();
        self.field(&at, "name", &raw.name);
        let optional_lines = [
            ("id", raw.id.as_ref().map(|field| field.span())),
            ("kind", raw.kind.as_ref().map(|field| field.span())),
            ("nominal", raw.nominal.as_ref().map(|field| field.span())),
            ("tolerance", raw.tolerance.as_ref().map(|field| field.span())),
            ("min", raw.min.as_ref().map(|field| field.span())),
            ("max", raw.max.as_ref().map(|field| field.span())),
            ("unit", raw.unit.as_ref().map(|field| field.span())),
            ("independent", raw.independent.as_ref().map(|field| field.span())),
            ("samples", raw.samples.as_ref().map(|field| field.span())),
            ("rules", raw.rules.as_ref().map(|field| field.span())),
            ("baseline", raw.baseline.as_ref().map(|field| field.span())),
        ];
        self.optional_fields(&at, optional_lines);
        let name = raw.name.get_ref().clone();
        let mut check = QualityCheck::measured(&name, 0.0, 0.0, "");
        let value = |field: &Option<Spanned<f64>>| field.as_ref().map(|field| *field.get_ref());
        match raw.kind.as_ref().map(|kind| kind.get_ref().as_str()) {
            None | Some("measured") => {
                match (value(&raw.nominal), value(&raw.tolerance), value(&raw.min), value(&raw.max)) {
                    (Some(nominal), Some(tolerance), None, None) => {
                        (check.nominal, check.tolerance) = (nominal, tolerance)
                    }
                    (None, None, Some(min), None) => (check.nominal, check.sides) = (min, Sides::AtLeast),
                    (None, None, None, Some(max)) => (check.nominal, check.sides) = (max, Sides::AtMost),
                    _ => self.value_error(
                        check_line,
                        format!(
                            "{at}: a measured check states either `nominal` and `tolerance`, or only `min`, or \
                             only `max`"
                        ),
                    ),
                }
                match &raw.unit {
                    Some(unit) => check.unit = unit.get_ref().clone(),
                    None => {
                        self.value_error(check_line, format!("{at}: field `unit` is required for a measured check"))
                    }
                }
            }
            Some("pass-fail") => {
                check.kind = CheckKind::Attribute;
                if let Some(line) = [&raw.nominal, &raw.tolerance, &raw.min, &raw.max]
                    .into_iter()
                    .flatten()
                    .map(|field| self.line(field))
                    .next()
                {
                    self.value_error(line, format!("{at}: a pass-fail check has no nominal, tolerance, min or max"));
                }
                check.unit = raw.unit.as_ref().map(|unit| unit.get_ref().clone()).unwrap_or_default();
            }
            Some(other) => {
                let line = raw.kind.as_ref().map_or(check_line, |kind| self.line(kind));
                self.value_error(line, format!("{at} field `kind`: `{other}` is not `measured` or `pass-fail`"));
            }
        }
        check.id = raw.id.map(Spanned::into_inner).unwrap_or_default();
        check.independent = raw.independent.is_some_and(|independent| *independent.get_ref());
        check.samples = raw.samples.map_or(1, Spanned::into_inner);
        check.rules = raw.rules.map(Spanned::into_inner).unwrap_or_default();
        check.baseline = raw.baseline.map(Spanned::into_inner);
        check
    }
}

/// Quantities are exact to a thousandth; more decimals would be silently rounded, so refuse them.
pub(crate) fn milli_from_decimal(value: f64) -> Result<Milli, String> {
    let milli = Milli::from_f64(value).ok_or_else(|| format!("{value} is not a usable quantity"))?;
    if (value * 1000.0 - milli.0 as f64).abs() > 1e-6 * (1.0 + value.abs()) {
        return Err(format!("{value} has more than three decimals"));
    }
    Ok(milli)
}

/// Scrap percentages are exact to a hundredth of a percent (one basis point).
pub(crate) fn basis_points_from_percent(percent: f64) -> Result<i64, String> {
    let basis_points = (percent * 100.0).round();
    if !basis_points.is_finite() || basis_points.abs() > 1e12 {
        return Err(format!("{percent} is not a usable percentage"));
    }
    if (percent * 100.0 - basis_points).abs() > 1e-6 * (1.0 + percent.abs()) {
        return Err(format!("{percent} has more than two decimals"));
    }
    Ok(basis_points as i64)
}
