//! Verification against tampering, on a plain list of entries and an anchor: any changed field,
//! deleted, swapped, inserted or truncated entry is named at the first bad seq.

use prodos_ledger::{
    AppendOutcome, AppendRequest, Entry, Head, LedgerError, LedgerStore, MemoryLedger, check_chain, entry_hash,
};
use prodos_testkit::ledger_conformance as conformance;
use proptest::prelude::*;

/// A copy of a ledger as an attacker left it: entries in stored order, and the anchor.
struct TamperedCopy {
    entries: Vec<Entry>,
    anchor: Option<Head>,
}

impl LedgerStore for TamperedCopy {
    fn append(&self, _request: AppendRequest) -> Result<AppendOutcome, LedgerError> {
        Err(LedgerError::Storage("a tampered copy is read-only".to_owned()))
    }

    fn append_many(&self, requests: Vec<AppendRequest>) -> Vec<Result<AppendOutcome, LedgerError>> {
        requests.into_iter().map(|request| self.append(request)).collect()
    }

    fn head(&self) -> Result<Head, LedgerError> {
        Ok(self.entries.last().map_or(Head::EMPTY, Entry::head))
    }

    fn scan(&self, from_seq: u64, visit: &mut dyn FnMut(Entry) -> Result<(), LedgerError>) -> Result<(), LedgerError> {
        self.entries.iter().filter(|entry| entry.seq >= from_seq).cloned().try_for_each(visit)
    }

    fn entries_of_command(&self, command_id: &str) -> Result<Vec<Entry>, LedgerError> {
        Ok(self.entries.iter().filter(|entry| entry.command_id == command_id).cloned().collect())
    }

    fn anchor(&self) -> Result<Option<Head>, LedgerError> {
        Ok(self.anchor)
    }
}

#[derive(Debug, Clone)]
enum Tamper {
    /// Field 0 = seq, 1 = recorded_at_ms, 2 = actor, 3 = command_id, 4 = kind, 5 = payload, 6 = hash.
    FlipByte {
        entry_pick: usize,
        field: u8,
        byte_pick: usize,
        xor: u8,
    },
    Delete {
        entry_pick: usize,
    },
    Swap {
        first_pick: usize,
        second_pick: usize,
    },
    Insert {
        at_pick: usize,
        forged_hash: bool,
    },
    Truncate {
        keep_pick: usize,
    },
}

fn tamper_strategy() -> impl Strategy<Value = Tamper> {
    prop_oneof![
        (any::<usize>(), 0..7u8, any::<usize>(), 1..=255u8)
            .prop_map(|(entry_pick, field, byte_pick, xor)| Tamper::FlipByte { entry_pick, field, byte_pick, xor }),
        any::<usize>().prop_map(|entry_pick| Tamper::Delete { entry_pick }),
        (any::<usize>(), any::<usize>()).prop_map(|(first_pick, second_pick)| Tamper::Swap { first_pick, second_pick }),
        (any::<usize>(), any::<bool>()).prop_map(|(at_pick, forged_hash)| Tamper::Insert { at_pick, forged_hash }),
        any::<usize>().prop_map(|keep_pick| Tamper::Truncate { keep_pick }),
    ]
}

fn flip(bytes: &mut [u8], byte_pick: usize, xor: u8) {
    let byte_idx = byte_pick % bytes.len();
    bytes[byte_idx] ^= xor;
}

/// Flips a byte of a text field; a flip that breaks UTF-8 is replaced by a flip of the low
/// bits of an ASCII letter, since a `String` field cannot hold invalid UTF-8.
fn flip_text(text: &mut String, byte_pick: usize, xor: u8) {
    let mut bytes = std::mem::take(text).into_bytes();
    flip(&mut bytes, byte_pick, xor);
    *text = String::from_utf8(bytes).unwrap_or_else(|error| {
        let mut bytes = error.into_bytes();
        let byte_idx = byte_pick % bytes.len();
        bytes[byte_idx] ^= xor;
        bytes[byte_idx] = if bytes[byte_idx] == b'x' { b'y' } else { b'x' };
        String::from_utf8(bytes).expect("ASCII letters in ASCII text")
    });
}

/// Applies `tamper`; returns the seq verification must name.
fn apply(copy: &mut TamperedCopy, tamper: &Tamper) -> u64 {
    let n_entries = copy.entries.len();
    match *tamper {
        Tamper::FlipByte { entry_pick, field, byte_pick, xor } => {
            let entry = &mut copy.entries[entry_pick % n_entries];
            let seq = entry.seq;
            match field {
                0 => entry.seq ^= u64::from(xor) << (8 * (byte_pick % 8)),
                1 => entry.recorded_at_ms ^= i64::from(xor) << (8 * (byte_pick % 8)),
                2 => flip_text(&mut entry.actor, byte_pick, xor),
                3 => flip_text(&mut entry.command_id, byte_pick, xor),
                4 => flip_text(&mut entry.kind, byte_pick, xor),
                5 => flip(&mut entry.payload, byte_pick, xor),
                _ => flip(&mut entry.hash, byte_pick, xor),
            }
            seq
        }
        Tamper::Delete { entry_pick } => copy.entries.remove(entry_pick % n_entries).seq,
        Tamper::Swap { first_pick, second_pick } => {
            let first = first_pick % n_entries;
            let mut second = second_pick % n_entries;
            if second == first {
                second = (first + 1) % n_entries;
            }
            copy.entries.swap(first, second);
            first.min(second) as u64 + 1
        }
        Tamper::Insert { at_pick, forged_hash } => {
            let at_idx = at_pick % (n_entries + 1);
            let seq = at_idx as u64 + 1;
            let previous = if at_idx == 0 { Head::EMPTY.hash } else { copy.entries[at_idx - 1].hash };
            let payload = br#"{"qty_milli":1000000}"#.to_vec();
            let hash = if forged_hash {
                entry_hash(&previous, seq, 7, "mallory", "forged", "StockReceived", &payload)
            } else {
                [0xab; 32]
            };
            for later in &mut copy.entries[at_idx..] {
                later.seq += 1;
            }
            let forged = Entry {
                seq,
                recorded_at_ms: 7,
                actor: "mallory".to_owned(),
                command_id: "forged".to_owned(),
                kind: "StockReceived".to_owned(),
                payload,
                hash,
            };
            copy.entries.insert(at_idx, forged);
            // A forged entry verifies in its place; the damage shows at the entry it displaced,
            // or, inserted at the end, against the anchor.
            if forged_hash { (seq + 1).min(n_entries as u64 + 1) } else { seq }
        }
        Tamper::Truncate { keep_pick } => {
            let keep = keep_pick % n_entries;
            copy.entries.truncate(keep);
            keep as u64 + 1
        }
    }
}

fn ledger_with(events_per_command: &[usize]) -> MemoryLedger {
    let ledger = MemoryLedger::new();
    for (command_idx, &n_events) in events_per_command.iter().enumerate() {
        ledger.append(conformance::request(&format!("cmd-{command_idx}"), None, n_events)).expect("append");
    }
    ledger
}

fn copy_of(ledger: &MemoryLedger) -> TamperedCopy {
    let mut entries = Vec::new();
    ledger
        .scan(1, &mut |entry| {
            entries.push(entry);
            Ok(())
        })
        .expect("scan");
    TamperedCopy { entries, anchor: ledger.anchor().expect("anchor") }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn any_single_tampering_is_detected_at_the_right_seq(
        events_per_command in proptest::collection::vec(1..4usize, 2..6),
        tamper in tamper_strategy(),
    ) {
        let mut copy = copy_of(&ledger_with(&events_per_command));
        prop_assert!(check_chain(&copy).is_ok(), "the untouched copy verifies");
        let expected_first_bad_seq = apply(&mut copy, &tamper);
        match check_chain(&copy) {
            Ok(report) => prop_assert!(false, "{tamper:?} went undetected: {report:?}"),
            Err(failure) => prop_assert_eq!(failure.first_bad_seq, expected_first_bad_seq, "{:?}: {}", tamper, failure.reason),
        }
    }
}

/// Without an anchor a cut tail leaves a valid shorter chain: that is why backends keep one.
#[test]
fn without_an_anchor_a_cut_tail_cannot_be_seen() {
    let mut copy = copy_of(&ledger_with(&[2, 2]));
    copy.entries.truncate(2);
    assert_eq!(
        check_chain(&copy).map(|report| report.events),
        Err(prodos_ledger::ChainBreak {
            first_bad_seq: 3,
            reason: "the ledger ends at seq 2 but its anchored head is seq 4: entries were removed".to_owned()
        })
    );
    copy.anchor = None;
    assert_eq!(check_chain(&copy).map(|report| report.events), Ok(2));
}

/// Long chains go through the checker thread in several chunks; a bad entry deep inside, or one
/// in the last partial chunk, is still named exactly.
#[test]
fn a_bad_entry_deep_in_a_long_chain_is_named() {
    let ledger = MemoryLedger::new();
    for command_idx in 0..30 {
        ledger.append(conformance::request(&format!("cmd-{command_idx}"), None, 100)).expect("append");
    }
    for bad_idx in [0, 1023, 1024, 2047, 2999] {
        let mut copy = copy_of(&ledger);
        copy.entries[bad_idx].payload.push(b' ');
        assert_eq!(check_chain(&copy).map_err(|failure| failure.first_bad_seq), Err(bad_idx as u64 + 1));
    }
    // Chunks are checked in parallel: the lowest bad seq wins whichever checker finds it first.
    for (early_idx, late_idx) in [(1500, 2500), (100, 1100), (2100, 2101)] {
        let mut copy = copy_of(&ledger);
        copy.entries[late_idx].payload.push(b' ');
        copy.entries[early_idx].hash[0] ^= 1;
        assert_eq!(check_chain(&copy).map_err(|failure| failure.first_bad_seq), Err(early_idx as u64 + 1));
    }
    let mut copy = copy_of(&ledger);
    copy.entries.remove(2048);
    assert_eq!(check_chain(&copy).map_err(|failure| failure.first_bad_seq), Err(2049), "a gap at a chunk boundary");
}
