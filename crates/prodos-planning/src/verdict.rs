//! The verdict's figures: lateness against the due date, how busy each resource is and which one
//! is the bottleneck, and skill-hours needed vs what qualified people can give before the due date.

use crate::model::PlanningModel;
use crate::schedule::TimedSchedule;
use crate::staffing::Staffing;
use prodos_core::design::DesignSpec;
use prodos_core::plan::{Capacity, Day, ResourceLoad, SkillHours};
use prodos_core::time::Timestamp;
use std::collections::BTreeMap;

/// (on time, calendar days late, working days late) for a finish against the end of `due`.
pub fn lateness(capacity: &Capacity, finish: Timestamp, due: Day) -> (bool, i64, i64) {
    let due_end = due.plus(1).start();
    if finish <= due_end {
        return (true, 0, 0);
    }
    let late_ms = finish.millis() - due_end.millis();
    let late_days = crate::ceil_div(late_ms, Timestamp::MS_PER_DAY);
    let late_work_min = capacity.calendar.working_min_between(due_end, finish);
    let daily = i64::from(capacity.calendar.week.daily_work_min.max(1));
    (false, late_days, crate::ceil_div(late_work_min, daily))
}

/// Busy minutes and utilisation of every resource; the most utilised one first.
pub fn resource_loads(model: &PlanningModel, schedule: &TimedSchedule) -> Vec<ResourceLoad> {
    let project = &model.project;
    let makespan = schedule.makespan_min.max(1);
    let mut loads: Vec<ResourceLoad> = (0..project.n_resources())
        .map(|r| {
            let busy_work_min: i64 = (0..project.n_activities())
                .map(|j| (schedule.end_min[j] - schedule.start_min[j]) * project.activities()[j].modes[0].usage[r])
                .sum();
            let capacity = model.resource_capacity[r];
            let denominator = i64::from(capacity.max(1)) * makespan;
            ResourceLoad {
                resource: model.resource_names[r].clone(),
                capacity,
                busy_work_min,
                utilisation_permille: busy_work_min * 1000 / denominator,
            }
        })
        .collect();
    loads.sort_by(|a, b| b.utilisation_permille.cmp(&a.utilisation_permille).then_with(|| a.resource.cmp(&b.resource)));
    loads
}

/// Per skill: hands-on minutes the plan needs (duration × crew × units still to do) vs the working minutes the
/// people qualified for its lowest asked level give between `start` and the end of `due`.
pub fn skill_hours(
    spec: &DesignSpec,
    units_left: &dyn Fn(usize) -> u32,
    capacity: &Capacity,
    staffing: &Staffing,
    start: Timestamp,
    due: Day,
) -> Vec<SkillHours> {
    let window_min = capacity.calendar.working_min_between(start, due.plus(1).start());
    // Work per (skill, level asked); a row per level any operation asks, counting the work that
    // asks that level or more against the people at it or above, so a shortfall at level 3 shows
    // even when level 2 has people to spare.
    let mut asked: BTreeMap<(&str, u8), i64> = BTreeMap::new();
    for (op_idx, operation) in spec.operations.iter().enumerate().filter(|(_, op)| op.crew > 0) {
        let Some(skill) = operation.skill.as_deref() else { continue };
        let level = u8::try_from(operation.min_level.clamp(1, 5)).unwrap_or(1);
        *asked.entry((skill, level)).or_default() +=
            operation.duration_min * operation.crew * i64::from(units_left(op_idx));
    }
    asked
        .keys()
        .map(|&(skill, min_level)| {
            let needed_work_min = asked.range((skill, min_level)..=(skill, u8::MAX)).map(|(_, minutes)| minutes).sum();
            let counted = staffing.counted(skill, min_level);
            SkillHours {
                skill: skill.to_string(),
                min_level,
                needed_work_min,
                available_work_min: staffing.available_min(skill, min_level, window_min),
                qualified_people: staffing.qualified(skill, min_level),
                sole_holder: match counted.as_slice() {
                    [only] => Some(only.handle.to_string()),
                    _ => None,
                },
            }
        })
        .collect()
}
