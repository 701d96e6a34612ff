//! Labor-matching glue: turns a committed plan and the people into a `prodos-matching` problem,
//! runs the matcher, and returns the command that records its result. The core re-checks every
//! person when the command is decided, so these helpers never need to be trusted; shells (the
//! CLI, the server) execute what they return through `Node::execute`.

mod problem;
mod view;

pub use problem::{MatchRun, decline_command, propose_match};
pub use view::{CrewMemberView, CrewView, MatchView};
