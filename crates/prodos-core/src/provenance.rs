//! Where a material came from: the node itself, a federated node, or an external supplier. Stock
//! records it on each lot; execution copies it onto each consumption so a build names its sources.

use serde::{Deserialize, Serialize};
use std::fmt;

/// Where a lot came from (the seeds: own node, another node via federation, external supplier).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "kind", content = "source", rename_all = "snake_case")]
pub enum Provenance {
    Own,
    Node(String),
    Supplier(String),
}

impl fmt::Display for Provenance {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Provenance::Own => write!(f, "own"),
            Provenance::Node(node) => write!(f, "node:{node}"),
            Provenance::Supplier(supplier) => write!(f, "supplier:{supplier}"),
        }
    }
}
