//! Control-limit arithmetic: the Shewhart constants table and the center, sigma and limits of
//! each chart, kept apart from stage handling so the formulas can be checked on one screen.

use serde::{Deserialize, Serialize};

/// Center line and sigma of one chart in one stage. Zone lines are `center ± k·sigma`
/// (k = 1, 2, 3); `lcl`/`ucl` are the control limits, which on a range chart come from the
/// D3/D4 factors (and so may be clamped at 0) rather than from `center ± 3·sigma`.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Limits {
    pub center: f64,
    pub sigma: f64,
    pub lcl: f64,
    pub ucl: f64,
}

impl Limits {
    /// The zone line `k` sigmas from the center (negative `k` is below it); for drawing zones.
    pub fn line(&self, k: f64) -> f64 {
        self.center + k * self.sigma
    }

    /// Whether a value is strictly outside the control limits (a point on a limit is inside).
    pub fn is_outside(&self, value: f64) -> bool {
        value > self.ucl || value < self.lcl
    }

    fn all_finite(&self) -> bool {
        self.center.is_finite() && self.sigma.is_finite() && self.lcl.is_finite() && self.ucl.is_finite()
    }
}

/// Factors for a subgroup of `n` values. `big_d3` and `big_d4` are the capital D3 and D4 of the
/// textbooks (range-chart limit factors); `d3` (lower case) is the standard deviation of the
/// relative range, used only to give the range chart a sigma.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Constants {
    pub n: usize,
    pub a2: f64,
    pub d2: f64,
    pub d3: f64,
    pub big_d3: f64,
    pub big_d4: f64,
}

const fn row(n: usize, a2: f64, d2: f64, d3: f64, big_d3: f64, big_d4: f64) -> Constants {
    Constants { n, a2, d2, d3, big_d3, big_d4 }
}

/// Montgomery, *Introduction to Statistical Quality Control*, Appendix VI "Factors for
/// constructing variables control charts" (the same values are in ASTM E2587). Columns:
/// n, A2, d2, d3, D3, D4.
const TABLE: [Constants; 9] = [
    row(2, 1.880, 1.128, 0.853, 0.000, 3.267),
    row(3, 1.023, 1.693, 0.888, 0.000, 2.574),
    row(4, 0.729, 2.059, 0.880, 0.000, 2.282),
    row(5, 0.577, 2.326, 0.864, 0.000, 2.114),
    row(6, 0.483, 2.534, 0.848, 0.000, 2.004),
    row(7, 0.419, 2.704, 0.833, 0.076, 1.924),
    row(8, 0.373, 2.847, 0.820, 0.136, 1.864),
    row(9, 0.337, 2.970, 0.808, 0.184, 1.816),
    row(10, 0.308, 3.078, 0.797, 0.223, 1.777),
];

/// The factors for subgroup size `n`, or `None` outside the tabulated 2..=10.
pub fn constants(n: usize) -> Option<Constants> {
    TABLE.iter().copied().find(|c| c.n == n)
}

/// The n = 2 row: a moving range of two consecutive individuals is a range of a subgroup of 2.
pub(crate) const MR: Constants = TABLE[0];

/// Limits of an I–MR stage from its center, process sigma and mean moving range.
/// `sigma` is passed separately (not re-derived as `mr_bar / d2`) so a frozen sigma is used as
/// given, bit for bit.
pub(crate) fn individuals(center: f64, sigma: f64, mr_bar: f64) -> Option<(Limits, Limits)> {
    let main = Limits { center, sigma, lcl: center - 3.0 * sigma, ucl: center + 3.0 * sigma };
    let range = range_limits(mr_bar, sigma, &MR);
    (main.all_finite() && range.all_finite()).then_some((main, range))
}

/// Limits of an X̄–R stage from its grand mean, mean range and the subgroup's factors.
pub(crate) fn xbar_r(center: f64, r_bar: f64, sigma_within: f64, c: &Constants) -> Option<(Limits, Limits)> {
    let half_width = c.a2 * r_bar;
    // A2·R̄ is the 3-sigma distance of a subgroup mean, so one zone is a third of it.
    let main = Limits { center, sigma: half_width / 3.0, lcl: center - half_width, ucl: center + half_width };
    let range = range_limits(r_bar, sigma_within, c);
    (main.all_finite() && range.all_finite()).then_some((main, range))
}

/// Range chart: center R̄, limits D3·R̄ and D4·R̄, sigma of the range d3·σ.
fn range_limits(r_bar: f64, sigma_within: f64, c: &Constants) -> Limits {
    Limits { center: r_bar, sigma: c.d3 * sigma_within, lcl: c.big_d3 * r_bar, ucl: c.big_d4 * r_bar }
}
