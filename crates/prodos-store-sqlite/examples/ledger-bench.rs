//! Runs the ledger benchmarks from the command line, the same code `prodos bench ledger` runs:
//! `cargo run --release -p prodos-store-sqlite --example ledger-bench -- DIR [quick]`.

use std::path::PathBuf;
use std::process::ExitCode;

use prodos_store_sqlite::bench::{BenchConfig, run};

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().collect();
    let Some(dir) = args.get(1).map(PathBuf::from) else {
        eprintln!("usage: ledger-bench DIR [quick]");
        return ExitCode::from(2);
    };
    let config = if args.get(2).map(String::as_str) == Some("quick") {
        BenchConfig::quick(&dir)
    } else {
        BenchConfig::standard(&dir)
    };
    match run(&config) {
        Ok(report) => {
            print!("{report}");
            if report.verdicts().iter().all(|verdict| verdict.passed()) { ExitCode::SUCCESS } else { ExitCode::FAILURE }
        }
        Err(error) => {
            eprintln!("benchmark failed: {error}");
            ExitCode::FAILURE
        }
    }
}
