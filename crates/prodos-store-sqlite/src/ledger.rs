//! [`SqliteLedger`]: the handle callers hold; it feeds the writer thread and lends out reader
//! connections.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{Sender, sync_channel};
use std::sync::{Arc, Mutex, PoisonError};
use std::thread::JoinHandle;

use prodos_ledger::{AppendOutcome, AppendRequest, Entry, EntryRef, Head, LedgerError, LedgerStore};
use rusqlite::Connection;

use crate::error::storage;
use crate::rows::{SCAN_FROM, SELECT_BY_COMMAND, anchor_head, collect_entries, entry_ref_from_row, last_entry_head};
use crate::schema::{open_reader, open_writer};
use crate::writer::{self, Outcomes, WriteJob, WriterCounters, WriterStats};

/// Idle reader connections kept for reuse; more may be open while many threads read at once.
const MAX_IDLE_READERS: usize = 8;

/// A ledger stored in one SQLite file (plus its `-wal` and `-shm` companions).
pub struct SqliteLedger {
    path: PathBuf,
    // Invariant: `Some` until drop; dropping it tells the writer thread to finish.
    jobs_tx: Option<Sender<WriteJob>>,
    writer: Option<JoinHandle<()>>,
    idle_readers: Mutex<Vec<Connection>>,
    writer_counters: Arc<WriterCounters>,
}

impl SqliteLedger {
    /// Opens the ledger file at `path`, creating it (and its schema) if it does not exist.
    /// Refuses an SQLite file that is not a prodos ledger.
    pub fn open(path: &Path) -> Result<Self, LedgerError> {
        let write_connection = open_writer(path)?;
        let writer_counters = Arc::new(WriterCounters::default());
        let (jobs_tx, writer) = writer::spawn(write_connection, Arc::clone(&writer_counters))?;
        Ok(SqliteLedger {
            path: path.to_owned(),
            jobs_tx: Some(jobs_tx),
            writer: Some(writer),
            idle_readers: Mutex::new(Vec::new()),
            writer_counters,
        })
    }

    /// Checks the SQLite file's own structure (`PRAGMA integrity_check`): pages, and that the
    /// command-id index agrees with the entries. [`prodos_ledger::check_chain`] checks the chain but
    /// reads entries by seq only, so a damaged index, which would break idempotency lookups,
    /// shows up here. Reads the whole file: run it with `verify`, not on a hot path.
    pub fn check_integrity(&self) -> Result<(), LedgerError> {
        self.with_reader(|connection| {
            let mut statement =
                connection.prepare("PRAGMA integrity_check(20)").map_err(storage("prepare integrity_check"))?;
            let problems = statement
                .query_map([], |row| row.get::<_, String>(0))
                .map_err(storage("integrity_check"))?
                .collect::<Result<Vec<String>, _>>()
                .map_err(storage("integrity_check"))?;
            if problems == ["ok"] {
                Ok(())
            } else {
                Err(LedgerError::Storage(format!("the ledger file is damaged: {}", problems.join("; "))))
            }
        })
    }

    /// How many requests shared each write transaction so far (this handle only).
    pub fn writer_stats(&self) -> WriterStats {
        self.writer_counters.snapshot()
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    fn submit(&self, requests: Vec<AppendRequest>) -> Outcomes {
        let n_requests = requests.len();
        let stopped = || {
            (0..n_requests)
                .map(|_| Err(LedgerError::Storage("the ledger writer thread has stopped".to_owned())))
                .collect()
        };
        let Some(jobs_tx) = self.jobs_tx.as_ref() else {
            return stopped();
        };
        let (reply_tx, reply_rx) = sync_channel(1);
        if jobs_tx.send(WriteJob { requests, reply: reply_tx }).is_err() {
            return stopped();
        }
        reply_rx.recv().unwrap_or_else(|_| stopped())
    }

    /// Runs `read` on a reader connection from the pool, opening one if none is idle.
    fn with_reader<T>(&self, read: impl FnOnce(&Connection) -> Result<T, LedgerError>) -> Result<T, LedgerError> {
        let idle = self.idle_readers.lock().unwrap_or_else(PoisonError::into_inner).pop();
        let connection = match idle {
            Some(connection) => connection,
            None => open_reader(&self.path)?,
        };
        let result = read(&connection);
        let mut idle_readers = self.idle_readers.lock().unwrap_or_else(PoisonError::into_inner);
        if idle_readers.len() < MAX_IDLE_READERS {
            idle_readers.push(connection);
        }
        result
    }
}

impl LedgerStore for SqliteLedger {
    fn append(&self, request: AppendRequest) -> Result<AppendOutcome, LedgerError> {
        self.submit(vec![request])
            .pop()
            .unwrap_or_else(|| Err(LedgerError::Storage("the ledger writer gave no outcome".to_owned())))
    }

    fn append_many(&self, requests: Vec<AppendRequest>) -> Vec<Result<AppendOutcome, LedgerError>> {
        if requests.is_empty() {
            return Vec::new();
        }
        self.submit(requests)
    }

    fn head(&self) -> Result<Head, LedgerError> {
        self.with_reader(last_entry_head)
    }

    fn scan(&self, from_seq: u64, visit: &mut dyn FnMut(Entry) -> Result<(), LedgerError>) -> Result<(), LedgerError> {
        self.scan_borrowed(from_seq, &mut |entry| visit(entry.to_entry()))
    }

    fn scan_borrowed(
        &self,
        from_seq: u64,
        visit: &mut dyn FnMut(EntryRef<'_>) -> Result<(), LedgerError>,
    ) -> Result<(), LedgerError> {
        let from_seq = i64::try_from(from_seq).unwrap_or(i64::MAX);
        // One statement reads one snapshot: appends committed meanwhile are not seen.
        self.with_reader(|connection| {
            let mut statement = connection.prepare_cached(SCAN_FROM).map_err(storage("prepare scan"))?;
            let mut rows = statement.query([from_seq]).map_err(storage("scan"))?;
            while let Some(row) = rows.next().map_err(storage("scan"))? {
                visit(entry_ref_from_row(row)?)?;
            }
            Ok(())
        })
    }

    fn entries_of_command(&self, command_id: &str) -> Result<Vec<Entry>, LedgerError> {
        self.with_reader(|connection| {
            let mut statement = connection.prepare_cached(SELECT_BY_COMMAND).map_err(storage("prepare lookup"))?;
            collect_entries(&mut statement, [command_id])
        })
    }

    fn anchor(&self) -> Result<Option<Head>, LedgerError> {
        self.with_reader(anchor_head).map(Some)
    }
}

impl Drop for SqliteLedger {
    fn drop(&mut self) {
        // Closing the channel ends the writer loop once the jobs already sent are answered.
        self.jobs_tx.take();
        let writer_panicked = self.writer.take().is_some_and(|writer| writer.join().is_err());
        if writer_panicked {
            tracing::error!(path = %self.path.display(), "the ledger writer thread panicked");
        }
    }
}
