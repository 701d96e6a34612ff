//! The design TOML format: one design per file, written by people and by `export_design`.
//!
//! ```toml
//! [design]
//! key = "acoustic-guitar"          # stable slug shared by all versions
//! name = "Steel-string dreadnought"
//! summary = "…"                    # optional
//! id = "DES-0001"                  # optional, written by export: which design this file is
//! version = 2                      # optional, needs `id`
//!
//! [lifetime]                       # optional table, every key optional
//! service_life_years = 80
//! maintenance_interval_days = 365
//! repairability = "…"
//!
//! [quality]                        # optional: below this first-pass yield over the last
//! min_first_pass_yield = 0.9       # `yield_window` inspected tasks (default 10), the version
//! yield_window = 10                # is flagged for design review
//!
//! [[skill]]                        # id, name
//! [[tool]]                         # id, name, kind = "tool" | "workstation"
//! [[module]]                       # id, name, parent (optional), count (default 1)
//!
//! [[part]]
//! id = "top-braces"
//! name = "Spruce brace stock"
//! module = "top"
//! material = "spruce-brace-stock"  # key shared with stock and supplier CSVs
//! qty = 2.4                        # per one module instance, at most three decimals
//! unit = "m"                       # pc set g kg t mm cm m cm2 m2 ml l m3 min h
//! scrap_pct = 15                   # optional, at most two decimals
//! suppliers = ["tonewood-direct"]  # optional hints
//! replaceable = true               # optional: replaceable without destroying other parts
//! tools = ["workbench"]            # optional: the [[tool]] ids a replacement needs
//!
//! [[operation]]
//! id = "assemble-rim"
//! name = "…"
//! module = "rim"                   # optional
//! duration_min = 240
//! skill = "luthiery.joinery"       # omitted only for unattended steps (crew = 0)
//! level = 2                        # default 1
//! crew = 1                         # default 1
//! tools = ["outside-mold"]
//! after = ["brace-top", { op = "bend-sides", lag_min = 720 }]
//! consumes = ["linings"]           # part ids
//!
//! [[operation.check]]              # quality checks of the operation above
//! name = "side thickness"
//! nominal = 2.0
//! tolerance = 0.15                 # symmetric: passes when |value − nominal| ≤ tolerance
//! unit = "mm"                      # (or only `min = …` / only `max = …` for a one-sided limit)
//! id = "side-thickness"            # optional; default the name's slug
//! independent = true               # optional: someone outside the crew must measure
//! samples = 3                      # optional: measurements per unit (2–10 give an X̄–R chart)
//! rules = ["nelson1", "nelson2"]   # optional: control-chart rules, default Western Electric 1–4
//! baseline = 20                    # optional: first samples that set the control limits
//!
//! [[operation.check]]
//! name = "finish free of runs"
//! kind = "pass-fail"               # an attribute check: the inspector records pass or fail
//! ```
//!
//! Unknown keys and sections are errors, so a misspelt key never passes silently.

mod export;
mod parse;
mod raw;

pub use export::export_design;
pub use parse::{ParsedDesign, parse_design};
pub(crate) use parse::{basis_points_from_percent, milli_from_decimal};
