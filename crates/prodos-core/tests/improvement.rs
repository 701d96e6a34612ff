//! The upgrade loop on the stool shop: a cutting jig proposed to raise the cut's throughput and
//! a clamping change to lower the assembly's wobble defects, decided by a coordinator and done;
//! what each changed is measured from the ledger over a window before and after.

use prodos_core::improvement::{ImprovementCommand, ImprovementKind, Metric, NewProposal, ProposalStatus};
use prodos_core::series::effect;
use prodos_core::*;
use prodos_testkit::stool::{complete, inspect, shop_with_units, start, stool_spec, verify};
use prodos_testkit::*;

fn propose(world: &mut World, operation: &str, metric: Metric) -> ImprovementId {
    let proposal = NewProposal {
        title: format!("better {operation}"),
        kind: ImprovementKind::Jig,
        expected: "fewer passes per part".into(),
        design: DesignId(1),
        operation: operation.into(),
        metric,
    };
    world.must(Command::Improvement(ImprovementCommand::Propose { proposal, by: "erin".into() }));
    world.state.improvements.all().last().unwrap().id
}

fn at(world: &World, days: i64) -> Timestamp {
    Timestamp::from_millis(world.now.millis() + days * 86_400_000)
}

fn cut(world: &mut World, unit: u32) {
    world.must(start("cut", unit, "dana"));
    world.must(complete("cut", unit, "dana"));
    world.must(verify("cut", unit, "erin"));
}

#[test]
fn a_done_improvement_is_measured_before_and_after_on_its_operation() {
    let mut world = shop_with_units(stool_spec(), 6);
    let jig = propose(&mut world, "cut", Metric::Throughput);
    let clamps = propose(&mut world, "assemble", Metric::DefectRate);

    // Before: two cuts and one assembly that wobbles out of tolerance.
    cut(&mut world, 1);
    cut(&mut world, 2);
    world.must(start("assemble", 1, "dana"));
    world.must(complete("assemble", 1, "dana"));
    world.must(inspect("assemble", 1, 1.6, "erin"));

    let decide = |proposal, approve| {
        Command::Improvement(ImprovementCommand::Decide {
            proposal,
            approve,
            note: "worth a try".into(),
            by: "carol".into(),
        })
    };
    let close =
        |proposal| Command::Improvement(ImprovementCommand::Close { proposal, note: String::new(), by: "dana".into() });
    let refused = world.refuse(close(jig));
    assert!(
        refused.to_string().contains("IMP-0001 is proposed: it must be approved to be closed as done"),
        "{refused}"
    );
    world.must(decide(jig, true));
    world.must(decide(clamps, true));
    let refused = world.refuse(decide(jig, false));
    assert_eq!(refused.field().as_deref(), Some("proposal"), "decided once");
    world.now = at(&world, 1);
    world.must(close(jig));
    world.must(close(clamps));
    assert_eq!(world.state.improvements.get(jig).unwrap().status, ProposalStatus::Done);

    // After: four cuts in a week, and an assembly in tolerance.
    world.now = at(&world, 1);
    for unit in 3..=6 {
        cut(&mut world, unit);
    }
    world.must(start("assemble", 2, "dana"));
    world.must(complete("assemble", 2, "dana"));
    world.must(inspect("assemble", 2, 0.2, "erin"));
    let now = at(&world, 6);

    let jig_effect = effect(&world.state, world.state.improvements.get(jig).unwrap(), 28, now).unwrap();
    assert_eq!(jig_effect.before.samples, 2);
    assert_eq!(jig_effect.after.samples, 4);
    assert_eq!(jig_effect.before.value, Some(0.5), "2 cuts over 28 days");
    assert!(jig_effect.after.value.unwrap() > 3.0, "4 cuts in the week since: {:?}", jig_effect.after);
    assert_eq!(jig_effect.improved, Some(true));

    let clamp_effect = effect(&world.state, world.state.improvements.get(clamps).unwrap(), 28, now).unwrap();
    assert_eq!((clamp_effect.before.value, clamp_effect.after.value), (Some(1.0), Some(0.0)));
    assert_eq!(clamp_effect.improved, Some(true));
    world.check_invariants();
}

#[test]
fn bad_proposals_are_refused_by_field() {
    let mut world = shop_with_units(stool_spec(), 1);
    let mut proposal = NewProposal {
        title: "a sanding jig".into(),
        kind: ImprovementKind::Jig,
        expected: "".into(),
        design: DesignId(1),
        operation: "cut".into(),
        metric: Metric::Throughput,
    };
    let refused = world
        .refuse(Command::Improvement(ImprovementCommand::Propose { proposal: proposal.clone(), by: "erin".into() }));
    assert_eq!(refused.field().as_deref(), Some("expected"));
    proposal.expected = "faster".into();
    proposal.operation = "sand".into();
    let refused = world
        .refuse(Command::Improvement(ImprovementCommand::Propose { proposal: proposal.clone(), by: "erin".into() }));
    assert_eq!(refused.field().as_deref(), Some("operation"));
    proposal.operation = "cut".into();
    proposal.design = DesignId(9);
    let refused = world.refuse(Command::Improvement(ImprovementCommand::Propose { proposal, by: "erin".into() }));
    assert_eq!(refused.field().as_deref(), Some("design"));
    let refused = world.refuse(Command::Improvement(ImprovementCommand::Decide {
        proposal: ImprovementId(4),
        approve: true,
        note: "x".into(),
        by: "carol".into(),
    }));
    assert_eq!(refused.field().as_deref(), Some("proposal"));
    assert!(world.state.improvements.all().is_empty());
}
