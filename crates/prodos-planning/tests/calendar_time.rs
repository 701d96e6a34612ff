//! Unattended steps and lags run on real calendar time: a three-week cure lasts three weeks of
//! days and nights, and glue given 12 hours gets 12 real hours, wherever they fall in the week.

use prodos_core::plan::ScheduledOperation;
use prodos_core::*;

mod world;
use world::{Propose, World};

const MS_PER_MIN: i64 = 60_000;

#[test]
fn unattended_steps_and_lags_take_their_real_time() {
    let mut world = World::example();
    world.staff_for(1);
    let mandate = world.mandate(1, 3, "2027-06-01");
    let proposal = world.propose(mandate);
    assert!(proposal.verdict.infeasible.is_empty(), "{:?}", proposal.verdict.infeasible);
    let spec = world.state.designs.get(DesignId(1)).unwrap().latest().spec.clone();
    let find = |operation: &str, unit: u32| -> &ScheduledOperation {
        proposal.operations.iter().find(|op| op.operation == operation && op.unit == unit).unwrap()
    };

    let mut lags_checked = 0;
    for unit in 1..=3 {
        // The cure is exactly its three weeks of elapsed time, nights and weekends included.
        let cure = find("cure-lacquer", unit);
        assert_eq!(cure.end.millis() - cure.start.millis(), 30_240 * MS_PER_MIN, "{cure:?}");
        assert!(find("buff", unit).start >= cure.end);
        for operation in &spec.operations {
            for link in operation.after.iter().filter(|link| link.lag_min > 0) {
                let (before, after) = (find(&link.operation, unit), find(&operation.id, unit));
                assert!(
                    after.start.millis() >= before.end.millis() + link.lag_min * MS_PER_MIN,
                    "{} must wait {} real minutes after {}: {before:?} → {after:?}",
                    operation.id,
                    link.lag_min,
                    link.operation
                );
                lags_checked += 1;
            }
        }
    }
    assert!(lags_checked >= 15, "the guitar has five glue and filler lags per unit");
    // The verdict's finish is the last real end.
    assert_eq!(proposal.verdict.finish, proposal.operations.iter().map(|op| op.end).max());
    world.check_invariants();
}
