//! Turning file bytes into text, and byte offsets into line numbers, for every format here.

use crate::error::FormatError;

/// Inputs larger than this are refused before parsing: no real design or CSV comes near it, and
/// a bound keeps a mistaken `import /dev/zero` from eating the machine.
pub const MAX_INPUT_BYTES: usize = 10 * 1024 * 1024;

/// Checks size and encoding. `file` is only used in messages.
pub fn decode_text<'a>(file: &str, bytes: &'a [u8]) -> Result<&'a str, FormatError> {
    if bytes.len() > MAX_INPUT_BYTES {
        return Err(FormatError::TooLarge {
            file: file.to_string(),
            size_bytes: bytes.len(),
            limit_bytes: MAX_INPUT_BYTES,
        });
    }
    std::str::from_utf8(bytes).map_err(|error| {
        let bad_offset = error.valid_up_to();
        let before = &bytes[..bad_offset];
        let line = 1 + before.iter().filter(|byte| **byte == b'\n').count();
        let line_start = before.iter().rposition(|byte| *byte == b'\n').map_or(0, |newline| newline + 1);
        FormatError::NotUtf8 { file: file.to_string(), line, column: bad_offset - line_start + 1 }
    })
}

/// Maps byte offsets in one text to 1-based line numbers.
#[derive(Debug, Clone)]
pub(crate) struct LineIndex {
    // Invariant: sorted; entry i is the byte offset where line i + 1 starts.
    line_starts: Vec<usize>,
}

impl LineIndex {
    pub(crate) fn new(text: &str) -> LineIndex {
        let mut line_starts = vec![0];
        line_starts.extend(text.match_indices('\n').map(|(offset, _)| offset + 1));
        LineIndex { line_starts }
    }
    pub(crate) fn line_of(&self, offset: usize) -> usize {
        self.line_starts.partition_point(|start| *start <= offset)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_are_one_based() {
        let index = LineIndex::new("a\nbc\n\nd");
        assert_eq!([0, 1, 2, 4, 5, 6].map(|offset| index.line_of(offset)), [1, 1, 2, 2, 3, 4]);
    }

    #[test]
    fn bad_bytes_are_located() {
        let error = decode_text("x.toml", b"ok\nfin\xffe\n").unwrap_err();
        assert_eq!(error, FormatError::NotUtf8 { file: "x.toml".into(), line: 2, column: 4 });
        assert_eq!(error.to_string(), "x.toml:2: not valid UTF-8 text (first bad byte in column 4)");
    }

    #[test]
    fn oversized_input_is_refused_before_decoding() {
        let bytes = vec![b'a'; MAX_INPUT_BYTES + 1];
        assert!(matches!(decode_text("big.csv", &bytes), Err(FormatError::TooLarge { .. })));
        assert_eq!(decode_text("ok.csv", b"a,b\n"), Ok("a,b\n"));
    }
}
