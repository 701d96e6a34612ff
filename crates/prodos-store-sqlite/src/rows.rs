//! The SQL that reads and writes entries, and decoding a row back into an [`Entry`] from its
//! exact stored bytes: a column of the wrong type or invalid UTF-8 is corruption, not a guess.

use prodos_ledger::{Entry, EntryRef, Hash, Head, LedgerError};
use rusqlite::types::ValueRef;
use rusqlite::{Connection, Row, Statement};

use crate::error::storage;

pub(crate) const INSERT_ENTRY: &str = "INSERT INTO entries (seq, recorded_at_ms, actor, command_id, kind, payload, hash) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)";
pub(crate) const SCAN_FROM: &str =
    "SELECT seq, recorded_at_ms, actor, command_id, kind, payload, hash FROM entries WHERE seq >= ?1 ORDER BY seq";
pub(crate) const SELECT_BY_COMMAND: &str = "SELECT seq, recorded_at_ms, actor, command_id, kind, payload, hash FROM entries WHERE command_id = ?1 ORDER BY seq";
const SELECT_LAST: &str = "SELECT seq, hash FROM entries ORDER BY seq DESC LIMIT 1";
const SELECT_ANCHOR: &str = "SELECT seq, hash FROM head_anchor WHERE id = 1";
pub(crate) const UPDATE_ANCHOR: &str = "UPDATE head_anchor SET seq = ?1, hash = ?2 WHERE id = 1";

/// Decodes a row selected with the columns of [`SCAN_FROM`], borrowing from the row.
pub(crate) fn entry_ref_from_row<'row>(row: &'row Row<'_>) -> Result<EntryRef<'row>, LedgerError> {
    let seq = seq_column(row, 0, 0)?;
    Ok(EntryRef {
        seq,
        recorded_at_ms: match row.get_ref(1) {
            Ok(ValueRef::Integer(value)) => value,
            other => return Err(wrong_type(seq, "recorded_at_ms", other)),
        },
        actor: text_column(row, 2, seq, "actor")?,
        command_id: text_column(row, 3, seq, "command_id")?,
        kind: text_column(row, 4, seq, "kind")?,
        payload: match row.get_ref(5) {
            Ok(ValueRef::Blob(bytes)) => bytes,
            other => return Err(wrong_type(seq, "payload", other)),
        },
        hash: hash_column(row, 6, seq)?,
    })
}

/// Decodes a row selected with the columns of [`SCAN_FROM`] into an owned entry.
pub(crate) fn entry_from_row(row: &Row<'_>) -> Result<Entry, LedgerError> {
    entry_ref_from_row(row).map(|entry| entry.to_entry())
}

/// Runs a prepared entry query and collects the decoded rows.
pub(crate) fn collect_entries(
    statement: &mut Statement<'_>,
    params: impl rusqlite::Params,
) -> Result<Vec<Entry>, LedgerError> {
    let mut rows = statement.query(params).map_err(storage("query entries"))?;
    let mut entries = Vec::new();
    while let Some(row) = rows.next().map_err(storage("read entry"))? {
        entries.push(entry_from_row(row)?);
    }
    Ok(entries)
}

/// The last stored entry's seq and hash.
pub(crate) fn last_entry_head(connection: &Connection) -> Result<Head, LedgerError> {
    Ok(read_head(connection, SELECT_LAST, "read last entry")?.unwrap_or(Head::EMPTY))
}

/// The head anchor row; its absence means the file was edited behind the ledger's back.
pub(crate) fn anchor_head(connection: &Connection) -> Result<Head, LedgerError> {
    read_head(connection, SELECT_ANCHOR, "read head anchor")?.ok_or_else(|| LedgerError::Corrupt {
        seq: 1,
        reason: "the head anchor row is missing, so truncation can no longer be ruled out".to_owned(),
    })
}

fn read_head(connection: &Connection, sql: &'static str, context: &'static str) -> Result<Option<Head>, LedgerError> {
    let mut statement = connection.prepare_cached(sql).map_err(storage(context))?;
    let mut rows = statement.query([]).map_err(storage(context))?;
    match rows.next().map_err(storage(context))? {
        None => Ok(None),
        Some(row) => {
            let seq = seq_column(row, 0, 0)?;
            Ok(Some(Head { seq, hash: *hash_column(row, 1, seq)? }))
        }
    }
}

/// `seq_hint` names the entry in the error when the seq itself cannot be read.
fn seq_column(row: &Row<'_>, idx: usize, seq_hint: u64) -> Result<u64, LedgerError> {
    match row.get_ref(idx) {
        Ok(ValueRef::Integer(value)) if value >= 0 => Ok(value as u64),
        other => Err(wrong_type(seq_hint, "seq", other)),
    }
}

fn text_column<'row>(row: &'row Row<'_>, idx: usize, seq: u64, column: &str) -> Result<&'row str, LedgerError> {
    match row.get_ref(idx) {
        Ok(ValueRef::Text(bytes)) => std::str::from_utf8(bytes)
            .map_err(|error| LedgerError::Corrupt { seq, reason: format!("column {column} is not UTF-8: {error}") }),
        other => Err(wrong_type(seq, column, other)),
    }
}

fn hash_column<'row>(row: &'row Row<'_>, idx: usize, seq: u64) -> Result<&'row Hash, LedgerError> {
    match row.get_ref(idx) {
        Ok(ValueRef::Blob(bytes)) => <&Hash>::try_from(bytes).map_err(|_| LedgerError::Corrupt {
            seq,
            reason: format!("column hash holds {} bytes, not 32", bytes.len()),
        }),
        other => Err(wrong_type(seq, "hash", other)),
    }
}

fn wrong_type(seq: u64, column: &str, found: Result<ValueRef<'_>, rusqlite::Error>) -> LedgerError {
    let found = match found {
        Ok(value) => format!("a value of type {}", value.data_type()),
        Err(error) => format!("an unreadable value ({error})"),
    };
    LedgerError::Corrupt { seq, reason: format!("column {column} holds {found}") }
}
