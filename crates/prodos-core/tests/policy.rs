//! Who may ask what, whichever shell a command comes through: a person acts only as themselves,
//! coordinating production needs a coordinator, and a console operator may act as anyone a
//! command names, under an identity the ledger records the first time it acts.

use prodos_core::DesignCommand;
use prodos_core::access::{AccessChange, AccessEvent};
use prodos_core::people::PeopleCommand;
use prodos_core::*;
use prodos_testkit::*;

fn local(name: &str) -> Actor {
    Actor::Local(name.into())
}

#[test]
fn a_participant_without_authority_cannot_certify_a_design_from_the_console() {
    let mut world = World::new();
    world.add_participants(&["carol", "hal"]);
    world.run(Command::Design(DesignCommand::ImportDesign { spec: stool_spec(), declared: None })).unwrap();
    let certify = Command::Design(DesignCommand::CertifyDesign { design: STOOL });
    assert_eq!(
        world.refuse_as(&local("hal"), certify.clone()),
        Rejection::CoordinatorRequired { handle: "hal".into(), action: "certify designs".into() }
    );
    world.run_as(&local("carol"), certify).expect("a coordinator certifies");
}

#[test]
fn a_participant_cannot_name_someone_else_as_the_verifier() {
    let mut world = shop_with_plan();
    world.run(start("cut", 1, "erin")).unwrap();
    world.run(complete("cut", 1, "erin")).unwrap();
    let hal = local("dana");
    let as_carol = world.refuse_as(&hal, verify("cut", 1, "carol"));
    assert_eq!(as_carol, Rejection::NotYours { message: "dana may not act as carol".into() });
    // Their own name is fine, and the labor event names them.
    let events = world.run_as(&hal, verify("cut", 1, "dana")).unwrap();
    assert!(events.iter().any(|event| matches!(event, Event::Execution(e) if e.kind() == "TaskVerified")));
    world.check_invariants();
}

#[test]
fn nobody_verifies_their_own_work_and_only_the_worker_or_a_coordinator_completes_it() {
    let mut world = shop_with_plan();
    let erin = local("erin");
    assert!(matches!(
        world.refuse_as(&erin, start("cut", 1, "dana")),
        Rejection::NotYours { message } if message.contains("only as its own worker")
    ));
    world.run_as(&erin, start("cut", 1, "erin")).unwrap();
    assert!(matches!(world.refuse_as(&local("dana"), complete("cut", 1, "dana")), Rejection::NotYours { .. }));
    world.run_as(&erin, complete("cut", 1, "erin")).unwrap();
    assert_eq!(
        world.refuse_as(&erin, verify("cut", 1, "erin")),
        Rejection::OwnWork { handle: "erin".into(), action: "verify".into(), what: "PROD-0001/cut#1".into() }
    );
}

#[test]
fn granting_a_certificate_needs_the_authority_to_vouch_for_it() {
    let mut world = shop_with_plan();
    let grant = |by: &str| {
        Command::People(PeopleCommand::GrantCertification {
            handle: "dana".into(),
            skill: "joinery".into(),
            level: 4,
            expires_on: None,
            by: by.into(),
        })
    };
    // erin holds joinery 2: she cannot vouch for a 4, whether she names herself or carol.
    assert!(matches!(
        world.refuse_as(&local("erin"), grant("erin")),
        Rejection::NotQualified { .. } | Rejection::CoordinatorRequired { .. }
    ));
    assert!(matches!(world.refuse_as(&local("erin"), grant("carol")), Rejection::NotYours { .. }));
    world.run_as(&local("carol"), grant("carol")).expect("a coordinator certifies");
}

#[test]
fn an_account_that_is_nobody_on_the_shop_floor_takes_no_work() {
    let mut world = shop_with_plan();
    let spare = Actor::Account("spare".into());
    assert_eq!(
        world.refuse_as(&spare, start("cut", 1, "spare")),
        Rejection::NotAParticipant { handle: "spare".into(), action: "take, do or verify work".into() }
    );
    // Unknown tasks are named before whose they are.
    let unknown = world.refuse_as(&local("erin"), start("glue", 1, "erin"));
    assert_eq!(unknown, Rejection::UnknownTask { task: "PROD-0001/glue#1".into() });
}

#[test]
fn an_operator_acts_as_anyone_named_and_the_ledger_records_the_identity_once() {
    let mut world = World::new();
    let first = world.run_as(
        &local("night-shift"),
        Command::Design(DesignCommand::ImportDesign { spec: stool_spec(), declared: None }),
    );
    let first = first.unwrap();
    assert_eq!(
        first[0],
        Event::Access(AccessEvent::AccessChanged {
            change: AccessChange::OperatorNamed { name: "night-shift".into() },
            by: "night-shift".into(),
            at: world.now,
        })
    );
    assert!(world.state.access.is_operator("night-shift"));
    let again =
        world.run_as(&local("night-shift"), Command::Design(DesignCommand::CertifyDesign { design: STOOL })).unwrap();
    assert!(again.iter().all(|event| event.kind() != "OperatorNamed"), "recorded once: {again:?}");
    // A name that could not be typed as a handle is no identity.
    let bad = world.refuse_as(&local("Night Shift"), Command::Design(DesignCommand::CertifyDesign { design: STOOL }));
    assert!(matches!(bad, Rejection::InvalidHandle { field, .. } if field == "actor"));
}
