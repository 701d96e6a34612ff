//! Old ledgers keep replaying. `fixtures/ledger-v1.jsonl` was written by the build of December
//! 2026 (`examples/write_legacy_ledger.rs`: the demo plus access changes); whatever the events'
//! encoding has become since, replaying it must fold to the same state. The state is compared
//! through the views users see, summarised in a snapshot (counts and statuses in the clear, the
//! whole projection as a digest), so a difference anywhere in the fold fails here. The story told
//! again with today's build is a snapshot of its own, and may differ from the fixture only where
//! the planner decides (schedules, and the work and credits that follow them).

mod legacy;

use prodos_app::Node;
use prodos_app::views::designs::DesignSummary;
use prodos_app::views::people::{
    AttemptView, ChallengeView, CreditBalanceView, EntitlementView, GoodView, ParticipantView, TaskView,
};
use prodos_app::views::plans::{MandateView, PlanSummaryView};
use prodos_app::views::record::PublicRecordView;
use prodos_app::views::stock::{LotView, MaterialView, SupplierView};
use prodos_core::State;
use prodos_ledger::{AppendRequest, LedgerStore, MemoryLedger, NewEvent};
use serde::Deserialize;
use serde_json::{Value, json};
use std::collections::BTreeMap;
use std::sync::Arc;

/// When the fixture was seeded; views that depend on "now" (validity, decay) are taken then.
use legacy::scenario::SEEDED_AT;

#[derive(Deserialize)]
struct Line {
    command_id: String,
    actor: String,
    recorded_at_ms: i64,
    kind: String,
    payload: String,
}

/// A ledger holding the fixture's entries, appended command by command as they were written.
fn ledger_of(fixture: &str) -> Arc<MemoryLedger> {
    let text = std::fs::read_to_string(fixture).unwrap_or_else(|error| panic!("{fixture}: {error}"));
    let lines: Vec<Line> = text
        .lines()
        .enumerate()
        .map(|(n, line)| serde_json::from_str(line).unwrap_or_else(|error| panic!("{fixture}:{}: {error}", n + 1)))
        .collect();
    let ledger = Arc::new(MemoryLedger::default());
    let mut seq = 0u64;
    for command in lines.chunk_by(|a, b| a.command_id == b.command_id) {
        let first = &command[0];
        let request = AppendRequest {
            command_id: first.command_id.clone(),
            actor: first.actor.clone(),
            recorded_at_ms: first.recorded_at_ms,
            expected_head: Some(seq),
            events: command
                .iter()
                .map(|line| NewEvent { kind: line.kind.clone(), payload: line.payload.clone().into_bytes() })
                .collect(),
        };
        ledger.append(request).expect("append the fixture");
        seq += command.len() as u64;
    }
    ledger
}

/// Everything a user can read of the state, as the views render it.
fn projection(state: &State) -> Value {
    let at = SEEDED_AT;
    let people: Vec<_> = state.people.iter().collect();
    json!({
        "designs": state.designs.iter().map(DesignSummary::of).collect::<Vec<_>>(),
        "materials": state.stock.materials().map(|m| MaterialView::of(state, m)).collect::<Vec<_>>(),
        "lots": state.stock.lots().map(|lot| LotView::of(state, lot)).collect::<Vec<_>>(),
        "suppliers": state.suppliers.iter().map(SupplierView::of).collect::<Vec<_>>(),
        "mandates": state.plans.mandates().map(|m| MandateView::of(state, m)).collect::<Vec<_>>(),
        "plans": state.plans.plans().map(PlanSummaryView::of).collect::<Vec<_>>(),
        "tasks": state.plans.plans().flat_map(|plan| TaskView::of_plan(state, plan)).collect::<Vec<_>>(),
        "participants": people.iter().map(|p| ParticipantView::of(p, at)).collect::<Vec<_>>(),
        "balances": people.iter().map(|p| CreditBalanceView::of(state, &p.handle, at)).collect::<Vec<_>>(),
        "challenges": state.people.challenges().map(|c| ChallengeView::of(&state.people, c)).collect::<Vec<_>>(),
        "attempts": state.people.attempts().map(AttemptView::of).collect::<Vec<_>>(),
        "goods": state.distribution.goods().map(|g| GoodView::of(&state.distribution, g)).collect::<Vec<_>>(),
        "entitlements": state.distribution.entitlements()
            .map(|e| EntitlementView::of(&state.distribution, e)).collect::<Vec<_>>(),
        "record": PublicRecordView::of(state, 0, String::new()),
        "accounts": state.access.accounts()
            .map(|(handle, fact)| json!({"handle": handle, "role": fact.role, "disabled": fact.disabled}))
            .collect::<Vec<_>>(),
    })
}

/// Counts and statuses a reader can check by eye, plus the digest of the whole projection.
fn summary(projection: &Value, entries: u64) -> Value {
    let count = |area: &str| projection[area].as_array().map_or(0, Vec::len);
    let mut statuses: BTreeMap<String, usize> = BTreeMap::new();
    for task in projection["tasks"].as_array().into_iter().flatten() {
        *statuses.entry(task["status"].as_str().unwrap_or("?").to_string()).or_default() += 1;
    }
    let areas = [
        "designs",
        "materials",
        "lots",
        "suppliers",
        "mandates",
        "plans",
        "tasks",
        "participants",
        "challenges",
        "attempts",
        "goods",
        "entitlements",
        "accounts",
    ];
    json!({
        "entries": entries,
        "counts": areas.iter().map(|area| (area.to_string(), count(area))).collect::<BTreeMap<_, _>>(),
        "task_statuses": statuses,
        "plan_statuses": projection["plans"].as_array().into_iter().flatten()
            .map(|plan| format!("{} {}", plan["id"].as_str().unwrap_or("?"), plan["status"].as_str().unwrap_or("?")))
            .collect::<Vec<_>>(),
        "balances": projection["balances"].as_array().into_iter().flatten()
            .map(|b| format!("{} {}", b["handle"].as_str().unwrap_or("?"), b["balance"].as_str().unwrap_or("?")))
            .collect::<Vec<_>>(),
        "digest": blake3::hash(projection.to_string().as_bytes()).to_hex().to_string(),
    })
}

#[test]
fn a_ledger_written_in_december_2026_replays_to_the_same_state() {
    let ledger = ledger_of(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/ledger-v1.jsonl"));
    let node = Node::open(ledger.clone()).expect("the old ledger replays");
    let state = node.read(State::clone);
    state.check_invariants().expect("the replayed state keeps every invariant");
    let projection = projection(&state);
    insta::assert_json_snapshot!("ledger-v1", summary(&projection, node.head().seq));
}

#[test]
fn todays_build_tells_the_story_as_reviewed() {
    // The fixture stays as it was written; the story told today is its own snapshot, so a change
    // of what the story records (a planner that now staffs crews person by person) shows as a
    // reviewed difference in `story-today`, never as a silent one.
    let new = Node::open(Arc::new(MemoryLedger::default())).unwrap();
    legacy::scenario::tell(&new).expect("the story is told again");
    let state = new.read(State::clone);
    state.check_invariants().expect("today's story keeps every invariant");
    insta::assert_json_snapshot!("story-today", summary(&projection(&state), new.head().seq));
}

#[test]
fn the_fixture_and_todays_story_differ_only_where_the_planner_decides() {
    let old = Node::open(ledger_of(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/ledger-v1.jsonl"))).unwrap();
    let new = Node::open(Arc::new(MemoryLedger::default())).unwrap();
    legacy::scenario::tell(&new).expect("the story is told again");
    let (old, new) = (old.read(projection), new.read(|state| answered_as_certified(state, projection(state))));
    // What no schedule decides: the catalog, the people, the mandates, the accounts.
    for area in ["designs", "suppliers", "mandates", "participants", "challenges", "attempts", "accounts"] {
        assert!(old[area] == new[area], "{area} differ: {}", first_difference(&old[area], &new[area]));
    }
}

/// The story answers a design review with a new draft version, which the fixture (written before
/// the quality loop) does not have: the catalog is compared as the certified versions read.
fn answered_as_certified(state: &State, mut projection: Value) -> Value {
    use prodos_core::quality::Resolution;
    let answered: Vec<String> = state
        .quality
        .reviews()
        .iter()
        .filter(|review| matches!(review.resolution, Some((Resolution::NewVersion { .. }, ..))))
        .map(|review| review.flag.design.design.to_string())
        .collect();
    for design in projection["designs"].as_array_mut().into_iter().flatten() {
        if design["status"] == "draft" && answered.iter().any(|id| design["id"] == id.as_str()) {
            design["latest_version"] = design["certified_version"].clone();
            design["status"] = "certified".into();
        }
    }
    projection
}

/// Where two projections first differ, as a path and the two values.
fn first_difference(old: &Value, new: &Value) -> String {
    match (old, new) {
        (Value::Object(a), Value::Object(b)) => {
            for (key, value) in a {
                match b.get(key) {
                    Some(other) if other != value => return format!("{key}.{}", first_difference(value, other)),
                    None => return format!("{key}: only in the fixture"),
                    _ => {}
                }
            }
            "keys only today".to_string()
        }
        (Value::Array(a), Value::Array(b)) => match a.iter().zip(b).enumerate().find(|(_, (x, y))| x != y) {
            Some((index, (x, y))) => format!("[{index}].{}", first_difference(x, y)),
            None => format!("lengths {} and {}", a.len(), b.len()),
        },
        _ => format!(" {old} ≠ {new}"),
    }
}
