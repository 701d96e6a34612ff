//! The ISO 2859-1 / ANSI Z1.4 single sampling plans against rows of the published tables,
//! including the arrows that change the sample size, and the inputs the table does not cover.

use prodos_spc::sampling::{InspectionLevel, SamplingError, SamplingPlan, single_sampling_plan};

fn plan(lot: u64, aql: f64) -> SamplingPlan {
    single_sampling_plan(lot, aql, InspectionLevel::II).unwrap()
}

fn short(plan: SamplingPlan) -> (char, u32, u32, u32) {
    (plan.plan_code, plan.sample, plan.accept, plan.reject)
}

#[test]
fn general_level_two_matches_the_published_master_table() {
    // Lot 281–500 is letter H (50 items): AQL 2.5 accepts on 3, rejects on 4.
    assert_eq!(short(plan(500, 2.5)), ('H', 50, 3, 4));
    // Lot 501–1200 is J (80): the diagonal across the AQLs.
    assert_eq!(short(plan(1000, 0.65)), ('J', 80, 1, 2));
    assert_eq!(short(plan(1000, 1.0)), ('J', 80, 2, 3));
    assert_eq!(short(plan(1000, 1.5)), ('J', 80, 3, 4));
    assert_eq!(short(plan(1000, 2.5)), ('J', 80, 5, 6));
    assert_eq!(short(plan(1000, 4.0)), ('J', 80, 7, 8));
    assert_eq!(short(plan(1000, 6.5)), ('J', 80, 10, 11));
    // Lot 1201–3200 is K (125).
    assert_eq!(short(plan(2000, 2.5)), ('K', 125, 7, 8));
    assert_eq!(short(plan(2000, 4.0)), ('K', 125, 10, 11));
    assert_eq!(short(plan(2000, 0.10)), ('K', 125, 0, 1));
}

#[test]
fn arrows_send_the_inspector_to_another_letters_sample_size() {
    // Lot 91–150 is F (20), but at AQL 1.0 the arrow points up to E: 13 items, accept on 0.
    let up = plan(120, 1.0);
    assert_eq!((up.code, short(up)), ('F', ('E', 13, 0, 1)));
    // Lot 151–280 is G (32); at AQL 1.0 the arrow points down to H: 50 items, accept on 1.
    let down = plan(200, 1.0);
    assert_eq!((down.code, short(down)), ('G', ('H', 50, 1, 2)));
    // Above the 0/1 plan every letter points down to it: lot 60 (E) at AQL 0.25 uses H's 50.
    assert_eq!(short(plan(60, 0.25)), ('H', 50, 0, 1));
    // Past 21/22 the arrow points back up: lot 5000 (L) at 6.5 is 21/22 at L; M uses L's plan.
    assert_eq!(short(plan(5000, 6.5)), ('L', 200, 21, 22));
    assert_eq!(short(plan(20_000, 6.5)), ('L', 200, 21, 22));
}

#[test]
fn the_inspection_level_changes_the_code_letter() {
    let lot = 1000;
    let level = |level| single_sampling_plan(lot, 2.5, level).unwrap();
    assert_eq!(level(InspectionLevel::I).code, 'G');
    assert_eq!(short(level(InspectionLevel::I)), ('G', 32, 2, 3));
    assert_eq!(level(InspectionLevel::III).code, 'K');
    assert_eq!(short(level(InspectionLevel::III)), ('K', 125, 7, 8));
    assert_eq!(single_sampling_plan(600_000, 0.065, InspectionLevel::III).unwrap().code, 'R');
}

#[test]
fn a_sample_as_large_as_the_lot_means_every_item() {
    // Lot 10 at AQL 1.0 points down to E's 13 items, more than the lot: inspect all ten.
    let whole = plan(10, 1.0);
    assert!(whole.hundred_percent);
    assert_eq!((whole.sample, whole.accept), (10, 0));
    assert!(!plan(1000, 1.0).hundred_percent);
}

#[test]
fn the_verdict_follows_the_acceptance_number() {
    let plan = plan(500, 2.5);
    assert!(plan.accepts(3));
    assert!(!plan.accepts(4));
}

#[test]
fn inputs_outside_the_table_are_refused_by_name() {
    assert_eq!(single_sampling_plan(1, 1.0, InspectionLevel::II), Err(SamplingError::LotTooSmall { lot_size: 1 }));
    let unknown = single_sampling_plan(100, 0.3, InspectionLevel::II).unwrap_err();
    assert_eq!(unknown, SamplingError::UnknownAql { aql: 0.3 });
    assert!(unknown.to_string().contains("0.065"), "{unknown}");
    assert_eq!(InspectionLevel::parse("ii"), Some(InspectionLevel::II));
    assert_eq!(InspectionLevel::parse("IV"), None);
}
