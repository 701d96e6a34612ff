//! Designs: versioned, certifiable modular BOMs with build sequences (the seeds' "certified design").

pub mod check;
pub mod command;
pub mod decide;
pub mod event;
pub mod registry;
pub mod spec;
pub mod validate;

pub use check::{CheckKind, QualityCheck, Sides};
pub use command::DesignCommand;
pub use event::DesignEvent;
pub use registry::{DesignRecord, DesignStatus, DesignVersion, Designs};
pub use spec::*;
pub use validate::{DesignProblem, SpecPath, certification_gaps, validate};
