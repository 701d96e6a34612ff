//! Each detection rule on a hand-made series against frozen limits (center 0, sigma 1): it fires
//! at exactly the point completing the pattern, not one sample earlier, and only when selected.

mod common;

use common::{fired, of_rule, repeat};
use prodos_spc::Rule;

/// The rule fires once at `at` on `series`, stays silent on the series cut one point short, and
/// is never reported when every rule except it is selected.
fn fires_exactly_at(rule: Rule, series: &[f64], at: usize) {
    let got = of_rule(series, rule);
    assert_eq!(got.len(), 1, "{rule:?} on {series:?}: {got:?}");
    assert_eq!(got[0].0, at, "{rule:?} fired at the wrong point: {got:?}");
    assert!(got[0].1.contains(&at), "{rule:?}: `at` must be one of the samples");
    let short = &series[..at];
    assert_eq!(of_rule(short, rule), vec![], "{rule:?} fired one sample early on {short:?}");
    let others: Vec<Rule> = Rule::ALL.into_iter().filter(|r| *r != rule).collect();
    assert!(fired(series, &others).iter().all(|s| s.rule != rule), "{rule:?} fired without being selected");
}

#[test]
fn rule1_each_point_beyond_three_sigma() {
    fires_exactly_at(Rule::Nelson1, &[0.0, 0.5, 3.2], 2);
    fires_exactly_at(Rule::Nelson1, &[0.0, -3.01], 1);
    // A point exactly on the limit is inside; two outliers are two signals.
    let got = of_rule(&[3.0, 3.5, 0.0, -4.0, -3.0], Rule::Nelson1);
    assert_eq!(got, vec![(1, vec![1]), (3, vec![3])]);
}

#[test]
fn rule2_nine_on_one_side() {
    let mut series = vec![-0.5];
    series.extend(repeat(0.5, 9));
    fires_exactly_at(Rule::Nelson2, &series, 9);
    assert_eq!(of_rule(&series, Rule::Nelson2)[0].1, (1..=9).collect::<Vec<_>>());
    fires_exactly_at(Rule::Nelson2, &repeat(-2.0, 9), 8);
    // A point exactly on the center line breaks the run.
    let mut broken = repeat(0.5, 4);
    broken.push(0.0);
    broken.extend(repeat(0.5, 8));
    assert_eq!(of_rule(&broken, Rule::Nelson2), vec![]);
}

#[test]
fn rule3_six_steadily_moving() {
    fires_exactly_at(Rule::Nelson3, &[0.0, 0.1, 0.2, 0.3, 0.4, 0.5], 5);
    fires_exactly_at(Rule::Nelson3, &[0.0, 0.5, 0.4, 0.3, 0.2, 0.1, 0.0], 6);
    // Six points means five strict steps; an equal value breaks the trend.
    assert_eq!(of_rule(&[0.0, 0.1, 0.2, 0.2, 0.3, 0.4, 0.5], Rule::Nelson3), vec![]);
}

#[test]
fn rule4_fourteen_alternating() {
    let zigzag: Vec<f64> = (0..14).map(|i| if i % 2 == 0 { 0.2 } else { -0.3 }).collect();
    fires_exactly_at(Rule::Nelson4, &zigzag, 13);
    let mut flat = zigzag.clone();
    flat[7] = flat[6]; // a flat step breaks the alternation
    assert_eq!(of_rule(&flat, Rule::Nelson4), vec![]);
    assert_eq!(of_rule(&repeat(0.2, 20), Rule::Nelson4), vec![], "a flat line is not a zigzag");
}

#[test]
fn rule5_two_of_three_beyond_two_sigma() {
    fires_exactly_at(Rule::Nelson5, &[0.0, 2.5, 0.0, 2.5], 3);
    assert_eq!(of_rule(&[0.0, 2.5, 0.0, 2.5], Rule::Nelson5)[0].1, vec![1, 3]);
    fires_exactly_at(Rule::Nelson5, &[0.0, -2.5, -2.1], 2);
    // At the start of a stage the window is shorter: two first points beyond 2σ count.
    fires_exactly_at(Rule::Nelson5, &[2.5, 2.5], 1);
    // Too far apart (no window of three holds both), or on opposite sides, or on the line.
    assert_eq!(of_rule(&[2.5, 0.0, 0.0, 2.5], Rule::Nelson5), vec![]);
    assert_eq!(of_rule(&[2.5, -2.5, 0.0], Rule::Nelson5), vec![]);
    assert_eq!(of_rule(&[2.0, 2.0, 2.0], Rule::Nelson5), vec![]);
}

#[test]
fn rule6_four_of_five_beyond_one_sigma() {
    fires_exactly_at(Rule::Nelson6, &[0.0, 1.5, 1.5, 0.0, 1.5, 1.5], 5);
    assert_eq!(of_rule(&[0.0, 1.5, 1.5, 0.0, 1.5, 1.5], Rule::Nelson6)[0].1, vec![1, 2, 4, 5]);
    fires_exactly_at(Rule::Nelson6, &[-1.2, -1.2, -1.2, -1.2], 3);
    assert_eq!(of_rule(&[1.5, 1.5, 0.0, 0.0, 1.5, 1.5], Rule::Nelson6), vec![]);
}

#[test]
fn rule7_fifteen_within_one_sigma() {
    let hugging: Vec<f64> = (0..15).map(|i| if i % 3 == 0 { -0.5 } else { 0.8 }).collect();
    fires_exactly_at(Rule::Nelson7, &hugging, 14);
    let mut escaped = hugging.clone();
    escaped[7] = 1.01;
    assert_eq!(of_rule(&escaped, Rule::Nelson7), vec![]);
}

#[test]
fn rule8_eight_outside_one_sigma() {
    let avoiding: Vec<f64> = (0..8).map(|i| if i % 2 == 0 { 1.5 } else { -1.8 }).collect();
    fires_exactly_at(Rule::Nelson8, &avoiding, 7);
    // One side only is allowed too.
    fires_exactly_at(Rule::Nelson8, &repeat(1.2, 8), 7);
    let mut touched = avoiding.clone();
    touched[4] = 1.0; // on the 1σ line counts as within
    assert_eq!(of_rule(&touched, Rule::Nelson8), vec![]);
}

#[test]
fn we4_eight_on_one_side() {
    let mut series = vec![0.0, -0.1];
    series.extend(repeat(0.3, 8));
    fires_exactly_at(Rule::WesternElectric4, &series, 9);
    // Eight in a row is not yet Nelson's nine.
    assert_eq!(of_rule(&repeat(0.3, 8), Rule::Nelson2), vec![]);
}

#[test]
fn a_run_that_keeps_going_is_one_signal() {
    let got = of_rule(&repeat(0.5, 12), Rule::Nelson2);
    assert_eq!(got, vec![(8, (0..12).collect())]);
    // Once the run stops, the next run is a new signal.
    let mut two_runs = repeat(0.5, 9);
    two_runs.push(-0.5);
    two_runs.extend(repeat(0.5, 9));
    let ats: Vec<usize> = of_rule(&two_runs, Rule::Nelson2).into_iter().map(|(at, _)| at).collect();
    assert_eq!(ats, vec![8, 18]);
}

#[test]
fn overlapping_windows_merge_until_the_pattern_stops() {
    let series = [2.5, 2.5, 2.5, 0.0, 0.0, 0.0, 2.5, 2.5];
    // Holds at 1, 2, 3 ([2.5, 2.5, 0]) and stops at 4; holds again at 7.
    assert_eq!(of_rule(&series, Rule::Nelson5), vec![(1, vec![0, 1, 2]), (7, vec![6, 7])]);
    // A long trend is one signal covering the whole trend.
    let trend: Vec<f64> = (0..20).map(|i| f64::from(i) * 0.1 - 1.0).collect();
    assert_eq!(of_rule(&trend, Rule::Nelson3), vec![(5, (0..20).collect())]);
}

#[test]
fn rule_names_and_parsing() {
    assert_eq!(Rule::parse("nelson5"), Some(Rule::Nelson5));
    assert_eq!(Rule::parse("Nelson 8"), Some(Rule::Nelson8));
    assert_eq!(Rule::parse("3"), Some(Rule::Nelson3));
    assert_eq!(Rule::parse("we1"), Some(Rule::Nelson1));
    assert_eq!(Rule::parse("WE2"), Some(Rule::Nelson5));
    assert_eq!(Rule::parse("we3"), Some(Rule::Nelson6));
    assert_eq!(Rule::parse("we-4"), Some(Rule::WesternElectric4));
    for bad in ["", "9", "nelson0", "we5", "nelson", "x1"] {
        assert_eq!(Rule::parse(bad), None, "{bad:?}");
    }
    for (i, rule) in Rule::ALL_NELSON.iter().enumerate() {
        assert_eq!(usize::from(rule.number()), i + 1);
        assert_eq!(Rule::parse(&format!("{}", i + 1)), Some(*rule));
        assert!(rule.name().starts_with("Nelson"));
    }
    assert_eq!(Rule::WesternElectric4.number(), 4);
    assert!(Rule::WesternElectric4.description().contains("eight"));
}
