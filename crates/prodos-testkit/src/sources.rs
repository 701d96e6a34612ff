//! Reading the workspace's own sources, for the tests that keep the house's shape (areas are
//! leaves, shells stay thin): every `.rs` file under a folder, in a stable order.

use std::path::{Path, PathBuf};

/// Every Rust file under `path` (or `path` itself), sorted, so failures list in the same order.
pub fn rust_files(path: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    collect(path, &mut out);
    out
}

fn collect(path: &Path, out: &mut Vec<PathBuf>) {
    if path.is_dir() {
        let mut entries: Vec<PathBuf> = std::fs::read_dir(path)
            .unwrap_or_else(|error| panic!("{}: {error}", path.display()))
            .map(|entry| entry.expect("a readable folder entry").path())
            .collect();
        entries.sort();
        for entry in entries {
            collect(&entry, out);
        }
    } else if path.extension().is_some_and(|ext| ext == "rs") {
        out.push(path.to_path_buf());
    }
}
