//! The command tree of `prodos`. Each submodule is one noun; all of them are thin shells that
//! parse arguments, call prodos-app, and print tables or JSON.

pub mod audit;
pub mod bench;
pub mod bench_imopse;
pub mod bench_ledger;
pub mod bench_maintenance;
pub mod bench_matching;
pub mod bench_psplib;
pub mod bench_quality;
pub mod context;
pub mod demo;
pub mod design;
pub mod schedule;
pub mod serve;
pub mod stock;
pub mod supplier;

// Planning (issue 3).
pub mod bench_plan;
pub mod calendar;
pub mod cost;
pub mod mandate;
pub mod plan;
pub mod resources;
pub mod safety;

// People and work (issue 4).
pub mod cert;
pub mod challenge;
pub mod credits;
pub mod entitlement;
pub mod goods;
pub mod r#match;
pub mod participant;
pub mod production;
pub mod task;

// Quality (issue 16).
pub mod field;
pub mod improvement;
pub mod incoming;
pub mod maintenance;
pub mod quality;
pub mod review;
pub mod spc_text;

// Access from the host: accounts and API tokens.
pub mod account;
pub mod token;

/// Ledger times as people read them (UTC).
pub fn format_time(ms: i64) -> String {
    chrono::DateTime::from_timestamp_millis(ms)
        .map(|time| time.format("%Y-%m-%d %H:%M:%S").to_string())
        .unwrap_or_else(|| ms.to_string())
}
