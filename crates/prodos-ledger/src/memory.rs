//! An in-memory ledger: the reference model the durable backends are checked against, and a
//! store for tests of the layers above that need no files.

use std::collections::HashMap;
use std::sync::{Mutex, MutexGuard};

use crate::{Admission, AppendOutcome, AppendRequest, Entry, Head, LedgerError, LedgerStore, admit};

/// Holds everything in one mutex: an append is atomic because nothing else runs while it does.
/// Not durable: dropping it forgets the ledger.
#[derive(Debug, Default)]
pub struct MemoryLedger {
    state: Mutex<MemoryState>,
}

#[derive(Debug, Default)]
struct MemoryState {
    // Invariant: entries[i].seq == i + 1 and the chain verifies.
    entries: Vec<Entry>,
    // Invariant: every command id in `entries`, mapped to the index range of its entries.
    entry_range_by_command: HashMap<String, (usize, usize)>,
}

impl MemoryLedger {
    pub fn new() -> Self {
        MemoryLedger::default()
    }

    fn lock(&self) -> Result<MutexGuard<'_, MemoryState>, LedgerError> {
        self.state.lock().map_err(|_| LedgerError::Storage("the in-memory ledger was poisoned by a panic".to_owned()))
    }
}

impl MemoryState {
    fn head(&self) -> Head {
        self.entries.last().map(Entry::head).unwrap_or(Head::EMPTY)
    }

    fn entries_of_command(&self, command_id: &str) -> Vec<Entry> {
        match self.entry_range_by_command.get(command_id) {
            Some(&(first_idx, end_idx)) => self.entries[first_idx..end_idx].to_vec(),
            None => Vec::new(),
        }
    }

    fn append(&mut self, request: AppendRequest) -> Result<AppendOutcome, LedgerError> {
        let head = self.head();
        match admit(&request, head.seq, |command_id| Ok(self.entries_of_command(command_id)))? {
            Admission::AlreadyApplied(entries) => Ok(AppendOutcome::AlreadyApplied { entries }),
            Admission::Write => {
                let first_idx = self.entries.len();
                let mut previous = head;
                for event in request.events {
                    let entry = Entry::seal(
                        &previous.hash,
                        previous.seq + 1,
                        request.recorded_at_ms,
                        &request.actor,
                        &request.command_id,
                        event,
                    );
                    previous = entry.head();
                    self.entries.push(entry);
                }
                self.entry_range_by_command.insert(request.command_id, (first_idx, self.entries.len()));
                Ok(AppendOutcome::Appended { first_seq: head.seq + 1, last_seq: previous.seq, head: previous })
            }
        }
    }
}

impl LedgerStore for MemoryLedger {
    fn append(&self, request: AppendRequest) -> Result<AppendOutcome, LedgerError> {
        self.lock()?.append(request)
    }

    fn append_many(&self, requests: Vec<AppendRequest>) -> Vec<Result<AppendOutcome, LedgerError>> {
        match self.lock() {
            Ok(mut state) => requests.into_iter().map(|request| state.append(request)).collect(),
            Err(error) => requests.iter().map(|_| Err(error.clone())).collect(),
        }
    }

    fn head(&self) -> Result<Head, LedgerError> {
        Ok(self.lock()?.head())
    }

    fn scan(&self, from_seq: u64, visit: &mut dyn FnMut(Entry) -> Result<(), LedgerError>) -> Result<(), LedgerError> {
        // Copy the snapshot out first so that `visit` may call back into the store.
        let snapshot: Vec<Entry> = {
            let state = self.lock()?;
            let first_idx = usize::try_from(from_seq.saturating_sub(1)).unwrap_or(usize::MAX).min(state.entries.len());
            state.entries[first_idx..].to_vec()
        };
        snapshot.into_iter().try_for_each(visit)
    }

    fn entries_of_command(&self, command_id: &str) -> Result<Vec<Entry>, LedgerError> {
        Ok(self.lock()?.entries_of_command(command_id))
    }

    fn anchor(&self) -> Result<Option<Head>, LedgerError> {
        Ok(Some(self.lock()?.head()))
    }
}
