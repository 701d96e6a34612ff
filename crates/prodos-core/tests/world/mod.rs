//! A tiny test world shared by the people-and-work scenario tests: state plus a clock, where
//! commands are decided and their events applied, and refusals are checked to change nothing.
#![allow(dead_code)]

use prodos_core::people::PeopleCommand;
use prodos_core::*;

pub struct World {
    pub state: State,
    pub now: Timestamp,
}

impl World {
    pub fn new() -> World {
        // 2026-09-21, a Monday.
        World { state: State::default(), now: Timestamp::from_millis(1_790_000_000_000) }
    }

    pub fn run(&mut self, command: Command) -> Result<Vec<Event>, Rejection> {
        self.now = Timestamp::from_millis(self.now.millis() + 60_000);
        let events = decide(&self.state, &command, self.now)?;
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
        let before = self.state.clone();
        let rejection = self.run(command).expect_err("command should be refused");
        assert_eq!(self.state, before, "a rejection must leave state untouched");
        rejection
    }

    pub fn refuse_people(&mut self, command: PeopleCommand) -> Rejection {
        self.refuse(Command::People(command))
    }

    pub fn verify(&self) {
        self.state.verify().expect("state invariants hold");
    }
}
