//! prodos-core: the pure heart of prodos. Domain types, events, `decide(state, actor, command, now)` and
//! `State::apply(event)`. No IO, no clock, no unseeded randomness: replay and simulation are
//! deterministic because time and seeds are parameters.

pub mod access;
pub mod calendar;
pub mod command;
pub mod credits;
pub mod decide;
pub mod design;
pub mod distribution;
pub mod event;
pub mod execution;
pub mod ids;
pub mod improvement;
pub mod maintenance;
pub mod matching;
pub mod measure;
pub mod orchestration;
pub mod people;
pub mod plan;
pub mod policy;
pub mod provenance;
pub mod quality;
pub mod rejection;
pub mod safety;
pub mod series;
pub mod skill;
pub mod state;
pub mod stock;
pub mod supplier;
pub mod time;
pub mod units;

pub use command::Command;
pub use decide::decide;
pub use design::{DesignCommand, DesignEvent};
pub use event::Event;
pub use ids::*;
pub use plan::{PlanCommand, PlanEvent};
pub use policy::Actor;
pub use rejection::Rejection;
pub use state::State;
pub use stock::{StockCommand, StockEvent};
pub use supplier::{SupplierCommand, SupplierEvent};
pub use time::Timestamp;
pub use units::{Dimension, Milli, Millicents, Quantity, Unit, UnitError};
