//! Priority rules (LFT, LST, MTS, GRPW, MSLK, SPT) and the activity lists they induce, including
//! regret-based biased random sampling (Drexl 1991) for diverse, good starting lists.

use crate::cpm::CriticalPath;
use crate::model::{Project, Schedule};
use crate::sgs::Generator;
use rand::Rng;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum PriorityRule {
    /// Minimum latest finish time.
    Lft,
    /// Minimum latest start time.
    Lst,
    /// Most total successors.
    Mts,
    /// Greatest rank positional weight: own duration plus durations of all successors.
    Grpw,
    /// Minimum slack.
    Mslk,
    /// Shortest processing time.
    Spt,
}

impl PriorityRule {
    pub const ALL: [PriorityRule; 6] = [
        PriorityRule::Lft,
        PriorityRule::Lst,
        PriorityRule::Mts,
        PriorityRule::Grpw,
        PriorityRule::Mslk,
        PriorityRule::Spt,
    ];

    /// One key per activity; smaller keys go first.
    pub fn keys(self, project: &Project, durations: &[i64]) -> Vec<i64> {
        let n = project.n_activities();
        let cp = CriticalPath::with_durations(project, durations, None);
        match self {
            PriorityRule::Lft => (0..n).map(|j| cp.latest_start[j] + durations[j]).collect(),
            PriorityRule::Lst => cp.latest_start.clone(),
            PriorityRule::Mslk => cp.slack.clone(),
            PriorityRule::Spt => durations.to_vec(),
            PriorityRule::Mts => transitive_successors(project).iter().map(|s| -(s.len() as i64)).collect(),
            PriorityRule::Grpw => transitive_successors(project)
                .iter()
                .enumerate()
                .map(|(j, succ)| -(durations[j] + succ.iter().map(|&k| durations[k]).sum::<i64>()))
                .collect(),
        }
    }
}

/// Which schedule generation scheme a single priority-rule pass uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Scheme {
    Serial,
    Parallel,
}

/// One deterministic pass of a priority rule, each activity in its shortest executable mode:
/// the classic single-pass heuristic, useful as a quick baseline or a fallback.
/// Nonrenewable capacities are not considered.
pub fn single_pass(project: &Project, rule: PriorityRule, scheme: Scheme) -> Schedule {
    let n = project.n_activities();
    let modes: Vec<usize> = (0..n).map(|j| project.shortest_executable_mode(j)).collect();
    let durations: Vec<i64> = (0..n).map(|j| project.activities()[j].modes[modes[j]].duration).collect();
    let keys = rule.keys(project, &durations);
    let mut generator = Generator::new(project);
    generator.set_modes(&modes);
    let mut starts = vec![0; n];
    match scheme {
        Scheme::Serial => {
            generator.serial_forward(&priority_list(project, &keys), &mut starts);
        }
        Scheme::Parallel => {
            generator.parallel(&keys, &mut starts);
        }
    }
    Schedule { starts, modes }
}

/// The set of all (transitive) successors of every activity.
fn transitive_successors(project: &Project) -> Vec<Vec<usize>> {
    let n = project.n_activities();
    let mut reach = vec![vec![false; n]; n];
    for &j in project.topological_order().iter().rev() {
        for &(k, _) in project.successors(j) {
            reach[j][k] = true;
            let (lo, hi) = reach.split_at_mut(j.max(k));
            let (row_j, row_k) = if j < k { (&mut lo[j], &hi[0]) } else { (&mut hi[0], &lo[k]) };
            for (a, &b) in row_j.iter_mut().zip(row_k.iter()) {
                *a |= b;
            }
        }
    }
    reach.into_iter().map(|row| (0..n).filter(|&k| row[k]).collect()).collect()
}

/// The precedence-feasible list that always takes the eligible activity with the smallest key.
pub fn priority_list(project: &Project, keys: &[i64]) -> Vec<usize> {
    build_list(project, |eligible| {
        let mut best = 0;
        for idx in 1..eligible.len() {
            if (keys[eligible[idx]], eligible[idx]) < (keys[eligible[best]], eligible[best]) {
                best = idx;
            }
        }
        best
    })
}

/// Regret-based biased random sampling: an eligible activity is drawn with probability
/// proportional to `(max_key - key + 1)^alpha`, where `max_key` is over the eligible set.
pub fn sampled_list(project: &Project, keys: &[i64], alpha: f64, rng: &mut impl Rng) -> Vec<usize> {
    let mut weights = Vec::new();
    build_list(project, |eligible| {
        let max_key = eligible.iter().map(|&j| keys[j]).max().unwrap_or(0);
        weights.clear();
        weights.extend(eligible.iter().map(|&j| ((max_key - keys[j] + 1) as f64).powf(alpha)));
        let total: f64 = weights.iter().sum();
        let mut draw = rng.random::<f64>() * total;
        for (idx, w) in weights.iter().enumerate() {
            draw -= w;
            if draw <= 0.0 {
                return idx;
            }
        }
        eligible.len() - 1
    })
}

fn build_list(project: &Project, mut choose: impl FnMut(&[usize]) -> usize) -> Vec<usize> {
    let n = project.n_activities();
    let mut missing: Vec<usize> = (0..n).map(|j| project.predecessors(j).len()).collect();
    let mut eligible: Vec<usize> = (0..n).filter(|&j| missing[j] == 0).collect();
    let mut list = Vec::with_capacity(n);
    while !eligible.is_empty() {
        let idx = choose(&eligible);
        let j = eligible.swap_remove(idx);
        list.push(j);
        for &(k, _) in project.successors(j) {
            missing[k] -= 1;
            if missing[k] == 0 {
                eligible.push(k);
            }
        }
    }
    list
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Activity, Mode, Precedence, Resource, ResourceKind};
    use rand::SeedableRng;

    fn chain_and_side() -> Project {
        let a = |d| Activity { modes: vec![Mode { duration: d, usage: vec![1] }], release: 0 };
        Project::new(
            vec![Resource { kind: ResourceKind::Renewable, capacity: 1 }],
            vec![a(1), a(5), a(1), a(1)],
            vec![Precedence { from: 0, to: 1, lag: 0 }, Precedence { from: 1, to: 2, lag: 0 }],
        )
        .unwrap()
    }

    #[test]
    fn lists_are_precedence_feasible() {
        let p = chain_and_side();
        let d = vec![1, 5, 1, 1];
        for rule in PriorityRule::ALL {
            let list = priority_list(&p, &rule.keys(&p, &d));
            let pos = |j| list.iter().position(|&x| x == j).unwrap();
            assert!(pos(0) < pos(1) && pos(1) < pos(2), "{rule:?}: {list:?}");
        }
        let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(7);
        let list = sampled_list(&p, &PriorityRule::Lft.keys(&p, &d), 1.0, &mut rng);
        assert_eq!(list.len(), 4);
        assert_eq!(PriorityRule::Mts.keys(&p, &d), vec![-2, -1, 0, 0]);
        assert_eq!(PriorityRule::Grpw.keys(&p, &d), vec![-7, -6, -1, -1]);
    }

    #[test]
    fn single_pass_schedules_are_feasible() {
        let p = chain_and_side();
        for rule in PriorityRule::ALL {
            for scheme in [Scheme::Serial, Scheme::Parallel] {
                let s = single_pass(&p, rule, scheme);
                assert!(crate::checker::check(&p, &s).is_empty(), "{rule:?} {scheme:?}");
                assert_eq!(s.makespan(&p), 8, "{rule:?} {scheme:?}");
            }
        }
    }
}
