//! A manual timing run, ignored by default and free of timed assertions (machines differ):
//! `cargo test --release -p prodos-spc --test timing -- --ignored --nocapture`.

use std::time::Instant;

use prodos_spc::{Rule, individuals};

/// A deterministic, wiggly series with occasional shifts, so every rule has work to do.
fn series(n: usize, seed: u64) -> Vec<f64> {
    let mut state = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
    (0..n)
        .map(|i| {
            state = state.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            let noise = ((state >> 11) as f64 / (1u64 << 53) as f64 - 0.5) * 4.0;
            let shift = if (i / 500) % 7 == 3 { 2.0 } else { 0.0 };
            10.0 + noise + shift
        })
        .collect()
}

#[test]
#[ignore = "manual timing run"]
#[allow(clippy::disallowed_methods)] // reason: a timing run measures wall time; the crate itself never reads the clock
fn time_large_and_many_series() {
    let big = series(100_000, 1);
    let started = Instant::now();
    let a = individuals(&big, &[], &Rule::ALL).expect("valid series");
    let one = started.elapsed();
    eprintln!("100,000 points, all rules: {one:?}, {} signals", a.signals.len());

    let many: Vec<Vec<f64>> = (0..1_000).map(|s| series(1_000, s + 2)).collect();
    let started = Instant::now();
    let signals: usize = many.iter().map(|v| individuals(v, &[], &Rule::ALL).expect("valid").signals.len()).sum();
    eprintln!("1,000 series × 1,000 points, all rules: {:?}, {signals} signals", started.elapsed());
}
