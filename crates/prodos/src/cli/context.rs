//! What every command shares: the data directory, the actor, command ids, and output helpers.

use anyhow::Context as _;
use clap::Args;
use comfy_table::{Table, presets::UTF8_FULL_CONDENSED};
use prodos_app::{CommandMeta, Node, Receipt, clock};
use prodos_core::Command;
use serde::Serialize;
use std::path::PathBuf;

#[derive(Args, Debug, Clone)]
pub struct GlobalArgs {
    /// Data directory holding the SQLite ledger.
    #[arg(long = "data", env = "PRODOS_DATA", default_value = "prodos-data", global = true)]
    pub data_dir: PathBuf,
    /// Who is acting: a participant's handle acts as that participant (and may name only
    /// themselves in `--by`); any other name is an operator identity that may act as anyone,
    /// recorded in the ledger the first time it acts. Recorded on every ledger entry.
    #[arg(long, env = "PRODOS_ACTOR", default_value = "cli", global = true)]
    pub actor: String,
    /// Idempotency key: re-running with the same id returns the first result and writes nothing.
    #[arg(long, global = true)]
    pub command_id: Option<String>,
}

impl GlobalArgs {
    /// The console user as the core knows them: a participant's handle acts as that participant;
    /// any other name is an operator identity, which the ledger records the first time it acts.
    pub fn local_actor(&self) -> prodos_core::Actor {
        prodos_core::Actor::Local(self.actor.clone())
    }
}

/// An opened node plus the caller's identity.
pub struct Context {
    pub node: Node,
    pub global: GlobalArgs,
    issued: std::cell::Cell<u32>,
}

impl Context {
    pub fn open(global: &GlobalArgs) -> anyhow::Result<Context> {
        let node = prodos_app::data_dir::open(&global.data_dir)
            .with_context(|| format!("opening data directory {}", global.data_dir.display()))?;
        Ok(Context { node, global: global.clone(), issued: std::cell::Cell::new(0) })
    }

    /// Executes a command with a fresh (or the given) command id and the current time.
    pub fn execute(&self, command: &Command) -> anyhow::Result<Receipt> {
        Ok(self.node.execute(command, &self.next_meta())?)
    }

    /// Executes the command an import file became: a row the core refuses is named by its line
    /// of `file` (`lines[i]` for entry `i` of the command's `list`), and nothing is imported.
    pub fn execute_import(
        &self,
        command: &Command,
        file: &std::path::Path,
        list: &str,
        lines: &[usize],
    ) -> anyhow::Result<Receipt> {
        let name = file.display().to_string();
        self.node
            .execute(command, &self.next_meta())
            .map_err(|error| match &error {
                prodos_app::NodeError::Rejected(rejection) => {
                    match prodos_formats::rejected_row(rejection, &name, list, lines) {
                        Some(row) => anyhow::Error::new(prodos_formats::FormatErrors::from(row)),
                        None => error.into(),
                    }
                }
                _ => error.into(),
            })
            .with_context(|| format!("{name}: nothing was imported"))
    }

    /// The actor, the current time and a fresh (or the given) command id, for the next command.
    pub fn next_meta(&self) -> CommandMeta {
        let serial = self.issued.get();
        self.issued.set(serial + 1);
        let now = clock::now();
        let command_id = match (&self.global.command_id, serial) {
            (Some(id), 0) => id.clone(),
            (Some(id), n) => format!("{id}#{n}"),
            (None, n) => format!("cli-{}-{}-{n}", now.millis(), std::process::id()),
        };
        CommandMeta { command_id, actor: self.global.local_actor(), now }
    }
}

/// Prints a line that says what a receipt did, including the idempotent "already done" case.
pub fn report(receipt: &Receipt, what: &str) {
    match (receipt.replayed, receipt.seqs.first(), receipt.seqs.last()) {
        (true, Some(first), Some(last)) => println!("{what}: already recorded as entries {first}–{last}"),
        (false, Some(first), Some(last)) if first == last => println!("{what}: recorded as entry {first}"),
        (false, Some(first), Some(last)) => println!("{what}: recorded as entries {first}–{last}"),
        _ => println!("{what}: unchanged, nothing recorded"),
    }
}

pub fn print_json<T: Serialize>(value: &T) -> anyhow::Result<()> {
    println!("{}", serde_json::to_string_pretty(value)?);
    Ok(())
}

pub fn table(header: &[&str]) -> Table {
    let mut table = Table::new();
    table.load_preset(UTF8_FULL_CONDENSED).set_header(header.iter().copied());
    table
}

/// Reads an input file with the limits every import shares (10 MiB, UTF-8).
pub fn read_input(path: &std::path::Path) -> anyhow::Result<String> {
    let file = path.display().to_string();
    let metadata = std::fs::metadata(path).with_context(|| format!("{file}: cannot read"))?;
    if metadata.len() > prodos_formats::MAX_INPUT_BYTES as u64 {
        anyhow::bail!("{file}: {} bytes is over the 10 MiB limit for imports", metadata.len());
    }
    let bytes = std::fs::read(path).with_context(|| format!("{file}: cannot read"))?;
    Ok(prodos_formats::decode_text(&file, &bytes)?.to_string())
}
