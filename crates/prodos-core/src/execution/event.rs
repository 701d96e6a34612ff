//! Facts about task execution. Material consumption and labor are recorded by the existing
//! `StockConsumed` and `LaborRecorded` events in the same decision; these events carry the
//! workflow and, on start, which lots the task drew from.

use super::model::{Consumption, Execution, TaskStatus};
use crate::ids::TaskRef;
use crate::time::Timestamp;
use crate::units::Milli;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum ExecutionEvent {
    TaskStarted {
        task: TaskRef,
        worker: String,
        consumed: Vec<Consumption>,
        at: Timestamp,
        /// The working crew; empty in ledgers written before crews existed, meaning the worker.
        #[serde(default)]
        crew: Vec<String>,
    },
    TaskCompleted {
        task: TaskRef,
        by: String,
        at: Timestamp,
        /// Actual hours per crew member; `None` means the planned duration.
        #[serde(default)]
        hours: Option<Milli>,
    },
    TaskVerified {
        task: TaskRef,
        by: String,
        at: Timestamp,
    },
    /// Back to in progress for rework.
    TaskRejected {
        task: TaskRef,
        by: String,
        reason: String,
        at: Timestamp,
    },
    TaskBlocked {
        task: TaskRef,
        by: String,
        reason: String,
        at: Timestamp,
    },
    TaskUnblocked {
        task: TaskRef,
        by: String,
        at: Timestamp,
    },
    /// A plan continuing another was committed: the task's record (status, crew, times, what it
    /// consumed) moves from the superseded plan to the same operation and unit of the new one.
    TaskCarried {
        from: TaskRef,
        to: TaskRef,
        at: Timestamp,
    },
}

impl ExecutionEvent {
    /// The stable name stored in the ledger's kind column.
    pub fn kind(&self) -> &'static str {
        match self {
            ExecutionEvent::TaskStarted { .. } => "TaskStarted",
            ExecutionEvent::TaskCompleted { .. } => "TaskCompleted",
            ExecutionEvent::TaskVerified { .. } => "TaskVerified",
            ExecutionEvent::TaskRejected { .. } => "TaskRejected",
            ExecutionEvent::TaskBlocked { .. } => "TaskBlocked",
            ExecutionEvent::TaskUnblocked { .. } => "TaskUnblocked",
            ExecutionEvent::TaskCarried { .. } => "TaskCarried",
        }
    }
}

impl Execution {
    pub(crate) fn apply(&mut self, event: &ExecutionEvent) {
        match event {
            ExecutionEvent::TaskStarted { task, worker, consumed, at, crew } => {
                let record = self.task_mut(task);
                record.status = TaskStatus::InProgress;
                record.worker = Some(worker.clone());
                record.crew = if crew.is_empty() { vec![worker.clone()] } else { crew.clone() };
                record.started_at = Some(*at);
                record.consumed.extend(consumed.iter().cloned());
            }
            ExecutionEvent::TaskCompleted { task, at, hours, .. } => {
                let record = self.task_mut(task);
                record.status = TaskStatus::Done;
                record.completed_at = Some(*at);
                record.hours = *hours;
            }
            ExecutionEvent::TaskVerified { task, by, .. } => {
                let record = self.task_mut(task);
                record.status = TaskStatus::Verified;
                record.verified_by = Some(by.clone());
            }
            ExecutionEvent::TaskRejected { task, .. } => {
                let record = self.task_mut(task);
                record.status = TaskStatus::InProgress;
                record.completed_at = None;
                record.hours = None;
                record.rejections += 1;
            }
            ExecutionEvent::TaskBlocked { task, reason, .. } => self.task_mut(task).blocked = Some(reason.clone()),
            ExecutionEvent::TaskUnblocked { task, .. } => self.task_mut(task).blocked = None,
            ExecutionEvent::TaskCarried { from, to, .. } => self.carry(from, to),
        }
    }
}
