//! Activity-list genetic algorithm with forward–backward improvement (Hartmann 1998 encoding and
//! two-point crossover; every child justified as in Valls, Ballestín & Quintanilla 2005/2008).
//!
//! Why this method: the activity list with a serial SGS is the representation behind the best
//! schedule-budgeted heuristics in Kolisch & Hartmann (2006); FBI on every child is what lifts the
//! GA to the top of those tables, and the loop is simple enough to keep allocation-free and
//! deterministic. Multi-mode projects carry a mode gene per activity (Hartmann 2001) and are
//! ranked by nonrenewable overuse first, makespan second; half their children are decoded by
//! passes that also pick modes (Van Peteghem & Vanhoucke 2010), and dominated modes are never
//! tried. Single-mode projects without release dates are searched in both directions at once: a
//! forward population and one on the mirrored project, each child decoded in its own direction
//! and justified into the other (Debels & Vanhoucke 2007), which justifies a child in two passes.
//!
//! - `individual`: a population member and its rank key;
//! - `breeding`: the operators (decoding, justification, crossover, mutation, mode repair);
//! - `evolve`: the generational loop, selection, phases and restarts.

mod breeding;
mod evolve;
mod individual;

use crate::model::{Project, Schedule};

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
    /// Two populations, one scheduling the project forward and one its mirror image (backward):
    /// each child is decoded in its own direction and justified into the other, so it costs two
    /// passes instead of FBI's three (the bi-population GA of Debels & Vanhoucke 2007). Only for
    /// single-mode projects without release dates or reservations ([`Project::mirrored`]); the
    /// others run one forward population with FBI.
    pub bidirectional: bool,
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
    /// Maximum forward–backward rounds per child justified in its own direction (and per fresh
    /// individual); rounds after the first run only while the previous one improved.
    pub fbi_rounds: usize,
    /// Fraction of the schedule budget after which every generation also re-optimises a window of
    /// the best schedule as a sub-project ([`crate::decompose`]; 1.0 or more: never). Runs only
    /// with a single forward population (not [`GaConfig::bidirectional`] on a mirrorable project).
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
            // Measured at 50,000 schedules (`EXPERIMENTS.md`): j60 10.630 → 10.581 % (mean of
            // seeds 1–3), j120 30.97 → 30.83 %; at 5,000 j120 32.74 → 32.45 %.
            bidirectional: true,
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
            // 0.75 tie, 1.0 loses 0.2 % on j10 (`EXPERIMENTS.md`).
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

/// Nonrenewable overuse of a mode assignment, summed over nonrenewable resources.
pub fn nonrenewable_excess(project: &Project, modes: &[usize]) -> i64 {
    project.nonrenewable_left(modes).map(|left| (-left).max(0)).sum()
}

/// Runs the GA until the budget is spent, the stop callback fires, or the critical-path bound is
/// reached. Deterministic for a given `seed` when the stop callback is not time based.
///
/// Counting convention (as Kolisch & Hartmann 2006): every SGS pass is one schedule, so one child
/// costs three (forward SGS, then the backward and forward passes of FBI), or two when it is
/// justified into the population of the other direction ([`GaConfig::bidirectional`]).
pub fn genetic_algorithm(project: &Project, config: GaConfig, budget: Budget<'_>, seed: u64) -> HeuristicOutcome {
    evolve::run(project, config, budget, seed, None)
}
