//! Independent schedule checker: verifies a schedule against the model from first principles.
//!
//! It deliberately shares no code with the generators (no resource profile, no CPM), so a bug in
//! them cannot hide itself here. Slow and simple on purpose: an event sweep over start/finish times
//! and reservation bounds.

use crate::model::{Project, ResourceKind, Schedule};

/// Everything wrong with a schedule, as data.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Violation {
    WrongLength {
        starts: usize,
        modes: usize,
        activities: usize,
    },
    InvalidMode {
        activity_idx: usize,
        mode_idx: usize,
    },
    NegativeStart {
        activity_idx: usize,
        start: i64,
    },
    BeforeRelease {
        activity_idx: usize,
        start: i64,
        release: i64,
    },
    Precedence {
        from: usize,
        to: usize,
        lag: i64,
        from_finish: i64,
        to_start: i64,
    },
    /// `capacity` is what reservations leave at `time`.
    RenewableCapacity {
        resource_idx: usize,
        time: i64,
        used: i64,
        capacity: i64,
    },
    NonrenewableCapacity {
        resource_idx: usize,
        used: i64,
        capacity: i64,
    },
}

/// Returns every violation found (empty means feasible).
pub fn check(project: &Project, schedule: &Schedule) -> Vec<Violation> {
    let n = project.activities().len();
    if schedule.starts.len() != n || schedule.modes.len() != n {
        return vec![Violation::WrongLength {
            starts: schedule.starts.len(),
            modes: schedule.modes.len(),
            activities: n,
        }];
    }
    let mut out = Vec::new();
    for (activity_idx, activity) in project.activities().iter().enumerate() {
        let mode_idx = schedule.modes[activity_idx];
        if mode_idx >= activity.modes.len() {
            out.push(Violation::InvalidMode { activity_idx, mode_idx });
        }
        let start = schedule.starts[activity_idx];
        if start < 0 {
            out.push(Violation::NegativeStart { activity_idx, start });
        }
        if start < activity.release {
            out.push(Violation::BeforeRelease { activity_idx, start, release: activity.release });
        }
    }
    if !out.is_empty() {
        return out;
    }
    let duration = |i: usize| project.activities()[i].modes[schedule.modes[i]].duration;
    let usage = |i: usize, r: usize| project.activities()[i].modes[schedule.modes[i]].usage[r];
    for p in project.precedences() {
        let from_finish = schedule.starts[p.from] + duration(p.from);
        let to_start = schedule.starts[p.to];
        if to_start < from_finish + p.lag {
            out.push(Violation::Precedence { from: p.from, to: p.to, lag: p.lag, from_finish, to_start });
        }
    }
    for (resource_idx, resource) in project.resources().iter().enumerate() {
        match resource.kind {
            ResourceKind::Nonrenewable => {
                let used: i64 = (0..n).map(|i| usage(i, resource_idx)).sum();
                if used > resource.capacity {
                    out.push(Violation::NonrenewableCapacity { resource_idx, used, capacity: resource.capacity });
                }
            }
            ResourceKind::Renewable => {
                // Usage and reservations are piecewise constant and only change at event times,
                // so checking the levels just after every event time covers every time point.
                // Events: (time, change of the activities' usage, change of the reserved amount).
                let mut events: Vec<(i64, i64, i64)> = Vec::new();
                for i in 0..n {
                    let u = usage(i, resource_idx);
                    if u > 0 && duration(i) > 0 {
                        events.push((schedule.starts[i], u, 0));
                        events.push((schedule.starts[i] + duration(i), -u, 0));
                    }
                }
                for r in project.reservations().iter().filter(|r| r.resource == resource_idx) {
                    events.push((r.start, 0, r.amount));
                    events.push((r.end, 0, -r.amount));
                }
                events.sort_unstable();
                let (mut used, mut reserved) = (0, 0);
                let mut idx = 0;
                while idx < events.len() {
                    let time = events[idx].0;
                    while idx < events.len() && events[idx].0 == time {
                        used += events[idx].1;
                        reserved += events[idx].2;
                        idx += 1;
                    }
                    // Reservations beyond the capacity leave nothing, never less.
                    let capacity = (resource.capacity - reserved).max(0);
                    if used > capacity {
                        out.push(Violation::RenewableCapacity { resource_idx, time, used, capacity });
                    }
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Activity, Mode, Precedence, Resource};

    fn project() -> Project {
        let a = |d| Activity { modes: vec![Mode { duration: d, usage: vec![1] }], release: 0 };
        Project::new(
            vec![Resource { kind: ResourceKind::Renewable, capacity: 1 }],
            vec![a(2), a(3), Activity { release: 4, ..a(1) }],
            vec![Precedence { from: 0, to: 1, lag: 1 }],
        )
        .unwrap()
    }

    #[test]
    fn accepts_feasible() {
        let s = Schedule { starts: vec![0, 3, 6], modes: vec![0, 0, 0] };
        assert_eq!(check(&project(), &s), vec![]);
    }

    #[test]
    fn finds_each_violation() {
        let s = Schedule { starts: vec![0, 2, 6], modes: vec![0, 0, 0] };
        let v = check(&project(), &s);
        assert!(v.contains(&Violation::Precedence { from: 0, to: 1, lag: 1, from_finish: 2, to_start: 2 }));
        let s = Schedule { starts: vec![0, 3, 3], modes: vec![0, 0, 0] };
        assert_eq!(check(&project(), &s), vec![Violation::BeforeRelease { activity_idx: 2, start: 3, release: 4 }]);
        let s = Schedule { starts: vec![0, 3, 4], modes: vec![0, 0, 0] };
        assert_eq!(
            check(&project(), &s),
            vec![Violation::RenewableCapacity { resource_idx: 0, time: 4, used: 2, capacity: 1 }]
        );
        let s = Schedule { starts: vec![0, 3, 6], modes: vec![0, 1, 0] };
        assert_eq!(check(&project(), &s), vec![Violation::InvalidMode { activity_idx: 1, mode_idx: 1 }]);
    }
}
