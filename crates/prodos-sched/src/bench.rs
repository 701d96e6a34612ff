//! Benchmark runner over a PSPLIB set given as texts: deviations from the reference values and
//! the critical-path bound, optimality counts, throughput. The shell reads the files and the clock.

use crate::cpm::CriticalPath;
use crate::error::SchedError;
use crate::psplib::{instance_key, parse_mm, parse_reference};
use crate::solve::{SolveOptions, solve};
use std::collections::BTreeMap;

/// One instance file, as read by the shell.
#[derive(Debug, Clone)]
pub struct InstanceText {
    /// File name, e.g. `j3010_7.sm`.
    pub file_name: String,
    pub text: String,
}

/// What a directory's reference files say.
#[derive(Debug, Clone, Default)]
pub struct References {
    /// Set prefix such as `j30`, taken from the reference file name (`j30opt.sm`).
    pub set_prefix: String,
    /// Optimal or best-known makespans by `(parameter, instance)`.
    pub best_known: BTreeMap<(u32, u32), i64>,
    /// Whether `best_known` values are proven optima (`*opt.*` files).
    pub best_known_is_optimal: bool,
    /// Critical-path bounds from `cpm_lower_bounds.json`, if present.
    pub cpm_bounds: BTreeMap<(u32, u32), i64>,
}

/// Which role a file in a benchmark directory plays.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FileRole {
    Instance,
    /// `j30opt.sm`, `j60hrs.sm`, `j10opt.mm`: set prefix and whether values are optima.
    Reference {
        set_prefix: String,
        optimal: bool,
    },
    CpmBounds,
    Other,
}

pub fn classify(file_name: &str) -> FileRole {
    if file_name == "cpm_lower_bounds.json" {
        return FileRole::CpmBounds;
    }
    let Some(stem) = file_name.strip_suffix(".sm").or_else(|| file_name.strip_suffix(".mm")) else {
        return FileRole::Other;
    };
    for (marker, optimal) in [("opt", true), ("hrs", false)] {
        if let Some(prefix) = stem.strip_suffix(marker) {
            return FileRole::Reference { set_prefix: prefix.to_string(), optimal };
        }
    }
    if stem.contains('_') && !stem.contains("lb") { FileRole::Instance } else { FileRole::Other }
}

impl References {
    pub fn from_reference_text(set_prefix: &str, optimal: bool, text: &str) -> Result<Self, SchedError> {
        Ok(References {
            set_prefix: set_prefix.to_string(),
            best_known: parse_reference(text)?,
            best_known_is_optimal: optimal,
            cpm_bounds: BTreeMap::new(),
        })
    }

    /// Reads `{"1_1": 38, ...}`.
    pub fn add_cpm_bounds_json(&mut self, json: &str) -> Result<(), SchedError> {
        let map: BTreeMap<String, i64> = serde_json::from_str(json)
            .map_err(|e| SchedError::Parse { line: e.line(), message: format!("cpm_lower_bounds.json: {e}") })?;
        for (key, value) in map {
            let parsed = key.split_once('_').and_then(|(a, b)| Some((a.parse().ok()?, b.parse().ok()?)));
            let Some(k) = parsed else {
                return Err(SchedError::Parse { line: 1, message: format!("cpm_lower_bounds.json: bad key `{key}`") });
            };
            self.cpm_bounds.insert(k, value);
        }
        Ok(())
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct InstanceResult {
    pub file_name: String,
    /// `None` when no mode assignment meeting the nonrenewable capacities was found.
    pub makespan: Option<i64>,
    pub cpm_bound: i64,
    pub lower_bound: i64,
    pub reference: Option<i64>,
    pub proven_optimal: bool,
    pub schedules_generated: u64,
    pub elapsed_s: f64,
}

#[derive(Debug, Clone, PartialEq, Default, serde::Serialize)]
pub struct BenchSummary {
    pub instances: usize,
    /// Mean % deviation from the reference (optimum or best known), over instances that have one.
    pub mean_dev_reference_pct: f64,
    pub with_reference: usize,
    /// Instances for which no feasible schedule was found (deviations leave them out).
    pub without_schedule: usize,
    /// Of those, the ones the reference file has a value for: a feasible schedule exists and was
    /// missed (the others may have none; some multi-mode sets contain such instances).
    pub without_schedule_with_reference: usize,
    /// Mean % deviation from the critical-path lower bound.
    pub mean_dev_cpm_pct: f64,
    /// Makespan equal to (or better than) the reference.
    pub at_reference: usize,
    pub proven_optimal: usize,
    pub schedules_total: u64,
    pub total_time_s: f64,
    /// Schedules per second of one core: total schedules over the summed per-instance times.
    pub schedules_per_s_per_core: f64,
    /// Makespan below the reference: a new best known (or a bug, if the reference is optimal).
    pub below_reference: usize,
}

/// Solves one instance and compares it with the references. `now_s` is a monotonic clock in
/// seconds supplied by the shell; `should_stop` is the per-instance limit.
pub fn run_instance(
    instance: &InstanceText,
    refs: &References,
    options: &SolveOptions,
    now_s: &dyn Fn() -> f64,
    should_stop: &dyn Fn() -> bool,
) -> Result<InstanceResult, SchedError> {
    let project = parse_mm(&instance.text)?;
    let started = now_s();
    let solution = match solve(&project, options, should_stop) {
        Ok(solution) => Some(solution),
        // Some multi-mode sets contain instances without any feasible mode assignment.
        Err(SchedError::NonrenewableInfeasible) => None,
        Err(e) => return Err(e),
    };
    let elapsed_s = now_s() - started;
    let stem = instance.file_name.rsplit_once('.').map(|(s, _)| s).unwrap_or(&instance.file_name);
    let key = instance_key(stem, &refs.set_prefix);
    let cpm_bound =
        key.and_then(|k| refs.cpm_bounds.get(&k).copied()).unwrap_or_else(|| CriticalPath::of(&project).lower_bound);
    Ok(InstanceResult {
        file_name: instance.file_name.clone(),
        makespan: solution.as_ref().map(|s| s.makespan),
        cpm_bound,
        lower_bound: solution.as_ref().map_or(cpm_bound, |s| s.lower_bound),
        reference: key.and_then(|k| refs.best_known.get(&k).copied()),
        proven_optimal: solution.as_ref().is_some_and(|s| s.proven_optimal),
        schedules_generated: solution.as_ref().map_or(0, |s| s.schedules_generated),
        elapsed_s,
    })
}

pub fn summarize(results: &[InstanceResult], total_time_s: f64) -> BenchSummary {
    let pct = |a: i64, b: i64| if b > 0 { 100.0 * (a - b) as f64 / b as f64 } else { 0.0 };
    let solved: Vec<&InstanceResult> = results.iter().filter(|r| r.makespan.is_some()).collect();
    let with_ref: Vec<(i64, i64)> = solved.iter().filter_map(|r| Some((r.makespan?, r.reference?))).collect();
    let n = solved.len().max(1) as f64;
    let cpu_s: f64 = results.iter().map(|r| r.elapsed_s).sum();
    let schedules_total: u64 = results.iter().map(|r| r.schedules_generated).sum();
    BenchSummary {
        instances: results.len(),
        mean_dev_reference_pct: with_ref.iter().map(|&(m, b)| pct(m, b)).sum::<f64>() / with_ref.len().max(1) as f64,
        with_reference: with_ref.len(),
        mean_dev_cpm_pct: solved.iter().map(|r| pct(r.makespan.unwrap_or(0), r.cpm_bound)).sum::<f64>() / n,
        without_schedule: results.len() - solved.len(),
        without_schedule_with_reference: results
            .iter()
            .filter(|r| r.makespan.is_none() && r.reference.is_some())
            .count(),
        at_reference: with_ref.iter().filter(|&&(m, b)| m <= b).count(),
        proven_optimal: results.iter().filter(|r| r.proven_optimal).count(),
        schedules_total,
        total_time_s,
        schedules_per_s_per_core: if cpu_s > 0.0 { schedules_total as f64 / cpu_s } else { 0.0 },
        below_reference: with_ref.iter().filter(|&&(m, b)| m < b).count(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classifies_files() {
        assert_eq!(classify("j3010_7.sm"), FileRole::Instance);
        assert_eq!(classify("j30opt.sm"), FileRole::Reference { set_prefix: "j30".into(), optimal: true });
        assert_eq!(classify("j120hrs.sm"), FileRole::Reference { set_prefix: "j120".into(), optimal: false });
        assert_eq!(classify("j120lb_full_2016.sm"), FileRole::Other);
        assert_eq!(classify("cpm_lower_bounds.json"), FileRole::CpmBounds);
        assert_eq!(classify("README.md"), FileRole::Other);
    }

    #[test]
    fn summary_arithmetic() {
        let r = |m, b, reference| InstanceResult {
            file_name: String::new(),
            makespan: Some(m),
            cpm_bound: b,
            lower_bound: b,
            reference,
            proven_optimal: m == b,
            schedules_generated: 10,
            elapsed_s: 0.5,
        };
        let unsolved = |reference| InstanceResult { makespan: None, proven_optimal: false, ..r(0, 40, reference) };
        let s = summarize(&[r(110, 100, Some(110)), r(50, 50, None), unsolved(None), unsolved(Some(45))], 1.0);
        assert_eq!((s.without_schedule, s.without_schedule_with_reference), (2, 1));
        let s = summarize(&[r(110, 100, Some(110)), r(50, 50, None)], 1.0);
        assert_eq!(s.instances, 2);
        assert_eq!(s.with_reference, 1);
        assert!((s.mean_dev_cpm_pct - 5.0).abs() < 1e-9);
        assert_eq!(s.at_reference, 1);
        assert_eq!(s.proven_optimal, 1);
        assert!((s.schedules_per_s_per_core - 20.0).abs() < 1e-9);
    }
}
