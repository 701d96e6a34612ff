//! `prodos bench ledger`: ledger throughput (batched and durable appends against a raw SQLite
//! insert loop), raw scan and verify, and replay of domain events into state — each figure with
//! the target it is held to.

use super::context::{print_json, table};
use anyhow::Context as _;
use std::path::PathBuf;

#[derive(clap::Args, Debug)]
pub struct BenchLedgerArgs {
    /// Directory for the benchmark's ledger files; its disk's fsync is what durable appends measure.
    #[arg(long, default_value = "prodos-bench")]
    pub dir: PathBuf,
    /// Small sizes that finish in seconds: checks that the benchmark runs, proves no target.
    #[arg(long)]
    pub quick: bool,
    #[arg(long)]
    pub json: bool,
}

pub fn run(args: BenchLedgerArgs) -> anyhow::Result<()> {
    std::fs::create_dir_all(&args.dir).with_context(|| format!("creating {}", args.dir.display()))?;
    let config = if args.quick {
        prodos_store_sqlite::bench::BenchConfig::quick(&args.dir)
    } else {
        prodos_store_sqlite::bench::BenchConfig::standard(&args.dir)
    };
    let report = prodos_store_sqlite::bench::run(&config)?;
    let replay = prodos_demo::bench_ledger::replay(&args.dir, config.replay_events)?;
    let scale = replay.events as f64 / 1_000_000.0;
    let mut verdicts: Vec<(String, f64, String, bool)> = report
        .verdicts()
        .into_iter()
        .map(|verdict| {
            let relation = if verdict.target_is_ceiling { "≤" } else { "≥" };
            (verdict.name.to_string(), verdict.measured, format!("{relation} {}", verdict.target), verdict.passed())
        })
        .collect();
    let replay_s = replay.replay.as_secs_f64();
    verdicts.push((
        format!("replay into state: {} domain events, s", replay.events),
        replay_s,
        format!("≤ {}", 2.0 * scale),
        replay_s <= 2.0 * scale,
    ));
    if args.json {
        let rows: Vec<_> = verdicts
            .iter()
            .map(|(name, measured, target, passed)| {
                serde_json::json!({ "figure": name, "measured": measured, "target": target, "passed": passed })
            })
            .collect();
        return print_json(&rows);
    }
    let mut out = table(&["figure", "measured", "target", "verdict"]);
    for (name, measured, target, passed) in &verdicts {
        out.add_row(vec![
            name.clone(),
            format!("{measured:.3}"),
            target.clone(),
            if *passed { "ok" } else { "MISSED" }.into(),
        ]);
    }
    println!("{out}");
    if args.quick {
        println!("(--quick: sizes too small to prove the targets)");
    }
    Ok(())
}
