//! The GA's generational loop: breeding, ranking selection that keeps one copy of each schedule,
//! the second phase around the best, restarts, and the budget; with one population per
//! scheduling direction when the project has a mirror image.

use super::breeding::Ga;
use super::individual::{Individual, schedule_hash};
use super::{Budget, GaConfig, HeuristicOutcome};
use crate::model::Project;
use rand::Rng;
use std::collections::HashSet;

/// Sets the mirrored population's random stream apart from the forward one's.
const MIRROR_SEED: u64 = 0x9E37_79B9_7F4A_7C15;

/// One population and the operators bound to its project: the project itself, or its mirror.
struct Side<'p> {
    ga: Ga<'p>,
    population: Vec<Individual>,
}

/// Schedules generated so far, over both directions.
fn used(sides: &[Side<'_>]) -> u64 {
    sides.iter().map(|side| side.ga.generator.schedules_generated).sum()
}

/// The shortest makespan found so far, in either direction.
fn best_makespan(sides: &[Side<'_>]) -> Option<i64> {
    sides.iter().filter_map(|side| side.ga.best.as_ref().map(|(b, _)| *b)).min()
}

/// The GA, optionally with `initial` (a precedence-feasible list) as its first individual.
pub(super) fn run(
    project: &Project,
    config: GaConfig,
    budget: Budget<'_>,
    seed: u64,
    initial: Option<&[usize]>,
) -> HeuristicOutcome {
    let n = project.n_activities();
    let mirror = if config.bidirectional && !project.is_multi_mode() { project.mirrored() } else { None };
    let mut sides = vec![Side { ga: Ga::new(project, config, seed), population: Vec::new() }];
    if let Some(mirror) = &mirror {
        sides.push(Side { ga: Ga::new(mirror, config, seed ^ MIRROR_SEED), population: Vec::new() });
    }
    let side_size = (config.population / sides.len()).max(2);
    // A fresh individual costs a decoding pass plus two per justification round; so does a child
    // in one direction. A child handed to the other direction costs its decoding and one pass there.
    let fresh = 1 + 2 * config.fbi_rounds.max(1) as u64;
    let per_child = if sides.len() == 2 { 2 } else { fresh };
    let lower_bound = sides[0].ga.lower_bound;
    let can_afford =
        |sides: &[Side<'_>], passes: u64| budget.max_schedules.is_none_or(|max| used(sides) + passes <= max);
    let done = |sides: &[Side<'_>]| best_makespan(sides).is_some_and(|b| b <= lower_bound) || (budget.should_stop)();

    if let Some(list) = initial.filter(|_| can_afford(&sides, fresh)) {
        let modes = (0..n).map(|j| project.shortest_executable_mode(j)).collect();
        let mut ind = Individual::new(list.to_vec(), modes);
        sides[0].ga.evaluate(&mut ind);
        sides[0].population.push(ind);
    }
    // Filled in turns, so that a small budget still seeds both directions.
    'fill: while sides.iter().any(|side| side.population.len() < side_size) {
        for d in 0..sides.len() {
            if sides[d].population.len() >= side_size {
                continue;
            }
            if !can_afford(&sides, fresh) {
                break 'fill;
            }
            let ind = sides[d].ga.sample_individual();
            sides[d].population.push(ind);
            if done(&sides) {
                break 'fill;
            }
        }
    }
    let mut taken = vec![false; n];
    let mut seen_schedules = HashSet::with_capacity(4 * side_size);
    let mut offspring: Vec<Vec<Individual>> = (0..sides.len()).map(|_| Vec::with_capacity(side_size)).collect();
    let mut stale_generations = 0;
    let mut in_second_phase = false;
    let mut best_seen = best_makespan(&sides);
    let threshold = ((config.min_distance * n as f64).ceil() as usize).min(config.min_distance_cap);
    let due = |sides: &[Side<'_>], share: f64| {
        budget.max_schedules.is_some_and(|max| used(sides) as f64 >= share * max as f64)
    };
    while sides.iter().all(|side| side.population.len() >= 2) && !done(&sides) && can_afford(&sides, 2 * per_child) {
        for d in 0..sides.len() {
            breed(&mut sides, d, &config, &mut taken, &mut offspring, &|sides| can_afford(sides, 2 * per_child));
        }
        for (side, children) in sides.iter_mut().zip(&mut offspring) {
            side.population.append(children);
            select(&mut side.population, side_size, threshold, &mut seen_schedules);
        }

        let best_now = best_makespan(&sides);
        if best_now < best_seen || best_seen.is_none() {
            best_seen = best_now;
            stale_generations = 0;
        } else {
            stale_generations += 1;
        }
        if !in_second_phase && due(&sides, config.second_phase_at) {
            // Second phase (Valls et al. 2008): restart from neighbours of the best individual,
            // intensifying around it with a fresh, diverse population; in each direction around
            // its own best.
            in_second_phase = true;
            stale_generations = 0;
            let moves = ((n as f64 * config.neighbour_move_share) as usize).max(1);
            for d in 0..sides.len() {
                let elite = sides[d].population[0].clone();
                sides[d].population.truncate(1);
                while sides[d].population.len() < side_size && can_afford(&sides, fresh) && !done(&sides) {
                    let mut neighbour = elite.clone();
                    sides[d].ga.shift_moves(&mut neighbour, moves);
                    sides[d].ga.evaluate(&mut neighbour);
                    sides[d].population.push(neighbour);
                }
                sides[d].population.sort_by_key(|a| a.fitness());
            }
            continue;
        }
        // Decomposition counts its sub-schedules in the forward generator alone, so it runs only
        // when that generator is the whole budget.
        if sides.len() == 1 && due(&sides, config.decomposition_at) && !done(&sides) {
            let side = &mut sides[0];
            if let Some(child) = side.ga.decomposition_step(&side.population[0], &budget) {
                // In front, so that on a tie the stable sort makes it the next elite: a walk
                // across equally long schedules instead of re-cutting the same one.
                side.population.insert(0, child);
                side.population.sort_by_key(|a| a.fitness());
                side.population.truncate(side_size);
            }
        }
        if stale_generations >= config.restart_after {
            // Keep the better half, re-sample the rest: escapes a converged population.
            stale_generations = 0;
            for d in 0..sides.len() {
                let keep = sides[d].population.len() / 2;
                sides[d].population.truncate(keep);
                while sides[d].population.len() < side_size && can_afford(&sides, fresh) && !done(&sides) {
                    let ind = sides[d].ga.sample_individual();
                    sides[d].population.push(ind);
                }
            }
        }
    }
    let schedules_generated = used(&sides);
    // The forward direction wins ties: its schedule needs no mapping.
    let mut best = None;
    for side in sides {
        if let Some((makespan, schedule)) = side.ga.best
            && best.as_ref().is_none_or(|(b, _)| makespan < *b)
        {
            let schedule =
                if std::ptr::eq(side.ga.project, project) { schedule } else { schedule.mirrored(side.ga.project) };
            best = Some((makespan, schedule));
        }
    }
    let (makespan, schedule) = best.map_or((None, None), |(m, s)| (Some(m), Some(s)));
    HeuristicOutcome { schedule, makespan, schedules_generated }
}

/// One generation of children from side `d`'s population: every parent once in random pairs (or
/// in binary tournaments), two children per pair. With two directions a child is decoded here and
/// justified into the other side's offspring; with one it is justified by FBI into its own.
fn breed(
    sides: &mut [Side<'_>],
    d: usize,
    config: &GaConfig,
    taken: &mut [bool],
    offspring: &mut [Vec<Individual>],
    can_afford_pair: &dyn Fn(&[Side<'_>]) -> bool,
) {
    let pop_size = sides[d].population.len();
    sides[d].population.sort_by_key(|a| a.fitness());
    for pair in 0..pop_size / 2 {
        if !can_afford_pair(sides) {
            break;
        }
        let side = &mut sides[d];
        let (mother_idx, father_idx) = if config.tournament_selection {
            // Binary tournaments on the ranked population: the lower index wins.
            let pick = |ga: &mut Ga<'_>| ga.rng.random_range(0..pop_size).min(ga.rng.random_range(0..pop_size));
            let mother_idx = pick(&mut side.ga);
            let mut father_idx = pick(&mut side.ga);
            if father_idx == mother_idx {
                father_idx = (mother_idx + 1 + side.ga.rng.random_range(0..pop_size - 1)) % pop_size;
            }
            (mother_idx, father_idx)
        } else {
            // Every parent once, in random pairs.
            if pair == 0 {
                for i in (1..pop_size).rev() {
                    let k = side.ga.rng.random_range(0..=i);
                    side.population.swap(i, k);
                }
            }
            (2 * pair, 2 * pair + 1)
        };
        let (mother, father) = (side.population[mother_idx].clone(), side.population[father_idx].clone());
        for (m, f) in [(&mother, &father), (&father, &mother)] {
            let mut child = sides[d].ga.child_of(m, f, taken);
            if sides.len() == 2 {
                if sides[d].ga.decode_child(&mut child, &[m, f]) {
                    let mirrored = sides[1 - d].ga.mirror(&child);
                    offspring[1 - d].push(mirrored);
                }
            } else if sides[d].ga.evaluate_child(&mut child, &[m, f]) {
                offspring[d].push(child);
            }
        }
    }
}

/// Ranking selection down to `size`. Individuals whose schedule a better-ranked one already has
/// go to the back: many different lists decode to the same schedule, and without this a stalled
/// population fills with copies of its best (measured: up to half of all children on hard j60
/// instances). Schedule identity is compared by hash; a collision only demotes. Near copies
/// (fewer than `threshold` different start times) go to the back as well, which keeps the
/// survivors spread over the plateau of equally long schedules.
fn select(population: &mut Vec<Individual>, size: usize, threshold: usize, seen: &mut HashSet<u64>) {
    population.sort_by_key(|a| a.fitness());
    let mut kept: Vec<Individual> = Vec::with_capacity(population.len());
    let mut dupes: Vec<Individual> = Vec::new();
    seen.clear();
    for ind in population.drain(..) {
        if !seen.insert(schedule_hash(&ind))
            || (threshold > 0 && kept.len() < size && kept.iter().any(|other| ind.closer_than(other, threshold)))
        {
            dupes.push(ind);
        } else {
            kept.push(ind);
        }
    }
    kept.extend(dupes);
    kept.truncate(size);
    *population = kept;
}

#[cfg(test)]
mod tests {
    use super::super::genetic_algorithm;
    use super::*;
    use crate::checker::check;
    use crate::psplib::parse_sm;

    #[test]
    fn deterministic_and_feasible_on_small_instance() {
        let text = include_str!("../../tests/data/tiny.sm");
        let p = parse_sm(text).unwrap();
        let never = || false;
        let budget = Budget { max_schedules: Some(600), should_stop: &never };
        let a = genetic_algorithm(&p, GaConfig::for_budget(Some(600)), budget, 42);
        let b = genetic_algorithm(&p, GaConfig::for_budget(Some(600)), budget, 42);
        assert_eq!(a.makespan, b.makespan);
        assert_eq!(a.schedule, b.schedule);
        assert!(a.schedules_generated <= 600);
        assert!(check(&p, a.schedule.as_ref().unwrap()).is_empty());
    }

    #[test]
    fn with_release_dates_the_search_stays_forward_and_keeps_them() {
        let p = parse_sm(include_str!("../../tests/data/tiny.sm")).unwrap();
        let mut activities = p.activities().to_vec();
        activities[1].release = 4;
        let p = Project::new(p.resources().to_vec(), activities, p.precedences().to_vec()).unwrap();
        let never = || false;
        let budget = Budget { max_schedules: Some(600), should_stop: &never };
        let outcome = genetic_algorithm(&p, GaConfig::for_budget(Some(600)), budget, 42);
        let schedule = outcome.schedule.unwrap();
        assert!(schedule.starts[1] >= 4);
        assert!(check(&p, &schedule).is_empty());
    }
}
