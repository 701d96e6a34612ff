//! `prodos audit verify|log`: anyone in the node can read the record and check that it is intact.

use super::context::{Context, GlobalArgs, print_json, table};
use clap::Subcommand;
use prodos_app::queries;

#[derive(Subcommand, Debug)]
pub enum AuditCommand {
    /// Recompute the hash chain; exit non-zero naming the first bad entry if anything was changed.
    Verify {
        #[arg(long)]
        json: bool,
    },
    /// Print ledger entries in order.
    Log {
        /// First sequence number to show.
        #[arg(long, default_value_t = 1)]
        since: u64,
        /// At most this many entries.
        #[arg(long)]
        limit: Option<usize>,
        #[arg(long)]
        json: bool,
    },
}

pub fn run(command: AuditCommand, global: &GlobalArgs) -> anyhow::Result<()> {
    match command {
        AuditCommand::Verify { json } => verify(global, json),
        AuditCommand::Log { since, limit, json } => log(global, since, limit, json),
    }
}

fn verify(global: &GlobalArgs, json: bool) -> anyhow::Result<()> {
    let check = queries::check_ledger_file(&global.data_dir)?;
    if json {
        print_json(&check)?;
    }
    match check.first_bad_seq {
        None => {
            if !json {
                println!("ledger intact: {} events, head {} ({})", check.events, check.head_seq, check.head_hash);
            }
            Ok(())
        }
        Some(seq) => {
            anyhow::bail!("ledger NOT intact: first bad entry is seq {seq}: {}", check.reason.unwrap_or_default())
        }
    }
}

fn log(global: &GlobalArgs, since: u64, limit: Option<usize>, json: bool) -> anyhow::Result<()> {
    let context = Context::open(global)?;
    let entries = queries::ledger_entries(&context.node, since, limit.unwrap_or(usize::MAX))?;
    if json {
        return print_json(&entries);
    }
    let mut out = table(&["seq", "recorded", "actor", "kind", "summary", "hash"]);
    for entry in &entries {
        let mut summary = entry.payload.to_string();
        if summary.len() > 60 {
            summary.truncate(summary.floor_char_boundary(57));
            summary.push('…');
        }
        out.add_row(vec![
            entry.seq.to_string(),
            super::format_time(entry.recorded_at_ms),
            entry.actor.clone(),
            entry.kind.clone(),
            summary,
            entry.hash[..12].to_string(),
        ]);
    }
    println!("{out}");
    Ok(())
}
