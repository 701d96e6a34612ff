//! `DesignSpec` → design TOML in the same shape people write, so an exported design can be edited
//! and imported again (import → export → import gives an equal spec).

use prodos_core::DesignRef;
use prodos_core::design::{CheckKind, DesignSpec, OperationSpec, PartLine, Sides, ToolKind};
use std::fmt::Write;

/// Writes `spec` as design TOML. With `design`, the `[design]` table also carries `id` and
/// `version`, so that a re-import knows which design it is a new version of. Fields equal to their
/// defaults (zero scrap, no parent, …) are left out to keep the file readable.
pub fn export_design(spec: &DesignSpec, design: Option<DesignRef>) -> String {
    let mut out = String::new();
    out.push_str("[design]\n");
    if let Some(design) = design {
        line(&mut out, "id", &quote(&design.design.to_string()));
        line(&mut out, "version", &design.version.to_string());
    }
    line(&mut out, "key", &quote(&spec.key));
    line(&mut out, "name", &quote(&spec.name));
    if !spec.summary.is_empty() {
        line(&mut out, "summary", &quote(&spec.summary));
    }

    let lifetime = &spec.lifetime;
    if lifetime.service_life_years.is_some()
        || lifetime.maintenance_interval_days.is_some()
        || !lifetime.repairability.is_empty()
    {
        out.push_str("\n[lifetime]\n");
        if let Some(years) = lifetime.service_life_years {
            line(&mut out, "service_life_years", &years.to_string());
        }
        if let Some(days) = lifetime.maintenance_interval_days {
            line(&mut out, "maintenance_interval_days", &days.to_string());
        }
        if !lifetime.repairability.is_empty() {
            line(&mut out, "repairability", &quote(&lifetime.repairability));
        }
    }

    if !spec.quality.is_unset() {
        out.push_str("\n[quality]\n");
        if let Some(share) = spec.quality.min_first_pass_yield {
            line(&mut out, "min_first_pass_yield", &format!("{share:?}"));
        }
        if let Some(window) = spec.quality.yield_window {
            line(&mut out, "yield_window", &window.to_string());
        }
    }

    for skill in &spec.skills {
        out.push_str("\n[[skill]]\n");
        line(&mut out, "id", &quote(&skill.id));
        line(&mut out, "name", &quote(&skill.name));
    }
    for tool in &spec.tools {
        out.push_str("\n[[tool]]\n");
        line(&mut out, "id", &quote(&tool.id));
        line(&mut out, "name", &quote(&tool.name));
        let kind = match tool.kind {
            ToolKind::Tool => "tool",
            ToolKind::Workstation => "workstation",
        };
        line(&mut out, "kind", &quote(kind));
    }
    for module in &spec.modules {
        out.push_str("\n[[module]]\n");
        line(&mut out, "id", &quote(&module.id));
        line(&mut out, "name", &quote(&module.name));
        if let Some(parent) = &module.parent {
            line(&mut out, "parent", &quote(parent));
        }
        line(&mut out, "count", &module.count.to_string());
    }
    for part in &spec.parts {
        write_part(&mut out, part);
    }
    for operation in &spec.operations {
        write_operation(&mut out, operation);
    }
    out
}

fn write_part(out: &mut String, part: &PartLine) {
    out.push_str("\n[[part]]\n");
    line(out, "id", &quote(&part.id));
    line(out, "name", &quote(&part.name));
    line(out, "module", &quote(&part.module));
    line(out, "material", &quote(&part.material));
    line(out, "qty", &part.qty.to_string());
    line(out, "unit", &quote(part.unit.symbol()));
    if part.scrap_bp != 0 {
        line(out, "scrap_pct", &percent(part.scrap_bp));
    }
    if !part.supplier_hints.is_empty() {
        line(out, "suppliers", &string_array(&part.supplier_hints));
    }
    if let Some(replaceable) = part.replaceable {
        line(out, "replaceable", &replaceable.to_string());
    }
    if !part.tools.is_empty() {
        line(out, "tools", &string_array(&part.tools));
    }
}

fn write_operation(out: &mut String, operation: &OperationSpec) {
    out.push_str("\n[[operation]]\n");
    line(out, "id", &quote(&operation.id));
    line(out, "name", &quote(&operation.name));
    if let Some(module) = &operation.module {
        line(out, "module", &quote(module));
    }
    line(out, "duration_min", &operation.duration_min.to_string());
    if let Some(skill) = &operation.skill {
        line(out, "skill", &quote(skill));
    }
    // An unattended step has no skill, so its level means nothing unless someone set it.
    if operation.skill.is_some() || operation.min_level != 1 {
        line(out, "level", &operation.min_level.to_string());
    }
    line(out, "crew", &operation.crew.to_string());
    if let Some(safety) = &operation.safety {
        line(out, "safety", &quote(safety));
    }
    if !operation.tools.is_empty() {
        line(out, "tools", &string_array(&operation.tools));
    }
    if !operation.after.is_empty() {
        let entries: Vec<String> = operation
            .after
            .iter()
            .map(|link| match link.lag_min {
                0 => quote(&link.operation),
                lag_min => format!("{{ op = {}, lag_min = {lag_min} }}", quote(&link.operation)),
            })
            .collect();
        line(out, "after", &format!("[{}]", entries.join(", ")));
    }
    if !operation.consumes.is_empty() {
        line(out, "consumes", &string_array(&operation.consumes));
    }
    for check in &operation.checks {
        out.push_str("\n[[operation.check]]\n");
        line(out, "name", &quote(&check.name));
        if !check.id.is_empty() {
            line(out, "id", &quote(&check.id));
        }
        match (check.kind, check.sides) {
            (CheckKind::Attribute, _) => line(out, "kind", &quote("pass-fail")),
            (CheckKind::Measured, Sides::Both) => {
                line(out, "nominal", &float(check.nominal));
                line(out, "tolerance", &float(check.tolerance));
            }
            (CheckKind::Measured, Sides::AtLeast) => line(out, "min", &float(check.nominal)),
            (CheckKind::Measured, Sides::AtMost) => line(out, "max", &float(check.nominal)),
        }
        if check.kind == CheckKind::Measured || !check.unit.is_empty() {
            line(out, "unit", &quote(&check.unit));
        }
        if check.independent {
            line(out, "independent", "true");
        }
        if check.samples != 1 {
            line(out, "samples", &check.samples.to_string());
        }
        if !check.rules.is_empty() {
            line(out, "rules", &string_array(&check.rules));
        }
        if let Some(baseline) = check.baseline {
            line(out, "baseline", &baseline.to_string());
        }
    }
}

fn line(out: &mut String, key: &str, value: &str) {
    writeln!(out, "{key} = {value}").expect("writing to a String cannot fail");
}

/// A TOML basic string with escapes, so any text survives the round trip.
fn quote(text: &str) -> String {
    toml::Value::String(text.to_string()).to_string()
}

fn string_array(items: &[String]) -> String {
    let quoted: Vec<String> = items.iter().map(|item| quote(item)).collect();
    format!("[{}]", quoted.join(", "))
}

/// Rust's shortest round-trip form, with TOML's spelling of the non-finite values.
fn float(value: f64) -> String {
    if value.is_nan() {
        "nan".to_string()
    } else if value.is_infinite() {
        if value > 0.0 { "inf".to_string() } else { "-inf".to_string() }
    } else {
        format!("{value:?}")
    }
}

/// Basis points as a percentage with up to two decimals (`250` → `2.5`).
fn percent(basis_points: i64) -> String {
    let sign = if basis_points < 0 { "-" } else { "" };
    let magnitude = basis_points.unsigned_abs();
    match magnitude % 100 {
        0 => format!("{sign}{}", magnitude / 100),
        hundredths => format!("{sign}{}.{}", magnitude / 100, format!("{hundredths:02}").trim_end_matches('0')),
    }
}
