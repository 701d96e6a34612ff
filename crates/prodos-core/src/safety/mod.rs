//! Safety as an operating envelope: incidents and near misses recorded against an operation, an
//! asset and the people involved, and the certifications a serious incident suspended. The area
//! keeps the record; suspending someone's certification and checking a task's safety
//! certification are decided against people in `crate::orchestration::safety`.

pub mod command;
pub mod event;
pub mod model;

pub use command::{NewIncident, SafetyCommand};
pub use event::SafetyEvent;
pub use model::{Incident, IncidentKind, IncidentSeverity, Safety, Suspension};
