//! A search with people in the decoder. The engine ranks activity lists on pools, a relaxation
//! that lets one multi-skilled person serve two pools at once; decoding its best list with people
//! ([`staff`]) can lose much of what the relaxation promised. Here further lists are drawn by
//! regret-biased sampling on latest finish times, each decoded with people and then once more in
//! the order its own starts give (a cheap forward justification), and the shortest staffed
//! schedule is kept. Seeded, so the same seed and sample count give the same crews.

use crate::cpm::CriticalPath;
use crate::error::SchedError;
use crate::model::Project;
use crate::priority::{PriorityRule, sampled_list};
use crate::workforce::{Staffed, Workforce, order_by_start, staff};
use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;

/// Bias of the sampling toward the rule's order (Kolisch & Hartmann's usual regret exponent).
const ALPHA: f64 = 1.0;

/// The shortest staffed schedule among `first` (typically the pooled search's best list) and
/// `samples` sampled lists, each also re-decoded in its own start order. Ties keep the earlier
/// candidate, so `samples = 0` is exactly `staff(first)` improved by one re-decode.
pub fn staff_sampled(
    project: &Project,
    workforce: &Workforce,
    first: &[usize],
    samples: u32,
    seed: u64,
) -> Result<Staffed, SchedError> {
    let mut best = improved(project, workforce, staff(project, workforce, first)?)?;
    if samples == 0 {
        return Ok(best);
    }
    let durations: Vec<i64> = project.activities().iter().map(|a| a.modes[0].duration).collect();
    let keys = PriorityRule::Lft.keys(project, &durations);
    let bound = CriticalPath::of(project).lower_bound;
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    for _ in 0..samples {
        if best.makespan <= bound {
            break;
        }
        let list = sampled_list(project, &keys, ALPHA, &mut rng);
        let candidate = improved(project, workforce, staff(project, workforce, &list)?)?;
        if candidate.makespan < best.makespan {
            best = candidate;
        }
    }
    Ok(best)
}

/// Decodes the schedule's own start order once more and keeps the shorter of the two.
fn improved(project: &Project, workforce: &Workforce, staffed: Staffed) -> Result<Staffed, SchedError> {
    let again = staff(project, workforce, &order_by_start(project, &staffed.starts))?;
    Ok(if again.makespan < staffed.makespan { again } else { staffed })
}
