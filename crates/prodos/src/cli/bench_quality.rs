//! `prodos bench quality`: the control-chart speed target — an individuals chart with every rule
//! (Nelson 1–8 and Western Electric 4) over 100,000 measurements of one check, and over 1,000
//! checks × 1,000 measurements, each under 200 ms and linear in the samples (the per-sample time
//! is printed for 10,000 to 100,000 so the line can be seen). The series are seeded and synthetic.

use anyhow::bail;
use clap::Args;
use prodos_spc::{Rule, individuals};
use std::time::{Duration, Instant};

#[derive(Args, Debug)]
pub struct BenchQualityArgs {
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// Runs of each case; the best is reported (the worst too).
    #[arg(long, default_value_t = 5)]
    pub runs: u32,
    #[arg(long)]
    pub json: bool,
}

/// The target the issue sets for the whole rule scan of each case.
const TARGET: Duration = Duration::from_millis(200);

/// A process that is stable, then shifts and drifts, so the rules have something to find:
/// xorshift noise (sum of four uniforms, roughly normal), a 1σ shift after 60 % and a slow
/// drift to 2σ in the last 10 %.
fn series(seed: u64, len: usize) -> Vec<f64> {
    let mut state = seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1;
    let mut uniform = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        (state >> 11) as f64 / (1u64 << 53) as f64
    };
    (0..len)
        .map(|i| {
            let noise = (uniform() + uniform() + uniform() + uniform() - 2.0) * 1.7;
            let shift = if i * 10 >= len * 6 { 1.0 } else { 0.0 };
            // Reaches 2σ at the end whatever the length, so every length has alike patterns.
            let tail = (len / 10).max(1) as f64;
            let drift = if i * 10 >= len * 9 { (i - len * 9 / 10) as f64 * 2.0 / tail } else { 0.0 };
            10.0 + noise + shift + drift
        })
        .collect()
}

#[allow(clippy::disallowed_methods, reason = "a benchmark measures wall-clock time")]
fn time(all: &[Vec<f64>], runs: u32) -> anyhow::Result<(Duration, Duration, usize)> {
    let mut times = Vec::new();
    let mut signals = 0;
    for _ in 0..runs {
        let started = Instant::now();
        signals = 0;
        for values in all {
            signals += individuals(values, &[], &Rule::ALL).map_err(|error| anyhow::anyhow!("{error}"))?.signals.len();
        }
        times.push(started.elapsed());
    }
    Ok((times.iter().min().copied().unwrap_or_default(), times.iter().max().copied().unwrap_or_default(), signals))
}

pub fn run(args: BenchQualityArgs) -> anyhow::Result<()> {
    if args.runs == 0 {
        bail!("field `runs` must be positive");
    }
    let cases: Vec<(&str, usize, usize, bool)> = vec![
        ("1 check × 10,000", 1, 10_000, false),
        ("1 check × 50,000", 1, 50_000, false),
        ("1 check × 100,000", 1, 100_000, true),
        ("1,000 checks × 1,000", 1_000, 1_000, true),
    ];
    let mut rows = Vec::new();
    let mut over = Vec::new();
    for (name, checks, len, targeted) in cases {
        let all: Vec<Vec<f64>> = (0..checks).map(|check| series(args.seed + check as u64, len)).collect();
        let (best, worst, signals) = time(&all, args.runs)?;
        let samples = checks * len;
        let per_sample_ns = best.as_nanos() as f64 / samples as f64;
        if targeted && best > TARGET {
            over.push(name);
        }
        rows.push(serde_json::json!({
            "case": name,
            "samples": samples,
            "best_ms": best.as_secs_f64() * 1000.0,
            "worst_ms": worst.as_secs_f64() * 1000.0,
            "ns_per_sample": per_sample_ns,
            "signals": signals,
            "target_ms": if targeted { Some(TARGET.as_millis() as u64) } else { None },
        }));
    }
    if args.json {
        println!("{}", serde_json::to_string_pretty(&rows)?);
    } else {
        println!("individuals chart, all 9 rules (Nelson 1–8, Western Electric 4), best of {} runs:", args.runs);
        for row in &rows {
            println!(
                "  {:<22} {:>9} samples  {:>8.1} ms (worst {:>7.1})  {:>6.1} ns/sample  {:>7} signals{}",
                row["case"].as_str().unwrap_or_default(),
                row["samples"],
                row["best_ms"].as_f64().unwrap_or_default(),
                row["worst_ms"].as_f64().unwrap_or_default(),
                row["ns_per_sample"].as_f64().unwrap_or_default(),
                row["signals"],
                if row["target_ms"].is_null() {
                    String::new()
                } else {
                    format!("  (target {} ms)", TARGET.as_millis())
                },
            );
        }
    }
    if !over.is_empty() {
        bail!("over the {} ms target: {}", TARGET.as_millis(), over.join(", "));
    }
    Ok(())
}
