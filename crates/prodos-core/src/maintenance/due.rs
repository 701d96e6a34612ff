//! When preventive service falls due: for each plan of an asset's type, the hours, cycles and
//! days since its last verified service (or since the asset was acquired), against the plan's
//! intervals — whichever is reached first. Exactly at the interval is due.

use super::model::{Asset, Maintenance, PmPlan};
use crate::calendar::Day;
use crate::time::Timestamp;

/// One plan due on one asset, with why and by how much it is past its point.
#[derive(Debug, Clone, PartialEq)]
pub struct DueService<'a> {
    pub asset: &'a Asset,
    pub plan: &'a PmPlan,
    /// `250 h of use since the last service (every 250 h)`.
    pub reason: String,
    /// How far past the due point it is, as a share of the interval that fell due (0 = exactly due).
    pub overdue_share: f64,
}

/// Every plan due on every asset at `now`.
pub fn due_services(maintenance: &Maintenance, now: Timestamp) -> Vec<DueService<'_>> {
    let mut due = Vec::new();
    for asset in maintenance.assets() {
        for plan in maintenance.plans_for(&asset.kind) {
            if let Some(service) = due_on(asset, plan, now) {
                due.push(service);
            }
        }
    }
    due
}

fn due_on<'a>(asset: &'a Asset, plan: &'a PmPlan, now: Timestamp) -> Option<DueService<'a>> {
    let (since_meters, since_day) = match asset.serviced.get(&plan.key) {
        Some((meters, at)) => (*meters, Day::of(*at)),
        None => (Default::default(), asset.acquired),
    };
    let hours = asset.meters.hours - since_meters.hours;
    let cycles = asset.meters.cycles.saturating_sub(since_meters.cycles);
    let days = Day::of(now).0 - since_day.0;
    let mut reached: Vec<(f64, String)> = Vec::new();
    if let Some(every) = plan.every_hours.filter(|every| hours >= f64::from(*every)) {
        let share = (hours - f64::from(every)) / f64::from(every);
        reached.push((share, format!("{hours:.1} h of use since the last service (every {every} h)")));
    }
    if let Some(every) = plan.every_cycles.filter(|every| cycles >= *every) {
        let share = (cycles - every) as f64 / every as f64;
        reached.push((share, format!("{cycles} cycles since the last service (every {every})")));
    }
    if let Some(every) = plan.every_days.filter(|every| days >= i64::from(*every)) {
        let share = (days - i64::from(every)) as f64 / f64::from(every);
        reached.push((share, format!("{days} days since the last service (every {every} days)")));
    }
    let (overdue_share, reason) = reached.into_iter().max_by(|a, b| a.0.total_cmp(&b.0))?;
    Some(DueService { asset, plan, reason, overdue_share })
}
