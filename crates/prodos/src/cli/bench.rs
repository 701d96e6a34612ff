//! `prodos bench …`: the speed and quality benchmarks, run on this machine with figures printed.
//! Speed targets live here, never in timed unit tests.

use clap::Subcommand;

#[derive(Subcommand, Debug)]
pub enum BenchCommand {
    /// Run every PSPLIB instance in a directory and compare with the reference values.
    Psplib(super::bench_psplib::BenchPsplibArgs),
    /// Ledger appends (batched, durable, concurrent), scan, verify and replay into state.
    Ledger(super::bench_ledger::BenchLedgerArgs),
    /// Planning: explode + cost a 10,000-line BOM × 100 units; propose 12 guitars and a house.
    Plan(super::bench_plan::BenchPlanArgs),
    /// Multi-skill iMOPSE instances: pooled skills against people as individuals.
    Imopse(super::bench_imopse::BenchImopseArgs),
    /// Labor matching: 5,000 operation instances × 500 participants (seeded, synthetic).
    Matching(super::bench_matching::BenchMatchingArgs),
    /// Control charts: every rule over 100,000 measurements of one check and 1,000 × 1,000.
    Quality(super::bench_quality::BenchQualityArgs),
    /// Reliability: 500 assets × 5 years of meter readings and work orders.
    Maintenance(super::bench_maintenance::BenchMaintenanceArgs),
}

pub fn run(command: BenchCommand) -> anyhow::Result<()> {
    match command {
        BenchCommand::Psplib(args) => super::bench_psplib::run(args),
        BenchCommand::Ledger(args) => super::bench_ledger::run(args),
        BenchCommand::Plan(args) => super::bench_plan::run(args),
        BenchCommand::Matching(args) => super::bench_matching::run(args),
        BenchCommand::Imopse(args) => super::bench_imopse::run(args),
        BenchCommand::Quality(args) => super::bench_quality::run(args),
        BenchCommand::Maintenance(args) => super::bench_maintenance::run(args),
    }
}
