//! Who may take an instance: the qualification gate (a usable certification at the level), then
//! availability (not away, enough offered minutes each day) and no double booking. The running
//! book of what each person already holds lives here too, so the solver and the tests share one
//! definition of "available".

use crate::model::{Instance, Person};
use std::collections::HashMap;

/// Monday = 0 … Sunday = 6 for a day counted from 1970-01-01 (a Thursday).
pub fn weekday(day: i64) -> usize {
    (day + 3).rem_euclid(7) as usize
}

/// Why a person cannot take an instance.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ineligible {
    NotQualified,
    Excluded,
    Away,
    Busy,
}

/// The highest level at which `person` holds `skill` for work ending at `end`.
pub fn level_for(person: &Person, skill: &str, end: i64) -> Option<u8> {
    person
        .certs
        .iter()
        .filter(|cert| cert.skill == skill && cert.expires_at.is_none_or(|expires| end < expires))
        .map(|cert| cert.level)
        .max()
}

/// What one person holds so far: existing commitments plus what the solver gave them.
#[derive(Debug, Clone, Default)]
pub struct Ledger {
    intervals: Vec<(i64, i64)>,
    day_load: HashMap<i64, u32>,
    pub load_minutes: u64,
}

impl Ledger {
    pub fn of(person: &Person) -> Ledger {
        let mut ledger = Ledger::default();
        for busy in &person.busy {
            ledger.hold(busy.start, busy.end, &busy.day_minutes);
        }
        ledger
    }
    pub fn hold(&mut self, start: i64, end: i64, day_minutes: &[(i64, u32)]) {
        if start < end {
            self.intervals.push((start, end));
        }
        for (day, minutes) in day_minutes {
            *self.day_load.entry(*day).or_default() += minutes;
            self.load_minutes += u64::from(*minutes);
        }
    }
    pub fn overlaps(&self, start: i64, end: i64) -> bool {
        start < end && self.intervals.iter().any(|(from, to)| *from < end && start < *to)
    }
    pub fn day_load(&self, day: i64) -> u32 {
        self.day_load.get(&day).copied().unwrap_or(0)
    }
}

fn is_absent(person: &Person, day: i64) -> bool {
    person.absences.iter().any(|(from, to)| *from <= day && day <= *to)
}

/// Whether `person` (holding `ledger`) may take `instance`, and at which level.
pub fn check(person: &Person, ledger: &Ledger, instance: &Instance, index: usize) -> Result<u8, Ineligible> {
    let level = level_for(person, &instance.skill, instance.end)
        .filter(|level| *level >= instance.level)
        .ok_or(Ineligible::NotQualified)?;
    if instance.excluded.contains(&index) || instance.fixed.contains(&index) {
        return Err(Ineligible::Excluded);
    }
    for (day, minutes) in &instance.day_minutes {
        let offered = if is_absent(person, *day) { 0 } else { person.weekly_minutes[weekday(*day)] };
        if is_absent(person, *day) || offered < *minutes {
            return Err(Ineligible::Away);
        }
        if ledger.day_load(*day) + minutes > offered {
            return Err(Ineligible::Busy);
        }
    }
    if ledger.overlaps(instance.start, instance.end) {
        return Err(Ineligible::Busy);
    }
    Ok(level)
}
