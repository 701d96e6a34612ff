//! The shape of the core, checked: every area is a leaf that imports only the kernel (ids, units,
//! time, calendar, skill, provenance, measure, rejection), never a sibling area nor the layer that
//! composes them (command, event, state, decide, policy, orchestration, series). A new area that reaches
//! into another fails here, naming the file and line.

use prodos_testkit::sources::rust_files;
use std::path::{Path, PathBuf};

const AREAS: &[&str] = &[
    "access",
    "credits",
    "design",
    "distribution",
    "execution",
    "improvement",
    "maintenance",
    "matching",
    "people",
    "plan",
    "quality",
    "safety",
    "stock",
    "supplier",
];
const KERNEL: &[&str] = &["ids", "units", "time", "calendar", "skill", "provenance", "measure", "rejection"];

fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

/// The top-level modules a line names through `crate::`, including `use crate::{a, b::c}`.
fn crate_modules(line: &str) -> Vec<String> {
    let mut names = Vec::new();
    let mut rest = line;
    while let Some(at) = rest.find("crate::") {
        rest = &rest[at + "crate::".len()..];
        if let Some(group) = rest.strip_prefix('{') {
            let inner = &group[..group.find('}').unwrap_or(group.len())];
            names.extend(inner.split(',').map(|item| item.trim().split("::").next().unwrap_or("").to_string()));
        } else {
            let name: String = rest.chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect();
            names.push(name);
        }
    }
    names.retain(|name| !name.is_empty());
    names
}

#[test]
fn every_area_imports_only_the_kernel() {
    let mut found = Vec::new();
    for area in AREAS {
        let dir = src().join(area);
        let files = rust_files(&if dir.is_dir() { dir } else { src().join(format!("{area}.rs")) });
        assert!(!files.is_empty(), "area `{area}` has no source");
        for file in files {
            let text = std::fs::read_to_string(&file).unwrap();
            for (number, line) in text.lines().enumerate() {
                if line.trim_start().starts_with("//") {
                    continue;
                }
                for module in crate_modules(line) {
                    if module != *area && !KERNEL.contains(&module.as_str()) {
                        found.push(format!("{}:{}: `{area}` imports crate::{module}", file.display(), number + 1));
                    }
                }
            }
        }
    }
    assert!(found.is_empty(), "areas must be leaves:\n{}", found.join("\n"));
}

#[test]
fn the_import_reader_sees_grouped_and_plain_paths() {
    assert_eq!(crate_modules("use crate::{ids::PlanId, units::Milli};"), ["ids", "units"]);
    assert_eq!(crate_modules("    let x = crate::stock::Lot::new();"), ["stock"]);
    assert!(crate_modules("use super::model::Credits;").is_empty());
}
