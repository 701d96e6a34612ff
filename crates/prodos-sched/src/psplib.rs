//! PSPLIB readers: `.sm` / `.mm` instance files and the solution lists (`j30opt.sm`, `j60hrs.sm`).
//!
//! Single-mode files are the multi-mode format with one mode per job, so one parser reads both.
//! Errors carry the 1-based line number and what was expected there.

use crate::error::SchedError;
use crate::model::{Activity, Mode, Precedence, Project, Resource, ResourceKind};
use std::collections::BTreeMap;

/// Parses a PSPLIB `.sm` file (single mode; a `.mm` file is accepted too).
pub fn parse_sm(text: &str) -> Result<Project, SchedError> {
    parse_psplib(text)
}

/// Parses a PSPLIB `.mm` file (multi-mode, renewable and nonrenewable resources).
pub fn parse_mm(text: &str) -> Result<Project, SchedError> {
    parse_psplib(text)
}

fn err(line_idx: usize, message: impl Into<String>) -> SchedError {
    SchedError::Parse { line: line_idx + 1, message: message.into() }
}

struct Lines<'a> {
    lines: Vec<&'a str>,
}

impl<'a> Lines<'a> {
    fn find(&self, from: usize, needle: &str) -> Result<usize, SchedError> {
        self.lines[from.min(self.lines.len())..]
            .iter()
            .position(|l| l.contains(needle))
            .map(|p| p + from)
            .ok_or_else(|| err(self.lines.len().saturating_sub(1), format!("reached the end looking for `{needle}`")))
    }

    /// The integer after the `:` on a header line such as `jobs (incl. supersource/sink ):  32`.
    fn value_after_colon(&self, line_idx: usize, what: &str) -> Result<i64, SchedError> {
        let line = self.lines[line_idx];
        let after = line
            .split_once(':')
            .map(|(_, v)| v)
            .ok_or_else(|| err(line_idx, format!("expected `:` in {what} line")))?;
        let token =
            after.split_whitespace().next().ok_or_else(|| err(line_idx, format!("missing value for {what}")))?;
        token.parse().map_err(|_| err(line_idx, format!("{what}: `{token}` is not an integer")))
    }

    fn ints(&self, line_idx: usize) -> Result<Vec<i64>, SchedError> {
        let line = self.lines.get(line_idx).ok_or_else(|| err(line_idx, "unexpected end of file"))?;
        line.split_whitespace()
            .map(|t| t.parse::<i64>().map_err(|_| err(line_idx, format!("`{t}` is not an integer"))))
            .collect()
    }
}

fn parse_psplib(text: &str) -> Result<Project, SchedError> {
    let lines = Lines { lines: text.lines().collect() };
    let jobs_line = lines.find(0, "jobs (incl. supersource/sink")?;
    let n_jobs = lines.value_after_colon(jobs_line, "jobs")?;
    if n_jobs <= 0 {
        return Err(err(jobs_line, format!("job count must be positive, got {n_jobs}")));
    }
    let n_jobs = n_jobs as usize;
    let renew_line = lines.find(jobs_line, "- renewable")?;
    let n_renewable = lines.value_after_colon(renew_line, "renewable resources")? as usize;
    let nonrenew_line = lines.find(jobs_line, "- nonrenewable")?;
    let n_nonrenewable = lines.value_after_colon(nonrenew_line, "nonrenewable resources")? as usize;
    if let Ok(doubly_line) = lines.find(jobs_line, "- doubly constrained") {
        let n_doubly = lines.value_after_colon(doubly_line, "doubly constrained resources")?;
        if n_doubly != 0 {
            return Err(err(doubly_line, "doubly constrained resources are not supported"));
        }
    }
    let n_resources = n_renewable + n_nonrenewable;

    // PRECEDENCE RELATIONS: header, then one line per job: jobnr, #modes, #successors, successors.
    let prec_line = lines.find(renew_line, "PRECEDENCE RELATIONS")?;
    let mut n_modes = vec![0usize; n_jobs];
    let mut precedences = Vec::new();
    for (job_idx, job_modes) in n_modes.iter_mut().enumerate() {
        let line_idx = prec_line + 2 + job_idx;
        let v = lines.ints(line_idx)?;
        if v.len() < 3 {
            return Err(err(
                line_idx,
                format!("expected `jobnr #modes #successors successors...`, got {} numbers", v.len()),
            ));
        }
        if v[0] != job_idx as i64 + 1 {
            return Err(err(line_idx, format!("expected job {}, found job {}", job_idx + 1, v[0])));
        }
        if v[1] <= 0 {
            return Err(err(line_idx, format!("job {} has {} modes", v[0], v[1])));
        }
        *job_modes = v[1] as usize;
        let n_succ = v[2];
        if v.len() as i64 != 3 + n_succ {
            return Err(err(
                line_idx,
                format!("job {} declares {} successors but lists {}", v[0], n_succ, v.len() - 3),
            ));
        }
        for &s in &v[3..] {
            if s < 1 || s as usize > n_jobs {
                return Err(err(line_idx, format!("successor {s} of job {} is not a job number", v[0])));
            }
            precedences.push(Precedence { from: job_idx, to: s as usize - 1, lag: 0 });
        }
    }

    // REQUESTS/DURATIONS: header, dashes, then per job a first line `jobnr mode dur usage...`
    // and continuation lines `mode dur usage...`.
    let req_line = lines.find(prec_line, "REQUESTS/DURATIONS")?;
    let mut line_idx = req_line + 1;
    while lines.lines.get(line_idx).is_some_and(|l| !l.trim_start().starts_with('-')) {
        line_idx += 1;
    }
    line_idx += 1;
    let mut activities = Vec::with_capacity(n_jobs);
    for (job_idx, &job_modes) in n_modes.iter().enumerate() {
        let mut modes = Vec::with_capacity(job_modes);
        for mode_idx in 0..job_modes {
            let v = lines.ints(line_idx)?;
            let values = if mode_idx == 0 {
                if v.len() != 3 + n_resources {
                    return Err(err(
                        line_idx,
                        format!("expected jobnr, mode, duration and {n_resources} requests, got {} numbers", v.len()),
                    ));
                }
                if v[0] != job_idx as i64 + 1 {
                    return Err(err(line_idx, format!("expected job {}, found job {}", job_idx + 1, v[0])));
                }
                &v[1..]
            } else {
                if v.len() != 2 + n_resources {
                    return Err(err(
                        line_idx,
                        format!(
                            "expected mode, duration and {n_resources} requests for job {}, got {} numbers",
                            job_idx + 1,
                            v.len()
                        ),
                    ));
                }
                &v[..]
            };
            if values[0] != mode_idx as i64 + 1 {
                return Err(err(
                    line_idx,
                    format!("expected mode {} of job {}, found mode {}", mode_idx + 1, job_idx + 1, values[0]),
                ));
            }
            if values[1] < 0 || values[2..].iter().any(|&u| u < 0) {
                return Err(err(line_idx, "durations and requests must be non-negative"));
            }
            modes.push(Mode { duration: values[1], usage: values[2..].to_vec() });
            line_idx += 1;
        }
        activities.push(Activity { modes, release: 0 });
    }

    let avail_line = lines.find(line_idx, "RESOURCEAVAILABILITIES")?;
    let caps = lines.ints(avail_line + 2)?;
    if caps.len() != n_resources {
        return Err(err(avail_line + 2, format!("expected {n_resources} resource availabilities, got {}", caps.len())));
    }
    let resources = caps
        .iter()
        .enumerate()
        .map(|(i, &capacity)| Resource {
            kind: if i < n_renewable { ResourceKind::Renewable } else { ResourceKind::Nonrenewable },
            capacity,
        })
        .collect();
    // Model validation errors (cycles, over-capacity jobs) point at the precedence section.
    Project::new(resources, activities, precedences).map_err(|e| err(prec_line, e.to_string()))
}

/// PSPLIB's marker for "no feasible solution" in the multi-mode solution lists.
pub const INFEASIBLE_MARKER: i64 = 16384;

/// Reads a solution list (`j30opt.sm`, `j60hrs.sm`, `j10opt.mm`, ...): every line whose first
/// three fields are integers is `parameter instance makespan`. Infeasible markers are skipped.
pub fn parse_reference(text: &str) -> Result<BTreeMap<(u32, u32), i64>, SchedError> {
    let mut out = BTreeMap::new();
    for (line_idx, line) in text.lines().enumerate() {
        let mut fields = line.split_whitespace();
        let (Some(a), Some(b), Some(c)) = (fields.next(), fields.next(), fields.next()) else { continue };
        let (Ok(param), Ok(inst)) = (a.parse::<u32>(), b.parse::<u32>()) else { continue };
        let makespan: i64 = c.parse().map_err(|_| err(line_idx, format!("makespan `{c}` is not an integer")))?;
        if makespan == INFEASIBLE_MARKER {
            continue;
        }
        if out.insert((param, inst), makespan).is_some() {
            return Err(err(line_idx, format!("instance {param}_{inst} listed twice")));
        }
    }
    Ok(out)
}

/// Splits an instance file stem such as `j3010_7` into `(10, 7)` given the set prefix `j30`.
pub fn instance_key(stem: &str, set_prefix: &str) -> Option<(u32, u32)> {
    let rest = stem.strip_prefix(set_prefix)?;
    let (param, inst) = rest.split_once('_')?;
    Some((param.parse().ok()?, inst.parse().ok()?))
}

#[cfg(test)]
mod tests {
    use super::*;

    const TINY_MM: &str = "\
jobs (incl. supersource/sink ):  4
RESOURCES
  - renewable                 :  1   R
  - nonrenewable              :  1   N
  - doubly constrained        :  0   D
PRECEDENCE RELATIONS:
jobnr.    #modes  #successors   successors
   1        1          2           2   3
   2        2          1           4
   3        1          1           4
   4        1          0
REQUESTS/DURATIONS:
jobnr. mode duration  R 1  N 1
------------------------------------------------------------------------
  1      1     0       0    0
  2      1     3       2    1
         2     5       1    0
  3      1     2       1    4
  4      1     0       0    0
RESOURCEAVAILABILITIES:
  R 1  N 1
    2    5
";

    #[test]
    fn parses_multi_mode() {
        let p = parse_mm(TINY_MM).unwrap();
        assert_eq!(p.n_activities(), 4);
        assert_eq!(p.activities()[1].modes.len(), 2);
        assert_eq!(p.activities()[1].modes[1], Mode { duration: 5, usage: vec![1, 0] });
        assert_eq!(p.resources()[1], Resource { kind: ResourceKind::Nonrenewable, capacity: 5 });
        assert_eq!(p.successors(0), &[(1, 0), (2, 0)]);
    }

    #[test]
    fn error_names_line() {
        let bad = TINY_MM.replace("  3      1     2       1    4", "  3      1     2       x    4");
        let e = parse_mm(&bad).unwrap_err();
        assert_eq!(e, SchedError::Parse { line: 18, message: "`x` is not an integer".into() });
        let bad = TINY_MM.replace("   2        2          1           4", "   2        2          2           4");
        let e = parse_mm(&bad).unwrap_err();
        assert!(matches!(e, SchedError::Parse { line: 9, .. }), "{e}");
        assert!(parse_sm("hello").unwrap_err().to_string().contains("reached the end looking for"));
    }

    #[test]
    fn reads_reference_lists() {
        let text = "Paramter Instance Makespan CPU\n-----\n1 1 43 0.30\n1       2\t16384\t0.0\n10 7 60\n";
        let r = parse_reference(text).unwrap();
        assert_eq!(r.len(), 2);
        assert_eq!(r[&(10, 7)], 60);
        assert_eq!(instance_key("j3010_7", "j30"), Some((10, 7)));
        assert_eq!(instance_key("j1201_1", "j120"), Some((1, 1)));
    }
}
