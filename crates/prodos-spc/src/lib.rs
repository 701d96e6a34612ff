//! prodos-spc: statistical process control for prodos. Pure and deterministic: no IO, no clock,
//! no randomness; every function takes numbers and returns numbers (or an error naming the bad
//! input). Every output type is serde-serialisable so a caller can put it in JSON.
//!
//! This page is the specification a quality engineer can check the code against.
//!
//! # Charts
//!
//! **Individuals and moving range (I–MR)**, [`individuals`]. Per stage, from the baseline points
//! x₁…x_m of the stage (m ≥ 2):
//!
//! - moving range MRᵢ = |xᵢ − xᵢ₋₁|, never across a stage boundary (the first point of every
//!   stage has none); MR̄ = mean of the m − 1 moving ranges within the baseline;
//! - individuals chart: center x̄ = mean of the baseline, σ = MR̄ / d2 with d2 = 1.128,
//!   UCL/LCL = x̄ ± 3σ;
//! - moving-range chart: center MR̄, UCL = D4·MR̄ = 3.267·MR̄, LCL = D3·MR̄ = 0, and (for
//!   drawing only) sigma d3·σ = 0.853·MR̄/1.128.
//! - [`Baseline::Frozen`] `{ center, sigma }` uses the given center and σ and MR̄ = d2·σ.
//!
//! **Mean and range (X̄–R)**, [`xbar_r`], subgroups of equal size n, 2 ≤ n ≤ 10:
//!
//! - X̿ = mean of the baseline subgroup means, R̄ = mean of their ranges;
//! - X̄ chart: UCL/LCL = X̿ ± A2·R̄; zone sigma σ_x̄ = A2·R̄/3;
//! - R chart: center R̄, UCL = D4·R̄, LCL = D3·R̄, sigma d3·R̄/d2;
//! - process sigma (for capability) σ_within = R̄/d2(n);
//! - [`Baseline::Frozen`] `{ center, sigma }`: σ is the process sigma of one value, R̄ = d2·σ,
//!   then the same formulas, so freezing a computed stage reproduces its limits.
//!
//! Constants (Montgomery, *Introduction to Statistical Quality Control*, Appendix VI; the same
//! values in ASTM E2587), available as [`constants`]:
//!
//! | n  | A2    | d2    | d3    | D3    | D4    |
//! |----|-------|-------|-------|-------|-------|
//! | 2  | 1.880 | 1.128 | 0.853 | 0     | 3.267 |
//! | 3  | 1.023 | 1.693 | 0.888 | 0     | 2.574 |
//! | 4  | 0.729 | 2.059 | 0.880 | 0     | 2.282 |
//! | 5  | 0.577 | 2.326 | 0.864 | 0     | 2.114 |
//! | 6  | 0.483 | 2.534 | 0.848 | 0     | 2.004 |
//! | 7  | 0.419 | 2.704 | 0.833 | 0.076 | 1.924 |
//! | 8  | 0.373 | 2.847 | 0.820 | 0.136 | 1.864 |
//! | 9  | 0.337 | 2.970 | 0.808 | 0.184 | 1.816 |
//! | 10 | 0.308 | 3.078 | 0.797 | 0.223 | 1.777 |
//!
//! # Stages
//!
//! A series may be split into [`Stage`]s (before/after a process change), each with its own
//! baseline: `First(n)` computes limits from the stage's first n points (all of them if the
//! stage is shorter), `Frozen` uses validated limits and never recomputes them. Stages must
//! start at 0 and strictly increase. No stages means one stage, limits from all points.
//!
//! # Rules (Nelson 1984)
//!
//! Evaluated per stage, against that stage's limits, on the points in order; no run or window
//! spans a stage boundary. "Beyond kσ" is strictly beyond the line center ± kσ; "within 1σ" is
//! its complement, so a point exactly on a zone line counts as inside. A baseline without any
//! variation has σ = 0: the zones collapse onto the center line, so every point off it is
//! beyond 3σ and points on it are within 1σ.
//!
//! 1. One point beyond 3σ (outside UCL/LCL), either side.
//! 2. Nine points in a row strictly on the same side of the center (a point on it breaks the run).
//! 3. Six points in a row steadily increasing or decreasing: five consecutive strict steps the
//!    same way (an equal value breaks it).
//! 4. Fourteen points in a row alternating up and down: thirteen consecutive strict steps of
//!    alternating sign.
//! 5. Two out of three points in a row beyond 2σ on the same side.
//! 6. Four out of five points in a row beyond 1σ on the same side.
//! 7. Fifteen points in a row within 1σ of the center, either side.
//! 8. Eight points in a row beyond 1σ, none within 1σ; they may be on one or both sides.
//!
//! - WE4 (Western Electric rule 4): eight points in a row strictly on the same side.
//!   WE rules 1–3 are Nelson 1, 5 and 6 ([`Rule::parse`] maps "we1".."we3" to those).
//!
//! Reading of rules 5 and 6: a window is the last 3 (rule 5) or 5 (rule 6) points of the stage
//! ending at the current point — fewer at the very start of a stage, so two points beyond 2σ as
//! the first two points of a stage already count. The rule holds at a point when its window
//! has at least 2 (4) points beyond the line on one side; upper and lower sides are separate
//! patterns. The first point where it holds is always itself beyond the line (a window ending
//! on an ordinary point only holds if the window one point earlier did), so `at` is the point
//! that completes the count. The signal's `samples` are the beyond-the-line points of the
//! windows, not the ordinary points between them.
//!
//! Only rule 1 is applied to the moving-range and range charts, and only when it is selected:
//! the other rules assume a symmetric, independent statistic, which ranges are not.
//!
//! # Signals and merging
//!
//! A [`Signal`]'s `at` is the index of the point that first completes the pattern — never a
//! point earlier. While the pattern keeps holding at the following points (the run grows, or
//! the next window still qualifies) they join the same signal's `samples`; a new signal starts
//! only after the pattern stopped holding at some point. Rule 1 gives one signal per point.
//! Everything is linear in the number of points.
//!
//! # Capability ([`capability`])
//!
//! With μ the mean of the values, σw the within sigma (from the chart) and σo the overall
//! sample standard deviation (n − 1 divisor):
//!
//! - Cp = (USL − LSL)/(6σw) (both limits only); CPU = (USL − μ)/(3σw); CPL = (μ − LSL)/(3σw);
//!   Cpk = min(CPU, CPL) of the sides given (one-sided spec: that side).
//! - Pp and Ppk: the same with σo.
//! - A sigma of 0 gives `None` for its indices rather than infinity.
//! - Band from Cpk: ≥ 1.33 capable, 1.00 ≤ Cpk < 1.33 marginal, < 1.00 not capable (compared
//!   with a 1e-9 allowance for floating-point rounding).
//!
//! # Acceptance sampling ([`sampling`])
//!
//! ISO 2859-1 single sampling plans for incoming lots; the tables are written out in that
//! module's page.

mod capability;
mod detect;
mod error;
mod limits;
mod rules;
pub mod sampling;
mod series;
mod stage;

pub use capability::{Capability, CapabilityBand, SpecLimits, capability};
pub use detect::Signal;
pub use error::SpcError;
pub use limits::{Constants, Limits, constants};
pub use rules::{Chart, Rule};
pub use series::{Analysis, Point, StageLimits, individuals, xbar_r};
pub use stage::{Baseline, Stage};
