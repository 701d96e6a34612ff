//! prodos-sched: a pure resource-constrained project scheduling engine (RCPSP and multi-mode
//! MRCPSP with lags and release dates). No IO, no clock, no unseeded randomness: time limits come
//! in as a "should stop" callback, randomness from a seed.
//!
//! # Code map
//! - [`model`]: activities, modes, resources, precedences with lags, release dates; [`model::Project::new`]
//!   validates and indexes. [`model::Schedule`] is a start and a mode per activity. Reservations
//!   ([`model::Project::with_reservations`]) take renewable capacity away over time intervals;
//!   the generators, the checker and the exact search honour them (the critical-path bound, which
//!   ignores resources, stays valid).
//! - [`psplib`]: `.sm` / `.mm` readers and solution-list readers; errors name the line.
//! - [`cpm`]: earliest/latest starts, slack, the critical-path lower bound.
//! - [`sgs`]: serial (forward and backward) and parallel schedule generation over an incremental
//!   resource profile; forward–backward improvement. The hot loop; allocation-free.
//! - [`priority`]: LFT, LST, MTS, GRPW, MSLK, SPT and regret-based biased random sampling.
//! - [`ga`]: the metaheuristic (activity-list GA with FBI, two-point and peak crossover, second
//!   phase around the best, selection that keeps one copy of each schedule and demotes near
//!   copies, ties ranked by how many activities finish last; on projects with a mirror image one
//!   population per scheduling direction, each child justified into the other), run to a
//!   schedule budget or a stop callback.
//! - [`decompose`]: windows of a schedule posed as sub-projects (Debels & Vanhoucke 2007), an
//!   opt-in GA step ([`ga::GaConfig::decomposition_at`]); off by default, see EXPERIMENTS.md.
//! - [`exact`]: branch and bound on the Pumpkin LCG solver (cumulative + precedences).
//! - [`mod@solve`]: the entry point: heuristic, then exact search while the budget allows.
//! - [`checker`]: an independent feasibility checker; shares no code with the generators.
//! - [`mod@bench`]: runs a PSPLIB set given as texts and summarises deviations and throughput.
//! - [`workforce`]: people as individuals (multi-skill RCPSP): a serial SGS that names a crew of
//!   distinct, qualified, available people for every activity, and its independent crew check.
//! - [`staff_search`]: sampled lists decoded with people, for schedules the pools mislead on.
//! - [`imopse`]: the iMOPSE multi-skill `.def` reader, and pools against people on one instance.
//!
//! # Why an activity-list GA with justification
//! In Kolisch & Hartmann's (2006) survey the schedule-budgeted leaders all decode activity lists
//! with the serial SGS and justify every schedule (forward–backward improvement, Valls et al.
//! 2005). Among them the hybrid GA of Valls, Ballestín & Quintanilla (2008) is the strongest on
//! j120 and the simplest to make allocation-free and deterministic: two-point and peak crossover,
//! justified children that replace their lists (Lamarckian), ranking selection, and a second
//! phase that restarts from neighbours of the best. Scatter search (Debels et al. 2006) needs the
//! same decoder plus a reference-set machinery, for results that are no better. From Debels &
//! Vanhoucke's (2007) bi-population GA it takes the second population on the mirrored project:
//! justifying a child into the other direction is one pass where FBI takes two, and that was
//! worth more than any of the GA variants measured (EXPERIMENTS.md).
//!
//! # Counting convention
//! As in Kolisch & Hartmann (2006): one schedule = one pass of a schedule generation scheme. A
//! GA child costs three: its forward SGS decode, then the backward and the forward pass of FBI;
//! with two directions it costs two: its decode, then the pass that justifies it into the other
//! population. Budgets are never exceeded.
//!
//! # Invariants
//! - The engine knows nothing about prodos domain types, files or the clock.
//! - Every schedule returned by [`solve::solve`] has passed [`checker::check`].
//! - For a given seed and schedule budget (and a stop callback that never fires) results are
//!   identical run to run.

pub mod bench;
pub mod checker;
pub mod cpm;
pub mod decompose;
pub mod error;
pub mod exact;
pub mod ga;
pub mod imopse;
pub mod model;
pub mod priority;
pub mod psplib;
pub mod sgs;
pub mod solve;
pub mod staff_search;
pub mod workforce;

pub use error::SchedError;
pub use model::{Activity, Mode, Precedence, Project, Reservation, Resource, ResourceKind, Schedule};
pub use solve::{Solution, SolveOptions, solve};
