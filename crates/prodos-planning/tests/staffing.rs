//! Skill capacity from people: with no declared headcount, the planner counts the participants
//! whose certifications are valid at the planned dates and who work on those days, and the
//! verdict says where the capacity came from.

use prodos_core::PlanCommand;
use prodos_core::people::{NewParticipant, PeopleCommand};
use prodos_core::plan::{Day, PlanProposal};
use prodos_core::*;

mod world;
use world::{Propose, World};

const JOINERY: &str = "luthiery.joinery";

/// Four of every tool, so people are what limits the work. Cora coordinates; Ana holds every
/// guitar skill at level 5; Ben joins with no certification yet. Both work Monday to Friday.
fn workshop() -> World {
    let mut world = World::example();
    world.tools_for(1, 4);
    let person = |handle: &str, coordinator| NewParticipant { handle: handle.into(), real_name: None, coordinator };
    world.must(Command::People(PeopleCommand::AddParticipants {
        participants: vec![person("cora", true), person("ana", false), person("ben", false)],
        by: None,
    }));
    for handle in ["ana", "ben"] {
        let minutes_per_weekday = [480, 480, 480, 480, 480, 0, 0];
        world.must(Command::People(PeopleCommand::SetAvailability { handle: handle.into(), minutes_per_weekday }));
    }
    world.certify_for(1, "ana", 5, "cora");
    world
}

/// The most joinery operations running at once, over the instants at or after `from`.
fn joinery_at_once(proposal: &PlanProposal, from: Timestamp) -> usize {
    let joinery: Vec<_> =
        proposal.operations.iter().filter(|op| op.resources.iter().any(|r| r.starts_with(JOINERY))).collect();
    joinery
        .iter()
        .filter(|op| op.end > from)
        .map(|op| op.start.max(from))
        .map(|at| joinery.iter().filter(|other| other.start <= at && at < other.end).count())
        .max()
        .unwrap_or(0)
}

fn joinery_people(proposal: &PlanProposal) -> u32 {
    proposal.verdict.skill_hours.iter().find(|row| row.skill == JOINERY).map_or(0, |row| row.qualified_people)
}

fn holiday(world: &mut World, handle: &str, from: Day, to: Day) {
    let reason = "holiday".to_string();
    world.must(Command::People(PeopleCommand::RecordAbsence { handle: handle.into(), from, to, reason }));
}

fn note(proposal: &PlanProposal) -> String {
    let prefix = format!("skill `{JOINERY}`: ");
    proposal.verdict.capacity_notes.iter().find(|n| n.starts_with(&prefix)).cloned().unwrap_or_default()
}

#[test]
fn certified_participants_are_the_capacity_and_the_verdict_names_them() {
    let mut world = workshop();
    let mandate = world.mandate(1, 3, "2027-06-01");
    let alone = world.propose(mandate);
    assert!(alone.verdict.infeasible.is_empty(), "{:?}", alone.verdict.infeasible);
    assert_eq!(joinery_people(&alone), 1);
    assert_eq!(note(&alone), "skill `luthiery.joinery`: certified participants ana (5)");
    assert_eq!(joinery_at_once(&alone, world.now), 1);

    world.certify("ben", JOINERY, 3, None, "cora");
    let two = world.propose(mandate);
    assert_eq!(joinery_people(&two), 2);
    assert_eq!(note(&two), "skill `luthiery.joinery`: certified participants ana (5), ben (3)");
    assert_eq!(joinery_at_once(&two, world.now), 2);
    assert!(two.verdict.finish <= alone.verdict.finish);

    // A declared headcount replaces the participants for that skill, and the verdict says so.
    world.must(Command::Plan(PlanCommand::DeclareSkillHeadcount { skill: JOINERY.into(), level: 4, headcount: 3 }));
    let declared = world.propose(mandate);
    assert_eq!(joinery_people(&declared), 3);
    assert!(note(&declared).contains("declared headcount (3 at level 4)"), "{}", note(&declared));
    world.check_invariants();
}

#[test]
fn an_expiring_certification_ends_a_persons_share_at_its_date() {
    let mut world = workshop();
    let last_day = Day::of(world.now).plus(3);
    world.certify("ben", JOINERY, 3, Some(last_day), "cora");
    let mandate = world.mandate(1, 3, "2027-06-01");
    let proposal = world.propose(mandate);
    assert_eq!(joinery_people(&proposal), 2);
    assert!(note(&proposal).contains(&format!("ben (3, certified until {last_day})")), "{}", note(&proposal));
    assert_eq!(joinery_at_once(&proposal, world.now), 2, "both work while Ben's certification holds");
    assert_eq!(joinery_at_once(&proposal, last_day.plus(1).start()), 1, "only Ana after it lapses");
    world.check_invariants();
}

#[test]
fn a_revoked_certification_and_an_absence_take_a_person_away() {
    let mut world = workshop();
    world.certify("ben", JOINERY, 3, None, "cora");
    // Ben is away for the first two weeks.
    let (away_from, away_to) = (Day::of(world.now), Day::of(world.now).plus(13));
    holiday(&mut world, "ben", away_from, away_to);
    let mandate = world.mandate(1, 3, "2027-06-01");
    let proposal = world.propose(mandate);
    assert!(note(&proposal).contains(&format!("ben (3, away {away_from}–{away_to})")), "{}", note(&proposal));
    let before_return: Vec<_> = proposal
        .operations
        .iter()
        .filter(|op| op.resources.iter().any(|r| r.starts_with(JOINERY)) && op.start < away_to.plus(1).start())
        .collect();
    for op in &before_return {
        let overlapping = before_return.iter().filter(|other| other.start < op.end && op.start < other.end).count();
        assert_eq!(overlapping, 1, "only Ana does joinery while Ben is away: {op:?}");
    }

    world.must(Command::People(PeopleCommand::RevokeCertification {
        handle: "ben".into(),
        skill: JOINERY.into(),
        reason: "unsafe practice".into(),
        by: "cora".into(),
    }));
    let revoked = world.propose(mandate);
    assert_eq!(joinery_people(&revoked), 1);
    assert_eq!(note(&revoked), "skill `luthiery.joinery`: certified participants ana (5)");
    assert_eq!(joinery_at_once(&revoked, world.now), 1);
    world.check_invariants();
}

#[test]
fn a_plan_that_waits_for_someone_back_from_time_off_names_the_wait_first_on_its_critical_path() {
    let mut world = workshop();
    // Ana, the only certified person, is away for five weeks, past the last material arrival.
    let now = Day::of(world.now);
    let (away_from, away_to) = (now, now.plus(34));
    holiday(&mut world, "ana", away_from, away_to);
    let mandate = world.mandate(1, 1, "2027-06-01");
    let proposal = world.propose(mandate);
    let first = proposal.operations.iter().map(|op| op.start).min().expect("a scheduled plan");
    assert!(first >= away_to.plus(1).start(), "nothing starts while Ana is away: {first:?}");
    let waited = &proposal.verdict.critical_path[0];
    assert!(waited.starts_with("capacity held by ana (away): "), "{:?}", proposal.verdict.critical_path);
    assert!(waited.ends_with(&format!(", free again {}", Day::of(first))), "{waited} vs {first:?}");
    world.check_invariants();
}
