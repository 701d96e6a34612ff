//! The behaviour every [`LedgerStore`] must show, as functions each backend's tests call on a
//! fresh, empty store, so that the in-memory model and the durable backends are held to one story.
//!
//! They panic with a message naming the broken promise, like `assert!`.

use std::collections::HashSet;

use prodos_ledger::{
    AppendOutcome, AppendRequest, Entry, Head, LedgerError, LedgerStore, MemoryLedger, NewEvent, check_chain,
};

/// A request with `n_events` small JSON events, deterministic in its arguments.
pub fn request(command_id: &str, expected_head: Option<u64>, n_events: usize) -> AppendRequest {
    AppendRequest {
        command_id: command_id.to_owned(),
        actor: "conformance".to_owned(),
        recorded_at_ms: 1_763_800_000_000,
        expected_head,
        events: (0..n_events)
            .map(|event_idx| NewEvent {
                kind: "TaskStarted".to_owned(),
                payload: format!(r#"{{"command":"{command_id}","event":{event_idx}}}"#).into_bytes(),
            })
            .collect(),
    }
}

fn all_entries(store: &dyn LedgerStore) -> Vec<Entry> {
    let mut entries = Vec::new();
    store
        .scan(1, &mut |entry| {
            entries.push(entry);
            Ok(())
        })
        .expect("scan");
    entries
}

fn assert_verifies(store: &dyn LedgerStore, events: u64) {
    let report = check_chain(store)
        .unwrap_or_else(|failure| panic!("a ledger written only through appends must verify: {failure}"));
    assert_eq!(report.events, events, "verify counts every entry");
    assert_eq!(report.head, store.head().expect("head"), "verify ends at the head");
}

/// Seqs run 1, 2, 3…; each request gets the range it was told; the chain verifies.
pub fn appends_chain_and_verify(store: &dyn LedgerStore) {
    assert_eq!(store.head().expect("head"), Head::EMPTY, "an empty ledger has the genesis head");
    assert_verifies(store, 0);
    let first = store.append(request("c1", Some(0), 3)).expect("append to empty");
    let second = store.append(request("c2", None, 2)).expect("append anywhere");
    let (
        AppendOutcome::Appended { first_seq: 1, last_seq: 3, head: head_after_first },
        AppendOutcome::Appended { first_seq: 4, last_seq: 5, head },
    ) = (first, second)
    else {
        panic!("two fresh requests must be appended as 1..=3 and 4..=5");
    };
    assert_eq!(head_after_first.seq, 3);
    assert_eq!(store.head().expect("head"), head);
    let entries = all_entries(store);
    assert_eq!(entries.iter().map(|entry| entry.seq).collect::<Vec<_>>(), vec![1, 2, 3, 4, 5]);
    assert_eq!(entries[2].head(), head_after_first);
    assert_eq!(entries[0].command_id, "c1");
    assert_eq!(entries[0].actor, "conformance");
    assert_eq!(entries[4].payload, br#"{"command":"c2","event":1}"#.to_vec());
    assert_verifies(store, 5);
}

/// `scan(from_seq)` starts at `from_seq` and goes to the end.
pub fn scan_starts_at_from_seq(store: &dyn LedgerStore) {
    store.append(request("c1", None, 4)).expect("append");
    let mut seen = Vec::new();
    store
        .scan(3, &mut |entry| {
            seen.push(entry.seq);
            Ok(())
        })
        .expect("scan");
    assert_eq!(seen, vec![3, 4]);
    let mut seen_past_end = 0;
    store
        .scan(99, &mut |_| {
            seen_past_end += 1;
            Ok(())
        })
        .expect("scan past the end");
    assert_eq!(seen_past_end, 0);
    let mut borrowed_then_copied = Vec::new();
    store
        .scan_borrowed(2, &mut |entry| {
            borrowed_then_copied.push(entry.to_entry());
            Ok(())
        })
        .expect("borrowed scan");
    assert_eq!(borrowed_then_copied, all_entries(store)[1..].to_vec(), "scan_borrowed sees what scan sees");
    let stop = store.scan(1, &mut |entry| Err(LedgerError::Corrupt { seq: entry.seq, reason: "stop".to_owned() }));
    assert_eq!(
        stop,
        Err(LedgerError::Corrupt { seq: 1, reason: "stop".to_owned() }),
        "a visitor's error stops the scan"
    );
}

pub fn empty_append_is_rejected(store: &dyn LedgerStore) {
    assert_eq!(store.append(request("c1", None, 0)), Err(LedgerError::EmptyAppend));
    assert_eq!(store.head().expect("head"), Head::EMPTY, "a rejected append writes nothing");
}

/// A retried command writes nothing and gets its first entries back, even with a stale head.
pub fn retried_command_returns_first_entries_and_writes_nothing(store: &dyn LedgerStore) {
    store.append(request("c1", Some(0), 2)).expect("first try");
    store.append(request("c2", None, 1)).expect("another command");
    let head_before_retry = store.head().expect("head");
    let retried = store.append(request("c1", Some(0), 5)).expect("retry");
    let AppendOutcome::AlreadyApplied { entries } = retried else {
        panic!("a retried command id must be answered with AlreadyApplied, got {retried:?}");
    };
    assert_eq!(entries, all_entries(store)[..2].to_vec(), "the retry returns the first entries");
    assert_eq!(store.head().expect("head"), head_before_retry, "a retry writes nothing");
    assert_eq!(store.entries_of_command("c1").expect("lookup"), entries);
    assert_eq!(store.entries_of_command("never-sent").expect("lookup"), Vec::new());
    assert_verifies(store, 3);
}

/// A writer holding an old head gets `Conflict` naming both heads, and nothing is written.
pub fn stale_expected_head_conflicts(store: &dyn LedgerStore) {
    store.append(request("c1", Some(0), 1)).expect("first writer");
    assert_eq!(store.append(request("c2", Some(0), 1)), Err(LedgerError::Conflict { expected: 0, actual: 1 }));
    assert_eq!(store.append(request("c3", Some(7), 1)), Err(LedgerError::Conflict { expected: 7, actual: 1 }));
    assert_eq!(store.head().expect("head").seq, 1, "a conflicting append writes nothing");
    assert!(store.entries_of_command("c2").expect("lookup").is_empty());
    store.append(request("c2", Some(1), 1)).expect("the same command succeeds against the fresh head");
    assert_verifies(store, 2);
}

/// One batch: each request is checked against the head left by those before it.
pub fn append_many_answers_each_request(store: &dyn LedgerStore) {
    let outcomes = store.append_many(vec![
        request("a", Some(0), 2),
        request("b", Some(0), 1),
        request("c", Some(2), 1),
        request("a", Some(99), 1),
        request("d", None, 0),
        request("e", None, 1),
    ]);
    assert_eq!(outcomes.len(), 6, "one outcome per request");
    assert!(matches!(outcomes[0], Ok(AppendOutcome::Appended { first_seq: 1, last_seq: 2, .. })), "{:?}", outcomes[0]);
    assert_eq!(outcomes[1], Err(LedgerError::Conflict { expected: 0, actual: 2 }));
    assert!(matches!(outcomes[2], Ok(AppendOutcome::Appended { first_seq: 3, last_seq: 3, .. })), "{:?}", outcomes[2]);
    match &outcomes[3] {
        Ok(AppendOutcome::AlreadyApplied { entries }) => {
            assert_eq!(entries.iter().map(|entry| entry.seq).collect::<Vec<_>>(), vec![1, 2])
        }
        other => {
            panic!("a command repeated in the same batch must see its first entries, got {other:?}")
        }
    }
    assert_eq!(outcomes[4], Err(LedgerError::EmptyAppend));
    assert!(matches!(outcomes[5], Ok(AppendOutcome::Appended { first_seq: 4, last_seq: 4, .. })), "{:?}", outcomes[5]);
    assert_eq!(store.append_many(Vec::new()), Vec::new());
    assert_verifies(store, 4);
}

/// Many threads append at once, some blind, some with an optimistic expected-head loop, some
/// racing retries of one command id: every command lands exactly once and the chain verifies.
pub fn concurrent_writers_land_exactly_once(store: &dyn LedgerStore, n_threads: usize, commands_per_thread: usize) {
    std::thread::scope(|scope| {
        for thread_idx in 0..n_threads {
            scope.spawn(move || {
                for command_idx in 0..commands_per_thread {
                    let command_id = format!("t{thread_idx}-c{command_idx}");
                    let n_events = 1 + (thread_idx + command_idx) % 3;
                    if thread_idx % 2 == 0 {
                        store.append(request(&command_id, None, n_events)).expect("blind append");
                    } else {
                        append_optimistically(store, &command_id, n_events);
                    }
                    // Every thread also races to apply one shared command per round.
                    let shared_id = format!("shared-{command_idx}");
                    store.append(request(&shared_id, None, 2)).expect("shared append");
                }
            });
        }
    });
    let entries = all_entries(store);
    let mut seen_commands = HashSet::new();
    let mut n_expected_events = 0;
    for thread_idx in 0..n_threads {
        for command_idx in 0..commands_per_thread {
            let command_id = format!("t{thread_idx}-c{command_idx}");
            let n_events = 1 + (thread_idx + command_idx) % 3;
            n_expected_events += n_events;
            let landed = store.entries_of_command(&command_id).expect("lookup");
            assert_eq!(landed.len(), n_events, "command {command_id} landed exactly once");
            assert!(landed.windows(2).all(|pair| pair[1].seq == pair[0].seq + 1), "a command's events are contiguous");
            seen_commands.insert(command_id);
        }
    }
    for command_idx in 0..commands_per_thread {
        assert_eq!(
            store.entries_of_command(&format!("shared-{command_idx}")).expect("lookup").len(),
            2,
            "a raced command lands once"
        );
        n_expected_events += 2;
    }
    assert_eq!(entries.len(), n_expected_events, "nothing was written twice");
    assert_verifies(store, n_expected_events as u64);
}

fn append_optimistically(store: &dyn LedgerStore, command_id: &str, n_events: usize) {
    loop {
        let head = store.head().expect("head");
        match store.append(request(command_id, Some(head.seq), n_events)) {
            Ok(_) => return,
            Err(LedgerError::Conflict { .. }) => continue,
            Err(other) => panic!("optimistic append of {command_id} failed: {other}"),
        }
    }
}

/// Runs `batches` against `store` and against the in-memory model: every outcome, every entry
/// and every hash must be the same.
pub fn matches_memory_model(store: &dyn LedgerStore, batches: Vec<Vec<AppendRequest>>) {
    let model = MemoryLedger::new();
    for batch in batches {
        let expected =
            if batch.len() == 1 { vec![model.append(batch[0].clone())] } else { model.append_many(batch.clone()) };
        let actual = if batch.len() == 1 { vec![store.append(batch[0].clone())] } else { store.append_many(batch) };
        assert_eq!(actual, expected, "the backend and the model answer alike");
    }
    assert_eq!(all_entries(store), all_entries(&model), "the backend and the model store alike");
    assert_eq!(store.head().expect("head"), model.head().expect("head"));
    assert_verifies(store, model.head().expect("head").seq);
}
