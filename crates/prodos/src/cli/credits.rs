//! `prodos credits balance|history|labor|policy|weight|gate`: time credits earned from verified
//! labor, their decay, the contribution gate, and reputation shown in parts.

use super::context::{Context, GlobalArgs, print_json, report, table};
use super::format_time;
use clap::{Subcommand, ValueEnum};
use prodos_app::clock;
use prodos_app::queries;
use prodos_core::credits::{CreditsCommand, Privilege};
use prodos_core::{Command, Milli};

#[derive(Subcommand, Debug)]
pub enum CreditsCommandArgs {
    /// Balance (earned − decayed − spent) and reputation parts, of one participant or all.
    Balance {
        handle: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Every credit change of a participant: labor earned, monthly decay steps, goods paid for.
    History {
        handle: String,
        #[arg(long)]
        json: bool,
    },
    /// Record verified labor done outside a plan's tasks (the only way credits are earned).
    Labor {
        handle: String,
        #[arg(long)]
        skill: String,
        #[arg(long)]
        level: i64,
        #[arg(long, value_parser = parse_milli)]
        hours: Milli,
        #[arg(long)]
        verified_by: String,
        #[arg(long, default_value = "")]
        note: String,
    },
    /// Show the credit policy with the weights and gates, or set the policy (coordinators).
    Policy {
        /// Share lost at each 30-day boundary, in basis points (500 = 5 %).
        #[arg(long)]
        decay_bp: Option<i64>,
        /// Credits per verified hour where no skill weight is set.
        #[arg(long, value_parser = parse_milli)]
        default_weight: Option<Milli>,
        /// Credits an entitlement earned through the goods gate costs.
        #[arg(long, value_parser = parse_milli)]
        earned_cost: Option<Milli>,
        #[arg(long)]
        by: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Credits per hour for work in SKILL at LEVEL (coordinators).
    Weight {
        skill: String,
        level: i64,
        #[arg(value_parser = parse_milli)]
        weight_per_hour: Milli,
        #[arg(long)]
        by: Option<String>,
    },
    /// Set a contribution gate: a privilege needs MIN_HOURS verified hours within WINDOW_DAYS.
    Gate {
        #[arg(value_enum)]
        privilege: GatePrivilege,
        #[arg(long, value_parser = parse_milli)]
        min_hours: Milli,
        #[arg(long)]
        window_days: i64,
        /// For `work`: operations from this level up are gated.
        #[arg(long, default_value_t = 4)]
        from_level: u8,
        #[arg(long)]
        by: Option<String>,
    },
}

#[derive(ValueEnum, Debug, Clone, Copy)]
pub enum GatePrivilege {
    /// Taking operations from `--from-level` up.
    Work,
    /// Receiving goods (earning entitlements).
    Goods,
}

fn parse_milli(text: &str) -> Result<Milli, String> {
    text.trim().parse::<f64>().ok().and_then(Milli::from_f64).ok_or_else(|| format!("`{text}` is not a number"))
}

pub fn run(command: CreditsCommandArgs, global: &GlobalArgs) -> anyhow::Result<()> {
    let context = Context::open(global)?;
    let by_or_actor = |by: Option<String>| by.unwrap_or_else(|| global.actor.clone());
    match command {
        CreditsCommandArgs::Balance { handle, json } => {
            let now = clock::now();
            let views = match &handle {
                Some(handle) => vec![queries::credit_balance(&context.node, handle, now)?],
                None => queries::credit_balances(&context.node, now),
            };
            if json {
                return print_json(&views);
            }
            // Reputation in its parts, never one number: output, quality, punctuality.
            let mut out = table(&[
                "handle",
                "balance",
                "earned",
                "decayed",
                "spent",
                "verified h",
                "labor events",
                "skills",
                "first-time / rejected",
                "on time / late",
            ]);
            for view in views {
                let reputation = &view.reputation;
                out.add_row(vec![
                    view.handle,
                    view.balance,
                    view.earned,
                    view.decayed,
                    view.spent,
                    reputation.verified_hours.to_string(),
                    reputation.labor_events.to_string(),
                    reputation.skills_worked.to_string(),
                    format!("{} / {}", reputation.tasks_verified_first_time, reputation.tasks_rejected),
                    format!("{} / {}", reputation.tasks_on_time, reputation.tasks_late),
                ]);
            }
            println!("{out}");
        }
        CreditsCommandArgs::History { handle, json } => {
            let rows = queries::credit_history(&context.node, &handle, clock::now())?;
            if json {
                return print_json(&rows);
            }
            let mut out = table(&["at", "kind", "change", "balance", "what"]);
            for row in rows {
                out.add_row(vec![
                    format_time(row.at_ms),
                    format!("{:?}", row.kind).to_lowercase(),
                    row.change,
                    row.balance,
                    row.what,
                ]);
            }
            println!("{out}");
        }
        CreditsCommandArgs::Labor { handle, skill, level, hours, verified_by, note } => {
            let command =
                CreditsCommand::RecordLabor { handle: handle.clone(), skill, level, hours, verified_by, note };
            let done = context.execute(&Command::Credits(command))?;
            report(&done, &format!("{hours} h of labor by {handle}"));
        }
        CreditsCommandArgs::Policy { decay_bp, default_weight, earned_cost, by, json } => {
            if decay_bp.is_none() && default_weight.is_none() && earned_cost.is_none() {
                let settings = queries::credit_settings(&context.node);
                if json {
                    return print_json(&settings);
                }
                let policy = &settings.policy;
                println!("decay_rate_per_period_bp: {} (per 30 days)", policy.decay_rate_per_period_bp);
                println!("default_weight_per_hour:  {}", policy.default_weight_per_hour);
                println!("earned_entitlement_cost:  {}", policy.earned_entitlement_cost_credits);
                for weight in &settings.weights {
                    println!("weight {}:{}: {} per hour", weight.skill, weight.level, weight.weight_per_hour);
                }
                for gate in &settings.gates {
                    println!("gate: {} needs {} h within {} days", gate.description, gate.min_hours, gate.window_days);
                }
                return Ok(());
            }
            let command =
                queries::credit_policy_update(&context.node, decay_bp, default_weight, earned_cost, by_or_actor(by));
            let done = context.execute(&command)?;
            report(&done, "credit policy");
        }
        CreditsCommandArgs::Weight { skill, level, weight_per_hour, by } => {
            let command =
                CreditsCommand::SetCreditWeight { skill: skill.clone(), level, weight_per_hour, by: by_or_actor(by) };
            let done = context.execute(&Command::Credits(command))?;
            report(&done, &format!("weight of {skill}:{level}"));
        }
        CreditsCommandArgs::Gate { privilege, min_hours, window_days, from_level, by } => {
            let privilege = match privilege {
                GatePrivilege::Work => Privilege::WorkFromLevel { level: from_level },
                GatePrivilege::Goods => Privilege::ReceiveGoods,
            };
            let command = CreditsCommand::SetGateRule { privilege, min_hours, window_days, by: by_or_actor(by) };
            let done = context.execute(&Command::Credits(command))?;
            report(&done, &format!("gate to {privilege}"));
        }
    }
    Ok(())
}
