//! Readable, sequential identifiers (`DES-0001`, `LOT-0042`, `PROD-0031`) in the style of the seeds.
//!
//! Ids are assigned inside `decide` from counters in `State` and carried in the events, so replaying
//! the ledger gives every object the same id again.

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;
use std::str::FromStr;

/// Why an id string could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("`{text}` is not a {what} id (expected {prefix}-NNNN)")]
pub struct IdParseError {
    pub text: String,
    pub what: &'static str,
    pub prefix: &'static str,
}

macro_rules! readable_id {
    ($(#[$doc:meta])* $name:ident, $prefix:literal, $what:literal) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub struct $name(pub u32);

        impl $name {
            pub const PREFIX: &'static str = $prefix;
            pub fn number(self) -> u32 {
                self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "{}-{:04}", $prefix, self.0)
            }
        }

        impl FromStr for $name {
            type Err = IdParseError;
            fn from_str(text: &str) -> Result<Self, Self::Err> {
                let error = || IdParseError { text: text.to_string(), what: $what, prefix: $prefix };
                let digits = text
                    .strip_prefix($prefix)
                    .and_then(|rest| rest.strip_prefix('-'))
                    .ok_or_else(error)?;
                if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
                    return Err(error());
                }
                digits.parse::<u32>().map($name).map_err(|_| error())
            }
        }

        impl Serialize for $name {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.collect_str(self)
            }
        }

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let text = <std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
                text.parse().map_err(serde::de::Error::custom)
            }
        }
    };
}

readable_id!(
    /// A design (all of its versions share the id; `DesignRef` names one version).
    DesignId, "DES", "design"
);
readable_id!(
    /// A received lot of one material.
    LotId, "LOT", "lot"
);
readable_id!(
    /// A supplier in the catalog.
    SupplierId, "SUP", "supplier"
);
readable_id!(
    /// A governance decision taken elsewhere (the seeds' CDS); prodos only records the reference.
    DecisionId, "DEC", "decision"
);
readable_id!(
    /// A production mandate: build N units of a certified design by a date.
    MandateId, "MAN", "mandate"
);
readable_id!(
    /// A production plan proposed for a mandate.
    PlanId, "PROD", "plan"
);

// People and work (issue 4).
readable_id!(
    /// A training challenge: a skill and level with practical steps and written questions.
    ChallengeId, "CHL", "challenge"
);
readable_id!(
    /// One graded attempt at a challenge.
    AttemptId, "ATT", "attempt"
);
readable_id!(
    /// A finished unit that became a good with a serial number.
    GoodId, "GOOD", "good"
);
readable_id!(
    /// A right to receive goods of one design.
    EntitlementId, "ENT", "entitlement"
);

/// One version of a design: `DES-0001@v2`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct DesignRef {
    pub design: DesignId,
    pub version: u32,
}

impl fmt::Display for DesignRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}@v{}", self.design, self.version)
    }
}

/// A design id with an optional version, as typed by a user: `DES-0001` or `DES-0001@v2`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DesignSelector {
    pub design: DesignId,
    pub version: Option<u32>,
}

impl FromStr for DesignSelector {
    type Err = IdParseError;
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let error = || IdParseError { text: text.to_string(), what: "design", prefix: "DES-NNNN[@vN]; DES" };
        match text.split_once('@') {
            None => Ok(DesignSelector { design: text.parse()?, version: None }),
            Some((id, version)) => {
                let number = version.strip_prefix('v').ok_or_else(error)?;
                let version = number.parse::<u32>().map_err(|_| error())?;
                if version == 0 {
                    return Err(error());
                }
                Ok(DesignSelector { design: id.parse()?, version: Some(version) })
            }
        }
    }
}

impl fmt::Display for DesignSelector {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.version {
            Some(version) => write!(f, "{}@v{}", self.design, version),
            None => write!(f, "{}", self.design),
        }
    }
}

impl Serialize for DesignSelector {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for DesignSelector {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = <std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

impl Serialize for DesignRef {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for DesignRef {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = <std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
        let selector: DesignSelector = text.parse().map_err(serde::de::Error::custom)?;
        let version = selector.version.ok_or_else(|| serde::de::Error::custom(format!("`{text}` names no version")))?;
        Ok(DesignRef { design: selector.design, version })
    }
}

readable_id!(
    /// One recorded inspection: a check of one unit (or of a received lot).
    InspectionId, "INS", "inspection"
);
readable_id!(
    /// A nonconformance: an out-of-tolerance result awaiting, or carrying, its disposition.
    NonconformanceId, "NCR", "nonconformance"
);
readable_id!(
    /// One unit of a tool or workstation, with meters, status and history.
    AssetId, "AST", "asset"
);
readable_id!(
    /// A preventive or repair work order on an asset.
    WorkOrderId, "WO", "work order"
);
readable_id!(
    /// An improvement proposal of the upgrade loop.
    ImprovementId, "IMP", "improvement"
);
readable_id!(
    /// A safety incident or near miss.
    IncidentId, "INC", "incident"
);
readable_id!(
    /// A sampling inspection of a received lot.
    LotInspectionId, "LIN", "lot inspection"
);
readable_id!(
    /// A control-chart signal: a rule that fired on a check's series.
    SignalId, "SIG", "signal"
);
readable_id!(
    /// A design-review flag on a design version.
    ReviewId, "REV", "review"
);
readable_id!(
    /// A report from the field about a distributed good.
    FieldReportId, "FLD", "field report"
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_print_and_parse_in_the_seed_style() {
        assert_eq!(DesignId(1).to_string(), "DES-0001");
        assert_eq!(PlanId(31).to_string(), "PROD-0031");
        assert_eq!("DEC-0019".parse::<DecisionId>(), Ok(DecisionId(19)));
        assert_eq!("LOT-12345".parse::<LotId>(), Ok(LotId(12345)));
        assert!("DES-".parse::<DesignId>().is_err());
        assert!("LOT-0001".parse::<DesignId>().is_err());
    }

    #[test]
    fn design_selectors_read_optional_versions() {
        let selector: DesignSelector = "DES-0003@v2".parse().unwrap();
        assert_eq!(selector, DesignSelector { design: DesignId(3), version: Some(2) });
        assert_eq!("DES-0003".parse::<DesignSelector>().unwrap().version, None);
        assert!("DES-0003@2".parse::<DesignSelector>().is_err());
        assert!("DES-0003@v0".parse::<DesignSelector>().is_err());
    }
}

/// One operation instance of a committed plan, `PROD-0001/bracing#2`: the name of a task in
/// every area that speaks of one (execution, assignment, distribution).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct TaskRef {
    pub plan: PlanId,
    pub operation: String,
    pub unit: u32,
}

impl fmt::Display for TaskRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}#{}", self.plan, self.operation, self.unit)
    }
}

impl std::str::FromStr for TaskRef {
    type Err = String;
    fn from_str(text: &str) -> Result<TaskRef, String> {
        let error = || format!("`{text}` is not a task (expected PROD-NNNN/OPERATION#UNIT)");
        let (plan, rest) = text.split_once('/').ok_or_else(error)?;
        let (operation, unit) = rest.rsplit_once('#').ok_or_else(error)?;
        let plan = plan.parse::<PlanId>().map_err(|_| error())?;
        let unit = unit.parse::<u32>().map_err(|_| error())?;
        if operation.is_empty() || unit == 0 {
            return Err(error());
        }
        Ok(TaskRef { plan, operation: operation.to_string(), unit })
    }
}

/// Rework tasks are named after the task they rework, `PROD-0001/set-neck~rework1#3`; design
/// validation keeps the mark out of operation ids so the two never collide.
pub const REWORK_MARK: char = '~';

impl TaskRef {
    /// The `n`th rework task of this task.
    pub fn rework(&self, n: u32) -> TaskRef {
        TaskRef { plan: self.plan, operation: format!("{}{REWORK_MARK}rework{n}", self.operation), unit: self.unit }
    }
    /// The task a rework task reworks; `None` for a task of the plan itself.
    pub fn reworked(&self) -> Option<TaskRef> {
        let (operation, _) = self.operation.split_once(REWORK_MARK)?;
        Some(TaskRef { plan: self.plan, operation: operation.to_string(), unit: self.unit })
    }
}
