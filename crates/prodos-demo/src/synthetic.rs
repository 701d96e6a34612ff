//! Large seeded worlds for the benchmarks: designs of many BOM lines with stock and suppliers
//! (`planning`), and crew-matching problems of many instances and people (`matching`).

pub mod matching;
pub mod planning;
