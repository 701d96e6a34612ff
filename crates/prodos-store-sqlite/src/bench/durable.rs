//! Durable single-event appends: one writer waiting for each fsync, against many writers whose
//! appends the group commit folds into shared fsyncs.

use std::sync::Barrier;

use prodos_ledger::{AppendRequest, LedgerError, LedgerStore};

use super::payload::request;
use super::{BenchConfig, elapsed_since, fresh_file, now, per_second};
use crate::SqliteLedger;

#[derive(Debug, Clone, Copy)]
pub struct DurableFigures {
    pub single_writer_appends_per_s: f64,
    pub concurrent_writers: usize,
    pub concurrent_appends_per_s: f64,
    /// Requests per write transaction while the concurrent writers ran.
    pub concurrent_requests_per_commit: f64,
}

impl DurableFigures {
    pub fn speedup(&self) -> f64 {
        self.concurrent_appends_per_s / self.single_writer_appends_per_s.max(1e-9)
    }
}

pub(super) fn run(config: &BenchConfig) -> Result<DurableFigures, LedgerError> {
    let single = SqliteLedger::open(&fresh_file(config, "durable-single.sqlite3")?)?;
    let requests: Vec<AppendRequest> =
        (0..config.single_writer_appends).map(|row| request(format!("single-{row}"), row, 1)).collect();
    let start = now();
    for request in requests {
        single.append(request)?;
    }
    let single_writer_appends_per_s = per_second(config.single_writer_appends, elapsed_since(start));
    drop(single);

    let shared = SqliteLedger::open(&fresh_file(config, "durable-concurrent.sqlite3")?)?;
    let n_writers = config.concurrent_writers;
    let start_line = Barrier::new(n_writers + 1);
    let stats_before = shared.writer_stats();
    let elapsed = std::thread::scope(|scope| {
        let writers: Vec<_> = (0..n_writers)
            .map(|writer_idx| {
                let (shared, start_line) = (&shared, &start_line);
                let requests: Vec<AppendRequest> = (0..config.appends_per_concurrent_writer)
                    .map(|append_idx| {
                        let row = writer_idx as u64 * config.appends_per_concurrent_writer + append_idx;
                        request(format!("writer-{writer_idx}-{append_idx}"), row, 1)
                    })
                    .collect();
                scope.spawn(move || -> Result<(), LedgerError> {
                    start_line.wait();
                    for request in requests {
                        shared.append(request)?;
                    }
                    Ok(())
                })
            })
            .collect();
        start_line.wait();
        let start = now();
        let mut first_error = Ok(());
        for writer in writers {
            let result =
                writer.join().unwrap_or_else(|_| Err(LedgerError::Storage("a benchmark writer panicked".to_owned())));
            if first_error.is_ok() {
                first_error = result;
            }
        }
        first_error.map(|()| elapsed_since(start))
    })?;
    let stats_after = shared.writer_stats();
    let n_appends = n_writers as u64 * config.appends_per_concurrent_writer;
    Ok(DurableFigures {
        single_writer_appends_per_s,
        concurrent_writers: n_writers,
        concurrent_appends_per_s: per_second(n_appends, elapsed),
        concurrent_requests_per_commit: (stats_after.requests - stats_before.requests) as f64
            / (stats_after.groups - stats_before.groups).max(1) as f64,
    })
}
