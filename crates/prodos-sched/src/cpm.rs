//! Critical path method: earliest/latest starts, slack and the critical-path lower bound,
//! ignoring resources. Multi-mode activities use their shortest executable mode, so the bound stays
//! valid.

use crate::model::Project;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CriticalPath {
    pub earliest_start: Vec<i64>,
    /// Latest start that still meets `horizon`.
    pub latest_start: Vec<i64>,
    /// `latest_start - earliest_start`; zero on a critical path.
    pub slack: Vec<i64>,
    /// Earliest possible project end: the critical-path lower bound on the makespan.
    pub lower_bound: i64,
    /// The deadline the latest starts were computed against (the lower bound unless given).
    pub horizon: i64,
}

/// The shortest duration of every activity over its executable modes.
pub fn min_durations(project: &Project) -> Vec<i64> {
    (0..project.n_activities())
        .map(|j| project.activities()[j].modes[project.shortest_executable_mode(j)].duration)
        .collect()
}

impl CriticalPath {
    /// CPM with each activity's shortest mode, latest starts against the lower bound.
    pub fn of(project: &Project) -> CriticalPath {
        Self::with_durations(project, &min_durations(project), None)
    }

    /// CPM with given durations; latest starts against `horizon` (default: the lower bound).
    pub fn with_durations(project: &Project, durations: &[i64], horizon: Option<i64>) -> CriticalPath {
        let n = project.n_activities();
        let mut earliest_start: Vec<i64> = project.activities().iter().map(|a| a.release).collect();
        for &j in project.topological_order() {
            for &(k, lag) in project.successors(j) {
                earliest_start[k] = earliest_start[k].max(earliest_start[j] + durations[j] + lag);
            }
        }
        let lower_bound = (0..n).map(|j| earliest_start[j] + durations[j]).max().unwrap_or(0);
        let horizon = horizon.unwrap_or(lower_bound).max(lower_bound);
        let mut latest_start: Vec<i64> = (0..n).map(|j| horizon - durations[j]).collect();
        for &j in project.topological_order().iter().rev() {
            for &(k, lag) in project.successors(j) {
                latest_start[j] = latest_start[j].min(latest_start[k] - lag - durations[j]);
            }
        }
        let slack = (0..n).map(|j| latest_start[j] - earliest_start[j]).collect();
        CriticalPath { earliest_start, latest_start, slack, lower_bound, horizon }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Activity, Mode, Precedence, Resource, ResourceKind};

    #[test]
    fn chain_with_lag_and_release() {
        let a = |d, release| Activity { modes: vec![Mode { duration: d, usage: vec![0] }], release };
        let p = Project::new(
            vec![Resource { kind: ResourceKind::Renewable, capacity: 1 }],
            vec![a(2, 0), a(3, 0), a(1, 0), a(1, 4)],
            vec![
                Precedence { from: 0, to: 1, lag: 1 },
                Precedence { from: 0, to: 2, lag: 0 },
                Precedence { from: 2, to: 3, lag: 0 },
            ],
        )
        .unwrap();
        let cp = CriticalPath::of(&p);
        assert_eq!(cp.earliest_start, vec![0, 3, 2, 4]);
        assert_eq!(cp.lower_bound, 6);
        assert_eq!(cp.latest_start, vec![0, 3, 4, 5]);
        assert_eq!(cp.slack, vec![0, 0, 2, 1]);
    }
}
