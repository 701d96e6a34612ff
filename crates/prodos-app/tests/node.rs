//! The node's promises, checked against the in-memory ledger: replay rebuilds the live state,
//! a rejected command changes nothing, a retried command id writes nothing new, and two writers
//! on one ledger never overwrite each other.

use prodos_app::{CommandMeta, Node, NodeError};
use prodos_core::StockCommand;
use prodos_core::stock::{LotReceipt, Provenance};
use prodos_core::{Command, LotId, Milli, Millicents, Quantity, Timestamp, Unit};
use prodos_ledger::{LedgerStore, MemoryLedger};
use proptest::prelude::*;
use std::sync::Arc;

fn meta(command_id: &str) -> CommandMeta {
    CommandMeta {
        command_id: command_id.to_string(),
        actor: prodos_core::Actor::Local("test".into()),
        now: Timestamp::from_millis(1_700_000_000_000),
    }
}

fn receive(material: &str, units: i64) -> Command {
    Command::Stock(StockCommand::ReceiveLots {
        lots: vec![LotReceipt {
            material: material.to_string(),
            material_name: None,
            qty: Quantity { amount: Milli::from_units(units), unit: Unit::Kilogram },
            unit_cost: Millicents::from_currency(4.0).unwrap(),
            location: "shelf-a".to_string(),
            provenance: Provenance::Supplier("sawmill".to_string()),
        }],
    })
}

fn kg(units: i64) -> Quantity {
    Quantity { amount: Milli::from_units(units), unit: Unit::Kilogram }
}

#[test]
fn a_retried_command_returns_its_first_result_and_writes_nothing() {
    let store = Arc::new(MemoryLedger::new());
    let node = Node::open(store.clone()).unwrap();
    let first = node.execute(&receive("maple", 5), &meta("cmd-1")).unwrap();
    let head = store.head().unwrap();
    let retried = node.execute(&receive("maple", 5), &meta("cmd-1")).unwrap();
    assert!(retried.replayed);
    assert_eq!(retried.events, first.events);
    assert_eq!(retried.seqs, first.seqs);
    assert_eq!(store.head().unwrap(), head);
    assert_eq!(node.read(|state| state.stock.on_hand("maple")), Milli::from_units(5));
}

#[test]
fn a_rejected_command_leaves_state_and_ledger_untouched() {
    let store = Arc::new(MemoryLedger::new());
    let node = Node::open(store.clone()).unwrap();
    node.execute(&receive("maple", 5), &meta("cmd-1")).unwrap();
    let before = node.read(|state| state.clone());
    let head = store.head().unwrap();
    let consume = Command::Stock(StockCommand::ConsumeStock { material: "maple".into(), qty: kg(6), purpose: None });
    let error = node.execute(&consume, &meta("cmd-2")).unwrap_err();
    assert!(error.to_string().contains("not enough `maple`: 5 available, 6 wanted"), "{error}");
    assert_eq!(store.head().unwrap(), head);
    assert_eq!(node.read(|state| state.clone()), before);
}

#[test]
fn a_stale_writer_re_decides_on_fresh_state_instead_of_overwriting() {
    let store = Arc::new(MemoryLedger::new());
    let first = Node::open(store.clone()).unwrap();
    let second = Node::open(store.clone()).unwrap();
    first.execute(&receive("maple", 5), &meta("a")).unwrap();
    // `second` has not seen the lot; its append conflicts, it catches up and decides again.
    let receipt = second.execute(&receive("spruce", 3), &meta("b")).unwrap();
    // The first writer named its operator identity too; deciding again, the second sees it known.
    assert_eq!(receipt.seqs, vec![4, 5], "material registration + lot, after the first three entries");
    assert_eq!(second.read(|state| state.stock.next_lot_id()), LotId(3));
    // And a decision that depends on the other writer's facts now sees them.
    let consume = Command::Stock(StockCommand::ConsumeStock { material: "maple".into(), qty: kg(5), purpose: None });
    second.execute(&consume, &meta("c")).unwrap();
    first.refresh().unwrap();
    assert_eq!(first.read(|state| state.clone()), second.read(|state| state.clone()));
}

#[test]
fn a_ledger_with_an_unreadable_event_names_its_sequence_number() {
    let store = Arc::new(MemoryLedger::new());
    store
        .append(prodos_ledger::AppendRequest {
            command_id: "x".into(),
            actor: "test".into(),
            recorded_at_ms: 0,
            expected_head: Some(0),
            events: vec![prodos_ledger::NewEvent { kind: "FromTheFuture".into(), payload: b"{}".to_vec() }],
        })
        .unwrap();
    let error = Node::open(store).err().expect("an unknown event must not be skipped silently");
    assert!(matches!(error, NodeError::Undecodable { seq: 1, .. }), "{error}");
}

/// A small language of stock commands, some of which will be rejected.
fn stock_command() -> impl Strategy<Value = Command> {
    let material = prop::sample::select(vec!["maple", "spruce", "rosewood"]);
    prop_oneof![
        (material.clone(), 1..20i64).prop_map(|(material, units)| receive(material, units)),
        (material.clone(), 1..15i64, prop::sample::select(vec!["PROD-0001", "PROD-0002"])).prop_map(
            |(material, units, purpose)| Command::Stock(StockCommand::ReserveStock {
                material: material.into(),
                qty: kg(units),
                purpose: purpose.into()
            })
        ),
        (material.clone(), prop::option::of(prop::sample::select(vec!["PROD-0001", "PROD-0002"]))).prop_map(
            |(material, purpose)| match purpose {
                Some(purpose) => Command::Stock(StockCommand::ReleaseStock {
                    purpose: purpose.into(),
                    material: Some(material.into())
                }),
                None => Command::Stock(StockCommand::ReleaseStock { purpose: "PROD-0009".into(), material: None }),
            }
        ),
        (material.clone(), 1..15i64, prop::option::of(prop::sample::select(vec!["PROD-0001", "PROD-0002"]))).prop_map(
            |(material, units, purpose)| Command::Stock(StockCommand::ConsumeStock {
                material: material.into(),
                qty: kg(units),
                purpose: purpose.map(Into::into)
            })
        ),
        (1..6u32, -10..10i64).prop_map(|(lot, units)| Command::Stock(StockCommand::AdjustLot {
            lot: LotId(lot),
            delta: Milli::from_units(units),
            reason: "count".into()
        })),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn replaying_the_ledger_rebuilds_the_live_state(commands in prop::collection::vec(stock_command(), 1..40)) {
        let store = Arc::new(MemoryLedger::new());
        let node = Node::open(store.clone()).unwrap();
        let mut acknowledged = Vec::new();
        for (index, command) in commands.iter().enumerate() {
            let before = node.read(|state| state.clone());
            let head = store.head().unwrap();
            match node.execute(command, &meta(&format!("cmd-{index}"))) {
                Ok(receipt) => {
                    prop_assert_eq!(receipt.seqs.len(), receipt.events.len());
                    acknowledged.push((index, receipt));
                }
                Err(NodeError::Rejected(_)) => {
                    prop_assert_eq!(store.head().unwrap(), head);
                    prop_assert_eq!(node.read(|state| state.clone()), before);
                }
                Err(other) => return Err(TestCaseError::fail(other.to_string())),
            }
            node.read(|state| state.check_invariants()).map_err(TestCaseError::fail)?;
        }
        // Retrying an acknowledged command id returns its first result and writes nothing new.
        let head = store.head().unwrap();
        for (index, first) in acknowledged.iter().filter(|(_, receipt)| !receipt.events.is_empty()) {
            let retried = node.execute(&commands[*index], &meta(&format!("cmd-{index}"))).unwrap();
            prop_assert!(retried.replayed);
            prop_assert_eq!(&retried.seqs, &first.seqs);
        }
        prop_assert_eq!(store.head().unwrap(), head);
        let replayed = Node::open(store.clone()).unwrap();
        prop_assert_eq!(replayed.read(|state| state.clone()), node.read(|state| state.clone()));
        prop_assert_eq!(replayed.head(), node.head());
    }
}
