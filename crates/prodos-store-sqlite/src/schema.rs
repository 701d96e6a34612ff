//! Opening a ledger file: connection settings, and creating or recognising the schema.

use std::path::Path;
use std::time::Duration;

use prodos_ledger::LedgerError;
use rusqlite::{Connection, OpenFlags, TransactionBehavior};

use crate::error::storage;

/// `PRAGMA application_id`: "prod" in ASCII, so that tools and we can tell a ledger file apart.
pub(crate) const APPLICATION_ID: i32 = 0x7072_6f64;
/// `PRAGMA user_version`: the table layout described in docs/LEDGER.md.
pub(crate) const SCHEMA_VERSION: i32 = 1;

/// The page size of a new ledger file.
const PAGE_SIZE_BYTES: i64 = 16 * 1024;

/// The write connection's page cache, in KiB (SQLite takes a negative number as KiB).
const WRITER_CACHE_KIB: i64 = -32 * 1024;

/// How long a connection waits for another process's write transaction before giving up.
const BUSY_TIMEOUT: Duration = Duration::from_secs(10);

/// The tables and guards of schema version 1. STRICT keeps every column at the type the hash
/// input expects; the triggers make accidental edits fail loudly (a deliberate attacker can drop
/// them, which is what the hash chain and the anchor are for).
pub(crate) const CREATE_TABLES: &str = "
CREATE TABLE entries (
    seq            INTEGER PRIMARY KEY,
    recorded_at_ms INTEGER NOT NULL,
    actor          TEXT    NOT NULL,
    command_id     TEXT    NOT NULL,
    kind           TEXT    NOT NULL,
    payload        BLOB    NOT NULL,
    hash           BLOB    NOT NULL
) STRICT;
CREATE INDEX entries_by_command ON entries (command_id);
";

const CREATE_GUARDS: &str = "
CREATE TABLE head_anchor (
    id   INTEGER PRIMARY KEY CHECK (id = 1),
    seq  INTEGER NOT NULL,
    hash BLOB    NOT NULL
) STRICT;
INSERT INTO head_anchor (id, seq, hash) VALUES (1, 0, zeroblob(32));
CREATE TRIGGER entries_are_append_only_update BEFORE UPDATE ON entries
BEGIN SELECT RAISE(ABORT, 'the ledger is append-only'); END;
CREATE TRIGGER entries_are_append_only_delete BEFORE DELETE ON entries
BEGIN SELECT RAISE(ABORT, 'the ledger is append-only'); END;
CREATE TRIGGER head_anchor_only_grows BEFORE UPDATE ON head_anchor WHEN NEW.seq < OLD.seq
BEGIN SELECT RAISE(ABORT, 'the head anchor only grows'); END;
CREATE TRIGGER head_anchor_is_kept BEFORE DELETE ON head_anchor
BEGIN SELECT RAISE(ABORT, 'the head anchor is kept'); END;
";

/// The connection the writer thread owns: WAL, fsync on every commit, schema in place.
pub(crate) fn open_writer(path: &Path) -> Result<Connection, LedgerError> {
    let mut connection = open_connection(path)?;
    configure_for_writing(&connection, path)?;
    ensure_schema(&mut connection, path)?;
    Ok(connection)
}

/// The file settings every write connection uses (the benchmark's raw baseline too, so that it
/// prices the same file).
pub(crate) fn configure_for_writing(connection: &Connection, path: &Path) -> Result<(), LedgerError> {
    // Only a new, empty file takes a page size. 16 KiB pages cut the WAL frames (and so the
    // bytes fsynced) per batch compared with the 4 KiB default, and make scans read fewer pages.
    connection.pragma_update(None, "page_size", PAGE_SIZE_BYTES).map_err(storage("set page_size"))?;
    // WAL lets readers (in this and other processes) run while the writer commits; it is a
    // property of the file, so setting it once is enough, but setting it again is harmless.
    let journal_mode: String =
        connection.query_row("PRAGMA journal_mode = WAL", [], |row| row.get(0)).map_err(storage("set journal_mode"))?;
    if !journal_mode.eq_ignore_ascii_case("wal") {
        return Err(LedgerError::Storage(format!(
            "{} cannot use WAL (journal_mode is {journal_mode})",
            path.display()
        )));
    }
    // FULL: a commit returns only after the WAL is fsynced, which is what "durable" means here.
    connection.pragma_update(None, "synchronous", "FULL").map_err(storage("set synchronous"))?;
    // The writer walks the right edge of the entries B-tree and the command-id index on every
    // insert; SQLite's default 2 MiB page cache lets those pages fall out and be re-read.
    connection.pragma_update(None, "cache_size", WRITER_CACHE_KIB).map_err(storage("set cache_size"))?;
    // After a checkpoint SQLite rewrites the WAL from its start but keeps the file's size; cap
    // what a burst (or a long scan holding back checkpoints) leaves behind.
    connection
        .query_row("PRAGMA journal_size_limit = 67108864", [], |_| Ok(()))
        .map_err(storage("set journal_size_limit"))
}

/// A connection that only reads; `query_only` makes a stray write an error.
pub(crate) fn open_reader(path: &Path) -> Result<Connection, LedgerError> {
    let connection = open_connection(path)?;
    connection.pragma_update(None, "query_only", true).map_err(storage("set query_only"))?;
    Ok(connection)
}

fn open_connection(path: &Path) -> Result<Connection, LedgerError> {
    let flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_CREATE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let connection = Connection::open_with_flags(path, flags)
        .map_err(|error| LedgerError::Storage(format!("open {}: {error}", path.display())))?;
    connection.busy_timeout(BUSY_TIMEOUT).map_err(storage("set busy_timeout"))?;
    connection.set_prepared_statement_cache_capacity(32);
    Ok(connection)
}

/// Creates the schema in a fresh file, accepts a file with our schema, refuses anything else.
/// Runs under `BEGIN IMMEDIATE` so that two processes opening a new file at once agree.
fn ensure_schema(connection: &mut Connection, path: &Path) -> Result<(), LedgerError> {
    let transaction = connection
        .transaction_with_behavior(TransactionBehavior::Immediate)
        .map_err(storage("begin schema transaction"))?;
    let application_id: i32 =
        transaction.query_row("PRAGMA application_id", [], |row| row.get(0)).map_err(storage("read application_id"))?;
    let user_version: i32 =
        transaction.query_row("PRAGMA user_version", [], |row| row.get(0)).map_err(storage("read user_version"))?;
    match (application_id, user_version) {
        (APPLICATION_ID, SCHEMA_VERSION) => {}
        (0, 0) => {
            let n_objects: i64 = transaction
                .query_row("SELECT count(*) FROM sqlite_schema", [], |row| row.get(0))
                .map_err(storage("inspect schema"))?;
            if n_objects != 0 {
                return Err(LedgerError::Storage(format!(
                    "{} is an SQLite file but not a prodos ledger",
                    path.display()
                )));
            }
            transaction.execute_batch(CREATE_TABLES).map_err(storage("create tables"))?;
            transaction.execute_batch(CREATE_GUARDS).map_err(storage("create guards"))?;
            transaction.pragma_update(None, "application_id", APPLICATION_ID).map_err(storage("set application_id"))?;
            transaction.pragma_update(None, "user_version", SCHEMA_VERSION).map_err(storage("set user_version"))?;
        }
        (other_id, other_version) => {
            return Err(LedgerError::Storage(format!(
                "{} is not a prodos ledger of schema {SCHEMA_VERSION} (application_id {other_id:#x}, user_version {other_version})",
                path.display()
            )));
        }
    }
    transaction.commit().map_err(storage("commit schema"))
}
