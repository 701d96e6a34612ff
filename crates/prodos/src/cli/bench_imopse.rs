//! `prodos bench imopse DIR`: the iMOPSE multi-skill instances, each solved the way the planner
//! solves a plan, with the pooled approximation (a person counted in every skill they hold) and
//! the staffed schedule (people as individuals) side by side, against the lower bound and, when
//! a `name,makespan` file is given, the best known makespans.

use super::context::table;
use super::schedule::deadline_stop;
use anyhow::{Context as _, bail};
use prodos_sched::imopse::{compare, parse_def};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::Instant;

#[derive(clap::Args, Debug)]
pub struct BenchImopseArgs {
    /// A directory of iMOPSE `.def` files.
    pub dir: PathBuf,
    /// Best known makespans, one `instance,makespan` per line (instance without `.def`).
    #[arg(long)]
    pub best_known: Option<PathBuf>,
    #[command(flatten)]
    pub budget: super::schedule::BudgetArgs,
    /// Lists sampled and decoded with people after the pooled search, per instance.
    #[arg(long, default_value_t = 500)]
    pub samples: u32,
    /// Print the rows as JSON instead of a table.
    #[arg(long)]
    pub json: bool,
}

/// `instance,makespan` lines; `#` comments and a header line without a number are skipped.
fn read_best_known(path: &Path) -> anyhow::Result<BTreeMap<String, i64>> {
    let text = std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))?;
    let mut best = BTreeMap::new();
    for (index, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let Some((name, value)) = line.split_once(',') else {
            bail!("{}:{}: expected `instance,makespan`, got `{line}`", path.display(), index + 1);
        };
        match value.trim().parse::<i64>() {
            Ok(makespan) => {
                best.insert(name.trim().trim_end_matches(".def").to_string(), makespan);
            }
            Err(_) if index == 0 => {} // a header
            Err(_) => bail!("{}:{}: `{}` is not a makespan", path.display(), index + 1, value.trim()),
        }
    }
    Ok(best)
}

fn percent_over(value: i64, reference: i64) -> String {
    if reference <= 0 { "-".into() } else { format!("{:.1}", (value - reference) as f64 * 100.0 / reference as f64) }
}

#[allow(clippy::disallowed_methods, reason = "a benchmark measures wall-clock time in the shell")]
pub fn run(args: BenchImopseArgs) -> anyhow::Result<()> {
    let (options, time_limit_s) = args.budget.resolve()?;
    let best = args.best_known.as_deref().map(read_best_known).transpose()?.unwrap_or_default();
    let mut files: Vec<PathBuf> = std::fs::read_dir(&args.dir)
        .with_context(|| format!("cannot read directory {}", args.dir.display()))?
        .filter_map(|entry| entry.ok().map(|entry| entry.path()))
        .filter(|path| path.extension().is_some_and(|ext| ext == "def"))
        .collect();
    files.sort();
    if files.is_empty() {
        bail!("{} holds no iMOPSE instances (*.def)", args.dir.display());
    }
    let mut rows = Vec::new();
    for path in &files {
        let name = path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
        let text = std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))?;
        let instance = parse_def(&text).map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))?;
        let started = Instant::now();
        let stop = deadline_stop(time_limit_s);
        let result =
            compare(&instance, &options, args.samples, &stop).with_context(|| format!("cannot schedule {name}"))?;
        rows.push(serde_json::json!({
            "instance": name,
            "tasks": instance.project.n_activities(),
            "people": instance.workforce.people.len(),
            "lower_bound": result.people_bound,
            "pooled_makespan": result.pooled_makespan,
            "pooled_unstaffed_tasks": result.pooled_unstaffed,
            "staffed_makespan": result.staffed_makespan,
            "sampled_makespan": result.sampled_makespan,
            "best_known": best.get(&name),
            "seconds": started.elapsed().as_secs_f64(),
        }));
    }
    if args.json {
        println!("{}", serde_json::to_string_pretty(&rows)?);
        return Ok(());
    }
    let mut out = table(&[
        "instance",
        "tasks",
        "people",
        "lower bound",
        "pooled",
        "pooled: tasks nobody can do then",
        "staffed",
        "sampled",
        "sampled % over LB",
        "best known",
        "sampled % over best",
        "s",
    ]);
    for row in &rows {
        let int = |key: &str| row[key].as_i64().unwrap_or(0);
        let best = row["best_known"].as_i64();
        out.add_row(vec![
            row["instance"].as_str().unwrap_or_default().to_string(),
            int("tasks").to_string(),
            int("people").to_string(),
            int("lower_bound").to_string(),
            int("pooled_makespan").to_string(),
            int("pooled_unstaffed_tasks").to_string(),
            int("staffed_makespan").to_string(),
            int("sampled_makespan").to_string(),
            percent_over(int("sampled_makespan"), int("lower_bound")),
            best.map_or("-".into(), |b| b.to_string()),
            best.map_or("-".into(), |b| percent_over(int("sampled_makespan"), b)),
            format!("{:.2}", row["seconds"].as_f64().unwrap_or(0.0)),
        ]);
    }
    println!("{out}");
    println!(
        "lower bound: critical path, or all work shared by everyone; pooled: one person counted in every skill pool \
         they hold (not necessarily staffable); staffed: that search's best list decoded with people, crews checked; \
         sampled: the best of it and --samples lists decoded with people"
    );
    Ok(())
}
