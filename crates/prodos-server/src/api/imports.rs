//! What the CSV imports share: pointing a row the core rejected at its line of the posted file.

use crate::error::ApiError;
use prodos_formats::{FormatErrors, rejected_row};

/// A rejection of row `i` of `list` becomes the file's error at `lines[i]`
/// ([`prodos_formats::rejected_row`]); every other error passes unchanged.
pub fn at_line(error: ApiError, file: &str, list: &str, lines: &[usize]) -> ApiError {
    let ApiError::Rejected(rejection) = &error else { return error };
    match rejected_row(rejection, file, list, lines) {
        Some(row) => FormatErrors::from(row).into(),
        None => error,
    }
}
