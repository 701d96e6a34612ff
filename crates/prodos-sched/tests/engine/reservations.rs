//! Property tests for time-varying capacity: on random projects with random reservations, every
//! generator's schedule passes the checker and, counted time point by time point in a separate
//! tally, never uses more than the capacity the reservations leave.

use crate::generators::check_every_generated_schedule;
use prodos_sched::checker::check;
use prodos_sched::exact::solve_exact;
use prodos_sched::model::{Activity, Mode, Precedence, Project, Reservation, Resource, ResourceKind, Schedule};
use prodos_sched::solve::{SolveOptions, solve};
use proptest::prelude::*;

/// A random single-mode project over 1–3 renewable resources with 0–8 reservations, some of them
/// overlapping beyond the capacity.
pub fn reserved_project(max_activities: usize) -> impl Strategy<Value = Project> {
    (2..=max_activities, 1usize..=3, 0usize..=8, any::<u64>()).prop_map(|(n, n_ren, n_reservations, seed)| {
        use rand::{Rng, SeedableRng};
        let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(seed);
        let resources: Vec<Resource> =
            (0..n_ren).map(|_| Resource { kind: ResourceKind::Renewable, capacity: rng.random_range(1..=5) }).collect();
        let activities: Vec<Activity> = (0..n)
            .map(|_| Activity {
                modes: vec![Mode {
                    duration: rng.random_range(0..=6),
                    usage: resources.iter().map(|r| rng.random_range(0..=r.capacity)).collect(),
                }],
                release: if rng.random_bool(0.2) { rng.random_range(0..=8) } else { 0 },
            })
            .collect();
        let mut precedences = Vec::new();
        for from in 0..n {
            for to in from + 1..n {
                if rng.random_bool(0.2) {
                    precedences.push(Precedence { from, to, lag: rng.random_range(0..=2) });
                }
            }
        }
        let reservations: Vec<Reservation> = (0..n_reservations)
            .map(|_| {
                let resource = rng.random_range(0..n_ren);
                let start = rng.random_range(0..=20);
                Reservation {
                    resource,
                    start,
                    end: start + rng.random_range(1..=10),
                    amount: rng.random_range(1..=resources[resource].capacity + 1),
                }
            })
            .collect();
        Project::new(resources, activities, precedences)
            .and_then(|p| p.with_reservations(reservations))
            .expect("generated project is valid")
    })
}

/// Uses beyond what the reservations leave, tallied per unit time step (no event sweep).
fn overuse(project: &Project, schedule: &Schedule) -> Vec<(usize, i64)> {
    let horizon = (schedule.makespan(project).max(project.reservations_end()) + 1) as usize;
    let mut out = Vec::new();
    for (r, resource) in project.resources().iter().enumerate() {
        let mut left = vec![resource.capacity; horizon];
        for reservation in project.reservations().iter().filter(|res| res.resource == r) {
            for slot in &mut left[reservation.start as usize..reservation.end as usize] {
                *slot -= reservation.amount;
            }
        }
        let mut used = vec![0; horizon];
        for (j, activity) in project.activities().iter().enumerate() {
            let mode = &activity.modes[schedule.modes[j]];
            for slot in &mut used[schedule.starts[j] as usize..(schedule.starts[j] + mode.duration) as usize] {
                *slot += mode.usage[r];
            }
        }
        out.extend((0..horizon).filter(|&t| used[t] > 0 && used[t] > left[t].max(0)).map(|t| (r, t as i64)));
    }
    out
}

fn assert_within_reservations(project: &Project, schedule: &Schedule) {
    let violations = check(project, schedule);
    assert!(violations.is_empty(), "violations {violations:?} in {schedule:?} for {project:?}");
    let over = overuse(project, schedule);
    assert!(over.is_empty(), "over the capacity left at (resource, time) {over:?} in {schedule:?} for {project:?}");
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn generators_respect_reservations(project in reserved_project(20)) {
        check_every_generated_schedule(&project, |schedule| assert_within_reservations(&project, schedule));
        let never = || false;
        let solution = solve(&project, &SolveOptions { max_schedules: Some(300), ..SolveOptions::default() }, &never).unwrap();
        assert_within_reservations(&project, &solution.schedule);
    }

    #[test]
    fn exact_search_respects_reservations(project in reserved_project(8)) {
        let never = || false;
        let heuristic = solve(&project, &SolveOptions { max_schedules: Some(60), ..SolveOptions::default() }, &never).unwrap();
        let exact = solve_exact(&project, heuristic.makespan, heuristic.lower_bound, &never).unwrap();
        prop_assert!(exact.proven_optimal);
        if let Some(better) = exact.improved {
            assert_within_reservations(&project, &better);
            prop_assert!(better.makespan(&project) < heuristic.makespan);
        }
    }
}
