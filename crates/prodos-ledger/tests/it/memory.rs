//! The in-memory model tells the same story every backend must tell.

use prodos_ledger::{LedgerStore, MemoryLedger, check_chain};
use prodos_testkit::ledger_conformance as conformance;

#[test]
fn appends_chain_and_verify() {
    conformance::appends_chain_and_verify(&MemoryLedger::new());
}

#[test]
fn scan_starts_at_from_seq() {
    conformance::scan_starts_at_from_seq(&MemoryLedger::new());
}

#[test]
fn empty_append_is_rejected() {
    conformance::empty_append_is_rejected(&MemoryLedger::new());
}

#[test]
fn retried_command_returns_first_entries_and_writes_nothing() {
    conformance::retried_command_returns_first_entries_and_writes_nothing(&MemoryLedger::new());
}

#[test]
fn stale_expected_head_conflicts() {
    conformance::stale_expected_head_conflicts(&MemoryLedger::new());
}

#[test]
fn append_many_answers_each_request() {
    conformance::append_many_answers_each_request(&MemoryLedger::new());
}

#[test]
fn concurrent_writers_land_exactly_once() {
    conformance::concurrent_writers_land_exactly_once(&MemoryLedger::new(), 8, 50);
}

/// Appends that land while verify runs are growth, not tampering.
#[test]
fn verify_during_appends_never_cries_wolf() {
    let ledger = MemoryLedger::new();
    std::thread::scope(|scope| {
        scope.spawn(|| {
            for command_idx in 0..300 {
                ledger.append(conformance::request(&format!("c{command_idx}"), None, 3)).expect("append");
            }
        });
        for _ in 0..50 {
            if let Err(failure) = check_chain(&ledger) {
                panic!("verify during appends: {failure}");
            }
        }
    });
    assert_eq!(check_chain(&ledger).expect("verifies").events, 900);
}
