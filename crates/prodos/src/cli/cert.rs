//! `prodos cert grant|revoke|list`: certifications issued directly by a coordinator or by someone
//! certified above the level (the training game issues them through `challenge signoff`).

use super::context::{Context, GlobalArgs, print_json, report, table};
use clap::Subcommand;
use prodos_app::clock;
use prodos_app::queries;
use prodos_core::Command;
use prodos_core::people::PeopleCommand;
use prodos_core::plan::Day;

#[derive(Subcommand, Debug)]
pub enum CertCommand {
    /// Certify HANDLE in SKILL at LEVEL (1–5).
    Grant {
        handle: String,
        skill: String,
        level: i64,
        /// The last day on which the certification counts.
        #[arg(long)]
        expires: Option<Day>,
        /// The issuer: a coordinator or someone certified above LEVEL (defaults to --actor).
        #[arg(long)]
        by: Option<String>,
    },
    /// Revoke HANDLE's valid certifications in SKILL (coordinators only).
    Revoke {
        handle: String,
        skill: String,
        #[arg(long)]
        reason: String,
        #[arg(long)]
        by: Option<String>,
    },
    /// Certifications, valid ones only unless --all.
    List {
        handle: Option<String>,
        #[arg(long)]
        all: bool,
        #[arg(long)]
        json: bool,
    },
}

pub fn run(command: CertCommand, global: &GlobalArgs) -> anyhow::Result<()> {
    let context = Context::open(global)?;
    let by_or_actor = |by: Option<String>| by.unwrap_or_else(|| global.actor.clone());
    match command {
        CertCommand::Grant { handle, skill, level, expires, by } => {
            let command = PeopleCommand::GrantCertification {
                handle: handle.clone(),
                skill: skill.clone(),
                level,
                expires_on: expires,
                by: by_or_actor(by),
            };
            let done = context.execute(&Command::People(command))?;
            report(&done, &format!("{handle} certified in {skill} at level {level}"));
        }
        CertCommand::Revoke { handle, skill, reason, by } => {
            let command = PeopleCommand::RevokeCertification {
                handle: handle.clone(),
                skill: skill.clone(),
                reason,
                by: by_or_actor(by),
            };
            let done = context.execute(&Command::People(command))?;
            report(&done, &format!("{handle}'s {skill} certification revoked"));
        }
        CertCommand::List { handle, all, json } => {
            let now = clock::now();
            let views = queries::certifications(&context.node, handle.as_deref(), all, now)?;
            if json {
                return print_json(&views);
            }
            let mut out = table(&["handle", "skill", "level", "issued by", "valid through", "via", "status"]);
            for view in views {
                out.add_row(vec![
                    view.handle,
                    view.skill,
                    view.level.to_string(),
                    view.issued_by,
                    view.valid_through.unwrap_or_else(|| "-".into()),
                    view.attempt.unwrap_or_else(|| "grant".into()),
                    view.status.to_string(),
                ]);
            }
            println!("{out}");
        }
    }
    Ok(())
}
