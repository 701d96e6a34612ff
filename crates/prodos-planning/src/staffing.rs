//! Who can staff the work, over time. For each skill the node either declared a headcount
//! (`prodos resources skill`: people outside the participant registry, or a deliberate override),
//! which then holds for the whole plan, or the headcount is counted from participants: someone
//! counts for work asking `skill` at level ≥ k while a certification of that skill at level ≥ k is
//! valid (issued, not expired, not revoked) and on the working days they offer hours and are not
//! away. The planner turns the times someone does not count into reservations of one person.
//!
//! Time is working minutes from the plan start, as in the planning model. Absences and weekly
//! hours count by whole day: someone offering any minutes on a weekday counts on it.

use prodos_core::people::Participant;
use prodos_core::plan::{Capacity, Day, MAX_SKILL_LEVEL, WorkCalendar};
use prodos_core::{State, Timestamp};
use std::collections::{BTreeMap, BTreeSet};

/// Half-open working-minute intervals, sorted and disjoint.
type Intervals = Vec<(i64, i64)>;

pub struct Staffing<'a> {
    capacity: &'a Capacity,
    start: Timestamp,
    /// Skills with a declared headcount at some level: those ignore participants.
    declared: BTreeSet<&'a str>,
    people: Vec<Person<'a>>,
    /// The span over which availability is known; past it everyone counted is assumed present.
    window_min: i64,
}

struct Person<'a> {
    participant: &'a Participant,
    /// When the participant works: working days with offered hours, not away.
    present: Intervals,
}

/// One participant counted for a skill at a level threshold.
pub struct Counted<'a> {
    pub handle: &'a str,
    /// When they do not count (before the certification, after it lapses, days off).
    pub away: Intervals,
}

impl<'a> Staffing<'a> {
    pub fn new(state: &'a State, start: Timestamp, window_min: i64) -> Staffing<'a> {
        let capacity = &state.capacity;
        let declared = capacity.skills().filter(|(_, counts)| counts.iter().any(|&c| c > 0)).map(|(s, _)| s).collect();
        let days = working_days(&capacity.calendar, start, window_min);
        let people = state
            .people
            .iter()
            .map(|participant| Person {
                participant,
                present: merge(
                    days.iter()
                        .filter(|(day, _)| participant.available_min_on(*day) > 0)
                        .map(|&(_, span)| span)
                        .collect(),
                ),
            })
            .collect();
        Staffing { capacity, start, declared, people, window_min }
    }

    /// `handle` is busy until `until_min` (a task of the replanned mandate still running): they
    /// count for nothing before it.
    pub fn occupy(&mut self, handle: &str, until_min: i64) {
        for person in self.people.iter_mut().filter(|person| person.participant.handle == handle) {
            person.present = intersect(&person.present, &[(until_min, i64::MAX)]);
        }
    }

    pub fn is_declared(&self, skill: &str) -> bool {
        self.declared.contains(skill)
    }

    /// The participants who count for `skill` at `level` or above at some time in the window,
    /// with the times they do not (empty for a declared skill).
    pub fn counted(&self, skill: &str, level: u8) -> Vec<Counted<'a>> {
        if self.is_declared(skill) {
            return Vec::new();
        }
        let offset = |at: Timestamp| self.capacity.calendar.working_min_between(self.start, at);
        self.people
            .iter()
            .filter_map(|person| {
                let certified = merge(
                    person
                        .participant
                        .certifications
                        .iter()
                        .filter(|cert| cert.skill == skill && cert.level >= level && cert.revoked.is_none())
                        .map(|cert| (offset(cert.issued_at), cert.expires_at.map_or(self.window_min, offset)))
                        .collect(),
                );
                let counts = intersect(&certified, &person.present);
                (!counts.is_empty()).then(|| Counted {
                    handle: person.participant.handle.as_str(),
                    away: complement(&counts, self.window_min),
                })
            })
            .collect()
    }

    /// How many may staff work asking `skill` at `min_level`: the declared headcount, or the
    /// participants who count at some time in the window.
    pub fn qualified(&self, skill: &str, min_level: u8) -> u32 {
        if self.is_declared(skill) {
            self.capacity.qualified(skill, min_level)
        } else {
            self.counted(skill, min_level).len() as u32
        }
    }

    /// Working minutes the people who may staff `skill` at `min_level` can give in the first
    /// `until_min` working minutes: declared heads the whole time, participants when they count.
    pub fn available_min(&self, skill: &str, min_level: u8, until_min: i64) -> i64 {
        if self.is_declared(skill) {
            return i64::from(self.capacity.qualified(skill, min_level)) * until_min;
        }
        let away_before =
            |away: &[(i64, i64)]| -> i64 { away.iter().map(|&(from, to)| (to.min(until_min) - from).max(0)).sum() };
        // Past the window the availability is unknown; it is not counted.
        let known = until_min.min(self.window_min);
        self.counted(skill, min_level).iter().map(|c| (known - away_before(&c.away)).max(0)).sum()
    }

    /// The working minutes from the plan start over which availability is known.
    pub fn window_min(&self) -> i64 {
        self.window_min
    }

    /// Where the headcount of `skill` comes from, for the verdict: declared, or which participants
    /// at which level (and, for each, what limits them within the plan's window).
    pub fn source_note(&self, skill: &str) -> String {
        if self.is_declared(skill) {
            let counts: Vec<String> = (1..=MAX_SKILL_LEVEL)
                .filter(|&level| self.capacity.headcount(skill, level) > 0)
                .map(|level| format!("{} at level {level}", self.capacity.headcount(skill, level)))
                .collect();
            return format!(
                "skill `{skill}`: declared headcount ({}), used instead of participants",
                counts.join(", ")
            );
        }
        // Each participant at the highest level they count for.
        let mut levels: BTreeMap<&str, u8> = BTreeMap::new();
        for level in 1..=MAX_SKILL_LEVEL {
            for counted in self.counted(skill, level) {
                levels.insert(counted.handle, level);
            }
        }
        if levels.is_empty() {
            return format!("skill `{skill}`: no participant holds a valid certification and offers working hours");
        }
        let window_end = self.capacity.calendar.after_working_min(self.start, self.window_min);
        let listed: Vec<String> = levels
            .iter()
            .filter_map(|(handle, level)| {
                let person = self.people.iter().find(|p| p.participant.handle == *handle)?;
                Some(format!("{handle} ({level}{})", limits(person.participant, skill, *level, self.start, window_end)))
            })
            .collect();
        format!("skill `{skill}`: certified participants {}", listed.join(", "))
    }
}

/// What limits a participant's time for `skill` at `level` between `start` and `end`: a
/// certification that lapses, absences.
fn limits(participant: &Participant, skill: &str, level: u8, start: Timestamp, end: Timestamp) -> String {
    let mut out = String::new();
    let valid =
        participant.certifications.iter().filter(|c| c.skill == skill && c.level >= level && c.revoked.is_none());
    // Any certification without expiry means it never lapses.
    let expiries: Option<Vec<Timestamp>> = valid.map(|c| c.expires_at).collect();
    let lapses = expiries.and_then(|e| e.into_iter().max()).filter(|&expires| expires < end);
    if let Some(expires) = lapses {
        out.push_str(&format!(", certified until {}", Day::of(expires).plus(-1)));
    }
    for absence in participant.absences.iter().filter(|a| a.to >= Day::of(start) && a.from.start() < end) {
        out.push_str(&format!(", away {}–{}", absence.from, absence.to));
    }
    out
}

/// Every working day from `start` until `window_min` working minutes have passed, with its span
/// in working minutes from `start`.
fn working_days(calendar: &WorkCalendar, start: Timestamp, window_min: i64) -> Vec<(Day, (i64, i64))> {
    let mut days = Vec::new();
    let mut day = Day::of(start);
    let mut offset = 0;
    // A calendar has at least one working weekday, so the offset grows every week.
    while offset < window_min {
        let from = if Day::of(start) == day { start } else { day.start() };
        let minutes = calendar.working_min_between(from, day.plus(1).start());
        if minutes > 0 {
            days.push((day, (offset, offset + minutes)));
        }
        offset += minutes;
        day = day.plus(1);
    }
    days
}

fn merge(mut spans: Intervals) -> Intervals {
    spans.retain(|(from, to)| to > from);
    spans.sort_unstable();
    let mut out: Intervals = Vec::with_capacity(spans.len());
    for (from, to) in spans {
        match out.last_mut() {
            Some(last) if from <= last.1 => last.1 = last.1.max(to),
            _ => out.push((from, to)),
        }
    }
    out
}

fn intersect(a: &[(i64, i64)], b: &[(i64, i64)]) -> Intervals {
    let (mut i, mut j) = (0, 0);
    let mut out = Vec::new();
    while i < a.len() && j < b.len() {
        let (from, to) = (a[i].0.max(b[j].0), a[i].1.min(b[j].1));
        if from < to {
            out.push((from, to));
        }
        if a[i].1 < b[j].1 { i += 1 } else { j += 1 }
    }
    out
}

/// `[0, window)` minus `spans`.
fn complement(spans: &[(i64, i64)], window: i64) -> Intervals {
    let mut out = Vec::new();
    let mut at = 0;
    for &(from, to) in spans {
        if from > at {
            out.push((at, from.min(window)));
        }
        at = at.max(to);
    }
    if at < window {
        out.push((at, window));
    }
    out.retain(|(from, to)| to > from);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn interval_algebra() {
        assert_eq!(merge(vec![(5, 7), (0, 2), (2, 3), (6, 9)]), vec![(0, 3), (5, 9)]);
        assert_eq!(intersect(&[(0, 10)], &[(2, 4), (6, 12)]), vec![(2, 4), (6, 10)]);
        assert_eq!(complement(&[(2, 4), (6, 12)], 10), vec![(0, 2), (4, 6)]);
        assert_eq!(complement(&[], 5), vec![(0, 5)]);
    }
}
