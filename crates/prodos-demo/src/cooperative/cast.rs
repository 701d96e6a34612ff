//! The people of the demo workshop: a coordinator and eleven members with their certifications
//! (levels 1–5, one about to expire, one lapsed), weekly availability, an absence, and the
//! training game (one challenge passed and signed off, one failed and retried, one awaiting
//! sign-off).

use super::seeder::Seeder;
use prodos_app::NodeError;
use prodos_core::people::{NewParticipant, PeopleCommand, PeopleEvent, Question};
use prodos_core::{AttemptId, ChallengeId, Command, Event};

/// The coordinator: plans, certifies and verifies; holds no bench skills herself.
pub const COORDINATOR: &str = "mara";
/// Participant A of the demo logins: a joiner and side bender.
pub const PARTICIPANT_A: &str = "ben";
/// Participant B of the demo logins: the workshop's master luthier, who verifies most joinery.
pub const PARTICIPANT_B: &str = "ana";

/// Joins a few weeks before today, after the others.
const NEWCOMER: &str = "kofi";

const FULL_WEEK: [i64; 7] = [480, 480, 480, 480, 480, 0, 0];

struct Member {
    handle: &'static str,
    name: &'static str,
    /// Minutes offered per weekday, Monday first.
    week: [i64; 7],
    /// (skill, level, expires this many days from today).
    certifications: &'static [(&'static str, i64, Option<i64>)],
}

const MEMBERS: &[Member] = &[
    Member {
        handle: "ana",
        name: "Ana Lindqvist",
        week: FULL_WEEK,
        certifications: &[("luthiery.joinery", 5, None), ("luthiery.bracing", 4, None), ("luthiery.inlay", 3, None)],
    },
    Member {
        handle: "ben",
        name: "Ben Achterberg",
        week: FULL_WEEK,
        certifications: &[("luthiery.joinery", 3, Some(420)), ("luthiery.bending", 4, None)],
    },
    Member {
        handle: "chen",
        name: "Chen Wei",
        week: [480, 480, 480, 480, 240, 0, 0],
        // The spray certification (respirator and booth safety) is renewed yearly: due in 9 days.
        certifications: &[("finishing.spray", 4, Some(9)), ("setup", 2, None)],
    },
    Member {
        handle: "dora",
        name: "Dora Pfeiffer",
        week: [480, 480, 0, 480, 480, 0, 0],
        certifications: &[("luthiery.inlay", 4, None), ("luthiery.fretting", 3, None), ("finishing.spray", 4, None)],
    },
    Member {
        handle: "eli",
        name: "Eli Navarro",
        week: FULL_WEEK,
        certifications: &[("luthiery.fretting", 4, None), ("setup", 4, None)],
    },
    Member {
        handle: "femi",
        name: "Femi Adeyemi",
        week: [240, 240, 240, 240, 240, 0, 0],
        certifications: &[("setup", 3, None), ("luthiery.fretting", 2, Some(200))],
    },
    Member {
        handle: "greta",
        name: "Greta Holm",
        week: FULL_WEEK,
        certifications: &[("luthiery.bracing", 3, None), ("luthiery.joinery", 2, None)],
    },
    Member {
        handle: "hugo",
        name: "Hugo Brandt",
        week: [0, 0, 0, 0, 480, 360, 0],
        // His level-3 spray certification lapsed three weeks ago; level 2 remains.
        certifications: &[
            ("luthiery.bending", 2, None),
            ("finishing.spray", 2, None),
            ("finishing.spray", 3, Some(-21)),
        ],
    },
    Member {
        handle: "ines",
        name: "Inês Carvalho",
        week: FULL_WEEK,
        certifications: &[("luthiery.joinery", 4, None), ("luthiery.bending", 3, None), ("luthiery.inlay", 2, None)],
    },
    Member {
        handle: "jun",
        name: "Jun Sato",
        week: [240, 240, 240, 240, 240, 0, 0],
        certifications: &[("luthiery.joinery", 1, None)],
    },
    Member { handle: "kofi", name: "Kofi Mensah", week: [0, 0, 480, 480, 480, 0, 0], certifications: &[] },
];

/// Founding day: the coordinator, the members, their weeks and certifications.
pub fn enrol(seeder: &mut Seeder) -> Result<(), NodeError> {
    let founders = std::iter::once(NewParticipant {
        handle: COORDINATOR.into(),
        real_name: Some("Mara Okafor".into()),
        coordinator: true,
    })
    .chain(MEMBERS.iter().filter(|member| member.handle != NEWCOMER).map(|member| NewParticipant {
        handle: member.handle.into(),
        real_name: Some(member.name.into()),
        coordinator: false,
    }))
    .collect();
    // The founders are enrolled at the console by whoever sets the node up (an operator), since
    // nobody is a participant yet to do it.
    let setup = seeder.actor;
    seeder.run(setup, people(PeopleCommand::AddParticipants { participants: founders, by: None }))?;
    seeder.run(
        COORDINATOR,
        people(PeopleCommand::SetAvailability { handle: COORDINATOR.into(), minutes_per_weekday: FULL_WEEK }),
    )?;
    for member in MEMBERS.iter().filter(|member| member.handle != NEWCOMER) {
        let availability =
            PeopleCommand::SetAvailability { handle: member.handle.into(), minutes_per_weekday: member.week };
        seeder.run(member.handle, people(availability))?;
        for (skill, level, expires_in) in member.certifications {
            let grant = PeopleCommand::GrantCertification {
                handle: member.handle.into(),
                skill: (*skill).into(),
                level: *level,
                expires_on: expires_in.map(|days| seeder.today.plus(days)),
                by: COORDINATOR.into(),
            };
            seeder.run(COORDINATOR, people(grant))?;
        }
    }
    Ok(())
}

/// The fretting challenge: the coordinator sets it up (Eli wrote it), Jun passes and Eli signs him
/// off (fretting 2).
pub fn fretting_challenge(seeder: &mut Seeder) -> Result<ChallengeId, NodeError> {
    let question = |prompt: &str, answer: &str| Question { prompt: prompt.into(), answer: answer.into() };
    let add = PeopleCommand::AddChallenge {
        skill: "luthiery.fretting".into(),
        level: 2,
        title: "Fret a practice board".into(),
        steps: vec![
            "Radius the practice board and check it against the 12-inch gauge".into(),
            "Cut, bevel and press in six frets with the arbor press".into(),
            "Level, crown and polish the frets; no buzz on a straightedge rock test".into(),
        ],
        questions: vec![
            question("Scale length of the dreadnought in millimetres?", "645"),
            question("Which way does the fret tang face when you press it in? (down/up)", "down"),
        ],
        pass_mark_percent: 80,
        valid_for_days: Some(730),
        by: COORDINATOR.into(),
    };
    let receipt = seeder.run(COORDINATOR, people(add))?;
    let challenge = receipt
        .events
        .iter()
        .find_map(|event| match event {
            Event::People(PeopleEvent::ChallengeAdded { challenge }) => Some(challenge.id),
            _ => None,
        })
        .ok_or_else(|| broken("the fretting challenge was not added"))?;
    let passed = attempt(seeder, challenge, "jun", &["645", "down"], &[1, 2, 3])?;
    seeder.run("eli", people(PeopleCommand::SignOffAttempt { attempt: passed, by: "eli".into() }))?;
    Ok(challenge)
}

/// Kofi's first attempt: a wrong scale length and the dressing step not shown.
pub fn failed_attempt(seeder: &mut Seeder, challenge: ChallengeId) -> Result<(), NodeError> {
    attempt(seeder, challenge, "kofi", &["650", "down"], &[1, 2]).map(|_| ())
}

/// Kofi's second attempt passes; Eli has not signed it off yet.
pub fn retry_fretting_challenge(seeder: &mut Seeder, challenge: ChallengeId) -> Result<(), NodeError> {
    attempt(seeder, challenge, "kofi", &["645", "down"], &[1, 2, 3]).map(|_| ())
}

/// Kofi joins, without certifications yet.
pub fn newcomer(seeder: &mut Seeder) -> Result<(), NodeError> {
    let kofi = MEMBERS.iter().find(|member| member.handle == NEWCOMER).ok_or_else(|| broken("no newcomer"))?;
    let joining = NewParticipant { handle: kofi.handle.into(), real_name: Some(kofi.name.into()), coordinator: false };
    seeder.run(
        COORDINATOR,
        people(PeopleCommand::AddParticipants { participants: vec![joining], by: Some(COORDINATOR.into()) }),
    )?;
    let availability = PeopleCommand::SetAvailability { handle: kofi.handle.into(), minutes_per_weekday: kofi.week };
    seeder.run(kofi.handle, people(availability))?;
    Ok(())
}

/// Greta is away for two weeks around today.
pub fn absence(seeder: &mut Seeder) -> Result<(), NodeError> {
    let absence = PeopleCommand::RecordAbsence {
        handle: "greta".into(),
        from: seeder.today.plus(-3),
        to: seeder.today.plus(11),
        reason: "family visit".into(),
    };
    seeder.run("greta", people(absence))?;
    Ok(())
}

fn attempt(
    seeder: &mut Seeder,
    challenge: ChallengeId,
    handle: &str,
    answers: &[&str],
    steps: &[u32],
) -> Result<AttemptId, NodeError> {
    let command = PeopleCommand::AttemptChallenge {
        challenge,
        handle: handle.into(),
        answers: answers.iter().map(|answer| (*answer).to_string()).collect(),
        steps_demonstrated: steps.to_vec(),
    };
    let receipt = seeder.run(handle, people(command))?;
    receipt
        .events
        .iter()
        .find_map(|event| match event {
            Event::People(PeopleEvent::AttemptGraded { attempt }) => Some(attempt.id),
            _ => None,
        })
        .ok_or_else(|| broken("an attempt was not graded"))
}

fn people(command: PeopleCommand) -> Command {
    Command::People(command)
}

fn broken(reason: &str) -> NodeError {
    NodeError::BrokenExample { file: "demo cast".into(), reason: reason.into() }
}
