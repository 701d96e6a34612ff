//! `prodos schedule FILE`: solve one PSPLIB project (.sm / .mm) with prodos-sched and print the
//! makespan, start times and bounds, as a table or as JSON.

use anyhow::{Context as _, bail};
use prodos_sched::psplib::parse_mm;
use prodos_sched::solve::{SolveOptions, solve};
use std::path::{Path, PathBuf};

/// Time limit used by `--exact` when no `--time-limit` is given, so exact search always ends.
const DEFAULT_EXACT_TIME_LIMIT_S: f64 = 10.0;
/// Heuristic budget when neither `--schedules` nor `--time-limit` is given.
const DEFAULT_SCHEDULES: u64 = 5_000;

/// The search budget shared by `prodos schedule` and `prodos bench psplib`.
#[derive(clap::Args, Debug, Clone)]
pub struct BudgetArgs {
    /// Schedule budget of the heuristic (schedule generation passes; default 5000), per instance.
    #[arg(long, conflicts_with = "time_limit")]
    pub schedules: Option<u64>,
    /// Wall-clock limit in seconds for the whole solve, per instance: the heuristic first, then
    /// exact search in the time left where the project allows it (single-mode), as the planner does.
    #[arg(long, allow_negative_numbers = true)]
    pub time_limit: Option<f64>,
    /// With a schedule budget: after the heuristic, search exactly (Pumpkin CP) to prove
    /// optimality or raise the lower bound (limit 10 s unless --time-limit is given).
    #[arg(long)]
    pub exact: bool,
    /// Seed of the heuristic; the same seed and budget give the same schedule.
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
}

impl BudgetArgs {
    /// Checks the flags and turns them into solver options and an optional wall-clock limit (s).
    pub fn resolve(&self) -> anyhow::Result<(SolveOptions, Option<f64>)> {
        validate_time_limit(self.time_limit)?;
        if self.schedules == Some(0) {
            bail!("--schedules must be positive");
        }
        let time_limit_s = match (self.time_limit, self.exact) {
            (Some(s), _) => Some(s),
            (None, true) => Some(DEFAULT_EXACT_TIME_LIMIT_S),
            (None, false) => None,
        };
        let max_schedules = match (self.schedules, self.time_limit) {
            (Some(n), _) => Some(n),
            (None, Some(_)) => None,
            (None, None) => Some(DEFAULT_SCHEDULES),
        };
        // A time budget is spent in full: whatever the heuristic leaves goes to exact search.
        let exact = self.exact || self.time_limit.is_some();
        let options = SolveOptions { max_schedules, seed: self.seed, exact, ..SolveOptions::default() };
        Ok((options, time_limit_s))
    }
}

#[derive(clap::Args, Debug)]
pub struct ScheduleArgs {
    /// A PSPLIB instance: single-mode `.sm` or multi-mode `.mm`.
    pub file: PathBuf,
    #[command(flatten)]
    pub budget: BudgetArgs,
    /// Print `{"makespan", "starts", "modes", "lower_bound", "proven_optimal"}` as JSON: start
    /// times and PSPLIB mode numbers (from 1) of every job in file order, dummies included.
    #[arg(long)]
    pub json: bool,
}

/// Reads and parses a PSPLIB file; errors name the file (and the line, for format errors).
pub fn load_project(path: &Path) -> anyhow::Result<prodos_sched::model::Project> {
    let bytes = std::fs::read(path).with_context(|| format!("cannot read {}", path.display()))?;
    let text = String::from_utf8_lossy(&bytes);
    parse_mm(&text).map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))
}

/// Checks a `--time-limit` value: positive and finite.
pub fn validate_time_limit(time_limit_s: Option<f64>) -> anyhow::Result<()> {
    if let Some(s) = time_limit_s
        && !(s.is_finite() && s > 0.0)
    {
        bail!("--time-limit must be a positive number of seconds, got {s}");
    }
    Ok(())
}

/// A stop callback that fires once `limit_s` seconds have passed (never, for `None`).
#[allow(clippy::disallowed_methods)] // the shell is where the clock is read
pub fn deadline_stop(limit_s: Option<f64>) -> impl Fn() -> bool {
    let started = std::time::Instant::now();
    move || limit_s.is_some_and(|s| started.elapsed().as_secs_f64() >= s)
}

pub fn run(args: ScheduleArgs) -> anyhow::Result<()> {
    let (options, time_limit_s) = args.budget.resolve()?;
    let project = load_project(&args.file)?;
    let stop = deadline_stop(time_limit_s);
    let solution =
        solve(&project, &options, &stop).with_context(|| format!("cannot schedule {}", args.file.display()))?;
    if args.json {
        let out = serde_json::json!({
            "makespan": solution.makespan,
            "starts": solution.schedule.starts,
            // Multi-mode starts mean nothing without the modes; numbered as in the file.
            "modes": solution.schedule.modes.iter().map(|m| m + 1).collect::<Vec<_>>(),
            "lower_bound": solution.lower_bound,
            "proven_optimal": solution.proven_optimal,
        });
        println!("{out}");
        return Ok(());
    }
    println!(
        "{}: makespan {}, lower bound {}, {} ({} schedules generated)",
        args.file.display(),
        solution.makespan,
        solution.lower_bound,
        if solution.proven_optimal { "proven optimal" } else { "not proven optimal" },
        solution.schedules_generated
    );
    let mut table = comfy_table::Table::new();
    table.set_header(vec!["job", "mode", "start", "finish"]);
    for (job_idx, activity) in project.activities().iter().enumerate() {
        let mode_idx = solution.schedule.modes[job_idx];
        let start = solution.schedule.starts[job_idx];
        table.add_row(vec![
            (job_idx + 1).to_string(),
            (mode_idx + 1).to_string(),
            start.to_string(),
            (start + activity.modes[mode_idx].duration).to_string(),
        ]);
    }
    println!("{table}");
    Ok(())
}
