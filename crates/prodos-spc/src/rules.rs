//! The names of things a signal can be about: which detection rule fired and on which chart.
//! Parsing accepts the spellings quality engineers type ("nelson5", "5", "we2").

use serde::{Deserialize, Serialize};

/// Which chart a signal is on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Chart {
    /// Individual values of an I–MR chart.
    Individuals,
    /// Moving ranges of an I–MR chart.
    MovingRange,
    /// Subgroup means of an X̄–R chart.
    Mean,
    /// Subgroup ranges of an X̄–R chart.
    Range,
}

/// Detection rules, numbered as in Nelson (1984), "The Shewhart Control Chart — Tests for
/// Special Causes", *Journal of Quality Technology* 16(4). Western Electric rules 1–3 are
/// Nelson 1, 5 and 6; `WesternElectric4` is WE rule 4 (eight in a row on one side), which
/// Nelson lengthened to nine (his rule 2).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Rule {
    Nelson1,
    Nelson2,
    Nelson3,
    Nelson4,
    Nelson5,
    Nelson6,
    Nelson7,
    Nelson8,
    WesternElectric4,
}

impl Rule {
    /// The eight Nelson rules, in order.
    pub const ALL_NELSON: [Rule; 8] = [
        Rule::Nelson1,
        Rule::Nelson2,
        Rule::Nelson3,
        Rule::Nelson4,
        Rule::Nelson5,
        Rule::Nelson6,
        Rule::Nelson7,
        Rule::Nelson8,
    ];

    /// Every rule: the eight Nelson rules and Western Electric 4.
    pub const ALL: [Rule; 9] = [
        Rule::Nelson1,
        Rule::Nelson2,
        Rule::Nelson3,
        Rule::Nelson4,
        Rule::Nelson5,
        Rule::Nelson6,
        Rule::Nelson7,
        Rule::Nelson8,
        Rule::WesternElectric4,
    ];

    /// The rule's number within its family: 1–8 for Nelson, 4 for Western Electric 4
    /// (use [`Rule::name`] to tell the families apart).
    pub fn number(&self) -> u8 {
        match self {
            Rule::Nelson1 => 1,
            Rule::Nelson2 => 2,
            Rule::Nelson3 => 3,
            Rule::Nelson4 | Rule::WesternElectric4 => 4,
            Rule::Nelson5 => 5,
            Rule::Nelson6 => 6,
            Rule::Nelson7 => 7,
            Rule::Nelson8 => 8,
        }
    }

    /// A short display name, e.g. "Nelson 5" or "Western Electric 4".
    pub fn name(&self) -> &'static str {
        match self {
            Rule::Nelson1 => "Nelson 1",
            Rule::Nelson2 => "Nelson 2",
            Rule::Nelson3 => "Nelson 3",
            Rule::Nelson4 => "Nelson 4",
            Rule::Nelson5 => "Nelson 5",
            Rule::Nelson6 => "Nelson 6",
            Rule::Nelson7 => "Nelson 7",
            Rule::Nelson8 => "Nelson 8",
            Rule::WesternElectric4 => "Western Electric 4",
        }
    }

    /// What the rule looks for, in the words an operator would read on a chart.
    pub fn description(&self) -> &'static str {
        match self {
            Rule::Nelson1 => "one point beyond 3 sigma from the center line",
            Rule::Nelson2 => "nine points in a row on the same side of the center line",
            Rule::Nelson3 => "six points in a row steadily increasing or steadily decreasing",
            Rule::Nelson4 => "fourteen points in a row alternating up and down",
            Rule::Nelson5 => "two out of three points in a row beyond 2 sigma on the same side",
            Rule::Nelson6 => "four out of five points in a row beyond 1 sigma on the same side",
            Rule::Nelson7 => "fifteen points in a row within 1 sigma of the center line",
            Rule::Nelson8 => "eight points in a row beyond 1 sigma, on either side, none within 1 sigma",
            Rule::WesternElectric4 => "eight points in a row on the same side of the center line",
        }
    }

    /// Reads "nelson1".."nelson8", "1".."8" and "we1".."we4" (case, spaces, '-' and '_'
    /// ignored). WE 1, 2, 3 are the same tests as Nelson 1, 5, 6 and map to them.
    pub fn parse(text: &str) -> Option<Rule> {
        let key: String =
            text.chars().filter(|c| !matches!(c, ' ' | '-' | '_')).map(|c| c.to_ascii_lowercase()).collect();
        let (family, digits) = if let Some(rest) = key.strip_prefix("nelson") {
            ("nelson", rest)
        } else if let Some(rest) = key.strip_prefix("westernelectric").or_else(|| key.strip_prefix("we")) {
            ("we", rest)
        } else {
            ("nelson", key.as_str())
        };
        let rule = match (family, digits) {
            ("nelson", "1") | ("we", "1") => Rule::Nelson1,
            ("nelson", "2") => Rule::Nelson2,
            ("nelson", "3") => Rule::Nelson3,
            ("nelson", "4") => Rule::Nelson4,
            ("nelson", "5") | ("we", "2") => Rule::Nelson5,
            ("nelson", "6") | ("we", "3") => Rule::Nelson6,
            ("nelson", "7") => Rule::Nelson7,
            ("nelson", "8") => Rule::Nelson8,
            ("we", "4") => Rule::WesternElectric4,
            _ => return None,
        };
        Some(rule)
    }
}
