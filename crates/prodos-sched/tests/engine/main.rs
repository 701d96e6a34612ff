//! The crate's one integration-test binary: property tests on random projects and the checks
//! against the PSPLIB benchmark data (run only when `PRODOS_BENCH_DIR` is set).

mod bench_data;
mod generators;
mod random_projects;
mod reservations;
mod workforce;
