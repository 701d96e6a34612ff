//! Runs prodos-sched on a planning model and reads the answer back: starts in working minutes,
//! slack, the critical chain (the precedence and resource links that fix the finish) and, when
//! participants staff the work, the crew of every operation. The engine searches with pools per
//! skill; its best order, and lists sampled around it, are then decoded with people as
//! individuals (`staff_search`), so the schedule taken is one that distinct people can staff.

use crate::model::PlanningModel;
use prodos_sched::cpm::CriticalPath;
use prodos_sched::error::SchedError;
use prodos_sched::solve::{SolveOptions, solve};
use prodos_sched::staff_search::staff_sampled;
use prodos_sched::workforce::{check_crews, order_by_start};
use prodos_sched::{Project, Schedule};

/// Lists sampled and decoded with people after the pooled search. On the 36 classic iMOPSE
/// multi-skill instances (`prodos bench imopse`) the staffed makespan averages 32.8 % over the
/// lower bound with the pooled list alone, 10.9 % with 30 samples, 8.7 % with 500; a decode with
/// people costs far more than a pooled one, so the planner takes 30.
const STAFF_SAMPLES: u32 = 30;

/// What the search may spend. Time is not measured here: the shell passes `should_stop`.
#[derive(Clone, Copy)]
pub struct SearchBudget<'a> {
    /// Schedules the heuristic may generate (`None`: until `should_stop`).
    pub max_schedules: Option<u64>,
    /// Also run exact search after the heuristic (only sensible with a time-based stop).
    pub exact: bool,
    pub seed: u64,
    pub should_stop: &'a dyn Fn() -> bool,
}

#[derive(Debug, Clone)]
pub struct TimedSchedule {
    /// The engine's schedule, in grains, and the project it is a schedule of (the durations and
    /// lags it was built with).
    pub schedule: Schedule,
    pub project: Project,
    /// Per activity, in working minutes from the plan start.
    pub start_min: Vec<i64>,
    pub end_min: Vec<i64>,
    pub slack_min: Vec<i64>,
    pub critical: Vec<bool>,
    /// Activities of the critical chain, first to last.
    pub critical_chain: Vec<usize>,
    /// Reservations of `project` (committed plans, people away) the chain's first activity waited
    /// for: it starts after its release, when they end, on a resource it uses.
    pub critical_wait: Vec<usize>,
    pub makespan_min: i64,
    pub lower_bound_min: i64,
    pub schedules_generated: u64,
    /// Per activity: the people (indices into the model's workforce) who do it; empty for work
    /// nobody staffs and when the model has no workforce.
    pub crews: Vec<Vec<usize>>,
}

pub fn schedule(model: &PlanningModel, budget: SearchBudget<'_>) -> Result<TimedSchedule, SchedError> {
    let options = SolveOptions {
        max_schedules: budget.max_schedules,
        seed: budget.seed,
        exact: budget.exact,
        ..SolveOptions::default()
    };
    let solution = solve(&model.project, &options, budget.should_stop)?;
    let (schedule, crews) = match &model.workforce {
        None => (solution.schedule, vec![Vec::new(); model.project.n_activities()]),
        Some(workforce) => {
            let order = order_by_start(&model.project, &solution.schedule.starts);
            let staffed = staff_sampled(&model.project, workforce, &order, STAFF_SAMPLES, budget.seed)?;
            // The independent crew check guards every answer: a violation is a bug in `staff`.
            let problems = check_crews(&model.project, workforce, &staffed.starts, &staffed.crews);
            assert!(problems.is_empty(), "staffed schedule names impossible crews: {problems:?}");
            (Schedule { starts: staffed.starts, modes: solution.schedule.modes }, staffed.crews)
        }
    };
    Ok(timed(&model.project, model.grain_min, schedule, crews, solution.lower_bound, solution.schedules_generated))
}

/// Reads a schedule of `project` (single-mode, in grains) back: minutes, slack, critical chain.
pub fn timed(
    project: &Project,
    grain: i64,
    schedule: Schedule,
    crews: Vec<Vec<usize>>,
    lower_bound: i64,
    schedules_generated: u64,
) -> TimedSchedule {
    let n = project.n_activities();
    let starts = &schedule.starts;
    let durations: Vec<i64> = (0..n).map(|j| project.activities()[j].modes[0].duration).collect();
    let finish: Vec<i64> = (0..n).map(|j| starts[j] + durations[j]).collect();
    let makespan = schedule.makespan(project);

    let chain = critical_chain(project, starts, &finish, &crews);
    let critical_wait = chain.first().map_or_else(Vec::new, |&first| awaited_reservations(project, starts, first));
    let mut critical = vec![false; n];
    for &j in &chain {
        critical[j] = true;
    }
    // Precedence slack against the achieved makespan; the chain itself has none.
    let cpm = CriticalPath::with_durations(project, &durations, Some(makespan));
    let slack_min =
        (0..n).map(|j| if critical[j] { 0 } else { (cpm.latest_start[j] - starts[j]).max(0) * grain }).collect();
    TimedSchedule {
        start_min: starts.iter().map(|s| s * grain).collect(),
        end_min: finish.iter().map(|f| f * grain).collect(),
        slack_min,
        critical,
        critical_chain: chain,
        critical_wait,
        makespan_min: makespan * grain,
        lower_bound_min: lower_bound * grain,
        schedules_generated,
        schedule,
        project: project.clone(),
        crews,
    }
}

/// The reservations on `activity`'s resources that end exactly when it starts after its release:
/// with nothing of the project ending then (the chain would have gone on), capacity they held is
/// what it waited for.
fn awaited_reservations(project: &Project, starts: &[i64], activity: usize) -> Vec<usize> {
    let start = starts[activity];
    let usage = &project.activities()[activity].modes[0].usage;
    if start <= project.activities()[activity].release {
        return Vec::new();
    }
    (project.reservations().iter().enumerate())
        .filter(|(_, r)| r.end == start && usage[r.resource] > 0)
        .map(|(idx, _)| idx)
        .collect()
}

/// Walks back from the last activity to finish: to a predecessor that ends (plus lag) exactly
/// when it starts, else to an activity sharing a resource or a crew member that ends exactly
/// then, until an activity starts at its release or at time zero.
fn critical_chain(project: &Project, starts: &[i64], finish: &[i64], crews: &[Vec<usize>]) -> Vec<usize> {
    let n = project.n_activities();
    let Some(mut current) = (0..n).max_by_key(|&j| (finish[j], std::cmp::Reverse(j))) else { return Vec::new() };
    let mut chain = vec![current];
    let mut visited = vec![false; n];
    visited[current] = true;
    let uses = |j: usize, r: usize| project.activities()[j].modes[0].usage[r] > 0;
    while starts[current] > project.activities()[current].release {
        let start = starts[current];
        let by_precedence = project
            .predecessors(current)
            .iter()
            .find(|&&(p, lag)| finish[p] + lag == start && !visited[p])
            .map(|&(p, _)| p);
        let by_resource = || {
            (0..n).find(|&q| {
                !visited[q]
                    && finish[q] == start
                    && ((0..project.n_resources()).any(|r| uses(q, r) && uses(current, r))
                        || crews[q].iter().any(|person| crews[current].contains(person)))
            })
        };
        match by_precedence.or_else(by_resource) {
            Some(previous) => {
                visited[previous] = true;
                chain.push(previous);
                current = previous;
            }
            None => break,
        }
    }
    chain.reverse();
    chain
}
