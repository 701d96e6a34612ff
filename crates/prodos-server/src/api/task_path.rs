//! How a task and an action on it are spelled in a URL: `/api/tasks/PROD-0031/bracing/1/start`.
//! Who may take which action is the core's policy (`prodos_core::policy`), not the server's.

use crate::error::ApiError;
use prodos_core::execution::TaskRef;

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

/// Parses the three path parts of a task (`PROD-0031`, `bracing`, `1`) into a task reference.
pub fn task_ref(plan: &str, operation: &str, unit: &str) -> Result<TaskRef, ApiError> {
    format!("{plan}/{operation}#{unit}").parse().map_err(|message: String| ApiError::BadRequest {
        code: "bad_task_id",
        message,
        field: Some("task".into()),
    })
}
