//! Schedule generation schemes (serial forward, serial backward, parallel) over an incremental
//! resource profile, plus forward–backward improvement (justification).
//!
//! This is the hot loop of every heuristic: a [`Generator`] owns all scratch memory, so generating
//! a schedule allocates nothing. Only renewable resources enter the profile; nonrenewable ones are
//! a property of the mode assignment, checked elsewhere (a pass that picks modes only keeps their
//! overuse from rising).

use crate::model::Project;

/// The modes a serial pass may switch activities to, and the assignment it updates.
struct ModeChoice<'a> {
    modes: &'a mut [usize],
    choices: &'a [Vec<usize>],
}

impl ModeChoice<'_> {
    fn reborrow(&mut self) -> ModeChoice<'_> {
        ModeChoice { modes: &mut *self.modes, choices: self.choices }
    }
}

/// Reusable state for generating schedules of one project with one mode assignment at a time.
pub struct Generator<'p> {
    project: &'p Project,
    n: usize,
    n_ren: usize,
    ren_idx: Vec<usize>,
    nr_idx: Vec<usize>,
    // Scratch of `serial_forward_choosing_modes`: per nonrenewable resource, what is left; the
    // renewable requests of the mode being tried.
    nonrenewable_left: Vec<i64>,
    alt_request: Vec<i32>,
    capacity: Vec<i32>,
    release: Vec<i64>,
    // Invariant: `duration`/`request` describe the mode assignment last passed to `set_modes`,
    // with the switches of any mode-picking pass since.
    duration: Vec<i64>,
    request: Vec<i32>,
    // Remaining capacity per (time, renewable resource), row-major by time. Time `t` of the
    // current pass is row `t + offset`.
    avail: Vec<i32>,
    offset: usize,
    // Rows of `avail` outside `touched_from..touched_until` hold their base value: full capacity,
    // or with reservations the capacity they leave.
    touched_from: usize,
    touched_until: usize,
    // Present only when the project has reservations, so plain projects keep the plain loop.
    profile: Option<Box<ReservedProfile>>,
    finish: Vec<i64>,
    rev_start: Vec<i64>,
    keys: Vec<i64>,
    eligible: Vec<usize>,
    scheduled: Vec<bool>,
    /// Schedule generation passes performed so far (the budget unit).
    pub schedules_generated: u64,
}

impl<'p> Generator<'p> {
    pub fn new(project: &'p Project) -> Self {
        Self::with_room(project, 0)
    }

    /// A generator whose passes may place work up to `extra` time units past the project's
    /// trivial horizon: for gates that hold work back for reasons the project does not model.
    pub fn with_room(project: &'p Project, extra: i64) -> Self {
        let n = project.n_activities();
        let ren_idx: Vec<usize> = project.renewable_indices().collect();
        let n_ren = ren_idx.len();
        let capacity = ren_idx.iter().map(|&r| project.resources()[r].capacity as i32).collect();
        let horizon = (project.trivial_horizon() + extra.max(0)) as usize + 2;
        let mut g = Generator {
            project,
            n,
            n_ren,
            ren_idx,
            nr_idx: project.nonrenewable_indices().collect(),
            nonrenewable_left: Vec::new(),
            alt_request: vec![0; n_ren],
            capacity,
            release: project.activities().iter().map(|a| a.release).collect(),
            duration: vec![0; n],
            request: vec![0; n * n_ren],
            avail: Vec::new(),
            offset: 0,
            touched_from: 0,
            touched_until: 0,
            profile: None,
            finish: vec![0; n],
            rev_start: vec![0; n],
            keys: vec![0; n],
            eligible: Vec::with_capacity(n),
            scheduled: vec![false; n],
            schedules_generated: 0,
        };
        g.avail = (0..horizon).flat_map(|_| g.capacity.iter().copied()).collect();
        if project.has_reservations() {
            let profile = ReservedProfile::new(project, &g.ren_idx, &g.capacity, horizon);
            g.avail.clone_from(&profile.forward_base);
            g.profile = Some(Box::new(profile));
        }
        let shortest: Vec<usize> = (0..n).map(|j| project.shortest_executable_mode(j)).collect();
        g.set_modes(&shortest);
        g
    }

    pub fn project(&self) -> &'p Project {
        self.project
    }

    /// Chooses the mode of every activity for the following passes.
    pub fn set_modes(&mut self, modes: &[usize]) {
        for (j, &m) in modes.iter().enumerate() {
            debug_assert!(
                self.project.mode_is_executable(j, m),
                "mode {m} of activity {j} exceeds a renewable capacity"
            );
            self.set_mode(j, m);
        }
    }

    /// Gives activity `j` mode `m` for the passes that follow.
    fn set_mode(&mut self, j: usize, m: usize) {
        let mode = &self.project.activities()[j].modes[m];
        self.duration[j] = mode.duration;
        renewable_requests(&self.ren_idx, &mode.usage, &mut self.request[j * self.n_ren..(j + 1) * self.n_ren]);
    }

    pub fn duration(&self, activity_idx: usize) -> i64 {
        self.duration[activity_idx]
    }

    /// Makes the profile empty of activities for a forward pass.
    fn reset_profile(&mut self) {
        let Some(profile) = self.profile.as_deref_mut() else {
            let end = self.touched_until * self.n_ren;
            for (slot, cap) in self.avail[..end].iter_mut().zip(self.capacity.iter().cycle()) {
                *slot = *cap;
            }
            self.touched_until = 0;
            return;
        };
        if profile.backward_active {
            profile.swap_direction(&mut self.avail, &mut self.touched_from, &mut self.touched_until);
        }
        let rows = self.touched_from * self.n_ren..self.touched_until * self.n_ren;
        self.avail[rows.clone()].copy_from_slice(&profile.forward_base[rows]);
        self.offset = 0;
        self.touched_from = 0;
        self.touched_until = 0;
    }

    /// Makes the profile empty of activities for a backward pass ending at `deadline`: reversed
    /// time `t` is absolute time `deadline - 1 - t`, where the reservations still apply.
    fn reset_profile_backward(&mut self, deadline: i64) {
        let Some(profile) = self.profile.as_deref_mut() else {
            self.reset_profile();
            return;
        };
        if !profile.backward_active {
            profile.swap_direction(&mut self.avail, &mut self.touched_from, &mut self.touched_until);
        }
        let rows = self.touched_from * self.n_ren..self.touched_until * self.n_ren;
        self.avail[rows.clone()].copy_from_slice(&profile.backward_base[rows]);
        let deadline = usize::try_from(deadline).unwrap_or(0);
        assert!(deadline <= profile.mirror, "backward deadline {deadline} beyond the horizon {}", profile.mirror);
        self.offset = profile.mirror - deadline;
        self.touched_from = self.offset;
        self.touched_until = self.offset;
    }

    /// The first time after `time` at which a reservation ends (`i64::MAX` if none).
    fn next_capacity_rise(&self, time: i64) -> i64 {
        self.profile.as_deref().map_or(i64::MAX, |profile| {
            let idx = profile.rises.partition_point(|&rise| rise <= time);
            profile.rises.get(idx).copied().unwrap_or(i64::MAX)
        })
    }

    /// Earliest `t >= from` at which activity `j` fits the profile for its whole duration.
    #[inline]
    fn earliest_fit(&self, j: usize, from: i64) -> i64 {
        self.earliest_fit_of(self.duration[j], &self.request[j * self.n_ren..(j + 1) * self.n_ren], from)
    }

    /// Earliest `t >= from` at which `duration` units of time with renewable requests `req` fit.
    #[inline]
    fn earliest_fit_of(&self, duration: i64, req: &[i32], from: i64) -> i64 {
        let d = duration as usize;
        if d == 0 || req.iter().all(|&q| q == 0) {
            return from;
        }
        // Rows, not times: `t` runs over `avail` shifted by the pass's offset.
        let mut t = from as usize + self.offset;
        'candidate: loop {
            // Scanning backwards finds the latest conflict, so the jump skips the most.
            for tau in (t..t + d).rev() {
                let row = &self.avail[tau * self.n_ren..(tau + 1) * self.n_ren];
                if row.iter().zip(req).any(|(&a, &q)| a < q) {
                    t = tau + 1;
                    continue 'candidate;
                }
            }
            return (t - self.offset) as i64;
        }
    }

    #[inline]
    fn place(&mut self, j: usize, t: i64) {
        let d = self.duration[j] as usize;
        let t = t as usize + self.offset;
        let n_ren = self.n_ren;
        for tau in t..t + d {
            let row = &mut self.avail[tau * n_ren..(tau + 1) * n_ren];
            for (a, &q) in row.iter_mut().zip(&self.request[j * n_ren..(j + 1) * n_ren]) {
                *a -= q;
            }
        }
        self.touched_until = self.touched_until.max(t + d);
    }

    /// Serial SGS: schedules `order` (precedence-feasible) one by one at the earliest feasible
    /// time. Writes `starts`, returns the makespan.
    pub fn serial_forward(&mut self, order: &[usize], starts: &mut [i64]) -> i64 {
        self.forward_pass(order, starts, None)
    }

    /// Serial SGS with a gate: wherever activity `j` first fits the profile at `t`, `gate(j, t,
    /// duration)` decides whether it starts there (`None`: it does, and the gate has taken what
    /// else it needs, such as named people) or names a later time to look again from. The gate
    /// must eventually accept. Writes `starts`, returns the makespan. One schedule.
    pub fn serial_forward_gated(
        &mut self,
        order: &[usize],
        starts: &mut [i64],
        gate: &mut dyn FnMut(usize, i64, i64) -> Option<i64>,
    ) -> i64 {
        self.schedules_generated += 1;
        self.reset_profile();
        let mut makespan = 0;
        for &j in order {
            let mut est = self.ready_at(j);
            let t = loop {
                let t = self.earliest_fit(j, est);
                match gate(j, t, self.duration[j]) {
                    None => break t,
                    Some(retry) => {
                        assert!(retry > t, "a gate must look later: activity {j} at {t} retried at {retry}");
                        est = retry;
                    }
                }
            };
            makespan = makespan.max(self.place_at(j, t, starts));
        }
        makespan
    }

    /// Serial SGS that also picks modes (the extended serial SGS of Van Peteghem & Vanhoucke
    /// 2010): each activity of `order` takes, among `choices[j]`, the mode that finishes earliest
    /// next to what is already placed, provided the switch raises no nonrenewable overuse of the
    /// assignment; on equal finish it keeps its mode in `modes`. `modes` must be the assignment
    /// last passed to [`Generator::set_modes`]; it is updated, and the generator keeps the chosen
    /// modes for the passes that follow. Writes `starts`, returns the makespan. One schedule.
    pub fn serial_forward_choosing_modes(
        &mut self,
        order: &[usize],
        starts: &mut [i64],
        modes: &mut [usize],
        choices: &[Vec<usize>],
    ) -> i64 {
        self.forward_pass(order, starts, Some(ModeChoice { modes, choices }))
    }

    fn forward_pass(&mut self, order: &[usize], starts: &mut [i64], mut choice: Option<ModeChoice<'_>>) -> i64 {
        self.schedules_generated += 1;
        self.reset_profile();
        if let Some(choice) = &choice {
            self.count_nonrenewable_left(choice.modes);
        }
        let mut makespan = 0;
        for &j in order {
            let est = self.ready_at(j);
            let t = self.fit(j, est, choice.as_mut().map(ModeChoice::reborrow));
            makespan = makespan.max(self.place_at(j, t, starts));
        }
        makespan
    }

    /// When activity `j` may start in a forward pass: its release, and every predecessor's
    /// finish plus the lag.
    #[inline]
    fn ready_at(&self, j: usize) -> i64 {
        let predecessors = self.project.predecessors(j).iter();
        predecessors.fold(self.release[j], |est, &(p, lag)| est.max(self.finish[p] + lag))
    }

    /// Places `j` at `t` in a forward pass and returns its finish.
    #[inline]
    fn place_at(&mut self, j: usize, t: i64, starts: &mut [i64]) -> i64 {
        self.place(j, t);
        starts[j] = t;
        self.finish[j] = t + self.duration[j];
        self.finish[j]
    }

    /// What each nonrenewable resource has left under `modes` (negative: overused).
    fn count_nonrenewable_left(&mut self, modes: &[usize]) {
        self.nonrenewable_left.clear();
        self.nonrenewable_left.extend(self.project.nonrenewable_left(modes));
    }

    /// Where activity `j`, ready at `est` (in the pass's time), starts: the earliest fit of its
    /// mode, or with `choice` of the mode among its choices that finishes earliest without raising
    /// nonrenewable overuse (then `j` takes that mode).
    #[inline]
    fn fit(&mut self, j: usize, est: i64, choice: Option<ModeChoice<'_>>) -> i64 {
        let start = self.earliest_fit(j, est);
        let Some(ModeChoice { modes, choices }) = choice else { return start };
        let activity = &self.project.activities()[j];
        let current = &activity.modes[modes[j]];
        let mut best = (start + self.duration[j], modes[j]);
        for &m in &choices[j] {
            let mode = &activity.modes[m];
            if m == modes[j] || est + mode.duration >= best.0 {
                continue;
            }
            let keeps_nonrenewable = (self.nr_idx.iter().zip(&self.nonrenewable_left))
                .all(|(&r, &left)| left + current.usage[r] - mode.usage[r] >= left.min(0));
            if !keeps_nonrenewable {
                continue;
            }
            renewable_requests(&self.ren_idx, &mode.usage, &mut self.alt_request);
            let finish = self.earliest_fit_of(mode.duration, &self.alt_request, est) + mode.duration;
            if finish < best.0 {
                best = (finish, m);
            }
        }
        let (finish, chosen) = best;
        if chosen != modes[j] {
            let mode = &activity.modes[chosen];
            for (left, &r) in self.nonrenewable_left.iter_mut().zip(&self.nr_idx) {
                *left += current.usage[r] - mode.usage[r];
            }
            modes[j] = chosen;
            self.set_mode(j, chosen);
        }
        finish - self.duration[j]
    }

    /// Serial SGS on the reversed project: schedules `order` (successors before predecessors) as
    /// late as possible before `deadline`. Release dates are not enforced here; when `order` is by
    /// non-increasing finish time of a feasible schedule with makespan <= `deadline`, no activity
    /// moves earlier, so they stay met (the justification argument of Valls et al. 2005).
    pub fn serial_backward(&mut self, order: &[usize], deadline: i64, starts: &mut [i64]) -> i64 {
        self.backward_pass(order, deadline, starts, None)
    }

    fn backward_pass(
        &mut self,
        order: &[usize],
        deadline: i64,
        starts: &mut [i64],
        mut choice: Option<ModeChoice<'_>>,
    ) -> i64 {
        self.schedules_generated += 1;
        self.reset_profile_backward(deadline);
        if let Some(choice) = &choice {
            self.count_nonrenewable_left(choice.modes);
        }
        let mut rev_makespan = 0;
        for &j in order {
            // In reversed time, an activity "starts" at deadline - finish.
            let mut est = 0;
            for &(s, lag) in self.project.successors(j) {
                est = est.max(self.rev_start[s] + self.duration[s] + lag);
            }
            let t = self.fit(j, est, choice.as_mut().map(ModeChoice::reborrow));
            self.place(j, t);
            self.rev_start[j] = t;
            rev_makespan = rev_makespan.max(t + self.duration[j]);
        }
        for &j in order {
            starts[j] = deadline - self.rev_start[j] - self.duration[j];
        }
        rev_makespan
    }

    /// Forward–backward improvement: one backward pass (right-justify by decreasing finish) and one
    /// forward pass (left-justify by increasing start). `order`/`starts` must be a forward serial
    /// schedule; both are replaced by the improved one. Counts as two schedules. Never worsens.
    pub fn forward_backward(&mut self, order: &mut [usize], starts: &mut [i64], makespan: i64) -> i64 {
        self.justify(order, starts, makespan, None)
    }

    /// Forward–backward improvement whose passes pick modes as
    /// [`Generator::serial_forward_choosing_modes`] does. A mode switch changes the profile
    /// the later activities meet, so unlike [`Generator::forward_backward`] it may lengthen the
    /// schedule. Counts as two schedules.
    pub fn forward_backward_choosing_modes(
        &mut self,
        order: &mut [usize],
        starts: &mut [i64],
        makespan: i64,
        modes: &mut [usize],
        choices: &[Vec<usize>],
    ) -> i64 {
        self.justify(order, starts, makespan, Some(ModeChoice { modes, choices }))
    }

    /// Sorts `order` by decreasing finish time under `starts` and the current modes: the order of
    /// a backward (right-justifying) pass. Ties keep zero-duration chains precedence-feasible.
    pub fn order_by_decreasing_finish(&mut self, order: &mut [usize], starts: &[i64]) {
        for ((neg_finish, &start), &duration) in self.finish.iter_mut().zip(starts).zip(&self.duration) {
            *neg_finish = -(start + duration);
        }
        sort_reversing_ties(order, &self.finish, &mut self.keys);
    }

    fn justify(
        &mut self,
        order: &mut [usize],
        starts: &mut [i64],
        makespan: i64,
        choice: Option<ModeChoice<'_>>,
    ) -> i64 {
        self.order_by_decreasing_finish(order, starts);
        let mut choice = choice;
        self.backward_pass(order, makespan, starts, choice.as_mut().map(ModeChoice::reborrow));
        sort_reversing_ties(order, starts, &mut self.keys);
        self.forward_pass(order, starts, choice)
    }

    /// Parallel SGS: advances a decision time and starts, in `priority` order (smaller first),
    /// every eligible activity that fits at that time.
    pub fn parallel(&mut self, priority: &[i64], starts: &mut [i64]) -> i64 {
        self.schedules_generated += 1;
        self.reset_profile();
        self.scheduled.iter_mut().for_each(|s| *s = false);
        let mut n_scheduled = 0;
        let mut makespan = 0;
        let mut time = 0i64;
        while n_scheduled < self.n {
            // Eligible now: all predecessors scheduled, their finish plus lag and the release passed.
            self.eligible.clear();
            let mut next_time = i64::MAX;
            for j in 0..self.n {
                if self.scheduled[j] {
                    if self.finish[j] > time {
                        next_time = next_time.min(self.finish[j]);
                    }
                    continue;
                }
                let mut est = self.release[j];
                let mut ready = true;
                for &(p, lag) in self.project.predecessors(j) {
                    if !self.scheduled[p] {
                        ready = false;
                        break;
                    }
                    est = est.max(self.finish[p] + lag);
                }
                if !ready {
                    continue;
                }
                if est <= time {
                    self.eligible.push(j);
                } else {
                    next_time = next_time.min(est);
                }
            }
            self.eligible.sort_unstable_by_key(|&j| (priority[j], j));
            let mut started_zero = false;
            for idx in 0..self.eligible.len() {
                let j = self.eligible[idx];
                if self.earliest_fit(j, time) == time {
                    self.place(j, time);
                    self.scheduled[j] = true;
                    starts[j] = time;
                    self.finish[j] = time + self.duration[j];
                    makespan = makespan.max(self.finish[j]);
                    n_scheduled += 1;
                    started_zero |= self.duration[j] == 0;
                    if self.duration[j] > 0 {
                        next_time = next_time.min(self.finish[j]);
                    }
                }
            }
            // A zero-duration start may make successors eligible at the same time.
            if !started_zero {
                // An activity that did not fit may fit once a reservation ends.
                time = next_time.min(self.next_capacity_rise(time));
                if time == i64::MAX {
                    // Nothing scheduled runs past `time` and nothing fits: only possible when a
                    // request exceeds capacity, which Project::new rejects.
                    unreachable!("parallel SGS stalled");
                }
            }
        }
        makespan
    }

    /// Whether the profile rows are all back at capacity past what was used (debug aid for tests).
    #[cfg(test)]
    fn profile_is_reset_beyond_use(&self) -> bool {
        self.avail[self.touched_until * self.n_ren..].iter().zip(self.capacity.iter().cycle()).all(|(a, c)| a == c)
    }
}

/// The capacity reservations leave, precomputed in both directions so that a pass only restores
/// the rows it touched. A backward pass with deadline `D` reads the mirrored rows from row
/// `mirror - D` on, which is why one mirrored copy serves every deadline.
struct ReservedProfile {
    /// Row `t`: capacity left at time `t`.
    forward_base: Vec<i32>,
    /// Row `i`: capacity left at time `mirror - 1 - i` (full capacity where that is negative).
    backward_base: Vec<i32>,
    mirror: usize,
    /// The buffer of the direction not in use, with its touched rows.
    other: Vec<i32>,
    other_touched: (usize, usize),
    backward_active: bool,
    /// Times at which some reservation ends, ascending.
    rises: Vec<i64>,
}

impl ReservedProfile {
    fn new(project: &Project, ren_idx: &[usize], capacity: &[i32], horizon: usize) -> Self {
        let n_ren = ren_idx.len();
        // A backward pass reaches at most its deadline (<= horizon) plus a whole serial schedule.
        let backward_rows = 2 * horizon;
        let mut reserved = vec![0i64; horizon * n_ren];
        for r in project.reservations() {
            let Some(k) = ren_idx.iter().position(|&idx| idx == r.resource) else { continue };
            for t in r.start as usize..(r.end as usize).min(horizon) {
                reserved[t * n_ren + k] += r.amount;
            }
        }
        let left = |t: usize, k: usize| (i64::from(capacity[k]) - reserved[t * n_ren + k]).max(0) as i32;
        let forward_base: Vec<i32> = (0..horizon).flat_map(|t| (0..n_ren).map(move |k| left(t, k))).collect();
        let backward_base: Vec<i32> = (0..backward_rows)
            .flat_map(|i| (0..n_ren).map(move |k| if i < horizon { left(horizon - 1 - i, k) } else { capacity[k] }))
            .collect();
        let mut rises: Vec<i64> = project.reservations().iter().map(|r| r.end).collect();
        rises.sort_unstable();
        rises.dedup();
        ReservedProfile {
            other: backward_base.clone(),
            forward_base,
            backward_base,
            mirror: horizon,
            other_touched: (0, 0),
            backward_active: false,
            rises,
        }
    }

    fn swap_direction(&mut self, avail: &mut Vec<i32>, touched_from: &mut usize, touched_until: &mut usize) {
        std::mem::swap(avail, &mut self.other);
        std::mem::swap(touched_from, &mut self.other_touched.0);
        std::mem::swap(touched_until, &mut self.other_touched.1);
        self.backward_active = !self.backward_active;
    }
}

/// Writes the requests of a mode's `usage` on the renewable resources `ren_idx` into `out`.
fn renewable_requests(ren_idx: &[usize], usage: &[i64], out: &mut [i32]) {
    for (slot, &r) in out.iter_mut().zip(ren_idx) {
        *slot = usage[r] as i32;
    }
}

/// Sorts `order` by `values` ascending, breaking ties by previous position descending: after a
/// change of direction this keeps zero-duration chains precedence-feasible.
fn sort_reversing_ties(order: &mut [usize], values: &[i64], keys: &mut [i64]) {
    let n = order.len() as i64;
    for (pos, &j) in order.iter().enumerate() {
        keys[j] = values[j] * n + (n - 1 - pos as i64);
    }
    order.sort_unstable_by_key(|&j| keys[j]);
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::checker::check;
    use crate::model::{Activity, Mode, Precedence, Resource, ResourceKind, Schedule};

    /// A small test project on one renewable resource of capacity 2: each job is (duration, units),
    /// each arc a finish-to-start precedence without lag. Shared by the unit tests that need one.
    pub(crate) fn two_unit_project(jobs: &[(i64, i64)], arcs: &[(usize, usize)]) -> Project {
        let a = |&(d, u): &(i64, i64)| Activity { modes: vec![Mode { duration: d, usage: vec![u] }], release: 0 };
        Project::new(
            vec![Resource { kind: ResourceKind::Renewable, capacity: 2 }],
            jobs.iter().map(a).collect(),
            arcs.iter().map(|&(from, to)| Precedence { from, to, lag: 0 }).collect(),
        )
        .unwrap()
    }

    fn project() -> Project {
        two_unit_project(&[(0, 0), (3, 2), (2, 1), (2, 1), (0, 0)], &[(0, 1), (0, 2), (0, 3), (1, 4), (2, 4), (3, 4)])
    }

    #[test]
    fn serial_and_fbi_are_feasible() {
        let p = project();
        let mut g = Generator::new(&p);
        let mut order = vec![0, 2, 1, 3, 4];
        let mut starts = vec![0; 5];
        let ms = g.serial_forward(&order, &mut starts);
        assert_eq!(starts, vec![0, 2, 0, 0, 5]);
        assert_eq!(ms, 5);
        assert!(g.profile_is_reset_beyond_use());
        let ms2 = g.forward_backward(&mut order, &mut starts, ms);
        assert_eq!(ms2, 5);
        assert!(check(&p, &Schedule { starts: starts.clone(), modes: vec![0; 5] }).is_empty());
        assert_eq!(g.schedules_generated, 3);
    }

    #[test]
    fn reservations_push_work_into_the_capacity_left() {
        use crate::model::Reservation;
        // Capacity 2; one unit promised elsewhere during [0, 4), both units during [6, 8).
        let reserved = project()
            .with_reservations(vec![
                Reservation { resource: 0, start: 0, end: 4, amount: 1 },
                Reservation { resource: 0, start: 6, end: 8, amount: 2 },
            ])
            .unwrap();
        let mut g = Generator::new(&reserved);
        let mut order = vec![0, 1, 2, 3, 4];
        let mut starts = vec![0; 5];
        // Activity 1 needs both units for 3: only from 8 on. 2 and 3 share the one unit left.
        let ms = g.serial_forward(&order, &mut starts);
        assert_eq!(starts, vec![0, 8, 0, 2, 11]);
        assert_eq!(ms, 11);
        let ms2 = g.forward_backward(&mut order, &mut starts, ms);
        assert!(ms2 <= ms);
        assert!(check(&reserved, &Schedule { starts: starts.clone(), modes: vec![0; 5] }).is_empty());
        let ms3 = g.parallel(&[0, 0, 1, 1, 0], &mut starts);
        assert!(check(&reserved, &Schedule { starts: starts.clone(), modes: vec![0; 5] }).is_empty());
        assert_eq!(ms3, 11);
        // The same generator on the plain project would not wait: reservations are per project.
        let plain = project();
        assert_eq!(Generator::new(&plain).serial_forward(&order, &mut starts), 5);
    }

    /// Two activities sharing one renewable unit; the second may run slow on one unit of money or
    /// fast on two, out of a budget of `money`.
    fn crew_or_budget(money: i64) -> Project {
        let resources = vec![
            Resource { kind: ResourceKind::Renewable, capacity: 2 },
            Resource { kind: ResourceKind::Nonrenewable, capacity: money },
        ];
        let mode = |duration, usage: [i64; 2]| Mode { duration, usage: usage.to_vec() };
        let activities = vec![
            Activity { modes: vec![mode(2, [1, 0])], release: 0 },
            Activity { modes: vec![mode(6, [1, 1]), mode(3, [2, 2])], release: 0 },
        ];
        Project::new(resources, activities, vec![]).unwrap()
    }

    #[test]
    fn the_mode_picking_pass_takes_the_earliest_finish_the_budget_allows() {
        let choices = |p: &Project| (0..2).map(|j| p.efficient_modes(j)).collect::<Vec<_>>();
        // Money for the fast mode: waiting for both units (start 2, end 5) beats the slow mode
        // beside the first activity (start 0, end 6).
        let rich = crew_or_budget(2);
        let mut g = Generator::new(&rich);
        let mut modes = vec![0, 0];
        g.set_modes(&modes);
        let mut starts = vec![0; 2];
        let makespan = g.serial_forward_choosing_modes(&[0, 1], &mut starts, &mut modes, &choices(&rich));
        assert_eq!((modes.clone(), starts.clone(), makespan), (vec![0, 1], vec![0, 2], 5));
        assert!(check(&rich, &Schedule { starts: starts.clone(), modes: modes.clone() }).is_empty());
        // The generator keeps the picked mode: a justification after it sees duration 3.
        let mut order = vec![0, 1];
        assert_eq!(g.forward_backward(&mut order, &mut starts, makespan), 5);

        // No money for it: the slow mode stays, however much later it ends.
        let poor = crew_or_budget(1);
        let mut g = Generator::new(&poor);
        let mut modes = vec![0, 0];
        g.set_modes(&modes);
        let makespan = g.serial_forward_choosing_modes(&[0, 1], &mut starts, &mut modes, &choices(&poor));
        assert_eq!((modes, makespan), (vec![0, 0], 6));

        // Justification that picks modes may trade back as well, and stays feasible.
        let mut g = Generator::new(&rich);
        let mut modes = vec![0, 1];
        g.set_modes(&modes);
        let makespan = g.serial_forward(&[0, 1], &mut starts);
        let mut order = vec![0, 1];
        let justified =
            g.forward_backward_choosing_modes(&mut order, &mut starts, makespan, &mut modes, &choices(&rich));
        assert!(check(&rich, &Schedule { starts, modes }).is_empty());
        assert_eq!(justified, 5);
    }

    #[test]
    fn parallel_is_feasible() {
        let p = project();
        let mut g = Generator::new(&p);
        let mut starts = vec![0; 5];
        let ms = g.parallel(&[0, 1, 0, 0, 0], &mut starts);
        assert_eq!(ms, 5);
        assert!(check(&p, &Schedule { starts, modes: vec![0; 5] }).is_empty());
    }
}
