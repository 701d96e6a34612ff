//! prodos-app: the application layer of one node. It owns the ledger handle and the folded
//! state, runs commands through `decide`, and is what the CLI and the server both call.

pub mod clock;
mod codec;
pub mod data_dir;
mod error;
pub mod matching;
mod node;
pub mod planning;
pub mod queries;
pub mod score;
pub mod views;

pub use codec::{decode, encode};
pub use error::NodeError;
pub use node::{CommandMeta, Node, Receipt};
