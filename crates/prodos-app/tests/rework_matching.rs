//! A rework task is matched like any task: `match propose` offers it to someone qualified for the
//! reworked operation, the core accepts the proposal, and the matched person works it.

use prodos_app::matching::propose_match;
use prodos_core::execution::ExecutionCommand;
use prodos_core::matching::MatchingCommand;
use prodos_core::quality::{DispositionChoice, QualityCommand};
use prodos_core::*;
use prodos_testkit::*;

#[test]
fn match_propose_crews_an_open_rework_task_under_its_operations_skill_gate() {
    let mut world = shop_with_plan();
    for handle in ["dana", "erin"] {
        let minutes_per_weekday = [480, 480, 480, 480, 480, 0, 0];
        world.must(Command::People(people::PeopleCommand::SetAvailability {
            handle: handle.into(),
            minutes_per_weekday,
        }));
    }
    world.must(start("cut", 1, "erin"));
    world.must(complete("cut", 1, "erin"));
    world.must(verify("cut", 1, "dana"));
    world.must(start("assemble", 1, "erin"));
    world.must(complete("assemble", 1, "erin"));
    world.must(inspect("assemble", 1, 1.6, "dana"));
    let disposition = DispositionChoice::Rework { duration_min: Some(30), note: "re-glue".into() };
    world.must(Command::Quality(QualityCommand::Dispose { ncr: NonconformanceId(1), disposition, by: "dana".into() }));

    let rework = TaskRef { plan: PlanId(1), operation: "assemble~rework1".into(), unit: 1 };
    let run = propose_match(&world.state, PlanId(1), "carol", world.now).unwrap();
    let Command::Matching(MatchingCommand::ProposeMatch { crews, .. }) = &run.command else { panic!("a proposal") };
    let crew = crews.iter().find(|crew| crew.task == rework).expect("the rework task is matched");
    assert_eq!(crew.people.len(), 1);
    let worker = crew.people[0].clone();
    assert!(["dana", "erin"].contains(&worker.as_str()), "only joinery-certified people: {worker}");

    world.must(run.command.clone());
    world.must(Command::Matching(MatchingCommand::ConfirmMatch { plan: PlanId(1), by: "carol".into() }));
    world.must(Command::Matching(MatchingCommand::Accept { task: rework.clone(), handle: worker.clone() }));
    world.must(Command::Execution(ExecutionCommand::Start { task: rework, worker, with: vec![] }));
    world.check_invariants();
}
