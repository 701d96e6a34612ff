//! The rule engine: one linear pass per selected rule over one stage's points, merging a
//! pattern that keeps holding into one signal. Stages are scanned separately, so no run or
//! window ever reaches across a stage boundary.

use serde::{Deserialize, Serialize};

use crate::limits::Limits;
use crate::rules::{Chart, Rule};

/// One detected special-cause pattern.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Signal {
    pub rule: Rule,
    pub chart: Chart,
    /// Index (into the series' points) of the point that first completes the pattern.
    pub at: usize,
    /// Every point involved, ascending: the whole run for run rules, the points beyond the zone
    /// line for rules 5 and 6, extended for as long as the pattern keeps holding.
    pub samples: Vec<usize>,
}

/// Builds one rule's signals on one stage. `hold` is called at each point where the pattern
/// holds, `release` where it does not; consecutive holds are one signal.
struct Emitter<'a> {
    rule: Rule,
    chart: Chart,
    offset: usize,
    open: Option<Signal>,
    /// First stage-local index not yet looked at for the open signal's samples; it keeps the
    /// work per point constant however long a run grows.
    next: usize,
    out: &'a mut Vec<Signal>,
}

impl<'a> Emitter<'a> {
    fn new(rule: Rule, chart: Chart, offset: usize, out: &'a mut Vec<Signal>) -> Self {
        Emitter { rule, chart, offset, open: None, next: 0, out }
    }

    /// The pattern holds at local index `i` and involves the qualifying points in `from..=i`.
    fn hold(&mut self, i: usize, from: usize, qualifies: impl Fn(usize) -> bool) {
        let start = if self.open.is_some() { from.max(self.next) } else { from };
        let (rule, chart, at) = (self.rule, self.chart, self.offset + i);
        let signal = self.open.get_or_insert_with(|| Signal { rule, chart, at, samples: Vec::new() });
        signal.samples.extend((start..=i).filter(|&j| qualifies(j)).map(|j| self.offset + j));
        self.next = i + 1;
    }

    fn release(&mut self) {
        if let Some(signal) = self.open.take() {
            self.out.push(signal);
        }
    }
}

/// Appends the signals of `rules` on one stage of a center-line chart. `values` are the stage's
/// points, `offset` the series index of the first of them.
pub(crate) fn scan(
    values: &[f64],
    offset: usize,
    limits: &Limits,
    rules: &[Rule],
    chart: Chart,
    out: &mut Vec<Signal>,
) {
    let (c, s) = (limits.center, limits.sigma);
    let within_one = |x: f64| x >= c - s && x <= c + s;
    for &rule in rules {
        let mut em = Emitter::new(rule, chart, offset, out);
        match rule {
            Rule::Nelson1 => beyond_limits(values, limits, &mut em),
            Rule::Nelson2 => same_side(values, c, 9, &mut em),
            Rule::Nelson3 => trend(values, 6, &mut em),
            Rule::Nelson4 => alternating(values, 14, &mut em),
            Rule::Nelson5 => {
                k_of_w(values, 2, 3, |x| x > c + 2.0 * s, &mut em);
                k_of_w(values, 2, 3, |x| x < c - 2.0 * s, &mut em);
            }
            Rule::Nelson6 => {
                k_of_w(values, 4, 5, |x| x > c + s, &mut em);
                k_of_w(values, 4, 5, |x| x < c - s, &mut em);
            }
            Rule::Nelson7 => run_of(values, 15, within_one, &mut em),
            Rule::Nelson8 => run_of(values, 8, |x| !within_one(x), &mut em),
            Rule::WesternElectric4 => same_side(values, c, 8, &mut em),
        }
        em.release();
    }
}

/// Appends rule-1 signals of one stage of a range chart; `None` (the first point of an I–MR
/// stage) has no range and never signals.
pub(crate) fn scan_range(ranges: &[Option<f64>], offset: usize, limits: &Limits, chart: Chart, out: &mut Vec<Signal>) {
    for (i, range) in ranges.iter().enumerate() {
        if range.is_some_and(|r| limits.is_outside(r)) {
            out.push(Signal { rule: Rule::Nelson1, chart, at: offset + i, samples: vec![offset + i] });
        }
    }
}

/// Rule 1: every point outside the limits is its own signal (never merged).
fn beyond_limits(values: &[f64], limits: &Limits, em: &mut Emitter) {
    for (i, &x) in values.iter().enumerate() {
        if limits.is_outside(x) {
            em.hold(i, i, |_| true);
            em.release();
        }
    }
}

/// Drives a run rule: `run_at(i)` is the number of points in the run ending at `i`; the rule
/// holds while that reaches `len`, and the signal's samples are the whole run.
fn runs(n: usize, len: usize, em: &mut Emitter, mut run_at: impl FnMut(usize) -> usize) {
    for i in 0..n {
        let run = run_at(i);
        if run >= len {
            em.hold(i, i + 1 - run, |_| true);
        } else {
            em.release();
        }
    }
}

/// `len` points in a row strictly on one side of the center; a point on the center breaks it.
fn same_side(values: &[f64], center: f64, len: usize, em: &mut Emitter) {
    let (mut run, mut side) = (0usize, 0i8);
    runs(values.len(), len, em, |i| {
        let s = direction(values[i], center);
        run = if s != 0 && s == side { run + 1 } else { usize::from(s != 0) };
        side = s;
        run
    });
}

/// `len` points in a row each strictly above (or each strictly below) the one before.
fn trend(values: &[f64], len: usize, em: &mut Emitter) {
    let (mut up, mut down) = (0usize, 0usize);
    runs(values.len(), len, em, |i| {
        match i.checked_sub(1).map(|p| direction(values[i], values[p])) {
            Some(1) => (up, down) = (up + 1, 0),
            Some(-1) => (up, down) = (0, down + 1),
            _ => (up, down) = (0, 0),
        }
        up.max(down) + 1
    });
}

/// `len` points in a row whose steps alternate up, down, up…; a flat step breaks it.
fn alternating(values: &[f64], len: usize, em: &mut Emitter) {
    let (mut steps, mut previous) = (0usize, 0i8);
    runs(values.len(), len, em, |i| {
        let step = i.checked_sub(1).map_or(0, |p| direction(values[i], values[p]));
        steps = if step != 0 && previous == -step { steps + 1 } else { usize::from(step != 0) };
        previous = step;
        steps + 1
    });
}

/// `len` points in a row that all satisfy `member`.
fn run_of(values: &[f64], len: usize, member: impl Fn(f64) -> bool, em: &mut Emitter) {
    let mut run = 0usize;
    runs(values.len(), len, em, |i| {
        run = if member(values[i]) { run + 1 } else { 0 };
        run
    });
}

/// At least `k` of the last `w` points (fewer at the start of a stage) satisfy `beyond`.
/// Holds at every point whose window qualifies; samples are the `beyond` points of those
/// windows. A window can only first qualify at a `beyond` point, so `at` is always one.
fn k_of_w(values: &[f64], k: usize, w: usize, beyond: impl Fn(f64) -> bool, em: &mut Emitter) {
    let mut count = 0usize;
    for i in 0..values.len() {
        count += usize::from(beyond(values[i]));
        if i >= w {
            count -= usize::from(beyond(values[i - w]));
        }
        if count >= k {
            em.hold(i, (i + 1).saturating_sub(w), |j| beyond(values[j]));
        } else {
            em.release();
        }
    }
    em.release();
}

/// +1 above, −1 below, 0 equal; compared directly so no subtraction rounding enters.
fn direction(x: f64, reference: f64) -> i8 {
    if x > reference {
        1
    } else if x < reference {
        -1
    } else {
        0
    }
}
