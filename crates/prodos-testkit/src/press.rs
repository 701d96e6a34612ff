//! The multi-skill fixture: a small shop press whose frame is welded by two people at once and
//! whose plate is cut and drilled, and the commands that set up a cooperative to build it with
//! people who hold several skills. The same commands feed a `World` and a node, so planner and
//! matcher tests tell the same story.

use prodos_core::people::{NewParticipant, PeopleCommand};
use prodos_core::*;

pub const PRESS_TOML: &str = include_str!("../fixtures/press.toml");
const PRESS_STOCK: &str = "material,qty,unit,unit_cost,location,provenance,source\n\
                           steel-channel,200,m,9.00,yard,own,\n\
                           steel-plate,40,pc,60.00,yard,own,\n";
pub const PRESS_SKILLS: [&str; 3] = ["welding", "cutting", "drilling"];
pub const PRESS_TOOLS: [&str; 3] = ["welder", "plasma", "drill-press"];

/// Import and certify the press (`DES-0001`), stock its steel, three of each tool, and `people`
/// (handle, skills at levels) working Monday to Friday, certified by the coordinator `cora`.
pub fn press_shop_commands(people: &[(&str, Vec<(&str, i64)>)]) -> Vec<Command> {
    let parsed = prodos_formats::parse_design("press.toml", PRESS_TOML).expect("the press design parses");
    let lots = prodos_formats::parse_stock_csv("stock.csv", PRESS_STOCK).expect("the press stock parses");
    let mut commands = vec![
        Command::Design(DesignCommand::ImportDesign { spec: parsed.spec, declared: None }),
        Command::Design(DesignCommand::CertifyDesign { design: DesignSelector { design: DesignId(1), version: None } }),
        Command::Stock(StockCommand::ReceiveLots { lots: lots.iter().map(|row| row.to_receipt()).collect() }),
    ];
    commands.extend(
        PRESS_TOOLS.iter().map(|tool| Command::Plan(PlanCommand::DeclareToolCount { tool: (*tool).into(), count: 3 })),
    );
    let participant =
        |handle: &str, coordinator| NewParticipant { handle: handle.into(), real_name: None, coordinator };
    let mut participants = vec![participant("cora", true)];
    participants.extend(people.iter().map(|(handle, _)| participant(handle, false)));
    commands.push(Command::People(PeopleCommand::AddParticipants { participants, by: None }));
    for (handle, skills) in people {
        let minutes_per_weekday = [480, 480, 480, 480, 480, 0, 0];
        commands
            .push(Command::People(PeopleCommand::SetAvailability { handle: (*handle).into(), minutes_per_weekday }));
        for (skill, level) in skills {
            commands.push(Command::People(PeopleCommand::GrantCertification {
                handle: (*handle).into(),
                skill: (*skill).into(),
                level: *level,
                expires_on: None,
                by: "cora".into(),
            }));
        }
    }
    commands
}

/// The press shop with `people` on a frozen Monday, 2026-11-23 at 09:00.
pub fn press_world(people: &[(&str, Vec<(&str, i64)>)]) -> crate::World {
    let day: plan::Day = "2026-11-23".parse().expect("a date");
    let mut world = crate::World::frozen_at(Timestamp::from_millis(day.start().millis() + 9 * 3_600_000));
    for command in press_shop_commands(people) {
        world.must(command);
    }
    world
}

/// The cooperative: ada welds and cuts, bo welds, chen cuts and drills. Pools count two
/// welders, two cutters and one driller; a two-person weld next to a cut and a drill needs four.
pub fn press_cooperative() -> Vec<(&'static str, Vec<(&'static str, i64)>)> {
    vec![
        ("ada", vec![("welding", 4), ("cutting", 3)]),
        ("bo", vec![("welding", 4)]),
        ("chen", vec![("cutting", 3), ("drilling", 3)]),
    ]
}
