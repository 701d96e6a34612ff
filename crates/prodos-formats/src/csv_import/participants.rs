//! Participant CSV: the people of a node as a membership sheet lists them, one per row.
//!
//! `handle[,real_name][,coordinator]`, where `coordinator` is yes/no (empty means no). Real
//! names with commas are double-quoted.

use super::table::{Columns, read_rows};
use crate::error::FormatErrors;
use prodos_core::people::NewParticipant;

/// One participant as the file states it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParticipantRow {
    /// 1-based line in the file, for messages about the row later (e.g. a refused handle).
    pub line: usize,
    pub participant: NewParticipant,
}

const COLUMNS: Columns = Columns { required: &["handle"], optional: &["real_name", "coordinator"] };

/// Reads a participant CSV; fails with every malformed row, each named by line (and column).
pub fn parse_participants_csv(file: &str, text: &str) -> Result<Vec<ParticipantRow>, FormatErrors> {
    let mut rows: Vec<ParticipantRow> = Vec::new();
    read_rows(file, text, &COLUMNS, |row| {
        let Some(handle) = row.text("handle") else { return };
        if let Some(first) = rows.iter().find(|earlier| earlier.participant.handle == handle) {
            row.cell_error("handle", format!("`{handle}` is already on line {}", first.line));
            return;
        }
        let coordinator = match row.optional_text("coordinator") {
            "" => false,
            _ => match row.yes_no("coordinator") {
                Some(coordinator) => coordinator,
                None => return,
            },
        };
        let real_name = Some(row.optional_text("real_name").to_string()).filter(|name| !name.is_empty());
        rows.push(ParticipantRow { line: row.line(), participant: NewParticipant { handle, real_name, coordinator } });
    })?;
    Ok(rows)
}
