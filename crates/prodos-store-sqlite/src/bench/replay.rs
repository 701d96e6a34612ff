//! Replay: how fast the whole ledger streams back out, bare (scan) and with every hash
//! recomputed (verify), from a freshly reopened file as at startup. The file was just written,
//! so it is read from the OS page cache.

use prodos_ledger::{LedgerError, LedgerStore, check_chain};

use super::payload::request;
use super::{BenchConfig, elapsed_since, fresh_file, now};
use crate::SqliteLedger;

#[derive(Debug, Clone, Copy)]
pub struct ReplayFigures {
    pub events: u64,
    pub file_bytes: u64,
    /// `scan`, which hands out owned entries: what the target is stated for.
    pub scan: std::time::Duration,
    /// `scan_borrowed`, which lends each entry without copying it out.
    pub scan_borrowed: std::time::Duration,
    pub verify: std::time::Duration,
}

const EVENTS_PER_FILL_REQUEST: u64 = 1_000;

pub(super) fn run(config: &BenchConfig) -> Result<ReplayFigures, LedgerError> {
    let path = fresh_file(config, "replay.sqlite3")?;
    let ledger = SqliteLedger::open(&path)?;
    let mut first_row = 0;
    while first_row < config.replay_events {
        let n_events = EVENTS_PER_FILL_REQUEST.min(config.replay_events - first_row);
        ledger.append(request(format!("fill-{first_row}"), first_row, n_events as usize))?;
        first_row += n_events;
    }
    // Replay happens at startup: close the file (which checkpoints the WAL) and open it anew.
    drop(ledger);
    let ledger = SqliteLedger::open(&path)?;

    let start = now();
    let (mut n_scanned, mut payload_bytes) = (0u64, 0u64);
    ledger.scan(1, &mut |entry| {
        n_scanned += 1;
        payload_bytes += entry.payload.len() as u64;
        Ok(())
    })?;
    let scan = elapsed_since(start);
    if n_scanned != config.replay_events || payload_bytes == 0 {
        return Err(LedgerError::Storage(format!(
            "the replay scan saw {n_scanned} events, expected {}",
            config.replay_events
        )));
    }

    let start = now();
    let mut n_borrowed = 0u64;
    ledger.scan_borrowed(1, &mut |entry| {
        n_borrowed += 1;
        payload_bytes += entry.payload.len() as u64;
        Ok(())
    })?;
    let scan_borrowed = elapsed_since(start);
    if n_borrowed != config.replay_events {
        return Err(LedgerError::Storage(format!(
            "the borrowed scan saw {n_borrowed} events, expected {}",
            config.replay_events
        )));
    }

    let start = now();
    let report = check_chain(&ledger)
        .map_err(|failure| LedgerError::Corrupt { seq: failure.first_bad_seq, reason: failure.reason })?;
    let verify = elapsed_since(start);
    if report.events != config.replay_events {
        return Err(LedgerError::Storage(format!(
            "verify saw {} events, expected {}",
            report.events, config.replay_events
        )));
    }
    let file_bytes = ["", "-wal"]
        .iter()
        .filter_map(|suffix| {
            let mut file = path.clone().into_os_string();
            file.push(suffix);
            std::fs::metadata(file).ok()
        })
        .map(|metadata| metadata.len())
        .sum();
    Ok(ReplayFigures { events: config.replay_events, file_bytes, scan, scan_borrowed, verify })
}
