//! The design TOML as written, field by field with spans: the serde layer between the text and
//! `DesignSpec`. Unknown keys are refused here, so a misspelt `qyt` never passes silently.

use prodos_core::design::ToolKind;
use serde::de::{self, MapAccess, Visitor};
use serde::{Deserialize, Deserializer};
use std::fmt;
use toml::Spanned;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawHeader {
    pub key: Spanned<String>,
    pub name: Spanned<String>,
    pub summary: Option<Spanned<String>>,
    /// Written by export so that a re-import names the design (and version) it came from.
    pub id: Option<Spanned<String>>,
    pub version: Option<Spanned<i64>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawLifetime {
    pub service_life_years: Option<Spanned<i64>>,
    pub maintenance_interval_days: Option<Spanned<i64>>,
    pub repairability: Option<Spanned<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawQuality {
    pub min_first_pass_yield: Option<Spanned<f64>>,
    pub yield_window: Option<Spanned<i64>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawSkill {
    pub id: Spanned<String>,
    pub name: Spanned<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawTool {
    pub id: Spanned<String>,
    pub name: Spanned<String>,
    pub kind: Spanned<ToolKind>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawModule {
    pub id: Spanned<String>,
    pub name: Spanned<String>,
    pub parent: Option<Spanned<String>>,
    /// Defaults to 1.
    pub count: Option<Spanned<i64>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawPart {
    pub id: Spanned<String>,
    pub name: Spanned<String>,
    pub module: Spanned<String>,
    pub material: Spanned<String>,
    /// A decimal with at most three places; integers are accepted too.
    pub qty: Spanned<f64>,
    pub unit: Spanned<String>,
    /// Percent with at most two decimals (stored as basis points); defaults to 0.
    pub scrap_pct: Option<Spanned<f64>>,
    pub suppliers: Option<Spanned<Vec<String>>>,
    /// Replaceable without destroying other parts; omitted means not stated.
    pub replaceable: Option<Spanned<bool>>,
    /// The design's tools a replacement needs.
    pub tools: Option<Spanned<Vec<String>>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawOperation {
    pub id: Spanned<String>,
    pub name: Spanned<String>,
    pub module: Option<Spanned<String>>,
    pub duration_min: Spanned<i64>,
    pub skill: Option<Spanned<String>>,
    /// Defaults to 1.
    pub level: Option<Spanned<i64>>,
    /// Defaults to 1; unattended steps say `crew = 0`.
    pub crew: Option<Spanned<i64>>,
    pub tools: Option<Spanned<Vec<String>>>,
    pub after: Option<Spanned<Vec<RawAfter>>>,
    pub consumes: Option<Spanned<Vec<String>>>,
    pub check: Option<Vec<Spanned<RawCheck>>>,
    /// A safety certification (a skill id) required in addition to `skill`.
    pub safety: Option<Spanned<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawCheck {
    pub name: Spanned<String>,
    pub id: Option<Spanned<String>>,
    /// `measured` (default) or `pass-fail`.
    pub kind: Option<Spanned<String>>,
    pub nominal: Option<Spanned<f64>>,
    pub tolerance: Option<Spanned<f64>>,
    /// One-sided lower limit, instead of `nominal` and `tolerance`.
    pub min: Option<Spanned<f64>>,
    /// One-sided upper limit, instead of `nominal` and `tolerance`.
    pub max: Option<Spanned<f64>>,
    pub unit: Option<Spanned<String>>,
    pub independent: Option<Spanned<bool>>,
    pub samples: Option<Spanned<i64>>,
    pub rules: Option<Spanned<Vec<String>>>,
    pub baseline: Option<Spanned<i64>>,
}

/// An `after` entry: `"op-id"` (no lag) or `{ op = "op-id", lag_min = 720 }`.
#[derive(Debug)]
pub(super) struct RawAfter {
    pub op: String,
    pub lag_min: i64,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawAfterTable {
    op: String,
    #[serde(default)]
    lag_min: i64,
}

impl<'de> Deserialize<'de> for RawAfter {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct AfterVisitor;
        impl<'de> Visitor<'de> for AfterVisitor {
            type Value = RawAfter;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(r#"an operation id or { op = "id", lag_min = N }"#)
            }
            fn visit_str<E: de::Error>(self, op: &str) -> Result<RawAfter, E> {
                Ok(RawAfter { op: op.to_string(), lag_min: 0 })
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<RawAfter, A::Error> {
                let table = RawAfterTable::deserialize(de::value::MapAccessDeserializer::new(map))?;
                Ok(RawAfter { op: table.op, lag_min: table.lag_min })
            }
        }
        deserializer.deserialize_any(AfterVisitor)
    }
}
