//! Maps a design's build sequence × units onto prodos-sched's model: one activity per operation
//! per unit, finish-to-start links with lags inside each unit, release dates from material
//! arrivals, and renewable resources for tools, workstations and qualified people.
//!
//! People: an operation asking for `crew` people of skill S at level ≥ L may be staffed by anyone
//! at L or above. Within one skill, qualification sets are nested, so (Hall's theorem) a staffing
//! exists at every instant iff, for every level threshold k, the crews of running operations
//! asking ≥ k fit the people at ≥ k: one pool resource per (skill, required level). Across skills
//! a person certified in several is counted in each pool, so pools alone would let one person be
//! in two places; for skills counted from participants the model also carries the people as
//! individuals (`workforce`: one class per (skill, level), each person's time away per class),
//! and the schedule is only taken with a crew of distinct people named for every operation.
//!
//! Time: the schedule runs in working minutes. Hands-on durations already are; elapsed ones (an
//! unattended finish curing, a glue lag) are restated at the calendar's working share for the
//! search, because curing goes on through nights and weekends; `calendar_time` then re-times
//! them on real time for the dates. Everything is then divided by a common grain so
//! the engine's time-indexed profile stays small.

use crate::sharing::{CommittedLoad, SharedLoad};
use crate::staffing::Staffing;
use prodos_core::design::{DesignSpec, OperationSpec};
use prodos_core::plan::Capacity;
use prodos_sched::model::{Activity, Mode, Precedence, Project, Reservation, Resource, ResourceKind};
use prodos_sched::workforce::{CrewDemand, Worker, Workforce};
use std::collections::{BTreeMap, BTreeSet};

/// Above this many grains the grain is coarsened (durations rounded up), trading minute precision
/// for a bounded profile.
const MAX_HORIZON_GRAINS: i64 = 20_000;

#[derive(Debug, Clone)]
pub struct PlanningModel {
    pub project: Project,
    /// Working minutes per model time step.
    pub grain_min: i64,
    /// Per activity: (operation index in the spec, unit from 1).
    pub instances: Vec<(usize, u32)>,
    pub resource_names: Vec<String>,
    pub resource_capacity: Vec<u32>,
    /// Per operation of the spec: the resource labels shown in the plan.
    pub labels: Vec<Vec<String>>,
    /// Per activity: release in grains.
    pub releases: Vec<i64>,
    /// Operation ids of the spec, by operation index.
    pub op_ids: Vec<String>,
    /// Who holds each of `project.reservations()`, in the same order: a committed plan
    /// (`PROD-0002 (MAN-0002, priority 0)`) or a person's time off (`ana (away)`).
    pub reservation_holders: Vec<String>,
    /// Lower-priority committed load the project ignores, each with its index in
    /// `SharedLoad::displaceable`: what the schedule is checked against to name displaced plans.
    pub displaceable: Vec<(Reservation, usize)>,
    /// The participants who staff the operations, as individuals; `None` when no operation asks
    /// for a skill counted from participants (declared headcounts are anonymous pools).
    pub workforce: Option<Workforce>,
}

impl PlanningModel {
    pub fn duration(&self, activity_idx: usize) -> i64 {
        self.project.activities()[activity_idx].modes[0].duration
    }
}

/// A hands-on or elapsed duration restated in working minutes.
pub fn working_min(elapsed_min: i64, attended: bool, working_share: f64) -> i64 {
    if attended || elapsed_min <= 0 {
        elapsed_min.max(0)
    } else {
        ((elapsed_min as f64) * working_share).ceil().max(1.0) as i64
    }
}

/// What makes the build impossible with the node's capacity: skills too few people hold at the
/// level asked, tools the node lacks. Empty when a schedule can exist.
pub fn infeasibilities(spec: &DesignSpec, capacity: &Capacity, staffing: &Staffing) -> Vec<String> {
    let mut short_skills: BTreeMap<(String, u8), (i64, Vec<&str>)> = BTreeMap::new();
    let mut missing_tools: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for operation in &spec.operations {
        if let Some(skill) = operation.skill.as_ref().filter(|_| operation.crew > 0) {
            let level = level_of(operation.min_level);
            if i64::from(staffing.qualified(skill, level)) < operation.crew {
                let entry = short_skills.entry((skill.clone(), level)).or_insert((0, Vec::new()));
                entry.0 = entry.0.max(operation.crew);
                entry.1.push(&operation.id);
            }
        }
        for tool in &operation.tools {
            if capacity.tool_count(tool) == 0 {
                missing_tools.entry(tool).or_default().push(&operation.id);
            }
        }
    }
    let mut reasons = Vec::new();
    // A skill nobody holds at any level is one reason, however many levels its operations ask.
    let mut unheld: BTreeMap<String, (u8, Vec<&str>)> = BTreeMap::new();
    for ((skill, level), (crew, operations)) in short_skills {
        if staffing.qualified(&skill, 1) == 0 {
            let entry = unheld.entry(skill).or_insert((level, Vec::new()));
            entry.0 = entry.0.min(level);
            entry.1.extend(operations);
            continue;
        }
        let qualified = staffing.qualified(&skill, level);
        let who = match (qualified, staffing.is_declared(&skill)) {
            (0, true) => "nobody qualifies".to_string(),
            (0, false) => "no participant holds a valid certification at that level".to_string(),
            (n, _) => format!("only {n} qualified"),
        };
        reasons.push(format!(
            "skill `{skill}` at level ≥ {level}: {who}, {crew} needed at once (operations {})",
            operations.join(", ")
        ));
    }
    for (skill, (level, operations)) in unheld {
        let nobody = if staffing.is_declared(&skill) {
            "nobody holds it"
        } else {
            "no participant holds a valid certification and offers working hours"
        };
        reasons.push(format!(
            "skill `{skill}`: {nobody} (level ≥ {level} needed by operations {})",
            operations.join(", ")
        ));
    }
    for (tool, operations) in missing_tools {
        reasons.push(format!("tool `{tool}`: the node has none (operations {})", operations.join(", ")));
    }
    reasons
}

/// What an operation holds, as a plan shows it: `luthiery.bracing≥4×1`, `go-bar-deck`.
pub fn resource_labels(operation: &OperationSpec) -> Vec<String> {
    let skill = operation.skill.as_deref().filter(|_| operation.crew > 0);
    let skill = skill.map(|skill| format!("{skill}≥{}×{}", level_of(operation.min_level), operation.crew));
    skill.into_iter().chain(operation.tools.iter().cloned()).collect()
}

pub(crate) fn level_of(min_level: i64) -> u8 {
    u8::try_from(min_level.clamp(1, 5)).unwrap_or(1)
}

fn gcd(a: i64, b: i64) -> i64 {
    if b == 0 { a.abs() } else { gcd(b, a % b) }
}

/// Working minutes all operation instances and lags take one after another: a bound on any
/// schedule's length after its last release, used to size the window of people's availability.
pub fn serial_work_min(spec: &DesignSpec, qty: u32, capacity: &Capacity) -> i64 {
    let share = capacity.calendar.week.working_share();
    let per_unit: i64 = spec
        .operations
        .iter()
        .map(|op| {
            working_min(op.duration_min, op.crew > 0, share).max(1)
                + op.after.iter().map(|link| working_min(link.lag_min, false, share)).sum::<i64>()
        })
        .sum();
    per_unit * i64::from(qty)
}

/// Builds the model; call only when `infeasibilities` is empty. `release_work_min(op, unit)` is
/// the earliest start of an operation instance in working minutes from the plan start;
/// `carried_end_min(op, unit)` is, for work a replanned mandate already began, when it ends
/// (working minutes from the plan start, 0 if before): such instances are not scheduled, and
/// their successors start after them.
pub fn build(
    spec: &DesignSpec,
    qty: u32,
    capacity: &Capacity,
    staffing: &Staffing,
    shared: &SharedLoad,
    release_work_min: impl Fn(usize, u32) -> i64,
    carried_end_min: impl Fn(usize, u32) -> Option<i64>,
) -> Result<PlanningModel, prodos_sched::error::SchedError> {
    let share = capacity.calendar.week.working_share();
    let op_index: BTreeMap<&str, usize> =
        spec.operations.iter().enumerate().map(|(idx, op)| (op.id.as_str(), idx)).collect();

    // Resources: one per (skill, required level), one per tool.
    let mut levels_by_skill: BTreeMap<&str, BTreeSet<u8>> = BTreeMap::new();
    let mut tools: BTreeSet<&str> = BTreeSet::new();
    for operation in &spec.operations {
        if let Some(skill) = operation.skill.as_deref().filter(|_| operation.crew > 0) {
            levels_by_skill.entry(skill).or_default().insert(level_of(operation.min_level));
        }
        tools.extend(operation.tools.iter().map(String::as_str));
    }
    let mut resource_names = Vec::new();
    let mut resource_capacity = Vec::new();
    let mut skill_resource: BTreeMap<(&str, u8), usize> = BTreeMap::new();
    for (skill, levels) in &levels_by_skill {
        for level in levels {
            skill_resource.insert((skill, *level), resource_names.len());
            resource_names.push(format!("{skill}≥{level}"));
            resource_capacity.push(staffing.qualified(skill, *level));
        }
    }
    let mut tool_resource: BTreeMap<&str, usize> = BTreeMap::new();
    for tool in &tools {
        tool_resource.insert(tool, resource_names.len());
        resource_names.push((*tool).to_string());
        resource_capacity.push(capacity.tool_count(tool));
    }

    // Per operation: usage vector, working-minute duration, labels.
    let n_resources = resource_names.len();
    let mut usages = Vec::with_capacity(spec.operations.len());
    let mut durations_min = Vec::with_capacity(spec.operations.len());
    let mut labels = Vec::with_capacity(spec.operations.len());
    for operation in &spec.operations {
        let mut usage = vec![0i64; n_resources];
        if let Some(skill) = operation.skill.as_deref().filter(|_| operation.crew > 0) {
            let level = level_of(operation.min_level);
            for (threshold, resource) in skill_resource.range((skill, 0)..=(skill, level)) {
                debug_assert_eq!(threshold.0, skill);
                usage[*resource] += operation.crew;
            }
        }
        for tool in &operation.tools {
            usage[tool_resource[tool.as_str()]] += 1;
        }
        usages.push(usage);
        durations_min.push(working_min(operation.duration_min, operation.crew > 0, share).max(1));
        labels.push(resource_labels(operation));
    }
    let lags_min: Vec<Vec<(usize, i64)>> = spec
        .operations
        .iter()
        .map(|operation| {
            operation
                .after
                .iter()
                .filter_map(|link| {
                    op_index.get(link.operation.as_str()).map(|&from| (from, working_min(link.lag_min, false, share)))
                })
                .collect()
        })
        .collect();
    let mut releases_min = Vec::with_capacity(spec.operations.len() * qty as usize);
    let mut instances = Vec::with_capacity(spec.operations.len() * qty as usize);
    let mut activity_of: BTreeMap<(usize, u32), usize> = BTreeMap::new();
    for unit in 1..=qty {
        for (op_idx, lags) in lags_min.iter().enumerate() {
            if carried_end_min(op_idx, unit).is_some() {
                continue;
            }
            // A successor of carried work starts once it ends and its lag has passed.
            let after_carried = lags
                .iter()
                .filter_map(|&(from_op, lag)| carried_end_min(from_op, unit).map(|end| end.max(0) + lag))
                .max()
                .unwrap_or(0);
            activity_of.insert((op_idx, unit), instances.len());
            instances.push((op_idx, unit));
            releases_min.push(release_work_min(op_idx, unit).max(after_carried).max(0));
        }
    }

    // The grain: the common divisor of the hands-on durations people wrote (typically 15 or 30
    // min). Restated elapsed times, lags and arrivals are rounded up to it — later, never earlier,
    // so the schedule stays feasible in real time. A huge horizon coarsens the grain further.
    let attended = spec.operations.iter().zip(&durations_min).filter(|(op, _)| op.crew > 0).map(|(_, d)| *d);
    let mut grain = attended.fold(0, gcd).max(1);
    // People's time off, per skill resource: one reserved person per interval.
    let mut people_away: Vec<(usize, (i64, i64), &str)> = Vec::new();
    for (&(skill, level), &resource) in &skill_resource {
        for counted in staffing.counted(skill, level) {
            people_away.extend(counted.away.iter().map(|&span| (resource, span, counted.handle)));
        }
    }
    let people_end_min = people_away.iter().map(|(_, (_, to), _)| *to).max().unwrap_or(0);
    let fixed_end_min = shared.fixed.iter().map(|load| load.to_min).max().unwrap_or(0).max(people_end_min);
    let horizon_min: i64 = instances.iter().map(|&(op_idx, _)| durations_min[op_idx]).sum::<i64>()
        + lags_min.iter().flatten().map(|(_, lag)| lag).sum::<i64>() * i64::from(qty)
        + releases_min.iter().copied().max().unwrap_or(0).max(fixed_end_min);
    if horizon_min / grain > MAX_HORIZON_GRAINS {
        grain *= crate::ceil_div(horizon_min, MAX_HORIZON_GRAINS * grain);
    }
    let grains = |minutes: i64| crate::ceil_div(minutes, grain);

    let resources: Vec<Resource> = resource_capacity
        .iter()
        .map(|&capacity| Resource { kind: ResourceKind::Renewable, capacity: i64::from(capacity) })
        .collect();
    let mut activities = Vec::with_capacity(instances.len());
    let mut precedences = Vec::new();
    let mut releases = Vec::with_capacity(instances.len());
    for (activity_idx, &(op_idx, unit)) in instances.iter().enumerate() {
        let release = grains(releases_min[activity_idx]);
        releases.push(release);
        activities.push(Activity {
            modes: vec![Mode { duration: grains(durations_min[op_idx]).max(1), usage: usages[op_idx].clone() }],
            release,
        });
        for &(from_op, lag) in &lags_min[op_idx] {
            if let Some(&from) = activity_of.get(&(from_op, unit)) {
                precedences.push(Precedence { from, to: activity_idx, lag: grains(lag) });
            }
        }
    }
    // Committed load: floor the start and ceil the end, so the new plan never overlaps it in
    // real time.
    let reserve = |loads: &[CommittedLoad]| -> Vec<(Reservation, usize)> {
        let mut out = Vec::new();
        for (load_idx, load) in loads.iter().enumerate() {
            let (start, end) = (load.from_min.max(0) / grain, grains(load.to_min));
            if end <= start {
                continue;
            }
            let mut hold = |resource: usize, amount: i64| {
                out.push((Reservation { resource, start, end, amount }, load_idx));
            };
            if let Some((skill, level, crew)) = &load.skill {
                for (_, &resource) in skill_resource.range((skill.as_str(), 0)..=(skill.as_str(), *level)) {
                    hold(resource, *crew);
                }
            }
            for tool in &load.tools {
                if let Some(&resource) = tool_resource.get(tool.as_str()) {
                    hold(resource, 1);
                }
            }
        }
        out
    };
    let (mut fixed, mut reservation_holders): (Vec<Reservation>, Vec<String>) = reserve(&shared.fixed)
        .into_iter()
        .map(|(reservation, load_idx)| (reservation, shared.fixed[load_idx].holder.clone()))
        .unzip();
    for &(resource, (from, to), handle) in &people_away {
        let (start, end) = (from.max(0) / grain, grains(to));
        if end > start {
            fixed.push(Reservation { resource, start, end, amount: 1 });
            reservation_holders.push(format!("{handle} (away)"));
        }
    }
    let displaceable = reserve(&shared.displaceable);
    let workforce =
        workforce(spec, &instances, staffing, &skill_resource, |(from, to)| (from.max(0) / grain, grains(to)));
    let project = Project::new(resources, activities, precedences)?.with_reservations(fixed)?;
    let op_ids = spec.operations.iter().map(|op| op.id.clone()).collect();
    Ok(PlanningModel {
        project,
        grain_min: grain,
        instances,
        resource_names,
        resource_capacity,
        labels,
        releases,
        op_ids,
        reservation_holders,
        displaceable,
        workforce,
    })
}

/// The participants as individuals: one class per (skill, level) counted from participants, each
/// person's time away from it in grains (`to_grains` widens an interval outward), and per
/// activity the crew it needs.
fn workforce(
    spec: &DesignSpec,
    instances: &[(usize, u32)],
    staffing: &Staffing,
    skill_resource: &BTreeMap<(&str, u8), usize>,
    to_grains: impl Fn((i64, i64)) -> (i64, i64),
) -> Option<Workforce> {
    let classes: Vec<(&str, u8)> =
        skill_resource.keys().copied().filter(|(skill, _)| !staffing.is_declared(skill)).collect();
    if classes.is_empty() {
        return None;
    }
    let mut people: BTreeMap<&str, Worker> = BTreeMap::new();
    for (class, &(skill, level)) in classes.iter().enumerate() {
        for counted in staffing.counted(skill, level) {
            let worker = people
                .entry(counted.handle)
                .or_insert_with(|| Worker { name: counted.handle.to_string(), classes: vec![None; classes.len()] });
            worker.classes[class] = Some(counted.away.iter().map(|&span| to_grains(span)).collect());
        }
    }
    let demand = instances
        .iter()
        .map(|&(op_idx, _)| {
            let operation = &spec.operations[op_idx];
            let skill = operation.skill.as_deref().filter(|_| operation.crew > 0)?;
            let class = classes.iter().position(|&wanted| wanted == (skill, level_of(operation.min_level)))?;
            Some(CrewDemand { class, count: u32::try_from(operation.crew).unwrap_or(u32::MAX) })
        })
        .collect();
    Some(Workforce { people: people.into_values().collect(), demand })
}
