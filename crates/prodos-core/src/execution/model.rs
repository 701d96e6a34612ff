//! Tasks as the ledger knows them. A task is one operation instance of a committed plan, named
//! `PROD-0001/bracing#2`; a task nobody has touched is ready (or waiting on predecessors).

use crate::ids::{LotId, PlanId, TaskRef};
use crate::provenance::Provenance;
use crate::time::Timestamp;
use crate::units::Milli;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TaskStatus {
    Ready,
    InProgress,
    Done,
    Verified,
}

impl TaskStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            TaskStatus::Ready => "ready",
            TaskStatus::InProgress => "in progress",
            TaskStatus::Done => "done",
            TaskStatus::Verified => "verified",
        }
    }
}

/// A quantity taken from one lot for a task, with the lot's provenance.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Consumption {
    pub lot: LotId,
    pub material: String,
    pub qty: Milli,
    pub provenance: Provenance,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TaskRecord {
    pub status: TaskStatus,
    /// Who started it.
    pub worker: Option<String>,
    /// Everyone who works it (the worker first without a confirmed crew, else the crew members
    /// who had accepted when it started); each gets a labor event on verification.
    pub crew: Vec<String>,
    /// Actual hours per crew member, when given on completion; else the planned duration.
    pub hours: Option<Milli>,
    pub blocked: Option<String>,
    pub started_at: Option<Timestamp>,
    pub completed_at: Option<Timestamp>,
    pub verified_by: Option<String>,
    pub rejections: u32,
    pub consumed: Vec<Consumption>,
}

impl Default for TaskRecord {
    fn default() -> Self {
        TaskRecord {
            status: TaskStatus::Ready,
            worker: None,
            crew: Vec::new(),
            hours: None,
            blocked: None,
            started_at: None,
            completed_at: None,
            verified_by: None,
            rejections: 0,
            consumed: Vec::new(),
        }
    }
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Execution {
    tasks: BTreeMap<TaskRef, TaskRecord>,
}

impl Execution {
    /// The task's record; an untouched task is ready.
    pub fn task(&self, task: &TaskRef) -> TaskRecord {
        self.tasks.get(task).cloned().unwrap_or_default()
    }
    pub fn touched(&self) -> impl Iterator<Item = (&TaskRef, &TaskRecord)> {
        self.tasks.iter()
    }
    /// The touched tasks of one plan, found by range (task refs sort by plan first), so a plan's
    /// progress costs its own tasks rather than every task the node ever ran.
    pub fn touched_of(&self, plan: PlanId) -> impl Iterator<Item = (&TaskRef, &TaskRecord)> {
        let first = TaskRef { plan, operation: String::new(), unit: 0 };
        self.tasks.range(first..).take_while(move |(task, _)| task.plan == plan)
    }
    pub(crate) fn task_mut(&mut self, task: &TaskRef) -> &mut TaskRecord {
        self.tasks.entry(task.clone()).or_default()
    }
    /// Moves a record rather than copying it: the work happened once, and labor, reputation and
    /// goods count it once, under the plan that carries it on.
    pub(crate) fn carry(&mut self, from: &TaskRef, to: &TaskRef) {
        if let Some(record) = self.tasks.remove(from) {
            self.tasks.insert(to.clone(), record);
        }
    }
}
