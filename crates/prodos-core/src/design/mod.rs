//! Designs: versioned, certifiable modular BOMs with build sequences (the seeds' "certified design").

pub mod decide;
pub mod registry;
pub mod spec;
pub mod validate;

pub use registry::{DesignRecord, DesignStatus, DesignVersion, Designs};
pub use spec::*;
pub use validate::{DesignProblem, SpecPath, certification_gaps, validate};
