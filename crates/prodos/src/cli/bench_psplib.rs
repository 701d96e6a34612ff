//! `prodos bench psplib DIR`: run prodos-sched over a PSPLIB directory and report deviations from
//! the optimum / best known and from the critical-path bound, optimality counts and throughput.

use super::schedule::deadline_stop;
use anyhow::{Context as _, bail};
use prodos_sched::bench::{FileRole, InstanceResult, InstanceText, References, classify, run_instance, summarize};
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

#[derive(clap::Args, Debug)]
pub struct BenchPsplibArgs {
    /// A PSPLIB set directory (instances plus `*opt.sm`/`*hrs.sm`, `cpm_lower_bounds.json`).
    pub dir: PathBuf,
    #[command(flatten)]
    pub budget: super::schedule::BudgetArgs,
    /// Instances solved in parallel (the machine has 2 cores; default 1).
    #[arg(long, default_value_t = 1)]
    pub jobs: usize,
    /// Print the summary as JSON instead of a table.
    #[arg(long)]
    pub json: bool,
}

/// Instance names (sorted) and references found in `dir`.
fn scan_dir(dir: &Path) -> anyhow::Result<(Vec<PathBuf>, References)> {
    let entries = std::fs::read_dir(dir).with_context(|| format!("cannot read directory {}", dir.display()))?;
    let mut paths: Vec<PathBuf> = Vec::new();
    for entry in entries {
        paths.push(entry.with_context(|| format!("cannot read directory {}", dir.display()))?.path());
    }
    paths.sort();
    let mut refs = References::default();
    let mut instances = Vec::new();
    for path in paths {
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        // Author names in some solution lists are Latin-1, hence the lossy reads.
        let read = |p: &Path| -> anyhow::Result<String> {
            Ok(String::from_utf8_lossy(&std::fs::read(p).with_context(|| format!("cannot read {}", p.display()))?)
                .into_owned())
        };
        match classify(&name) {
            FileRole::Instance => instances.push(path),
            FileRole::Reference { set_prefix, optimal } => {
                let cpm = std::mem::take(&mut refs.cpm_bounds);
                refs = References::from_reference_text(&set_prefix, optimal, &read(&path)?)
                    .map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))?;
                refs.cpm_bounds = cpm;
            }
            FileRole::CpmBounds => {
                refs.add_cpm_bounds_json(&read(&path)?).map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))?
            }
            FileRole::Other => {}
        }
    }
    if instances.is_empty() {
        bail!("{} holds no PSPLIB instances (*.sm / *.mm)", dir.display());
    }
    Ok((instances, refs))
}

#[allow(clippy::disallowed_methods)] // the shell is where the clock is read
fn monotonic_seconds() -> impl Fn() -> f64 + Sync {
    let started = std::time::Instant::now();
    move || started.elapsed().as_secs_f64()
}

pub fn run(args: BenchPsplibArgs) -> anyhow::Result<()> {
    let (options, time_limit_s) = args.budget.resolve()?;
    let (instances, refs) = scan_dir(&args.dir)?;
    let progress = indicatif::ProgressBar::new(instances.len() as u64);
    progress.set_style(
        indicatif::ProgressStyle::with_template("{bar:40} {pos}/{len} {elapsed_precise} eta {eta} {msg}")
            .context("progress bar template")?,
    );
    let now_s = monotonic_seconds();
    let next = AtomicUsize::new(0);
    let results: Mutex<Vec<InstanceResult>> = Mutex::new(Vec::with_capacity(instances.len()));
    let first_error: Mutex<Option<anyhow::Error>> = Mutex::new(None);
    std::thread::scope(|scope| {
        for _ in 0..args.jobs.max(1) {
            scope.spawn(|| {
                while let Some(path) = instances.get(next.fetch_add(1, Ordering::Relaxed)) {
                    let outcome = (|| -> anyhow::Result<InstanceResult> {
                        let bytes = std::fs::read(path).with_context(|| format!("cannot read {}", path.display()))?;
                        let file_name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
                        let instance = InstanceText { file_name, text: String::from_utf8_lossy(&bytes).into_owned() };
                        let stop = deadline_stop(time_limit_s);
                        run_instance(&instance, &refs, &options, &now_s, &stop)
                            .map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))
                    })();
                    match outcome {
                        Ok(r) => results.lock().expect("results lock").push(r),
                        Err(e) => {
                            first_error.lock().expect("error lock").get_or_insert(e);
                            // Drain the queue so every worker stops.
                            next.store(instances.len(), Ordering::Relaxed);
                        }
                    }
                    progress.inc(1);
                }
            });
        }
    });
    progress.finish_and_clear();
    if let Some(e) = first_error.into_inner().expect("error lock") {
        return Err(e);
    }
    let mut results = results.into_inner().expect("results lock");
    results.sort_by(|a, b| a.file_name.cmp(&b.file_name));
    let summary = summarize(&results, now_s());
    if args.json {
        println!("{}", serde_json::to_string_pretty(&summary)?);
        return Ok(());
    }
    let reference_kind = if refs.best_known_is_optimal { "optimum" } else { "best known" };
    let mut table = comfy_table::Table::new();
    table.set_header(vec!["measure", "value"]);
    let rows: Vec<(String, String)> = vec![
        ("instances".into(), summary.instances.to_string()),
        (
            format!("mean % deviation from {reference_kind} ({} with one)", summary.with_reference),
            format!("{:.2}", summary.mean_dev_reference_pct),
        ),
        (
            format!(
                "no feasible schedule found ({} of them have a reference value)",
                summary.without_schedule_with_reference
            ),
            summary.without_schedule.to_string(),
        ),
        ("mean % deviation from critical-path bound".into(), format!("{:.2}", summary.mean_dev_cpm_pct)),
        (format!("at {reference_kind}"), summary.at_reference.to_string()),
        (format!("better than {reference_kind}"), summary.below_reference.to_string()),
        ("proven optimal".into(), summary.proven_optimal.to_string()),
        ("schedules generated".into(), summary.schedules_total.to_string()),
        ("schedules / s / core".into(), format!("{:.0}", summary.schedules_per_s_per_core)),
        ("total time (s)".into(), format!("{:.1}", summary.total_time_s)),
    ];
    for (measure, value) in rows {
        table.add_row(vec![measure, value]);
    }
    println!("{table}");
    Ok(())
}
