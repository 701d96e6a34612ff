//! A world for scenario tests: state plus a clock and an actor, where commands are decided and
//! their events applied as the node would, and refusals are checked to change nothing.

use prodos_core::people::{self, PeopleCommand};
use prodos_core::plan::PlanProposal;
use prodos_core::*;

pub struct World {
    pub state: State,
    pub now: Timestamp,
    /// Who `run` acts as: the console operator `host` unless a test says otherwise.
    pub actor: Actor,
    /// How far the clock moves before each command: a minute, or nothing in a frozen world.
    pub tick_ms: i64,
}

impl Default for World {
    fn default() -> World {
        World::new()
    }
}

impl World {
    /// A world whose clock moves a minute before each command, from 2026-09-21 (a Monday).
    pub fn new() -> World {
        World { tick_ms: 60_000, ..World::frozen_at(Timestamp::from_millis(1_790_000_000_000)) }
    }

    /// A world whose clock stays at `now` unless a test moves it: for outcomes that depend on
    /// the exact time a command is decided (schedules, availability).
    pub fn frozen_at(now: Timestamp) -> World {
        // The operator `host` is known from the start, so scenarios see only their own events.
        let mut state = State::default();
        let change = access::AccessChange::OperatorNamed { name: "host".into() };
        state.apply(&Event::Access(access::AccessEvent::AccessChanged { change, by: "host".into(), at: now }));
        World { state, now, actor: Actor::Local("host".into()), tick_ms: 0 }
    }

    /// Runs a command that must be accepted, and returns its events.
    pub fn must(&mut self, command: Command) -> Vec<Event> {
        self.run(command).unwrap_or_else(|rejection| panic!("refused: {rejection}"))
    }

    pub fn run(&mut self, command: Command) -> Result<Vec<Event>, Rejection> {
        let actor = self.actor.clone();
        self.run_as(&actor, command)
    }

    /// Runs `command` as `actor`, once: the world's own actor stays as it was.
    pub fn run_as(&mut self, actor: &Actor, command: Command) -> Result<Vec<Event>, Rejection> {
        self.now = Timestamp::from_millis(self.now.millis() + self.tick_ms);
        let events = decide(&self.state, actor, &command, self.now)?;
        for event in &events {
            self.state.apply(event);
        }
        Ok(events)
    }

    pub fn people(&mut self, command: PeopleCommand) -> Result<Vec<Event>, Rejection> {
        self.run(Command::People(command))
    }

    /// Runs a command that must be refused, and checks that the refusal changed nothing.
    pub fn refuse(&mut self, command: Command) -> Rejection {
        let actor = self.actor.clone();
        self.refuse_as(&actor, command)
    }

    /// Runs a command as `actor` that must be refused, and checks the refusal changed nothing.
    pub fn refuse_as(&mut self, actor: &Actor, command: Command) -> Rejection {
        let before = self.state.clone();
        let rejection = self.run_as(actor, command).expect_err("command should be refused");
        assert_eq!(self.state, before, "a rejection must leave state untouched");
        rejection
    }

    pub fn refuse_people(&mut self, command: PeopleCommand) -> Rejection {
        self.refuse(Command::People(command))
    }

    pub fn check_invariants(&self) {
        self.state.check_invariants().expect("state invariants hold");
    }

    /// Adds `handles` as participants in one step; `carol`, when among them, coordinates.
    pub fn add_participants(&mut self, handles: &[&str]) {
        let participants = handles
            .iter()
            .map(|handle| people::NewParticipant {
                handle: handle.to_string(),
                real_name: None,
                coordinator: *handle == "carol",
            })
            .collect();
        self.people(PeopleCommand::AddParticipants { participants, by: None }).unwrap();
    }

    /// carol certifies `handle` in joinery at `level`, without expiry.
    pub fn grant_joinery(&mut self, handle: &str, level: i64) {
        let grant = PeopleCommand::GrantCertification {
            handle: handle.into(),
            skill: "joinery".into(),
            level,
            expires_on: None,
            by: "carol".into(),
        };
        self.people(grant).unwrap();
    }

    /// Records a hand-made `proposal` for mandate `MAN-0001` and commits it as `PROD-0001`.
    pub fn commit_first_plan(&mut self, proposal: PlanProposal) {
        self.run(Command::Plan(PlanCommand::RecordPlanProposal { mandate: MandateId(1), proposal })).unwrap();
        self.run(Command::Plan(PlanCommand::CommitPlan { plan: PlanId(1) })).unwrap();
    }

    /// Records every due check of a completed task at its nominal (pass for a pass/fail check),
    /// as `by`: for scenarios about something else than quality that still verify work.
    pub fn inspect_all(&mut self, task: &prodos_core::execution::TaskRef, by: &str) {
        use prodos_core::design::CheckKind;
        use prodos_core::measure::Measurement;
        let checks = self.state.plans.plan(task.plan).and_then(|plan| {
            let spec = &self.state.designs.version(plan.proposal.design)?.spec;
            Some(spec.operation(&task.operation)?.checks.clone())
        });
        for check in checks.unwrap_or_default() {
            let measurement = match check.kind {
                CheckKind::Attribute => Measurement::Attribute { passed: true },
                CheckKind::Measured => Measurement::Values(vec![check.nominal; check.samples.max(1) as usize]),
            };
            let command = prodos_core::quality::QualityCommand::RecordInspection {
                task: task.clone(),
                check: check.key(),
                measurement,
                unit: None,
                by: by.into(),
                instrument: None,
                note: String::new(),
            };
            self.must(Command::Quality(command));
        }
    }
}
