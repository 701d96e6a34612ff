//! What the legacy-ledger test shares with the fixture's writer.

pub mod scenario;
