//! The story's calendar: decisions happen at set days, and committed plans are worked along their
//! schedules in between. Each committed plan's operations become start, complete and verify steps
//! at their scheduled times (with the inspection of its checks between completion and
//! verification); moving the story's clock first performs every step due by then, so
//! several batches can be under way at once, as in a real workshop.

use super::cast::COORDINATOR;
use super::inspection::{self, Fix, Flaw};
use super::seeder::Seeder;
use prodos_app::NodeError;
use prodos_core::design::QualityCheck;
use prodos_core::execution::{ExecutionCommand, TaskRef};
use prodos_core::measure::Measurement;
use prodos_core::plan::Day;
use prodos_core::quality::{DispositionChoice, QualityCommand, SeriesKey};
use prodos_core::{Command, PlanId, State, Timestamp};
use std::collections::{BTreeMap, HashMap};

const MINUTE_MS: i64 = 60_000;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Step {
    // At equal times a verification comes first, so that a successor may start at that moment.
    Verify,
    Inspect,
    Reject,
    Complete,
    Start,
}

/// A verification that fails once (the worker redoes the step) before it passes.
pub struct Redo {
    pub plan: PlanId,
    pub operation: &'static str,
    pub unit: u32,
    pub reason: &'static str,
}

pub struct Story<'s, 'n> {
    pub seeder: &'s mut Seeder<'n>,
    /// Steps not yet performed, by (time, step, order of scheduling).
    pending: BTreeMap<(Timestamp, Step, u64), TaskRef>,
    scheduled: u64,
    workers: HashMap<TaskRef, String>,
    busy_until: HashMap<String, Timestamp>,
    /// Tasks done per person, so work and verifications spread over the members.
    load: HashMap<String, u32>,
    redos: Vec<Redo>,
    flaws: Vec<Flaw>,
}

impl<'s, 'n> Story<'s, 'n> {
    pub fn new(seeder: &'s mut Seeder<'n>) -> Story<'s, 'n> {
        Story {
            seeder,
            pending: BTreeMap::new(),
            scheduled: 0,
            workers: HashMap::new(),
            busy_until: HashMap::new(),
            load: HashMap::new(),
            redos: Vec::new(),
            flaws: Vec::new(),
        }
    }

    /// Moves to `days` from today at `hour`:00 UTC, doing every task step due before then.
    pub fn on_day(&mut self, days: i64, hour: i64) -> Result<(), NodeError> {
        let at = Timestamp::from_millis(self.seeder.today.plus(days).start().millis() + hour * 60 * MINUTE_MS);
        self.until(at)
    }

    /// Does every task step due at or before `at`, then sets the clock to `at`.
    pub fn until(&mut self, at: Timestamp) -> Result<(), NodeError> {
        while let Some(entry) = self.pending.first_entry() {
            let (when, step, _) = *entry.key();
            if when > at {
                break;
            }
            let task = entry.remove();
            self.seeder.set_clock(when);
            self.perform(step, &task)?;
        }
        self.seeder.set_clock(at);
        Ok(())
    }

    /// Plans a redo: the named task's first verification is refused with `reason`.
    pub fn redo(&mut self, redo: Redo) {
        self.redos.push(redo);
    }

    /// Plans a flaw: the task's first inspection of a check fails, and it is reworked.
    pub fn flaw(&mut self, flaw: Flaw) {
        self.flaws.push(flaw);
    }

    /// Schedules the steps of a committed plan's operations at their planned times.
    pub fn work(&mut self, plan: PlanId) {
        let operations = self
            .seeder
            .read(|state| state.plans.plan(plan).map(|found| found.proposal.operations.clone()).unwrap_or_default());
        for operation in operations {
            let task = TaskRef { plan, operation: operation.operation.clone(), unit: operation.unit };
            let end = operation.end.millis();
            let redo = self
                .redos
                .iter()
                .any(|redo| redo.plan == plan && redo.operation == operation.operation && redo.unit == operation.unit);
            self.schedule(operation.start, Step::Start, &task);
            if redo {
                self.schedule(Timestamp::from_millis(end - 70 * MINUTE_MS), Step::Complete, &task);
                self.schedule(Timestamp::from_millis(end - 60 * MINUTE_MS), Step::Reject, &task);
            }
            self.schedule(Timestamp::from_millis(end - 10 * MINUTE_MS), Step::Complete, &task);
            self.schedule(Timestamp::from_millis(end - 9 * MINUTE_MS), Step::Inspect, &task);
            self.schedule(operation.end, Step::Verify, &task);
        }
    }

    /// Drops the steps not yet performed for `plan` (it was superseded or cancelled).
    pub fn stop(&mut self, plan: PlanId) {
        self.pending.retain(|_, task| task.plan != plan);
    }

    fn schedule(&mut self, at: Timestamp, step: Step, task: &TaskRef) {
        self.scheduled += 1;
        self.pending.insert((at, step, self.scheduled), task.clone());
    }

    fn perform(&mut self, step: Step, task: &TaskRef) -> Result<(), NodeError> {
        let now = self.seeder.now();
        let command = match step {
            Step::Inspect => return self.inspect(task),
            Step::Start => {
                let (skill, end) = self.seeder.read(|state| (skill_of(state, task), planned_end(state, task)));
                let worker = self.pick_worker(skill.as_ref(), now);
                self.busy_until.insert(worker.clone(), end.unwrap_or(now));
                *self.load.entry(worker.clone()).or_default() += 1;
                self.workers.insert(task.clone(), worker.clone());
                ExecutionCommand::Start { task: task.clone(), worker, with: Vec::new() }
            }
            Step::Complete => ExecutionCommand::Complete { task: task.clone(), by: self.worker_of(task), hours: None },
            Step::Reject | Step::Verify => {
                let skill = self.seeder.read(|state| skill_of(state, task));
                let worker = self.worker_of(task);
                let by = self.pick_verifier(skill.as_ref(), &worker, now);
                *self.load.entry(by.clone()).or_default() += 1;
                if step == Step::Verify {
                    ExecutionCommand::Verify { task: task.clone(), by }
                } else {
                    let reason = self
                        .redos
                        .iter()
                        .find(|redo| {
                            redo.plan == task.plan && redo.operation == task.operation && redo.unit == task.unit
                        })
                        .map_or("not to standard", |redo| redo.reason);
                    ExecutionCommand::Reject { task: task.clone(), by, reason: reason.into() }
                }
            }
        };
        let actor = match &command {
            ExecutionCommand::Start { worker, .. } => worker.clone(),
            ExecutionCommand::Complete { by, .. }
            | ExecutionCommand::Verify { by, .. }
            | ExecutionCommand::Reject { by, .. }
            | ExecutionCommand::Block { by, .. }
            | ExecutionCommand::Unblock { by, .. } => by.clone(),
        };
        self.seeder.run(&actor, Command::Execution(command))?;
        Ok(())
    }

    /// The verifier-to-be records each due check; a planned flaw fails once, is disposed of for
    /// rework (worked by the task's worker, verified by the inspector) and re-inspected.
    fn inspect(&mut self, task: &TaskRef) -> Result<(), NodeError> {
        let checks = self.seeder.read(|state| checks_of(state, task));
        if checks.is_empty() {
            return Ok(());
        }
        let skill = self.seeder.read(|state| skill_of(state, task));
        let worker = self.worker_of(task);
        let inspector = self.pick_verifier(skill.as_ref(), &worker, self.seeder.now());
        for check in checks {
            let key = check.key();
            let flaw = self.flaws.iter().position(|flaw| flaw.task == *task && flaw.check == key);
            if let Some(index) = flaw {
                let flaw = self.flaws.remove(index);
                self.record(task, &key, inspection::flawed(&check, flaw.off_by), &inspector)?;
                self.rework(task, &flaw, &worker, &inspector)?;
                if matches!(flaw.fix, Fix::Scrap { .. }) {
                    return Ok(()); // nothing more is measured on a scrapped unit
                }
            }
            let earlier = self.seeder.read(|state| series_len(state, task, &key));
            self.record(task, &key, inspection::reading(task, &check, earlier), &inspector)?;
        }
        Ok(())
    }

    fn record(&mut self, task: &TaskRef, check: &str, measurement: Measurement, by: &str) -> Result<(), NodeError> {
        let command = QualityCommand::RecordInspection {
            task: task.clone(),
            check: check.to_string(),
            measurement,
            unit: None,
            by: by.to_string(),
            instrument: None,
            note: String::new(),
        };
        self.seeder.run(by, Command::Quality(command))?;
        Ok(())
    }

    /// Disposes of the flaw's nonconformance: a scrap ends the unit (its pending steps are
    /// dropped); a rework is worked by the task's worker and verified by the inspector.
    fn rework(&mut self, task: &TaskRef, flaw: &Flaw, worker: &str, inspector: &str) -> Result<(), NodeError> {
        let ncr = self.seeder.read(|state| state.quality.nonconformances().last().map(|ncr| ncr.id));
        let Some(ncr) = ncr else { return Ok(()) };
        let disposition = match flaw.fix {
            Fix::Rework { minutes, note } => {
                DispositionChoice::Rework { duration_min: Some(minutes), note: note.into() }
            }
            Fix::Scrap { reason } => {
                let disposition = DispositionChoice::Scrap { reason: reason.into() };
                self.seeder.run(
                    inspector,
                    Command::Quality(QualityCommand::Dispose { ncr, disposition, by: inspector.into() }),
                )?;
                self.pending.retain(|_, pending| !(pending.plan == task.plan && pending.unit == task.unit));
                return Ok(());
            }
        };
        self.seeder
            .run(inspector, Command::Quality(QualityCommand::Dispose { ncr, disposition, by: inspector.into() }))?;
        let rework = self.seeder.read(|state| state.quality.reworks_of(task).last().map(|order| order.task.clone()));
        let Some(rework) = rework else { return Ok(()) };
        let minute = |story: &mut Self| {
            let next = Timestamp::from_millis(story.seeder.now().millis() + MINUTE_MS);
            story.seeder.set_clock(next);
        };
        minute(self);
        let start = ExecutionCommand::Start { task: rework.clone(), worker: worker.into(), with: Vec::new() };
        self.seeder.run(worker, Command::Execution(start))?;
        minute(self);
        let complete = ExecutionCommand::Complete { task: rework.clone(), by: worker.into(), hours: None };
        self.seeder.run(worker, Command::Execution(complete))?;
        minute(self);
        self.seeder
            .run(inspector, Command::Execution(ExecutionCommand::Verify { task: rework, by: inspector.into() }))?;
        minute(self);
        Ok(())
    }

    fn worker_of(&self, task: &TaskRef) -> String {
        self.workers.get(task).cloned().unwrap_or_else(|| COORDINATOR.to_string())
    }

    /// The member who takes a task: qualified now, present, and free if anyone is; among those
    /// the least senior (masters keep time for the hard steps), then whoever has done least.
    fn pick_worker(&self, skill: Option<&(String, u8)>, now: Timestamp) -> String {
        let today = Day::of(now);
        let candidates = self.seeder.read(|state| {
            state
                .people
                .iter()
                .filter(|person| !person.coordinator && !person.is_absent_on(today))
                .filter_map(|person| {
                    let level = match skill {
                        Some((skill, level)) => person.level_at(skill, now).filter(|held| held >= level)?,
                        None => 0,
                    };
                    let busy = self.busy_until.get(&person.handle).is_some_and(|until| *until > now);
                    let load = self.load.get(&person.handle).copied().unwrap_or(0);
                    Some(((busy, level, load), person.handle.clone()))
                })
                .min()
        });
        candidates.map_or_else(|| COORDINATOR.to_string(), |(_, handle)| handle)
    }

    /// Who checks the work: another member certified at the task's level (the most senior
    /// present, spreading the checks), else the coordinator.
    fn pick_verifier(&self, skill: Option<&(String, u8)>, worker: &str, now: Timestamp) -> String {
        let Some((skill, level)) = skill else { return COORDINATOR.to_string() };
        let today = Day::of(now);
        let candidates = self.seeder.read(|state| {
            state
                .people
                .iter()
                .filter(|person| !person.coordinator && person.handle != worker && !person.is_absent_on(today))
                .filter_map(|person| {
                    let held = person.level_at(skill, now).filter(|held| held >= level)?;
                    let load = self.load.get(&person.handle).copied().unwrap_or(0);
                    Some(((load / 4, std::cmp::Reverse(held)), person.handle.clone()))
                })
                .min()
        });
        candidates.map_or_else(|| COORDINATOR.to_string(), |(_, handle)| handle)
    }
}

fn skill_of(state: &State, task: &TaskRef) -> Option<(String, u8)> {
    let plan = state.plans.plan(task.plan)?;
    let operation = state.designs.version(plan.proposal.design)?.spec.operation(&task.operation)?;
    let skill = operation.skill.clone()?;
    Some((skill, operation.min_level.clamp(1, 5) as u8))
}

fn checks_of(state: &State, task: &TaskRef) -> Vec<QualityCheck> {
    let Some(plan) = state.plans.plan(task.plan) else { return Vec::new() };
    let spec = state.designs.version(plan.proposal.design).map(|version| &version.spec);
    spec.and_then(|spec| spec.operation(&task.operation)).map_or_else(Vec::new, |operation| operation.checks.clone())
}

/// How many samples the task's check series already holds.
fn series_len(state: &State, task: &TaskRef, check: &str) -> usize {
    let Some(plan) = state.plans.plan(task.plan) else { return 0 };
    let key = SeriesKey { design: plan.proposal.design.design, operation: task.operation.clone(), check: check.into() };
    state.quality.series(&key).count()
}

fn planned_end(state: &State, task: &TaskRef) -> Option<Timestamp> {
    let plan = state.plans.plan(task.plan)?;
    plan.proposal
        .operations
        .iter()
        .find(|operation| operation.operation == task.operation && operation.unit == task.unit)
        .map(|operation| operation.end)
}
