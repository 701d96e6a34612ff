//! Field feedback as the shells ask for it: the reports, and the roll-up per design version
//! (failures, time in service, failure rate, mean time to failure) that design review and the
//! lifetime score read.

use crate::Node;
use crate::views::field::{FieldReportView, FieldVersionView};
use prodos_core::calendar::Day;
use prodos_core::quality::{FieldKind, FieldReport};
use prodos_core::{DesignId, DesignSelector, Rejection, State, Timestamp};
use std::collections::BTreeMap;

pub fn field_reports(node: &Node, design: Option<DesignId>) -> Vec<FieldReportView> {
    node.read(|state| {
        state
            .quality
            .field_reports()
            .iter()
            .filter(|report| design.is_none_or(|design| report.design.design == design))
            .map(view)
            .collect()
    })
}

fn view(report: &FieldReport) -> FieldReportView {
    FieldReportView {
        id: report.id.to_string(),
        serial: report.serial.clone(),
        design: report.design.to_string(),
        kind: report.kind.as_str(),
        item: report.item.clone(),
        on: report.on.to_string(),
        photo: report.photo.clone(),
        note: report.note.clone(),
        by: report.by.clone(),
        at_ms: report.at.millis(),
        repair_min: report.repair_min,
    }
}

/// The field record of each version of `design` that has goods released, as of `now`.
pub fn field_summary(node: &Node, design: DesignId, now: Timestamp) -> Result<Vec<FieldVersionView>, Rejection> {
    node.read(|state| {
        let record = state
            .designs
            .get(design)
            .ok_or(Rejection::UnknownDesign { design: DesignSelector { design, version: None } })?;
        Ok(record.versions().iter().filter_map(|version| rollup(state, design, version.version, now)).collect())
    })
}

/// One version's field record; `None` while none of its goods was distributed.
pub(crate) fn rollup(state: &State, design: DesignId, version: u32, now: Timestamp) -> Option<FieldVersionView> {
    let today = Day::of(now);
    let reports: Vec<&FieldReport> = state
        .quality
        .field_reports()
        .iter()
        .filter(|report| report.design.design == design && report.design.version == version)
        .collect();
    let mut first_failure: BTreeMap<prodos_core::GoodId, Day> = BTreeMap::new();
    for report in reports.iter().filter(|report| report.kind == FieldKind::Failure) {
        let day = first_failure.entry(report.good).or_insert(report.on);
        *day = (*day).min(report.on);
    }
    let mut distributed = 0;
    let mut service_days = 0;
    for release in state.distribution.releases() {
        let Some(good) = state.distribution.good(release.good) else { continue };
        if good.design.design != design || good.design.version != version {
            continue;
        }
        distributed += 1;
        let until = first_failure.get(&good.id).copied().unwrap_or(today);
        service_days += (until.0 - Day::of(release.at).0).max(0);
    }
    if distributed == 0 {
        return None;
    }
    let failures = reports.iter().filter(|report| report.kind == FieldKind::Failure).count() as u32;
    let failed_goods = first_failure.len() as u32;
    let years = service_days as f64 / 365.25;
    Some(FieldVersionView {
        design: prodos_core::DesignRef { design, version }.to_string(),
        distributed,
        failed_goods,
        failures,
        observations: reports.len() as u32 - failures,
        service_days,
        failure_rate_per_year: (years > 0.0).then(|| f64::from(failed_goods) / years),
        mttf_days: (failed_goods > 0).then(|| service_days as f64 / f64::from(failed_goods)),
        service_life_years: state
            .designs
            .version(prodos_core::DesignRef { design, version })?
            .spec
            .lifetime
            .service_life_years,
    })
}
