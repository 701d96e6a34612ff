//! The story every ledger backend must tell (`prodos_ledger::conformance`), told by SQLite, plus
//! what only a file-backed ledger can show: reopening, and two handles on one file.

use prodos_ledger::{AppendOutcome, LedgerError, LedgerStore, check_chain};
use prodos_store_sqlite::SqliteLedger;
use prodos_testkit::ledger_conformance as conformance;

use crate::support::{fresh_ledger, ledger_path};

#[test]
fn appends_chain_and_verify() {
    conformance::appends_chain_and_verify(&fresh_ledger().ledger);
}

#[test]
fn scan_starts_at_from_seq() {
    conformance::scan_starts_at_from_seq(&fresh_ledger().ledger);
}

#[test]
fn empty_append_is_rejected() {
    conformance::empty_append_is_rejected(&fresh_ledger().ledger);
}

#[test]
fn retried_command_returns_first_entries_and_writes_nothing() {
    conformance::retried_command_returns_first_entries_and_writes_nothing(&fresh_ledger().ledger);
}

#[test]
fn stale_expected_head_conflicts() {
    conformance::stale_expected_head_conflicts(&fresh_ledger().ledger);
}

#[test]
fn append_many_answers_each_request() {
    conformance::append_many_answers_each_request(&fresh_ledger().ledger);
}

#[test]
fn concurrent_writers_land_exactly_once() {
    conformance::concurrent_writers_land_exactly_once(&fresh_ledger().ledger, 16, 25);
}

#[test]
fn a_reopened_ledger_has_everything_and_goes_on_from_its_head() {
    let temp = fresh_ledger();
    temp.ledger.append(conformance::request("c1", Some(0), 3)).expect("append");
    drop(temp.ledger);
    let reopened = SqliteLedger::open(&ledger_path(&temp.dir)).expect("reopen");
    assert_eq!(reopened.head().expect("head").seq, 3);
    assert!(matches!(
        reopened.append(conformance::request("c1", Some(0), 3)),
        Ok(AppendOutcome::AlreadyApplied { .. })
    ));
    assert!(matches!(
        reopened.append(conformance::request("c2", Some(3), 1)),
        Ok(AppendOutcome::Appended { first_seq: 4, .. })
    ));
    assert_eq!(check_chain(&reopened).expect("verifies").events, 4);
}

/// The CLI and a server may open the same file: their checks meet inside SQLite's write lock.
#[test]
fn two_handles_on_one_file_never_overwrite_each_other() {
    let temp = fresh_ledger();
    let other = SqliteLedger::open(&temp.path()).expect("second handle");
    temp.ledger.append(conformance::request("from-first", Some(0), 1)).expect("first handle appends");
    assert_eq!(
        other.append(conformance::request("from-second", Some(0), 1)),
        Err(LedgerError::Conflict { expected: 0, actual: 1 }),
        "the second handle sees the first's append inside its transaction"
    );
    assert!(matches!(
        other.append(conformance::request("from-first", None, 1)),
        Ok(AppendOutcome::AlreadyApplied { .. })
    ));
    let handles = [&temp.ledger, &other];
    std::thread::scope(|scope| {
        for thread_idx in 0..8 {
            let ledger = handles[thread_idx % 2];
            scope.spawn(move || {
                for command_idx in 0..20 {
                    let command_id = format!("t{thread_idx}-c{command_idx}");
                    loop {
                        let head = ledger.head().expect("head");
                        match ledger.append(conformance::request(&command_id, Some(head.seq), 1)) {
                            Ok(AppendOutcome::Appended { .. }) => break,
                            Err(LedgerError::Conflict { .. }) => continue,
                            other => panic!("{command_id}: {other:?}"),
                        }
                    }
                }
            });
        }
    });
    let report = check_chain(&other).expect("verifies through the other handle");
    assert_eq!(report.events, 1 + 8 * 20, "every command landed exactly once");
    assert_eq!(report.head, temp.ledger.head().expect("head"));
}

#[test]
fn a_file_that_is_not_a_ledger_is_refused() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("other.sqlite3");
    rusqlite::Connection::open(&path).expect("create").execute_batch("CREATE TABLE notes (text TEXT)").expect("schema");
    assert!(matches!(SqliteLedger::open(&path), Err(LedgerError::Storage(_))));
}

/// Appends committed while verify reads are growth, not tampering: the anchor is read around
/// the scan, never compared with a different snapshot.
#[test]
fn verify_during_appends_never_cries_wolf() {
    let temp = fresh_ledger();
    std::thread::scope(|scope| {
        let ledger = &temp.ledger;
        scope.spawn(move || {
            for command_idx in 0..200 {
                ledger.append(conformance::request(&format!("c{command_idx}"), None, 3)).expect("append");
            }
        });
        for _ in 0..30 {
            if let Err(failure) = check_chain(ledger) {
                panic!("verify during appends: {failure}");
            }
        }
    });
    assert_eq!(check_chain(&temp.ledger).expect("verifies").events, 600);
}

/// Group commit: concurrent appends share transactions (and so fsyncs) instead of queueing for
/// one each.
#[test]
fn concurrent_appends_share_commits() {
    let temp = fresh_ledger();
    std::thread::scope(|scope| {
        for thread_idx in 0..32 {
            let ledger = &temp.ledger;
            scope.spawn(move || {
                for command_idx in 0..20 {
                    ledger
                        .append(conformance::request(&format!("t{thread_idx}-c{command_idx}"), None, 1))
                        .expect("append");
                }
            });
        }
    });
    let stats = temp.ledger.writer_stats();
    assert_eq!(stats.requests, 32 * 20);
    assert!(
        stats.groups * 2 <= stats.requests,
        "expected at least two requests per commit on average, got {} commits for {} requests",
        stats.groups,
        stats.requests
    );
    assert_eq!(check_chain(&temp.ledger).expect("verifies").events, 32 * 20);
}
