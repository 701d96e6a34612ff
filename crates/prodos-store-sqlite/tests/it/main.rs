//! The integration tests of the SQLite ledger, in one binary: the shared conformance story,
//! agreement with the in-memory model, tamper detection, and crash recovery.

mod bench;
mod conformance;
mod crash;
mod file_damage;
mod model;
mod support;
mod tamper;
