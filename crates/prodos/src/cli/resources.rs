//! `prodos resources …`: the node's production capacity as planning sees it — tools and
//! workstations, skill headcounts per level, labor and tool rates.

use super::context::{Context, GlobalArgs, print_json, report, table};
use anyhow::Context as _;
use clap::Subcommand;
use prodos_app::queries;
use prodos_app::views::CapacityView;
use prodos_core::PlanCommand;
use prodos_core::{Command, Millicents};

#[derive(Subcommand, Debug)]
pub enum ResourcesCommand {
    /// How many units of a tool or workstation the node owns (0 removes it from planning).
    Tool {
        tool: String,
        #[arg(long, allow_negative_numbers = true)]
        count: i64,
    },
    /// Declare how many people hold a skill at exactly this level (1–5). Planning counts
    /// certified participants (valid certifications, weekly hours, absences) for every skill
    /// without a declared headcount; a declared one (people outside the registry, or a deliberate
    /// override) replaces them for that skill. Headcount 0 at every level goes back to the
    /// participants.
    Skill {
        skill: String,
        #[arg(long, allow_negative_numbers = true)]
        level: i64,
        #[arg(long, allow_negative_numbers = true)]
        headcount: i64,
    },
    /// Hourly labor rate for a skill at a level (work at higher levels without a rate uses the
    /// nearest lower level's).
    LaborRate {
        skill: String,
        #[arg(long, allow_negative_numbers = true)]
        level: i64,
        /// Currency per hour, e.g. 32.50.
        #[arg(long, allow_negative_numbers = true)]
        rate: f64,
    },
    /// Hourly rate for using a tool or workstation (wear, energy, depreciation).
    ToolRate {
        tool: String,
        #[arg(long, allow_negative_numbers = true)]
        rate: f64,
    },
    /// Tools, headcounts, calendar and rates.
    Show {
        #[arg(long)]
        json: bool,
    },
}

fn money(rate: f64) -> anyhow::Result<Millicents> {
    Millicents::from_currency(rate).with_context(|| format!("field `rate`: {rate} is not an amount of money"))
}

pub fn run(command: ResourcesCommand, global: &GlobalArgs) -> anyhow::Result<()> {
    let context = Context::open(global)?;
    match command {
        ResourcesCommand::Tool { tool, count } => {
            let done = context.execute(&Command::Plan(PlanCommand::DeclareToolCount { tool: tool.clone(), count }))?;
            report(&done, &format!("{tool}: {count}"));
        }
        ResourcesCommand::Skill { skill, level, headcount } => {
            let done = context.execute(&Command::Plan(PlanCommand::DeclareSkillHeadcount {
                skill: skill.clone(),
                level,
                headcount,
            }))?;
            report(&done, &format!("{skill} level {level}: {headcount} people"));
        }
        ResourcesCommand::LaborRate { skill, level, rate } => {
            let rate_per_hour = money(rate)?;
            let done = context.execute(&Command::Plan(PlanCommand::SetLaborRate {
                skill: skill.clone(),
                level,
                rate_per_hour,
            }))?;
            report(&done, &format!("{skill} level {level}: {rate_per_hour}/h"));
        }
        ResourcesCommand::ToolRate { tool, rate } => {
            let rate_per_hour = money(rate)?;
            let done =
                context.execute(&Command::Plan(PlanCommand::SetToolRate { tool: tool.clone(), rate_per_hour }))?;
            report(&done, &format!("{tool}: {rate_per_hour}/h"));
        }
        ResourcesCommand::Show { json } => {
            let view = queries::capacity(&context.node);
            if json {
                return print_json(&view);
            }
            print_capacity(&view);
        }
    }
    Ok(())
}

pub fn print_capacity(view: &CapacityView) {
    println!(
        "calendar: {} from {} for {} h; {} closed day(s)",
        view.weekdays,
        view.day_start,
        view.daily_work_hours,
        view.closures.len()
    );
    for (day, reason) in &view.closures {
        println!("  closed {day}: {reason}");
    }
    let mut tools = table(&["tool or workstation", "count", "rate/h"]);
    for (tool, count) in &view.tools {
        let rate =
            view.tool_rates.iter().find(|r| &r.what == tool).map(|r| r.per_hour.clone()).unwrap_or_else(|| "-".into());
        tools.add_row(vec![tool.clone(), count.to_string(), rate]);
    }
    println!("{tools}");
    let mut skills = table(&["skill", "L1", "L2", "L3", "L4", "L5"]);
    for skill in &view.skills {
        let mut row = vec![skill.skill.clone()];
        row.extend(skill.by_level.iter().map(u32::to_string));
        skills.add_row(row);
    }
    println!("{skills}");
    if !view.labor_rates.is_empty() {
        let mut rates = table(&["labor", "rate/h"]);
        for rate in &view.labor_rates {
            rates.add_row(vec![rate.what.clone(), rate.per_hour.clone()]);
        }
        println!("{rates}");
    }
}
