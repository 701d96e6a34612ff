//! Checks against the PSPLIB data in `$PRODOS_BENCH_DIR` (the shared `bench/` folder): every file
//! parses, our critical-path bounds match `cpm_lower_bounds.json`, and a j30 sample is solved to
//! its known optimum. Ignored in a plain `cargo test` (a newcomer's clone has no data);
//! `scripts/test` runs them with `--ignored` when `PRODOS_BENCH_DIR` is set, and then an unset or
//! missing directory fails them.
#![allow(clippy::disallowed_methods)] // the j30 check reads the clock for its per-instance limit

use prodos_sched::bench::{FileRole, References, classify};
use prodos_sched::checker::check;
use prodos_sched::cpm::CriticalPath;
use prodos_sched::psplib::{instance_key, parse_mm};
use prodos_sched::solve::{SolveOptions, solve};
use std::path::{Path, PathBuf};

/// The benchmark folder; a test asked to run without it fails, naming what is missing.
fn bench_dir() -> PathBuf {
    let dir = PathBuf::from(std::env::var_os("PRODOS_BENCH_DIR").expect("PRODOS_BENCH_DIR names the PSPLIB folder"));
    assert!(dir.is_dir(), "PRODOS_BENCH_DIR={} is not a directory", dir.display());
    dir
}

fn read_lossy(path: &Path) -> String {
    String::from_utf8_lossy(&std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))).into_owned()
}

/// Instance paths (sorted) and references of one set directory.
fn load_set(dir: &Path) -> (Vec<PathBuf>, References) {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.expect("dir entry").path())
        .collect();
    paths.sort();
    let mut refs = References::default();
    let mut instances = Vec::new();
    for path in paths {
        let name = path.file_name().expect("file name").to_string_lossy().into_owned();
        match classify(&name) {
            FileRole::Instance => instances.push(path),
            FileRole::Reference { set_prefix, optimal } => {
                let cpm = std::mem::take(&mut refs.cpm_bounds);
                refs = References::from_reference_text(&set_prefix, optimal, &read_lossy(&path))
                    .expect("reference parses");
                refs.cpm_bounds = cpm;
            }
            FileRole::CpmBounds => refs.add_cpm_bounds_json(&read_lossy(&path)).expect("cpm json parses"),
            FileRole::Other => {}
        }
    }
    (instances, refs)
}

fn key_of(path: &Path, refs: &References) -> (u32, u32) {
    let stem = path.file_stem().expect("stem").to_string_lossy();
    instance_key(&stem, &refs.set_prefix).unwrap_or_else(|| panic!("no key for {}", path.display()))
}

#[test]
#[ignore = "reads the PSPLIB data: set PRODOS_BENCH_DIR (scripts/test then runs it)"]
fn every_instance_parses_and_matches_the_cpm_bounds() {
    let root = bench_dir();
    for set in ["rcpsp/j30", "rcpsp/j60", "rcpsp/j120", "mrcpsp/j10", "mrcpsp/j20", "mrcpsp/j30"] {
        let (instances, refs) = load_set(&root.join(set));
        assert!(!instances.is_empty(), "{set}: no instances");
        assert!(!refs.best_known.is_empty(), "{set}: no reference file");
        for path in &instances {
            let project = parse_mm(&read_lossy(path)).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            let key = key_of(path, &refs);
            if let Some(&expected) = refs.cpm_bounds.get(&key) {
                assert_eq!(CriticalPath::of(&project).lower_bound, expected, "{}", path.display());
            }
        }
        if set.starts_with("rcpsp") {
            assert_eq!(refs.cpm_bounds.len(), instances.len(), "{set}: one CPM bound per instance");
        }
    }
}

#[test]
#[ignore = "reads the PSPLIB data: set PRODOS_BENCH_DIR (scripts/test then runs it)"]
fn j30_sample_reaches_the_optimum() {
    let root = bench_dir();
    let (instances, refs) = load_set(&root.join("rcpsp/j30"));
    assert!(refs.best_known_is_optimal);
    // Every 20th instance: 24 across all parameter classes.
    for path in instances.iter().step_by(20) {
        let project = parse_mm(&read_lossy(path)).expect("parses");
        let optimum = refs.best_known[&key_of(path, &refs)];
        let started = std::time::Instant::now();
        let stop = || started.elapsed().as_secs_f64() > 20.0;
        let options = SolveOptions { max_schedules: Some(5_000), exact: true, seed: 1, ..SolveOptions::default() };
        let solution = solve(&project, &options, &stop).expect("solves");
        assert!(check(&project, &solution.schedule).is_empty());
        assert_eq!(solution.makespan, optimum, "{}", path.display());
        assert!(solution.proven_optimal, "{}: optimum {optimum} found but not proven", path.display());
    }
}

#[test]
#[ignore = "reads the PSPLIB data: set PRODOS_BENCH_DIR (scripts/test then runs it)"]
fn multi_mode_samples_never_beat_the_optimum_and_mostly_reach_it() {
    let root = bench_dir();
    // Regression guards, not targets. When written (modes picked while decoding, children's modes
    // repaired) the samples gave j10 53 of 54 at the optimum (0.08 %) and j20 49 of 56 (0.53 %);
    // before those two changes 49 (0.72 %) and 33 (2.11 %).
    for (set, min_share_at_optimum, max_mean_deviation_pct) in [("mrcpsp/j10", 0.9, 0.5), ("mrcpsp/j20", 0.8, 1.0)] {
        let (instances, refs) = load_set(&root.join(set));
        let sample: Vec<&PathBuf> = instances.iter().step_by(10).collect();
        let (mut at_optimum, mut deviation_pct) = (0, 0.0);
        for path in &sample {
            let project = parse_mm(&read_lossy(path)).expect("parses");
            let never = || false;
            let solution =
                solve(&project, &SolveOptions { max_schedules: Some(5_000), ..SolveOptions::default() }, &never)
                    .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            assert!(check(&project, &solution.schedule).is_empty(), "{}", path.display());
            let optimum = *refs.best_known.get(&key_of(path, &refs)).expect("every j10/j20 instance has an optimum");
            assert!(solution.makespan >= optimum, "{} beats the proven optimum", path.display());
            at_optimum += usize::from(solution.makespan == optimum);
            deviation_pct += 100.0 * (solution.makespan - optimum) as f64 / optimum as f64;
        }
        let n = sample.len();
        let mean = deviation_pct / n as f64;
        assert!(at_optimum as f64 >= min_share_at_optimum * n as f64, "{set}: only {at_optimum} of {n} at the optimum");
        assert!(mean <= max_mean_deviation_pct, "{set}: {mean:.2} % above the optimum on average");
    }
}
