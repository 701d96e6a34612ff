//! Distribution scenarios: goods with serial numbers, entitlements granted or earned through the
//! contribution gate, releases that check entitlement and balance and happen once.

use prodos_core::credits::{CreditsCommand, Privilege, statement};
use prodos_core::distribution::DistributionCommand;
use prodos_core::people::{NewParticipant, PeopleCommand};
use prodos_core::*;
use prodos_testkit::{World, certified_stool};

const STOOL: DesignSelector = DesignSelector { design: DesignId(1), version: None };

fn coop() -> World {
    let mut world = World::new();
    certified_stool(&mut world);
    let participants = ["carol", "dana", "erin"]
        .iter()
        .map(|handle| NewParticipant { handle: handle.to_string(), real_name: None, coordinator: *handle == "carol" })
        .collect();
    world.people(PeopleCommand::AddParticipants { participants, by: None }).unwrap();
    let grant = PeopleCommand::GrantCertification {
        handle: "dana".into(),
        skill: "joinery".into(),
        level: 3,
        expires_on: None,
        by: "carol".into(),
    };
    world.people(grant).unwrap();
    for _ in 0..2 {
        let produce = DistributionCommand::ProduceGood {
            design: STOOL,
            serial: None,
            note: "batch 1".into(),
            by: "carol".into(),
        };
        world.run(Command::Distribution(produce)).unwrap();
    }
    world
}

fn distribute(good: &str, to: &str) -> Command {
    Command::Distribution(DistributionCommand::Distribute { good: good.into(), to: to.into(), by: "carol".into() })
}

#[test]
fn an_entitled_participant_with_credits_receives_a_good_once() {
    let mut world = coop();
    assert_eq!(world.state.distribution.good(GoodId(2)).unwrap().serial, "stool-0002");
    assert_eq!(
        world.refuse(distribute("stool-0001", "dana")).to_string(),
        "dana holds no open entitlement to goods of DES-0001"
    );
    let grant = DistributionCommand::GrantEntitlement {
        handle: "dana".into(),
        design: STOOL,
        qty: 1,
        cost_credits: Milli::from_units(5),
        by: "carol".into(),
    };
    world.run(Command::Distribution(grant)).unwrap();
    assert_eq!(world.refuse(distribute("stool-0001", "dana")).to_string(), "dana has 0 credits, 5 needed");
    let labor = CreditsCommand::RecordLabor {
        handle: "dana".into(),
        skill: "joinery".into(),
        level: 3,
        hours: Milli::from_units(8),
        verified_by: "carol".into(),
        note: "stool batch".into(),
    };
    world.run(Command::Credits(labor)).unwrap();
    world.run(distribute("stool-0001", "dana")).unwrap();
    assert_eq!(statement(&world.state.credits, "dana", world.now).balance, Milli::from_units(3));
    assert_eq!(world.refuse(distribute("GOOD-0001", "erin")).to_string(), "GOOD-0001 was already released to dana");
    // The entitlement covered one good; the second stool needs another.
    assert_eq!(
        world.refuse(distribute("GOOD-0002", "dana")).to_string(),
        "dana holds no open entitlement to goods of DES-0001"
    );
    assert_eq!(world.refuse(distribute("GOOD-0009", "dana")).to_string(), "unknown good `GOOD-0009`");
    assert_eq!(world.refuse(distribute("GOOD-0002", "zed")).to_string(), "unknown participant `zed` (field `to`)");
    world.check_invariants();
}

#[test]
fn entitlements_are_earned_through_the_goods_gate_at_the_policy_price() {
    let mut world = coop();
    let earn = || Command::Distribution(DistributionCommand::EarnEntitlement { handle: "dana".into(), design: STOOL });
    assert!(world.refuse(earn()).to_string().contains("no contribution gate for receiving goods is set"));
    let rule = CreditsCommand::SetGateRule {
        privilege: Privilege::ReceiveGoods,
        min_hours: Milli::from_units(10),
        window_days: 90,
        by: "carol".into(),
    };
    world.run(Command::Credits(rule)).unwrap();
    assert_eq!(
        world.refuse(earn()).to_string(),
        "dana may not receive goods yet: 0 verified hours in the last 90 days, 10 needed"
    );
    let labor = CreditsCommand::RecordLabor {
        handle: "dana".into(),
        skill: "joinery".into(),
        level: 2,
        hours: Milli::from_units(12),
        verified_by: "carol".into(),
        note: String::new(),
    };
    world.run(Command::Credits(labor)).unwrap();
    world.run(earn()).unwrap();
    assert!(world.run(earn()).unwrap().is_empty(), "one open earned entitlement at a time");
    world.run(distribute("stool-0002", "dana")).unwrap();
    let account = statement(&world.state.credits, "dana", world.now);
    assert_eq!((account.spent, account.balance), (Milli::from_units(10), Milli::from_units(2)));
    world.check_invariants();
}

#[test]
fn only_coordinators_register_goods_and_grant_entitlements() {
    let mut world = coop();
    let produce = DistributionCommand::ProduceGood {
        design: STOOL,
        serial: Some("stool-0001".into()),
        note: String::new(),
        by: "carol".into(),
    };
    assert_eq!(
        world.refuse(Command::Distribution(produce)).to_string(),
        "field `serial`: `stool-0001` is already taken"
    );
    let produce =
        DistributionCommand::ProduceGood { design: STOOL, serial: None, note: String::new(), by: "dana".into() };
    assert_eq!(
        world.refuse(Command::Distribution(produce)).to_string(),
        "`dana` must be a coordinator to register goods"
    );
    let grant = DistributionCommand::GrantEntitlement {
        handle: "dana".into(),
        design: STOOL,
        qty: 1,
        cost_credits: Milli::ZERO,
        by: "dana".into(),
    };
    assert_eq!(
        world.refuse(Command::Distribution(grant)).to_string(),
        "`dana` must be a coordinator to grant entitlements"
    );
    // An entitled participant claims a good for themselves; handing one to someone else is
    // a coordinator's act.
    let grant = DistributionCommand::GrantEntitlement {
        handle: "erin".into(),
        design: STOOL,
        qty: 1,
        cost_credits: Milli::ZERO,
        by: "carol".into(),
    };
    world.run(Command::Distribution(grant)).unwrap();
    let release = |by: &str| {
        Command::Distribution(DistributionCommand::Distribute {
            good: "GOOD-0001".into(),
            to: "erin".into(),
            by: by.into(),
        })
    };
    assert_eq!(
        world.refuse(release("dana")).to_string(),
        "`dana` must be a coordinator to release a good to someone else"
    );
    world.run(release("erin")).unwrap();
    world.check_invariants();
}
