//! Property tests: structural invariants of every signal, rule 1 is exactly "outside the
//! limits", and the linear engine agrees with a slow, literal reading of each rule.

use std::collections::BTreeSet;

use proptest::prelude::*;

use prodos_spc::{Analysis, Baseline, Chart, Limits, Rule, Stage, individuals, xbar_r};

/// Values on and around the zone lines of a unit chart, so ties, boundaries and every zone
/// are common rather than measure-zero.
fn value() -> impl Strategy<Value = f64> {
    prop_oneof![
        4 => (-8i32..=8).prop_map(|k| f64::from(k) * 0.5),
        1 => -4.0f64..4.0,
    ]
}

/// A stretch of a series shaped to provoke one kind of rule: noise, a shifted level, a trend, a
/// zigzag, points hugging the center line, or a flat run (ties).
fn chunk() -> impl Strategy<Value = Vec<f64>> {
    let quarter = |k: i32| f64::from(k) * 0.25;
    prop_oneof![
        prop::collection::vec(value(), 1..20),
        (-6i32..=6, prop::collection::vec(-1i32..=1, 3..20))
            .prop_map(move |(level, noise)| noise.into_iter().map(|n| quarter(2 * level + n)).collect()),
        (-8i32..=8, prop_oneof![Just(-2), Just(-1), Just(1), Just(2)], 3usize..12)
            .prop_map(move |(start, step, n)| (0..n as i32).map(|i| quarter(start + step * i)).collect()),
        (-4i32..=4, 1i32..=8, 5usize..20).prop_map(move |(mid, amp, n)| (0..n)
            .map(|i| quarter(mid + if i % 2 == 0 { amp } else { -amp }))
            .collect()),
        prop::collection::vec(-4i32..=4, 5..25).prop_map(move |v| v.into_iter().map(quarter).collect()),
        (-8i32..=8, 2usize..20).prop_map(move |(level, n)| vec![quarter(level); n]),
    ]
}

fn series() -> impl Strategy<Value = Vec<f64>> {
    prop::collection::vec(chunk(), 1..12).prop_map(|chunks| chunks.concat()).prop_filter("two points", |v| v.len() >= 2)
}

fn baseline() -> impl Strategy<Value = Baseline> {
    prop_oneof![
        1 => (2usize..40).prop_map(Baseline::First),
        // The unit chart puts the half-sigma grid of `value()` exactly on the zone lines.
        2 => Just(Baseline::Frozen { center: 0.0, sigma: 1.0 }),
        1 => (-1.0f64..1.0, 0.5f64..1.5).prop_map(|(center, sigma)| Baseline::Frozen { center, sigma }),
    ]
}

/// A series with stage starts (each stage at least 2 points long) and a rule subset.
fn case() -> impl Strategy<Value = (Vec<f64>, Vec<Stage>, Vec<Rule>)> {
    (series(), prop::collection::vec((2usize..60, baseline()), 0..4))
        .prop_map(|(values, cuts)| {
            let mut stages = Vec::new();
            let mut start = 0;
            for (i, (len, baseline)) in cuts.into_iter().enumerate() {
                if start + 2 > values.len() {
                    break;
                }
                stages.push(Stage::new(start, baseline, format!("s{i}")));
                start += len;
            }
            (values, stages)
        })
        .prop_flat_map(|(values, stages)| {
            (Just(values), Just(stages), prop::sample::subsequence(Rule::ALL.to_vec(), 0..=9))
        })
}

fn min_samples(rule: Rule) -> usize {
    match rule {
        Rule::Nelson1 => 1,
        Rule::Nelson2 => 9,
        Rule::Nelson3 => 6,
        Rule::Nelson4 => 14,
        Rule::Nelson5 => 2,
        Rule::Nelson6 => 4,
        Rule::Nelson7 => 15,
        Rule::Nelson8 | Rule::WesternElectric4 => 8,
    }
}

fn check_invariants(a: &Analysis, rules: &[Rule]) {
    for s in &a.signals {
        assert!(rules.contains(&s.rule), "{s:?} not selected");
        assert!(s.samples.contains(&s.at), "{s:?}: at not in samples");
        assert!(s.samples.windows(2).all(|w| w[0] < w[1]), "{s:?}: samples not sorted");
        let stage = a.points[s.at].stage;
        assert!(s.samples.iter().all(|&i| a.points[i].stage == stage), "{s:?} crosses a stage");
        assert!(s.samples.len() >= min_samples(s.rule), "{s:?}: too few samples");
        if s.chart == a.range_chart {
            assert_eq!(s.rule, Rule::Nelson1, "range chart got {s:?}");
        }
    }
    // Consecutive signals of one rule on one chart do not overlap: the next starts after the
    // previous one's last point.
    for rule in rules {
        for chart in [a.main_chart, a.range_chart] {
            let mine: Vec<_> = a.signals.iter().filter(|s| s.rule == *rule && s.chart == chart).collect();
            for w in mine.windows(2) {
                assert!(w[1].at > *w[0].samples.last().unwrap(), "{:?} overlaps {:?}", w[0], w[1]);
            }
        }
    }
    // Rule 1 is exactly the points (and ranges) outside their stage's limits.
    if rules.contains(&Rule::Nelson1) {
        let at = |chart: Chart| -> Vec<usize> {
            a.signals.iter().filter(|s| s.rule == Rule::Nelson1 && s.chart == chart).map(|s| s.at).collect()
        };
        let outside: Vec<usize> = a.points.iter().filter(|p| p.limits.is_outside(p.value)).map(|p| p.index).collect();
        assert_eq!(at(a.main_chart), outside);
        let range_outside: Vec<usize> = a
            .points
            .iter()
            .filter(|p| a.ranges[p.index].is_some_and(|r| a.stages[p.stage].range.is_outside(r)))
            .map(|p| p.index)
            .collect();
        assert_eq!(at(a.range_chart), range_outside);
    }
}

/// Does `rule` hold at stage-local `i`, read literally from its definition? `side` picks the
/// upper (+1) or lower (−1) pattern of rules 5 and 6 and is ignored by the others.
fn holds(rule: Rule, x: &[f64], l: &Limits, i: usize, side: f64) -> bool {
    let (c, s) = (l.center, l.sigma);
    let last = |n: usize| (i + 1 >= n).then(|| &x[i + 1 - n..=i]);
    let within = |v: f64| v >= c - s && v <= c + s;
    let k_of = |k: usize, w: usize, z: f64| {
        let window = &x[(i + 1).saturating_sub(w)..=i];
        window.iter().filter(|&&v| if side > 0.0 { v > c + z * s } else { v < c - z * s }).count() >= k
    };
    let steps = |n: usize| last(n).map(|w| w.windows(2).map(|p| p[1].partial_cmp(&p[0])).collect::<Vec<_>>());
    match rule {
        Rule::Nelson1 => l.is_outside(x[i]),
        Rule::Nelson2 => last(9).is_some_and(|w| w.iter().all(|&v| v > c) || w.iter().all(|&v| v < c)),
        Rule::WesternElectric4 => last(8).is_some_and(|w| w.iter().all(|&v| v > c) || w.iter().all(|&v| v < c)),
        Rule::Nelson3 => steps(6).is_some_and(|d| {
            d.iter().all(|o| *o == Some(std::cmp::Ordering::Greater))
                || d.iter().all(|o| *o == Some(std::cmp::Ordering::Less))
        }),
        Rule::Nelson4 => steps(14).is_some_and(|d| {
            d.iter().all(|o| *o != Some(std::cmp::Ordering::Equal)) && d.windows(2).all(|p| p[0] != p[1])
        }),
        Rule::Nelson5 => k_of(2, 3, 2.0),
        Rule::Nelson6 => k_of(4, 5, 1.0),
        Rule::Nelson7 => last(15).is_some_and(|w| w.iter().all(|&v| within(v))),
        Rule::Nelson8 => last(8).is_some_and(|w| w.iter().all(|&v| !within(v))),
    }
}

/// The signals a literal reading predicts for one stage: a signal starts where the rule
/// starts holding and its samples are the union of the qualifying points of every window
/// while it holds.
fn oracle(rule: Rule, x: &[f64], l: &Limits, offset: usize) -> Vec<(usize, Vec<usize>)> {
    if rule == Rule::Nelson1 {
        return (0..x.len()).filter(|&i| l.is_outside(x[i])).map(|i| (offset + i, vec![offset + i])).collect();
    }
    let sides: &[f64] = if matches!(rule, Rule::Nelson5 | Rule::Nelson6) { &[1.0, -1.0] } else { &[1.0] };
    let (len, zone) = match rule {
        Rule::Nelson2 => (9, None),
        Rule::Nelson3 => (6, None),
        Rule::Nelson4 => (14, None),
        Rule::Nelson5 => (3, Some(2.0)),
        Rule::Nelson6 => (5, Some(1.0)),
        Rule::Nelson7 => (15, None),
        _ => (8, None),
    };
    let mut out = Vec::new();
    for &side in sides {
        // Runs count every point of the window; rules 5 and 6 only the points beyond the line.
        let qualifies = |v: f64| match zone {
            None => true,
            Some(z) if side > 0.0 => v > l.center + z * l.sigma,
            Some(z) => v < l.center - z * l.sigma,
        };
        let mut open: Option<(usize, BTreeSet<usize>)> = None;
        for i in 0..x.len() {
            if !holds(rule, x, l, i, side) {
                out.extend(open.take().map(|(at, s)| (at, s.into_iter().collect())));
                continue;
            }
            let entry = open.get_or_insert_with(|| (offset + i, BTreeSet::new()));
            entry.1.extend(((i + 1).saturating_sub(len)..=i).filter(|&j| qualifies(x[j])).map(|j| offset + j));
        }
        out.extend(open.take().map(|(at, s)| (at, s.into_iter().collect())));
    }
    out.sort();
    out
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn individuals_signals_are_well_formed_and_match_the_literal_rules((values, stages, rules) in case()) {
        let a = individuals(&values, &stages, &rules).unwrap();
        check_invariants(&a, &rules);
        for &rule in &rules {
            let mut expected = Vec::new();
            for st in &a.stages {
                expected.extend(oracle(rule, &values[st.start..st.end], &st.main, st.start));
            }
            expected.sort();
            let got: Vec<(usize, Vec<usize>)> = a.signals.iter()
                .filter(|s| s.rule == rule && s.chart == Chart::Individuals)
                .map(|s| (s.at, s.samples.clone()))
                .collect();
            prop_assert_eq!(got, expected, "{:?}", rule);
        }
    }

    #[test]
    fn xbar_r_signals_are_well_formed((values, stages, rules) in case()) {
        let groups: Vec<Vec<f64>> = values.chunks(2).filter(|g| g.len() == 2).map(<[f64]>::to_vec).collect();
        let stages: Vec<Stage> = stages.into_iter().filter(|s| s.start + 2 <= groups.len()).collect();
        prop_assume!(groups.len() >= 2);
        let a = xbar_r(&groups, &stages, &rules).unwrap();
        check_invariants(&a, &rules);
    }
}
