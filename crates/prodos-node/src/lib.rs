//! The application layer of one node.
