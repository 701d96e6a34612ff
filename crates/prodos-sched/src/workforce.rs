//! People as individuals (the multi-skill RCPSP): an activity asks for a crew of `count` distinct
//! people of one qualification class; a person may hold several classes but is in one place at a
//! time, and is unavailable to a class over intervals of their own (days off, before a
//! certificate, after it lapses). Pools per class, as a plain RCPSP counts them, let one person
//! serve two classes at once; here the schedule comes with the crews that make it true.
//!
//! [`staff`] is a serial SGS over the project's own resources (tools, pools, reservations) with a
//! gate that names a crew before an activity may start; [`check_crews`] is the independent check
//! of the answer and shares no code with it.

use crate::error::SchedError;
use crate::model::Project;
use crate::sgs::Generator;

/// Half-open time intervals `[from, to)`.
pub type Intervals = Vec<(i64, i64)>;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Worker {
    pub name: String,
    /// Per class: `None` when the worker never holds it, else when they cannot serve it.
    pub classes: Vec<Option<Intervals>>,
}

impl Worker {
    fn holds(&self, class: usize) -> Option<&Intervals> {
        self.classes.get(class).and_then(Option::as_ref)
    }
}

/// The crew an activity needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CrewDemand {
    pub class: usize,
    pub count: u32,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Workforce {
    pub people: Vec<Worker>,
    /// Per activity of the project: its crew, or `None` for work nobody staffs.
    pub demand: Vec<Option<CrewDemand>>,
}

/// A schedule with its crews: `crews[j]` are indices into `Workforce::people`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Staffed {
    pub starts: Vec<i64>,
    pub makespan: i64,
    pub crews: Vec<Vec<usize>>,
}

/// Schedules `order` (precedence-feasible) with a serial SGS in which an activity starts only
/// once a whole crew of distinct, qualified, available people is free for its duration
/// ([`CrewBook`]). Fails when an activity asks for more people than hold its class.
pub fn staff(project: &Project, workforce: &Workforce, order: &[usize]) -> Result<Staffed, SchedError> {
    let n = project.n_activities();
    if project.is_multi_mode() {
        return Err(SchedError::Workforce("crews are named for single-mode projects only".into()));
    }
    if workforce.demand.len() != n {
        return Err(SchedError::Workforce(format!("{} crew demands for {n} activities", workforce.demand.len())));
    }
    for (activity_idx, demand) in workforce.demand.iter().enumerate() {
        let Some(demand) = demand else { continue };
        let qualified = workforce.people.iter().filter(|worker| worker.holds(demand.class).is_some()).count();
        if (qualified as u64) < u64::from(demand.count) {
            return Err(SchedError::Unstaffable { activity_idx, class: demand.class, needed: demand.count, qualified });
        }
    }
    let mut generator = Generator::with_room(project, workforce.away_end());
    let mut book = CrewBook::new(workforce);
    let mut crews: Vec<Vec<usize>> = vec![Vec::new(); n];
    let mut gate = |j: usize, t: i64, duration: i64| match book.book(j, t, duration) {
        Ok(crew) => {
            crews[j] = crew;
            None
        }
        Err(retry) => Some(retry),
    };
    let mut starts = vec![0; n];
    let makespan = generator.serial_forward_gated(order, &mut starts, &mut gate);
    Ok(Staffed { starts, makespan, crews })
}

impl Workforce {
    /// The end of the last interval anybody is away: after it, every holder is free again.
    pub fn away_end(&self) -> i64 {
        self.people.iter().flat_map(|w| w.classes.iter().flatten().flatten()).map(|&(_, to)| to).max().unwrap_or(0)
    }
}

/// Who is taken when, as a serial generator books crews one activity after another.
pub struct CrewBook<'w> {
    workforce: &'w Workforce,
    versatility: Vec<usize>,
    busy: Vec<Intervals>,
}

impl<'w> CrewBook<'w> {
    pub fn new(workforce: &'w Workforce) -> Self {
        let versatility = workforce.people.iter().map(|w| w.classes.iter().flatten().count()).collect();
        CrewBook { workforce, versatility, busy: vec![Vec::new(); workforce.people.len()] }
    }

    /// Books activity `j`'s crew over `[start, start + duration)`: the people taken (none for
    /// work nobody staffs), or the earliest later time at which a holder of its class frees up.
    /// Among the free, the least versatile go first, so people who hold many classes stay free
    /// for work only they can do.
    pub fn book(&mut self, j: usize, start: i64, duration: i64) -> Result<Vec<usize>, i64> {
        let Some(demand) = self.workforce.demand[j].filter(|demand| demand.count > 0 && duration > 0) else {
            return Ok(Vec::new());
        };
        let (end, mut free, mut retry) = (start + duration, Vec::new(), i64::MAX);
        for (person, worker) in self.workforce.people.iter().enumerate() {
            let Some(away) = worker.holds(demand.class) else { continue };
            match blocked_until(away, &self.busy[person], start, end) {
                None => free.push(person),
                Some(until) => retry = retry.min(until),
            }
        }
        if free.len() < demand.count as usize {
            return Err(retry);
        }
        free.sort_by_key(|&person| (self.versatility[person], self.busy[person].len(), person));
        free.truncate(demand.count as usize);
        for &person in &free {
            self.busy[person].push((start, end));
        }
        Ok(free)
    }
}

/// The latest end among the intervals that overlap `[from, to)`, if any does.
fn blocked_until(away: &Intervals, busy: &Intervals, from: i64, to: i64) -> Option<i64> {
    away.iter().chain(busy).filter(|&&(a, b)| a < to && from < b).map(|&(_, b)| b).max()
}

/// What is wrong with `crews` for the schedule `starts`: a crew of the wrong size, a person
/// named twice, unqualified, away, or in two activities at once. Empty when the crews hold.
pub fn check_crews(project: &Project, workforce: &Workforce, starts: &[i64], crews: &[Vec<usize>]) -> Vec<String> {
    let mut problems = Vec::new();
    let duration = |j: usize| project.activities()[j].modes[0].duration;
    let mut held: Vec<Vec<(i64, i64, usize)>> = vec![Vec::new(); workforce.people.len()];
    for (j, demand) in workforce.demand.iter().enumerate() {
        let crew = crews.get(j).map_or(&[][..], Vec::as_slice);
        let (start, end) = (starts[j], starts[j] + duration(j));
        let wanted = demand.filter(|_| end > start).map_or(0, |demand| demand.count as usize);
        if crew.len() != wanted {
            problems.push(format!("activity {j}: crew of {} where {wanted} are needed", crew.len()));
        }
        for (position, &person) in crew.iter().enumerate() {
            let Some(worker) = workforce.people.get(person) else {
                problems.push(format!("activity {j}: unknown person {person}"));
                continue;
            };
            if crew[..position].contains(&person) {
                problems.push(format!("activity {j}: {} named twice", worker.name));
            }
            let class = demand.map_or(usize::MAX, |demand| demand.class);
            match worker.classes.get(class).and_then(Option::as_ref) {
                None => problems.push(format!("activity {j}: {} does not hold class {class}", worker.name)),
                Some(away) => {
                    if let Some(&(from, to)) = away.iter().find(|&&(from, to)| from < end && start < to) {
                        problems.push(format!("activity {j}: {} is away over [{from}, {to})", worker.name));
                    }
                }
            }
            held[person].push((start, end, j));
        }
    }
    for (person, mut spans) in held.into_iter().enumerate() {
        spans.sort_unstable();
        for pair in spans.windows(2) {
            let ((_, first_end, first), (second_start, _, second)) = (pair[0], pair[1]);
            if second_start < first_end {
                let name = &workforce.people[person].name;
                problems.push(format!("{name} is in activities {first} and {second} at once"));
            }
        }
    }
    problems
}

/// A precedence-feasible order of `project`'s activities by non-decreasing `starts`: how a
/// schedule found without people is replayed with them.
pub fn order_by_start(project: &Project, starts: &[i64]) -> Vec<usize> {
    use std::cmp::Reverse;
    use std::collections::BinaryHeap;
    let n = project.n_activities();
    let mut waiting: Vec<usize> = (0..n).map(|j| project.predecessors(j).len()).collect();
    let mut ready: BinaryHeap<Reverse<(i64, usize)>> =
        (0..n).filter(|&j| waiting[j] == 0).map(|j| Reverse((starts[j], j))).collect();
    let mut order = Vec::with_capacity(n);
    while let Some(Reverse((_, j))) = ready.pop() {
        order.push(j);
        for &(successor, _) in project.successors(j) {
            waiting[successor] -= 1;
            if waiting[successor] == 0 {
                ready.push(Reverse((starts[successor], successor)));
            }
        }
    }
    order
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Activity, Mode, Precedence, Resource, ResourceKind};

    /// Independent activities of duration 2, with no resources but people.
    fn parallel(n: usize) -> Project {
        let activity = Activity { modes: vec![Mode { duration: 2, usage: vec![0] }], release: 0 };
        let resources = vec![Resource { kind: ResourceKind::Renewable, capacity: 1 }];
        Project::new(resources, vec![activity; n], Vec::<Precedence>::new()).unwrap()
    }

    fn worker(name: &str, classes: &[usize]) -> Worker {
        Worker { name: name.into(), classes: (0..3).map(|c| classes.contains(&c).then(Vec::new)).collect() }
    }

    #[test]
    fn one_person_in_two_pools_is_still_one_person() {
        // ada welds and cuts, bo only welds, chen only cuts. A weld needing two people and a cut
        // at the same time look fine to pools (welders 2, cutters 2) but need three people.
        let project = parallel(2);
        let people = vec![worker("ada", &[0, 1]), worker("bo", &[0]), worker("chen", &[1])];
        let demand = vec![Some(CrewDemand { class: 0, count: 2 }), Some(CrewDemand { class: 1, count: 2 })];
        let workforce = Workforce { people, demand };
        let staffed = staff(&project, &workforce, &[0, 1]).unwrap();
        assert_eq!(staffed.starts, [0, 2], "the cut waits for ada");
        assert!(check_crews(&project, &workforce, &staffed.starts, &staffed.crews).is_empty());
    }

    #[test]
    fn the_least_versatile_go_first() {
        // One weld, then a cut that only ada or chen can do: giving the weld to bo keeps ada free.
        let project = parallel(2);
        let people = vec![worker("ada", &[0, 1]), worker("bo", &[0])];
        let demand = vec![Some(CrewDemand { class: 0, count: 1 }), Some(CrewDemand { class: 1, count: 1 })];
        let workforce = Workforce { people, demand };
        let staffed = staff(&project, &workforce, &[0, 1]).unwrap();
        assert_eq!((staffed.starts.as_slice(), staffed.crews.as_slice()), (&[0, 0][..], &[vec![1], vec![0]][..]));
    }

    #[test]
    fn time_away_holds_work_back_and_too_few_holders_is_refused() {
        let project = parallel(1);
        let mut ada = worker("ada", &[0]);
        ada.classes[0] = Some(vec![(0, 5)]);
        let workforce = Workforce { people: vec![ada], demand: vec![Some(CrewDemand { class: 0, count: 1 })] };
        assert_eq!(staff(&project, &workforce, &[0]).unwrap().starts, [5]);
        let two = Workforce { demand: vec![Some(CrewDemand { class: 0, count: 2 })], ..workforce };
        assert!(matches!(staff(&project, &two, &[0]), Err(SchedError::Unstaffable { needed: 2, qualified: 1, .. })));
    }

    #[test]
    fn the_checker_names_double_booking_and_absence() {
        let project = parallel(2);
        let mut ada = worker("ada", &[0]);
        ada.classes[0] = Some(vec![(1, 2)]);
        let demand = vec![Some(CrewDemand { class: 0, count: 1 }); 2];
        let workforce = Workforce { people: vec![ada], demand };
        let problems = check_crews(&project, &workforce, &[0, 0], &[vec![0], vec![0]]);
        assert!(problems.iter().any(|p| p.contains("at once")), "{problems:?}");
        assert!(problems.iter().any(|p| p.contains("away")), "{problems:?}");
    }
}
