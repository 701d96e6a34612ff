//! Exact search on the Pumpkin lazy-clause-generation CP solver: start-time variables, one
//! cumulative constraint per renewable resource, precedences with lags, release dates.
//!
//! Search is branch and bound by repeated satisfiability calls: ask for a makespan below the best
//! known under an assumption, so learned clauses survive between calls; a refutation proves the
//! best optimal. The heuristic's makespan is the first bound and caps every domain. On timeout the
//! lower bound reported is the makespan variable's root bound after what was learned.
//! Single-mode projects only. Reservations are fixed tasks in the cumulative constraints.

use crate::cpm::CriticalPath;
use crate::model::{Project, ResourceKind, Schedule};
use pumpkin_solver::Solver;
use pumpkin_solver::conflict_resolvers::resolvers::ResolutionResolver;
use pumpkin_solver::core::predicate;
use pumpkin_solver::core::results::{ProblemSolution, SatisfactionResultUnderAssumptions};
use pumpkin_solver::core::termination::TerminationCondition;
use pumpkin_solver::core::variables::{DomainId, TransformableVariable};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExactOutcome {
    /// A schedule better than the upper bound, if the search found one.
    pub improved: Option<Schedule>,
    /// Proven lower bound on the makespan.
    pub lower_bound: i64,
    /// True when `lower_bound` equals the best makespan known (the improved one or the bound given).
    pub proven_optimal: bool,
}

/// Adapts the engine's stop callback to Pumpkin's termination trait.
struct StopCallback<'a>(&'a dyn Fn() -> bool);

impl TerminationCondition for StopCallback<'_> {
    fn should_stop(&mut self) -> bool {
        (self.0)()
    }
}

/// Whether the exact model applies: one mode per activity and no nonrenewable resources.
pub fn supports(project: &Project) -> bool {
    !project.is_multi_mode() && !project.has_nonrenewable()
}

/// Searches for a schedule with makespan below `upper_bound` (a feasible makespan, e.g. from the
/// heuristic), starting from `lower_bound`. Returns `None` if the project is not supported.
pub fn solve_exact(
    project: &Project,
    upper_bound: i64,
    lower_bound: i64,
    should_stop: &dyn Fn() -> bool,
) -> Option<ExactOutcome> {
    if !supports(project) {
        return None;
    }
    if lower_bound >= upper_bound {
        return Some(ExactOutcome { improved: None, lower_bound: upper_bound, proven_optimal: true });
    }
    let n = project.n_activities();
    let durations: Vec<i64> = project.activities().iter().map(|a| a.modes[0].duration).collect();
    // Latest starts against ub - 1: only strictly better schedules are of interest.
    let cp = CriticalPath::with_durations(project, &durations, Some(upper_bound - 1));
    if cp.lower_bound > upper_bound - 1 {
        return Some(ExactOutcome { improved: None, lower_bound: upper_bound, proven_optimal: true });
    }
    let mut solver = Solver::default();
    let tag = solver.new_constraint_tag();
    let starts: Vec<DomainId> =
        (0..n).map(|j| solver.new_bounded_integer(cp.earliest_start[j] as i32, cp.latest_start[j] as i32)).collect();
    let makespan = solver.new_bounded_integer(cp.lower_bound as i32, (upper_bound - 1) as i32);
    for p in project.precedences() {
        let rhs = -(durations[p.from] + p.lag) as i32;
        solver
            .add_constraint(pumpkin_solver::less_than_or_equals(
                vec![starts[p.from].scaled(1), starts[p.to].scaled(-1)],
                rhs,
                tag,
            ))
            .post();
    }
    for j in 0..n {
        if project.successors(j).is_empty() {
            solver
                .add_constraint(pumpkin_solver::less_than_or_equals(
                    vec![starts[j].scaled(1), makespan.scaled(-1)],
                    -durations[j] as i32,
                    tag,
                ))
                .post();
        }
    }
    for (r, resource) in project.resources().iter().enumerate() {
        if resource.kind != ResourceKind::Renewable {
            continue;
        }
        let tasks: Vec<usize> =
            (0..n).filter(|&j| durations[j] > 0 && project.activities()[j].modes[0].usage[r] > 0).collect();
        if tasks.is_empty() {
            continue;
        }
        let mut task_starts: Vec<DomainId> = tasks.iter().map(|&j| starts[j]).collect();
        let mut task_durations: Vec<i32> = tasks.iter().map(|&j| durations[j] as i32).collect();
        let mut task_usages: Vec<i32> =
            tasks.iter().map(|&j| project.activities()[j].modes[0].usage[r] as i32).collect();
        // Reservations enter as fixed tasks, one per step of the reserved amount.
        for (from, to, amount) in reserved_steps(project, r) {
            task_starts.push(solver.new_bounded_integer(from as i32, from as i32));
            task_durations.push((to - from) as i32);
            task_usages.push(amount.min(resource.capacity) as i32);
        }
        solver
            .add_constraint(pumpkin_solver::cumulative(
                task_starts,
                task_durations,
                task_usages,
                resource.capacity as i32,
                tag,
            ))
            .post();
    }

    add_pairwise_disjunctions(project, &durations, &starts, &mut solver, tag);

    let mut brancher = solver.default_brancher();
    let mut resolver = ResolutionResolver::default();
    let mut termination = StopCallback(should_stop);
    // Upper-bounding: ask for anything better than the best so far under an assumption, so the
    // solver keeps what it learned; a refutation proves the best optimal.
    let mut best: Option<Schedule> = None;
    let mut best_makespan = upper_bound;
    loop {
        let assumption = [predicate!(makespan <= (best_makespan - 1) as i32)];
        match solver.satisfy_under_assumptions(&mut brancher, &mut termination, &mut resolver, &assumption) {
            SatisfactionResultUnderAssumptions::Satisfiable(sat) => {
                let solution = sat.solution();
                let schedule = Schedule {
                    starts: starts.iter().map(|&s| solution.get_integer_value(s) as i64).collect(),
                    modes: vec![0; n],
                };
                best_makespan = schedule.makespan(project);
                best = Some(schedule);
                if best_makespan <= cp.lower_bound {
                    return Some(ExactOutcome { improved: best, lower_bound: best_makespan, proven_optimal: true });
                }
            }
            SatisfactionResultUnderAssumptions::UnsatisfiableUnderAssumptions(_)
            | SatisfactionResultUnderAssumptions::Unsatisfiable(_) => {
                return Some(ExactOutcome { improved: best, lower_bound: best_makespan, proven_optimal: true });
            }
            SatisfactionResultUnderAssumptions::Unknown(_) => break,
        }
    }
    // Timed out: what root propagation plus learned clauses imply is still a valid bound.
    let root_bound = i64::from(solver.lower_bound(&makespan)).max(cp.lower_bound).min(best_makespan);
    Some(ExactOutcome { improved: best, lower_bound: root_bound, proven_optimal: root_bound >= best_makespan })
}

/// The reserved amount of resource `r` as maximal constant steps `(from, to, amount)`, amount > 0.
fn reserved_steps(project: &Project, r: usize) -> Vec<(i64, i64, i64)> {
    let mut changes: Vec<(i64, i64)> = Vec::new();
    for reservation in project.reservations().iter().filter(|res| res.resource == r) {
        changes.push((reservation.start, reservation.amount));
        changes.push((reservation.end, -reservation.amount));
    }
    changes.sort_unstable();
    let mut steps = Vec::new();
    let mut level = 0;
    let mut idx = 0;
    while idx < changes.len() {
        let time = changes[idx].0;
        while idx < changes.len() && changes[idx].0 == time {
            level += changes[idx].1;
            idx += 1;
        }
        if let Some(&(next, _)) = changes.get(idx) {
            if level > 0 {
                steps.push((time, next, level));
            }
        }
    }
    steps
}

/// Two unordered activities that together exceed some capacity cannot overlap: post the explicit
/// disjunction. Time-tabling alone only sees this once a compulsory part exists; the literal lets
/// the solver branch on and learn about the order directly.
fn add_pairwise_disjunctions(
    project: &Project,
    durations: &[i64],
    starts: &[DomainId],
    solver: &mut Solver,
    tag: pumpkin_solver::core::proof::ConstraintTag,
) {
    let n = project.n_activities();
    let mut reaches = vec![false; n * n];
    for &j in project.topological_order().iter().rev() {
        for &(k, _) in project.successors(j) {
            reaches[j * n + k] = true;
            for m in 0..n {
                if reaches[k * n + m] {
                    reaches[j * n + m] = true;
                }
            }
        }
    }
    let renewable: Vec<usize> = project.renewable_indices().collect();
    for i in 0..n {
        for j in i + 1..n {
            if durations[i] == 0 || durations[j] == 0 || reaches[i * n + j] || reaches[j * n + i] {
                continue;
            }
            let (ui, uj) = (&project.activities()[i].modes[0].usage, &project.activities()[j].modes[0].usage);
            if !renewable.iter().any(|&r| ui[r] + uj[r] > project.resources()[r].capacity) {
                continue;
            }
            let i_first = solver.new_literal();
            solver
                .add_constraint(pumpkin_solver::less_than_or_equals(
                    vec![starts[i].scaled(1), starts[j].scaled(-1)],
                    -durations[i] as i32,
                    tag,
                ))
                .implied_by(i_first);
            solver
                .add_constraint(pumpkin_solver::less_than_or_equals(
                    vec![starts[j].scaled(1), starts[i].scaled(-1)],
                    -durations[j] as i32,
                    tag,
                ))
                .implied_by(!i_first);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checker::check;
    use crate::psplib::parse_sm;

    #[test]
    fn proves_tiny_optimum() {
        let p = parse_sm(include_str!("../tests/data/tiny.sm")).unwrap();
        let never = || false;
        let horizon = p.trivial_horizon();
        let out = solve_exact(&p, horizon, 0, &never).unwrap();
        assert!(out.proven_optimal);
        let s = out.improved.unwrap();
        assert!(check(&p, &s).is_empty());
        assert_eq!(s.makespan(&p), out.lower_bound);
        // With the optimum as the upper bound, the search must refute everything below it.
        let again = solve_exact(&p, out.lower_bound, 0, &never).unwrap();
        assert_eq!(again, ExactOutcome { improved: None, lower_bound: out.lower_bound, proven_optimal: true });
    }
}
