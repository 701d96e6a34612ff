//! Writes the demo's commands: each under a fixed id (`demo-N`, in order), as the person who did
//! it, at the moment in the story it happened. The story's clock only moves forward.

use prodos_app::NodeError;
use prodos_app::decode;
use prodos_app::planning::{ProposeOptions, propose_plan};
use prodos_app::{CommandMeta, Node, Receipt};
use prodos_core::PlanEvent;
use prodos_core::plan::Day;
use prodos_core::{Command, Event, MandateId, PlanId, Rejection, State, Timestamp};

const MINUTE_MS: i64 = 60_000;

/// Schedules searched per demo proposal.
const DEMO_SCHEDULES: u64 = 100;

pub struct Seeder<'a> {
    pub node: &'a Node,
    /// Who runs the set-up imports.
    pub actor: &'a str,
    /// The day the demo is seeded: the story's "today".
    pub today: Day,
    /// When the demo is seeded: the story ends here.
    pub seeded_at: Timestamp,
    /// The story's clock: when the next command happens.
    clock: Timestamp,
    issued: u32,
}

impl<'a> Seeder<'a> {
    pub fn new(node: &'a Node, actor: &'a str, now: Timestamp) -> Seeder<'a> {
        Seeder { node, actor, today: Day::of(now), seeded_at: now, clock: now, issued: 0 }
    }

    /// Moves the story's clock to `days` from today (negative: in the past) at `hour`:00 UTC.
    pub fn on_day(&mut self, days: i64, hour: i64) {
        self.set_clock(Timestamp::from_millis(self.today.plus(days).start().millis() + hour * 60 * MINUTE_MS));
    }

    /// Moves the story's clock to `at`; never backwards, so the ledger reads in time order.
    pub fn set_clock(&mut self, at: Timestamp) {
        self.clock = self.clock_after(at);
    }

    fn clock_after(&self, at: Timestamp) -> Timestamp {
        if self.issued == 0 { at } else { Timestamp::from_millis(at.millis().max(self.clock.millis())) }
    }

    pub fn now(&self) -> Timestamp {
        self.clock
    }

    /// Reads the node's state.
    pub fn read<R>(&self, query: impl FnOnce(&State) -> R) -> R {
        self.node.read(query)
    }

    fn next_meta(&mut self, actor: &str) -> CommandMeta {
        self.issued += 1;
        CommandMeta {
            command_id: format!("demo-{}", self.issued),
            actor: prodos_core::Actor::Local(actor.to_string()),
            now: self.clock,
        }
    }

    /// Executes `command` as `actor` at the story's clock.
    pub fn run(&mut self, actor: &str, command: Command) -> Result<Receipt, NodeError> {
        let meta = self.next_meta(actor);
        self.node.execute(&command, &meta)
    }

    /// Asks the planner for a plan for `mandate` and records it. A proposal recorded by an earlier
    /// seeding is read back instead of searching again.
    pub fn propose(&mut self, actor: &str, mandate: MandateId) -> Result<PlanId, NodeError> {
        let meta = self.next_meta(actor);
        let earlier = self.node.store().entries_of_command(&meta.command_id)?;
        let events = if earlier.is_empty() {
            // A bounded search keeps seeding fast; small batches settle well before the bound.
            let options = ProposeOptions { max_schedules: Some(DEMO_SCHEDULES), time_limit: None, seed: 0 };
            propose_plan(self.node, mandate, &options, &meta)?.receipt.events
        } else {
            earlier.iter().map(decode).collect::<Result<Vec<_>, _>>()?.concat()
        };
        events
            .iter()
            .find_map(|event| match event {
                Event::Plan(PlanEvent::PlanProposed { plan, .. }) => Some(*plan),
                _ => None,
            })
            .ok_or(NodeError::Rejected(Rejection::UnknownMandate { mandate }))
    }
}
