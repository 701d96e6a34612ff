//! prodos-sched: a pure resource-constrained project scheduling engine.
pub mod bench;
pub mod checker;
pub mod cpm;
pub mod error;
pub mod exact;
pub mod ga;
pub mod model;
pub mod priority;
pub mod psplib;
pub mod sgs;
pub mod solve;
