//! What the CSV imports share: pointing a row the core rejected at its line of the posted file.

use crate::error::ApiError;
use prodos_formats::{FormatError, FormatErrors};

/// The core names a bad row by its place in the command (`lots[2].qty`, `participants[0].handle`);
/// the caller knows it by its line. A rejection of row `i` of `list` becomes the file's error at
/// `lines[i]`, saying what the core said; every other error passes unchanged.
pub fn at_line(error: ApiError, file: &str, list: &str, lines: &[usize]) -> ApiError {
    let ApiError::Rejected(rejection) = &error else { return error };
    let (_, _, field) = error.classify();
    let row = field
        .as_deref()
        .and_then(|field| field.strip_prefix(list))
        .and_then(|rest| rest.strip_prefix('['))
        .and_then(|rest| rest.split_once(']'))
        .and_then(|(index, _)| index.parse::<usize>().ok());
    match row.and_then(|row| lines.get(row)) {
        Some(&line) => {
            FormatErrors::from(FormatError::Row { file: file.to_string(), line, message: rejection.to_string() }).into()
        }
        None => error,
    }
}
