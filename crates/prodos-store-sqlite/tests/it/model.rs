//! The SQLite ledger answers and stores exactly as the in-memory model does, for any sequence of
//! batches of requests: repeats, stale and fresh expected heads, empty requests.

use prodos_ledger::AppendRequest;
use prodos_testkit::ledger_conformance as conformance;
use proptest::prelude::*;

use crate::support::fresh_ledger;

fn request_strategy() -> impl Strategy<Value = AppendRequest> {
    (0..6u8, proptest::option::of(0..12u64), 0..4usize).prop_map(|(command_idx, expected_head, n_events)| {
        conformance::request(&format!("cmd-{command_idx}"), expected_head, n_events)
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn sqlite_matches_the_memory_model(batches in proptest::collection::vec(proptest::collection::vec(request_strategy(), 1..4), 1..8)) {
        conformance::matches_memory_model(&fresh_ledger().ledger, batches);
    }
}
