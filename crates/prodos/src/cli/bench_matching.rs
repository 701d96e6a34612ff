//! `prodos bench matching`: the labor-matching speed target — a seeded synthetic plan of 5,000
//! operation instances and 500 participants matched in at most 2 s. Timing lives here, in the
//! shell; the matcher is pure.

use anyhow::bail;
use clap::Args;
use prodos_demo::synthetic::matching::{Shape, problem};
use prodos_matching::{Problem, solve};
use std::time::{Duration, Instant};

#[derive(Args, Debug)]
pub struct BenchMatchingArgs {
    #[arg(long, default_value_t = 5_000)]
    pub instances: usize,
    #[arg(long, default_value_t = 500)]
    pub people: usize,
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// Runs; the best and the worst are reported.
    #[arg(long, default_value_t = 5)]
    pub runs: u32,
    #[arg(long)]
    pub json: bool,
}

/// The target the issue sets.
const TARGET: Duration = Duration::from_secs(2);

#[allow(clippy::disallowed_methods, reason = "a benchmark measures wall-clock time")]
fn time_one(problem: &Problem) -> (Duration, prodos_matching::Outcome) {
    let started = Instant::now();
    let outcome = solve(problem);
    (started.elapsed(), outcome)
}

pub fn run(args: BenchMatchingArgs) -> anyhow::Result<()> {
    if args.instances == 0 || args.people == 0 || args.runs == 0 {
        bail!("fields `instances`, `people` and `runs` must be positive");
    }
    let shape = Shape { instances: args.instances, people: args.people, ..Shape::benchmark() };
    let problem = problem(args.seed, shape);
    let mut times = Vec::new();
    let mut last = None;
    for _ in 0..args.runs {
        let (elapsed, outcome) = time_one(&problem);
        times.push(elapsed);
        last = Some(outcome);
    }
    let outcome = last.expect("at least one run");
    let places: u32 = problem.instances.iter().map(|instance| instance.crew).sum();
    let filled: usize = outcome.crews.iter().map(Vec::len).sum();
    let best = times.iter().min().copied().unwrap_or_default();
    let worst = times.iter().max().copied().unwrap_or_default();
    if args.json {
        let figures = serde_json::json!({
            "instances": args.instances,
            "people": args.people,
            "seed": args.seed,
            "places": places,
            "filled": filled,
            "instances_short": outcome.unfilled.len(),
            "best_ms": best.as_secs_f64() * 1000.0,
            "worst_ms": worst.as_secs_f64() * 1000.0,
            "target_ms": TARGET.as_millis(),
        });
        println!("{}", serde_json::to_string_pretty(&figures)?);
    } else {
        println!(
            "matching {} instances × {} people (seed {}): {filled} of {places} places filled, {} instances short",
            args.instances,
            args.people,
            args.seed,
            outcome.unfilled.len()
        );
        println!(
            "best {:.1} ms, worst {:.1} ms over {} runs (target ≤ {} ms): {}",
            best.as_secs_f64() * 1000.0,
            worst.as_secs_f64() * 1000.0,
            args.runs,
            TARGET.as_millis(),
            if worst <= TARGET { "met" } else { "MISSED" }
        );
    }
    Ok(())
}
