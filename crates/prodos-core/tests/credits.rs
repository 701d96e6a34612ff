//! Value accounting: labor-only credits with monthly-step decay, the contribution gate, and the
//! refusals around them. Scenario tests end with `verify`; property tests pin the arithmetic.

use prodos_core::credits::account::{decay_step, fold};
use prodos_core::credits::gate::{check, contribution_hours};
use prodos_core::credits::model::{CreditEntry, DECAY_PERIOD_MS, LaborRecord};
use prodos_core::credits::{CreditsCommand, GateRule, Privilege, statement};
use prodos_core::people::{NewParticipant, PeopleCommand};
use prodos_core::*;
use prodos_testkit::World;
use proptest::prelude::*;

fn shop() -> World {
    let mut world = World::new();
    let participants = ["carol", "dana", "erin"]
        .iter()
        .map(|handle| NewParticipant { handle: handle.to_string(), real_name: None, coordinator: *handle == "carol" })
        .collect();
    world.people(PeopleCommand::AddParticipants { participants, by: None }).unwrap();
    for (handle, level) in [("dana", 4), ("erin", 2)] {
        world
            .people(PeopleCommand::GrantCertification {
                handle: handle.into(),
                skill: "joinery".into(),
                level,
                expires_on: None,
                by: "carol".into(),
            })
            .unwrap();
    }
    world
}

fn labor(handle: &str, level: i64, hours: i64, verified_by: &str) -> Command {
    Command::Credits(CreditsCommand::RecordLabor {
        handle: handle.into(),
        skill: "joinery".into(),
        level,
        hours: Milli::from_units(hours),
        verified_by: verified_by.into(),
        note: "bench repairs".into(),
    })
}

#[test]
fn labor_earns_weighted_credits_that_decay_in_monthly_steps() {
    let mut world = shop();
    world
        .run(Command::Credits(CreditsCommand::SetCreditWeight {
            skill: "joinery".into(),
            level: 2,
            weight_per_hour: Milli(1500),
            by: "carol".into(),
        }))
        .unwrap();
    world.run(labor("erin", 2, 4, "dana")).unwrap();
    let now = world.now;
    let account = statement(&world.state.credits, "erin", now);
    assert_eq!((account.earned, account.balance), (Milli::from_units(6), Milli::from_units(6)));
    // Two boundaries later at 5 % each (rounded up): 6 → 5.7 → 5.415.
    let later = Timestamp::from_millis((now.millis().div_euclid(DECAY_PERIOD_MS) + 2) * DECAY_PERIOD_MS);
    let account = statement(&world.state.credits, "erin", later);
    assert_eq!((account.decayed, account.balance), (Milli(585), Milli(5415)));
    assert_eq!(account.rows.len(), 3);
    assert!(account.rows[0].what.contains("4 h joinery:2, verified by dana"), "{}", account.rows[0].what);
    world.check_invariants();
}

#[test]
fn labor_refusals_name_the_rule_and_write_nothing() {
    let mut world = shop();
    assert_eq!(world.refuse(labor("erin", 2, 4, "erin")).to_string(), "erin cannot verify their own work");
    assert_eq!(
        world.refuse(labor("erin", 3, 4, "dana")).to_string(),
        "erin is not qualified for `joinery` at level 3: holds level 2 only"
    );
    assert_eq!(
        world.refuse(labor("dana", 4, 4, "erin")).to_string(),
        "erin is not qualified for `joinery` at level 4: holds level 2 only"
    );
    assert_eq!(world.refuse(labor("zoe", 1, 4, "carol")).to_string(), "unknown participant `zoe` (field `handle`)");
    assert_eq!(
        world.refuse(labor("erin", 2, 0, "carol")).to_string(),
        "field `hours`: quantity must be positive, got 0"
    );
    assert_eq!(
        world.refuse(labor("erin", 2, 25, "carol")).to_string(),
        "field `hours`: 25 h is more than one record may hold (24 h)"
    );
    world.check_invariants();
}

#[test]
fn the_contribution_gate_opens_level_four_work_after_recent_verified_hours() {
    let mut world = shop();
    let rule = CreditsCommand::SetGateRule {
        privilege: Privilege::WorkFromLevel { level: 4 },
        min_hours: Milli::from_units(6),
        window_days: 30,
        by: "carol".into(),
    };
    world.run(Command::Credits(rule)).unwrap();
    assert_eq!(
        world.refuse(labor("dana", 4, 3, "carol")).to_string(),
        "dana may not take level-4+ operations yet: 0 verified hours in the last 30 days, 6 needed"
    );
    world.run(labor("dana", 3, 5, "carol")).unwrap();
    world.run(labor("dana", 1, 1, "carol")).unwrap();
    world.run(labor("dana", 4, 3, "carol")).unwrap();
    world.now = world.now.plus_days(31);
    assert!(world.refuse(labor("dana", 4, 3, "carol")).to_string().contains("0 verified hours in the last 30 days"));
    world.check_invariants();
}

fn record(hours: i64, at: i64) -> LaborRecord {
    LaborRecord {
        handle: "p".into(),
        skill: "s".into(),
        level: 1,
        hours: Milli(hours),
        credits: Milli(hours),
        verified_by: "v".into(),
        task: None,
        note: String::new(),
        at: Timestamp(at),
    }
}

/// One step of a random credit history: earn, or try to spend (capped at the balance, as
/// decide does), each some time after the previous.
#[derive(Debug, Clone)]
enum Step {
    Earn { credits: i64, gap_ms: i64 },
    Spend { credits: i64, gap_ms: i64 },
}

fn step() -> impl Strategy<Value = Step> {
    let gap = 0i64..(90 * 86_400_000);
    prop_oneof![
        (1i64..50_000, gap.clone()).prop_map(|(credits, gap_ms)| Step::Earn { credits, gap_ms }),
        (1i64..50_000, gap).prop_map(|(credits, gap_ms)| Step::Spend { credits, gap_ms }),
    ]
}

fn build(steps: &[Step], rate_bp: u32) -> (Vec<CreditEntry>, Vec<LaborRecord>, Timestamp) {
    let (mut entries, mut labor) = (Vec::new(), Vec::new());
    let mut at = 1_790_000_000_000i64;
    for step in steps {
        match step {
            Step::Earn { credits, gap_ms } => {
                at += gap_ms;
                entries.push(CreditEntry::Earned { labor: labor.len(), credits: Milli(*credits), at: Timestamp(at) });
                labor.push(record(*credits, at));
            }
            Step::Spend { credits, gap_ms } => {
                at += gap_ms;
                let balance = fold(&entries, &labor, |_| rate_bp, Timestamp(at)).balance;
                let credits = Milli(*credits).min(balance);
                if credits > Milli::ZERO {
                    entries.push(CreditEntry::Spent { credits, what: "good".into(), at: Timestamp(at) });
                }
            }
        }
    }
    (entries, labor, Timestamp(at))
}

proptest! {
    #[test]
    fn balance_is_labor_minus_decay_minus_spending_and_never_negative(
        steps in prop::collection::vec(step(), 0..30),
        rate_bp in 0u32..=10_000,
        after_ms in 0i64..(400 * 86_400_000),
    ) {
        let (entries, labor, last) = build(&steps, rate_bp);
        let now = Timestamp(last.0 + after_ms);
        let account = fold(&entries, &labor, |_| rate_bp, now);
        let labor_credits: Milli = labor.iter().map(|record| record.credits).sum();
        prop_assert_eq!(account.earned, labor_credits);
        prop_assert_eq!(account.balance, account.earned - account.decayed - account.spent);
        prop_assert!(account.rows.iter().all(|row| row.balance >= Milli::ZERO));
        prop_assert!(account.balance >= Milli::ZERO);
    }

    #[test]
    fn without_new_entries_the_balance_never_grows(
        steps in prop::collection::vec(step(), 1..20),
        rate_bp in 0u32..=10_000,
        first_ms in 0i64..(400 * 86_400_000),
        extra_ms in 0i64..(400 * 86_400_000),
    ) {
        let (entries, labor, last) = build(&steps, rate_bp);
        let earlier = fold(&entries, &labor, |_| rate_bp, Timestamp(last.0 + first_ms));
        let later = fold(&entries, &labor, |_| rate_bp, Timestamp(last.0 + first_ms + extra_ms));
        prop_assert!(later.balance <= earlier.balance);
        prop_assert!(later.decayed >= earlier.decayed);
    }

    #[test]
    fn one_decay_step_loses_a_rounded_up_share_and_never_more_than_the_balance(
        balance in 0i64..1_000_000_000, rate_bp in 0u32..=10_000,
    ) {
        let loss = decay_step(Milli(balance), rate_bp);
        prop_assert!(loss >= Milli::ZERO && loss.0 <= balance);
        prop_assert!(i128::from(loss.0) * 10_000 >= i128::from(balance) * i128::from(rate_bp));
    }

    #[test]
    fn the_gate_opens_exactly_at_the_threshold_and_more_work_never_closes_it(
        hours in prop::collection::vec((1i64..10_000, 0i64..(60 * 86_400_000)), 0..20),
        min_hours in 0i64..50_000,
        window_days in 1u32..60,
        extra in 1i64..10_000,
    ) {
        let now = Timestamp(1_800_000_000_000);
        let mut world_credits = prodos_core::State::default();
        let mut events: Vec<Event> = hours
            .iter()
            .map(|(h, ago)| Event::Credits(prodos_core::credits::CreditsEvent::LaborRecorded {
                labor: record(*h, now.0 - ago),
            }))
            .collect();
        for event in &events {
            world_credits.apply(event);
        }
        let rule = GateRule { privilege: Privilege::ReceiveGoods, min_hours: Milli(min_hours), window_days };
        let have = contribution_hours(&world_credits.credits, "p", window_days, now);
        let expected: i64 = hours
            .iter()
            .filter(|(_, ago)| *ago < i64::from(window_days) * 86_400_000)
            .map(|(h, _)| *h)
            .sum();
        prop_assert_eq!(have, Milli(expected));
        let open = check(&world_credits.credits, &rule, "p", now).is_ok();
        prop_assert_eq!(open, expected >= min_hours);
        events.push(Event::Credits(prodos_core::credits::CreditsEvent::LaborRecorded { labor: record(extra, now.0) }));
        world_credits.apply(events.last().unwrap());
        if open {
            prop_assert!(check(&world_credits.credits, &rule, "p", now).is_ok());
        }
    }
}
