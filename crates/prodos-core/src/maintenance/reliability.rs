//! Reliability figures read off the maintenance record, so that a node can see which assets and
//! asset types fail, how long they stay down and whether its maintenance keeps up: MTBF, MTTR,
//! availability, the planned (preventive) and unplanned (repair) share of the work, the backlog now
//! and week by week with its trend, and a Weibull fit of the failure intervals.
//!
//! Everything is computed as the record stood at `now`, a parameter: an order opened after `now`
//! is left out, and one verified after `now` is still open (so replaying to a past instant gives
//! the figures of that instant).
//!
//! # Definitions
//! - *Observed hours*: from the start of the asset's `acquired` day to `now`.
//! - *Failures*: repair orders opened (one per breakdown report).
//! - *Downtime hours*: the union of the repair intervals, each from the order's `opened_at` to its
//!   verification, or to `now` while the asset is still down, clipped to the observed span.
//! - *Uptime* = observed − downtime. *MTBF* = uptime / failures (`None` without failures).
//!   *MTTR* = mean of verified − opened over the verified repairs (`None` without one).
//!   *Availability* = uptime / observed.
//! - *Planned vs unplanned share*: labor hours recorded on preventive vs repair orders; when no
//!   order of the group has hours yet, the order counts instead. [`WorkShare::basis`] says which.
//! - *Backlog*: orders not verified: how many, their estimated hours (the sum of `duration_min`,
//!   which a repair order does not carry, so repairs add to the count and not to the hours) and
//!   the age of the oldest in days.
//! - *Backlog series*: 7-day buckets ending at `now`, `now − 7 d`, … back to the first order, each
//!   point the open count and estimated hours at the bucket's end; the *trend* is the
//!   least-squares slope per week over the last N points.
//!
//! A type's figures pool its assets: the hours, failures and repairs are summed before dividing
//! (so MTBF and availability weigh each asset by its observed time), the backlog is summed and its
//! oldest age is the oldest of all.
//!
//! # Weibull fit of the failure intervals
//! The intervals are the *calendar* hours between successive breakdown reports of one asset (the
//! repair time included). Operating hours would be closer to wear, but the record keeps only an
//! asset's latest meter totals, not the meters at each breakdown. The time since the last
//! breakdown (a censored interval) is left out. A type pools the intervals of its assets.
//!
//! With at least [`MIN_WEIBULL_INTERVALS`] intervals, the fit is median-rank regression: sort the
//! intervals t₁ ≤ … ≤ tₙ, give the i-th the median rank F = (i − 0.3)/(n + 0.4) (Bernard's
//! approximation), and regress y = ln(−ln(1 − F)) on x = ln t by least squares. Since
//! F(t) = 1 − exp(−(t/η)^β) gives y = β·ln t − β·ln η, the shape is β = slope and the scale is
//! η = exp(−intercept/β); R² says how straight the Weibull plot is. β < 1 means failures come
//! early and thin out (infant mortality: bad parts, bad installation); β ≈ 1 a constant rate
//! (random failures: preventive replacement does not help); β > 1 a rate that grows with age
//! (wear-out: preventive service before η pays). [`WeibullRegime`] draws the line at 1 ± 0.1.

use super::model::{Maintenance, WorkOrderKind};
use crate::ids::AssetId;
use crate::time::Timestamp;
use std::collections::BTreeMap;

/// Fewer intervals than this give no fit: a line through four points says little about a shape.
pub const MIN_WEIBULL_INTERVALS: usize = 5;

/// The number of weekly points the backlog trend looks at, unless the caller says otherwise.
pub const DEFAULT_TREND_WEEKS: usize = 8;

const MS_PER_HOUR: f64 = 3_600_000.0;
const MS_PER_WEEK: i64 = 7 * Timestamp::MS_PER_DAY;

/// Within this of 1, a fitted shape reads as random failures rather than infant mortality or wear.
const RANDOM_SHAPE_TOLERANCE: f64 = 0.1;

/// What the planned and unplanned shares were counted in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ShareBasis {
    /// Labor hours recorded on completed orders.
    LaborHours,
    /// Orders opened, because none of the group's orders has hours recorded yet.
    OrderCount,
}

impl ShareBasis {
    pub fn as_str(self) -> &'static str {
        match self {
            ShareBasis::LaborHours => "labor_hours",
            ShareBasis::OrderCount => "order_count",
        }
    }
}

/// Preventive (planned) against repair (unplanned) work; the two shares add up to 1.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct WorkShare {
    pub planned: f64,
    pub unplanned: f64,
    pub basis: ShareBasis,
}

/// Orders not yet verified at `now`.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Backlog {
    pub open_orders: u32,
    /// The sum of the open orders' estimated `duration_min`, in hours.
    pub estimated_hours: f64,
    /// Days since the oldest open order was opened; `None` when nothing is open.
    pub oldest_age_days: Option<f64>,
}

/// How to read a fitted shape β.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WeibullRegime {
    /// β < 0.9: failures thin out with age.
    InfantMortality,
    /// 0.9 ≤ β ≤ 1.1: a constant failure rate.
    Random,
    /// β > 1.1: failures grow with age.
    WearOut,
}

impl WeibullRegime {
    pub fn of(shape_beta: f64) -> WeibullRegime {
        if shape_beta < 1.0 - RANDOM_SHAPE_TOLERANCE {
            WeibullRegime::InfantMortality
        } else if shape_beta > 1.0 + RANDOM_SHAPE_TOLERANCE {
            WeibullRegime::WearOut
        } else {
            WeibullRegime::Random
        }
    }
    pub fn as_str(self) -> &'static str {
        match self {
            WeibullRegime::InfantMortality => "infant mortality",
            WeibullRegime::Random => "random",
            WeibullRegime::WearOut => "wear-out",
        }
    }
}

/// A two-parameter Weibull fitted by median-rank regression (see the module docs).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct WeibullFit {
    pub shape_beta: f64,
    /// In calendar hours, like the intervals.
    pub scale_eta_hours: f64,
    pub r_squared: f64,
    pub intervals: usize,
    pub regime: WeibullRegime,
}

/// The figures of one asset or of one asset type.
#[derive(Debug, Clone, PartialEq)]
pub struct Figures {
    pub observed_hours: f64,
    pub downtime_hours: f64,
    pub uptime_hours: f64,
    pub failures: u32,
    pub verified_repairs: u32,
    pub mtbf_hours: Option<f64>,
    pub mttr_hours: Option<f64>,
    /// Uptime over observed time, 0 to 1; `None` before any time was observed.
    pub availability: Option<f64>,
    /// `None` when there is no order at all.
    pub work_share: Option<WorkShare>,
    pub backlog: Backlog,
    /// `None` below [`MIN_WEIBULL_INTERVALS`] intervals or when they cannot be fitted.
    pub weibull: Option<WeibullFit>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct AssetReliability {
    pub asset: AssetId,
    pub kind: String,
    pub figures: Figures,
}

#[derive(Debug, Clone, PartialEq)]
pub struct KindReliability {
    pub kind: String,
    pub assets: u32,
    pub figures: Figures,
}

/// The backlog at the end of one 7-day bucket.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct BacklogPoint {
    pub week_end: Timestamp,
    pub open_orders: u32,
    pub estimated_hours: f64,
}

/// Least-squares slopes of the backlog over its last `weeks` points.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct BacklogTrend {
    /// How many points the slopes were fitted over (fewer than asked when the series is short).
    pub weeks: usize,
    pub orders_per_week: f64,
    pub hours_per_week: f64,
}

/// Every figure at once: per asset (in id order), per type (by name), and the backlog over time.
#[derive(Debug, Clone, PartialEq)]
pub struct Reliability {
    pub assets: Vec<AssetReliability>,
    pub kinds: Vec<KindReliability>,
    pub backlog_series: Vec<BacklogPoint>,
    /// `None` with fewer than two weekly points.
    pub backlog_trend: Option<BacklogTrend>,
}

/// Sums that the figures are divided out of, kept apart so that a type can add its assets' up.
#[derive(Debug, Clone, Default)]
struct Tally {
    observed_ms: i64,
    downtime_ms: i64,
    failures: u32,
    verified_repairs: u32,
    repair_ms_total: i64,
    planned_hours: f64,
    unplanned_hours: f64,
    planned_orders: u32,
    unplanned_orders: u32,
    open_orders: u32,
    open_estimated_min: i64,
    oldest_open: Option<Timestamp>,
    intervals_hours: Vec<f64>,
}

impl Tally {
    fn add(&mut self, other: &Tally) {
        self.observed_ms += other.observed_ms;
        self.downtime_ms += other.downtime_ms;
        self.failures += other.failures;
        self.verified_repairs += other.verified_repairs;
        self.repair_ms_total += other.repair_ms_total;
        self.planned_hours += other.planned_hours;
        self.unplanned_hours += other.unplanned_hours;
        self.planned_orders += other.planned_orders;
        self.unplanned_orders += other.unplanned_orders;
        self.open_orders += other.open_orders;
        self.open_estimated_min += other.open_estimated_min;
        self.oldest_open = match (self.oldest_open, other.oldest_open) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        };
        self.intervals_hours.extend_from_slice(&other.intervals_hours);
    }

    fn figures(&self, now: Timestamp) -> Figures {
        let hours = |ms: i64| ms as f64 / MS_PER_HOUR;
        let uptime_ms = self.observed_ms - self.downtime_ms;
        let labor_hours = self.planned_hours + self.unplanned_hours;
        let order_count = self.planned_orders + self.unplanned_orders;
        let work_share = if labor_hours > 0.0 {
            Some(WorkShare {
                planned: self.planned_hours / labor_hours,
                unplanned: self.unplanned_hours / labor_hours,
                basis: ShareBasis::LaborHours,
            })
        } else if order_count > 0 {
            Some(WorkShare {
                planned: f64::from(self.planned_orders) / f64::from(order_count),
                unplanned: f64::from(self.unplanned_orders) / f64::from(order_count),
                basis: ShareBasis::OrderCount,
            })
        } else {
            None
        };
        Figures {
            observed_hours: hours(self.observed_ms),
            downtime_hours: hours(self.downtime_ms),
            uptime_hours: hours(uptime_ms),
            failures: self.failures,
            verified_repairs: self.verified_repairs,
            mtbf_hours: (self.failures > 0).then(|| hours(uptime_ms) / f64::from(self.failures)),
            mttr_hours: (self.verified_repairs > 0)
                .then(|| hours(self.repair_ms_total) / f64::from(self.verified_repairs)),
            availability: (self.observed_ms > 0).then(|| uptime_ms as f64 / self.observed_ms as f64),
            work_share,
            backlog: Backlog {
                open_orders: self.open_orders,
                estimated_hours: self.open_estimated_min as f64 / 60.0,
                oldest_age_days: self
                    .oldest_open
                    .map(|opened| (now.millis() - opened.millis()) as f64 / Timestamp::MS_PER_DAY as f64),
            },
            weibull: weibull_fit(&self.intervals_hours),
        }
    }
}

/// Every reliability figure of the record at `now`, with the backlog trend over the last
/// `trend_weeks` weekly points. One pass groups the orders by asset; the rest is per asset.
pub fn reliability(maintenance: &Maintenance, now: Timestamp, trend_weeks: usize) -> Reliability {
    let tallies = asset_tallies(maintenance, now);
    let mut by_kind: BTreeMap<&str, (u32, Tally)> = BTreeMap::new();
    for (asset, tally) in maintenance.assets().iter().zip(&tallies) {
        let (count, kind_tally) = by_kind.entry(asset.kind.as_str()).or_default();
        *count += 1;
        kind_tally.add(tally);
    }
    let assets = maintenance
        .assets()
        .iter()
        .zip(&tallies)
        .map(|(asset, tally)| AssetReliability {
            asset: asset.id,
            kind: asset.kind.clone(),
            figures: tally.figures(now),
        })
        .collect();
    let kinds = by_kind
        .into_iter()
        .map(|(kind, (count, tally))| KindReliability {
            kind: kind.to_string(),
            assets: count,
            figures: tally.figures(now),
        })
        .collect();
    let backlog_series = backlog_series(maintenance, now);
    let backlog_trend = backlog_trend(&backlog_series, trend_weeks);
    Reliability { assets, kinds, backlog_series, backlog_trend }
}

/// The verification time of an order if it happened by `now`.
fn verified_by(verified: Option<&(String, Timestamp)>, now: Timestamp) -> Option<Timestamp> {
    verified.map(|(_, at)| *at).filter(|at| *at <= now)
}

/// One tally per asset, in the order of `maintenance.assets()`.
fn asset_tallies(maintenance: &Maintenance, now: Timestamp) -> Vec<Tally> {
    let assets = maintenance.assets();
    // Asset ids are their position + 1 (see `Maintenance::asset`), so grouping is an index.
    let mut orders_of: Vec<Vec<usize>> = vec![Vec::new(); assets.len()];
    for (order_idx, order) in maintenance.orders().iter().enumerate() {
        if order.opened_at > now {
            continue;
        }
        if let Some(orders) = (order.asset.0 as usize).checked_sub(1).and_then(|asset_idx| orders_of.get_mut(asset_idx))
        {
            orders.push(order_idx);
        }
    }
    let mut down_spans: Vec<(i64, i64)> = Vec::new();
    let mut breakdowns: Vec<i64> = Vec::new();
    assets
        .iter()
        .zip(&orders_of)
        .map(|(asset, order_idxs)| {
            let observed_from = asset.acquired.start().millis();
            let mut tally = Tally { observed_ms: (now.millis() - observed_from).max(0), ..Tally::default() };
            down_spans.clear();
            breakdowns.clear();
            for order in order_idxs.iter().map(|order_idx| &maintenance.orders()[*order_idx]) {
                let verified_at = verified_by(order.verified.as_ref(), now);
                let is_repair = matches!(order.kind, WorkOrderKind::Repair { .. });
                if is_repair {
                    tally.failures += 1;
                    breakdowns.push(order.opened_at.millis());
                    down_spans.push((order.opened_at.millis(), verified_at.unwrap_or(now).millis()));
                    if let Some(verified_at) = verified_at {
                        tally.verified_repairs += 1;
                        tally.repair_ms_total += verified_at.millis() - order.opened_at.millis();
                    }
                }
                // Hours completed after `now` were not yet recorded at `now`.
                let labor_hours = order
                    .hours
                    .filter(|hours| hours.is_finite() && *hours >= 0.0)
                    .filter(|_| order.completed_at.is_none_or(|at| at <= now));
                if is_repair {
                    tally.unplanned_orders += 1;
                    tally.unplanned_hours += labor_hours.unwrap_or(0.0);
                } else {
                    tally.planned_orders += 1;
                    tally.planned_hours += labor_hours.unwrap_or(0.0);
                }
                if verified_at.is_none() {
                    tally.open_orders += 1;
                    tally.open_estimated_min += i64::from(order.duration_min);
                    tally.oldest_open = Some(tally.oldest_open.map_or(order.opened_at, |at| at.min(order.opened_at)));
                }
            }
            tally.downtime_ms = union_ms(&mut down_spans, observed_from, now.millis());
            breakdowns.sort_unstable();
            tally.intervals_hours = breakdowns
                .windows(2)
                .map(|pair| (pair[1] - pair[0]) as f64 / MS_PER_HOUR)
                .filter(|hours| *hours > 0.0)
                .collect();
            tally
        })
        .collect()
}

/// The length of the union of `spans`, clipped to `[from, to]`. Repairs of one asset do not
/// overlap when decided (a down asset cannot break down again), but a record applied from
/// elsewhere might; the union never counts an hour twice.
fn union_ms(spans: &mut [(i64, i64)], from: i64, to: i64) -> i64 {
    spans.sort_unstable();
    let mut total = 0;
    let mut covered_until = from;
    for &(start, end) in spans.iter() {
        let start = start.max(covered_until);
        let end = end.min(to);
        if end > start {
            total += end - start;
            covered_until = end;
        }
    }
    total
}

/// The backlog at the end of each 7-day bucket, the last ending at `now`, the first being the
/// earliest whose end is at or after the first order's opening; empty when no order was opened
/// by `now`. One sort of the openings and verifications, then one sweep.
pub fn backlog_series(maintenance: &Maintenance, now: Timestamp) -> Vec<BacklogPoint> {
    // (time, change in open orders, change in estimated minutes)
    let mut changes: Vec<(i64, i32, i64)> = Vec::with_capacity(maintenance.orders().len() * 2);
    for order in maintenance.orders().iter().filter(|order| order.opened_at <= now) {
        let minutes = i64::from(order.duration_min);
        changes.push((order.opened_at.millis(), 1, minutes));
        if let Some(verified_at) = verified_by(order.verified.as_ref(), now) {
            changes.push((verified_at.millis(), -1, -minutes));
        }
    }
    let Some(first) = changes.iter().map(|change| change.0).min() else { return Vec::new() };
    changes.sort_unstable_by_key(|change| change.0);
    let weeks_back = (now.millis() - first) / MS_PER_WEEK;
    let mut series = Vec::with_capacity(weeks_back as usize + 1);
    let (mut open_orders, mut open_min) = (0i64, 0i64);
    let mut next_change = 0;
    for weeks_before_now in (0..=weeks_back).rev() {
        let week_end = now.millis() - weeks_before_now * MS_PER_WEEK;
        while let Some(&(_, orders, minutes)) = changes.get(next_change).filter(|change| change.0 <= week_end) {
            open_orders += i64::from(orders);
            open_min += minutes;
            next_change += 1;
        }
        series.push(BacklogPoint {
            week_end: Timestamp::from_millis(week_end),
            open_orders: open_orders.max(0) as u32,
            estimated_hours: open_min.max(0) as f64 / 60.0,
        });
    }
    series
}

/// Least-squares slopes (per week) of the open count and hours over the last `weeks` points of
/// `series`, or over all of it when shorter; `None` with fewer than two points.
pub fn backlog_trend(series: &[BacklogPoint], weeks: usize) -> Option<BacklogTrend> {
    let tail = &series[series.len().saturating_sub(weeks)..];
    let orders: Vec<f64> = tail.iter().map(|point| f64::from(point.open_orders)).collect();
    let hours: Vec<f64> = tail.iter().map(|point| point.estimated_hours).collect();
    let weeks_axis: Vec<f64> = (0..tail.len()).map(|week| week as f64).collect();
    let (orders_per_week, _, _) = least_squares(&weeks_axis, &orders)?;
    let (hours_per_week, _, _) = least_squares(&weeks_axis, &hours)?;
    Some(BacklogTrend { weeks: tail.len(), orders_per_week, hours_per_week })
}

/// Median-rank regression of a two-parameter Weibull on `intervals_hours` (see the module docs).
/// Intervals that are not positive and finite are dropped, since ln t needs t > 0; `None` when
/// fewer than [`MIN_WEIBULL_INTERVALS`] remain or they are all equal (no line to fit).
pub fn weibull_fit(intervals_hours: &[f64]) -> Option<WeibullFit> {
    let mut intervals: Vec<f64> =
        intervals_hours.iter().copied().filter(|hours| hours.is_finite() && *hours > 0.0).collect();
    if intervals.len() < MIN_WEIBULL_INTERVALS {
        return None;
    }
    intervals.sort_unstable_by(f64::total_cmp);
    let n = intervals.len() as f64;
    let log_t: Vec<f64> = intervals.iter().map(|hours| hours.ln()).collect();
    let linearised_rank: Vec<f64> = (1..=intervals.len())
        .map(|rank| {
            let median_rank = (rank as f64 - 0.3) / (n + 0.4);
            (-(1.0 - median_rank).ln()).ln()
        })
        .collect();
    let (slope, intercept, r_squared) = least_squares(&log_t, &linearised_rank)?;
    if !(slope.is_finite() && slope > 0.0) {
        return None;
    }
    let scale_eta_hours = (-intercept / slope).exp();
    scale_eta_hours.is_finite().then_some(WeibullFit {
        shape_beta: slope,
        scale_eta_hours,
        r_squared,
        intervals: intervals.len(),
        regime: WeibullRegime::of(slope),
    })
}

/// Ordinary least squares of `y` on `x`: (slope, intercept, R²); `None` with fewer than two
/// points or no spread in `x`. R² is 1 when `y` has no spread (a flat line fits it exactly).
fn least_squares(x: &[f64], y: &[f64]) -> Option<(f64, f64, f64)> {
    let n = x.len().min(y.len());
    if n < 2 {
        return None;
    }
    let mean_x = x[..n].iter().sum::<f64>() / n as f64;
    let mean_y = y[..n].iter().sum::<f64>() / n as f64;
    let (mut sxx, mut sxy, mut syy) = (0.0, 0.0, 0.0);
    for (xi, yi) in x[..n].iter().zip(&y[..n]) {
        let (dx, dy) = (xi - mean_x, yi - mean_y);
        sxx += dx * dx;
        sxy += dx * dy;
        syy += dy * dy;
    }
    if sxx <= 0.0 {
        return None;
    }
    let slope = sxy / sxx;
    let r_squared = if syy > 0.0 { (sxy * sxy) / (sxx * syy) } else { 1.0 };
    Some((slope, mean_y - slope * mean_x, r_squared))
}
