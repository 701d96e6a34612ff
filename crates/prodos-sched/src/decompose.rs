//! Decomposition after Debels & Vanhoucke (2007, "A decomposition-based genetic algorithm for the
//! resource-constrained project-scheduling problem", Operations Research 55(3)): cut a window out
//! of a good schedule, solve it as a project of its own, and put the better piece back.
//!
//! The window is a run of consecutive activities of a justified schedule's start-ordered list.
//! Everything before it stays where it is and becomes capacity reserved away from the sub-project
//! ([`Reservation`]s); its start times become release dates of the window's activities; the
//! activities after it are left out and re-decoded behind the new piece. The sub-project's
//! makespan is the finish of the window's last activity, so a shorter piece leaves the rest more
//! room. A sub-project is small, so the same GA converges on it in a few hundred schedules where
//! it stalls on the whole project; every sub-schedule counts against the caller's budget.

use crate::model::{Activity, Mode, Precedence, Project, Reservation, ResourceKind};

/// A window of a schedule posed as a project of its own.
pub struct SubProject {
    pub project: Project,
    /// Original activity index of each sub-project activity.
    pub members: Vec<usize>,
    /// The window's current order, as a sub-project activity list (the piece to beat).
    pub current_list: Vec<usize>,
}

/// The sub-project of `order[from..to]` in the schedule `starts`/`modes`, `order` being a
/// precedence-feasible list sorted by start time. Window activities keep their current mode.
pub fn window_subproject(
    project: &Project,
    order: &[usize],
    starts: &[i64],
    modes: &[usize],
    from: usize,
    to: usize,
) -> SubProject {
    let n = project.n_activities();
    let members: Vec<usize> = order[from..to].to_vec();
    let mut local = vec![usize::MAX; n];
    for (i, &j) in members.iter().enumerate() {
        local[j] = i;
    }
    let fixed = |j: usize| local[j] == usize::MAX;
    let finish = |j: usize| starts[j] + project.activities()[j].modes[modes[j]].duration;
    let activities: Vec<Activity> = members
        .iter()
        .map(|&j| {
            let original = &project.activities()[j];
            let mode = &original.modes[modes[j]];
            // Only renewable capacity matters inside the window: the mode assignment, and so its
            // nonrenewable use, does not change here.
            let usage = project
                .resources()
                .iter()
                .zip(&mode.usage)
                .map(|(r, &u)| if r.kind == ResourceKind::Renewable { u } else { 0 })
                .collect();
            // Predecessors outside the window are all before it (the list is precedence-feasible).
            let release = project
                .predecessors(j)
                .iter()
                .filter(|&&(p, _)| fixed(p))
                .map(|&(p, lag)| finish(p) + lag)
                .fold(original.release, i64::max);
            Activity { modes: vec![Mode { duration: mode.duration, usage }], release }
        })
        .collect();
    let precedences: Vec<Precedence> = members
        .iter()
        .flat_map(|&j| project.successors(j).iter().filter(|&&(k, _)| !fixed(k)).map(move |&(k, lag)| (j, k, lag)))
        .map(|(j, k, lag)| Precedence { from: local[j], to: local[k], lag })
        .collect();
    // What the fixed head takes, plus whatever the project had reserved already.
    let mut reservations: Vec<Reservation> = project.reservations().to_vec();
    for &j in &order[..from] {
        let mode = &project.activities()[j].modes[modes[j]];
        if mode.duration == 0 {
            continue;
        }
        for (resource, (r, &amount)) in project.resources().iter().zip(&mode.usage).enumerate() {
            if r.kind == ResourceKind::Renewable && amount > 0 {
                reservations.push(Reservation { resource, start: starts[j], end: finish(j), amount });
            }
        }
    }
    let project = Project::new(project.resources().to_vec(), activities, precedences)
        .and_then(|p| p.with_reservations(reservations))
        .expect("a window of a valid project with a feasible schedule is a valid project");
    SubProject { project, current_list: (0..members.len()).collect(), members }
}

/// The full list with the window replaced by the sub-schedule's start order (ties keep the
/// window's order) and the activities after the window behind it, unchanged.
pub fn reinsert(order: &[usize], from: usize, to: usize, members: &[usize], sub_starts: &[i64]) -> Vec<usize> {
    let mut piece: Vec<usize> = (0..members.len()).collect();
    piece.sort_by_key(|&i| (sub_starts[i], i));
    let mut list = Vec::with_capacity(order.len());
    list.extend_from_slice(&order[..from]);
    list.extend(piece.iter().map(|&i| members[i]));
    list.extend_from_slice(&order[to..]);
    list
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checker::check;
    use crate::model::Schedule;
    use crate::sgs::Generator;
    use crate::sgs::tests::two_unit_project;

    /// Start; jobs 1 (3 days, both units), 2 (1 day, 1 unit), 3 (2 days, 1 unit), 4 (2 days, both
    /// units, after 2); end.
    fn project() -> Project {
        two_unit_project(
            &[(0, 0), (3, 2), (1, 1), (2, 1), (2, 2), (0, 0)],
            &[(0, 1), (0, 2), (0, 3), (2, 4), (1, 5), (3, 5), (4, 5)],
        )
    }

    #[test]
    fn window_keeps_the_head_as_reserved_capacity_and_releases() {
        let p = project();
        let mut g = Generator::new(&p);
        let order = vec![0, 1, 2, 3, 4, 5];
        let mut starts = vec![0; 6];
        g.serial_forward(&order, &mut starts);
        assert_eq!(starts, vec![0, 0, 3, 3, 5, 7]);
        let sub = window_subproject(&p, &order, &starts, &[0; 6], 2, 5);
        assert_eq!(sub.members, vec![2, 3, 4]);
        // Activity 1 (head) holds both units during [0, 3).
        assert_eq!(sub.project.reservations(), &[Reservation { resource: 0, start: 0, end: 3, amount: 2 }]);
        assert_eq!(sub.project.precedences(), &[Precedence { from: 0, to: 2, lag: 0 }]);
        // The sub-project poses exactly the window: decoding its current order puts every activity
        // where the whole schedule has it, and its makespan is the window's finish.
        let mut sg = Generator::new(&sub.project);
        let mut sub_starts = vec![0; 3];
        let sub_makespan = sg.serial_forward(&sub.current_list, &mut sub_starts);
        assert_eq!((sub_makespan, sub_starts.clone()), (7, vec![3, 3, 5]));
        // A swapped order within the window reinserts as the sub-schedule's start order.
        sg.serial_forward(&[1, 0, 2], &mut sub_starts);
        assert_eq!(sub_starts, vec![3, 3, 5]);
        let list = reinsert(&order, 2, 5, &sub.members, &sub_starts);
        assert_eq!(list, vec![0, 1, 2, 3, 4, 5]);
        let mut full = vec![0; 6];
        g.serial_forward(&list, &mut full);
        assert!(check(&p, &Schedule { starts: full, modes: vec![0; 6] }).is_empty());
    }
}
