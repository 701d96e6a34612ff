//! Facts about task execution. Material consumption and labor are recorded by the existing
//! `StockConsumed` and `LaborRecorded` events in the same decision; these events carry the
//! workflow and, on start, which lots the task drew from.

use super::model::{Consumption, Execution, TaskRef, TaskStatus};
use crate::time::Timestamp;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum ExecutionEvent {
    TaskStarted {
        task: TaskRef,
        worker: String,
        consumed: Vec<Consumption>,
        at: Timestamp,
    },
    TaskCompleted {
        task: TaskRef,
        by: String,
        at: Timestamp,
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
        }
    }
}

impl Execution {
    pub(crate) fn apply(&mut self, event: &ExecutionEvent) {
        match event {
            ExecutionEvent::TaskStarted { task, worker, consumed, at } => {
                let record = self.task_mut(task);
                record.status = TaskStatus::InProgress;
                record.worker = Some(worker.clone());
                record.started_at = Some(*at);
                record.consumed.extend(consumed.iter().cloned());
            }
            ExecutionEvent::TaskCompleted { task, at, .. } => {
                let record = self.task_mut(task);
                record.status = TaskStatus::Done;
                record.completed_at = Some(*at);
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
                record.rejections += 1;
            }
            ExecutionEvent::TaskBlocked { task, reason, .. } => self.task_mut(task).blocked = Some(reason.clone()),
            ExecutionEvent::TaskUnblocked { task, .. } => self.task_mut(task).blocked = None,
        }
    }
}
