//! Activity-list genetic algorithm with forward–backward improvement (Hartmann 1998 encoding and
//! two-point crossover; every child justified as in Valls, Ballestín & Quintanilla 2005/2008).
//!
//! Why this method: the activity list with a serial SGS is the representation behind the best
//! schedule-budgeted heuristics in Kolisch & Hartmann (2006); FBI on every child is what lifts the
//! GA to the top of those tables, and the loop is simple enough to keep allocation-free and
//! deterministic. Multi-mode projects carry a mode gene per activity (Hartmann 2001) and are
//! ranked by nonrenewable overuse first, makespan second; half their children are decoded by
//! passes that also pick modes (Van Peteghem & Vanhoucke 2010), and dominated modes are never
//! tried.

use crate::cpm::min_durations;
use crate::model::{Project, ResourceKind, Schedule};
use crate::priority::{PriorityRule, sampled_list};
use crate::sgs::Generator;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

/// What a heuristic run is allowed to spend.
#[derive(Clone, Copy)]
pub struct Budget<'a> {
    /// Maximum schedule generation passes (`None`: only `should_stop` ends the run).
    pub max_schedules: Option<u64>,
    /// Asked between generations; `true` ends the run (e.g. a wall-clock limit in the shell).
    pub should_stop: &'a dyn Fn() -> bool,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct GaConfig {
    pub population: usize,
    pub mutation_prob: f64,
    /// Share of children that also get one shift move ([`Ga::shift_moves`]). An adjacent swap in
    /// a list ordered by start time mostly swaps activities that do not meet, so it rarely changes
    /// the schedule; moving one activity elsewhere between its predecessors and successors does.
    pub shift_mutation_prob: f64,
    /// Exponent of regret-based sampling for the initial population.
    pub sampling_alpha: f64,
    /// Generations without improvement of the best before half the population is re-sampled.
    pub restart_after: usize,
    /// Share of children made by peak crossover instead of two-point crossover.
    pub peak_crossover_prob: f64,
    /// Fraction of the schedule budget after which the second phase restarts the population from
    /// neighbours of the best (1.0 or more: never).
    pub second_phase_at: f64,
    /// Shift moves that make one neighbour of the best in the second phase, as a share of the
    /// number of activities.
    pub neighbour_move_share: f64,
    /// Choose parents by binary tournament instead of pairing every individual once.
    pub tournament_selection: bool,
    /// Maximum forward–backward rounds per child; rounds after the first run only while the
    /// previous one improved.
    pub fbi_rounds: usize,
    /// Fraction of the schedule budget after which every generation also re-optimises a window of
    /// the best schedule as a sub-project ([`crate::decompose`]; 1.0 or more: never).
    pub decomposition_at: f64,
    /// Activities in a decomposition window.
    pub window: usize,
    /// Schedules one sub-project may spend.
    pub sub_budget: u64,
    /// Population of the GA that solves a sub-project.
    pub sub_population: usize,
    /// Survivor diversity: a schedule whose start times differ from a better-ranked survivor's in
    /// fewer than this share of the activities (rounded up, at most `min_distance_cap`) is
    /// demoted behind all distinct ones. 0.0: only identical schedules are demoted.
    pub min_distance: f64,
    /// Upper bound of the activity count `min_distance` yields.
    pub min_distance_cap: usize,
    /// Multi-mode projects: the share of children whose decoding and justification pick each
    /// activity's mode as they go (the mode that finishes earliest without raising nonrenewable
    /// overuse); the others keep the modes they inherited.
    pub mode_choice_prob: f64,
    /// Projects with nonrenewable resources: a child whose modes overspend one gets up to this
    /// many single-mode repair tries per activity before it is decoded.
    pub child_repair_tries: usize,
}

impl GaConfig {
    /// A population sized to the schedule budget: small budgets need fast convergence.
    pub fn for_budget(max_schedules: Option<u64>) -> Self {
        let population = match max_schedules {
            Some(b) if b <= 6_000 => 40,
            Some(b) if b <= 20_000 => 100,
            // Large budgets gain from diversity: measured on a j120 sample, 200 beat 80 and 400.
            _ => 200,
        };
        GaConfig {
            population,
            mutation_prob: 0.05,
            // Measured with the copy rule of `Ga::evaluate_child` at 50,000 schedules: j120 31.03 %
            // → 30.97 % (seeds 1 and 2 alike), j60 10.633 % → 10.630 % (mean of seeds 1–3); 0.6 and
            // 1.0 gave j60 the same mean or worse.
            shift_mutation_prob: 0.3,
            sampling_alpha: 1.0,
            restart_after: 40,
            peak_crossover_prob: 0.5,
            fbi_rounds: 1,
            tournament_selection: false,
            second_phase_at: 0.6,
            neighbour_move_share: 0.25,
            // Off: on the benchmark samples it gained at most 0.04 % on j60 and lost on j120.
            decomposition_at: f64::INFINITY,
            window: 20,
            sub_budget: 300,
            sub_population: 20,
            // Measured on the full j60 set at 50,000 schedules: 10.63 % (mean of seeds 1–3)
            // against 10.685 % (seed 1) with only identical schedules demoted; j120 gained with
            // the cap at 16 and not with 31.
            min_distance: 0.25,
            min_distance_cap: 16,
            // Measured on PSPLIB j10/j20/j30 multi-mode at 5,000 schedules (seeds 1–3): 0.5 and
            // 0.75 tie, 1.0 loses 0.2 % on j10 (`ARCHITECTURE.md`).
            mode_choice_prob: 0.5,
            // Measured like `mode_choice_prob`: without repair j10/j20/j30 gave 0.20 / 1.08 /
            // 1.94 %, with 2, 5 or 20 tries 0.10 / 0.71 / 1.32 % alike (seed 1).
            child_repair_tries: 5,
        }
    }
}

#[derive(Debug, Clone)]
pub struct HeuristicOutcome {
    /// Best feasible schedule found, if any (a multi-mode project may have no feasible mode
    /// assignment).
    pub schedule: Option<Schedule>,
    pub makespan: Option<i64>,
    pub schedules_generated: u64,
}

#[derive(Clone)]
struct Individual {
    list: Vec<usize>,
    modes: Vec<usize>,
    /// Start times of the justified schedule `list` decodes to.
    starts: Vec<i64>,
    /// Nonrenewable overuse; 0 means mode-feasible.
    excess: i64,
    makespan: i64,
    /// Activities (of positive duration) that finish at the makespan.
    finishing_last: i64,
}

impl Individual {
    fn new(list: Vec<usize>, modes: Vec<usize>) -> Self {
        let n = modes.len();
        Individual { list, modes, starts: vec![0; n], excess: 0, makespan: 0, finishing_last: 0 }
    }

    /// Rank key, smaller is better. Among equally long schedules the one with fewer activities
    /// finishing at the end ranks first: it is the closer to a shorter one (one move may pull the
    /// last activity in). Measured on the full j60 set at 50,000 schedules (seed 1): alone it
    /// took the mean deviation from 10.70 % to 10.685 %, and with the near-copy rule of
    /// `GaConfig::min_distance` to 10.625 %; ties on the sum of starts, on weighted finishing
    /// times, on resource load near the end and on resource-constrained float did not help.
    fn fitness(&self) -> (i64, i64, i64) {
        (self.excess, self.makespan, self.finishing_last)
    }

    /// Whether the start times differ in fewer than `threshold` activities. Late activities
    /// differ first between near schedules, so scanning from the end stops sooner.
    fn closer_than(&self, other: &Individual, threshold: usize) -> bool {
        let mut differ = 0;
        for (a, b) in self.starts.iter().zip(&other.starts).rev() {
            differ += usize::from(a != b);
            if differ >= threshold {
                return false;
            }
        }
        true
    }
}

/// Nonrenewable overuse of a mode assignment, summed over nonrenewable resources.
pub fn nonrenewable_excess(project: &Project, modes: &[usize]) -> i64 {
    project.nonrenewable_left(modes).map(|left| (-left).max(0)).sum()
}

struct Ga<'p> {
    project: &'p Project,
    generator: Generator<'p>,
    rng: ChaCha8Rng,
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
    best: Option<(i64, Schedule)>,
    lower_bound: i64,
}

impl<'p> Ga<'p> {
    /// A GA for `project` whose random draws all come from `seed`.
    fn new(project: &'p Project, config: GaConfig, seed: u64) -> Self {
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
    fn evaluate(&mut self, ind: &mut Individual) {
        self.evaluate_child(ind, &[]);
    }

    /// Decodes `ind` and justifies the schedule, unless the decoding already gives the schedule of
    /// one of `parents`: then `ind` is a copy of it, is not justified, and `false` says to drop
    /// it. Copies are common once a population converges (measured: 27 % of the children on j60
    /// at 50,000 schedules, 7 % on j120), and this way each costs one pass instead of three.
    fn evaluate_child(&mut self, ind: &mut Individual, parents: &[&Individual]) -> bool {
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
        if parents.iter().any(|p| p.starts == ind.starts && p.modes == ind.modes) {
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
        true
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

    fn sample_individual(&mut self) -> Individual {
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
    fn shift_moves(&mut self, ind: &mut Individual, moves: usize) {
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
    fn decomposition_step(&mut self, elite: &Individual, budget: &Budget<'_>) -> Option<Individual> {
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
        let outcome = run(&sub.project, sub_config, sub_budget, seed, Some(&sub.current_list));
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

/// A hash of an individual's schedule (start times and modes).
fn schedule_hash(ind: &Individual) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    ind.starts.hash(&mut hasher);
    ind.modes.hash(&mut hasher);
    hasher.finish()
}

/// Runs the GA until the budget is spent, the stop callback fires, or the critical-path bound is
/// reached. Deterministic for a given `seed` when the stop callback is not time based.
///
/// Counting convention (as Kolisch & Hartmann 2006): every SGS pass is one schedule, so one child
/// costs three (forward SGS, then the backward and forward passes of FBI).
pub fn genetic_algorithm(project: &Project, config: GaConfig, budget: Budget<'_>, seed: u64) -> HeuristicOutcome {
    run(project, config, budget, seed, None)
}

/// The GA, optionally with `initial` (a precedence-feasible list) as its first individual.
fn run(
    project: &Project,
    config: GaConfig,
    budget: Budget<'_>,
    seed: u64,
    initial: Option<&[usize]>,
) -> HeuristicOutcome {
    let n = project.n_activities();
    let mut ga = Ga::new(project, config, seed);
    // Worst case per child: one forward pass plus two per justification round.
    let per_child = 1 + 2 * config.fbi_rounds.max(1) as u64;
    let can_afford = |ga: &Ga<'_>, count: u64| {
        budget.max_schedules.is_none_or(|max| ga.generator.schedules_generated + count * per_child <= max)
    };
    let done = |ga: &Ga<'_>| ga.best.as_ref().is_some_and(|(b, _)| *b <= ga.lower_bound) || (budget.should_stop)();

    let mut population: Vec<Individual> = Vec::with_capacity(2 * config.population);
    if let Some(list) = initial.filter(|_| can_afford(&ga, 1)) {
        let modes = (0..n).map(|j| project.shortest_executable_mode(j)).collect();
        let mut ind = Individual::new(list.to_vec(), modes);
        ga.evaluate(&mut ind);
        population.push(ind);
    }
    while population.len() < config.population && can_afford(&ga, 1) {
        let ind = ga.sample_individual();
        population.push(ind);
        if done(&ga) {
            break;
        }
    }
    let mut taken = vec![false; n];
    let mut seen_schedules = std::collections::HashSet::with_capacity(4 * config.population);
    let mut stale_generations = 0;
    let mut in_second_phase = false;
    let mut best_seen = ga.best.as_ref().map(|(b, _)| *b);
    let threshold = ((config.min_distance * n as f64).ceil() as usize).min(config.min_distance_cap);
    while population.len() >= 2 && !done(&ga) && can_afford(&ga, 2) {
        let pop_size = population.len();
        let pairs = pop_size / 2;
        population.sort_by_key(|a| a.fitness());
        for pair in 0..pairs {
            if !can_afford(&ga, 2) {
                break;
            }
            let (mother_idx, father_idx) = if config.tournament_selection {
                // Binary tournaments on the ranked population: the lower index wins.
                let pick = |ga: &mut Ga<'_>| ga.rng.random_range(0..pop_size).min(ga.rng.random_range(0..pop_size));
                let mother_idx = pick(&mut ga);
                let mut father_idx = pick(&mut ga);
                if father_idx == mother_idx {
                    father_idx = (mother_idx + 1 + ga.rng.random_range(0..pop_size - 1)) % pop_size;
                }
                (mother_idx, father_idx)
            } else {
                // Every parent once, in random pairs.
                if pair == 0 {
                    for i in (1..pop_size).rev() {
                        let k = ga.rng.random_range(0..=i);
                        population.swap(i, k);
                    }
                }
                (2 * pair, 2 * pair + 1)
            };
            let (mother, father) = (population[mother_idx].clone(), population[father_idx].clone());
            for (m, f) in [(&mother, &father), (&father, &mother)] {
                let mut child = Individual::new(Vec::with_capacity(n), m.modes.clone());
                if ga.rng.random_bool(config.peak_crossover_prob) {
                    ga.peak_crossover(m, f, &mut child);
                } else {
                    ga.crossover(m, f, &mut child, &mut taken);
                }
                ga.mutate(&mut child);
                if project.has_nonrenewable() {
                    // Parents' modes mixed may overspend a budget neither parent did.
                    ga.repair_modes(&mut child.modes, config.child_repair_tries);
                }
                if ga.evaluate_child(&mut child, &[m, f]) {
                    population.push(child);
                }
            }
        }
        // Ranking selection. Individuals whose schedule another better-ranked one already has go to
        // the back: many different lists decode to the same schedule, and without this a stalled
        // population fills with copies of its best (measured: up to half of all children on hard
        // j60 instances). Schedule identity is compared by hash; a collision only demotes. Near
        // copies (fewer than `threshold` different start times) go to the back as well, which
        // keeps the survivors spread over the plateau of equally long schedules.
        population.sort_by_key(|a| a.fitness());
        let mut kept: Vec<Individual> = Vec::with_capacity(2 * config.population);
        let mut dupes: Vec<Individual> = Vec::new();
        seen_schedules.clear();
        for ind in population.drain(..) {
            if !seen_schedules.insert(schedule_hash(&ind))
                || (threshold > 0
                    && kept.len() < config.population
                    && kept.iter().any(|other| ind.closer_than(other, threshold)))
            {
                dupes.push(ind);
            } else {
                kept.push(ind);
            }
        }
        kept.extend(dupes);
        kept.truncate(config.population);
        population = kept;

        let best_now = ga.best.as_ref().map(|(b, _)| *b);
        if best_now < best_seen || best_seen.is_none() {
            best_seen = best_now;
            stale_generations = 0;
        } else {
            stale_generations += 1;
        }
        let second_phase_due = budget
            .max_schedules
            .is_some_and(|max| ga.generator.schedules_generated as f64 >= config.second_phase_at * max as f64);
        if !in_second_phase && second_phase_due && !population.is_empty() {
            // Second phase (Valls et al. 2008): restart from neighbours of the best individual,
            // intensifying around it with a fresh, diverse population.
            in_second_phase = true;
            stale_generations = 0;
            let elite = population[0].clone();
            population.truncate(1);
            while population.len() < config.population && can_afford(&ga, 1) && !done(&ga) {
                let mut neighbour = elite.clone();
                ga.shift_moves(&mut neighbour, ((n as f64 * config.neighbour_move_share) as usize).max(1));
                ga.evaluate(&mut neighbour);
                population.push(neighbour);
            }
            population.sort_by_key(|a| a.fitness());
            continue;
        }
        let decomposition_due = budget
            .max_schedules
            .is_some_and(|max| ga.generator.schedules_generated as f64 >= config.decomposition_at * max as f64);
        if decomposition_due && !population.is_empty() && !done(&ga) {
            if let Some(child) = ga.decomposition_step(&population[0], &budget) {
                // In front, so that on a tie the stable sort makes it the next elite: a walk
                // across equally long schedules instead of re-cutting the same one.
                population.insert(0, child);
                population.sort_by_key(|a| a.fitness());
                population.truncate(config.population);
            }
        }
        if stale_generations >= config.restart_after {
            // Keep the better half, re-sample the rest: escapes a converged population.
            stale_generations = 0;
            let keep = population.len() / 2;
            population.truncate(keep);
            while population.len() < config.population && can_afford(&ga, 1) && !done(&ga) {
                let ind = ga.sample_individual();
                population.push(ind);
            }
        }
    }
    let schedules_generated = ga.generator.schedules_generated;
    let (makespan, schedule) = match ga.best {
        Some((m, s)) => (Some(m), Some(s)),
        None => (None, None),
    };
    HeuristicOutcome { schedule, makespan, schedules_generated }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checker::check;
    use crate::psplib::parse_sm;

    #[test]
    fn deterministic_and_feasible_on_small_instance() {
        let text = include_str!("../tests/data/tiny.sm");
        let p = parse_sm(text).unwrap();
        let never = || false;
        let budget = Budget { max_schedules: Some(600), should_stop: &never };
        let a = genetic_algorithm(&p, GaConfig::for_budget(Some(600)), budget, 42);
        let b = genetic_algorithm(&p, GaConfig::for_budget(Some(600)), budget, 42);
        assert_eq!(a.makespan, b.makespan);
        assert_eq!(a.schedule, b.schedule);
        assert!(a.schedules_generated <= 600);
        assert!(check(&p, a.schedule.as_ref().unwrap()).is_empty());
    }

    #[test]
    fn a_child_decoding_to_a_parents_schedule_costs_one_pass_and_is_dropped() {
        let p = parse_sm(include_str!("../tests/data/tiny.sm")).unwrap();
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
    fn near_copies_are_told_apart_by_how_many_starts_differ() {
        let mut a = Individual::new(vec![0, 1, 2, 3], vec![0; 4]);
        a.starts = vec![0, 2, 4, 6];
        let mut b = a.clone();
        b.starts[3] = 7;
        assert!(b.closer_than(&a, 2), "one differing start is nearer than two");
        assert!(!b.closer_than(&a, 1));
        b.starts[1] = 3;
        assert!(!b.closer_than(&a, 2), "two differing starts are not nearer than two");
    }

    #[test]
    fn equally_long_schedules_rank_by_how_many_activities_finish_last() {
        let mut crowded = Individual::new(vec![0, 1], vec![0; 2]);
        crowded.makespan = 10;
        crowded.finishing_last = 3;
        let mut lean = crowded.clone();
        lean.finishing_last = 1;
        let mut shorter = crowded.clone();
        shorter.makespan = 9;
        assert!(lean.fitness() < crowded.fitness());
        assert!(shorter.fitness() < lean.fitness());
    }
}
