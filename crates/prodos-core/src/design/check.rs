//! A design's quality checks and how a measurement is judged against one. The judgment lives with
//! the specification so every caller (inspection, re-inspection, a what-if in the dashboard)
//! gets the same answer, decided by the core rather than by whoever typed the number.

pub use crate::measure::{Conformity, Measurement};
use serde::{Deserialize, Serialize};

/// What a check measures: a quantity against limits, or a pass/fail criterion.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CheckKind {
    #[default]
    Measured,
    /// A yes/no criterion ("finish free of runs"): the inspector records pass or fail.
    Attribute,
}

/// Which side of a measured check is limited. A one-sided check has only a lower (`AtLeast`,
/// e.g. a glue joint's pull strength) or an upper limit (`AtMost`, e.g. a gap); its limit is the
/// nominal and the tolerance is unused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Sides {
    #[default]
    Both,
    AtLeast,
    AtMost,
}

/// A check taken after an operation, with its specification. Fields after `unit` came with the
/// quality loop; ledgers written before it hold symmetric measured checks, one sample per unit.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct QualityCheck {
    pub name: String,
    pub nominal: f64,
    /// Symmetric tolerance: a measurement passes when |value − nominal| ≤ tolerance.
    pub tolerance: f64,
    pub unit: String,
    /// A short id for commands (`--check neck-relief`); empty means the slug of the name.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub id: String,
    #[serde(default, skip_serializing_if = "is_default")]
    pub kind: CheckKind,
    #[serde(default, skip_serializing_if = "is_default")]
    pub sides: Sides,
    /// Must be recorded by someone outside the crew that did the work.
    #[serde(default, skip_serializing_if = "is_default")]
    pub independent: bool,
    /// Measurements per unit: 1 gives an individuals chart, 2–10 an X̄–R chart.
    #[serde(default = "one", skip_serializing_if = "is_one")]
    pub samples: i64,
    /// Detection rules for its control chart (`nelson1` … `nelson8`, `we4`); empty means the
    /// default set (Western Electric 1–4), so extra rules are a choice, not a source of alarms.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub rules: Vec<String>,
    /// How many first samples set the control limits until a quality engineer freezes them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub baseline: Option<i64>,
}

fn is_default<T: Default + PartialEq>(value: &T) -> bool {
    *value == T::default()
}
fn one() -> i64 {
    1
}
fn is_one(value: &i64) -> bool {
    *value == 1
}

/// Default number of first samples that set control limits (Montgomery's "20 to 25 subgroups").
pub const DEFAULT_BASELINE: usize = 20;

impl QualityCheck {
    /// A symmetric measured check, one sample per unit: what most designs write.
    pub fn measured(name: &str, nominal: f64, tolerance: f64, unit: &str) -> QualityCheck {
        QualityCheck {
            name: name.into(),
            nominal,
            tolerance,
            unit: unit.into(),
            id: String::new(),
            kind: CheckKind::Measured,
            sides: Sides::Both,
            independent: false,
            samples: 1,
            rules: Vec::new(),
            baseline: None,
        }
    }

    /// The id commands use: the declared one, else the name's slug (else, for a name without
    /// letters or digits, the name itself).
    pub fn key(&self) -> String {
        if !self.id.is_empty() {
            return self.id.clone();
        }
        let slug = slug(&self.name);
        if slug.is_empty() { self.name.trim().to_string() } else { slug }
    }

    /// The lower and upper specification limits; `None` for a side without one.
    pub fn limits(&self) -> (Option<f64>, Option<f64>) {
        match self.sides {
            Sides::Both => (Some(self.nominal - self.tolerance), Some(self.nominal + self.tolerance)),
            Sides::AtLeast => (Some(self.nominal), None),
            Sides::AtMost => (None, Some(self.nominal)),
        }
    }

    /// The specification in words: "2.8 ± 0.2 mm", "≥ 30 N", "pass/fail".
    pub fn spec_text(&self) -> String {
        match (self.kind, self.sides) {
            (CheckKind::Attribute, _) => "pass/fail".into(),
            (_, Sides::Both) => format!("{} ± {} {}", self.nominal, self.tolerance, self.unit),
            (_, Sides::AtLeast) => format!("≥ {} {}", self.nominal, self.unit),
            (_, Sides::AtMost) => format!("≤ {} {}", self.nominal, self.unit),
        }
    }

    /// Judges a measurement, or says which field is wrong: the wrong kind, the wrong number of
    /// samples, a value that is not a finite number. A measured unit conforms when every sample
    /// lies within the limits (a limit itself conforms).
    pub fn judge(&self, measurement: &Measurement) -> Result<Conformity, (&'static str, String)> {
        let conformity = |ok: bool| if ok { Conformity::InTolerance } else { Conformity::OutOfTolerance };
        match (self.kind, measurement) {
            (CheckKind::Attribute, Measurement::Attribute { passed }) => Ok(conformity(*passed)),
            (CheckKind::Attribute, Measurement::Values(_)) => {
                Err(("value", format!("`{}` is a pass/fail check: record pass or fail, not a value", self.name)))
            }
            (CheckKind::Measured, Measurement::Attribute { .. }) => {
                Err(("passed", format!("`{}` is measured in {}: record a value", self.name, self.unit)))
            }
            (CheckKind::Measured, Measurement::Values(values)) => {
                let wanted = usize::try_from(self.samples.max(1)).unwrap_or(1);
                if values.len() != wanted {
                    let message = format!("`{}` takes {wanted} sample(s) per unit, got {}", self.name, values.len());
                    return Err(("value", message));
                }
                if let Some(bad) = values.iter().find(|value| !value.is_finite()) {
                    return Err(("value", format!("{bad} is not a finite number")));
                }
                let (lower, upper) = self.limits();
                let within = |value: f64| lower.is_none_or(|low| value >= low) && upper.is_none_or(|up| value <= up);
                Ok(conformity(values.iter().all(|value| within(*value))))
            }
        }
    }
}

/// Lowercase letters and digits, every other run of characters one dash: "Neck relief (at 7th)"
/// → `neck-relief-at-7th`.
pub fn slug(text: &str) -> String {
    let mut out = String::new();
    for character in text.chars() {
        if character.is_alphanumeric() {
            out.extend(character.to_lowercase());
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    out.trim_end_matches('-').to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn limits_are_inclusive_and_one_sided_checks_have_one() {
        let check = QualityCheck::measured("Top thickness", 2.8, 0.2, "mm");
        assert_eq!(check.key(), "top-thickness");
        assert_eq!(check.judge(&Measurement::Values(vec![3.0])), Ok(Conformity::InTolerance));
        assert_eq!(check.judge(&Measurement::Values(vec![3.01])), Ok(Conformity::OutOfTolerance));
        let strength = QualityCheck { sides: Sides::AtLeast, ..QualityCheck::measured("pull", 30.0, 0.0, "N") };
        assert_eq!(strength.judge(&Measurement::Values(vec![500.0])), Ok(Conformity::InTolerance));
        assert_eq!(strength.judge(&Measurement::Values(vec![29.9])), Ok(Conformity::OutOfTolerance));
    }

    #[test]
    fn the_wrong_kind_or_count_of_samples_names_the_field() {
        let check = QualityCheck { samples: 3, ..QualityCheck::measured("depth", 124.0, 1.0, "mm") };
        assert_eq!(check.judge(&Measurement::Values(vec![124.0])).unwrap_err().0, "value");
        assert_eq!(check.judge(&Measurement::Attribute { passed: true }).unwrap_err().0, "passed");
        assert!(check.judge(&Measurement::Values(vec![124.0, f64::NAN, 124.0])).is_err());
        let finish = QualityCheck { kind: CheckKind::Attribute, ..QualityCheck::measured("finish", 0.0, 0.0, "") };
        assert_eq!(finish.judge(&Measurement::Attribute { passed: false }), Ok(Conformity::OutOfTolerance));
    }
}
