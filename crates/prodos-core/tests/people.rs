//! Scenario tests for people and work: participants, certification through the training game,
//! the qualification gate. Each runs commands through `decide` and `apply` and ends with `verify`.

use prodos_core::people::{NewParticipant, PeopleCommand, Question};
use prodos_core::plan::Day;
use prodos_core::*;
use prodos_testkit::World;

fn join(world: &mut World, handle: &str, coordinator: bool) {
    let participants = vec![NewParticipant { handle: handle.into(), real_name: None, coordinator }];
    world.people(PeopleCommand::AddParticipants { participants, by: Some("carol".into()) }).unwrap();
}

fn grant(handle: &str, skill: &str, level: i64, by: &str) -> PeopleCommand {
    PeopleCommand::GrantCertification {
        handle: handle.into(),
        skill: skill.into(),
        level,
        expires_on: None,
        by: by.into(),
    }
}

fn fretting_challenge() -> PeopleCommand {
    PeopleCommand::AddChallenge {
        skill: "luthiery.fretting".into(),
        level: 3,
        title: "Fret a maple neck".into(),
        steps: vec!["Cut the slots".into(), "Press the frets".into()],
        questions: vec![Question { prompt: "Fret wire gauge?".into(), answer: "medium jumbo".into() }],
        pass_mark_percent: 100,
        valid_for_days: Some(365),
        by: "carol".into(),
    }
}

#[test]
fn a_passed_attempt_signed_off_by_a_higher_level_holder_certifies() {
    let mut world = World::new();
    join(&mut world, "carol", true);
    join(&mut world, "dana", false);
    join(&mut world, "erin", false);
    world.people(grant("dana", "luthiery.fretting", 4, "carol")).unwrap();
    world.people(fretting_challenge()).unwrap();

    let attempt = |answer: &str, steps: Vec<u32>| PeopleCommand::AttemptChallenge {
        challenge: ChallengeId(1),
        handle: "erin".into(),
        answers: vec![answer.into()],
        steps_demonstrated: steps,
    };
    world.people(attempt("thin", vec![1, 2])).unwrap();
    let refused = world.refuse_people(PeopleCommand::SignOffAttempt { attempt: AttemptId(1), by: "dana".into() });
    assert_eq!(refused.to_string(), "ATT-0001 did not pass: 0 of 1 answers right, 2 of 2 steps shown");

    world.people(attempt(" Medium  Jumbo", vec![2, 1])).unwrap();
    let refused = world.refuse_people(PeopleCommand::SignOffAttempt { attempt: AttemptId(2), by: "erin".into() });
    assert_eq!(refused.to_string(), "erin cannot certify their own work");
    world.people(PeopleCommand::SignOffAttempt { attempt: AttemptId(2), by: "dana".into() }).unwrap();
    let erin = world.state.people.get("erin").unwrap();
    assert_eq!(erin.level_at("luthiery.fretting", world.now), Some(3));
    assert_eq!(erin.certifications[0].attempt, Some(AttemptId(2)));

    // Erin at level 3 may not vouch for level 3; Dana at 4 may not vouch for 4.
    join(&mut world, "finn", false);
    let refused = world.refuse_people(grant("finn", "luthiery.fretting", 3, "erin"));
    assert_eq!(refused.to_string(), "erin is not qualified for `luthiery.fretting` at level 4: holds level 3 only");
    let refused = world.refuse_people(PeopleCommand::SignOffAttempt { attempt: AttemptId(2), by: "carol".into() });
    assert_eq!(refused.to_string(), "ATT-0002 was already signed off by dana");
    world.check_invariants();
}

#[test]
fn expired_and_revoked_certifications_stop_qualifying_and_say_why() {
    let mut world = World::new();
    join(&mut world, "carol", true);
    join(&mut world, "dana", false);
    let expires_on = Day::of(world.now).plus(10);
    world
        .people(PeopleCommand::GrantCertification {
            handle: "dana".into(),
            skill: "joinery".into(),
            level: 2,
            expires_on: Some(expires_on),
            by: "carol".into(),
        })
        .unwrap();
    let people = &world.state.people;
    assert!(people::require_qualified(people, "worker", "dana", "joinery", 2, world.now).is_ok());
    let later = world.now.plus_days(12);
    let refused = people::require_qualified(people, "worker", "dana", "joinery", 2, later).unwrap_err();
    assert_eq!(
        refused.to_string(),
        format!(
            "dana is not qualified for `joinery` at level 2: the level-2 certification expired on {}",
            expires_on.plus(1)
        )
    );
    let refused = people::require_qualified(people, "worker", "dana", "carving", 1, world.now).unwrap_err();
    assert!(refused.to_string().ends_with("`carving` at level 1: holds no certification in it"), "{refused}");

    let revoke = |by: &str| PeopleCommand::RevokeCertification {
        handle: "dana".into(),
        skill: "joinery".into(),
        reason: "unsafe chisel work".into(),
        by: by.into(),
    };
    let refused = world.refuse_people(revoke("dana"));
    assert_eq!(refused.to_string(), "`dana` must be a coordinator to revoke certifications");
    world.people(revoke("carol")).unwrap();
    let refused =
        people::require_qualified(&world.state.people, "worker", "dana", "joinery", 1, world.now).unwrap_err();
    assert!(refused.to_string().ends_with("revoked by carol: unsafe chisel work"), "{refused}");
    world.check_invariants();
}

#[test]
fn bad_participant_input_is_refused_by_field() {
    let mut world = World::new();
    join(&mut world, "carol", true);
    let add = |handle: &str, coordinator: bool, by: Option<&str>| PeopleCommand::AddParticipants {
        participants: vec![NewParticipant { handle: handle.into(), real_name: Some("X".into()), coordinator }],
        by: by.map(str::to_string),
    };
    assert_eq!(
        world.refuse_people(add("Bad Handle", false, None)).to_string(),
        "field `participants[0].handle`: `Bad Handle` is not a handle (lowercase letters, digits, `-`, `_`, `.`; 1–32 characters)"
    );
    assert_eq!(
        world.refuse_people(add("carol", false, None)).to_string(),
        "handle `carol` is taken by a participant with different details"
    );
    world.people(add("gus", false, None)).unwrap();
    assert_eq!(
        world.refuse_people(add("hal", true, Some("gus"))).to_string(),
        "`gus` must be a coordinator to appoint coordinators"
    );
    assert_eq!(
        world.refuse_people(grant("nobody", "joinery", 1, "carol")).to_string(),
        "unknown participant `nobody` (field `handle`)"
    );
    assert_eq!(
        world.refuse_people(grant("gus", "joinery", 6, "carol")).to_string(),
        "field `level`: skill level must be between 1 and 5, got 6"
    );
    // Re-adding the same person is a no-op, so an import can be re-run.
    assert!(world.people(add("gus", false, None)).unwrap().is_empty());
    world.check_invariants();
}
