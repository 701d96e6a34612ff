//! prodos-testkit: what the workspace's tests share, and only tests (a dev-dependency, never
//! published): the one fixture design, the scenario world (bare or with the example files), and
//! the story every ledger backend must tell.

mod examples;
pub mod ledger_conformance;
pub mod press;
pub mod sources;
pub mod stool;
pub mod world;

pub use examples::{GUITAR_DESIGN, HOUSE_DESIGN};
pub use stool::*;
pub use world::World;
