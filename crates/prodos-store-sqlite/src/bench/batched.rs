//! Batched appends against a raw rusqlite insert loop writing the same rows into the same table
//! shape through the same driver, so that the ratio prices exactly what the ledger adds: the
//! channel hop, the idempotency lookup, the hash and the anchor.

use prodos_ledger::{AppendRequest, GENESIS_HASH, Hash, LedgerError, LedgerStore, entry_hash};
use rusqlite::{Connection, TransactionBehavior, params};

use super::payload::{ACTOR, KIND, RECORDED_AT_MS, payload, request};
use super::{BenchConfig, elapsed_since, fresh_file, now, per_second};
use crate::SqliteLedger;
use crate::error::storage;
use crate::rows::INSERT_ENTRY;
use crate::schema::{CREATE_TABLES, configure_for_writing};

/// Rates of the ledger and of the raw loop over the same rows.
#[derive(Debug, Clone, Copy)]
pub struct BatchedPair {
    pub ledger_events_per_s: f64,
    pub raw_events_per_s: f64,
}

impl BatchedPair {
    pub fn ratio_to_raw(&self) -> f64 {
        self.ledger_events_per_s / self.raw_events_per_s.max(1e-9)
    }
}

#[derive(Debug, Clone, Copy)]
pub struct BatchedFigures {
    pub events: u64,
    pub events_per_batch: usize,
    /// Each transaction is one request (one command) of `events_per_batch` events.
    pub one_request: BatchedPair,
    /// Each transaction is one `append_many` of `events_per_batch` one-event requests.
    pub many_requests: BatchedPair,
}

/// Runs in rounds, alternating raw and ledger, so that both see the same disk and cache weather.
const N_ROUNDS: u64 = 5;

pub(super) fn run(config: &BenchConfig) -> Result<BatchedFigures, LedgerError> {
    Ok(BatchedFigures {
        events: config.batched_events.div_ceil(N_ROUNDS * config.events_per_batch as u64).max(1)
            * N_ROUNDS
            * config.events_per_batch as u64,
        events_per_batch: config.events_per_batch,
        one_request: measure_pair(config, config.events_per_batch, "batched-one-request")?,
        many_requests: measure_pair(config, 1, "batched-many-requests")?,
    })
}

/// The rows both sides write: row `r` belongs to the request starting at the row
/// `r - r % events_per_request`, whose id is the command id of every row in it.
struct Rows {
    payloads: Vec<Vec<u8>>,
    command_ids: Vec<String>,
    hashes: Vec<Hash>,
}

fn rows(n_events: u64, events_per_request: usize) -> Rows {
    let payloads: Vec<Vec<u8>> = (0..n_events).map(payload).collect();
    let command_ids: Vec<String> =
        (0..n_events).map(|row| format!("bench-{}", row - row % events_per_request as u64)).collect();
    let mut previous = GENESIS_HASH;
    let hashes = (0..n_events as usize)
        .map(|row| {
            previous =
                entry_hash(&previous, row as u64 + 1, RECORDED_AT_MS, ACTOR, &command_ids[row], KIND, &payloads[row]);
            previous
        })
        .collect();
    Rows { payloads, command_ids, hashes }
}

fn measure_pair(config: &BenchConfig, events_per_request: usize, name: &str) -> Result<BatchedPair, LedgerError> {
    // Whole batches in every round: round the event count up to a multiple of both.
    let events_per_round_unit = N_ROUNDS * config.events_per_batch as u64;
    let n_events = config.batched_events.div_ceil(events_per_round_unit).max(1) * events_per_round_unit;
    let rows = rows(n_events, events_per_request);
    let mut raw = open_raw(&fresh_file(config, &format!("{name}-raw.sqlite3"))?)?;
    let ledger = SqliteLedger::open(&fresh_file(config, &format!("{name}-ledger.sqlite3"))?)?;
    let rows_per_round = n_events / N_ROUNDS;
    let (mut raw_time, mut ledger_time) = (std::time::Duration::ZERO, std::time::Duration::ZERO);
    for round in 0..N_ROUNDS {
        let first_row = round * rows_per_round;
        let round_rows = first_row..first_row + rows_per_round;

        let start = now();
        raw_insert(&mut raw, &rows, round_rows.clone(), config.events_per_batch)?;
        raw_time += elapsed_since(start);

        let batches: Vec<Vec<AppendRequest>> = round_rows
            .clone()
            .step_by(config.events_per_batch)
            .map(|batch_first_row| {
                (batch_first_row..batch_first_row + config.events_per_batch as u64)
                    .step_by(events_per_request)
                    .map(|request_first_row| {
                        request(format!("bench-{request_first_row}"), request_first_row, events_per_request)
                    })
                    .collect()
            })
            .collect();
        let start = now();
        for batch in batches {
            let outcomes = if batch.len() == 1 {
                vec![ledger.append(batch.into_iter().next().expect("one request"))]
            } else {
                ledger.append_many(batch)
            };
            if let Some(Err(error)) = outcomes.into_iter().find(Result::is_err) {
                return Err(error);
            }
        }
        ledger_time += elapsed_since(start);
    }
    if rows.hashes.last() != Some(&ledger.head()?.hash) {
        return Err(LedgerError::Storage("the ledger and the raw loop wrote different rows".to_owned()));
    }
    Ok(BatchedPair {
        ledger_events_per_s: per_second(n_events, ledger_time),
        raw_events_per_s: per_second(n_events, raw_time),
    })
}

/// The same file settings and table shape the ledger uses.
fn open_raw(path: &std::path::Path) -> Result<Connection, LedgerError> {
    let connection = Connection::open(path).map_err(storage("open raw bench file"))?;
    configure_for_writing(&connection, path)?;
    connection.execute_batch(CREATE_TABLES).map_err(storage("create raw tables"))?;
    Ok(connection)
}

fn raw_insert(
    connection: &mut Connection,
    rows: &Rows,
    round_rows: std::ops::Range<u64>,
    events_per_batch: usize,
) -> Result<(), LedgerError> {
    for batch_first_row in round_rows.step_by(events_per_batch) {
        let transaction =
            connection.transaction_with_behavior(TransactionBehavior::Immediate).map_err(storage("begin"))?;
        {
            let mut insert = transaction.prepare_cached(INSERT_ENTRY).map_err(storage("prepare"))?;
            for row in batch_first_row as usize..batch_first_row as usize + events_per_batch {
                insert
                    .execute(params![
                        row as i64 + 1,
                        RECORDED_AT_MS,
                        ACTOR,
                        rows.command_ids[row],
                        KIND,
                        rows.payloads[row],
                        &rows.hashes[row][..]
                    ])
                    .map_err(storage("raw insert"))?;
            }
        }
        transaction.commit().map_err(storage("commit"))?;
    }
    Ok(())
}
