//! prodos-testkit: what the workspace's tests share, and only tests (a dev-dependency, never
//! published): the one fixture design, the scenario world, and the story every ledger backend
//! must tell.

pub mod ledger_conformance;
pub mod stool;
pub mod world;

pub use stool::*;
pub use world::World;
