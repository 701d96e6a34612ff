//! Acceptance sampling of incoming lots by attributes: ISO 2859-1 single sampling plans for
//! normal inspection, so a receiving inspector knows how many items to draw and how many
//! defectives the lot may have before it is rejected.
//!
//! # The table this implements
//!
//! ISO 2859-1:1999 Table 1 (sample size code letters) and Table 2-A (single sampling plans for
//! normal inspection, master table); the same tables are ANSI/ASQ Z1.4 Tables I and II-A.
//!
//! **Code letter** from the lot size and the general inspection level:
//!
//! | lot size        | I | II | III |
//! |-----------------|---|----|-----|
//! | 2–8             | A | A  | B   |
//! | 9–15            | A | B  | C   |
//! | 16–25           | B | C  | D   |
//! | 26–50           | C | D  | E   |
//! | 51–90           | C | E  | F   |
//! | 91–150          | D | F  | G   |
//! | 151–280         | E | G  | H   |
//! | 281–500         | F | H  | J   |
//! | 501–1 200       | G | J  | K   |
//! | 1 201–3 200     | H | K  | L   |
//! | 3 201–10 000    | J | L  | M   |
//! | 10 001–35 000   | K | M  | N   |
//! | 35 001–150 000  | L | N  | P   |
//! | 150 001–500 000 | M | P  | Q   |
//! | over 500 000    | N | Q  | R   |
//!
//! **Sample size** per letter: A 2, B 3, C 5, D 8, E 13, F 20, G 32, H 50, J 80, K 125, L 200,
//! M 315, N 500, P 800, Q 1 250, R 2 000.
//!
//! **Acceptance (Ac) and rejection (Re) numbers.** Table 2-A is a diagonal: along each AQL
//! column, from the letter where the plan Ac 0 / Re 1 first appears, the plans run
//! `0/1, ↑, ↓, 1/2, 2/3, 3/4, 5/6, 7/8, 10/11, 14/15, 21/22`, one per letter, and each step to
//! the next higher AQL moves that start one letter earlier. The 0/1 plan sits at letter L for
//! AQL 0.065, K for 0.10, J 0.15, H 0.25, G 0.40, F 0.65, E 1.0, D 1.5, C 2.5, B 4.0, A 6.5.
//! An arrow means "use the first plan in its direction, *with that plan's sample size*": above
//! the 0/1 plan every letter uses it (↓); one letter below it uses it too (↑); two below use
//! the 1/2 plan (↓); past 21/22 the 21/22 plan applies (↑). For example AQL 1.0, lot of 120
//! (letter F): the arrow ↑ sends the inspector to letter E, so draw 13 and accept on 0.
//!
//! When the sample size reaches the lot size, every item is inspected (the standard's rule);
//! the acceptance number stays that of the plan.

use serde::{Deserialize, Serialize};
use std::fmt;

/// The acceptable quality levels (percent nonconforming) this table covers.
pub const AQLS: [f64; 11] = [0.065, 0.10, 0.15, 0.25, 0.40, 0.65, 1.0, 1.5, 2.5, 4.0, 6.5];

const LETTERS: [char; 16] = ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H', 'J', 'K', 'L', 'M', 'N', 'P', 'Q', 'R'];
const SAMPLE_SIZES: [u32; 16] = [2, 3, 5, 8, 13, 20, 32, 50, 80, 125, 200, 315, 500, 800, 1250, 2000];
/// Upper bound of each lot-size row of Table 1, and the letter index per level I, II, III.
const LOT_ROWS: [(u64, [usize; 3]); 15] = [
    (8, [0, 0, 1]),
    (15, [0, 1, 2]),
    (25, [1, 2, 3]),
    (50, [2, 3, 4]),
    (90, [2, 4, 5]),
    (150, [3, 5, 6]),
    (280, [4, 6, 7]),
    (500, [5, 7, 8]),
    (1_200, [6, 8, 9]),
    (3_200, [7, 9, 10]),
    (10_000, [8, 10, 11]),
    (35_000, [9, 11, 12]),
    (150_000, [10, 12, 13]),
    (500_000, [11, 13, 14]),
    (u64::MAX, [12, 14, 15]),
];
/// Ac along an AQL column, from its 0/1 plan; steps 1 and 2 are arrows (see [`follow_arrows`]).
const DIAGONAL: [u32; 11] = [0, 0, 1, 1, 2, 3, 5, 7, 10, 14, 21];

/// The general inspection levels of Table 1 (II is the standard's default).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub enum InspectionLevel {
    I,
    II,
    III,
}

impl InspectionLevel {
    pub fn parse(text: &str) -> Option<InspectionLevel> {
        match text.trim().to_ascii_uppercase().as_str() {
            "I" | "1" => Some(InspectionLevel::I),
            "II" | "2" => Some(InspectionLevel::II),
            "III" | "3" => Some(InspectionLevel::III),
            _ => None,
        }
    }
}

impl fmt::Display for InspectionLevel {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            InspectionLevel::I => "I",
            InspectionLevel::II => "II",
            InspectionLevel::III => "III",
        })
    }
}

/// What the inspector does with one lot: draw `sample` items, accept the lot with at most
/// `accept` defectives, reject it with `reject` or more.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct SamplingPlan {
    /// The letter the lot size gives (Table 1).
    pub code: char,
    /// The letter whose plan applies after following the arrows (Table 2-A).
    pub plan_code: char,
    pub sample: u32,
    pub accept: u32,
    pub reject: u32,
    /// The sample reached the lot size: every item is inspected.
    pub hundred_percent: bool,
}

impl SamplingPlan {
    pub fn accepts(&self, defective: u32) -> bool {
        defective <= self.accept
    }
}

/// Why no plan could be given.
#[derive(Debug, Clone, PartialEq)]
pub enum SamplingError {
    /// Table 1 starts at lots of 2.
    LotTooSmall { lot_size: u64 },
    /// The AQL is not a column of the table ([`AQLS`]).
    UnknownAql { aql: f64 },
}

impl fmt::Display for SamplingError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::LotTooSmall { lot_size } => {
                write!(f, "a lot of {lot_size} cannot be sampled; inspect it whole (sampling starts at 2)")
            }
            Self::UnknownAql { aql } => {
                let known: Vec<String> = AQLS.iter().map(|aql| aql.to_string()).collect();
                write!(f, "AQL {aql} is not in the table (known: {})", known.join(", "))
            }
        }
    }
}

impl std::error::Error for SamplingError {}

/// The index of an AQL in [`AQLS`], allowing for how the number was written (0.1 vs 0.10).
pub fn aql_index(aql: f64) -> Option<usize> {
    AQLS.iter().position(|known| (known - aql).abs() < 1e-9)
}

/// The single sampling plan for normal inspection of a lot of `lot_size` items at `aql`.
pub fn single_sampling_plan(lot_size: u64, aql: f64, level: InspectionLevel) -> Result<SamplingPlan, SamplingError> {
    if lot_size < 2 {
        return Err(SamplingError::LotTooSmall { lot_size });
    }
    let column = aql_index(aql).ok_or(SamplingError::UnknownAql { aql })?;
    let (_, letters) = LOT_ROWS.iter().find(|(upper, _)| lot_size <= *upper).expect("the last row is unbounded");
    let letter = letters[level as usize];
    // The 0/1 plan of this column: letter L (index 10) for the first AQL, one earlier per step.
    let start = AQLS.len() - 1 - column;
    let (plan_letter, accept) = follow_arrows(letter, start);
    let table_sample = SAMPLE_SIZES[plan_letter];
    let hundred_percent = u64::from(table_sample) >= lot_size;
    Ok(SamplingPlan {
        code: LETTERS[letter],
        plan_code: LETTERS[plan_letter],
        sample: if hundred_percent { lot_size as u32 } else { table_sample },
        accept,
        reject: accept + 1,
        hundred_percent,
    })
}

/// The letter whose plan applies and its Ac, for `letter` in a column whose 0/1 plan is at `start`.
fn follow_arrows(letter: usize, start: usize) -> (usize, u32) {
    let last = DIAGONAL.len() - 1;
    match letter.checked_sub(start) {
        // ↓ down to the 0/1 plan, the plan itself, and the ↑ just below it.
        None | Some(0) | Some(1) => (start, 0),
        // ↓ to the 1/2 plan.
        Some(2) => (start + 3, 1),
        // ↑ past the last plan of the column.
        Some(step) if step > last => (start + last, DIAGONAL[last]),
        Some(step) => (letter, DIAGONAL[step]),
    }
}
