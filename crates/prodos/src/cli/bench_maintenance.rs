//! `prodos bench maintenance`: the reliability speed target — 500 assets of 20 types, 5 years of
//! weekly meter readings, preventive orders and breakdowns with their repairs, built by applying
//! events as replay would; every reliability figure per asset and type, the Weibull fits and the
//! weekly backlog series with its trend must take well under 1 s. The record is seeded and
//! synthetic: each type fails at Weibull intervals of its own shape (0.7 to 3, so infant
//! mortality, random and wear-out all occur) and what is still being worked at the end stays open.

use anyhow::bail;
use clap::Args;
use prodos_core::maintenance::{
    Asset, AssetStatus, Maintenance, MaintenanceEvent, Meters, Severity, WorkOrder, WorkOrderKind, reliability,
    reliability::DEFAULT_TREND_WEEKS,
};
use prodos_core::plan::Day;
use prodos_core::{AssetId, Timestamp, WorkOrderId};
use std::time::{Duration, Instant};

#[derive(Args, Debug)]
pub struct BenchMaintenanceArgs {
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    #[arg(long, default_value_t = 500)]
    pub assets: u32,
    #[arg(long, default_value_t = 5)]
    pub years: u32,
    /// Runs of the computation; the best is reported (the worst too).
    #[arg(long, default_value_t = 5)]
    pub runs: u32,
    #[arg(long)]
    pub json: bool,
}

/// The target the issue sets for every figure and the backlog series together.
const TARGET: Duration = Duration::from_secs(1);
const KINDS: u32 = 20;
const MS_PER_HOUR: i64 = 3_600_000;
const HOURS_PER_WEEK: f64 = 168.0;

/// Seeded xorshift, uniform in [0, 1): reproducible without a randomness crate.
struct Uniform(u64);

impl Uniform {
    fn new(seed: u64) -> Uniform {
        Uniform(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }
    fn next(&mut self) -> f64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 >> 11) as f64 / (1u64 << 53) as f64
    }
    fn between(&mut self, low: f64, high: f64) -> f64 {
        low + (high - low) * self.next()
    }
    /// A Weibull draw by the inverse of its distribution function.
    fn weibull(&mut self, shape_beta: f64, scale_eta: f64) -> f64 {
        // 1 − u is in (0, 1], so the logarithm is finite.
        scale_eta * (-(1.0 - self.next()).ln()).powf(1.0 / shape_beta)
    }
}

/// One thing that happens to an asset, before it becomes an event: orders are named by a key
/// until they open, because ids are given in opening order across all assets.
enum Happening {
    Meter {
        asset: AssetId,
        meters: Meters,
    },
    /// Boxed: an order is ten times the size of the other happenings, and there are many of those.
    Open {
        key: usize,
        order: Box<WorkOrder>,
    },
    Start {
        key: usize,
    },
    Complete {
        key: usize,
        hours: f64,
    },
    Verify {
        key: usize,
    },
}

struct Synthetic {
    maintenance: Maintenance,
    events: usize,
    end: Timestamp,
}

fn hours_after(from: Timestamp, hours: f64) -> Timestamp {
    Timestamp::from_millis(from.millis() + (hours * MS_PER_HOUR as f64) as i64)
}

/// The work of one order from its opening: waiting, working and verification, each in hours.
/// What would fall after `end` is left out, so the order stays open; the verification time if
/// it falls within the record.
fn work_through(
    happenings: &mut Vec<(Timestamp, Happening)>,
    key: usize,
    opened: Timestamp,
    (wait_hours, work_hours, labor_hours, check_hours): (f64, f64, f64, f64),
    end: Timestamp,
) -> Option<Timestamp> {
    let started = hours_after(opened, wait_hours);
    let completed = hours_after(started, work_hours);
    let verified = hours_after(completed, check_hours);
    for (at, happening) in [
        (started, Happening::Start { key }),
        (completed, Happening::Complete { key, hours: labor_hours }),
        (verified, Happening::Verify { key }),
    ] {
        if at > end {
            return None;
        }
        happenings.push((at, happening));
    }
    Some(verified)
}

/// Every asset's five years, generated asset by asset, then applied in time order.
fn synthetic(seed: u64, n_assets: u32, years: u32) -> Synthetic {
    let mut uniform = Uniform::new(seed);
    let start = Day::from_ymd(2021, 1, 4).unwrap_or_default();
    let weeks = i64::from(years) * 52 + i64::from(years) / 4;
    let end = start.plus(weeks * 7).start();
    let mut happenings: Vec<(Timestamp, Happening)> = Vec::new();
    let mut assets = Vec::new();
    let mut n_orders = 0usize;
    for asset_idx in 0..n_assets {
        let kind_idx = asset_idx % KINDS;
        let shape_beta = 0.7 + 2.3 * f64::from(kind_idx) / f64::from(KINDS - 1);
        let scale_eta_hours = 800.0 + 160.0 * f64::from(kind_idx);
        let pm_weeks = 4 + i64::from(kind_idx % 10);
        let pm_duration_min = 60 + 15 * (kind_idx % 12);
        let id = AssetId(asset_idx + 1);
        // Bought up to a year before the record starts, or during its first year.
        let acquired = start.plus((uniform.between(-365.0, 365.0)) as i64);
        assets.push(Asset {
            id,
            kind: format!("kind-{kind_idx:02}"),
            name: format!("unit {}", asset_idx + 1),
            location: String::new(),
            acquired,
            service_life_years: Some(15),
            spare_parts: Vec::new(),
            meters: Meters::default(),
            read_at: None,
            status: AssetStatus::Up,
            serviced: Default::default(),
        });
        let from = acquired.max(start);
        let use_share = uniform.between(0.2, 0.6);
        let mut meters = Meters::default();
        let mut week_end = from.plus(7);
        while week_end.start() <= end {
            meters.hours += (HOURS_PER_WEEK * use_share * uniform.between(0.8, 1.2) * 10.0).round() / 10.0;
            meters.cycles += (meters.hours as u64 % 97) + 40;
            happenings.push((hours_after(week_end.start(), 8.0), Happening::Meter { asset: id, meters }));
            week_end = week_end.plus(7);
        }
        let mut pm_day = from.plus(pm_weeks * 7);
        while pm_day.start() <= end {
            let opened = hours_after(pm_day.start(), uniform.between(6.0, 10.0));
            let kind = WorkOrderKind::Preventive { plan: format!("pm-{kind_idx:02}"), reason: "calendar".into() };
            let order = WorkOrder::open(WorkOrderId(0), id, kind, None, pm_duration_min, opened);
            happenings.push((opened, Happening::Open { key: n_orders, order: Box::new(order) }));
            let work_hours = f64::from(pm_duration_min) / 60.0 * uniform.between(0.8, 1.3);
            let timing = (uniform.between(1.0, 96.0), work_hours, work_hours, uniform.between(1.0, 48.0));
            work_through(&mut happenings, n_orders, opened, timing, end);
            n_orders += 1;
            pm_day = pm_day.plus(pm_weeks * 7);
        }
        let mut up_since = from.start();
        loop {
            let failed = hours_after(up_since, uniform.weibull(shape_beta, scale_eta_hours));
            if failed > end {
                break;
            }
            let severity = [Severity::Minor, Severity::Major, Severity::Critical][(uniform.next() * 3.0) as usize % 3];
            let kind =
                WorkOrderKind::Repair { description: "stopped".into(), severity, reported_by: "operator".into() };
            let order = WorkOrder::open(WorkOrderId(0), id, kind, None, 0, failed);
            happenings.push((failed, Happening::Open { key: n_orders, order: Box::new(order) }));
            // Hours to days: some wait for parts, most are fixed within a shift.
            let work_hours = uniform.weibull(1.2, 6.0).max(0.25);
            let labor_hours = work_hours.min(24.0);
            let timing = (uniform.between(0.25, 12.0), work_hours, labor_hours, uniform.between(0.25, 8.0));
            match work_through(&mut happenings, n_orders, failed, timing, end) {
                Some(verified) => up_since = verified,
                // Still down at the end: no further breakdown can be reported.
                None => {
                    n_orders += 1;
                    break;
                }
            }
            n_orders += 1;
        }
    }
    // A stable sort keeps an order's opening before its start when both fall in the same instant.
    happenings.sort_by_key(|(at, _)| *at);
    let mut maintenance = Maintenance::default();
    let mut events = 0;
    for asset in assets {
        maintenance.apply(&MaintenanceEvent::AssetRegistered { asset });
        events += 1;
    }
    let mut ids = vec![WorkOrderId(0); n_orders];
    for (at, happening) in happenings {
        let event = match happening {
            Happening::Meter { asset, meters } => {
                MaintenanceEvent::MeterRead { asset, meters, by: "operator".into(), at }
            }
            Happening::Open { key, mut order } => {
                order.id = maintenance.next_order();
                ids[key] = order.id;
                MaintenanceEvent::WorkOrderOpened { order: *order }
            }
            Happening::Start { key } => {
                MaintenanceEvent::WorkOrderStarted { order: ids[key], worker: "tech".into(), at }
            }
            Happening::Complete { key, hours } => MaintenanceEvent::WorkOrderCompleted {
                order: ids[key],
                by: "tech".into(),
                hours,
                note: String::new(),
                at,
            },
            Happening::Verify { key } => MaintenanceEvent::WorkOrderVerified { order: ids[key], by: "lead".into(), at },
        };
        maintenance.apply(&event);
        events += 1;
    }
    Synthetic { maintenance, events, end }
}

struct Timed {
    best: Duration,
    worst: Duration,
    figures: reliability::Reliability,
}

#[allow(clippy::disallowed_methods, reason = "a benchmark measures wall-clock time")]
fn time(synthetic: &Synthetic, runs: u32) -> Timed {
    let mut times = Vec::new();
    let mut figures = None;
    for _ in 0..runs {
        let started = Instant::now();
        let computed = reliability::reliability(&synthetic.maintenance, synthetic.end, DEFAULT_TREND_WEEKS);
        times.push(started.elapsed());
        figures = Some(computed);
    }
    Timed {
        best: times.iter().min().copied().unwrap_or_default(),
        worst: times.iter().max().copied().unwrap_or_default(),
        figures: figures.unwrap_or_else(|| reliability::reliability(&Maintenance::default(), synthetic.end, 1)),
    }
}

#[allow(clippy::disallowed_methods, reason = "a benchmark measures wall-clock time")]
pub fn run(args: BenchMaintenanceArgs) -> anyhow::Result<()> {
    if args.runs == 0 {
        bail!("field `runs` must be positive");
    }
    if args.assets == 0 || args.years == 0 {
        bail!("fields `assets` and `years` must be positive");
    }
    let built = Instant::now();
    let synthetic = synthetic(args.seed, args.assets, args.years);
    let build_time = built.elapsed();
    let Timed { best, worst, figures } = time(&synthetic, args.runs);
    let orders = synthetic.maintenance.orders();
    let open_orders = orders.iter().filter(|order| order.is_open()).count();
    let failures: u32 = figures.assets.iter().map(|asset| asset.figures.failures).sum();
    let fitted_assets = figures.assets.iter().filter(|asset| asset.figures.weibull.is_some()).count();
    let fitted_kinds: Vec<String> = figures
        .kinds
        .iter()
        .filter_map(|kind| {
            let fit = kind.figures.weibull?;
            Some(format!("{} β {:.2}", kind.kind, fit.shape_beta))
        })
        .collect();
    let report = serde_json::json!({
        "seed": args.seed,
        "assets": figures.assets.len(),
        "kinds": figures.kinds.len(),
        "years": args.years,
        "events": synthetic.events,
        "work_orders": orders.len(),
        "open_orders": open_orders,
        "failures": failures,
        "weibull_fits_assets": fitted_assets,
        "weibull_fits_kinds": fitted_kinds.len(),
        "backlog_weeks": figures.backlog_series.len(),
        "backlog_trend_orders_per_week": figures.backlog_trend.map(|trend| trend.orders_per_week),
        "build_ms": build_time.as_secs_f64() * 1000.0,
        "best_ms": best.as_secs_f64() * 1000.0,
        "worst_ms": worst.as_secs_f64() * 1000.0,
        "runs": args.runs,
        "target_ms": TARGET.as_millis() as u64,
    });
    if args.json {
        println!("{}", serde_json::to_string_pretty(&report)?);
    } else {
        println!(
            "reliability: {} assets of {} types, {} years, seed {}",
            figures.assets.len(),
            figures.kinds.len(),
            args.years,
            args.seed
        );
        println!(
            "  record: {} events ({} work orders, {} still open, {} breakdowns), applied in {:.1} ms",
            synthetic.events,
            orders.len(),
            open_orders,
            failures,
            build_time.as_secs_f64() * 1000.0
        );
        println!(
            "  figures: every asset and type, {} Weibull fits on assets and {} on types, {} weekly backlog points",
            fitted_assets,
            fitted_kinds.len(),
            figures.backlog_series.len()
        );
        println!("  types fitted: {}", fitted_kinds.join(", "));
        println!(
            "  computed in {:.2} ms best, {:.2} ms worst of {} runs (target {} ms)",
            best.as_secs_f64() * 1000.0,
            worst.as_secs_f64() * 1000.0,
            args.runs,
            TARGET.as_millis()
        );
    }
    if best > TARGET {
        bail!("over the {} ms target: {:.1} ms", TARGET.as_millis(), best.as_secs_f64() * 1000.0);
    }
    Ok(())
}
