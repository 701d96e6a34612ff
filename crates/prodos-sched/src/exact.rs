//! Exact search on the Pumpkin lazy-clause-generation CP solver: start-time variables, one
//! cumulative constraint per renewable resource, precedences with lags, release dates.
//!
//! Search is destructive lower bounding: ask for a schedule with makespan <= v under an
//! assumption, raising v after every refutation. Learned clauses survive between the calls, each
//! refutation is a proven lower bound (so a timeout still reports one), and the first satisfiable
//! v is optimal. The heuristic's makespan caps the domains, so a refutation of `ub - 1` proves the
//! heuristic schedule optimal. Single-mode projects only.

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
pub fn solve_exact(project: &Project, upper_bound: i64, lower_bound: i64, should_stop: &dyn Fn() -> bool) -> Option<ExactOutcome> {
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
            .add_constraint(pumpkin_solver::less_than_or_equals(vec![starts[p.from].scaled(1), starts[p.to].scaled(-1)], rhs, tag))
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
        solver
            .add_constraint(pumpkin_solver::cumulative(
                tasks.iter().map(|&j| starts[j]).collect::<Vec<_>>(),
                tasks.iter().map(|&j| durations[j] as i32).collect::<Vec<_>>(),
                tasks.iter().map(|&j| project.activities()[j].modes[0].usage[r] as i32).collect::<Vec<_>>(),
                resource.capacity as i32,
                tag,
            ))
            .post();
    }

    let mut brancher = solver.default_brancher();
    let mut resolver = ResolutionResolver::default();
    let mut termination = StopCallback(should_stop);
    let mut bound = cp.lower_bound;
    while bound < upper_bound {
        let assumption = [predicate!(makespan <= bound as i32)];
        match solver.satisfy_under_assumptions(&mut brancher, &mut termination, &mut resolver, &assumption) {
            SatisfactionResultUnderAssumptions::Satisfiable(sat) => {
                let solution = sat.solution();
                let schedule = Schedule {
                    starts: starts.iter().map(|&s| solution.get_integer_value(s) as i64).collect(),
                    modes: vec![0; n],
                };
                return Some(ExactOutcome { improved: Some(schedule), lower_bound: bound, proven_optimal: true });
            }
            SatisfactionResultUnderAssumptions::UnsatisfiableUnderAssumptions(_) => bound += 1,
            // Unsatisfiable without assumptions: nothing below the upper bound exists at all.
            SatisfactionResultUnderAssumptions::Unsatisfiable(_) => bound = upper_bound,
            SatisfactionResultUnderAssumptions::Unknown(_) => {
                return Some(ExactOutcome { improved: None, lower_bound: bound, proven_optimal: false });
            }
        }
    }
    Some(ExactOutcome { improved: None, lower_bound: upper_bound, proven_optimal: true })
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
