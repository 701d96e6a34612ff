//! Property tests for people as individuals: on random projects with reservations, random people
//! holding random subsets of qualification classes with random time away, and a random
//! precedence-feasible order, `staff` answers a schedule that the project checker accepts and
//! crews that the independent crew check accepts, and it never starts work before the order's
//! precedences and releases allow; sampling more lists with people (`staff_sampled`) only improves
//! on it.

use crate::reservations::reserved_project;
use prodos_sched::checker::check;
use prodos_sched::model::{Project, Schedule};
use prodos_sched::staff_search::staff_sampled;
use prodos_sched::workforce::{CrewDemand, Worker, Workforce, check_crews, order_by_start, staff};
use proptest::prelude::*;

const CLASSES: usize = 3;

fn workforce_for(project: &Project, seed: u64) -> Workforce {
    use rand::{Rng, SeedableRng};
    let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(seed);
    let people: Vec<Worker> = (0..rng.random_range(1..=5))
        .map(|index| Worker {
            name: format!("p{index}"),
            classes: (0..CLASSES)
                .map(|_| {
                    rng.random_bool(0.6).then(|| {
                        (0..rng.random_range(0..=2))
                            .map(|_| {
                                let from = rng.random_range(0..=15);
                                (from, from + rng.random_range(1..=6))
                            })
                            .collect()
                    })
                })
                .collect(),
        })
        .collect();
    let holders = |class: usize| people.iter().filter(|p| p.classes[class].is_some()).count() as u32;
    let demand = (0..project.n_activities())
        .map(|_| {
            let class = rng.random_range(0..CLASSES);
            (holders(class) > 0 && rng.random_bool(0.8))
                .then(|| CrewDemand { class, count: rng.random_range(1..=holders(class).min(2)) })
        })
        .collect();
    Workforce { people, demand }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn every_staffed_schedule_is_feasible_and_its_crews_hold(project in reserved_project(10), seed in any::<u64>()) {
        let workforce = workforce_for(&project, seed);
        // Any order the engine could hand over: by the starts of a schedule found without people.
        let keys: Vec<i64> = (0..project.n_activities()).map(|j| ((seed >> (j % 60)) & 7) as i64).collect();
        let order = order_by_start(&project, &keys);
        prop_assert_eq!(order.len(), project.n_activities());
        let staffed = staff(&project, &workforce, &order).expect("every demand has enough holders");
        let schedule = Schedule { starts: staffed.starts.clone(), modes: vec![0; project.n_activities()] };
        prop_assert!(check(&project, &schedule).is_empty(), "{:?}", check(&project, &schedule));
        prop_assert_eq!(staffed.makespan, schedule.makespan(&project));
        let problems = check_crews(&project, &workforce, &staffed.starts, &staffed.crews);
        prop_assert!(problems.is_empty(), "{problems:?}");
        // Sampling more lists with people in the decoder never does worse, and its crews hold too.
        let sampled = staff_sampled(&project, &workforce, &order, 8, seed).expect("staffable");
        prop_assert!(sampled.makespan <= staffed.makespan);
        let schedule = Schedule { starts: sampled.starts.clone(), modes: vec![0; project.n_activities()] };
        prop_assert!(check(&project, &schedule).is_empty(), "{:?}", check(&project, &schedule));
        let problems = check_crews(&project, &workforce, &sampled.starts, &sampled.crews);
        prop_assert!(problems.is_empty(), "{problems:?}");
    }
}
