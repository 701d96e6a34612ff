//! Crash recovery: a child process appends from several threads (blind, expected-head and
//! batched appends, plus retries of the previous run's first commands) and prints each
//! acknowledged append; it is killed with SIGKILL at seeded random moments, the file is reopened,
//! and every acknowledged append must be there, once, at the seqs it was acknowledged at, with a
//! chain that verifies. SIGKILL leaves the OS page cache intact, so this checks SQLite's atomic commit and
//! our use of it, not the disk's honesty about fsync.

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::time::Duration;

use prodos_ledger::{LedgerStore, check_chain};
use prodos_store_sqlite::SqliteLedger;

use crate::support::ledger_path;

const N_CYCLES: u64 = 60;
const DEFAULT_SEED: u64 = 0x5eed_1ed6_e800;

/// xorshift64*: enough randomness to pick kill moments, reproducible from the printed seed.
struct SeededRng(u64);

impl SeededRng {
    fn next_below(&mut self, bound: u64) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d) % bound
    }
}

struct Acknowledged {
    command_id: String,
    first_seq: u64,
    last_seq: u64,
}

#[test]
fn every_acknowledged_append_survives_sigkill() {
    let seed = std::env::var("PRODOS_CRASH_SEED").ok().and_then(|text| text.parse().ok()).unwrap_or(DEFAULT_SEED);
    let mut rng = SeededRng(seed | 1);
    let dir = tempfile::tempdir().expect("temp dir");
    let path = ledger_path(&dir);
    let mut acknowledged: Vec<Acknowledged> = Vec::new();
    for cycle in 0..N_CYCLES {
        let mut child = Command::new(env!("CARGO_BIN_EXE_prodos-ledger-soak"))
            .arg(&path)
            .arg(format!("run{cycle}"))
            .arg("6")
            .args(cycle.checked_sub(1).map(|previous_cycle| format!("run{previous_cycle}")))
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("start the soak child");
        let stdout = child.stdout.take().expect("piped stdout");
        let reader = std::thread::spawn(move || {
            // A line without its newline was cut by the kill: it was never fully acknowledged.
            let mut lines = Vec::new();
            let mut reader = BufReader::new(stdout);
            let mut line = String::new();
            while reader.read_line(&mut line).unwrap_or(0) > 0 {
                if line.ends_with('\n') {
                    lines.push(line.trim_end().to_owned());
                }
                line.clear();
            }
            lines
        });
        let delay = Duration::from_millis(5 + rng.next_below(120));
        #[allow(clippy::disallowed_methods)]
        // reason: the kill moment is the point of this test: a seeded wall-clock delay
        std::thread::sleep(delay);
        child.kill().expect("SIGKILL the child");
        child.wait().expect("reap the child");
        let lines = reader.join().expect("reader thread");
        for line in lines {
            let mut fields = line.split(' ');
            let (Some(command_id), Some(first_seq), Some(last_seq)) = (fields.next(), fields.next(), fields.next())
            else {
                panic!("seed {seed}, cycle {cycle}: malformed acknowledgement {line:?}");
            };
            acknowledged.push(Acknowledged {
                command_id: command_id.to_owned(),
                first_seq: first_seq.parse().expect("first seq"),
                last_seq: last_seq.parse().expect("last seq"),
            });
        }
        check_after_crash(&path, &acknowledged, seed, cycle);
    }
    assert!(
        acknowledged.len() > N_CYCLES as usize,
        "seed {seed}: the children acknowledged too little to test anything"
    );
    eprintln!("seed {seed}: {} acknowledged appends survived {N_CYCLES} SIGKILLs", acknowledged.len());
}

fn check_after_crash(path: &std::path::Path, acknowledged: &[Acknowledged], seed: u64, cycle: u64) {
    let ledger = SqliteLedger::open(path).unwrap_or_else(|error| panic!("seed {seed}, cycle {cycle}: reopen: {error}"));
    let report = check_chain(&ledger).unwrap_or_else(|failure| panic!("seed {seed}, cycle {cycle}: {failure}"));
    for ack in acknowledged {
        let entries = ledger.entries_of_command(&ack.command_id).expect("lookup");
        let seqs: Vec<u64> = entries.iter().map(|entry| entry.seq).collect();
        let acknowledged_seqs: Vec<u64> = (ack.first_seq..=ack.last_seq).collect();
        assert_eq!(
            seqs, acknowledged_seqs,
            "seed {seed}, cycle {cycle}: acknowledged command {} must be at the seqs it was acknowledged at",
            ack.command_id
        );
    }
    assert!(report.events >= acknowledged.iter().map(|ack| ack.last_seq).max().unwrap_or(0));
    assert_every_command_is_whole(&ledger, seed, cycle);
}

/// Atomicity under SIGKILL, acknowledged or not: every command in the file has all its events,
/// in one contiguous run. The soak child gives command `…-tT-cC` `1 + (T + C) % 3` events.
fn assert_every_command_is_whole(ledger: &SqliteLedger, seed: u64, cycle: u64) {
    let mut runs: Vec<(String, u64, usize)> = Vec::new();
    ledger
        .scan(1, &mut |entry| {
            match runs.last_mut() {
                Some((command_id, _, n_events)) if *command_id == entry.command_id => *n_events += 1,
                _ => runs.push((entry.command_id, entry.seq, 1)),
            }
            Ok(())
        })
        .expect("scan");
    let mut seen = std::collections::HashSet::new();
    for (command_id, first_seq, n_events) in runs {
        let (thread_idx, command_idx) = soak_indices(&command_id);
        assert_eq!(
            n_events,
            1 + (thread_idx + command_idx) % 3,
            "seed {seed}, cycle {cycle}: command {command_id} at seq {first_seq} is not whole"
        );
        assert!(seen.insert(command_id.clone()), "seed {seed}, cycle {cycle}: command {command_id} was written twice");
    }
}

/// `(T, C)` from a soak command id `runR-tT-cC`.
fn soak_indices(command_id: &str) -> (usize, usize) {
    let mut parts = command_id.rsplit('-');
    let command_idx = parts.next().and_then(|part| part.strip_prefix('c')).and_then(|text| text.parse().ok());
    let thread_idx = parts.next().and_then(|part| part.strip_prefix('t')).and_then(|text| text.parse().ok());
    match (thread_idx, command_idx) {
        (Some(thread_idx), Some(command_idx)) => (thread_idx, command_idx),
        _ => panic!("{command_id} is not a soak command id"),
    }
}
