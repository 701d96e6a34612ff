//! Object-level checks: who may act on which task, attempt or participant. The route registry
//! decides the function level (a participant may do work at all); these rules decide whether this
//! caller may touch this object: participants act on their own tasks and never verify their own
//! work, coordinators act on anyone's. The core still decides the domain rules (qualification,
//! predecessors, status) afterwards.

use crate::auth::Principal;
use crate::error::ApiError;
use prodos_core::State as NodeState;
use prodos_core::execution::{TaskRecord, TaskRef};

/// What a caller wants to do with a task.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TaskAction {
    Start,
    Complete,
    Verify,
    Reject,
    Block,
    Unblock,
}

impl TaskAction {
    pub fn as_str(self) -> &'static str {
        match self {
            TaskAction::Start => "start",
            TaskAction::Complete => "complete",
            TaskAction::Verify => "verify",
            TaskAction::Reject => "reject",
            TaskAction::Block => "block",
            TaskAction::Unblock => "unblock",
        }
    }

    pub fn parse(text: &str) -> Option<TaskAction> {
        [
            TaskAction::Start,
            TaskAction::Complete,
            TaskAction::Verify,
            TaskAction::Reject,
            TaskAction::Block,
            TaskAction::Unblock,
        ]
        .into_iter()
        .find(|action| action.as_str() == text)
    }
}

/// The caller's participant handle, which must be a participant of the node.
pub fn acting_participant(state: &NodeState, principal: &Principal, action: &str) -> Result<String, ApiError> {
    let handle = principal.participant();
    if state.people.get(handle).is_none() {
        return Err(ApiError::NotAParticipant { handle: handle.to_string(), action: action.to_string() });
    }
    Ok(handle.to_string())
}

/// Whether `principal` may take `action` on `task` whose record is `record`, starting it for
/// `worker`. Coordinators may act on every task (and start one for someone else); participants
/// start only as themselves, and complete, block and unblock only tasks they work on (as the
/// worker or in the crew); nobody verifies or rejects work they were part of.
pub fn check_task_action(
    principal: &Principal,
    task: &TaskRef,
    record: &TaskRecord,
    action: TaskAction,
    worker: &str,
) -> Result<(), ApiError> {
    let me = principal.participant();
    let works_on_it = record.worker.as_deref() == Some(me) || record.crew.iter().any(|member| member == me);
    let not_yours = |message: String| Err(ApiError::NotYours { message });
    match action {
        TaskAction::Verify | TaskAction::Reject if works_on_it => Err(ApiError::OwnWork {
            handle: me.to_string(),
            action: action.as_str().to_string(),
            what: task.to_string(),
        }),
        _ if principal.is_coordinator() => Ok(()),
        TaskAction::Start if worker != me => {
            not_yours(format!("{me} may start {task} only as its own worker, not for {worker}"))
        }
        TaskAction::Start | TaskAction::Verify | TaskAction::Reject => Ok(()),
        TaskAction::Complete | TaskAction::Block | TaskAction::Unblock if works_on_it => Ok(()),
        TaskAction::Complete | TaskAction::Block | TaskAction::Unblock => match record.worker.as_deref() {
            Some(worker) => not_yours(format!("{task} is {worker}'s task; {me} cannot {} it", action.as_str())),
            None => not_yours(format!("{task} has no worker yet; only a coordinator can {} it", action.as_str())),
        },
    }
}

/// Participants act on their own records (availability, absences, attempts, entitlements);
/// coordinators on anyone's.
pub fn check_own_handle(principal: &Principal, handle: &str, what: &str) -> Result<(), ApiError> {
    if principal.is_coordinator() || principal.participant() == handle {
        Ok(())
    } else {
        Err(ApiError::NotYours {
            message: format!("{} may change only their own {what}, not {handle}'s", principal.participant()),
        })
    }
}

/// Parses the three path parts of a task (`PROD-0031`, `bracing`, `1`) into a task reference.
pub fn task_ref(plan: &str, operation: &str, unit: &str) -> Result<TaskRef, ApiError> {
    format!("{plan}/{operation}#{unit}").parse().map_err(|message: String| ApiError::BadRequest {
        code: "bad_task_id",
        message,
        field: Some("task".into()),
    })
}
