//! What an inspection records and what the core concludes from it: value types the design area
//! (which judges) and the quality area (which keeps the record) share, like `units`.

use serde::{Deserialize, Serialize};

/// What an inspector recorded for one check of one unit.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Measurement {
    Values(Vec<f64>),
    Attribute { passed: bool },
}

/// The core's verdict on a measurement.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Conformity {
    InTolerance,
    OutOfTolerance,
}

impl Conformity {
    pub fn as_str(self) -> &'static str {
        match self {
            Conformity::InTolerance => "in tolerance",
            Conformity::OutOfTolerance => "out of tolerance",
        }
    }
}
