//! The shells are thin, checked: the CLI and the server reach the node only through this layer's
//! named queries and `execute`, never into the folded state, the ledger store or the core's
//! decide. A handler that starts answering a question on its own fails here, naming file and line.

use prodos_testkit::sources::rust_files;
use std::path::Path;

/// What a shell must not write outside its tests, and why.
const FORBIDDEN: &[(&str, &str)] = &[
    (".read(|", "reads the folded state: add a named query to prodos_app::queries"),
    (".read_at_head(", "reads the folded state: add a named query to prodos_app::queries"),
    (".store()", "reads the ledger store: the audit queries do"),
    ("prodos_ledger::", "calls the ledger: the audit queries do"),
    ("::decide::", "calls the core's decide: execute a command instead"),
];

#[test]
fn shells_call_only_the_application_layer() {
    let crates = Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap();
    let mut files = Vec::new();
    for shell in ["prodos/src", "prodos-server/src"] {
        files.extend(rust_files(&crates.join(shell)));
    }
    assert!(files.len() > 20, "the shells' sources were not found under {}", crates.display());
    let mut found = Vec::new();
    for file in files {
        let text = std::fs::read_to_string(&file).unwrap();
        // A module's unit tests may build a node by hand; the shell's own code may not.
        let shipped = text.split("#[cfg(test)]").next().unwrap_or("");
        for (number, line) in shipped.lines().enumerate() {
            if line.trim_start().starts_with("//") {
                continue;
            }
            for (pattern, why) in FORBIDDEN {
                if line.contains(pattern) {
                    found.push(format!("{}:{}: {why}", file.display(), number + 1));
                }
            }
        }
    }
    assert!(found.is_empty(), "shells must stay thin:\n{}", found.join("\n"));
}
