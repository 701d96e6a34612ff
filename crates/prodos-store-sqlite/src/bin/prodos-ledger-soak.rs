//! Appends to a ledger file from several threads until killed, printing each acknowledged append
//! as `command_id first_seq last_seq` once it is durable. The crash test kills it with SIGKILL at
//! random moments and checks that every printed append survived.
//!
//! Usage: `prodos-ledger-soak LEDGER_FILE RUN_LABEL [N_THREADS] [RETRY_RUN_LABEL]`
//!
//! Threads take turns at the three ways to append: blind `append`, `append` with an expected
//! head (retried on conflict), and `append_many`. With `RETRY_RUN_LABEL`, each thread first
//! re-sends the first commands it would have sent in that run, as a client retrying after a
//! crash would: each must land once, at the seqs of its first acknowledgement if it had one.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use prodos_ledger::{AppendOutcome, AppendRequest, LedgerError, LedgerStore, NewEvent};
use prodos_store_sqlite::SqliteLedger;

/// Commands per thread re-sent from the retried run.
const N_RETRIED_COMMANDS: usize = 3;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().collect();
    let (Some(path), Some(run_label)) = (args.get(1), args.get(2)) else {
        eprintln!("usage: prodos-ledger-soak LEDGER_FILE RUN_LABEL [N_THREADS] [RETRY_RUN_LABEL]");
        return ExitCode::from(2);
    };
    let n_threads: usize = args.get(3).and_then(|text| text.parse().ok()).unwrap_or(4);
    let retry_run_label = args.get(4);
    let ledger = match SqliteLedger::open(&PathBuf::from(path)) {
        Ok(ledger) => ledger,
        Err(error) => {
            eprintln!("open {path}: {error}");
            return ExitCode::FAILURE;
        }
    };
    std::thread::scope(|scope| {
        for thread_idx in 0..n_threads {
            let ledger = &ledger;
            scope.spawn(move || {
                if let Some(retry_run_label) = retry_run_label {
                    let retried: Vec<AppendRequest> = (0..N_RETRIED_COMMANDS)
                        .map(|command_idx| request(retry_run_label, thread_idx, command_idx))
                        .collect();
                    let command_ids = retried.iter().map(|request| request.command_id.clone()).collect();
                    acknowledge_all(command_ids, ledger.append_many(retried));
                }
                append_forever(ledger, run_label, thread_idx);
            });
        }
    });
    ExitCode::SUCCESS
}

/// The request a thread sends as its `command_idx`-th command of a run; the same arguments give
/// the same request, so that a retry is a true retry.
fn request(run_label: &str, thread_idx: usize, command_idx: usize) -> AppendRequest {
    let n_events = 1 + (thread_idx + command_idx) % 3;
    AppendRequest {
        command_id: format!("{run_label}-t{thread_idx}-c{command_idx}"),
        actor: format!("soak-{thread_idx}"),
        recorded_at_ms: command_idx as i64,
        expected_head: None,
        events: (0..n_events)
            .map(|event_idx| NewEvent {
                kind: "SoakEvent".to_owned(),
                payload: format!(
                    r#"{{"run":"{run_label}","thread":{thread_idx},"command":{command_idx},"event":{event_idx}}}"#
                )
                .into_bytes(),
            })
            .collect(),
    }
}

fn append_forever(ledger: &SqliteLedger, run_label: &str, thread_idx: usize) {
    for command_idx in (0..).step_by(2) {
        let pair = [request(run_label, thread_idx, command_idx), request(run_label, thread_idx, command_idx + 1)];
        let command_ids: Vec<String> = pair.iter().map(|request| request.command_id.clone()).collect();
        let outcomes = match thread_idx % 3 {
            0 => pair.into_iter().map(|request| ledger.append(request)).collect(),
            1 => pair.into_iter().map(|request| append_at_head(ledger, request)).collect(),
            _ => ledger.append_many(pair.into_iter().collect()),
        };
        acknowledge_all(command_ids, outcomes);
    }
}

/// Optimistic concurrency as a client does it: read the head, append expecting it, retry on conflict.
fn append_at_head(ledger: &SqliteLedger, mut request: AppendRequest) -> Result<AppendOutcome, LedgerError> {
    loop {
        request.expected_head = Some(ledger.head()?.seq);
        match ledger.append(request.clone()) {
            Err(LedgerError::Conflict { .. }) => continue,
            other => return other,
        }
    }
}

/// Prints one line per acknowledged command, each in one write under the lock so that lines
/// from threads never interleave. Any failure ends the process: the parent sees it exit early.
fn acknowledge_all(command_ids: Vec<String>, outcomes: Vec<Result<AppendOutcome, LedgerError>>) {
    let mut stdout = std::io::stdout().lock();
    for (command_id, outcome) in command_ids.into_iter().zip(outcomes) {
        let (first_seq, last_seq) = match outcome {
            Ok(AppendOutcome::Appended { first_seq, last_seq, .. }) => (first_seq, last_seq),
            Ok(AppendOutcome::AlreadyApplied { entries }) => {
                (entries.first().map_or(0, |entry| entry.seq), entries.last().map_or(0, |entry| entry.seq))
            }
            Err(error) => {
                eprintln!("{command_id}: {error}");
                std::process::exit(1);
            }
        };
        if writeln!(stdout, "{command_id} {first_seq} {last_seq}").and_then(|()| stdout.flush()).is_err() {
            std::process::exit(0);
        }
    }
}
