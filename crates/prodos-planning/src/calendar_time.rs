//! Unattended steps and lags on real calendar time. The search works in working time, where an
//! unattended step (a finish curing, glue setting) is stated at the calendar's average working
//! share: a good guide for ordering, wrong for dates — 24 h of curing started on Friday evening
//! is over by Monday morning and costs no working time at all, started on Monday morning it costs
//! a whole working day. So the order the search found is decoded once more with the real length
//! of every unattended step and lag for the instant it starts (serial generation over the same
//! capacity and reservations, and crews booked person by person as the search's were), and the
//! result is verified by the engine's independent checkers with the lengths it realised. If
//! anything does not add up, the search's schedule stands.

use crate::model::PlanningModel;
use crate::schedule::{TimedSchedule, timed};
use prodos_core::Timestamp;
use prodos_core::design::DesignSpec;
use prodos_core::plan::{Day, WorkCalendar};
use prodos_sched::checker::check;
use prodos_sched::workforce::{CrewBook, check_crews};
use prodos_sched::{Activity, Mode, Precedence, Project, Schedule};

const MS_PER_MIN: i64 = 60_000;

/// The working-time axis of a plan: grain offsets from `start` and real instants. Every day from
/// the start's is tabled once with the working minutes before it, so a conversion costs one
/// lookup and one day's arithmetic instead of a walk from the start.
struct Clock<'a> {
    calendar: &'a WorkCalendar,
    start: Timestamp,
    grain: i64,
    // Per day from `Day::of(start)`: (working minutes before it, working minutes in it).
    days: std::cell::RefCell<Vec<(i64, i64)>>,
}

impl Clock<'_> {
    fn first_day(&self) -> Day {
        Day::of(self.start)
    }

    /// The instant a day's work may begin from: its start, or the plan's start on the first day.
    fn day_from(&self, index: usize) -> Timestamp {
        if index == 0 { self.start } else { self.first_day().plus(index as i64).start() }
    }

    /// Tables days until `done` says the last one is far enough.
    fn table_until(&self, done: impl Fn(usize, (i64, i64)) -> bool) {
        let mut days = self.days.borrow_mut();
        loop {
            if let Some(&last) = days.last() {
                if done(days.len() - 1, last) {
                    return;
                }
            }
            let index = days.len();
            let before = days.last().map_or(0, |&(before, minutes)| before + minutes);
            let next = self.first_day().plus(index as i64 + 1).start();
            days.push((before, self.calendar.working_min_between(self.day_from(index), next)));
        }
    }

    /// The earliest instant at `offset` grains: a day's close rather than the next morning, so
    /// an unattended step after the last work of a day runs through the night.
    fn instant(&self, offset: i64) -> Timestamp {
        let minutes = offset * self.grain;
        if minutes <= 0 {
            return self.start;
        }
        // A calendar has working days every week, so the table reaches any offset.
        self.table_until(|_, (before, in_day)| before + in_day >= minutes);
        let days = self.days.borrow();
        let index = days.partition_point(|&(before, in_day)| before + in_day < minutes);
        self.calendar.after_working_min(self.day_from(index), minutes - days[index].0)
    }

    /// The offset of an instant in grains, rounded up (never earlier than real time).
    fn offset(&self, at: Timestamp) -> i64 {
        if at <= self.start {
            return 0;
        }
        let index = (Day::of(at).0 - self.first_day().0) as usize;
        self.table_until(|last, _| last >= index);
        let before = self.days.borrow()[index].0;
        let minutes = before + self.calendar.working_min_between(self.day_from(index), at);
        crate::ceil_div(minutes, self.grain)
    }

    /// Where `elapsed_min` real minutes begun at `offset` end.
    fn after_elapsed(&self, offset: i64, elapsed_min: i64) -> i64 {
        if elapsed_min <= 0 {
            return offset;
        }
        let end = Timestamp::from_millis(self.instant(offset).millis() + elapsed_min * MS_PER_MIN);
        self.offset(end).max(offset)
    }
}

/// What the decoding realised, for dating: the exact real interval of each unattended step.
pub struct OnCalendar {
    pub timed: TimedSchedule,
    /// Per activity: `Some((start, end))` for unattended steps.
    pub elapsed_intervals: Vec<Option<(Timestamp, Timestamp)>>,
}

/// Re-times `found` with unattended steps and lags on calendar time. `None` when the design has
/// neither (nothing changes) or the decoded schedule fails the check.
pub fn on_calendar_time(
    spec: &DesignSpec,
    model: &PlanningModel,
    found: &TimedSchedule,
    calendar: &WorkCalendar,
    start: Timestamp,
) -> Option<OnCalendar> {
    let clock = Clock { calendar, start, grain: model.grain_min, days: Default::default() };
    let project = &model.project;
    let n = project.n_activities();
    let elapsed: Vec<Option<i64>> = model
        .instances
        .iter()
        .map(|&(op, _)| (spec.operations[op].crew == 0).then_some(spec.operations[op].duration_min.max(0)))
        .collect();
    // Elapsed lag of each precedence, by the spec's link between the two operations.
    let lag_min = |from: usize, to: usize| -> i64 {
        let (from_op, to_op) = (model.instances[from].0, model.instances[to].0);
        let from_id = &spec.operations[from_op].id;
        spec.operations[to_op].after.iter().find(|link| &link.operation == from_id).map_or(0, |link| link.lag_min)
    };
    let has_lags = project.precedences().iter().any(|p| lag_min(p.from, p.to) > 0);
    if elapsed.iter().all(Option::is_none) && !has_lags {
        return None;
    }
    let duration = |j: usize, at: i64| match elapsed[j] {
        Some(minutes) => clock.after_elapsed(at, minutes) - at,
        None => project.activities()[j].modes[0].duration,
    };

    // The search's order: by start, ties in topological order so zero-length chains stay valid.
    let mut topo_pos = vec![0; n];
    for (pos, &j) in project.topological_order().iter().enumerate() {
        topo_pos[j] = pos;
    }
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by_key(|&j| (found.schedule.starts[j], topo_pos[j]));

    let mut left = Profile::new(project);
    let mut book = model.workforce.as_ref().map(CrewBook::new);
    let mut crews = vec![Vec::new(); n];
    let mut starts = vec![0i64; n];
    let mut finish = vec![0i64; n];
    for &j in &order {
        let usage = &project.activities()[j].modes[0].usage;
        let mut at = project.activities()[j].release;
        for &(p, _) in project.predecessors(j) {
            at = at.max(clock.after_elapsed(finish[p], lag_min(p, j)));
        }
        // A conflict at grain τ rules out every start up to τ (lengths never shrink with a later
        // start), so the search jumps past it; so does a crew that is not free until later.
        loop {
            while let Some(conflict) = left.last_conflict(usage, at, duration(j, at)) {
                at = conflict + 1;
            }
            match book.as_mut().map(|book| book.book(j, at, duration(j, at))) {
                None => break,
                Some(Ok(crew)) => {
                    crews[j] = crew;
                    break;
                }
                Some(Err(retry)) => at = retry,
            }
        }
        let length = duration(j, at);
        left.take(usage, at, length);
        starts[j] = at;
        finish[j] = at + length;
    }

    // The lengths realised become a fixed project, which the independent checker verifies.
    let activities: Vec<Activity> = (0..n)
        .map(|j| {
            let mode = &project.activities()[j].modes[0];
            Activity {
                modes: vec![Mode { duration: finish[j] - starts[j], usage: mode.usage.clone() }],
                release: project.activities()[j].release,
            }
        })
        .collect();
    let precedences: Vec<Precedence> = project
        .precedences()
        .iter()
        .map(|p| Precedence {
            from: p.from,
            to: p.to,
            lag: clock.after_elapsed(finish[p.from], lag_min(p.from, p.to)) - finish[p.from],
        })
        .collect();
    let realised = Project::new(project.resources().to_vec(), activities, precedences)
        .and_then(|p| p.with_reservations(project.reservations().to_vec()))
        .ok()?;
    let schedule = Schedule { starts, modes: vec![0; n] };
    if !check(&realised, &schedule).is_empty() {
        return None;
    }
    if let Some(workforce) = &model.workforce
        && !check_crews(&realised, workforce, &schedule.starts, &crews).is_empty()
    {
        return None;
    }
    let bound = calendar_bound(project, &clock, &duration, &lag_min);
    let elapsed_intervals = (0..n)
        .map(|j| {
            elapsed[j].map(|minutes| {
                let begins = clock.instant(schedule.starts[j]);
                (begins, Timestamp::from_millis(begins.millis() + minutes * MS_PER_MIN))
            })
        })
        .collect();
    let timed = timed(&realised, model.grain_min, schedule, crews, bound, found.schedules_generated);
    Some(OnCalendar { timed, elapsed_intervals })
}

/// The critical-path bound on calendar time (resources ignored): every length only grows with a
/// later start, so earliest starts give earliest finishes.
fn calendar_bound(
    project: &Project,
    clock: &Clock,
    duration: &dyn Fn(usize, i64) -> i64,
    lag_min: &dyn Fn(usize, usize) -> i64,
) -> i64 {
    let mut finish = vec![0i64; project.n_activities()];
    for &j in project.topological_order() {
        let mut at = project.activities()[j].release;
        for &(p, _) in project.predecessors(j) {
            at = at.max(clock.after_elapsed(finish[p], lag_min(p, j)));
        }
        finish[j] = at + duration(j, at);
    }
    finish.into_iter().max().unwrap_or(0)
}

/// Capacity left per grain and resource: the capacity minus reservations minus what is placed.
struct Profile {
    capacity: Vec<i64>,
    // Row-major by grain; rows past the end hold the whole capacity until touched.
    left: Vec<i64>,
}

impl Profile {
    fn new(project: &Project) -> Profile {
        let capacity: Vec<i64> = project.resources().iter().map(|r| r.capacity).collect();
        let width = capacity.len();
        let rows = project.reservations_end() as usize;
        let mut reserved = vec![0i64; rows * width];
        for r in project.reservations() {
            for t in r.start as usize..r.end as usize {
                reserved[t * width + r.resource] += r.amount;
            }
        }
        let left = reserved.iter().enumerate().map(|(idx, used)| (capacity[idx % width] - used).max(0)).collect();
        Profile { capacity, left }
    }

    fn row(&mut self, t: i64) -> &mut [i64] {
        let width = self.capacity.len();
        let t = t as usize;
        while self.left.len() < (t + 1) * width {
            self.left.extend_from_slice(&self.capacity);
        }
        &mut self.left[t * width..(t + 1) * width]
    }

    /// The last grain in `at..at + length` where `usage` does not fit, if any.
    fn last_conflict(&mut self, usage: &[i64], at: i64, length: i64) -> Option<i64> {
        (at..at + length).rev().find(|&t| self.row(t).iter().zip(usage).any(|(&left, &u)| left < u))
    }

    fn take(&mut self, usage: &[i64], at: i64, length: i64) {
        for t in at..at + length {
            for (left, &u) in self.row(t).iter_mut().zip(usage) {
                *left -= u;
            }
        }
    }
}
