//! prodos-demo: what shows and measures prodos, kept out of its libraries. The demo cooperative
//! (`prodos demo`, `prodos serve --demo`, the tests that need a believable node), the synthetic
//! worlds the benchmarks run on, and the benchmark drivers that time them.

pub mod bench_ledger;
pub mod bench_plan;
mod cooperative;
pub mod synthetic;

pub use cooperative::*;
