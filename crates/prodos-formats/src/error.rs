//! The one error type of prodos-formats: every variant names the file and, where there is one, the
//! line, so that a shell can print it as `FILE:LINE: what is wrong` and an editor can jump there.

use prodos_core::design::DesignProblem;
use std::fmt;

/// Something wrong with an input file. Ordered by precedence: a file too large or not text is
/// refused before its syntax is read, and syntax before the meaning of the values.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum FormatError {
    #[error("{file}: {size_bytes} bytes is more than the limit of {limit_bytes} bytes")]
    TooLarge { file: String, size_bytes: usize, limit_bytes: usize },
    #[error("{file}:{line}: not valid UTF-8 text (first bad byte in column {column})")]
    NotUtf8 { file: String, line: usize, column: usize },
    /// The text does not parse: TOML syntax, CSV framing, a missing or wrong header.
    #[error("{file}:{line}: {message}")]
    Syntax { file: String, line: usize, message: String },
    /// A TOML key or value that parses but is not allowed: unknown key, wrong type, bad unit.
    #[error("{file}:{line}: {message}")]
    Value { file: String, line: usize, message: String },
    /// A CSV cell that cannot be read as its column requires.
    #[error("{file}:{line}: column {column} `{column_name}`: {message}")]
    Cell { file: String, line: usize, column: usize, column_name: String, message: String },
    /// A CSV row that is wrong as a whole (duplicate, second parent, wrong column count).
    #[error("{file}:{line}: {message}")]
    Row { file: String, line: usize, message: String },
    /// A design that reads fine but does not hold together (`prodos_core::design::validate`).
    #[error("{file}:{line}: {problem}")]
    Design { file: String, line: usize, problem: DesignProblem },
}

impl FormatError {
    /// The 1-based line the error points at, if it points at one.
    pub fn line(&self) -> Option<usize> {
        match self {
            FormatError::TooLarge { .. } => None,
            FormatError::NotUtf8 { line, .. }
            | FormatError::Syntax { line, .. }
            | FormatError::Value { line, .. }
            | FormatError::Cell { line, .. }
            | FormatError::Row { line, .. }
            | FormatError::Design { line, .. } => Some(*line),
        }
    }
}

/// Every problem found in one file, in file order, so that one run shows all of them.
///
/// Invariant: never empty (a parse that found nothing wrong returns `Ok`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FormatErrors(Vec<FormatError>);

impl FormatErrors {
    /// Sorts by line (stable, so problems on one line keep their order); `None` when `errors` is
    /// empty because an empty error list is a success.
    pub(crate) fn from_vec(mut errors: Vec<FormatError>) -> Option<FormatErrors> {
        errors.sort_by_key(|error| error.line().unwrap_or(0));
        (!errors.is_empty()).then_some(FormatErrors(errors))
    }
    pub fn errors(&self) -> &[FormatError] {
        &self.0
    }
    pub fn into_vec(self) -> Vec<FormatError> {
        self.0
    }
}

impl From<FormatError> for FormatErrors {
    fn from(error: FormatError) -> FormatErrors {
        FormatErrors(vec![error])
    }
}

impl fmt::Display for FormatErrors {
    /// One error per line, as compilers print them.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (index, error) in self.0.iter().enumerate() {
            if index > 0 {
                writeln!(f)?;
            }
            write!(f, "{error}")?;
        }
        Ok(())
    }
}

impl std::error::Error for FormatErrors {}
