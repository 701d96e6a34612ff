//! Benchmarks of the SQLite ledger, as a library so that `prodos bench ledger` and the example
//! `ledger-bench` run the same code. Each figure is measured against the target the ledger is
//! held to (see [`BenchReport::verdicts`]).
//!
//! Point `BenchConfig::dir` at the disk the ledger will live on: the durable figures measure
//! its fsync.

mod batched;
mod durable;
mod payload;
mod replay;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use prodos_ledger::LedgerError;

pub use batched::BatchedFigures;
pub use durable::DurableFigures;
pub use replay::ReplayFigures;

/// Sizes of each benchmark; [`BenchConfig::standard`] is the one the targets are stated for.
#[derive(Debug, Clone)]
pub struct BenchConfig {
    /// A directory the benchmark may fill with ledger files (it creates files inside, never deletes the directory).
    pub dir: PathBuf,
    /// Events written by each side of the batched comparison, rounded up to whole batches in each of 5 rounds.
    pub batched_events: u64,
    pub events_per_batch: usize,
    /// Durable single-event appends by the lone writer.
    pub single_writer_appends: u64,
    pub concurrent_writers: usize,
    pub appends_per_concurrent_writer: u64,
    /// Events in the ledger that is scanned and verified.
    pub replay_events: u64,
}

impl BenchConfig {
    pub fn standard(dir: &Path) -> Self {
        BenchConfig {
            dir: dir.to_owned(),
            batched_events: 200_000,
            events_per_batch: 1_000,
            single_writer_appends: 1_000,
            concurrent_writers: 64,
            appends_per_concurrent_writer: 200,
            replay_events: 1_000_000,
        }
    }

    /// Small sizes that run in about a second: checks the benchmark works, proves no target.
    pub fn quick(dir: &Path) -> Self {
        BenchConfig {
            dir: dir.to_owned(),
            batched_events: 5_000,
            events_per_batch: 1_000,
            single_writer_appends: 20,
            concurrent_writers: 8,
            appends_per_concurrent_writer: 10,
            replay_events: 5_000,
        }
    }
}

#[derive(Debug, Clone)]
pub struct BenchReport {
    pub batched: BatchedFigures,
    pub durable: DurableFigures,
    pub replay: ReplayFigures,
}

/// One figure against its target.
#[derive(Debug, Clone, PartialEq)]
pub struct Verdict {
    pub name: &'static str,
    pub measured: f64,
    pub target: f64,
    /// `true` when the target is a ceiling (seconds), `false` when it is a floor (rates, ratios).
    pub target_is_ceiling: bool,
}

impl Verdict {
    pub fn passed(&self) -> bool {
        if self.target_is_ceiling { self.measured <= self.target } else { self.measured >= self.target }
    }
}

impl BenchReport {
    /// Every figure the ledger is held to, with its target.
    pub fn verdicts(&self) -> Vec<Verdict> {
        let floor = |name, measured, target| Verdict { name, measured, target, target_is_ceiling: false };
        let ceiling = |name, measured, target| Verdict { name, measured, target, target_is_ceiling: true };
        vec![
            floor(
                "batched: one 1000-event request per transaction, events/s",
                self.batched.one_request.ledger_events_per_s,
                100_000.0,
            ),
            floor(
                "batched: one 1000-event request, ledger / raw insert loop",
                self.batched.one_request.ratio_to_raw(),
                0.70,
            ),
            floor(
                "batched: 1000 one-event requests per transaction, events/s",
                self.batched.many_requests.ledger_events_per_s,
                100_000.0,
            ),
            floor(
                "batched: 1000 one-event requests, ledger / raw insert loop",
                self.batched.many_requests.ratio_to_raw(),
                0.70,
            ),
            floor("durable: concurrent writers / single writer, appends/s ratio", self.durable.speedup(), 10.0),
            ceiling(
                "replay: scan of all events, s",
                self.replay.scan.as_secs_f64(),
                2.0 * self.replay.events as f64 / 1_000_000.0,
            ),
            ceiling(
                "replay: verify of all events, s",
                self.replay.verify.as_secs_f64(),
                2.0 * self.replay.events as f64 / 1_000_000.0,
            ),
        ]
    }
}

impl std::fmt::Display for BenchReport {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let batched = &self.batched;
        for (label, pair) in
            [("one 1000-event request", &batched.one_request), ("1000 one-event requests", &batched.many_requests)]
        {
            writeln!(
                f,
                "batched append, {label} per transaction, {} events: ledger {:.0} events/s, raw insert loop {:.0} events/s, ratio {:.2}",
                batched.events,
                pair.ledger_events_per_s,
                pair.raw_events_per_s,
                pair.ratio_to_raw()
            )?;
        }
        let durable = &self.durable;
        writeln!(
            f,
            "durable single-event appends: 1 writer {:.0}/s; {} writers {:.0}/s ({:.1} requests per commit); speedup {:.1}x",
            durable.single_writer_appends_per_s,
            durable.concurrent_writers,
            durable.concurrent_appends_per_s,
            durable.concurrent_requests_per_commit,
            durable.speedup()
        )?;
        writeln!(
            f,
            "replay of {} events ({} MB file): scan {:.3} s (borrowed {:.3} s), verify {:.3} s",
            self.replay.events,
            self.replay.file_bytes / 1_000_000,
            self.replay.scan.as_secs_f64(),
            self.replay.scan_borrowed.as_secs_f64(),
            self.replay.verify.as_secs_f64()
        )?;
        for verdict in self.verdicts() {
            let relation = if verdict.target_is_ceiling { "<=" } else { ">=" };
            let status = if verdict.passed() { "PASS" } else { "FAIL" };
            writeln!(f, "{status} {}: {:.3} (target {relation} {})", verdict.name, verdict.measured, verdict.target)?;
        }
        Ok(())
    }
}

/// Runs every benchmark in turn. Takes about a minute with [`BenchConfig::standard`] and needs
/// about 1 GB free in `config.dir` while it runs; it removes its files when done.
pub fn run(config: &BenchConfig) -> Result<BenchReport, LedgerError> {
    std::fs::create_dir_all(&config.dir)
        .map_err(|error| LedgerError::Storage(format!("create {}: {error}", config.dir.display())))?;
    let report = run_all(config);
    let cleanup = FILE_NAMES.iter().try_for_each(|name| remove_ledger_files(&config.dir.join(name)));
    let report = report?;
    cleanup?;
    Ok(report)
}

fn run_all(config: &BenchConfig) -> Result<BenchReport, LedgerError> {
    Ok(BenchReport { batched: batched::run(config)?, durable: durable::run(config)?, replay: replay::run(config)? })
}

/// Every ledger file the benchmarks create in `BenchConfig::dir`.
const FILE_NAMES: [&str; 7] = [
    "batched-one-request-raw.sqlite3",
    "batched-one-request-ledger.sqlite3",
    "batched-many-requests-raw.sqlite3",
    "batched-many-requests-ledger.sqlite3",
    "durable-single.sqlite3",
    "durable-concurrent.sqlite3",
    "replay.sqlite3",
];

/// The benchmarks' only clock.
#[allow(clippy::disallowed_methods)] // reason: a benchmark measures wall time; nothing here feeds the ledger's state
fn now() -> Instant {
    Instant::now()
}

fn elapsed_since(start: Instant) -> Duration {
    now().duration_since(start)
}

fn per_second(count: u64, elapsed: Duration) -> f64 {
    count as f64 / elapsed.as_secs_f64().max(1e-9)
}

/// A fresh file path in the bench directory, removing a leftover from an earlier run.
fn fresh_file(config: &BenchConfig, name: &str) -> Result<PathBuf, LedgerError> {
    debug_assert!(FILE_NAMES.contains(&name), "{name} must be listed in FILE_NAMES to be cleaned up");
    let path = config.dir.join(name);
    remove_ledger_files(&path)?;
    Ok(path)
}

/// Removes a ledger file and its WAL companions, if they exist.
fn remove_ledger_files(path: &Path) -> Result<(), LedgerError> {
    for suffix in ["", "-wal", "-shm"] {
        let mut file = path.to_owned().into_os_string();
        file.push(suffix);
        match std::fs::remove_file(&file) {
            Ok(()) => {}
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => {}
            Err(error) => {
                return Err(LedgerError::Storage(format!("remove {}: {error}", PathBuf::from(file).display())));
            }
        }
    }
    Ok(())
}
