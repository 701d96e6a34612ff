//! The integration tests of the backend-neutral ledger, in one binary: the conformance story on
//! the in-memory model, and verification against every kind of tampering.

mod memory;
mod tamper;
