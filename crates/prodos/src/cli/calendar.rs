//! `prodos calendar …`: the node's working calendar — weekdays worked, day start and length,
//! closed days. Plans are dated through it.

use super::context::{Context, GlobalArgs, print_json, report};
use anyhow::anyhow;
use clap::Subcommand;
use prodos_app::queries;
use prodos_core::Command;
use prodos_core::PlanCommand;
use prodos_core::calendar::{daily_work_minutes, minute_of_day, weekday_mask};
use prodos_core::plan::{Day, WorkWeek};

#[derive(Subcommand, Debug)]
pub enum CalendarCommand {
    /// Set the weekly pattern, e.g. `--weekdays mon,tue,wed,thu,fri --start 08:00 --hours 8`.
    Set {
        #[arg(long, default_value = "mon,tue,wed,thu,fri")]
        weekdays: String,
        /// Start of the working day, HH:MM (UTC).
        #[arg(long, default_value = "08:00")]
        start: String,
        /// Working hours per day, e.g. 7.5.
        #[arg(long, default_value_t = 8.0)]
        hours: f64,
    },
    /// Close one day (holiday, inventory, move): nothing is planned on it.
    Close {
        day: Day,
        #[arg(long)]
        reason: String,
    },
    Show {
        #[arg(long)]
        json: bool,
    },
}

pub fn run(command: CalendarCommand, global: &GlobalArgs) -> anyhow::Result<()> {
    match command {
        CalendarCommand::Set { weekdays, start, hours } => {
            let field = |name: &'static str| move |message: String| anyhow!("field `{name}`: {message}");
            let week = WorkWeek {
                weekdays_mask: weekday_mask(weekdays.split(',')).map_err(field("weekdays"))?,
                day_start_min: minute_of_day(&start).map_err(field("start"))?,
                daily_work_min: daily_work_minutes(hours).map_err(field("hours"))?,
            };
            let context = Context::open(global)?;
            let done = context.execute(&Command::Plan(PlanCommand::SetWorkWeek { week }))?;
            report(&done, &format!("working week {} from {start} for {hours} h", week.weekday_names()));
        }
        CalendarCommand::Close { day, reason } => {
            let context = Context::open(global)?;
            let done = context.execute(&Command::Plan(PlanCommand::CloseDay { day, reason: reason.clone() }))?;
            report(&done, &format!("{day} closed ({reason})"));
        }
        CalendarCommand::Show { json } => {
            let context = Context::open(global)?;
            let view = queries::capacity(&context.node);
            if json {
                return print_json(&view);
            }
            println!("{} from {} for {} h", view.weekdays, view.day_start, view.daily_work_hours);
            for (day, reason) in &view.closures {
                println!("closed {day}: {reason}");
            }
        }
    }
    Ok(())
}
