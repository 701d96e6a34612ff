//! Appends to a ledger file from several threads until killed, printing each acknowledged append
//! as `command_id first_seq last_seq` once it is durable. The crash test kills it with SIGKILL at
//! random moments and checks that every printed append survived.
//!
//! Usage: `prodos-ledger-soak LEDGER_FILE RUN_LABEL [N_THREADS]`

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use prodos_ledger::{AppendOutcome, AppendRequest, LedgerStore, NewEvent};
use prodos_store_sqlite::SqliteLedger;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().collect();
    let (Some(path), Some(run_label)) = (args.get(1), args.get(2)) else {
        eprintln!("usage: prodos-ledger-soak LEDGER_FILE RUN_LABEL [N_THREADS]");
        return ExitCode::from(2);
    };
    let n_threads: usize = args.get(3).and_then(|text| text.parse().ok()).unwrap_or(4);
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
            scope.spawn(move || append_forever(ledger, run_label, thread_idx));
        }
    });
    ExitCode::SUCCESS
}

fn append_forever(ledger: &SqliteLedger, run_label: &str, thread_idx: usize) {
    for command_idx in 0.. {
        let command_id = format!("{run_label}-t{thread_idx}-c{command_idx}");
        let n_events = 1 + (thread_idx + command_idx) % 3;
        let request = AppendRequest {
            command_id: command_id.clone(),
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
        };
        let (first_seq, last_seq) = match ledger.append(request) {
            Ok(AppendOutcome::Appended { first_seq, last_seq, .. }) => (first_seq, last_seq),
            Ok(AppendOutcome::AlreadyApplied { entries }) => {
                (entries.first().map_or(0, |entry| entry.seq), entries.last().map_or(0, |entry| entry.seq))
            }
            Err(error) => {
                eprintln!("{command_id}: {error}");
                std::process::exit(1);
            }
        };
        // One write per line, under the lock, so that lines from threads never interleave.
        let mut stdout = std::io::stdout().lock();
        if writeln!(stdout, "{command_id} {first_seq} {last_seq}").and_then(|()| stdout.flush()).is_err() {
            return;
        }
    }
}
