//! A design's quality record from the ledger: first-pass yield, rework hours and scrap cost per
//! operation and in total (a task's first inspection of each check decides first pass; rework
//! hours are the verified rework tasks' hours times their crews), and per week the counts the
//! diagnostic gauge reads: inspections, defects, reworks, scraps, signals, open nonconformances.

use crate::Node;
use crate::views::quality_summary::{OperationQualityView, QualityPeriodView, QualitySummaryView};
use prodos_core::calendar::Day;
use prodos_core::execution::{TaskRef, TaskStatus};
use prodos_core::measure::Conformity;
use prodos_core::quality::{Disposition, Inspection};
use prodos_core::{DesignId, DesignSelector, Rejection, State, Timestamp};
use std::collections::{BTreeMap, BTreeSet};

pub fn quality_summary(node: &Node, design: DesignId) -> Result<QualitySummaryView, Rejection> {
    node.read(|state| {
        state
            .designs
            .get(design)
            .ok_or(Rejection::UnknownDesign { design: DesignSelector { design, version: None } })?;
        Ok(summary(state, design))
    })
}

fn summary(state: &State, design: DesignId) -> QualitySummaryView {
    let quality = &state.quality;
    let of_design =
        |task: &TaskRef| state.plans.plan(task.plan).is_some_and(|plan| plan.proposal.design.design == design);
    let mut operations: BTreeMap<String, OperationQualityView> = BTreeMap::new();
    let tasks = first_pass_tasks(state, |inspection| inspection.series.design == design);
    for (task, first_pass) in &tasks {
        let row = operations.entry(task.operation.clone()).or_default();
        row.inspected += 1;
        row.first_pass += u32::from(*first_pass);
    }
    for (ncr, task) in quality.nonconformances().iter().filter_map(|ncr| Some((ncr, ncr.task()?))) {
        if !of_design(task) {
            continue;
        }
        let row = operations.entry(task.operation.clone()).or_default();
        row.nonconformances += 1;
        match ncr.disposed.as_ref().map(|disposed| &disposed.disposition) {
            Some(Disposition::Rework { task, duration_min, .. }) => {
                row.reworks += 1;
                let record = state.execution.task(task);
                if record.status == TaskStatus::Verified {
                    let hours = record.hours.map_or(*duration_min as f64 / 60.0, |hours| hours.as_f64());
                    row.rework_hours += hours * record.crew.len().max(1) as f64;
                }
            }
            Some(Disposition::Scrap { cost, .. }) => {
                row.scrapped += 1;
                row.scrap_cost += cost.as_currency();
            }
            _ => {}
        }
    }
    let mut total = OperationQualityView { operation: "all".into(), ..OperationQualityView::default() };
    (total.inspected, total.first_pass) = unit_yield(&tasks);
    let mut rows: Vec<OperationQualityView> = Vec::new();
    for (operation, mut row) in operations {
        row.operation = operation;
        row.first_pass_yield = ratio(row.first_pass, row.inspected);
        total.nonconformances += row.nonconformances;
        total.reworks += row.reworks;
        total.rework_hours += row.rework_hours;
        total.scrapped += row.scrapped;
        total.scrap_cost += row.scrap_cost;
        rows.push(row);
    }
    total.first_pass_yield = ratio(total.first_pass, total.inspected);
    QualitySummaryView { design: design.to_string(), operations: rows, total, weeks: weeks(state, design) }
}

/// Each inspected task that `keep` admits, and whether it passed first time: every check's first
/// result in tolerance.
pub(crate) fn first_pass_tasks(state: &State, keep: impl Fn(&Inspection) -> bool) -> BTreeMap<TaskRef, bool> {
    let mut first_results: BTreeMap<(TaskRef, String), Conformity> = BTreeMap::new();
    for inspection in state.quality.inspections().iter().filter(|inspection| keep(inspection)) {
        first_results
            .entry((inspection.task.clone(), inspection.series.check.clone()))
            .or_insert(inspection.conformity);
    }
    let mut tasks: BTreeMap<TaskRef, bool> = BTreeMap::new();
    for ((task, _), conformity) in &first_results {
        let first_pass = tasks.entry(task.clone()).or_insert(true);
        *first_pass &= *conformity == Conformity::InTolerance;
    }
    tasks
}

/// Units inspected, and of them those whose every task passed first time.
pub(crate) fn unit_yield(tasks: &BTreeMap<TaskRef, bool>) -> (u32, u32) {
    let units: BTreeSet<_> = tasks.keys().map(|task| (task.plan, task.unit)).collect();
    let failed_units: BTreeSet<_> =
        tasks.iter().filter(|(_, first_pass)| !**first_pass).map(|(task, _)| (task.plan, task.unit)).collect();
    (units.len() as u32, (units.len() - failed_units.len()) as u32)
}

fn ratio(part: u32, whole: u32) -> Option<f64> {
    (whole > 0).then(|| f64::from(part) / f64::from(whole))
}

/// The Monday of the week `at` falls in.
fn week_of(at: Timestamp) -> Day {
    let day = Day::of(at);
    day.plus(-i64::from(day.weekday()))
}

fn weeks(state: &State, design: DesignId) -> Vec<QualityPeriodView> {
    let quality = &state.quality;
    let mut counts: BTreeMap<Day, [u32; 5]> = BTreeMap::new();
    for inspection in quality.inspections().iter().filter(|inspection| inspection.series.design == design) {
        let entry = counts.entry(week_of(inspection.at)).or_default();
        entry[0] += 1;
        entry[1] += u32::from(inspection.conformity == Conformity::OutOfTolerance);
    }
    let ncrs: Vec<_> = quality
        .nonconformances()
        .iter()
        .filter(|ncr| {
            ncr.inspection()
                .and_then(|id| quality.inspection(id))
                .is_some_and(|inspection| inspection.series.design == design)
        })
        .collect();
    for ncr in &ncrs {
        if let Some(disposed) = &ncr.disposed {
            let entry = counts.entry(week_of(disposed.at)).or_default();
            match disposed.disposition {
                Disposition::Rework { .. } => entry[2] += 1,
                Disposition::Scrap { .. } => entry[3] += 1,
                Disposition::UseAsIs { .. } => {}
            }
        }
    }
    for signal in quality.signals().iter().filter(|signal| signal.series.design == design) {
        counts.entry(week_of(signal.at)).or_default()[4] += 1;
    }
    counts
        .into_iter()
        .map(|(monday, [inspections, defects, reworks, scraps, signals])| {
            let end = monday.plus(7).start();
            let open = ncrs
                .iter()
                .filter(|ncr| ncr.opened_at < end && ncr.disposed.as_ref().is_none_or(|disposed| disposed.at >= end))
                .count() as u32;
            QualityPeriodView {
                week_of: monday.to_string(),
                inspections,
                defects,
                reworks,
                scraps,
                signals,
                open_nonconformances: open,
            }
        })
        .collect()
}
