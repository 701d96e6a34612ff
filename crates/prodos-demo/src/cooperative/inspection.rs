//! How the story's inspectors measure: each check of a completed task is recorded by the person
//! who will verify it, with a value near nominal that is deterministic per task and check (so
//! every seeding writes the same ledger). One check drifts: the setup bench's relief gauge wears,
//! and neck relief creeps upward guitar after guitar until a run rule flags it. A flawed task is
//! measured out of tolerance once, disposed of for rework, reworked and re-inspected; another
//! is beyond repair and scrapped.

use prodos_core::design::{CheckKind, QualityCheck};
use prodos_core::execution::TaskRef;
use prodos_core::measure::Measurement;

/// The drifting check, and after how many of its samples the drift begins.
pub const DRIFTING_CHECK: &str = "neck-relief";
const DRIFT_AFTER: usize = 8;
/// Per sample after the drift began, in tolerances.
const DRIFT_PER_SAMPLE: f64 = 0.1;

/// A task whose first inspection of `check` fails, and how far off it measures (in tolerances).
pub struct Flaw {
    pub task: TaskRef,
    pub check: &'static str,
    pub off_by: f64,
    pub fix: Fix,
}

/// What the inspector decides for a flawed task.
pub enum Fix {
    /// Reworked for this long, with this note, then re-inspected.
    Rework { minutes: i64, note: &'static str },
    /// Beyond repair: the unit is scrapped and its materials written off.
    Scrap { reason: &'static str },
}

/// What the inspector reads for `check` of `task`, the series already holding `earlier` samples.
pub fn reading(task: &TaskRef, check: &QualityCheck, earlier: usize) -> Measurement {
    if check.kind == CheckKind::Attribute {
        return Measurement::Attribute { passed: true };
    }
    let noise = spread(&format!("{task}/{}", check.key()));
    let drift =
        if check.key() == DRIFTING_CHECK { earlier.saturating_sub(DRIFT_AFTER) as f64 * DRIFT_PER_SAMPLE } else { 0.0 };
    // Within ±0.4 tolerances of nominal, plus the drift, and never past the limit: the worn gauge
    // reads high, but a setup outside tolerance would have been redone on the bench.
    let offset = (0.4 * noise + drift).min(0.95);
    Measurement::Values(vec![round(check.nominal + offset * check.tolerance)])
}

/// The reading of a flawed task: `off_by` tolerances from nominal.
pub fn flawed(check: &QualityCheck, off_by: f64) -> Measurement {
    Measurement::Values(vec![round(check.nominal + off_by * check.tolerance)])
}

/// A value in [-1, 1] fixed by `key` (FNV-1a, so it never depends on the platform or a seed).
fn spread(key: &str) -> f64 {
    let hash = key
        .bytes()
        .fold(0xcbf2_9ce4_8422_2325_u64, |hash, byte| (hash ^ u64::from(byte)).wrapping_mul(0x100_0000_01b3));
    (hash % 2001) as f64 / 1000.0 - 1.0
}

/// Gauges read to a thousandth.
fn round(value: f64) -> f64 {
    (value * 1000.0).round() / 1000.0
}

/// The certifiers' answer to the neck-relief review: version 2 of the guitar gives the strings
/// time to settle before relief is set, and has relief measured by someone other than the
/// builder. The new version is a draft until certified again; the review links to it.
pub fn answer_drift_review(
    seeder: &mut super::seeder::Seeder,
    guitar: prodos_core::DesignId,
) -> Result<(), prodos_app::NodeError> {
    use prodos_core::quality::{QualityCommand, ResolutionChoice, ReviewReason};
    use prodos_core::{Command, DesignCommand};
    let found = seeder.read(|state| {
        let review = state.quality.reviews().iter().find(|review| {
            let drift =
                matches!(&review.flag.reason, ReviewReason::Signal { series, .. } if series.check == DRIFTING_CHECK);
            review.is_open() && drift
        })?;
        let spec = state.designs.version(review.flag.design)?.spec.clone();
        Some((review.flag.id, spec))
    });
    let Some((review, mut spec)) = found else { return Ok(()) };
    if let Some(setup) = spec.operations.iter_mut().find(|operation| operation.check(DRIFTING_CHECK).is_some()) {
        setup.duration_min += 15;
        for check in setup.checks.iter_mut().filter(|check| check.key() == DRIFTING_CHECK) {
            check.independent = true;
        }
    }
    let coordinator = super::cast::COORDINATOR;
    seeder.run(coordinator, Command::Design(DesignCommand::ImportDesign { spec, declared: None }))?;
    let version = seeder.read(|state| state.designs.get(guitar).map(|record| record.latest().version)).unwrap_or(1);
    let resolution = ResolutionChoice::NewVersion { version };
    seeder.run(
        coordinator,
        Command::Quality(QualityCommand::ResolveReview { review, resolution, by: coordinator.into() }),
    )?;
    Ok(())
}
