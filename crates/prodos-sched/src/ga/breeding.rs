//! The GA's operators on individuals: decoding and justification, crossover, mutation, mode
//! repair, sampling, and the mirror step that hands a child to the other scheduling direction.

use super::individual::Individual;
use super::{Budget, GaConfig, nonrenewable_excess};
use crate::cpm::min_durations;
use crate::model::{Project, ResourceKind, Schedule};
use crate::priority::{PriorityRule, sampled_list};
use crate::sgs::Generator;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

pub(super) struct Ga<'p> {
    pub(super) project: &'p Project,
    pub(super) generator: Generator<'p>,
    pub(super) rng: ChaCha8Rng,
    config: GaConfig,
    direct_precedence: Vec<bool>,
    // Per activity, the executable mode with the smallest total nonrenewable usage.
    least_nonrenewable_modes: Vec<usize>,
    // Per activity, the modes worth trying: executable and not dominated by another.
    efficient_modes: Vec<Vec<usize>>,
    // Whether any activity has a choice of mode: then decoding picks modes too.
    multi_mode: bool,
    lft_keys: Vec<i64>,
    utilization: Vec<f64>,
    pub(super) best: Option<(i64, Schedule)>,
    pub(super) lower_bound: i64,
}

impl<'p> Ga<'p> {
    /// A GA for `project` whose random draws all come from `seed`.
    pub(super) fn new(project: &'p Project, config: GaConfig, seed: u64) -> Self {
        let n = project.n_activities();
        let mut direct_precedence = vec![false; n * n];
        for p in project.precedences() {
            direct_precedence[p.from * n + p.to] = true;
        }
        let min_d = min_durations(project);
        let lower_bound = crate::cpm::CriticalPath::with_durations(project, &min_d, None).lower_bound;
        let efficient_modes: Vec<Vec<usize>> = (0..n).map(|j| project.efficient_modes(j)).collect();
        let nonrenewable: Vec<usize> = project.nonrenewable_indices().collect();
        let least_nonrenewable_modes = efficient_modes
            .iter()
            .zip(project.activities())
            .map(|(choices, activity)| {
                choices
                    .iter()
                    .copied()
                    .min_by_key(|&m| {
                        let mode = &activity.modes[m];
                        (nonrenewable.iter().map(|&r| mode.usage[r]).sum::<i64>(), mode.duration)
                    })
                    .unwrap_or(0)
            })
            .collect();
        Ga {
            least_nonrenewable_modes,
            project,
            generator: Generator::new(project),
            rng: ChaCha8Rng::seed_from_u64(seed),
            config,
            direct_precedence,
            multi_mode: efficient_modes.iter().any(|choices| choices.len() > 1),
            efficient_modes,
            lft_keys: PriorityRule::Lft.keys(project, &min_d),
            utilization: Vec::new(),
            best: None,
            lower_bound,
        }
    }

    /// Decodes `ind` and justifies the schedule; see [`Ga::evaluate_child`].
    pub(super) fn evaluate(&mut self, ind: &mut Individual) {
        self.evaluate_child(ind, &[]);
    }

    /// Decodes `ind` and justifies the schedule, unless the decoding already gives the schedule of
    /// one of `parents`: then `ind` is a copy of it, is not justified, and `false` says to drop
    /// it. Copies are common once a population converges (measured: 27 % of the children on j60
    /// at 50,000 schedules, 7 % on j120), and this way each costs one pass instead of three.
    pub(super) fn evaluate_child(&mut self, ind: &mut Individual, parents: &[&Individual]) -> bool {
        self.generator.set_modes(&ind.modes);
        // Half the children (multi-mode only) are decoded picking modes as they go, the rest with
        // the modes they inherited: always picking collapses the mode genes onto the greedy choice
        // (see `GaConfig::mode_choice_prob`).
        let choose = self.multi_mode && self.rng.random_bool(self.config.mode_choice_prob);
        let ms = if choose {
            self.generator.serial_forward_choosing_modes(
                &ind.list,
                &mut ind.starts,
                &mut ind.modes,
                &self.efficient_modes,
            )
        } else {
            self.generator.serial_forward(&ind.list, &mut ind.starts)
        };
        if ind.copies_one_of(parents) {
            return false;
        }
        // Lamarckian: the justified order (and any modes picked) replace the child's.
        ind.makespan = if choose {
            self.generator.forward_backward_choosing_modes(
                &mut ind.list,
                &mut ind.starts,
                ms,
                &mut ind.modes,
                &self.efficient_modes,
            )
        } else {
            self.generator.forward_backward(&mut ind.list, &mut ind.starts, ms)
        };
        // Further justification rounds while they keep shortening the schedule.
        for _ in 1..self.config.fbi_rounds {
            let before = ind.makespan;
            ind.makespan = self.generator.forward_backward(&mut ind.list, &mut ind.starts, before);
            if ind.makespan >= before {
                break;
            }
        }
        self.adopt(ind);
        true
    }

    /// Decodes the child `ind` by the serial SGS alone (one pass), for the population of the
    /// other direction to justify ([`Ga::mirror`]). `false`, as in [`Ga::evaluate_child`], when it
    /// decodes to one of `parents`' schedules. Single-mode projects only: the two-direction GA
    /// does not run on the others.
    pub(super) fn decode_child(&mut self, ind: &mut Individual, parents: &[&Individual]) -> bool {
        debug_assert!(!self.multi_mode, "mode picking needs the FBI path");
        self.generator.set_modes(&ind.modes);
        ind.makespan = self.generator.serial_forward(&ind.list, &mut ind.starts);
        !ind.copies_one_of(parents)
    }

    /// `source`, a decoded schedule of the mirrored project, justified into this one: the serial
    /// SGS takes the activities by decreasing finish time in `source` (one pass). This is the
    /// backward pass of forward–backward improvement seen from the other side, so the result is
    /// never longer (Valls et al. 2005), and its list is the order it was decoded in.
    pub(super) fn mirror(&mut self, source: &Individual) -> Individual {
        let mut ind = Individual::new(source.list.clone(), source.modes.clone());
        self.generator.set_modes(&ind.modes);
        self.generator.order_by_decreasing_finish(&mut ind.list, &source.starts);
        ind.makespan = self.generator.serial_forward(&ind.list, &mut ind.starts);
        self.adopt(&mut ind);
        ind
    }

    /// Scores the decoded `ind` (nonrenewable overuse, activities finishing last) and records it
    /// if it is the best schedule so far.
    fn adopt(&mut self, ind: &mut Individual) {
        ind.excess = nonrenewable_excess(self.project, &ind.modes);
        let generator = &self.generator;
        ind.finishing_last = (0..ind.starts.len())
            .filter(|&j| {
                let duration = generator.duration(j);
                duration > 0 && ind.starts[j] + duration == ind.makespan
            })
            .count() as i64;
        if ind.excess == 0 && self.best.as_ref().is_none_or(|(b, _)| ind.makespan < *b) {
            self.best = Some((ind.makespan, Schedule { starts: ind.starts.clone(), modes: ind.modes.clone() }));
        }
    }

    /// A child of `mother` and `father`, not yet decoded: two-point or peak crossover, then
    /// mutation, then, with nonrenewable resources, a repair of the modes mixed from both
    /// (together they may overspend a budget neither parent did).
    pub(super) fn child_of(&mut self, mother: &Individual, father: &Individual, taken: &mut [bool]) -> Individual {
        let mut child = Individual::new(Vec::with_capacity(mother.list.len()), mother.modes.clone());
        if self.rng.random_bool(self.config.peak_crossover_prob) {
            self.peak_crossover(mother, father, &mut child);
        } else {
            self.crossover(mother, father, &mut child, taken);
        }
        self.mutate(&mut child);
        if self.project.has_nonrenewable() {
            self.repair_modes(&mut child.modes, self.config.child_repair_tries);
        }
        child
    }

    fn random_mode(&mut self, activity_idx: usize) -> usize {
        let choices = &self.efficient_modes[activity_idx];
        choices[self.rng.random_range(0..choices.len())]
    }

    fn random_modes(&mut self) -> Vec<usize> {
        let project = self.project;
        // Half the time start from a random mode, otherwise from the shortest: short modes are
        // what good schedules mostly use, and the repair below restores nonrenewable feasibility.
        let mut modes: Vec<usize> = (0..project.n_activities())
            .map(|j| {
                if self.efficient_modes[j].len() > 1 && self.rng.random_bool(0.5) {
                    self.random_mode(j)
                } else {
                    project.shortest_executable_mode(j)
                }
            })
            .collect();
        if project.has_nonrenewable() {
            self.repair_modes(&mut modes, 50);
            let excess = nonrenewable_excess(project, &modes);
            if excess > 0 {
                // Last resort: the modes with the least nonrenewable usage, feasible whenever any
                // assignment is for a single nonrenewable resource.
                let least = self.least_nonrenewable_modes.clone();
                if nonrenewable_excess(project, &least) < excess {
                    modes = least;
                }
            }
        }
        modes
    }

    /// Local repair (Hartmann 2001): up to `tries_per_activity` × n random single-mode changes,
    /// each kept when it does not raise the nonrenewable overuse, until there is none.
    fn repair_modes(&mut self, modes: &mut [usize], tries_per_activity: usize) {
        let project = self.project;
        let mut excess = nonrenewable_excess(project, modes);
        let mut tries = 0;
        while excess > 0 && tries < tries_per_activity * project.n_activities() {
            tries += 1;
            let j = self.rng.random_range(0..project.n_activities());
            if self.efficient_modes[j].len() < 2 {
                continue;
            }
            let old = modes[j];
            modes[j] = self.random_mode(j);
            let new_excess = nonrenewable_excess(project, modes);
            if new_excess <= excess {
                excess = new_excess;
            } else {
                modes[j] = old;
            }
        }
    }

    pub(super) fn sample_individual(&mut self) -> Individual {
        let list = sampled_list(self.project, &self.lft_keys, self.config.sampling_alpha, &mut self.rng);
        let modes = self.random_modes();
        let mut ind = Individual::new(list, modes);
        self.evaluate(&mut ind);
        ind
    }

    /// Two-point crossover: head and tail from `mother`, middle in `father`'s relative order.
    /// Each activity keeps the mode of the parent whose segment supplied it.
    fn crossover(&mut self, mother: &Individual, father: &Individual, child: &mut Individual, taken: &mut [bool]) {
        let n = mother.list.len();
        let mut q1 = self.rng.random_range(0..=n);
        let mut q2 = self.rng.random_range(0..=n);
        if q1 > q2 {
            std::mem::swap(&mut q1, &mut q2);
        }
        taken.iter_mut().for_each(|t| *t = false);
        child.list.clear();
        for &j in &mother.list[..q1] {
            child.list.push(j);
            taken[j] = true;
            child.modes[j] = mother.modes[j];
        }
        for &j in &father.list {
            if child.list.len() == q2 {
                break;
            }
            if !taken[j] {
                child.list.push(j);
                taken[j] = true;
                child.modes[j] = father.modes[j];
            }
        }
        for &j in &mother.list {
            if !taken[j] {
                child.list.push(j);
                taken[j] = true;
                child.modes[j] = mother.modes[j];
            }
        }
    }

    /// Peak crossover (Valls, Ballestín & Quintanilla 2008): keep the mother's most densely packed
    /// time window. Activities starting before the window come first in the father's order, those
    /// starting inside it follow in the mother's order (with her modes), the rest in the father's
    /// order. Each part is closed under predecessors, so the list stays precedence-feasible.
    fn peak_crossover(&mut self, mother: &Individual, father: &Individual, child: &mut Individual) {
        let horizon = mother.makespan.max(1) as usize;
        self.utilization.clear();
        self.utilization.resize(horizon + 1, 0.0);
        for (j, activity) in self.project.activities().iter().enumerate() {
            let mode = &activity.modes[mother.modes[j]];
            let weight: f64 = self
                .project
                .resources()
                .iter()
                .zip(&mode.usage)
                .filter(|(r, _)| r.kind == ResourceKind::Renewable && r.capacity > 0)
                .map(|(r, &u)| u as f64 / r.capacity as f64)
                .sum();
            let start = mother.starts[j] as usize;
            for slot in &mut self.utilization[start..(start + mode.duration as usize).min(horizon)] {
                *slot += weight;
            }
        }
        let window = self.rng.random_range((horizon / 4).max(1)..=(horizon / 2).max(1));
        let mut sum: f64 = self.utilization[..window].iter().sum();
        let (mut best_sum, mut best_from) = (sum, 0);
        for from in 1..=horizon - window {
            sum += self.utilization[from + window - 1] - self.utilization[from - 1];
            if sum > best_sum {
                (best_sum, best_from) = (sum, from);
            }
        }
        let (peak_from, peak_to) = (best_from as i64, (best_from + window) as i64);
        child.list.clear();
        child.modes.copy_from_slice(&father.modes);
        child.list.extend(father.list.iter().copied().filter(|&j| mother.starts[j] < peak_from));
        for &j in &mother.list {
            if (peak_from..peak_to).contains(&mother.starts[j]) {
                child.list.push(j);
                child.modes[j] = mother.modes[j];
            }
        }
        child.list.extend(father.list.iter().copied().filter(|&j| mother.starts[j] >= peak_to));
    }

    /// `moves` times: move a random activity to a random position between its last predecessor
    /// and its first successor in the list.
    pub(super) fn shift_moves(&mut self, ind: &mut Individual, moves: usize) {
        let n = ind.list.len();
        for _ in 0..moves {
            let from = self.rng.random_range(0..n);
            let j = ind.list[from];
            let mut lo = 0;
            let mut hi = n - 1;
            for (pos, &k) in ind.list.iter().enumerate() {
                if pos < from && self.direct_precedence[k * n + j] {
                    lo = pos + 1;
                }
                if pos > from && self.direct_precedence[j * n + k] {
                    hi = hi.min(pos - 1);
                }
            }
            let to = self.rng.random_range(lo..=hi);
            let item = ind.list.remove(from);
            ind.list.insert(to, item);
        }
    }

    /// One decomposition step on `elite`: a random window of its start-ordered list solved as a
    /// sub-project by a small GA, put back and the whole list decoded and justified. Returns the
    /// resulting individual when the window got shorter or equal with a different order (plateau
    /// moves keep the search going). Every sub-schedule is counted in the generator's total.
    pub(super) fn decomposition_step(&mut self, elite: &Individual, budget: &Budget<'_>) -> Option<Individual> {
        let n = elite.list.len();
        let window = self.config.window.min(n);
        // What is left after the sub-project must still pay for decoding the result.
        let per_child = 1 + 2 * self.config.fbi_rounds.max(1) as u64;
        let left = budget.max_schedules.map_or(u64::MAX, |max| max.saturating_sub(self.generator.schedules_generated));
        let sub_budget = self.config.sub_budget.min(left.saturating_sub(per_child));
        if window < 2 || sub_budget < 3 * self.config.sub_population as u64 {
            return None;
        }
        let mut order = elite.list.clone();
        order.sort_by_key(|&j| elite.starts[j]);
        let from = self.rng.random_range(0..=n - window);
        let to = from + window;
        let sub = crate::decompose::window_subproject(self.project, &order, &elite.starts, &elite.modes, from, to);
        let current_finish = order[from..to]
            .iter()
            .map(|&j| elite.starts[j] + self.project.activities()[j].modes[elite.modes[j]].duration)
            .max();
        let sub_config = GaConfig {
            population: self.config.sub_population,
            decomposition_at: f64::INFINITY,
            ..GaConfig::for_budget(Some(sub_budget))
        };
        let sub_budget = Budget { max_schedules: Some(sub_budget), should_stop: budget.should_stop };
        let seed = self.rng.random();
        let outcome = super::evolve::run(&sub.project, sub_config, sub_budget, seed, Some(&sub.current_list));
        self.generator.schedules_generated += outcome.schedules_generated;
        let (sub_schedule, sub_makespan) = (outcome.schedule?, outcome.makespan?);
        if Some(sub_makespan) > current_finish {
            return None;
        }
        let list = crate::decompose::reinsert(&order, from, to, &sub.members, &sub_schedule.starts);
        if list == order {
            return None;
        }
        let mut child = Individual::new(list, elite.modes.clone());
        self.evaluate(&mut child);
        Some(child)
    }

    /// Adjacent swaps and mode changes, each with `mutation_prob`, and with `shift_mutation_prob`
    /// one shift move.
    fn mutate(&mut self, ind: &mut Individual) {
        let n = ind.list.len();
        for pos in 0..n.saturating_sub(1) {
            if self.rng.random_bool(self.config.mutation_prob) {
                let (a, b) = (ind.list[pos], ind.list[pos + 1]);
                if !self.direct_precedence[a * n + b] {
                    ind.list.swap(pos, pos + 1);
                }
            }
        }
        for j in 0..n {
            if self.efficient_modes[j].len() > 1 && self.rng.random_bool(self.config.mutation_prob) {
                ind.modes[j] = self.random_mode(j);
            }
        }
        if self.rng.random_bool(self.config.shift_mutation_prob) {
            self.shift_moves(ind, 1);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checker::check;
    use crate::psplib::parse_sm;

    #[test]
    fn a_child_decoding_to_a_parents_schedule_costs_one_pass_and_is_dropped() {
        let p = parse_sm(include_str!("../../tests/data/tiny.sm")).unwrap();
        let mut ga = Ga::new(&p, GaConfig::for_budget(Some(600)), 3);
        let parent = ga.sample_individual();
        // The same list decodes to the parent's schedule: a copy, not worth justifying.
        let mut copy = Individual::new(parent.list.clone(), parent.modes.clone());
        let before = ga.generator.schedules_generated;
        assert!(!ga.evaluate_child(&mut copy, &[&parent]));
        assert_eq!(ga.generator.schedules_generated - before, 1);
        // A list that decodes to another schedule is justified (three passes) and kept.
        let other = (0..50)
            .map(|_| ga.sample_individual())
            .find(|other| other.starts != parent.starts)
            .expect("tiny.sm has more than one justified schedule");
        let mut child = Individual::new(other.list.clone(), other.modes.clone());
        let before = ga.generator.schedules_generated;
        assert!(ga.evaluate_child(&mut child, &[&parent]));
        assert_eq!(ga.generator.schedules_generated - before, 3);
        assert!(check(&p, &Schedule { starts: child.starts, modes: child.modes }).is_empty());
    }

    #[test]
    fn a_child_for_the_other_direction_costs_two_passes_and_is_never_longer_there() {
        let p = parse_sm(include_str!("../../tests/data/tiny.sm")).unwrap();
        let mirror = p.mirrored().unwrap();
        let config = GaConfig::for_budget(Some(600));
        let (mut forward, mut backward) = (Ga::new(&p, config, 5), Ga::new(&mirror, config, 6));
        let parent = forward.sample_individual();
        let mut copy = Individual::new(parent.list.clone(), parent.modes.clone());
        let before = forward.generator.schedules_generated;
        assert!(!forward.decode_child(&mut copy, &[&parent]), "a parent's schedule is a copy");
        assert_eq!(forward.generator.schedules_generated - before, 1);

        let other = (0..50)
            .map(|_| forward.sample_individual())
            .find(|other| other.starts != parent.starts)
            .expect("tiny.sm has more than one justified schedule");
        let mut child = Individual::new(other.list, other.modes);
        assert!(forward.decode_child(&mut child, &[&parent]));
        let mirrored = backward.mirror(&child);
        assert_eq!(backward.generator.schedules_generated, 1, "justifying into the mirror is one pass");
        assert!(mirrored.makespan <= child.makespan);
        let in_mirror = Schedule { starts: mirrored.starts.clone(), modes: mirrored.modes.clone() };
        assert!(check(&mirror, &in_mirror).is_empty());
        assert!(check(&p, &in_mirror.mirrored(&mirror)).is_empty());
    }
}
