//! Runs the library bench runner over a PSPLIB directory: the measuring shell for release builds.
//!
//! Usage: `bench_dir DIR [--schedules N] [--time-limit S [--cpu-time]] [--exact] [--threads T] [--every K] [--seed N]`
//! (`--every K` takes every K-th instance in name order, for quick samples).
#![allow(clippy::disallowed_methods)] // this shell reads the clock for time limits and throughput

use prodos_sched::bench::{FileRole, InstanceText, References, classify, run_instance, summarize};
use prodos_sched::solve::SolveOptions;
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let dir =
        args.get(1).expect("usage: bench_dir DIR [--schedules N] [--time-limit S] [--exact] [--threads T] [--every K]");
    let flag = |name: &str| args.iter().position(|a| a == name).map(|i| args[i + 1].clone());
    let max_schedules = flag("--schedules").map(|v| v.parse::<u64>().expect("--schedules N"));
    let time_limit_s = flag("--time-limit").map(|v| v.parse::<f64>().expect("--time-limit S"));
    let threads = flag("--threads").map_or(1, |v| v.parse::<usize>().expect("--threads T"));
    let every = flag("--every").map_or(1, |v| v.parse::<usize>().expect("--every K"));
    let exact = args.iter().any(|a| a == "--exact");
    let cpu_time = args.iter().any(|a| a == "--cpu-time");
    let seed = flag("--seed").map_or(1, |v| v.parse::<u64>().expect("--seed N"));

    let mut names: Vec<String> = std::fs::read_dir(dir)
        .expect("read dir")
        .map(|e| e.expect("dir entry").file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    let mut refs = References::default();
    let mut instances = Vec::new();
    for name in &names {
        let path = format!("{dir}/{name}");
        match classify(name) {
            FileRole::Instance => instances.push(name.clone()),
            FileRole::Reference { set_prefix, optimal } => {
                // Author names in some solution lists are Latin-1, not UTF-8.
                let text = String::from_utf8_lossy(&std::fs::read(&path).expect("read reference")).into_owned();
                let cpm = std::mem::take(&mut refs.cpm_bounds);
                refs = References::from_reference_text(&set_prefix, optimal, &text).expect("parse reference");
                refs.cpm_bounds = cpm;
            }
            FileRole::CpmBounds => {
                refs.add_cpm_bounds_json(&std::fs::read_to_string(&path).expect("read json")).expect("parse json")
            }
            FileRole::Other => {}
        }
    }
    let instances: Vec<String> = instances.into_iter().step_by(every).collect();
    // Tuning knobs (GA_POP, GA_MUT, GA_ALPHA, GA_RESTART, GA_BIDIRECTIONAL, …) override the
    // budget-sized defaults.
    let mut ga = prodos_sched::ga::GaConfig::for_budget(max_schedules);
    let env = |k: &str| std::env::var(k).ok();
    if let Some(v) = env("GA_POP") {
        ga.population = v.parse().expect("GA_POP");
    }
    if let Some(v) = env("GA_MUT") {
        ga.mutation_prob = v.parse().expect("GA_MUT");
    }
    if let Some(v) = env("GA_ALPHA") {
        ga.sampling_alpha = v.parse().expect("GA_ALPHA");
    }
    if let Some(v) = env("GA_PEAK") {
        ga.peak_crossover_prob = v.parse().expect("GA_PEAK");
    }
    if let Some(v) = env("GA_FBI") {
        ga.fbi_rounds = v.parse().expect("GA_FBI");
    }
    if let Some(v) = env("GA_PHASE2") {
        ga.second_phase_at = v.parse().expect("GA_PHASE2");
    }
    if let Some(v) = env("GA_MOVES") {
        ga.neighbour_move_share = v.parse().expect("GA_MOVES");
    }
    if let Some(v) = env("GA_TOURNAMENT") {
        ga.tournament_selection = v == "1";
    }
    if let Some(v) = env("GA_DECOMP") {
        ga.decomposition_at = v.parse().expect("GA_DECOMP");
    }
    if let Some(v) = env("GA_WINDOW") {
        ga.window = v.parse().expect("GA_WINDOW");
    }
    if let Some(v) = env("GA_SUB") {
        ga.sub_budget = v.parse().expect("GA_SUB");
    }
    if let Some(v) = env("GA_SUBPOP") {
        ga.sub_population = v.parse().expect("GA_SUBPOP");
    }
    if let Some(v) = env("GA_RESTART") {
        ga.restart_after = v.parse().expect("GA_RESTART");
    }
    if let Some(v) = env("GA_BIDIRECTIONAL") {
        ga.bidirectional = v == "1";
    }
    let options = SolveOptions { max_schedules, seed, exact, ga: Some(ga), ..SolveOptions::default() };
    let next = AtomicUsize::new(0);
    let results = Mutex::new(Vec::new());
    let clock = Instant::now();
    let now_s = || clock.elapsed().as_secs_f64();
    std::thread::scope(|scope| {
        for _ in 0..threads {
            scope.spawn(|| {
                loop {
                    let idx = next.fetch_add(1, Ordering::Relaxed);
                    let Some(name) = instances.get(idx) else { break };
                    let text = std::fs::read_to_string(format!("{dir}/{name}")).expect("read instance");
                    let inst = InstanceText { file_name: name.clone(), text };
                    // With --cpu-time the limit counts this thread's CPU seconds, so a loaded shared
                    // machine does not shrink the search; otherwise it is wall-clock time.
                    let deadline = time_limit_s.map(|s| now_s() + s);
                    let cpu_deadline = time_limit_s.zip(thread_cpu_seconds()).map(|(s, c)| c + s);
                    let polls = std::cell::Cell::new(0u32);
                    let stop = || {
                        if cpu_time {
                            // Reading /proc is slow: look only every 512th poll.
                            polls.set(polls.get().wrapping_add(1));
                            polls.get() % 512 == 0
                                && cpu_deadline.zip(thread_cpu_seconds()).is_some_and(|(d, c)| c >= d)
                        } else {
                            deadline.is_some_and(|d| now_s() >= d)
                        }
                    };
                    let r = run_instance(&inst, &refs, &options, &now_s, &stop).expect("solve");
                    if std::env::var("VERBOSE").is_ok() {
                        eprintln!(
                            "{} ms={:?} cpm={} ref={:?} lb={} opt={} {:.2}s",
                            r.file_name,
                            r.makespan,
                            r.cpm_bound,
                            r.reference,
                            r.lower_bound,
                            r.proven_optimal,
                            r.elapsed_s
                        );
                    }
                    results.lock().expect("lock").push(r);
                }
            });
        }
    });
    let results = results.into_inner().expect("lock");
    let summary = summarize(&results, now_s());
    println!("{}", serde_json::to_string_pretty(&summary).expect("json"));
    // On a shared machine wall time per instance understates throughput; CPU time does not.
    if let Some(cpu_s) = process_cpu_seconds() {
        println!("process cpu {cpu_s:.1} s, {:.0} schedules per cpu-second", summary.schedules_total as f64 / cpu_s);
    }
}

/// User plus system CPU time of the calling thread, from /proc (Linux, 100 ticks per second).
fn thread_cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/thread-self/stat").ok()?;
    let after_name = stat.rsplit_once(')')?.1;
    let fields: Vec<&str> = after_name.split_whitespace().collect();
    let ticks: f64 = fields.get(11)?.parse::<f64>().ok()? + fields.get(12)?.parse::<f64>().ok()?;
    Some(ticks / 100.0)
}

/// User plus system CPU time of this process, from /proc (Linux; assumes 100 clock ticks per s).
fn process_cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    let after_name = stat.rsplit_once(')')?.1;
    let fields: Vec<&str> = after_name.split_whitespace().collect();
    // Fields 14 and 15 of stat (utime, stime) are at 11 and 12 after the command name.
    let ticks: f64 = fields.get(11)?.parse::<f64>().ok()? + fields.get(12)?.parse::<f64>().ok()?;
    Some(ticks / 100.0)
}
