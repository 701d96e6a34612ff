//! Any single tampering with the file (a changed byte in any column, a deleted, swapped,
//! inserted or renumbered entry, a truncated tail) fails verification at the right seq.

use prodos_ledger::{GENESIS_HASH, LedgerError, LedgerStore, check_chain, entry_hash};
use prodos_testkit::ledger_conformance as conformance;
use proptest::prelude::*;
use rusqlite::{Connection, params};

use crate::support::fresh_ledger;

#[derive(Debug, Clone, Copy)]
enum Column {
    RecordedAt,
    Actor,
    CommandId,
    Kind,
    Payload,
    Hash,
}

#[derive(Debug, Clone)]
enum Tamper {
    FlipByte { seq_pick: usize, column: Column, byte_pick: usize, xor: u8 },
    Delete { seq_pick: usize },
    Swap { first_pick: usize, second_pick: usize },
    Insert { at_pick: usize, forged_hash: bool },
    Truncate { keep_pick: usize },
    Renumber { seq_pick: usize },
}

fn tamper_strategy() -> impl Strategy<Value = Tamper> {
    let column = prop_oneof![
        Just(Column::RecordedAt),
        Just(Column::Actor),
        Just(Column::CommandId),
        Just(Column::Kind),
        Just(Column::Payload),
        Just(Column::Hash)
    ];
    prop_oneof![
        (any::<usize>(), column, any::<usize>(), 1..=255u8)
            .prop_map(|(seq_pick, column, byte_pick, xor)| Tamper::FlipByte { seq_pick, column, byte_pick, xor }),
        any::<usize>().prop_map(|seq_pick| Tamper::Delete { seq_pick }),
        (any::<usize>(), any::<usize>()).prop_map(|(first_pick, second_pick)| Tamper::Swap { first_pick, second_pick }),
        (any::<usize>(), any::<bool>()).prop_map(|(at_pick, forged_hash)| Tamper::Insert { at_pick, forged_hash }),
        any::<usize>().prop_map(|keep_pick| Tamper::Truncate { keep_pick }),
        any::<usize>().prop_map(|seq_pick| Tamper::Renumber { seq_pick }),
    ]
}

/// An attacker with the file: the append-only triggers are no obstacle to them.
fn attacker(path: &std::path::Path) -> Connection {
    let connection = Connection::open(path).expect("open the file directly");
    connection
        .execute_batch("DROP TRIGGER entries_are_append_only_update; DROP TRIGGER entries_are_append_only_delete;")
        .expect("drop guards");
    connection
}

/// Applies `tamper` to a ledger of `n_entries` entries; returns the seq verification must name.
fn apply(connection: &Connection, tamper: &Tamper, n_entries: u64) -> u64 {
    let pick_seq = |pick: usize| 1 + pick as u64 % n_entries;
    match *tamper {
        Tamper::FlipByte { seq_pick, column, byte_pick, xor } => {
            let seq = pick_seq(seq_pick);
            flip_byte(connection, seq, column, byte_pick, xor);
            seq
        }
        Tamper::Delete { seq_pick } => {
            let seq = pick_seq(seq_pick);
            connection.execute("DELETE FROM entries WHERE seq = ?1", [seq]).expect("delete");
            seq
        }
        Tamper::Swap { first_pick, second_pick } => {
            let first = pick_seq(first_pick);
            let mut second = pick_seq(second_pick);
            if second == first {
                second = first % n_entries + 1;
            }
            swap(connection, first, second);
            first.min(second)
        }
        Tamper::Insert { at_pick, forged_hash } => {
            let at = 1 + at_pick as u64 % (n_entries + 1);
            insert(connection, at, forged_hash);
            // A forged entry verifies in its place; the damage shows at the entry it displaced,
            // or, inserted at the end, against the anchor.
            if forged_hash { (at + 1).min(n_entries + 1) } else { at }
        }
        Tamper::Truncate { keep_pick } => {
            let keep = keep_pick as u64 % n_entries;
            connection.execute("DELETE FROM entries WHERE seq > ?1", [keep]).expect("truncate");
            keep + 1
        }
        Tamper::Renumber { seq_pick } => {
            let seq = pick_seq(seq_pick);
            connection.execute("UPDATE entries SET seq = ?1 WHERE seq = ?2", [n_entries + 10, seq]).expect("renumber");
            seq
        }
    }
}

fn flip_byte(connection: &Connection, seq: u64, column: Column, byte_pick: usize, xor: u8) {
    let name = match column {
        Column::RecordedAt => {
            let shift = 8 * (byte_pick % 8);
            let recorded_at_ms: i64 = connection
                .query_row("SELECT recorded_at_ms FROM entries WHERE seq = ?1", [seq], |row| row.get(0))
                .expect("read time");
            connection
                .execute(
                    "UPDATE entries SET recorded_at_ms = ?1 WHERE seq = ?2",
                    params![recorded_at_ms ^ (i64::from(xor) << shift), seq],
                )
                .expect("flip time");
            return;
        }
        Column::Actor => "actor",
        Column::CommandId => "command_id",
        Column::Kind => "kind",
        Column::Payload => "payload",
        Column::Hash => "hash",
    };
    let mut bytes: Vec<u8> = connection
        .query_row(&format!("SELECT CAST({name} AS BLOB) FROM entries WHERE seq = ?1"), [seq], |row| row.get(0))
        .expect("read column");
    let byte_idx = byte_pick % bytes.len();
    bytes[byte_idx] ^= xor;
    // Text columns keep their type: the flipped bytes go back as TEXT, valid UTF-8 or not.
    let value = if matches!(column, Column::Payload | Column::Hash) { "?1" } else { "CAST(?1 AS TEXT)" };
    connection
        .execute(&format!("UPDATE entries SET {name} = {value} WHERE seq = ?2"), params![bytes, seq])
        .expect("write flipped column");
}

fn swap(connection: &Connection, first: u64, second: u64) {
    connection
        .execute_batch(&format!(
            "UPDATE entries SET seq = -1 WHERE seq = {first};
             UPDATE entries SET seq = {first} WHERE seq = {second};
             UPDATE entries SET seq = {second} WHERE seq = -1;"
        ))
        .expect("swap");
    // Moving whole rows swaps their contents while every seq stays in place.
}

fn insert(connection: &Connection, at: u64, forged_hash: bool) {
    connection
        .execute_batch(&format!(
            "UPDATE entries SET seq = -(seq + 1) WHERE seq >= {at}; UPDATE entries SET seq = -seq WHERE seq < 0;"
        ))
        .expect("make room");
    let previous = if at == 1 {
        GENESIS_HASH
    } else {
        connection
            .query_row("SELECT hash FROM entries WHERE seq = ?1", [at - 1], |row| row.get(0))
            .expect("previous hash")
    };
    let (actor, command_id, kind, payload) = ("mallory", "forged", "StockReceived", br#"{"qty_milli":1000000}"#);
    let hash = if forged_hash { entry_hash(&previous, at, 7, actor, command_id, kind, payload) } else { [0xab; 32] };
    connection
        .execute(
            "INSERT INTO entries (seq, recorded_at_ms, actor, command_id, kind, payload, hash) VALUES (?1, 7, ?2, ?3, ?4, ?5, ?6)",
            params![at, actor, command_id, kind, &payload[..], &hash[..]],
        )
        .expect("insert forged entry");
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, ..ProptestConfig::default() })]

    #[test]
    fn any_single_tampering_is_detected_at_the_right_seq(
        events_per_command in proptest::collection::vec(1..4usize, 2..5),
        tamper in tamper_strategy(),
    ) {
        let temp = fresh_ledger();
        let requests = events_per_command
            .iter()
            .enumerate()
            .map(|(command_idx, &n_events)| conformance::request(&format!("cmd-{command_idx}"), None, n_events))
            .collect();
        temp.ledger.append_many(requests);
        let n_entries = temp.ledger.head().expect("head").seq;
        prop_assert!(check_chain(&temp.ledger).is_ok(), "the untouched ledger verifies");

        let expected_first_bad_seq = apply(&attacker(&temp.path()), &tamper, n_entries);
        match check_chain(&temp.ledger) {
            Ok(report) => prop_assert!(false, "{tamper:?} went undetected: {report:?}"),
            Err(failure) => prop_assert_eq!(failure.first_bad_seq, expected_first_bad_seq, "{:?}: {}", tamper, failure.reason),
        }
    }
}

/// Accidental edits through SQL fail: the file is append-only unless someone drops the guards.
#[test]
fn plain_sql_cannot_edit_or_cut_the_ledger() {
    let temp = fresh_ledger();
    temp.ledger.append(conformance::request("c1", None, 2)).expect("append");
    let connection = Connection::open(temp.path()).expect("open the file directly");
    for statement in [
        "UPDATE entries SET payload = x'00' WHERE seq = 1",
        "DELETE FROM entries WHERE seq = 2",
        "UPDATE head_anchor SET seq = 1",
        "DELETE FROM head_anchor",
    ] {
        assert!(connection.execute(statement, []).is_err(), "{statement} must be refused");
    }
    assert_eq!(check_chain(&temp.ledger).expect("still verifies").events, 2);
}

/// A cut tail is reported by verify and refused by the writer: new entries must not bury it.
#[test]
fn a_truncated_ledger_fails_verify_and_refuses_appends() {
    let temp = fresh_ledger();
    temp.ledger.append(conformance::request("c1", None, 5)).expect("append");
    attacker(&temp.path()).execute("DELETE FROM entries WHERE seq > 3", []).expect("truncate");
    assert_eq!(check_chain(&temp.ledger).map_err(|failure| failure.first_bad_seq), Err(4));
    match temp.ledger.append(conformance::request("c2", None, 1)) {
        Err(LedgerError::Corrupt { seq: 4, .. }) => {}
        other => panic!("an append to a truncated ledger must be refused as corrupt at seq 4, got {other:?}"),
    }
    assert_eq!(temp.ledger.head().expect("head").seq, 3, "nothing was appended");
}

/// Without its anchor row the ledger can no longer rule out truncation, and says so.
#[test]
fn a_deleted_anchor_fails_verify() {
    let temp = fresh_ledger();
    temp.ledger.append(conformance::request("c1", None, 2)).expect("append");
    attacker(&temp.path())
        .execute_batch("DROP TRIGGER head_anchor_is_kept; DELETE FROM head_anchor;")
        .expect("delete the anchor");
    assert_eq!(check_chain(&temp.ledger).map_err(|failure| failure.first_bad_seq), Err(1));
    assert!(matches!(temp.ledger.append(conformance::request("c2", None, 1)), Err(LedgerError::Corrupt { .. })));
}
