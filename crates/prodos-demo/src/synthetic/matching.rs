//! Seeded synthetic matching problems for the benchmark and the property tests: units of
//! sequential operations spread over a few working months, people with a few certifications,
//! part-time weeks, absences and credit balances. Same seed, same problem.

use prodos_matching::{Cert, Instance, Person, Problem};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

const MS_PER_MIN: i64 = 60_000;
const MIN_PER_DAY: i64 = 1440;
/// 2027-01-04, a Monday.
const FIRST_DAY: i64 = 20_822;
const DAY_START_MIN: i64 = 8 * 60;
const DAY_WORK_MIN: i64 = 8 * 60;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shape {
    pub instances: usize,
    pub people: usize,
    pub skills: usize,
    pub steps_per_unit: usize,
    /// Working days over which units start.
    pub horizon_days: i64,
}

impl Shape {
    /// The benchmark's shape: 5,000 instances × 500 people.
    pub fn benchmark() -> Shape {
        Shape { instances: 5_000, people: 500, skills: 24, steps_per_unit: 10, horizon_days: 60 }
    }
}

fn skill_name(skill: usize) -> String {
    format!("skill-{skill:02}")
}

/// The `n`-th working day (Monday to Friday) after the first.
fn working_day(n: i64) -> i64 {
    FIRST_DAY + n / 5 * 7 + n % 5
}

pub fn problem(seed: u64, shape: Shape) -> Problem {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let people = (0..shape.people)
        .map(|index| {
            let certs = (0..rng.random_range(1..=3))
                .map(|_| Cert {
                    skill: skill_name(rng.random_range(0..shape.skills)),
                    level: rng.random_range(1..=5),
                    expires_at: rng
                        .random_bool(0.1)
                        .then(|| (working_day(rng.random_range(0..shape.horizon_days)) * MIN_PER_DAY) * MS_PER_MIN),
                })
                .collect();
            let daily = if rng.random_bool(0.3) { 240 } else { 480 };
            let mut weekly_minutes = [daily, daily, daily, daily, daily, 0, 0];
            if rng.random_bool(0.2) {
                weekly_minutes[rng.random_range(0..5)] = 0;
            }
            let absences = if rng.random_bool(0.15) {
                let from = working_day(rng.random_range(0..shape.horizon_days));
                vec![(from, from + rng.random_range(0..10))]
            } else {
                Vec::new()
            };
            Person {
                handle: format!("p{index:04}"),
                certs,
                weekly_minutes,
                absences,
                credit_balance_milli: rng.random_range(0..50_000),
                busy: Vec::new(),
            }
        })
        .collect();
    let mut instances = Vec::with_capacity(shape.instances);
    while instances.len() < shape.instances {
        // One unit: sequential steps from a random morning, each inside one working day.
        let mut day_index = rng.random_range(0..shape.horizon_days);
        let mut minute = 0;
        let mut previous: Option<usize> = None;
        for _ in 0..shape.steps_per_unit {
            if instances.len() == shape.instances {
                break;
            }
            let duration = rng.random_range(2..=16) * 15;
            if minute + duration > DAY_WORK_MIN {
                day_index += 1;
                minute = 0;
            }
            let day = working_day(day_index);
            let start = (day * MIN_PER_DAY + DAY_START_MIN + minute) * MS_PER_MIN;
            let end = start + duration * MS_PER_MIN;
            minute += duration;
            let index = instances.len();
            instances.push(Instance {
                start,
                end,
                day_minutes: vec![(day, duration as u32)],
                skill: skill_name(rng.random_range(0..shape.skills)),
                level: [1, 1, 2, 2, 3, 4][rng.random_range(0..6)],
                crew: [1, 1, 1, 2, 2, 3][rng.random_range(0..6)],
                predecessors: previous.into_iter().collect(),
                fixed: Vec::new(),
                excluded: Vec::new(),
                planned: Vec::new(),
            });
            previous = Some(index);
        }
    }
    Problem { instances, people, weights: Default::default() }
}
