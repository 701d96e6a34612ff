//! One walk through every schedule generator, shared by the property tests that check each
//! generated schedule against a different rule (plain feasibility, or reservations kept).

use prodos_sched::model::{Project, Schedule};
use prodos_sched::priority::{PriorityRule, priority_list};
use prodos_sched::sgs::Generator;

/// Runs the parallel and serial generators and forward-backward improvement under every priority
/// rule on a single-mode `project`, handing each schedule to `check`. Also asserts what holds for
/// every project: the parallel generator reports its schedule's makespan and forward-backward
/// improvement never makes the serial schedule longer.
pub fn check_every_generated_schedule(project: &Project, mut check: impl FnMut(&Schedule)) {
    let durations: Vec<i64> = project.activities().iter().map(|a| a.modes[0].duration).collect();
    let modes = vec![0; project.n_activities()];
    let mut generator = Generator::new(project);
    let mut starts = vec![0; project.n_activities()];
    let schedule = |starts: &[i64]| Schedule { starts: starts.to_vec(), modes: modes.clone() };
    for rule in PriorityRule::ALL {
        let keys = rule.keys(project, &durations);
        let ms = generator.parallel(&keys, &mut starts);
        check(&schedule(&starts));
        assert_eq!(ms, schedule(&starts).makespan(project), "{rule:?}: parallel makespan");
        let mut order = priority_list(project, &keys);
        let ms = generator.serial_forward(&order, &mut starts);
        check(&schedule(&starts));
        let improved = generator.forward_backward(&mut order, &mut starts, ms);
        assert!(improved <= ms, "{rule:?}: forward-backward made {ms} into {improved}");
        check(&schedule(&starts));
    }
}
