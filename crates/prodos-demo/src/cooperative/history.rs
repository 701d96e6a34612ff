//! Eight months of the workshop, in the order it happened: a prototype, a look at the modular
//! house, school and fair batches, commissions (one withdrawn), what-if plans for the general
//! assembly, and decision DEC-0019 — twelve guitars — whose plan PROD-0031 was committed after two
//! deliveries and is now under way (some tasks verified, some in progress, one done and waiting
//! for its check, one blocked).

use super::cast::{self, COORDINATOR};
use super::inspection::{Fix, Flaw};
use super::seeder::Seeder;
use super::story::{Redo, Story};
use super::workshop::{self, Designs};
use prodos_app::NodeError;
use prodos_core::distribution::DistributionCommand;
use prodos_core::execution::{ExecutionCommand, TaskRef, TaskStatus};
use prodos_core::plan::Day;
use prodos_core::stock::{LotReceipt, Provenance};
use prodos_core::{
    Command, DecisionId, DesignSelector, Event, MandateId, Milli, Millicents, PlanId, Quantity, Timestamp,
};
use prodos_core::{PlanCommand, PlanEvent, StockCommand};
use std::collections::BTreeMap;

/// The decision behind the plan the demo is about.
pub const ACTIVE_DECISION: DecisionId = DecisionId(19);
/// The plan the demo is about: DEC-0019's twelve guitars, partly executed.
pub const ACTIVE_PLAN: PlanId = PlanId(31);

/// A sister node that sends parts no supplier in the catalogs offers.
const SISTER_NODE: &str = "ose-fablab-missouri";

pub fn play(seeder: &mut Seeder, designs: &Designs) -> Result<(), NodeError> {
    let guitar = designs.guitar;
    let mut story = Story::new(seeder);

    // The prototype: the first proposal shows the workshop has declared nothing yet.
    story.on_day(-258, 9)?;
    let prototype = mandate(&mut story, guitar, 1, -150, Some(4))?;
    let first = propose(&mut story, prototype)?;
    cancel(&mut story, first)?;
    story.on_day(-257, 10)?;
    workshop::declare_capacity(story.seeder, COORDINATOR)?;
    let prototype_plan = build(&mut story, prototype)?;

    // The assembly asked whether the modular house is within reach: not with a guitar workshop.
    story.on_day(-250, 15)?;
    let house = mandate(&mut story, designs.house, 1, 120, Some(5))?;
    let plan = propose(&mut story, house)?;
    cancel(&mut story, plan)?;

    // Two guitars for the Riverside music school; a second go-bar deck arrives the day the plan
    // is committed, so the plan is redone and the first one superseded.
    // With the prototype coming along, the workshop stocked up for eight more guitars.
    story.on_day(-210, 10)?;
    restock(&mut story, prototype_plan, 8)?;
    story.on_day(-205, 16)?;
    let school = mandate(&mut story, guitar, 2, -90, Some(7))?;
    let committed = build_without_work(&mut story, school)?;
    story.on_day(day_of(&story, committed), 17)?;
    workshop::add_tool(story.seeder, COORDINATOR, "go-bar-deck")?;
    let replanned = propose(&mut story, school)?;
    commit(&mut story, replanned)?;
    story.redo(Redo {
        plan: replanned,
        operation: "glue-bridge",
        unit: 2,
        reason: "bridge lifts at the back edge; clean and re-glue",
    });
    story.work(replanned);

    story.on_day(-190, 14)?;
    for qty in [4, 6] {
        what_if(&mut story, guitar, qty, 60)?;
    }

    story.on_day(-170, 9)?;
    let showcase = mandate(&mut story, guitar, 1, -60, Some(8))?;
    build(&mut story, showcase)?;

    // The autumn fair: three guitars; the workshop closes a day for the electrical inspection.
    story.on_day(-150, 9)?;
    let fair = mandate(&mut story, guitar, 3, -30, Some(10))?;
    let inspection = story.seeder.today.plus(-120);
    story.seeder.run(
        COORDINATOR,
        Command::Plan(PlanCommand::CloseDay { day: inspection, reason: "electrical inspection".into() }),
    )?;
    let fair_plan = build_without_work(&mut story, fair)?;
    // Two frets of the fair's second guitar stand proud after dressing: reworked and re-measured.
    story.flaw(Flaw {
        task: TaskRef { plan: fair_plan, operation: "fret".into(), unit: 2 },
        check: "fret-height-after-dressing",
        off_by: 1.6,
        fix: Fix::Rework { minutes: 45, note: "re-seat and re-crown the 5th and 9th frets" },
    });
    story.work(fair_plan);

    // Consignment for a music shop: too late with two outside molds, still late with a third;
    // a fourth is built.
    story.on_day(-128, 9)?;
    let consignment = mandate(&mut story, guitar, 2, -40, Some(11))?;
    for _ in 0..2 {
        let late = propose(&mut story, consignment)?;
        cancel(&mut story, late)?;
        workshop::add_tool(story.seeder, COORDINATOR, "outside-mold")?;
    }
    let consignment_plan = build_without_work(&mut story, consignment)?;
    // The second consignment guitar's rim was sanded through at the tail: scrapped when the box
    // is closed, its wood written off; the shop gets one guitar of two.
    story.flaw(Flaw {
        task: TaskRef { plan: consignment_plan, operation: "close-box".into(), unit: 2 },
        check: "body-depth-at-the-tail-block",
        off_by: -3.0,
        fix: Fix::Scrap { reason: "rim sanded through at the tail block; the box cannot be closed true" },
    });
    story.work(consignment_plan);

    // Jun takes the fretting challenge and passes.
    story.on_day(-120, 13)?;
    let challenge = cast::fretting_challenge(story.seeder)?;

    // A commission whose customer withdrew after the top was thicknessed.
    story.on_day(-112, 9)?;
    let commission = mandate(&mut story, guitar, 1, -30, Some(12))?;
    let withdrawn = build(&mut story, commission)?;
    story.on_day(day_of(&story, withdrawn) + 3, 11)?;
    story.stop(withdrawn);
    cancel(&mut story, withdrawn)?;

    story.on_day(-101, 10)?;
    restock(&mut story, prototype_plan, 8)?;
    story.on_day(-100, 15)?;
    let house_again = mandate(&mut story, designs.house, 1, 200, Some(13))?;
    let plan = propose(&mut story, house_again)?;
    cancel(&mut story, plan)?;

    story.on_day(-95, 9)?;
    let raffle = mandate(&mut story, guitar, 1, -20, Some(14))?;
    build(&mut story, raffle)?;

    story.on_day(-88, 9)?;
    let teachers = mandate(&mut story, guitar, 2, -5, Some(15))?;
    build(&mut story, teachers)?;

    story.on_day(-80, 9)?;
    let member_build = mandate(&mut story, guitar, 1, 0, Some(16))?;
    let member_plan = build(&mut story, member_build)?;

    // Before deciding DEC-0019 the assembly asked what 6 to 16 guitars would take.
    story.on_day(-60, 14)?;
    for qty in [6, 8, 10, 12, 16] {
        what_if(&mut story, guitar, qty, 200)?;
    }
    // DEC-0016 allowed two member builds; the second one, left-handed, starts later.
    story.on_day(-70, 9)?;
    let left_handed = mandate(&mut story, guitar, 1, 0, Some(16))?;
    let left_handed_plan = build(&mut story, left_handed)?;
    story.on_day(-58, 9)?;
    let commission = mandate(&mut story, guitar, 1, 10, Some(17))?;
    build(&mut story, commission)?;
    story.on_day(-52, 9)?;
    let pair = mandate(&mut story, guitar, 2, 20, Some(18))?;
    build(&mut story, pair)?;

    story.on_day(-51, 10)?;
    cast::newcomer(story.seeder)?;
    story.on_day(-49, 13)?;
    cast::failed_attempt(story.seeder, challenge)?;

    // DEC-0019: twelve guitars. The first look is held up by the drying racks; two more are
    // built, and the plan is committed to hold the stock on hand while orders are out.
    story.on_day(-48, 9)?;
    let twelve = mandate(&mut story, guitar, 12, 150, Some(ACTIVE_DECISION.0))?;
    let first_look = propose(&mut story, twelve)?;
    cancel(&mut story, first_look)?;
    story.on_day(-47, 15)?;
    workshop::add_tool(story.seeder, COORDINATOR, "drying-rack")?;
    workshop::add_tool(story.seeder, COORDINATOR, "drying-rack")?;
    let holding = propose(&mut story, twelve)?;
    commit(&mut story, holding)?;
    // The tonewood arrives; the sister node's parts are still on the way.
    let (suppliers, sister) = split_deliveries(&story, holding);
    receive(&mut story, &suppliers)?;
    let waiting = propose(&mut story, twelve)?;
    cancel(&mut story, waiting)?;
    receive(&mut story, &sister)?;
    let active = propose(&mut story, twelve)?;
    if active != ACTIVE_PLAN {
        return Err(broken(format!("the story reached {active}, not {ACTIVE_PLAN}")));
    }
    commit(&mut story, active)?;
    story.work(active);

    // The two member builds are finished goods by now; the assembly entitles their builders to
    // them for a share of their credits, and the coordinator hands them over.
    story.on_day(-12, 16)?;
    hand_over(&mut story, member_plan, "ines")?;
    hand_over(&mut story, left_handed_plan, "eli")?;

    story.on_day(-10, 9)?;
    cast::absence(story.seeder)?;
    // Ines plays her guitar in a cold room; the fretboard's ends stand proud as it dries. Filing
    // them back took three quarters of an hour.
    story.on_day(-9, 19)?;
    field_report(
        &mut story,
        member_plan,
        "ines",
        ("fretboard", Some(45)),
        "fret ends sharp along the fretboard edge after a week of dry heating",
    )?;
    // Neck relief has crept up guitar after guitar; the certifiers answer its review with v2.
    story.on_day(-8, 11)?;
    super::inspection::answer_drift_review(story.seeder, guitar.design)?;
    story.on_day(-6, 15)?;
    cast::retry_fretting_challenge(story.seeder, challenge)?;

    // Up to now, less a quarter hour: what is under way stays under way.
    let now = story.seeder.seeded_at;
    story.until(Timestamp::from_millis(now.millis() - 15 * 60_000))?;
    snags(&mut story, active)
}

/// Of the bench tasks under way, one is finished and waits for its check, and one is blocked
/// because its tool broke.
fn snags(story: &mut Story, plan: PlanId) -> Result<(), NodeError> {
    let under_way = bench_tasks(story, plan, TaskStatus::InProgress);
    if let Some((task, worker, _)) = under_way.first() {
        let complete = ExecutionCommand::Complete { task: task.clone(), by: worker.clone(), hours: None };
        story.seeder.run(worker, Command::Execution(complete))?;
    }
    // With little under way (a quiet moment), the next ready task is held up instead.
    let blocked = under_way.get(1).cloned().or_else(|| bench_tasks(story, plan, TaskStatus::Ready).into_iter().next());
    if let Some((task, worker, tool)) = blocked {
        let tool = tool.unwrap_or_else(|| "the jig".into());
        let reason = format!("{tool} out of order; waiting for the spare part");
        let block = ExecutionCommand::Block { task, by: worker.clone(), reason };
        story.seeder.run(&worker, Command::Execution(block))?;
    }
    Ok(())
}

/// The plan's tasks in `wanted` status that use a tool, with their worker (or the coordinator)
/// and the first tool.
fn bench_tasks(story: &Story, plan: PlanId, wanted: TaskStatus) -> Vec<(TaskRef, String, Option<String>)> {
    story.seeder.read(|state| {
        let Some(found) = state.plans.plan(plan) else { return Vec::new() };
        found
            .proposal
            .operations
            .iter()
            .filter(|op| op.resources.len() > 1)
            .filter_map(|op| {
                let task = TaskRef { plan, operation: op.operation.clone(), unit: op.unit };
                let record = state.execution.task(&task);
                let tool = op.resources.iter().find(|resource| !resource.contains('≥')).cloned();
                let by = record.worker.unwrap_or_else(|| COORDINATOR.to_string());
                (record.status == wanted).then_some((task, by, tool))
            })
            .collect()
    })
}

/// Credits a member pays for a guitar they built themselves, in thousandths.
const MEMBER_BUILD_CREDITS: Milli = Milli(20_000);

/// Grants `member` an entitlement to the design of a one-unit plan and releases its good to them.
/// The holder of a plan's first good reports a failure of one of its modules, today, with the
/// minutes its repair took when known.
fn field_report(
    story: &mut Story,
    plan: PlanId,
    holder: &str,
    (item, repair_min): (&str, Option<i64>),
    note: &str,
) -> Result<(), NodeError> {
    let origin = prodos_core::orchestration::goods_release::unit_origin(plan, 1);
    let serial = story
        .seeder
        .read(|state| state.distribution.goods().find(|good| good.origin == origin).map(|good| good.serial.clone()));
    let Some(serial) = serial else { return Err(broken(format!("{origin} is not a good"))) };
    let command = prodos_core::quality::QualityCommand::FileFieldReport {
        serial,
        kind: prodos_core::quality::FieldKind::Failure,
        item: Some(item.into()),
        on: Day::of(story.seeder.now()),
        photo: None,
        note: note.into(),
        by: holder.into(),
        repair_min,
    };
    story.seeder.run(holder, Command::Quality(command))?;
    Ok(())
}

fn hand_over(story: &mut Story, plan: PlanId, member: &str) -> Result<(), NodeError> {
    let origin = prodos_core::orchestration::goods_release::unit_origin(plan, 1);
    let found = story.seeder.read(|state| {
        let good = state.distribution.goods().find(|good| good.origin == origin)?;
        Some((good.id, good.design.design))
    });
    let Some((good, design)) = found else {
        return Err(broken(format!("{origin} is not a finished good by day -12")));
    };
    let grant = DistributionCommand::GrantEntitlement {
        handle: member.into(),
        design: DesignSelector { design, version: None },
        qty: 1,
        cost_credits: MEMBER_BUILD_CREDITS,
        by: COORDINATOR.into(),
    };
    story.seeder.run(COORDINATOR, Command::Distribution(grant))?;
    let release = DistributionCommand::Distribute { good: good.to_string(), to: member.into(), by: COORDINATOR.into() };
    story.seeder.run(COORDINATOR, Command::Distribution(release))?;
    Ok(())
}

/// Plans a batch and sets it to work: when the first proposal is short of material, the orders
/// arrive, the batch is re-planned on the fuller stock and the first proposal is dropped.
fn build(story: &mut Story, mandate: MandateId) -> Result<PlanId, NodeError> {
    let plan = build_without_work(story, mandate)?;
    story.work(plan);
    Ok(plan)
}

fn build_without_work(story: &mut Story, mandate: MandateId) -> Result<PlanId, NodeError> {
    let mut plan = propose(story, mandate)?;
    let deliveries = deliveries_for(story, plan);
    if !deliveries.is_empty() {
        receive(story, &deliveries)?;
        let replanned = propose(story, mandate)?;
        cancel(story, plan)?;
        plan = replanned;
    }
    commit(story, plan)?;
    Ok(plan)
}

/// A plan the assembly looks at and nobody commits.
fn what_if(story: &mut Story, design: DesignSelector, qty: i64, due_in_days: i64) -> Result<(), NodeError> {
    let scenario = mandate(story, design, qty, due_in_days, None)?;
    let plan = propose(story, scenario)?;
    cancel(story, plan)
}

fn mandate(
    story: &mut Story,
    design: DesignSelector,
    qty: i64,
    due_in_days: i64,
    decision: Option<u32>,
) -> Result<MandateId, NodeError> {
    let command = Command::Plan(PlanCommand::CreateMandate {
        design: DesignSelector { design: design.design, version: None },
        qty,
        due: story.seeder.today.plus(due_in_days),
        decision: decision.map(DecisionId),
        priority: 0,
    });
    let receipt = story.seeder.run(COORDINATOR, command)?;
    receipt
        .events
        .iter()
        .find_map(|event| match event {
            Event::Plan(PlanEvent::MandateCreated { mandate }) => Some(mandate.id),
            _ => None,
        })
        .ok_or_else(|| broken("a mandate was not created"))
}

fn propose(story: &mut Story, mandate: MandateId) -> Result<PlanId, NodeError> {
    story.seeder.propose(COORDINATOR, mandate)
}

fn commit(story: &mut Story, plan: PlanId) -> Result<(), NodeError> {
    let superseded = story.seeder.read(|state| {
        let mandate = state.plans.plan(plan)?.mandate;
        state.plans.committed_plan_of(mandate).map(|previous| previous.id)
    });
    if let Some(previous) = superseded {
        story.stop(previous);
    }
    story.seeder.run(COORDINATOR, Command::Plan(PlanCommand::CommitPlan { plan }))?;
    Ok(())
}

fn cancel(story: &mut Story, plan: PlanId) -> Result<(), NodeError> {
    story.seeder.run(COORDINATOR, Command::Plan(PlanCommand::CancelPlan { plan }))?;
    Ok(())
}

fn day_of(story: &Story, plan: PlanId) -> i64 {
    let proposed = story.seeder.read(|state| state.plans.plan(plan).map(|found| found.proposed_at));
    proposed.map_or(0, |at| Day::of(at).0 - story.seeder.today.0)
}

/// One lot to receive on a given day.
struct Delivery {
    day: Day,
    receipt: LotReceipt,
}

/// What the plan is short of: the planner's suggested orders, arriving when it says, and for
/// shortages no supplier offers, the sister node's parcel.
fn deliveries_for(story: &Story, plan: PlanId) -> Vec<Delivery> {
    let (mut suppliers, sister) = split_deliveries(story, plan);
    suppliers.extend(sister);
    suppliers
}

fn split_deliveries(story: &Story, plan: PlanId) -> (Vec<Delivery>, Vec<Delivery>) {
    story.seeder.read(|state| {
        let Some(found) = state.plans.plan(plan) else { return (Vec::new(), Vec::new()) };
        // The sister node's parcel comes two days after the last order, or ten days after asking.
        let last_order = found.proposal.purchases.iter().map(|purchase| purchase.arrives).max();
        let sister_day = last_order.map_or(Day::of(found.proposed_at).plus(10), |day| day.plus(2));
        let mut from_suppliers = Vec::new();
        let mut from_sister = Vec::new();
        for need in found.proposal.materials.iter().filter(|need| need.shortage.is_positive()) {
            let unit_cost = |material: &str| {
                state.stock.lots().find(|lot| lot.material == material).map_or(Millicents(100_000), |lot| lot.unit_cost)
            };
            let name = state.stock.material(&need.material).map(|material| material.name.clone());
            match found.proposal.purchases.iter().find(|purchase| purchase.material == need.material) {
                Some(purchase) => from_suppliers.push(Delivery {
                    day: purchase.arrives,
                    receipt: LotReceipt {
                        material: need.material.clone(),
                        material_name: name.or_else(|| Some(need.material.replace('-', " "))),
                        qty: Quantity { amount: purchase.qty, unit: purchase.unit },
                        unit_cost: Millicents(purchase.cost.0 * 1000 / purchase.qty.0.max(1)),
                        location: "receiving".into(),
                        provenance: Provenance::Supplier(purchase.supplier_key.clone()),
                    },
                }),
                None => from_sister.push(Delivery {
                    day: sister_day,
                    receipt: LotReceipt {
                        material: need.material.clone(),
                        material_name: name.or_else(|| Some(need.material.replace('-', " "))),
                        qty: Quantity { amount: need.shortage, unit: need.unit },
                        unit_cost: unit_cost(&need.material),
                        location: "receiving".into(),
                        provenance: Provenance::Node(SISTER_NODE.into()),
                    },
                }),
            }
        }
        // An order arrives whole, on the day its slowest line is due.
        let mut last_by_supplier: BTreeMap<String, Day> = BTreeMap::new();
        for delivery in &from_suppliers {
            if let Provenance::Supplier(key) = &delivery.receipt.provenance {
                let last = last_by_supplier.entry(key.clone()).or_insert(delivery.day);
                *last = (*last).max(delivery.day);
            }
        }
        for delivery in &mut from_suppliers {
            if let Provenance::Supplier(key) = &delivery.receipt.provenance {
                delivery.day = last_by_supplier[key];
            }
        }
        (from_suppliers, from_sister)
    })
}

/// A stock-up delivery for `units` more of the plan's design, received today: every material it
/// needs, from the cheapest supplier offering it (else the sister node).
fn restock(story: &mut Story, plan: PlanId, units: i64) -> Result<(), NodeError> {
    let arrives = Day::of(story.seeder.now());
    let deliveries = story.seeder.read(|state| {
        let Some(found) = state.plans.plan(plan) else { return Vec::new() };
        let qty = i64::from(found.proposal.qty.max(1));
        let mut deliveries = Vec::new();
        for need in &found.proposal.materials {
            // Whole units of the stock unit, rounded up.
            let amount = (need.required.0 * units / qty + 999) / 1000 * 1000;
            let existing = state.stock.lots().find(|lot| lot.material == need.material).map(|lot| lot.unit_cost);
            let offer = state
                .suppliers
                .offers(&need.material)
                .filter(|(_, item)| item.available && item.unit == need.unit)
                .min_by_key(|(_, item)| item.price);
            let (provenance, unit_cost) = match offer {
                Some((supplier, item)) => (Provenance::Supplier(supplier.key.clone()), item.price),
                None => (Provenance::Node(SISTER_NODE.into()), existing.unwrap_or(Millicents(100_000))),
            };
            let name = state.stock.material(&need.material).map(|material| material.name.clone());
            deliveries.push(Delivery {
                day: arrives,
                receipt: LotReceipt {
                    material: need.material.clone(),
                    material_name: name.or_else(|| Some(need.material.replace('-', " "))),
                    qty: Quantity { amount: prodos_core::Milli(amount), unit: need.unit },
                    unit_cost,
                    location: "stores".into(),
                    provenance,
                },
            });
        }
        deliveries
    });
    receive(story, &deliveries)
}

/// Receives deliveries day by day, at 16:30 on their arrival day (never before the story's now),
/// after the day's work, so that a plan made on the new stock starts the next morning.
fn receive(story: &mut Story, deliveries: &[Delivery]) -> Result<(), NodeError> {
    let mut by_day: BTreeMap<Day, Vec<LotReceipt>> = BTreeMap::new();
    for delivery in deliveries {
        by_day.entry(delivery.day).or_default().push(delivery.receipt.clone());
    }
    for (day, lots) in by_day {
        let at = Timestamp::from_millis(day.start().millis() + 16 * 3_600_000 + 30 * 60_000);
        if at > story.seeder.now() {
            story.until(at)?;
        }
        story.seeder.run(COORDINATOR, Command::Stock(StockCommand::ReceiveLots { lots }))?;
    }
    Ok(())
}

fn broken(reason: impl Into<String>) -> NodeError {
    NodeError::BrokenExample { file: "demo history".into(), reason: reason.into() }
}
