//! `prodos calendar …`: the node's working calendar — weekdays worked, day start and length,
//! closed days. Plans are dated through it.

use super::context::{Context, GlobalArgs, print_json, report};
use anyhow::{Context as _, bail};
use clap::Subcommand;
use prodos_core::Command;
use prodos_core::plan::{Day, WorkWeek, calendar::WEEKDAY_NAMES};
use prodos_node::views::CapacityView;

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

fn weekday_mask(text: &str) -> anyhow::Result<u8> {
    let mut mask = 0u8;
    for name in text.split(',').map(str::trim).filter(|name| !name.is_empty()) {
        let lower = name.to_ascii_lowercase();
        let Some(index) = WEEKDAY_NAMES.iter().position(|known| lower.starts_with(known)) else {
            bail!("field `weekdays`: `{name}` is not a weekday (use {})", WEEKDAY_NAMES.join(","));
        };
        mask |= 1 << index;
    }
    Ok(mask)
}

fn minute_of_day(text: &str) -> anyhow::Result<u32> {
    let parse = || -> Option<u32> {
        let (hours, minutes) = text.trim().split_once(':')?;
        let (hours, minutes) = (hours.parse::<u32>().ok()?, minutes.parse::<u32>().ok()?);
        (hours < 24 && minutes < 60).then_some(hours * 60 + minutes)
    };
    parse().with_context(|| format!("field `start`: `{text}` is not a time of day (HH:MM)"))
}

pub fn run(command: CalendarCommand, global: &GlobalArgs) -> anyhow::Result<()> {
    match command {
        CalendarCommand::Set { weekdays, start, hours } => {
            if !(hours > 0.0 && hours <= 24.0) {
                bail!("field `hours`: must be more than 0 and at most 24, got {hours}");
            }
            let week = WorkWeek {
                weekdays_mask: weekday_mask(&weekdays)?,
                day_start_min: minute_of_day(&start)?,
                daily_work_min: (hours * 60.0).round() as u32,
            };
            let context = Context::open(global)?;
            let done = context.execute(&Command::SetWorkWeek { week })?;
            report(&done, &format!("working week {} from {start} for {hours} h", week.weekday_names()));
        }
        CalendarCommand::Close { day, reason } => {
            let context = Context::open(global)?;
            let done = context.execute(&Command::CloseDay { day, reason: reason.clone() })?;
            report(&done, &format!("{day} closed ({reason})"));
        }
        CalendarCommand::Show { json } => {
            let context = Context::open(global)?;
            let view = context.node.read(|state| CapacityView::of(&state.capacity));
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
