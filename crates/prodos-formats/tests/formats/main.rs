//! Integration tests of prodos-formats, in one binary: design TOML, CSV imports, the examples.

mod csv_imports;
mod design_rejections;
mod design_toml;
mod examples;
mod robustness;

use prodos_formats::{FormatError, FormatErrors};

/// The rendered errors of a failed parse, one `FILE:LINE: …` string each.
pub fn rendered(errors: &FormatErrors) -> Vec<String> {
    errors.errors().iter().map(FormatError::to_string).collect()
}

/// Reads a file of the repository's `examples/` directory.
pub fn example(name: &str) -> String {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples").join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|error| panic!("{}: {error}", path.display()))
}
