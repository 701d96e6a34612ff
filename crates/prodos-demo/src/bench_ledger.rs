//! Replay benchmark: how long opening a data directory takes when its ledger holds N domain
//! events (scan + decode + apply into `State`). Timing lives here, in the shell layer.

use prodos_app::Node;
use prodos_app::NodeError;
use prodos_app::encode;
use prodos_core::StockEvent;
use prodos_core::stock::{Material, Provenance};
use prodos_core::{Event, LotId, Milli, Millicents, Timestamp, Unit};
use prodos_ledger::{AppendRequest, LedgerStore};
use prodos_store_sqlite::SqliteLedger;
use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

#[derive(Debug, Clone)]
pub struct ReplayFigures {
    pub events: u64,
    /// Time to write the synthetic ledger (batched, 1,000 events per transaction).
    pub write: Duration,
    /// Time to open the ledger and fold every event into state.
    pub replay: Duration,
    /// Time to verify the hash chain of the same ledger.
    pub verify: Duration,
}

impl ReplayFigures {
    pub fn replay_events_per_s(&self) -> f64 {
        self.events as f64 / self.replay.as_secs_f64()
    }
}

/// A realistic mix of stock events on a few hundred lots: reservations, releases, consumption
/// and adjustments, each valid against the state before it.
fn synthetic_events(total: u64) -> impl Iterator<Item = Event> {
    const MATERIALS: u64 = 20;
    const LOTS: u64 = 200;
    let at = Timestamp::from_millis(1_790_000_000_000);
    let setup = (0..MATERIALS)
        .map(|material| {
            Event::Stock(StockEvent::MaterialRegistered {
                material: Material {
                    key: format!("material-{material:02}"),
                    name: format!("Material {material}"),
                    unit: Unit::Kilogram,
                },
            })
        })
        .chain((0..LOTS).map(move |lot| {
            Event::Stock(StockEvent::LotReceived {
                lot: LotId(lot as u32 + 1),
                material: format!("material-{:02}", lot % MATERIALS),
                qty: Milli::from_units(1_000_000_000),
                unit_cost: Millicents::from_currency(4.25).unwrap_or_default(),
                location: "rack-b".to_string(),
                provenance: Provenance::Supplier("sawmill-cooperative".to_string()),
                at,
            })
        }));
    let cycle = (0..).map(move |index: u64| {
        // Each group of four touches one lot: reserve, release that reservation, consume, adjust.
        let group = index / 4;
        let lot = LotId((group % LOTS) as u32 + 1);
        let purpose = format!("PROD-{:04}", group % 97);
        match index % 4 {
            0 => Event::Stock(StockEvent::StockReserved { lot, qty: Milli(1_500), purpose }),
            1 => Event::Stock(StockEvent::StockReleased { lot, qty: Milli(1_500), purpose }),
            2 => Event::Stock(StockEvent::StockConsumed {
                lot,
                material: format!("material-{:02}", (lot.0 as u64 - 1) % MATERIALS),
                qty: Milli(250),
                reserved_for: None,
                at: at.plus_days((index / 1_000) as i64),
            }),
            _ => {
                Event::Stock(StockEvent::LotAdjusted { lot, delta: Milli(250), reason: "cycle count".to_string(), at })
            }
        }
    });
    setup.chain(cycle).take(total as usize)
}

/// Writes `events` synthetic events into a fresh ledger in `dir`, then times replay and verify.
#[allow(clippy::disallowed_methods, reason = "a benchmark measures wall-clock time")]
pub fn replay(dir: &Path, events: u64) -> Result<ReplayFigures, NodeError> {
    let path = dir.join(format!("replay-{events}.sqlite3"));
    let _ = std::fs::remove_file(&path);
    let store = Arc::new(SqliteLedger::open(&path)?);
    let started = std::time::Instant::now();
    let mut batch = Vec::with_capacity(1_000);
    let mut outcome = Ok(());
    for (index, event) in synthetic_events(events).enumerate() {
        batch.push(AppendRequest {
            command_id: format!("bench-{index}"),
            actor: "bench".to_string(),
            recorded_at_ms: 1_790_000_000_000 + index as i64,
            expected_head: None,
            events: vec![encode(&event)],
        });
        if batch.len() == 1_000 {
            outcome = flush(store.as_ref(), &mut batch);
            if outcome.is_err() {
                break;
            }
        }
    }
    outcome?;
    flush(store.as_ref(), &mut batch)?;
    let write = started.elapsed();

    let started = std::time::Instant::now();
    let node = Node::open(store.clone())?;
    let replay = started.elapsed();
    assert_eq!(node.head().seq, events, "every written event was replayed");
    node.read(|state| state.check_invariants()).map_err(|reason| NodeError::Undecodable {
        seq: 0,
        kind: "state".into(),
        reason,
    })?;

    let started = std::time::Instant::now();
    prodos_ledger::check_chain(store.as_ref()).map_err(|failure| NodeError::Undecodable {
        seq: failure.first_bad_seq,
        kind: "verify".into(),
        reason: failure.reason,
    })?;
    let verify = started.elapsed();
    drop(node);
    drop(store);
    let _ = std::fs::remove_file(&path);
    Ok(ReplayFigures { events, write, replay, verify })
}

fn flush(store: &dyn LedgerStore, batch: &mut Vec<AppendRequest>) -> Result<(), NodeError> {
    if batch.is_empty() {
        return Ok(());
    }
    for result in store.append_many(std::mem::take(batch)) {
        result?;
    }
    Ok(())
}
