//! The scheduling model: activities with modes, resources, precedences with lags, release dates.
//!
//! This is the engine's own vocabulary, independent of prodos domain types, so the planner maps
//! its tasks onto it and PSPLIB files parse into it.

use crate::error::SchedError;
use serde::{Deserialize, Serialize};

/// Renewable resources (crews, machines) are available again when an activity ends;
/// nonrenewable ones (budget, material) are consumed once for the whole project.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum ResourceKind {
    Renewable,
    Nonrenewable,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Resource {
    pub kind: ResourceKind,
    pub capacity: i64,
}

/// One way of executing an activity: e.g. a larger crew for a shorter duration.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Mode {
    pub duration: i64,
    /// Usage per resource, indexed like `Project::resources`.
    pub usage: Vec<i64>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Activity {
    pub modes: Vec<Mode>,
    /// Earliest allowed start.
    pub release: i64,
}

/// Finish-to-start: `start[to] >= start[from] + duration[from] + lag`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Precedence {
    pub from: usize,
    pub to: usize,
    pub lag: i64,
}

/// `amount` units of a renewable resource that the project cannot use during `[start, end)`: work
/// already promised elsewhere (another plan), people away. Reservations overlapping beyond the
/// capacity leave nothing, never less. Past the last reservation the full capacity is back, so
/// every activity that fits the capacity can always be scheduled eventually.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Reservation {
    pub resource: usize,
    pub start: i64,
    pub end: i64,
    pub amount: i64,
}

/// A validated project. Construct with [`Project::new`], add reservations with
/// [`Project::with_reservations`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Project {
    // Invariant: every mode's usage has one entry per resource, durations/usages/capacities are
    // non-negative, precedences name valid activities with non-negative lags, the graph is acyclic.
    resources: Vec<Resource>,
    activities: Vec<Activity>,
    precedences: Vec<Precedence>,
    // Invariant: each names a renewable resource, 0 <= start < end, amount >= 0.
    reservations: Vec<Reservation>,
    // Adjacency in CSR form, built once so the generators never allocate to walk the graph.
    succ_start: Vec<usize>,
    succ: Vec<(usize, i64)>,
    pred_start: Vec<usize>,
    pred: Vec<(usize, i64)>,
    // Invariant: a topological order of the precedence graph.
    topo_order: Vec<usize>,
}

impl Project {
    /// Validates and indexes a project.
    pub fn new(
        resources: Vec<Resource>,
        activities: Vec<Activity>,
        precedences: Vec<Precedence>,
    ) -> Result<Project, SchedError> {
        let n_activities = activities.len();
        if n_activities == 0 {
            return Err(SchedError::NoActivities);
        }
        for (resource_idx, resource) in resources.iter().enumerate() {
            if resource.capacity < 0 {
                return Err(SchedError::NegativeCapacity { resource_idx, capacity: resource.capacity });
            }
        }
        for (activity_idx, activity) in activities.iter().enumerate() {
            validate_activity(activity_idx, activity, &resources)?;
        }
        for p in &precedences {
            if p.from >= n_activities || p.to >= n_activities {
                return Err(SchedError::UnknownActivity { from: p.from, to: p.to, n_activities });
            }
            if p.lag < 0 {
                return Err(SchedError::NegativeLag { from: p.from, to: p.to, lag: p.lag });
            }
        }
        let (succ_start, succ) = csr(n_activities, precedences.iter().map(|p| (p.from, p.to, p.lag)));
        let (pred_start, pred) = csr(n_activities, precedences.iter().map(|p| (p.to, p.from, p.lag)));
        let topo_order = topological_order(n_activities, &succ_start, &succ, &pred_start)?;
        Ok(Project {
            resources,
            activities,
            precedences,
            reservations: Vec::new(),
            succ_start,
            succ,
            pred_start,
            pred,
            topo_order,
        })
    }

    /// The project with every precedence arc reversed, the same lags kept: scheduling it forward
    /// is scheduling this one backward from its end ([`Schedule::mirrored`] maps a schedule
    /// across). `None` with release dates or reservations: they are fixed to the time origin and
    /// have no mirror image without a deadline.
    pub fn mirrored(&self) -> Option<Project> {
        if self.has_reservations() || self.activities.iter().any(|a| a.release > 0) {
            return None;
        }
        let reversed = self.precedences.iter().map(|p| Precedence { from: p.to, to: p.from, lag: p.lag }).collect();
        Some(
            Project::new(self.resources.clone(), self.activities.clone(), reversed)
                .expect("the reverse of a DAG is one"),
        )
    }

    /// The same project with its renewable capacities reduced over time by `reservations`
    /// (replacing any given before).
    pub fn with_reservations(mut self, reservations: Vec<Reservation>) -> Result<Project, SchedError> {
        for (reservation_idx, r) in reservations.iter().enumerate() {
            let problem = if self.resources.get(r.resource).is_none_or(|res| res.kind != ResourceKind::Renewable) {
                Some("names no renewable resource")
            } else if r.start < 0 || r.end <= r.start {
                Some("needs 0 <= start < end")
            } else if r.amount < 0 {
                Some("has a negative amount")
            } else {
                None
            };
            if let Some(problem) = problem {
                return Err(SchedError::InvalidReservation { reservation_idx, reservation: *r, problem });
            }
        }
        self.reservations = reservations;
        Ok(self)
    }

    pub fn reservations(&self) -> &[Reservation] {
        &self.reservations
    }
    pub fn has_reservations(&self) -> bool {
        !self.reservations.is_empty()
    }
    /// When the last reservation ends: from then on every capacity is whole (0 without any).
    pub fn reservations_end(&self) -> i64 {
        self.reservations.iter().map(|r| r.end).max().unwrap_or(0)
    }

    pub fn resources(&self) -> &[Resource] {
        &self.resources
    }
    pub fn activities(&self) -> &[Activity] {
        &self.activities
    }
    pub fn precedences(&self) -> &[Precedence] {
        &self.precedences
    }
    pub fn n_activities(&self) -> usize {
        self.activities.len()
    }
    pub fn n_resources(&self) -> usize {
        self.resources.len()
    }
    /// `(successor, lag)` pairs of `activity_idx`.
    pub fn successors(&self, activity_idx: usize) -> &[(usize, i64)] {
        &self.succ[self.succ_start[activity_idx]..self.succ_start[activity_idx + 1]]
    }
    /// `(predecessor, lag)` pairs of `activity_idx`.
    pub fn predecessors(&self, activity_idx: usize) -> &[(usize, i64)] {
        &self.pred[self.pred_start[activity_idx]..self.pred_start[activity_idx + 1]]
    }
    pub fn topological_order(&self) -> &[usize] {
        &self.topo_order
    }
    pub fn is_multi_mode(&self) -> bool {
        self.activities.iter().any(|a| a.modes.len() > 1)
    }
    pub fn has_nonrenewable(&self) -> bool {
        self.resources.iter().any(|r| r.kind == ResourceKind::Nonrenewable)
    }
    pub fn renewable_indices(&self) -> impl Iterator<Item = usize> + '_ {
        self.indices_of(ResourceKind::Renewable)
    }
    pub fn nonrenewable_indices(&self) -> impl Iterator<Item = usize> + '_ {
        self.indices_of(ResourceKind::Nonrenewable)
    }
    fn indices_of(&self, kind: ResourceKind) -> impl Iterator<Item = usize> + '_ {
        self.resources.iter().enumerate().filter(move |(_, r)| r.kind == kind).map(|(i, _)| i)
    }
    /// What each nonrenewable resource (in index order) has left under the mode assignment
    /// `modes`: capacity minus what the modes use; negative when overused.
    pub fn nonrenewable_left<'a>(&'a self, modes: &'a [usize]) -> impl Iterator<Item = i64> + 'a {
        self.nonrenewable_indices().map(move |r| {
            let used: i64 = self.activities.iter().zip(modes).map(|(a, &m)| a.modes[m].usage[r]).sum();
            self.resources[r].capacity - used
        })
    }

    /// The efficient mode with the shortest duration (lowest index on ties).
    pub fn shortest_executable_mode(&self, activity_idx: usize) -> usize {
        let modes = &self.activities[activity_idx].modes;
        self.efficient_modes(activity_idx).into_iter().min_by_key(|&m| (modes[m].duration, m)).unwrap_or(0)
    }

    /// The executable modes a schedule needs to consider: a mode is left out when another
    /// executable one is at most as long and needs at most as much of every resource, renewable
    /// and nonrenewable (of identical modes the first stays). Swapping such a mode for the one
    /// that dominates it keeps any schedule feasible and no longer, so the search loses nothing
    /// (Sprecher, Hartmann & Drexl 1997). Empty when no mode is executable.
    pub fn efficient_modes(&self, activity_idx: usize) -> Vec<usize> {
        let modes = &self.activities[activity_idx].modes;
        let executable: Vec<usize> = (0..modes.len()).filter(|&m| self.mode_is_executable(activity_idx, m)).collect();
        let dominates = |a: usize, b: usize| {
            let (ma, mb) = (&modes[a], &modes[b]);
            let no_worse = ma.duration <= mb.duration && ma.usage.iter().zip(&mb.usage).all(|(x, y)| x <= y);
            let identical = ma.duration == mb.duration && ma.usage == mb.usage;
            no_worse && (!identical || a < b)
        };
        executable
            .iter()
            .copied()
            .filter(|&m| !executable.iter().any(|&other| other != m && dominates(other, m)))
            .collect()
    }

    /// Whether mode `mode_idx` of `activity_idx` fits every renewable capacity. PSPLIB multi-mode
    /// files contain modes that do not; no schedule may use them.
    pub fn mode_is_executable(&self, activity_idx: usize, mode_idx: usize) -> bool {
        let usage = &self.activities[activity_idx].modes[mode_idx].usage;
        self.resources.iter().zip(usage).all(|(r, &u)| r.kind == ResourceKind::Nonrenewable || u <= r.capacity)
    }

    /// A horizon no schedule built by a serial generator can exceed: every activity in its longest
    /// mode one after another, after the latest release and the last reservation, plus every lag.
    pub fn trivial_horizon(&self) -> i64 {
        let durations: i64 =
            self.activities.iter().map(|a| a.modes.iter().map(|m| m.duration).max().unwrap_or(0)).sum();
        let max_release = self.activities.iter().map(|a| a.release).max().unwrap_or(0);
        let lags: i64 = self.precedences.iter().map(|p| p.lag).sum();
        durations + max_release.max(self.reservations_end()) + lags
    }
}

fn validate_activity(activity_idx: usize, activity: &Activity, resources: &[Resource]) -> Result<(), SchedError> {
    if activity.modes.is_empty() {
        return Err(SchedError::NoModes { activity_idx });
    }
    if activity.release < 0 {
        return Err(SchedError::NegativeRelease { activity_idx, release: activity.release });
    }
    for (mode_idx, mode) in activity.modes.iter().enumerate() {
        if mode.duration < 0 {
            return Err(SchedError::NegativeDuration { activity_idx, mode_idx, duration: mode.duration });
        }
        if mode.usage.len() != resources.len() {
            return Err(SchedError::UsageLengthMismatch {
                activity_idx,
                mode_idx,
                usage_len: mode.usage.len(),
                n_resources: resources.len(),
            });
        }
        for (resource_idx, &usage) in mode.usage.iter().enumerate() {
            if usage < 0 {
                return Err(SchedError::NegativeUsage { activity_idx, mode_idx, resource_idx, usage });
            }
        }
    }
    // An activity that exceeds a renewable capacity in every mode can never be scheduled; name
    // the worst resource of its least demanding mode.
    let executable = |mode: &Mode| {
        resources.iter().zip(&mode.usage).all(|(r, &u)| r.kind == ResourceKind::Nonrenewable || u <= r.capacity)
    };
    if !activity.modes.iter().any(executable) {
        let (resource_idx, usage, capacity) = resources
            .iter()
            .enumerate()
            .filter(|(_, r)| r.kind == ResourceKind::Renewable)
            .map(|(r, res)| (r, activity.modes.iter().map(|m| m.usage[r]).min().unwrap_or(0), res.capacity))
            .max_by_key(|&(_, u, c)| u - c)
            .unwrap_or((0, 0, 0));
        return Err(SchedError::ExceedsCapacity { activity_idx, resource_idx, usage, capacity });
    }
    Ok(())
}

fn csr(n: usize, edges: impl Iterator<Item = (usize, usize, i64)> + Clone) -> (Vec<usize>, Vec<(usize, i64)>) {
    let mut start = vec![0usize; n + 1];
    for (a, _, _) in edges.clone() {
        start[a + 1] += 1;
    }
    for i in 0..n {
        start[i + 1] += start[i];
    }
    let mut fill = start.clone();
    let mut out = vec![(0usize, 0i64); start[n]];
    for (a, b, lag) in edges {
        out[fill[a]] = (b, lag);
        fill[a] += 1;
    }
    (start, out)
}

fn topological_order(
    n: usize,
    succ_start: &[usize],
    succ: &[(usize, i64)],
    pred_start: &[usize],
) -> Result<Vec<usize>, SchedError> {
    let mut indegree: Vec<usize> = (0..n).map(|i| pred_start[i + 1] - pred_start[i]).collect();
    let mut order = Vec::with_capacity(n);
    let mut ready: Vec<usize> = (0..n).rev().filter(|&i| indegree[i] == 0).collect();
    while let Some(activity_idx) = ready.pop() {
        order.push(activity_idx);
        for &(next, _) in &succ[succ_start[activity_idx]..succ_start[activity_idx + 1]] {
            indegree[next] -= 1;
            if indegree[next] == 0 {
                ready.push(next);
            }
        }
    }
    if order.len() < n {
        let activity_idx = (0..n).find(|&i| indegree[i] > 0).unwrap_or(0);
        return Err(SchedError::Cycle { activity_idx });
    }
    Ok(order)
}

/// A schedule: one start and one mode per activity, in project order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Schedule {
    pub starts: Vec<i64>,
    pub modes: Vec<usize>,
}

impl Schedule {
    /// Latest finish over all activities.
    pub fn makespan(&self, project: &Project) -> i64 {
        self.starts
            .iter()
            .zip(&self.modes)
            .zip(project.activities())
            .map(|((&s, &m), a)| s + a.modes[m].duration)
            .max()
            .unwrap_or(0)
    }

    /// The same schedule read backward in time (start ↦ makespan − finish): a schedule of
    /// [`Project::mirrored`] becomes one of the project it mirrors, and back, equally long.
    pub fn mirrored(&self, project: &Project) -> Schedule {
        let makespan = self.makespan(project);
        let starts = self
            .starts
            .iter()
            .zip(&self.modes)
            .zip(project.activities())
            .map(|((&s, &m), a)| makespan - s - a.modes[m].duration)
            .collect();
        Schedule { starts, modes: self.modes.clone() }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn single(duration: i64, usage: i64) -> Activity {
        Activity { modes: vec![Mode { duration, usage: vec![usage] }], release: 0 }
    }

    #[test]
    fn dominated_and_repeated_modes_are_not_worth_trying() {
        let res = vec![
            Resource { kind: ResourceKind::Renewable, capacity: 4 },
            Resource { kind: ResourceKind::Nonrenewable, capacity: 10 },
        ];
        let mode = |duration, usage: [i64; 2]| Mode { duration, usage: usage.to_vec() };
        let activity = Activity {
            modes: vec![
                mode(3, [2, 4]), // fast and costly
                mode(5, [1, 1]), // slow and cheap
                mode(4, [2, 4]), // as costly as the first and slower: dominated
                mode(5, [1, 1]), // the second again: one of them is enough
                mode(2, [9, 0]), // needs more than the capacity: never executable
            ],
            release: 0,
        };
        let project = Project::new(res, vec![activity], vec![]).unwrap();
        assert_eq!(project.efficient_modes(0), vec![0, 1]);
        assert_eq!(project.shortest_executable_mode(0), 0);
    }

    #[test]
    fn a_schedule_of_the_mirrored_project_maps_back_feasible_and_equally_long() {
        let res = vec![Resource { kind: ResourceKind::Renewable, capacity: 1 }];
        let activities = vec![single(2, 1), single(3, 1), single(1, 1)];
        let p = Project::new(res, activities, vec![Precedence { from: 0, to: 1, lag: 2 }]).unwrap();
        let mirror = p.mirrored().unwrap();
        assert_eq!(mirror.successors(1), &[(0, 2)]);
        // In the mirror 1 runs first, 2 fills the lag, 0 follows it.
        let s = Schedule { starts: vec![5, 0, 3], modes: vec![0; 3] };
        assert!(crate::checker::check(&mirror, &s).is_empty());
        let back = s.mirrored(&mirror);
        assert_eq!(back.starts, vec![0, 4, 3]);
        assert!(crate::checker::check(&p, &back).is_empty());
        assert_eq!(back.makespan(&p), 7);

        let mut released = p.activities().to_vec();
        released[2].release = 1;
        let p = Project::new(p.resources().to_vec(), released, p.precedences().to_vec()).unwrap();
        assert!(p.mirrored().is_none(), "a release date has no mirror image");
    }

    #[test]
    fn rejects_cycle() {
        let res = vec![Resource { kind: ResourceKind::Renewable, capacity: 1 }];
        let err = Project::new(
            res,
            vec![single(1, 1), single(1, 1)],
            vec![Precedence { from: 0, to: 1, lag: 0 }, Precedence { from: 1, to: 0, lag: 0 }],
        )
        .unwrap_err();
        assert!(matches!(err, SchedError::Cycle { .. }));
    }

    #[test]
    fn rejects_over_capacity_and_bad_index() {
        let res = vec![Resource { kind: ResourceKind::Renewable, capacity: 1 }];
        let err = Project::new(res.clone(), vec![single(1, 2)], vec![]).unwrap_err();
        assert_eq!(err, SchedError::ExceedsCapacity { activity_idx: 0, resource_idx: 0, usage: 2, capacity: 1 });
        let err = Project::new(res, vec![single(1, 1)], vec![Precedence { from: 0, to: 3, lag: 0 }]).unwrap_err();
        assert!(matches!(err, SchedError::UnknownActivity { .. }));
    }

    #[test]
    fn topo_order_respects_edges() {
        let res = vec![Resource { kind: ResourceKind::Renewable, capacity: 1 }];
        let p = Project::new(
            res,
            vec![single(1, 1), single(1, 1), single(1, 1)],
            vec![Precedence { from: 2, to: 0, lag: 1 }, Precedence { from: 0, to: 1, lag: 0 }],
        )
        .unwrap();
        assert_eq!(p.topological_order(), &[2, 0, 1]);
        assert_eq!(p.successors(2), &[(0, 1)]);
        assert_eq!(p.predecessors(1), &[(0, 0)]);
    }
}
