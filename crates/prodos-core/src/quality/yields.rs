//! First-pass yield of a design version: in the order tasks were first inspected, whether every
//! check of the task conformed at its first inspection. Design review reads it against the
//! minimum the design sets; a CAPA on yield counts the tasks inspected since its decision.

use super::model::Inspection;
use crate::ids::{DesignRef, InspectionId, TaskRef};
use crate::measure::Conformity;
use crate::time::Timestamp;
use std::collections::BTreeMap;

/// One inspected task of a version and how its first inspections went.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TaskYield {
    pub task: TaskRef,
    pub passed: bool,
    /// The first inspection out of tolerance, for a task that failed.
    pub failed_by: Option<InspectionId>,
}

/// The tasks of `design` first inspected after `since` (all of them with `None`), oldest first.
pub fn first_pass<'a>(
    inspections: impl Iterator<Item = &'a Inspection>,
    design: DesignRef,
    since: Option<Timestamp>,
) -> Vec<TaskYield> {
    let mut tasks: Vec<TaskYield> = Vec::new();
    let mut index_of: BTreeMap<&TaskRef, usize> = BTreeMap::new();
    let mut checked: BTreeMap<(&TaskRef, &str), ()> = BTreeMap::new();
    for inspection in inspections.filter(|inspection| inspection.design == design) {
        let index = match index_of.get(&inspection.task) {
            Some(index) => *index,
            None => {
                if since.is_some_and(|since| inspection.at <= since) {
                    continue;
                }
                index_of.insert(&inspection.task, tasks.len());
                tasks.push(TaskYield { task: inspection.task.clone(), passed: true, failed_by: None });
                tasks.len() - 1
            }
        };
        if checked.insert((&inspection.task, inspection.series.check.as_str()), ()).is_some() {
            continue; // a re-inspection: first pass is decided by the first one
        }
        if inspection.conformity == Conformity::OutOfTolerance && tasks[index].passed {
            tasks[index].passed = false;
            tasks[index].failed_by = Some(inspection.id);
        }
    }
    tasks
}
