//! `prodos mandate …`: production mandates — build N units of a certified design by a date.

use super::context::{Context, GlobalArgs, print_json, report, table};
use clap::Subcommand;
use prodos_app::queries;
use prodos_app::views::MandateView;
use prodos_core::plan::Day;
use prodos_core::{Command, DecisionId, DesignSelector, Event};
use prodos_core::{PlanCommand, PlanEvent};

#[derive(Subcommand, Debug)]
pub enum MandateCommand {
    /// Mandate production of a certified design (its latest certified version unless @vN is given).
    Create {
        #[arg(long)]
        design: DesignSelector,
        /// Units to build (> 0).
        #[arg(long, allow_negative_numbers = true)]
        qty: i64,
        /// Last day the units may be finished, YYYY-MM-DD (today or later).
        #[arg(long)]
        due: Day,
        /// The governance decision behind the mandate, kept for the audit trail.
        #[arg(long)]
        decision: Option<DecisionId>,
        /// Higher first when mandates compete for people, tools and workstations. `plan propose`
        /// schedules around committed plans of mandates with the same or a higher priority; the
        /// committed plans of lower-priority mandates are not waited for: the proposal takes
        /// their capacity and its verdict names them ("displaces"), to be re-proposed once it is
        /// committed.
        #[arg(long, default_value_t = 0, allow_negative_numbers = true)]
        priority: i32,
    },
    List {
        #[arg(long)]
        json: bool,
    },
}

pub fn run(command: MandateCommand, global: &GlobalArgs) -> anyhow::Result<()> {
    let context = Context::open(global)?;
    match command {
        MandateCommand::Create { design, qty, due, decision, priority } => {
            let done =
                context.execute(&Command::Plan(PlanCommand::CreateMandate { design, qty, due, decision, priority }))?;
            let created = done.events.iter().find_map(|event| match event {
                Event::Plan(PlanEvent::MandateCreated { mandate }) => {
                    Some(format!("{}: {} × {} due {}", mandate.id, mandate.qty, mandate.design, mandate.due))
                }
                _ => None,
            });
            report(&done, &created.unwrap_or_else(|| "mandate".into()));
            Ok(())
        }
        MandateCommand::List { json } => {
            let views: Vec<MandateView> = queries::mandates(&context.node);
            if json {
                return print_json(&views);
            }
            let mut out = table(&["mandate", "design", "qty", "due", "decision", "priority", "plans", "committed"]);
            for view in views {
                out.add_row(vec![
                    view.id,
                    view.design,
                    view.qty.to_string(),
                    view.due,
                    view.decision.unwrap_or_else(|| "-".into()),
                    view.priority.to_string(),
                    view.plans.join(", "),
                    view.committed_plan.unwrap_or_else(|| "-".into()),
                ]);
            }
            println!("{out}");
            Ok(())
        }
    }
}
