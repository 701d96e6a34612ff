//! Property tests: on random project graphs (single- and multi-mode, with lags and release dates)
//! every generated schedule passes the independent checker and respects the critical-path bound.

use crate::generators::check_every_generated_schedule;
use prodos_sched::checker::check;
use prodos_sched::cpm::CriticalPath;
use prodos_sched::exact::solve_exact;
use prodos_sched::ga::GaConfig;
use prodos_sched::model::{Activity, Mode, Precedence, Project, Resource, ResourceKind, Schedule};
use prodos_sched::solve::{SolveOptions, solve};
use proptest::prelude::*;

/// A random project: `n` activities, a DAG over index order, 1–3 renewable resources and,
/// for multi-mode, one nonrenewable resource with a capacity that the cheapest modes meet.
fn project_strategy(max_modes: usize, max_activities: usize) -> impl Strategy<Value = Project> {
    (2..=max_activities, 1usize..=3, 1..=max_modes, any::<u64>()).prop_map(move |(n, n_ren, n_modes, seed)| {
        use rand::{Rng, SeedableRng};
        let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(seed);
        let with_nonrenewable = n_modes > 1;
        let mut resources: Vec<Resource> =
            (0..n_ren).map(|_| Resource { kind: ResourceKind::Renewable, capacity: rng.random_range(1..=8) }).collect();
        if with_nonrenewable {
            resources.push(Resource { kind: ResourceKind::Nonrenewable, capacity: 0 });
        }
        let mut cheapest_total = 0;
        let activities: Vec<Activity> = (0..n)
            .map(|_| {
                // Modes after the first may exceed a renewable capacity, as some PSPLIB modes do.
                let modes: Vec<Mode> = (0..n_modes)
                    .map(|mode_idx| Mode {
                        duration: rng.random_range(0..=7),
                        usage: resources
                            .iter()
                            .map(|r| match r.kind {
                                ResourceKind::Renewable => rng.random_range(0..=r.capacity + i64::from(mode_idx > 0)),
                                ResourceKind::Nonrenewable => rng.random_range(0..=5),
                            })
                            .collect(),
                    })
                    .collect();
                if with_nonrenewable {
                    // Mode 0 is always executable, so its usage keeps the instance feasible.
                    cheapest_total += modes[0].usage[n_ren];
                }
                let release = if rng.random_bool(0.2) { rng.random_range(0..=10) } else { 0 };
                Activity { modes, release }
            })
            .collect();
        if with_nonrenewable {
            resources[n_ren].capacity = cheapest_total + rng.random_range(0..=5);
        }
        let mut precedences = Vec::new();
        for from in 0..n {
            for to in from + 1..n {
                if rng.random_bool(0.25) {
                    let lag = if rng.random_bool(0.3) { rng.random_range(0..=3) } else { 0 };
                    precedences.push(Precedence { from, to, lag });
                }
            }
        }
        Project::new(resources, activities, precedences).expect("generated project is valid")
    })
}

fn assert_feasible(project: &Project, schedule: &Schedule) {
    let violations = check(project, schedule);
    assert!(violations.is_empty(), "violations {violations:?} in {schedule:?} for {project:?}");
    assert!(schedule.makespan(project) >= CriticalPath::of(project).lower_bound);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    #[test]
    fn single_mode_generators_are_feasible(project in project_strategy(1, 25)) {
        check_every_generated_schedule(&project, |schedule| assert_feasible(&project, schedule));
        let never = || false;
        let solution = solve(&project, &SolveOptions { max_schedules: Some(300), ..SolveOptions::default() }, &never).unwrap();
        assert_feasible(&project, &solution.schedule);
        prop_assert!(solution.schedules_generated <= 300);
    }

    #[test]
    fn the_two_direction_ga_answers_feasibly_within_budget(project in project_strategy(1, 25)) {
        // Without release dates the project has a mirror image, and half the search runs there.
        let activities = project.activities().iter().map(|a| Activity { release: 0, ..a.clone() }).collect();
        let project = Project::new(project.resources().to_vec(), activities, project.precedences().to_vec()).unwrap();
        prop_assert!(project.mirrored().is_some());
        let never = || false;
        let options = SolveOptions { max_schedules: Some(400), seed: 9, ..SolveOptions::default() };
        let solution = solve(&project, &options, &never).unwrap();
        assert_feasible(&project, &solution.schedule);
        prop_assert_eq!(solution.schedule.makespan(&project), solution.makespan);
        prop_assert!(solution.schedules_generated <= 400);
        prop_assert_eq!(solve(&project, &options, &never).unwrap(), solution);
    }

    #[test]
    fn decomposition_keeps_solutions_feasible_and_within_budget(project in project_strategy(3, 25)) {
        let never = || false;
        // Small windows and sub-budgets so that even tiny projects go through sub-projects, which
        // run on the single forward population.
        let ga = GaConfig {
            bidirectional: false,
            decomposition_at: 0.0,
            window: 6,
            sub_budget: 60,
            sub_population: 4,
            ..GaConfig::for_budget(Some(600))
        };
        let options = SolveOptions { max_schedules: Some(600), seed: 5, ga: Some(ga), ..SolveOptions::default() };
        let solution = solve(&project, &options, &never).unwrap();
        assert_feasible(&project, &solution.schedule);
        prop_assert!(solution.schedules_generated <= 600);
        prop_assert_eq!(solve(&project, &options, &never).unwrap(), solution);
    }

    #[test]
    fn multi_mode_solutions_are_feasible(project in project_strategy(3, 20)) {
        let never = || false;
        let solution = solve(&project, &SolveOptions { max_schedules: Some(300), seed: 3, ..SolveOptions::default() }, &never).unwrap();
        assert_feasible(&project, &solution.schedule);
        prop_assert!(solution.makespan >= solution.lower_bound);
    }

    #[test]
    fn exact_never_beats_a_true_bound_and_stays_feasible(project in project_strategy(1, 10)) {
        let never = || false;
        let heuristic = solve(&project, &SolveOptions { max_schedules: Some(60), ..SolveOptions::default() }, &never).unwrap();
        let exact = solve_exact(&project, heuristic.makespan, heuristic.lower_bound, &never).unwrap();
        prop_assert!(exact.proven_optimal);
        prop_assert!(exact.lower_bound >= CriticalPath::of(&project).lower_bound);
        if let Some(better) = exact.improved {
            assert_feasible(&project, &better);
            prop_assert_eq!(better.makespan(&project), exact.lower_bound);
            prop_assert!(exact.lower_bound < heuristic.makespan);
        } else {
            prop_assert_eq!(exact.lower_bound, heuristic.makespan);
        }
    }
}
