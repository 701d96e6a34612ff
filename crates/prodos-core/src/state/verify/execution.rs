//! Execution invariants for `State::check_invariants`: every consumed quantity traces to a lot of that
//! material with the recorded provenance; a task beyond ready has a worker in its crew; a
//! verified task's verifier is not in its crew.

use crate::state::State;

pub(super) fn check(state: &State) -> Result<(), String> {
    for (task, record) in state.execution.touched() {
        for consumption in &record.consumed {
            let lot = state
                .stock
                .lot(consumption.lot)
                .ok_or_else(|| format!("{task} consumed from unknown {}", consumption.lot))?;
            if lot.material != consumption.material || lot.provenance != consumption.provenance {
                return Err(format!("{task}'s consumption from {} does not match the lot", lot.id));
            }
            if !consumption.qty.is_positive() {
                return Err(format!("{task} consumed {} from {}", consumption.qty, lot.id));
            }
        }
        if record.status != crate::execution::TaskStatus::Ready && record.worker.is_none() {
            return Err(format!("{task} is {} without a worker", record.status.as_str()));
        }
        if record.status != crate::execution::TaskStatus::Ready
            && !record.worker.as_ref().is_some_and(|w| record.crew.contains(w))
        {
            return Err(format!("{task} is {} and its worker is not in its crew", record.status.as_str()));
        }
        if let Some(verifier) = &record.verified_by
            && record.crew.contains(verifier)
        {
            return Err(format!("{task} was verified by {verifier}, a member of its crew"));
        }
    }
    Ok(())
}
