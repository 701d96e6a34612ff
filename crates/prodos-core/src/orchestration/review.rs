//! Design review across areas: a signal raised by an inspection flags the design version the unit
//! was built to (once per version and check while the flag is open); a certifier answers it with
//! a later version that changes the design, or with a corrective action on the process that
//! closes only when the series went the stated samples without the signal recurring.

use crate::event::Event;
use crate::ids::{DesignRef, ReviewId};
use crate::people::qualification::require_participant;
use crate::quality::QualityEvent;
use crate::quality::yields::first_pass;
use crate::quality::{Capa, Inspection, Resolution, ResolutionChoice, ReviewFlag, ReviewReason, SignalRecord};
use crate::rejection::Rejection;
use crate::state::State;
use crate::time::Timestamp;

/// The review a new signal raises, unless the version already has an open one for that check.
pub fn raised_by(state: &State, design: DesignRef, signal: &SignalRecord, next: ReviewId) -> Option<QualityEvent> {
    if state.quality.open_review(design, &signal.series).is_some() {
        return None;
    }
    let mut evidence = vec![format!(
        "{} {} on the {} chart of `{}`: {}",
        signal.id,
        signal.rule,
        signal.chart,
        signal.series.check,
        signal.samples.iter().map(ToString::to_string).collect::<Vec<_>>().join(" ")
    )];
    if !signal.shared.crew.is_empty() {
        evidence.push(format!("all built by {}", signal.shared.crew.join(", ")));
    }
    if !signal.shared.tools.is_empty() {
        evidence.push(format!("all on {}", signal.shared.tools.join(", ")));
    }
    if !signal.shared.lots.is_empty() {
        let lots: Vec<String> = signal.shared.lots.iter().map(ToString::to_string).collect();
        evidence.push(format!("all from {}", lots.join(", ")));
    }
    let reason = ReviewReason::Signal { signal: signal.id, series: signal.series.clone(), rule: signal.rule.clone() };
    Some(QualityEvent::ReviewRaised { flag: ReviewFlag { id: next, design, reason, evidence, raised_at: signal.at } })
}

/// The review a new inspection raises when the version's first-pass yield over the design's
/// window (of tasks first inspected since its last yield review) falls below its minimum.
pub fn raised_by_yield(state: &State, inspection: &Inspection, next: ReviewId) -> Option<QualityEvent> {
    let targets = &state.designs.version(inspection.design)?.spec.quality;
    let threshold = targets.min_first_pass_yield?;
    let last = state.quality.last_yield_review(inspection.design);
    if last.is_some_and(|review| review.is_open()) {
        return None;
    }
    let recorded = state.quality.inspections().iter().chain(std::iter::once(inspection));
    let tasks = first_pass(recorded, inspection.design, last.map(|review| review.flag.raised_at));
    let window = targets.window();
    if tasks.len() < window {
        return None;
    }
    let recent = &tasks[tasks.len() - window..];
    let passed = recent.iter().filter(|task| task.passed).count();
    if passed as f64 >= threshold * window as f64 {
        return None;
    }
    let mut evidence = vec![format!(
        "first pass {passed} of the last {window} inspected tasks ({:.0} %), below the design's {:.0} %",
        100.0 * passed as f64 / window as f64,
        100.0 * threshold
    )];
    evidence.extend(recent.iter().filter_map(|task| {
        task.failed_by.map(|inspection| format!("{} failed its first inspection ({inspection})", task.task))
    }));
    let reason = ReviewReason::LowYield { first_pass: passed as u32, inspected: window as u32, threshold };
    let flag = ReviewFlag { id: next, design: inspection.design, reason, evidence, raised_at: inspection.at };
    Some(QualityEvent::ReviewRaised { flag })
}

pub fn resolve(
    state: &State,
    review: ReviewId,
    choice: &ResolutionChoice,
    by: &str,
    now: Timestamp,
) -> Result<Vec<Event>, Rejection> {
    let record = state.quality.review(review).ok_or(Rejection::UnknownReview { review })?;
    if !record.is_open() {
        return Err(Rejection::ReviewClosed { review, status: record.status() });
    }
    let flagged = record.flag.design;
    let resolution = match choice {
        ResolutionChoice::NewVersion { version } => {
            let design = state.designs.get(flagged.design).ok_or(Rejection::UnknownDesign {
                design: crate::ids::DesignSelector { design: flagged.design, version: None },
            })?;
            let invalid = |message: String| Rejection::InvalidField { field: "version".into(), message };
            if *version <= flagged.version {
                return Err(invalid(format!(
                    "{review} flags {flagged}: it is answered by a later version, not v{version}"
                )));
            }
            let answer =
                design.version(*version).ok_or_else(|| invalid(format!("{} has no v{version}", flagged.design)))?;
            let before = design.version(flagged.version).ok_or_else(|| invalid(format!("{flagged} is unknown")))?;
            if answer.spec.operations == before.spec.operations && answer.spec.parts == before.spec.parts {
                return Err(invalid(format!(
                    "v{version} changes no check, operation or part of {flagged}, so it cannot answer {review}"
                )));
            }
            Resolution::NewVersion { version: *version }
        }
        ResolutionChoice::Capa { owner, due, action, samples } => {
            require_participant(&state.people, "owner", owner)?;
            let today = crate::calendar::Day::of(now);
            if *due < today {
                return Err(Rejection::DueDateInPast { due: *due, today });
            }
            if action.trim().is_empty() {
                return Err(Rejection::FieldRequired { field: "action".into() });
            }
            if !(1..=1000).contains(samples) {
                return Err(Rejection::InvalidField {
                    field: "samples".into(),
                    message: format!("the effectiveness check takes 1 to 1000 samples, got {samples}"),
                });
            }
            Resolution::Capa(Capa {
                owner: owner.clone(),
                due: *due,
                action: action.trim().to_string(),
                samples: *samples,
                from_sample: progress(state, &record.flag.reason, flagged),
            })
        }
    };
    let event = QualityEvent::ReviewResolved { review, resolution, by: by.to_string(), at: now };
    Ok(vec![Event::Quality(event)])
}

/// A CAPA closes once its series has the stated samples after the decision and no signal of the
/// series was raised since.
pub fn close_capa(state: &State, review: ReviewId, by: &str, now: Timestamp) -> Result<Vec<Event>, Rejection> {
    let record = state.quality.review(review).ok_or(Rejection::UnknownReview { review })?;
    let outstanding =
        |message: String| Rejection::QualityOutstanding { task: review.to_string(), action: "closed", message };
    let Some((Resolution::Capa(capa), _, decided_at)) = &record.resolution else {
        return Err(outstanding(format!("it is {}, not a corrective action", record.status())));
    };
    if record.closed.is_some() {
        return Err(Rejection::ReviewClosed { review, status: record.status() });
    }
    let since = progress(state, &record.flag.reason, record.flag.design).saturating_sub(capa.from_sample);
    if since < capa.samples as usize {
        let what = match &record.flag.reason {
            ReviewReason::Signal { series, .. } => format!("samples of `{}`", series.check),
            ReviewReason::FieldFailures { .. } => format!("goods of {} distributed", record.flag.design.design),
            ReviewReason::LowYield { .. } => format!("tasks of {} inspected", record.flag.design),
        };
        return Err(outstanding(format!(
            "the effectiveness check needs {} {what} since the action, {since} so far",
            capa.samples
        )));
    }
    if let Some(recurred) = recurrence(state, &record.flag.reason, record.flag.design, *decided_at) {
        return Err(outstanding(format!("{recurred} recurred after the action")));
    }
    Ok(vec![Event::Quality(QualityEvent::CapaClosed { review, by: by.to_string(), at: now })])
}

/// How far the effectiveness check has come: the flagged series' samples, for field failures
/// the goods of the design distributed, for yield the version's inspected tasks.
pub fn progress(state: &State, reason: &ReviewReason, design: DesignRef) -> usize {
    match reason {
        ReviewReason::LowYield { .. } => first_pass(state.quality.inspections().iter(), design, None).len(),
        ReviewReason::Signal { series, .. } => state.quality.series(series).count(),
        ReviewReason::FieldFailures { .. } => state
            .distribution
            .releases()
            .iter()
            .filter(|release| {
                state.distribution.good(release.good).is_some_and(|good| good.design.design == design.design)
            })
            .count(),
    }
}

/// What came back after a corrective action: a signal on the series, a field failure, or the
/// yield falling short again.
fn recurrence(state: &State, reason: &ReviewReason, design: DesignRef, since: Timestamp) -> Option<String> {
    match reason {
        ReviewReason::LowYield { .. } => state
            .quality
            .last_yield_review(design)
            .filter(|review| review.flag.raised_at > since)
            .map(|review| format!("{} (yield below the minimum again)", review.flag.id)),
        ReviewReason::Signal { series, .. } => state
            .quality
            .signals()
            .iter()
            .find(|signal| signal.series == *series && signal.at > since)
            .map(|signal| format!("{} ({})", signal.id, signal.rule)),
        ReviewReason::FieldFailures { .. } => state
            .quality
            .field_reports()
            .iter()
            .find(|report| {
                report.design.design == design.design
                    && report.kind == crate::quality::FieldKind::Failure
                    && report.at > since
            })
            .map(|report| format!("{} (a failure of {})", report.id, report.serial)),
    }
}
