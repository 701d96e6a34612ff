//! The solver. Instances are taken in start order and grouped by start instant; within a group
//! every instance overlaps every other, so nobody may take two of its slots, which is exactly
//! what an assignment problem expresses. Each group is split into components that share no
//! eligible person, and each component's crew slots × eligible people (plus one "unfilled"
//! column per slot) is solved exactly with the Hungarian algorithm. What a group assigns is
//! booked before the next group is built, so later groups see the load and intervals.
//!
//! Why this and not one global min-cost flow: double booking depends on time, and continuity
//! and load balance depend on earlier choices; rolling exact assignments through time keeps
//! every subproblem small (5,000 instances × 500 people in well under a second) and each
//! choice explainable, at the price of not revisiting earlier groups. That price can leave a
//! place empty that a look ahead would have filled; when it does and the planner named crews,
//! those crews (each member still eligible) are taken instead if they fill more places.

use crate::cost::{Factors, MAX_REAL_COST, cost, unfilled_cost};
use crate::eligibility::{Ineligible, Ledger, check};
use crate::model::{Instance, Outcome, Problem, Unfilled, UnfilledReason};
use pathfinding::kuhn_munkres::kuhn_munkres_min;
use pathfinding::matrix::Matrix;
use std::collections::{BTreeMap, HashMap};

/// One empty place in a crew.
struct Slot {
    instance: usize,
}

pub fn solve(problem: &Problem) -> Outcome {
    let matched = match_through_time(problem);
    if matched.unfilled.is_empty() || problem.instances.iter().all(|instance| instance.planned.is_empty()) {
        return matched;
    }
    let planned = planned_crews(problem);
    let filled = |outcome: &Outcome| outcome.crews.iter().map(Vec::len).sum::<usize>();
    if filled(&planned) > filled(&matched) { planned } else { matched }
}

/// The planner's crews, in start order, each member taken while still eligible.
fn planned_crews(problem: &Problem) -> Outcome {
    let mut ledgers: Vec<Ledger> = problem.people.iter().map(Ledger::of).collect();
    let mut crews: Vec<Vec<usize>> = vec![Vec::new(); problem.instances.len()];
    let mut total_cost = 0;
    for index in start_order(problem) {
        let instance = &problem.instances[index];
        for &person in &instance.planned {
            if crews[index].len() as u32 >= open_places(instance) {
                break;
            }
            let Ok(level) = check(&problem.people[person], &ledgers[person], instance, person) else { continue };
            total_cost += slot_cost(problem, instance, person, level, &ledgers, &crews);
            crews[index].push(person);
            ledgers[person].hold(instance.start, instance.end, &instance.day_minutes);
        }
        crews[index].sort_unstable();
    }
    let unfilled = (0..problem.instances.len())
        .filter_map(|index| {
            let instance = &problem.instances[index];
            let missing = open_places(instance).saturating_sub(crews[index].len() as u32);
            (missing > 0).then(|| Unfilled {
                instance: index,
                missing,
                reason: why_unfilled(problem, &ledgers, instance, &crews[index]),
            })
        })
        .collect();
    Outcome { crews, unfilled, total_cost }
}

/// Exact assignments group by group through time.
fn match_through_time(problem: &Problem) -> Outcome {
    let mut ledgers: Vec<Ledger> = problem.people.iter().map(Ledger::of).collect();
    let mut crews: Vec<Vec<usize>> = vec![Vec::new(); problem.instances.len()];
    let mut unfilled = Vec::new();
    let mut total_cost = 0i64;
    let order = start_order(problem);
    let qualified_by_skill = index_by_skill(problem);

    for group in order.chunk_by(|a, b| problem.instances[*a].start == problem.instances[*b].start) {
        let mut eligible: BTreeMap<usize, Vec<(usize, u8)>> = BTreeMap::new();
        for &index in group {
            let instance = &problem.instances[index];
            if open_places(instance) == 0 {
                continue;
            }
            let candidates = qualified_by_skill.get(instance.skill.as_str()).map(Vec::as_slice).unwrap_or(&[]);
            let list = candidates
                .iter()
                .filter_map(|&person| {
                    check(&problem.people[person], &ledgers[person], instance, person).ok().map(|level| (person, level))
                })
                .collect();
            eligible.insert(index, list);
        }
        for component in components(&eligible) {
            total_cost += assign(problem, &component, &eligible, &mut ledgers, &mut crews);
        }
        for &index in group {
            let instance = &problem.instances[index];
            let missing = open_places(instance).saturating_sub(crews[index].len() as u32);
            if missing > 0 {
                let reason = why_unfilled(problem, &ledgers, instance, &crews[index]);
                unfilled.push(Unfilled { instance: index, missing, reason });
            }
        }
    }
    unfilled.sort_by_key(|unfilled| unfilled.instance);
    Outcome { crews, unfilled, total_cost }
}

fn open_places(instance: &Instance) -> u32 {
    instance.crew.saturating_sub(instance.fixed.len() as u32)
}

/// People holding each skill at any level, in index order (the gate proper runs per instance).
fn index_by_skill(problem: &Problem) -> HashMap<&str, Vec<usize>> {
    let mut index: HashMap<&str, Vec<usize>> = HashMap::new();
    for (person_index, person) in problem.people.iter().enumerate() {
        for cert in &person.certs {
            let list = index.entry(cert.skill.as_str()).or_default();
            if list.last() != Some(&person_index) {
                list.push(person_index);
            }
        }
    }
    index
}

/// Groups a start group's instances into sets that share no eligible person (union-find).
fn components(eligible: &BTreeMap<usize, Vec<(usize, u8)>>) -> Vec<Vec<usize>> {
    let instances: Vec<usize> = eligible.keys().copied().collect();
    let mut parent: Vec<usize> = (0..instances.len()).collect();
    fn root(parent: &mut [usize], mut at: usize) -> usize {
        while parent[at] != at {
            parent[at] = parent[parent[at]];
            at = parent[at];
        }
        at
    }
    let mut owner: HashMap<usize, usize> = HashMap::new();
    for (position, index) in instances.iter().enumerate() {
        for (person, _) in &eligible[index] {
            match owner.get(person) {
                Some(&other) => {
                    let (a, b) = (root(&mut parent, position), root(&mut parent, other));
                    parent[a.max(b)] = a.min(b);
                }
                None => {
                    owner.insert(*person, position);
                }
            }
        }
    }
    let mut groups: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for (position, instance) in instances.iter().enumerate() {
        let top = root(&mut parent, position);
        groups.entry(top).or_default().push(*instance);
    }
    groups.into_values().collect()
}

/// Solves one component exactly and books the result. Returns the real cost spent.
fn assign(
    problem: &Problem,
    component: &[usize],
    eligible: &BTreeMap<usize, Vec<(usize, u8)>>,
    ledgers: &mut [Ledger],
    crews: &mut [Vec<usize>],
) -> i64 {
    let slots: Vec<Slot> = component
        .iter()
        .flat_map(|&instance| (0..open_places(&problem.instances[instance])).map(move |_| Slot { instance }))
        .collect();
    let mut people: Vec<usize> = component.iter().flat_map(|index| eligible[index].iter().map(|(p, _)| *p)).collect();
    people.sort_unstable();
    people.dedup();
    if slots.is_empty() || people.is_empty() {
        return 0;
    }
    let column_of: HashMap<usize, usize> =
        people.iter().enumerate().map(|(column, person)| (*person, column)).collect();
    let unfilled = unfilled_cost(slots.len());
    let forbidden = 4 * unfilled;
    let columns = people.len() + slots.len();
    let mut matrix = Matrix::new(slots.len(), columns, forbidden);
    for (row, slot) in slots.iter().enumerate() {
        let instance = &problem.instances[slot.instance];
        for (person, level) in &eligible[&slot.instance] {
            matrix[(row, column_of[person])] = slot_cost(problem, instance, *person, *level, ledgers, crews);
        }
        for column in people.len()..columns {
            matrix[(row, column)] = unfilled;
        }
    }
    let (_, columns_of_rows) = kuhn_munkres_min(&matrix);
    let mut spent = 0;
    for (row, &column) in columns_of_rows.iter().enumerate() {
        let value = matrix[(row, column)];
        if column >= people.len() || value > MAX_REAL_COST {
            continue;
        }
        let person = people[column];
        let instance = &problem.instances[slots[row].instance];
        crews[slots[row].instance].push(person);
        ledgers[person].hold(instance.start, instance.end, &instance.day_minutes);
        spent += value;
    }
    for &instance in component {
        crews[instance].sort_unstable();
    }
    spent
}

/// Instances by start, then end, then index: the order both passes book people in.
fn start_order(problem: &Problem) -> Vec<usize> {
    let mut order: Vec<usize> = (0..problem.instances.len()).collect();
    order.sort_by_key(|&index| (problem.instances[index].start, problem.instances[index].end, index));
    order
}

/// What giving `person` (eligible at `level`) a place in `instance` costs, given what is booked.
fn slot_cost(
    problem: &Problem,
    instance: &Instance,
    person: usize,
    level: u8,
    ledgers: &[Ledger],
    crews: &[Vec<usize>],
) -> i64 {
    let factors = Factors {
        load_minutes: ledgers[person].load_minutes,
        credit_balance_milli: problem.people[person].credit_balance_milli,
        continues_unit: continues_unit(instance, person, crews, &problem.instances),
        levels_above: level.saturating_sub(instance.level),
    };
    cost(&problem.weights, &factors)
}

fn continues_unit(instance: &Instance, person: usize, crews: &[Vec<usize>], instances: &[Instance]) -> bool {
    instance
        .predecessors
        .iter()
        .any(|&before| crews[before].contains(&person) || instances[before].fixed.contains(&person))
}

fn why_unfilled(problem: &Problem, ledgers: &[Ledger], instance: &Instance, crew: &[usize]) -> UnfilledReason {
    let (mut qualified, mut away, mut busy, mut declined) = (0, 0, 0, 0);
    for (index, person) in problem.people.iter().enumerate() {
        if crew.contains(&index) || instance.fixed.contains(&index) {
            qualified += 1;
            continue;
        }
        match check(person, &ledgers[index], instance, index) {
            Err(Ineligible::NotQualified) => continue,
            Err(Ineligible::Away) => away += 1,
            Err(Ineligible::Excluded) => declined += 1,
            // Eligible but unassigned cannot happen after a largest assignment; the group's own
            // bookings make such a person busy by now.
            Err(Ineligible::Busy) | Ok(_) => busy += 1,
        }
        qualified += 1;
    }
    if qualified == 0 {
        UnfilledReason::NobodyCertified
    } else {
        UnfilledReason::QualifiedUnavailable { qualified, away, busy, declined }
    }
}
