//! A running node: the ledger plus the state folded from it. Commands are decided against the
//! state, appended with the head they were decided on (so a stale writer conflicts and retries
//! on fresh state), and applied only after the ledger acknowledged them durably.

use crate::codec::{decode, encode};
use crate::error::NodeError;
use prodos_core::{Actor, Command, Event, State, Timestamp, decide};
use prodos_ledger::{AppendOutcome, AppendRequest, Head, LedgerError, LedgerStore};
use std::sync::{Arc, RwLock};

/// Who asks, when, and under which idempotency key.
#[derive(Debug, Clone)]
pub struct CommandMeta {
    pub command_id: String,
    /// Who asks; the ledger records its name on every entry the command writes.
    pub actor: Actor,
    pub now: Timestamp,
}

/// What executing a command did.
#[derive(Debug, Clone, PartialEq)]
pub struct Receipt {
    pub events: Vec<Event>,
    /// Ledger sequence number of each event (empty when nothing was written); an entry of an
    /// older payload version may hold several events, which then share its number.
    pub seqs: Vec<u64>,
    /// True when this command id had been executed before and its first result is returned.
    pub replayed: bool,
}

struct Folded {
    state: State,
    head: Head,
}

pub struct Node {
    store: Arc<dyn LedgerStore>,
    // Invariant: `state` is exactly the fold of ledger entries 1..=head.seq.
    folded: RwLock<Folded>,
}

/// How often a command is re-decided after losing a race for the head before giving up.
const MAX_ATTEMPTS: u32 = 16;

impl Node {
    /// Replays the whole ledger into state.
    pub fn open(store: Arc<dyn LedgerStore>) -> Result<Node, NodeError> {
        let mut folded = Folded { state: State::default(), head: Head::EMPTY };
        catch_up(store.as_ref(), &mut folded)?;
        Ok(Node { store, folded: RwLock::new(folded) })
    }

    pub fn store(&self) -> &dyn LedgerStore {
        self.store.as_ref()
    }

    /// Reads the state as of the last applied entry.
    pub fn read<R>(&self, query: impl FnOnce(&State) -> R) -> R {
        query(&self.folded.read().expect("node lock poisoned").state)
    }

    /// Reads the state together with the head it was folded to, for views that show both.
    pub fn read_at_head<R>(&self, query: impl FnOnce(&State, Head) -> R) -> R {
        let folded = self.folded.read().expect("node lock poisoned");
        query(&folded.state, folded.head)
    }

    pub fn head(&self) -> Head {
        self.folded.read().expect("node lock poisoned").head
    }

    /// Applies entries other processes appended since we last looked.
    pub fn refresh(&self) -> Result<(), NodeError> {
        let stored_head = self.store.head()?;
        if stored_head.seq == self.head().seq {
            return Ok(());
        }
        let mut folded = self.folded.write().expect("node lock poisoned");
        catch_up(self.store.as_ref(), &mut folded)
    }

    /// Decides and appends one command atomically. A retried command id returns its first
    /// result and writes nothing; a rejection writes nothing.
    pub fn execute(&self, command: &Command, meta: &CommandMeta) -> Result<Receipt, NodeError> {
        let earlier = self.store.entries_of_command(&meta.command_id)?;
        if !earlier.is_empty() {
            return replayed_receipt(&earlier);
        }
        let mut folded = self.folded.write().expect("node lock poisoned");
        for _ in 0..MAX_ATTEMPTS {
            let events = decide(&folded.state, &meta.actor, command, meta.now)?;
            if events.is_empty() {
                return Ok(Receipt { events, seqs: Vec::new(), replayed: false });
            }
            let request = AppendRequest {
                command_id: meta.command_id.clone(),
                actor: meta.actor.name().to_string(),
                recorded_at_ms: meta.now.millis(),
                expected_head: Some(folded.head.seq),
                events: events.iter().map(encode).collect(),
            };
            match self.store.append(request) {
                Ok(AppendOutcome::Appended { first_seq, last_seq, head }) => {
                    for event in &events {
                        folded.state.apply(event);
                    }
                    folded.head = head;
                    return Ok(Receipt { events, seqs: (first_seq..=last_seq).collect(), replayed: false });
                }
                Ok(AppendOutcome::AlreadyApplied { entries }) => {
                    catch_up(self.store.as_ref(), &mut folded)?;
                    return replayed_receipt(&entries);
                }
                Err(LedgerError::Conflict { .. }) => catch_up(self.store.as_ref(), &mut folded)?,
                Err(error) => return Err(error.into()),
            }
        }
        Err(NodeError::TooMuchContention { attempts: MAX_ATTEMPTS })
    }
}

fn catch_up(store: &dyn LedgerStore, folded: &mut Folded) -> Result<(), NodeError> {
    let mut failure = None;
    store
        .scan(folded.head.seq + 1, &mut |entry| {
            match decode(&entry) {
                Ok(events) => {
                    for event in &events {
                        folded.state.apply(event);
                    }
                    folded.head = entry.head();
                }
                Err(error) => {
                    failure = Some(error);
                    return Err(LedgerError::Corrupt { seq: entry.seq, reason: "undecodable event".into() });
                }
            }
            Ok(())
        })
        .map_err(|error| failure.take().unwrap_or(NodeError::Ledger(error)))
}

fn replayed_receipt(entries: &[prodos_ledger::Entry]) -> Result<Receipt, NodeError> {
    let mut receipt = Receipt { events: Vec::new(), seqs: Vec::new(), replayed: true };
    for entry in entries {
        for event in decode(entry)? {
            receipt.events.push(event);
            receipt.seqs.push(entry.seq);
        }
    }
    Ok(receipt)
}
