//! prodos-sched: a pure resource-constrained project scheduling engine.
pub mod checker;
pub mod cpm;
pub mod error;
pub mod model;
pub mod psplib;
pub mod sgs;
pub mod ga;
pub mod priority;
pub mod exact;
pub mod bench;
pub mod solve;
