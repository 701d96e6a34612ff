//! Reliability figures on hand-built maintenance records: a press with two repaired breakdowns
//! and a service (MTBF, MTTR, availability and the labor share worked out by hand), a press still
//! down (downtime counts to now, the backlog and shares by order count), a type pooling its units,
//! the weekly backlog and its rising trend, and Weibull fits that recover a known shape — or
//! refuse to guess from four intervals.

use prodos_core::maintenance::{
    Asset, AssetStatus, Backlog, BacklogPoint, Maintenance, MaintenanceEvent, Meters, Reliability, Severity,
    ShareBasis, WeibullRegime, WorkOrder, WorkOrderKind, WorkShare, reliability, weibull_fit,
};
use prodos_core::plan::Day;
use prodos_core::{AssetId, Timestamp, WorkOrderId};

const ACQUIRED: Day = Day(20_000);
const MS_PER_HOUR: f64 = 3_600_000.0;

/// `hours` after the start of the day every asset here was acquired on.
fn at(hours: f64) -> Timestamp {
    Timestamp::from_millis(ACQUIRED.start().millis() + (hours * MS_PER_HOUR).round() as i64)
}

/// A record built by applying events, as replay would: the area's own fold, no `decide`.
#[derive(Default)]
struct Record {
    maintenance: Maintenance,
}

impl Record {
    fn apply(&mut self, event: MaintenanceEvent) {
        self.maintenance.apply(&event);
    }

    fn asset(&mut self, kind: &str) -> AssetId {
        let id = self.maintenance.next_asset();
        let asset = Asset {
            id,
            kind: kind.into(),
            name: format!("{kind} {}", id.0),
            location: String::new(),
            acquired: ACQUIRED,
            service_life_years: None,
            spare_parts: Vec::new(),
            meters: Meters::default(),
            read_at: None,
            status: AssetStatus::Up,
            serviced: Default::default(),
        };
        self.apply(MaintenanceEvent::AssetRegistered { asset });
        id
    }

    fn open(&mut self, asset: AssetId, kind: WorkOrderKind, duration_min: u32, opened_h: f64) -> WorkOrderId {
        let id = self.maintenance.next_order();
        self.apply(MaintenanceEvent::WorkOrderOpened {
            order: WorkOrder::open(id, asset, kind, None, duration_min, at(opened_h)),
        });
        id
    }

    fn breakdown(&mut self, asset: AssetId, opened_h: f64) -> WorkOrderId {
        let kind = WorkOrderKind::Repair {
            description: "hydraulic leak".into(),
            severity: Severity::Major,
            reported_by: "dana".into(),
        };
        self.open(asset, kind, 0, opened_h)
    }

    fn preventive(&mut self, asset: AssetId, duration_min: u32, opened_h: f64) -> WorkOrderId {
        let kind = WorkOrderKind::Preventive { plan: "press-oil".into(), reason: "every 250 h".into() };
        self.open(asset, kind, duration_min, opened_h)
    }

    /// Started at the opening, completed with `hours` of labor, verified at `verified_h`.
    fn work(&mut self, order: WorkOrderId, hours: f64, verified_h: f64) {
        let started = self.maintenance.order(order).map(|order| order.opened_at).unwrap_or_default();
        self.apply(MaintenanceEvent::WorkOrderStarted { order, worker: "erin".into(), at: started });
        self.apply(MaintenanceEvent::WorkOrderCompleted {
            order,
            by: "erin".into(),
            hours,
            note: String::new(),
            at: at(verified_h),
        });
        self.verify(order, verified_h);
    }

    fn verify(&mut self, order: WorkOrderId, verified_h: f64) {
        self.apply(MaintenanceEvent::WorkOrderVerified { order, by: "carol".into(), at: at(verified_h) });
    }

    fn figures(&self, now_h: f64) -> Reliability {
        reliability(&self.maintenance, at(now_h), 8)
    }
}

fn close(actual: f64, expected: f64, tolerance: f64, what: &str) {
    assert!((actual - expected).abs() <= tolerance, "{what}: {actual} is not within {tolerance} of {expected}");
}

/// Two breakdowns repaired in 10 h and 6 h and a 2 h service, seen 500 h after acquisition.
fn repaired_press(record: &mut Record) -> AssetId {
    let press = record.asset("press");
    let first = record.breakdown(press, 100.0);
    record.work(first, 4.0, 110.0);
    let service = record.preventive(press, 120, 200.0);
    record.work(service, 2.0, 203.0);
    let second = record.breakdown(press, 300.0);
    record.work(second, 2.0, 306.0);
    press
}

#[test]
fn repaired_breakdowns_give_mtbf_mttr_and_availability() {
    let mut record = Record::default();
    repaired_press(&mut record);
    let figures = &record.figures(500.0).assets[0].figures;
    assert_eq!(figures.observed_hours, 500.0);
    assert_eq!(figures.downtime_hours, 16.0, "10 h + 6 h down; the service does not take the press down");
    assert_eq!(figures.uptime_hours, 484.0);
    assert_eq!((figures.failures, figures.verified_repairs), (2, 2));
    assert_eq!(figures.mtbf_hours, Some(242.0), "484 h up / 2 failures");
    assert_eq!(figures.mttr_hours, Some(8.0), "(10 h + 6 h) / 2");
    assert_eq!(figures.availability, Some(0.968), "484 / 500");
    assert_eq!(
        figures.work_share,
        Some(WorkShare { planned: 0.25, unplanned: 0.75, basis: ShareBasis::LaborHours }),
        "2 h preventive against 4 h + 2 h of repairs"
    );
    assert_eq!(figures.backlog, Backlog::default(), "everything is verified");
    assert_eq!(figures.weibull, None, "one interval");
}

#[test]
fn an_asset_still_down_counts_downtime_to_now_and_its_open_orders_as_backlog() {
    let mut record = Record::default();
    let press = record.asset("press");
    record.breakdown(press, 400.0);
    record.preventive(press, 90, 450.0);
    let figures = &record.figures(500.0).assets[0].figures;
    assert_eq!(figures.downtime_hours, 100.0, "down from 400 h to now");
    assert_eq!((figures.failures, figures.verified_repairs), (1, 0));
    assert_eq!(figures.mtbf_hours, Some(400.0));
    assert_eq!(figures.mttr_hours, None, "no repair verified yet");
    assert_eq!(figures.availability, Some(0.8));
    assert_eq!(
        figures.work_share,
        Some(WorkShare { planned: 0.5, unplanned: 0.5, basis: ShareBasis::OrderCount }),
        "no hours recorded yet, so one order of each"
    );
    let backlog = figures.backlog;
    assert_eq!((backlog.open_orders, backlog.estimated_hours), (2, 1.5), "the repair carries no estimate");
    close(backlog.oldest_age_days.unwrap_or_default(), 100.0 / 24.0, 1e-12, "oldest age in days");
}

#[test]
fn the_figures_are_those_of_the_record_at_now() {
    let mut record = Record::default();
    repaired_press(&mut record);
    // At 105 h the first repair, verified at 110 h, is still open and the rest has not happened.
    let figures = &record.figures(105.0).assets[0].figures;
    assert_eq!((figures.observed_hours, figures.downtime_hours), (105.0, 5.0));
    assert_eq!((figures.failures, figures.verified_repairs, figures.mttr_hours), (1, 0, None));
    assert_eq!(figures.work_share.map(|share| share.basis), Some(ShareBasis::OrderCount), "hours come at 110 h");
    assert_eq!(figures.backlog.open_orders, 1);
}

#[test]
fn a_type_pools_the_hours_and_failures_of_its_assets() {
    let mut record = Record::default();
    repaired_press(&mut record);
    let second_press = record.asset("press");
    record.breakdown(second_press, 400.0);
    let lathe = record.asset("lathe");
    let service = record.preventive(lathe, 30, 10.0);
    record.work(service, 0.5, 11.0);
    let all = record.figures(500.0);
    assert_eq!(
        all.kinds.iter().map(|kind| (kind.kind.as_str(), kind.assets)).collect::<Vec<_>>(),
        [("lathe", 1), ("press", 2)]
    );
    let press = &all.kinds[1].figures;
    assert_eq!((press.observed_hours, press.downtime_hours), (1000.0, 116.0));
    assert_eq!(press.failures, 3);
    assert_eq!(press.mtbf_hours, Some(884.0 / 3.0));
    assert_eq!(press.mttr_hours, Some(8.0), "only the two verified repairs");
    assert_eq!(press.availability, Some(0.884));
    assert_eq!(press.backlog.open_orders, 1);
    close(press.backlog.oldest_age_days.unwrap_or_default(), 100.0 / 24.0, 1e-12, "oldest age");
    let lathe = &all.kinds[0].figures;
    assert_eq!((lathe.failures, lathe.mtbf_hours, lathe.availability), (0, None, Some(1.0)));
    assert_eq!(lathe.work_share, Some(WorkShare { planned: 1.0, unplanned: 0.0, basis: ShareBasis::LaborHours }));
}

#[test]
fn the_weekly_backlog_rises_by_one_order_a_week() {
    let mut record = Record::default();
    let press = record.asset("press");
    // One 60 min service opened a day into each week, none worked but the first (on day 16).
    let orders: Vec<WorkOrderId> =
        (0..10).map(|week| record.preventive(press, 60, (week * 7 + 1) as f64 * 24.0)).collect();
    record.verify(orders[0], 16.0 * 24.0);
    let all = record.figures(70.0 * 24.0);
    let expected: Vec<BacklogPoint> = [1, 2, 2, 3, 4, 5, 6, 7, 8, 9]
        .iter()
        .enumerate()
        .map(|(week, open)| BacklogPoint {
            week_end: at((week + 1) as f64 * 7.0 * 24.0),
            open_orders: *open,
            estimated_hours: f64::from(*open),
        })
        .collect();
    assert_eq!(all.backlog_series, expected, "7-day buckets ending at now, back to the first order");
    let trend = all.backlog_trend.expect("ten points");
    assert_eq!(trend.weeks, 8);
    close(trend.orders_per_week, 1.0, 1e-12, "2, 3, … 9 over the last 8 weeks");
    close(trend.hours_per_week, 1.0, 1e-12, "an hour per order");
    let backlog = all.assets[0].figures.backlog;
    assert_eq!((backlog.open_orders, backlog.estimated_hours), (9, 9.0), "the last point is the backlog now");
}

#[test]
fn an_empty_record_has_no_figures_and_no_trend() {
    let all = reliability(&Maintenance::default(), at(0.0), 8);
    assert_eq!(all, Reliability { assets: vec![], kinds: vec![], backlog_series: vec![], backlog_trend: None });
    let mut record = Record::default();
    record.asset("press");
    let figures = &record.figures(0.0).assets[0].figures;
    assert_eq!((figures.observed_hours, figures.availability, figures.work_share), (0.0, None, None));
}

/// The Weibull quantile of `share`: the t with F(t) = share.
fn quantile(share: f64, shape_beta: f64, scale_eta: f64) -> f64 {
    scale_eta * (-(1.0 - share).ln()).powf(1.0 / shape_beta)
}

/// Breakdowns `intervals` apart (in this order), each repaired within the hour.
fn breaking_press(record: &mut Record, kind: &str, intervals: &[f64]) -> AssetId {
    let press = record.asset(kind);
    let mut hours = 10.0;
    let first = record.breakdown(press, hours);
    record.work(first, 0.5, hours + 0.5);
    for interval in intervals {
        hours += interval;
        let order = record.breakdown(press, hours);
        record.work(order, 0.5, hours + 0.5);
    }
    press
}

#[test]
fn weibull_recovers_a_wear_out_shape_from_its_median_rank_quantiles() {
    let n = 12;
    let mut intervals: Vec<f64> = (1..=n).map(|i| quantile((i as f64 - 0.3) / (n as f64 + 0.4), 2.0, 100.0)).collect();
    // Reported in no particular order: the fit ranks them itself.
    intervals.reverse();
    intervals.swap(2, 7);
    let mut record = Record::default();
    breaking_press(&mut record, "press", &intervals);
    let all = record.figures(5000.0);
    let fit = all.assets[0].figures.weibull.expect("12 intervals");
    assert_eq!((fit.intervals, fit.regime), (12, WeibullRegime::WearOut));
    close(fit.shape_beta, 2.0, 1e-6, "shape β");
    close(fit.scale_eta_hours, 100.0, 1e-4, "scale η");
    close(fit.r_squared, 1.0, 1e-9, "points on the line");
    assert_eq!(all.kinds[0].figures.weibull, Some(fit), "one asset: the type's fit is its own");
}

#[test]
fn weibull_lands_near_the_shape_from_other_plotting_positions() {
    // Hazen's positions (i − 0.5)/n instead of Bernard's: the fit is close, not exact.
    let n = 20;
    let intervals: Vec<f64> = (1..=n).map(|i| quantile((i as f64 - 0.5) / n as f64, 2.0, 100.0)).collect();
    let fit = weibull_fit(&intervals).expect("20 intervals");
    close(fit.shape_beta, 2.0, 0.15, "shape β");
    close(fit.scale_eta_hours, 100.0, 2.0, "scale η");
    assert!(fit.r_squared > 0.99, "R² {}", fit.r_squared);
    let early: Vec<f64> = (1..=n).map(|i| quantile((i as f64 - 0.3) / (n as f64 + 0.4), 0.6, 500.0)).collect();
    assert_eq!(weibull_fit(&early).map(|fit| fit.regime), Some(WeibullRegime::InfantMortality));
    let random: Vec<f64> = (1..=n).map(|i| quantile((i as f64 - 0.3) / (n as f64 + 0.4), 1.0, 500.0)).collect();
    assert_eq!(weibull_fit(&random).map(|fit| fit.regime), Some(WeibullRegime::Random));
}

#[test]
fn weibull_needs_five_intervals_and_a_type_pools_its_assets() {
    let intervals = [40.0, 90.0, 120.0, 60.0, 150.0];
    assert_eq!(weibull_fit(&intervals[..4]), None, "four intervals are too few");
    assert_eq!(weibull_fit(&[80.0; 6]), None, "equal intervals draw no line");
    assert_eq!(weibull_fit(&[0.0, 40.0, 90.0, 120.0, 60.0]), None, "a zero interval has no logarithm");
    assert_eq!(weibull_fit(&intervals).map(|fit| fit.intervals), Some(5));

    let mut record = Record::default();
    breaking_press(&mut record, "press", &intervals[..3]);
    breaking_press(&mut record, "press", &intervals[3..]);
    breaking_press(&mut record, "lathe", &intervals[..4]);
    let all = record.figures(5000.0);
    assert!(all.assets.iter().all(|asset| asset.figures.weibull.is_none()), "3, 2 and 4 intervals");
    let by_kind: Vec<(&str, Option<usize>)> =
        all.kinds.iter().map(|kind| (kind.kind.as_str(), kind.figures.weibull.map(|fit| fit.intervals))).collect();
    assert_eq!(by_kind, [("lathe", None), ("press", Some(5))]);
    assert_eq!(all.kinds[1].figures.weibull, weibull_fit(&intervals), "the same five intervals, pooled");
}
