//! The iMOPSE multi-skill benchmark (Myszkowski et al., MS-RCPSP `.def` files): every task needs
//! one person holding a skill at a minimum level; people hold several skills at several levels.
//! An instance is read twice over: as pools, one renewable resource per (skill, level asked)
//! counting the people at that level or above (the approximation the planner used to promise
//! on), and as a workforce of individuals, so the benchmark can set the pooled makespan, the
//! tasks no crew can do at their pooled start, and the staffed makespan side by side.

use crate::error::SchedError;
use crate::model::{Activity, Mode, Precedence, Project, Resource, ResourceKind};
use crate::solve::{SolveOptions, solve};
use crate::staff_search::staff_sampled;
use crate::workforce::{CrewBook, CrewDemand, Worker, Workforce, check_crews, order_by_start, staff};
use std::collections::{BTreeMap, BTreeSet};

#[derive(Debug, Clone)]
pub struct Instance {
    /// The tasks on pools per (skill, level asked).
    pub project: Project,
    /// The same tasks on people: class `c` is `classes[c]` = (skill, level asked).
    pub workforce: Workforce,
    pub classes: Vec<(u32, u32)>,
}

/// One task line: `id duration Qs: level [predecessor ids…]`, with its line number.
struct TaskLine {
    id: u32,
    duration: i64,
    skill: (u32, u32),
    predecessors: Vec<u32>,
    line: usize,
}

fn parse_error(line: usize, message: impl Into<String>) -> SchedError {
    SchedError::Parse { line, message: message.into() }
}

fn number<T: std::str::FromStr>(token: &str, line: usize, what: &str) -> Result<T, SchedError> {
    token.parse().map_err(|_| parse_error(line, format!("`{token}` is not {what}")))
}

/// `Q3:` and `2` → skill 3 at level 2.
fn skill(name: &str, level: &str, line: usize) -> Result<(u32, u32), SchedError> {
    let id = name
        .strip_prefix('Q')
        .and_then(|rest| rest.strip_suffix(':'))
        .ok_or_else(|| parse_error(line, format!("`{name}` is not a skill such as `Q3:`")))?;
    Ok((number(id, line, "a skill number")?, number(level, line, "a skill level")?))
}

/// Reads a `.def` file. Errors name the line.
pub fn parse_def(text: &str) -> Result<Instance, SchedError> {
    #[derive(PartialEq)]
    enum Section {
        Header,
        Resources,
        Tasks,
    }
    let mut section = Section::Header;
    let mut people: Vec<(String, Vec<(u32, u32)>)> = Vec::new();
    let mut tasks: Vec<TaskLine> = Vec::new();
    for (index, raw) in text.lines().enumerate() {
        let line = index + 1;
        let trimmed = raw.trim();
        if trimmed.starts_with("ResourceID") {
            section = Section::Resources;
            continue;
        }
        if trimmed.starts_with("TaskID") {
            section = Section::Tasks;
            continue;
        }
        if trimmed.is_empty() || trimmed.starts_with('=') || section == Section::Header {
            continue;
        }
        let tokens: Vec<&str> = trimmed.split_whitespace().collect();
        match section {
            Section::Header => {}
            Section::Resources => {
                if tokens.len() < 4 || tokens.len() % 2 != 0 {
                    return Err(parse_error(line, "a resource line is `id salary Qs: level …`"));
                }
                let id: u32 = number(tokens[0], line, "a resource id")?;
                number::<f64>(tokens[1], line, "a salary")?;
                let skills =
                    tokens[2..].chunks(2).map(|pair| skill(pair[0], pair[1], line)).collect::<Result<_, _>>()?;
                people.push((format!("R{id}"), skills));
            }
            Section::Tasks => {
                if tokens.len() < 4 {
                    return Err(parse_error(line, "a task line is `id duration Qs: level [predecessors…]`"));
                }
                let duration: i64 = number(tokens[1], line, "a duration")?;
                if duration < 0 {
                    return Err(parse_error(line, format!("duration {duration} is negative")));
                }
                tasks.push(TaskLine {
                    id: number(tokens[0], line, "a task id")?,
                    duration,
                    skill: skill(tokens[2], tokens[3], line)?,
                    predecessors: tokens[4..].iter().map(|t| number(t, line, "a task id")).collect::<Result<_, _>>()?,
                    line,
                });
            }
        }
    }
    if tasks.is_empty() {
        return Err(parse_error(text.lines().count().max(1), "no `TaskID` section with tasks"));
    }
    build(&people, &tasks)
}

fn build(people: &[(String, Vec<(u32, u32)>)], tasks: &[TaskLine]) -> Result<Instance, SchedError> {
    // Ids may skip numbers (summary tasks were dropped when the set was converted).
    let index: BTreeMap<u32, usize> = tasks.iter().enumerate().map(|(idx, task)| (task.id, idx)).collect();
    let classes: Vec<(u32, u32)> = tasks.iter().map(|task| task.skill).collect::<BTreeSet<_>>().into_iter().collect();
    let holds =
        |skills: &[(u32, u32)], (wanted, level): (u32, u32)| skills.iter().any(|&(s, l)| s == wanted && l >= level);
    let resources: Vec<Resource> = classes
        .iter()
        .map(|&class| Resource {
            kind: ResourceKind::Renewable,
            capacity: people.iter().filter(|(_, skills)| holds(skills, class)).count() as i64,
        })
        .collect();
    let mut activities = Vec::with_capacity(tasks.len());
    let mut precedences = Vec::new();
    for (to, task) in tasks.iter().enumerate() {
        // Pools are nested per skill: work at level l takes one person from every pool ≤ l.
        let usage = classes.iter().map(|&(s, l)| i64::from(s == task.skill.0 && l <= task.skill.1)).collect();
        activities.push(Activity { modes: vec![Mode { duration: task.duration, usage }], release: 0 });
        for predecessor in &task.predecessors {
            let from = *index
                .get(predecessor)
                .ok_or_else(|| parse_error(task.line, format!("predecessor {predecessor} is not a task")))?;
            precedences.push(Precedence { from, to, lag: 0 });
        }
    }
    let project = Project::new(resources, activities, precedences)?;
    let workforce = Workforce {
        people: people
            .iter()
            .map(|(name, skills)| Worker {
                name: name.clone(),
                classes: classes.iter().map(|&class| holds(skills, class).then(Vec::new)).collect(),
            })
            .collect(),
        demand: tasks
            .iter()
            .map(|task| {
                let class = classes.iter().position(|&class| class == task.skill);
                class.map(|class| CrewDemand { class, count: 1 })
            })
            .collect(),
    };
    Ok(Instance { project, workforce, classes })
}

/// The two answers side by side, in the instance's time units.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Comparison {
    /// The best schedule on pools: what counting a multi-skilled person in every pool promises.
    pub pooled_makespan: i64,
    /// Tasks of that schedule for which no free qualified person is left at their start, booking
    /// crews in start order (least versatile first).
    pub pooled_unstaffed: usize,
    /// The pooled search's best order decoded with people as individuals, crews checked.
    pub staffed_makespan: i64,
    /// The best of that and `samples` sampled lists decoded with people ([`staff_sampled`]).
    pub sampled_makespan: i64,
    /// A bound for people: the critical path, or all work shared by everyone, whichever is more.
    pub people_bound: i64,
    /// The critical-path bound, raised by the pools' resource bound (both hold for people too).
    pub lower_bound: i64,
    pub schedules_generated: u64,
}

/// Solves `instance` on pools and staffs the result, as the planner does, then searches
/// `samples` more lists with people in the decoder.
pub fn compare(
    instance: &Instance,
    options: &SolveOptions,
    samples: u32,
    should_stop: &dyn Fn() -> bool,
) -> Result<Comparison, SchedError> {
    let solution = solve(&instance.project, options, should_stop)?;
    let starts = &solution.schedule.starts;
    let order = order_by_start(&instance.project, starts);
    let mut book = CrewBook::new(&instance.workforce);
    let duration = |j: usize| instance.project.activities()[j].modes[0].duration;
    let pooled_unstaffed = order.iter().filter(|&&j| book.book(j, starts[j], duration(j)).is_err()).count();
    let staffed = staff(&instance.project, &instance.workforce, &order)?;
    let sampled = staff_sampled(&instance.project, &instance.workforce, &order, samples, options.seed)?;
    for answer in [&staffed, &sampled] {
        let problems = check_crews(&instance.project, &instance.workforce, &answer.starts, &answer.crews);
        if !problems.is_empty() {
            return Err(SchedError::Workforce(format!("staffed schedule names impossible crews: {problems:?}")));
        }
    }
    let work: i64 = (0..instance.project.n_activities()).map(duration).sum();
    let people = instance.workforce.people.len().max(1) as i64;
    Ok(Comparison {
        pooled_makespan: solution.makespan,
        pooled_unstaffed,
        staffed_makespan: staffed.makespan,
        sampled_makespan: sampled.makespan,
        people_bound: solution.lower_bound.max((work + people - 1) / people),
        lower_bound: solution.lower_bound,
        schedules_generated: solution.schedules_generated,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// R1 holds Q0 and Q1, R2 only Q0; three parallel tasks of 10: pools see two Q0 people and
    /// one Q1 person and run all three at once, but R1 can only be in one place.
    const TINY: &str = "\
General characteristics:
Tasks: 3
====
ResourceID \t Salary \t Skills
1\t\t\t20.0\t\t Q0: 1 \t Q1: 2
2\t\t\t10.0\t\t Q0: 0
====
TaskID \t Duration \t Skill \t Predecessor IDs
1\t\t\t10\t Q1: 1
2\t\t\t10\t Q0: 0
3\t\t\t10\t Q0: 1
5\t\t\t5\t Q0: 0\t\t1\t2
====
";

    #[test]
    fn pools_promise_what_people_cannot_do() {
        let instance = parse_def(TINY).unwrap();
        assert_eq!(instance.classes, vec![(0, 0), (0, 1), (1, 1)]);
        assert_eq!(instance.project.n_activities(), 4, "task ids may skip numbers");
        let never = || false;
        let options = SolveOptions { max_schedules: Some(200), ..SolveOptions::default() };
        let result = compare(&instance, &options, 20, &never).unwrap();
        // Pools run tasks 1, 2 and 3 at once and finish at 15; tasks 1 and 3 both need R1.
        assert_eq!(result.pooled_makespan, 15);
        assert!(result.pooled_unstaffed > 0, "{result:?}");
        assert!(result.staffed_makespan > result.pooled_makespan, "{result:?}");
        assert_eq!(result.staffed_makespan, 20, "R1 does tasks 1 and 3 one after the other; R2 does 2, then 5");
        assert_eq!((result.sampled_makespan, result.people_bound), (20, 18), "35 units of work shared by two people");
    }

    #[test]
    fn errors_name_the_line() {
        let broken = TINY.replace("3\t\t\t10\t Q0: 1", "3\t\t\tten\t Q0: 1");
        assert_eq!(parse_def(&broken).unwrap_err().to_string(), "line 11: `ten` is not a duration");
        let dangling = TINY.replace("\t\t1\t2", "\t\t1\t4");
        assert_eq!(parse_def(&dangling).unwrap_err().to_string(), "line 12: predecessor 4 is not a task");
    }
}
