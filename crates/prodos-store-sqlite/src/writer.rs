//! The single writer thread and its group commit: every request waiting in the channel is run in
//! one transaction and made durable by one fsync, so concurrent callers share the cost.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{Receiver, Sender, SyncSender, channel};
use std::thread::JoinHandle;

use prodos_ledger::{Admission, AppendOutcome, AppendRequest, Head, LedgerError, admit, entry_hash};
use rusqlite::{Connection, Statement, TransactionBehavior, params};

use crate::error::storage;
use crate::rows::{INSERT_ENTRY, SELECT_BY_COMMAND, UPDATE_ANCHOR, anchor_head, collect_entries, last_entry_head};

pub(crate) type Outcomes = Vec<Result<AppendOutcome, LedgerError>>;

/// One caller's requests and where to send their outcomes, one per request, in order.
pub(crate) struct WriteJob {
    pub(crate) requests: Vec<AppendRequest>,
    pub(crate) reply: SyncSender<Outcomes>,
}

/// How much sharing the group commit achieved since the ledger was opened.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct WriterStats {
    /// Write transactions run by the writer thread (one fsync each when something was written).
    pub groups: u64,
    /// Requests those transactions answered.
    pub requests: u64,
}

/// Counters the writer thread bumps and the ledger handle reads.
#[derive(Debug, Default)]
pub(crate) struct WriterCounters {
    groups: AtomicU64,
    requests: AtomicU64,
}

impl WriterCounters {
    pub(crate) fn snapshot(&self) -> WriterStats {
        WriterStats { groups: self.groups.load(Ordering::Relaxed), requests: self.requests.load(Ordering::Relaxed) }
    }
}

/// Bounds one group so that a flood of callers cannot grow a transaction without end.
const MAX_REQUESTS_PER_GROUP: usize = 4096;

/// Starts the writer thread; it stops when every sender is dropped.
pub(crate) fn spawn(
    connection: Connection,
    counters: Arc<WriterCounters>,
) -> Result<(Sender<WriteJob>, JoinHandle<()>), LedgerError> {
    let (jobs_tx, jobs_rx) = channel::<WriteJob>();
    let handle = std::thread::Builder::new()
        .name("prodos-ledger-writer".to_owned())
        .spawn(move || run(connection, jobs_rx, &counters))
        .map_err(|error| LedgerError::Storage(format!("start the ledger writer thread: {error}")))?;
    Ok((jobs_tx, handle))
}

fn run(mut connection: Connection, jobs_rx: Receiver<WriteJob>, counters: &WriterCounters) {
    while let Ok(first_job) = jobs_rx.recv() {
        // Whatever queued up while the previous group was fsyncing rides along in this one.
        let mut n_requests = first_job.requests.len();
        let mut jobs = vec![first_job];
        while n_requests < MAX_REQUESTS_PER_GROUP {
            match jobs_rx.try_recv() {
                Ok(job) => {
                    n_requests += job.requests.len();
                    jobs.push(job);
                }
                Err(_) => break,
            }
        }
        let requests: Vec<&AppendRequest> = jobs.iter().flat_map(|job| job.requests.iter()).collect();
        let mut outcomes = commit_group(&mut connection, &requests).into_iter();
        counters.groups.fetch_add(1, Ordering::Relaxed);
        counters.requests.fetch_add(requests.len() as u64, Ordering::Relaxed);
        for job in jobs {
            let job_outcomes: Outcomes = outcomes.by_ref().take(job.requests.len()).collect();
            // A caller that gave up waiting is no reason to stop serving the others.
            let _ = job.reply.send(job_outcomes);
        }
    }
}

/// Why a group wrote nothing.
enum GroupFailure {
    /// Nothing to do with any one request (the write lock could not be had, the ledger is
    /// damaged, the commit failed): every request gets this error.
    Whole(LedgerError),
    /// Storing one of the requests failed: retrying one request per transaction lets the others
    /// through.
    Request(LedgerError),
}

/// One transaction for the whole group; see [`GroupFailure`] for what happens when it fails.
fn commit_group(connection: &mut Connection, requests: &[&AppendRequest]) -> Outcomes {
    match try_commit_group(connection, requests) {
        Ok(outcomes) => outcomes,
        Err(GroupFailure::Request(error)) if requests.len() > 1 => {
            tracing::warn!(%error, n_requests = requests.len(), "ledger group commit failed; retrying one request per transaction");
            requests
                .iter()
                .map(|request| match try_commit_group(connection, std::slice::from_ref(request)) {
                    Ok(mut outcomes) => outcomes.pop().unwrap_or(Err(LedgerError::Storage("no outcome".to_owned()))),
                    Err(GroupFailure::Whole(error) | GroupFailure::Request(error)) => Err(error),
                })
                .collect()
        }
        Err(GroupFailure::Whole(error) | GroupFailure::Request(error)) => {
            requests.iter().map(|_| Err(error.clone())).collect()
        }
    }
}

/// Runs every request against the running head inside one `BEGIN IMMEDIATE` transaction, moves
/// the head anchor in the same transaction, and commits once (one fsync under `synchronous=FULL`).
/// `Err` means nothing of the group was written.
fn try_commit_group(connection: &mut Connection, requests: &[&AppendRequest]) -> Result<Outcomes, GroupFailure> {
    let transaction = connection
        .transaction_with_behavior(TransactionBehavior::Immediate)
        .map_err(storage("begin append transaction"))
        .map_err(GroupFailure::Whole)?;
    let start_head = checked_head(&transaction).map_err(GroupFailure::Whole)?;
    let mut head = start_head;
    let mut outcomes = Vec::with_capacity(requests.len());
    {
        let mut insert =
            transaction.prepare_cached(INSERT_ENTRY).map_err(storage("prepare insert")).map_err(GroupFailure::Whole)?;
        let mut by_command = transaction
            .prepare_cached(SELECT_BY_COMMAND)
            .map_err(storage("prepare lookup"))
            .map_err(GroupFailure::Whole)?;
        for request in requests {
            let admission = admit(request, head.seq, |command_id| collect_entries(&mut by_command, [command_id]));
            match admission {
                Ok(Admission::Write) => {
                    let first_seq = head.seq + 1;
                    head = write_request(&mut insert, head, request).map_err(GroupFailure::Request)?;
                    outcomes.push(Ok(AppendOutcome::Appended { first_seq, last_seq: head.seq, head }));
                }
                Ok(Admission::AlreadyApplied(entries)) => outcomes.push(Ok(AppendOutcome::AlreadyApplied { entries })),
                Err(rejection @ (LedgerError::EmptyAppend | LedgerError::Conflict { .. })) => {
                    outcomes.push(Err(rejection))
                }
                Err(failure) => return Err(GroupFailure::Request(failure)),
            }
        }
    }
    if head != start_head {
        let head_seq = seq_to_sql(head.seq).map_err(GroupFailure::Whole)?;
        transaction
            .execute(UPDATE_ANCHOR, params![head_seq, &head.hash[..]])
            .map_err(storage("move head anchor"))
            .map_err(GroupFailure::Whole)?;
    }
    transaction.commit().map_err(storage("commit append transaction")).map_err(GroupFailure::Whole)?;
    Ok(outcomes)
}

/// The head to append after, refusing to extend a ledger whose last entry and anchor disagree
/// (entries deleted or added behind its back): appending would bury the damage.
fn checked_head(connection: &Connection) -> Result<Head, LedgerError> {
    let last = last_entry_head(connection)?;
    let anchor = anchor_head(connection)?;
    if last == anchor {
        return Ok(last);
    }
    let seq = if last.seq == anchor.seq { last.seq } else { last.seq.min(anchor.seq) + 1 };
    Err(LedgerError::Corrupt {
        seq,
        reason: format!(
            "the last entry is {last} but the head anchor is {anchor}; refusing to append to a damaged ledger"
        ),
    })
}

fn write_request(insert: &mut Statement<'_>, mut head: Head, request: &AppendRequest) -> Result<Head, LedgerError> {
    for event in &request.events {
        let seq = head.seq + 1;
        let hash = entry_hash(
            &head.hash,
            seq,
            request.recorded_at_ms,
            &request.actor,
            &request.command_id,
            &event.kind,
            &event.payload,
        );
        insert
            .execute(params![
                seq_to_sql(seq)?,
                request.recorded_at_ms,
                request.actor,
                request.command_id,
                event.kind,
                event.payload,
                &hash[..]
            ])
            .map_err(storage("insert entry"))?;
        head = Head { seq, hash };
    }
    Ok(head)
}

fn seq_to_sql(seq: u64) -> Result<i64, LedgerError> {
    i64::try_from(seq).map_err(|_| LedgerError::Storage(format!("seq {seq} does not fit SQLite's INTEGER")))
}
