//! Units of measure, quantities in fixed-point milli-units, and money in millicents.
//!
//! Integers, not floats, so that stock arithmetic is exact and replay gives identical numbers
//! on every machine.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// What a unit measures; only units of the same dimension convert into each other.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Dimension {
    Count,
    Set,
    Mass,
    Length,
    Area,
    Volume,
    Time,
}

/// The units prodos understands. Anything else is rejected with the list of known units.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Unit {
    Piece,
    Set,
    Gram,
    Kilogram,
    Tonne,
    Millimetre,
    Centimetre,
    Metre,
    SquareCentimetre,
    SquareMetre,
    Millilitre,
    Litre,
    CubicMetre,
    Minute,
    Hour,
}

/// (unit, symbol, dimension, size in the dimension's smallest unit).
const UNIT_TABLE: &[(Unit, &str, Dimension, i64)] = &[
    (Unit::Piece, "pc", Dimension::Count, 1),
    (Unit::Set, "set", Dimension::Set, 1),
    (Unit::Gram, "g", Dimension::Mass, 1),
    (Unit::Kilogram, "kg", Dimension::Mass, 1_000),
    (Unit::Tonne, "t", Dimension::Mass, 1_000_000),
    (Unit::Millimetre, "mm", Dimension::Length, 1),
    (Unit::Centimetre, "cm", Dimension::Length, 10),
    (Unit::Metre, "m", Dimension::Length, 1_000),
    (Unit::SquareCentimetre, "cm2", Dimension::Area, 1),
    (Unit::SquareMetre, "m2", Dimension::Area, 10_000),
    (Unit::Millilitre, "ml", Dimension::Volume, 1),
    (Unit::Litre, "l", Dimension::Volume, 1_000),
    (Unit::CubicMetre, "m3", Dimension::Volume, 1_000_000),
    (Unit::Minute, "min", Dimension::Time, 1),
    (Unit::Hour, "h", Dimension::Time, 60),
];

/// Why a unit could not be read or converted.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum UnitError {
    #[error("unknown unit `{0}` (known: {known})", known = Unit::known_symbols())]
    Unknown(String),
    #[error("cannot convert {from} to {to}: they measure different things")]
    Incompatible { from: Unit, to: Unit },
}

impl Unit {
    fn row(self) -> &'static (Unit, &'static str, Dimension, i64) {
        UNIT_TABLE.iter().find(|row| row.0 == self).expect("every unit is in UNIT_TABLE")
    }
    pub fn symbol(self) -> &'static str {
        self.row().1
    }
    pub fn dimension(self) -> Dimension {
        self.row().2
    }
    fn size(self) -> i64 {
        self.row().3
    }
    pub fn known_symbols() -> String {
        UNIT_TABLE.iter().map(|row| row.1).collect::<Vec<_>>().join(", ")
    }
    pub fn is_compatible(self, other: Unit) -> bool {
        self.dimension() == other.dimension()
    }
}

impl fmt::Display for Unit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.symbol())
    }
}

impl FromStr for Unit {
    type Err = UnitError;
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let wanted = text.trim();
        let alias = match wanted {
            "pcs" | "piece" | "pieces" | "ea" | "each" => "pc",
            "m²" => "m2",
            "m³" => "m3",
            "cm²" => "cm2",
            "L" => "l",
            other => other,
        };
        UNIT_TABLE
            .iter()
            .find(|row| row.1 == alias)
            .map(|row| row.0)
            .ok_or_else(|| UnitError::Unknown(wanted.to_string()))
    }
}

impl Serialize for Unit {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.symbol())
    }
}

impl<'de> Deserialize<'de> for Unit {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = <std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

/// A quantity in thousandths of its unit (`1500` milli-kg is 1.5 kg).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Milli(pub i64);

impl Milli {
    pub const ZERO: Milli = Milli(0);
    pub const ONE: Milli = Milli(1000);

    pub fn from_units(units: i64) -> Milli {
        Milli(units * 1000)
    }
    /// Reads a decimal such as `0.25`; at most three decimals are kept (rounded half away from zero).
    pub fn from_f64(value: f64) -> Option<Milli> {
        let scaled = (value * 1000.0).round();
        (scaled.is_finite() && scaled.abs() < 9.0e15).then_some(Milli(scaled as i64))
    }
    pub fn as_f64(self) -> f64 {
        self.0 as f64 / 1000.0
    }
    pub fn is_positive(self) -> bool {
        self.0 > 0
    }
    /// `self × other` where both are milli-scaled (e.g. a per-unit quantity times a count).
    pub fn times(self, other: Milli) -> Milli {
        Milli(round_div(self.0 as i128 * other.0 as i128, 1000))
    }
    /// Increases by a percentage given in basis points (scrap: 1000 bp = 10 %), rounding up so
    /// that scrap allowances never round away.
    pub fn with_scrap(self, scrap_bp: u32) -> Milli {
        let gross = self.0 as i128 * (10_000 + scrap_bp as i128);
        Milli(ceil_div(gross, 10_000))
    }
    /// Converts between compatible units, rounding to the nearest milli-unit.
    pub fn convert(self, from: Unit, to: Unit) -> Result<Milli, UnitError> {
        if !from.is_compatible(to) {
            return Err(UnitError::Incompatible { from, to });
        }
        Ok(Milli(round_div(self.0 as i128 * from.size() as i128, to.size() as i128)))
    }
}

fn round_div(numerator: i128, denominator: i128) -> i64 {
    let half = denominator / 2;
    let rounded = if numerator >= 0 { (numerator + half) / denominator } else { (numerator - half) / denominator };
    rounded as i64
}

fn ceil_div(numerator: i128, denominator: i128) -> i64 {
    (numerator + denominator - 1).div_euclid(denominator) as i64
}

impl std::ops::Add for Milli {
    type Output = Milli;
    fn add(self, other: Milli) -> Milli {
        Milli(self.0 + other.0)
    }
}
impl std::ops::Sub for Milli {
    type Output = Milli;
    fn sub(self, other: Milli) -> Milli {
        Milli(self.0 - other.0)
    }
}
impl std::ops::AddAssign for Milli {
    fn add_assign(&mut self, other: Milli) {
        self.0 += other.0;
    }
}
impl std::ops::SubAssign for Milli {
    fn sub_assign(&mut self, other: Milli) {
        self.0 -= other.0;
    }
}
impl std::iter::Sum for Milli {
    fn sum<I: Iterator<Item = Milli>>(iter: I) -> Milli {
        Milli(iter.map(|m| m.0).sum())
    }
}

impl fmt::Display for Milli {
    /// Prints as a decimal without trailing zeros: `1.5`, `12`, `0.125`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sign = if self.0 < 0 { "-" } else { "" };
        let abs = self.0.unsigned_abs();
        let (whole, frac) = (abs / 1000, abs % 1000);
        if frac == 0 {
            write!(f, "{sign}{whole}")
        } else {
            let digits = format!("{frac:03}");
            write!(f, "{sign}{whole}.{}", digits.trim_end_matches('0'))
        }
    }
}

/// A quantity with its unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Quantity {
    pub amount: Milli,
    pub unit: Unit,
}

impl fmt::Display for Quantity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.amount, self.unit)
    }
}

/// Money in thousandths of a cent, fine enough for per-gram prices; shown rounded to cents.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Millicents(pub i64);

impl Millicents {
    pub const ZERO: Millicents = Millicents(0);

    /// Reads a price in currency units such as `12.50`.
    pub fn from_currency(value: f64) -> Option<Millicents> {
        let scaled = (value * 100_000.0).round();
        (scaled.is_finite() && scaled.abs() < 9.0e15).then_some(Millicents(scaled as i64))
    }
    pub fn as_currency(self) -> f64 {
        self.0 as f64 / 100_000.0
    }
    /// Cost of `qty` at `self` per whole unit.
    pub fn for_qty(self, qty: Milli) -> Millicents {
        Millicents(round_div(self.0 as i128 * qty.0 as i128, 1000))
    }
    /// A price per `from` unit restated per `to` unit (e.g. per kg → per g).
    pub fn per_unit(self, from: Unit, to: Unit) -> Result<Millicents, UnitError> {
        if !from.is_compatible(to) {
            return Err(UnitError::Incompatible { from, to });
        }
        Ok(Millicents(round_div(self.0 as i128 * to.size() as i128, from.size() as i128)))
    }
}

impl std::ops::Add for Millicents {
    type Output = Millicents;
    fn add(self, other: Millicents) -> Millicents {
        Millicents(self.0 + other.0)
    }
}
impl std::ops::AddAssign for Millicents {
    fn add_assign(&mut self, other: Millicents) {
        self.0 += other.0;
    }
}
impl std::iter::Sum for Millicents {
    fn sum<I: Iterator<Item = Millicents>>(iter: I) -> Millicents {
        Millicents(iter.map(|m| m.0).sum())
    }
}

impl fmt::Display for Millicents {
    /// Currency with two decimals, e.g. `1234.50`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let cents = round_div(self.0 as i128, 1000);
        let sign = if cents < 0 { "-" } else { "" };
        let abs = cents.unsigned_abs();
        write!(f, "{sign}{}.{:02}", abs / 100, abs % 100)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn units_parse_with_aliases_and_reject_unknowns_by_name() {
        assert_eq!("kg".parse::<Unit>(), Ok(Unit::Kilogram));
        assert_eq!("pcs".parse::<Unit>(), Ok(Unit::Piece));
        let error = "furlong".parse::<Unit>().unwrap_err();
        assert!(error.to_string().contains("unknown unit `furlong`"), "{error}");
        assert!(error.to_string().contains("kg"));
    }

    #[test]
    fn quantities_convert_only_within_a_dimension() {
        assert_eq!(Milli::from_units(2).convert(Unit::Kilogram, Unit::Gram), Ok(Milli::from_units(2000)));
        assert_eq!(Milli(1500).convert(Unit::Metre, Unit::Centimetre), Ok(Milli::from_units(150)));
        assert!(Milli::ONE.convert(Unit::Kilogram, Unit::Metre).is_err());
    }

    #[test]
    fn scrap_rounds_up_so_allowances_never_vanish() {
        assert_eq!(Milli(1).with_scrap(100), Milli(2));
        assert_eq!(Milli::from_units(10).with_scrap(1000), Milli::from_units(11));
    }

    #[test]
    fn display_is_a_plain_decimal() {
        assert_eq!(Milli(1500).to_string(), "1.5");
        assert_eq!(Milli(-125).to_string(), "-0.125");
        assert_eq!(Millicents::from_currency(12.5).unwrap().to_string(), "12.50");
        let per_kg = Millicents::from_currency(8.0).unwrap();
        assert_eq!(
            per_kg.per_unit(Unit::Kilogram, Unit::Gram).unwrap().for_qty(Milli::from_units(250)).to_string(),
            "2.00"
        );
    }
}
