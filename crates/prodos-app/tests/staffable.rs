//! A plan the planner calls staffable is staffable: on the cooperative where a person certified
//! in welding and cutting used to be counted in both pools (the verdict said ON TIME, the matcher
//! then filled 106 of 120 places), the committed plan's every place is filled by `match propose`,
//! and confirming the proposal is accepted by the core.

use prodos_app::planning::{ProposeOptions, propose_plan};
use prodos_app::{CommandMeta, Node, queries};
use prodos_core::matching::MatchingCommand;
use prodos_core::plan::Day;
use prodos_core::{Actor, Command, DesignId, DesignSelector, PlanCommand, PlanEvent, Timestamp};
use prodos_ledger::MemoryLedger;
use prodos_testkit::press::{press_cooperative, press_shop_commands};
use std::sync::Arc;

#[test]
fn every_place_of_a_plan_the_planner_took_is_filled_by_the_matcher() {
    let node = Node::open(Arc::new(MemoryLedger::default())).unwrap();
    let monday: Day = "2026-11-23".parse().unwrap();
    let now = Timestamp::from_millis(monday.start().millis() + 9 * 3_600_000);
    let mut sequence = 0;
    let mut meta = || {
        sequence += 1;
        CommandMeta { command_id: format!("c{sequence}"), actor: Actor::Local("cora".into()), now }
    };
    for command in press_shop_commands(&press_cooperative()) {
        node.execute(&command, &meta()).expect("the shop is set up");
    }
    let created = node
        .execute(
            &Command::Plan(PlanCommand::CreateMandate {
                design: DesignSelector { design: DesignId(1), version: None },
                qty: 6,
                due: "2027-03-31".parse().unwrap(),
                decision: None,
                priority: 0,
            }),
            &meta(),
        )
        .unwrap();
    let mandate = created
        .events
        .iter()
        .find_map(|event| match event {
            prodos_core::Event::Plan(PlanEvent::MandateCreated { mandate }) => Some(mandate.id),
            _ => None,
        })
        .expect("a mandate");
    let proposed = propose_plan(&node, mandate, &ProposeOptions::default(), &meta()).unwrap();
    let plan = queries::plans(&node, Some("proposed")).into_iter().next().expect("a proposed plan");
    assert!(plan.on_time, "the press plan is on time: {plan:?}");
    node.execute(&Command::Plan(PlanCommand::CommitPlan { plan: proposed.plan }), &meta()).unwrap();

    let run = queries::match_proposal(&node, proposed.plan, "cora", now).unwrap();
    assert_eq!(run.places_open, 6 * 5, "two welders, a welder, a cutter and a driller per press");
    assert_eq!(run.places_filled, run.places_open, "{:?}", run.command);
    node.execute(&run.command, &meta()).expect("the proposal is accepted");
    let confirm = MatchingCommand::ConfirmMatch { plan: proposed.plan, by: "cora".into() };
    node.execute(&Command::Matching(confirm), &meta()).expect("the crews are confirmed");
    queries::check_invariants(&node).unwrap();
}
