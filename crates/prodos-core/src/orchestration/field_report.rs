//! Filing a field report: the serial must be a good that was distributed, the part or module one
//! of its design version, the day neither before the release nor after today, a repair time
//! positive and only with a failure. A repeated failure of one design version flags it for
//! design review with the reports as evidence.

use crate::event::Event;
use crate::people::qualification::require_participant;
use crate::quality::field::FAILURES_FOR_REVIEW;
use crate::quality::{FieldKind, FieldReport, QualityCommand, QualityEvent, ReviewFlag, ReviewReason};
use crate::rejection::Rejection;
use crate::state::State;
use crate::time::Timestamp;

pub fn file(state: &State, command: &QualityCommand, now: Timestamp) -> Result<Vec<Event>, Rejection> {
    let QualityCommand::FileFieldReport { serial, kind, item, on, photo, note, by, repair_min } = command else {
        return Ok(Vec::new());
    };
    let invalid = |field: &str, message: String| Rejection::InvalidField { field: field.into(), message };
    let good =
        state.distribution.find_good(serial.trim()).ok_or_else(|| Rejection::UnknownGood { good: serial.clone() })?;
    let release = state.distribution.release_of(good.id).ok_or_else(|| {
        invalid("serial", format!("{} was never distributed: field reports follow a release", good.serial))
    })?;
    require_participant(&state.people, "by", by)?;
    let spec = &state
        .designs
        .version(good.design)
        .ok_or_else(|| invalid("serial", format!("{} is unknown", good.design)))?
        .spec;
    let item = item.as_deref().map(str::trim).filter(|item| !item.is_empty());
    if let Some(item) = item
        && spec.part(item).is_none()
        && spec.module(item).is_none()
    {
        return Err(invalid("item", format!("{} has no part or module `{item}`", good.design)));
    }
    let released = crate::calendar::Day::of(release.at);
    let today = crate::calendar::Day::of(now);
    if *on < released || *on > today {
        return Err(invalid("on", format!("{on} is not between the release on {released} and today, {today}")));
    }
    if note.trim().is_empty() {
        return Err(Rejection::FieldRequired { field: "note".into() });
    }
    if let Some(minutes) = *repair_min {
        if *kind != FieldKind::Failure {
            return Err(invalid("repair_min", "a repair time is reported with a failure, not an observation".into()));
        }
        if minutes <= 0 {
            return Err(invalid("repair_min", format!("repair time must be positive, got {minutes} min")));
        }
    }
    let report = FieldReport {
        id: state.quality.next_field_report(),
        good: good.id,
        serial: good.serial.clone(),
        design: good.design,
        kind: *kind,
        item: item.map(str::to_string),
        on: *on,
        photo: photo.as_deref().map(str::trim).filter(|photo| !photo.is_empty()).map(str::to_string),
        note: note.trim().to_string(),
        by: by.clone(),
        at: now,
        repair_min: *repair_min,
    };
    let mut events = vec![Event::Quality(QualityEvent::FieldReported { report: report.clone() })];
    if *kind == FieldKind::Failure && state.quality.open_field_review(good.design).is_none() {
        // Failures an earlier review already weighed are its evidence, not this one's.
        let reviewed: Vec<_> = state
            .quality
            .reviews()
            .iter()
            .filter(|review| review.flag.design == good.design)
            .filter_map(|review| match &review.flag.reason {
                ReviewReason::FieldFailures { reports } => Some(reports),
                _ => None,
            })
            .flatten()
            .collect();
        let mut failures: Vec<&FieldReport> = state
            .quality
            .field_reports()
            .iter()
            .filter(|earlier| earlier.design == good.design && earlier.kind == FieldKind::Failure)
            .filter(|earlier| !reviewed.contains(&&earlier.id))
            .collect();
        failures.push(&report);
        if failures.len() >= FAILURES_FOR_REVIEW {
            let evidence = failures
                .iter()
                .map(|failure| {
                    let item = failure.item.as_deref().map(|item| format!(" ({item})")).unwrap_or_default();
                    format!("{} {}{item} on {}: {}", failure.id, failure.serial, failure.on, failure.note)
                })
                .collect();
            let flag = ReviewFlag {
                id: state.quality.next_review(),
                design: good.design,
                reason: ReviewReason::FieldFailures { reports: failures.iter().map(|failure| failure.id).collect() },
                evidence,
                raised_at: now,
            };
            events.push(Event::Quality(QualityEvent::ReviewRaised { flag }));
        }
    }
    Ok(events)
}
