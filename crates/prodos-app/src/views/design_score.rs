//! Wire view of a design version's lifetime score: four sub-scores, each with the inputs it was
//! computed from and a sentence saying how, or the reason it cannot be computed yet.

use serde::Serialize;

/// `prodos design show`'s score block and the design pages' (`docs/QUALITY.md`, "Lifetime design
/// score", has the formulas).
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DesignScoreView {
    /// `DES-0001@v2`.
    pub design: String,
    pub durability: SubScoreView,
    pub repairability: SubScoreView,
    pub modularity: SubScoreView,
    pub quality: SubScoreView,
}

impl DesignScoreView {
    /// The four sub-scores in the order they are shown.
    pub fn all(&self) -> [&SubScoreView; 4] {
        [&self.durability, &self.repairability, &self.modularity, &self.quality]
    }
}

/// One sub-score. Without enough data there is no number, only the reason: a missing input is
/// never scored as zero or as full marks.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SubScoreView {
    /// `durability`, `repairability`, `modularity` or `quality`.
    pub name: &'static str,
    /// 0–100; `None` when `missing` says what is lacking.
    pub score: Option<u32>,
    /// The score is a lower bound (durability before any failure: the time in service so far).
    pub lower_bound: bool,
    /// Why there is no score yet.
    pub missing: Option<String>,
    /// One line: the inputs put through the formula, or the reason there is no score.
    pub explanation: String,
    pub formula: &'static str,
    pub inputs: Vec<ScoreInputView>,
}

/// An input of a sub-score as shown, with its number where it has one.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ScoreInputView {
    pub name: &'static str,
    pub value: Option<f64>,
    /// The value in words, with its unit: `412.5 days`, `3 of 4`, `not reported`.
    pub text: String,
}

impl SubScoreView {
    /// `75`, `≥ 12`, or `–` without a score.
    pub fn shown(&self) -> String {
        match (self.score, self.lower_bound) {
            (Some(score), true) => format!("≥ {score}"),
            (Some(score), false) => score.to_string(),
            (None, _) => "–".into(),
        }
    }
}
