//! Checking a whole store's chain: the chain of every entry, then its tail against the head anchor,
//! naming the first entry that is not what was written.
//!
//! Reading and hashing overlap: the caller's thread scans (borrowing entries, copying them into
//! reusable chunks) while checker threads hash, so verification costs about as much as the
//! reading alone instead of reading plus hashing.

use std::sync::mpsc::{channel, sync_channel};

use crate::{ChainBreak, ChainChecker, ChainReport, EntryRef, Hash, Head, LedgerError, LedgerStore};

/// Entries handed to the checker thread at a time: large enough to amortise the channel,
/// small enough to keep memory flat.
const ENTRIES_PER_CHUNK: usize = 1024;
/// Chunks that may wait for each checker before the scan pauses.
const CHUNKS_IN_FLIGHT: usize = 4;
/// Checker threads at most; hashing rarely outpaces one reader by more than this.
const MAX_CHECKERS: usize = 4;

/// Checks the whole ledger: every entry in order, every hash, and the tail against the anchor.
///
/// The anchor is read before and after the scan, so that appends running concurrently are not
/// mistaken for tampering: entries anchored before the scan began must all be there, and the
/// scan may not see entries past the anchor read after it.
pub fn check_chain(store: &dyn LedgerStore) -> Result<ChainReport, ChainBreak> {
    let anchor_before = read_anchor(store)?;
    let chain = scan_and_hash(store, anchor_before.map(|anchor| anchor.seq))?;
    let head = chain.head;
    if let Some(anchor) = anchor_before {
        if head.seq < anchor.seq {
            return Err(ChainBreak {
                first_bad_seq: head.seq + 1,
                reason: format!(
                    "the ledger ends at seq {} but its anchored head is seq {}: entries were removed",
                    head.seq, anchor.seq
                ),
            });
        }
        if anchor.seq > 0 && chain.hash_at_watched_seq != Some(anchor.hash) {
            return Err(anchor_hash_mismatch(anchor));
        }
    }
    if let Some(anchor_after) = read_anchor(store)? {
        if head.seq > anchor_after.seq {
            return Err(ChainBreak {
                first_bad_seq: anchor_after.seq + 1,
                reason: format!(
                    "entries {}..={} lie past the anchored head: they were not written by an append",
                    anchor_after.seq + 1,
                    head.seq
                ),
            });
        }
        if head.seq == anchor_after.seq && head.hash != anchor_after.hash {
            return Err(anchor_hash_mismatch(anchor_after));
        }
    }
    Ok(ChainReport { events: head.seq, head })
}

struct ChainSummary {
    head: Head,
    /// The stored hash of the entry at the seq the anchor named before the scan.
    hash_at_watched_seq: Option<Hash>,
}

/// Scans the store in this thread and checks the chain in checker threads, one per core. Each
/// chunk is checked on its own, starting from the last *stored* entry before it: if that entry
/// is bad, the chunk holding it reports it at a lower seq, so the lowest failure over all
/// chunks is the first bad seq a sequential check would find. Chunks are sent in seq order and
/// every chunk sent is checked (unless its checker already failed lower), so none below the
/// failure is skipped.
fn scan_and_hash(store: &dyn LedgerStore, watched_seq: Option<u64>) -> Result<ChainSummary, ChainBreak> {
    let n_checkers = std::thread::available_parallelism().map_or(1, usize::from).clamp(1, MAX_CHECKERS);
    std::thread::scope(|scope| {
        let (spare_tx, spare_rx) = channel::<Chunk>();
        let mut chunk_txs = Vec::with_capacity(n_checkers);
        let mut checkers = Vec::with_capacity(n_checkers);
        for _ in 0..n_checkers {
            let (chunk_tx, chunk_rx) = sync_channel::<(Head, Chunk)>(CHUNKS_IN_FLIGHT);
            let spare_tx = spare_tx.clone();
            chunk_txs.push(chunk_tx);
            checkers.push(scope.spawn(move || -> Result<Option<Hash>, ChainBreak> {
                let mut hash_at_watched_seq = None;
                for (start_head, mut chunk) in chunk_rx {
                    let mut verifier = ChainChecker::after(start_head);
                    for entry in &chunk.entries {
                        verifier.check_fields(entry.seq, entry.recorded_at_ms, chunk.fields(entry), &entry.hash)?;
                        if Some(entry.seq) == watched_seq {
                            hash_at_watched_seq = Some(entry.hash);
                        }
                    }
                    chunk.clear();
                    // The scan may have finished; then the spare is simply dropped.
                    let _ = spare_tx.send(chunk);
                }
                Ok(hash_at_watched_seq)
            }));
        }
        drop(spare_tx);

        let mut chunk = Chunk::default();
        let mut n_chunks_sent = 0usize;
        // The last stored entry of the chunks sent so far: where the next chunk's check starts.
        let mut sent_head = Head::EMPTY;
        let send_chunk =
            |full_chunk: Chunk, sent_head: &mut Head, n_chunks_sent: &mut usize| -> Result<(), LedgerError> {
                let start_head = *sent_head;
                if let Some(last) = full_chunk.entries.last() {
                    *sent_head = Head { seq: last.seq, hash: last.hash };
                }
                let checker_idx = *n_chunks_sent % n_checkers;
                *n_chunks_sent += 1;
                // A checker hangs up only after it found a bad entry: stop reading.
                chunk_txs[checker_idx].send((start_head, full_chunk)).map_err(|_| checker_stopped())
            };
        let scanned = store.scan_borrowed(1, &mut |entry| {
            chunk.push(entry);
            if chunk.entries.len() == ENTRIES_PER_CHUNK {
                let spare = spare_rx.try_recv().unwrap_or_default();
                send_chunk(std::mem::replace(&mut chunk, spare), &mut sent_head, &mut n_chunks_sent)?;
            }
            Ok(())
        });
        // Even when the scan failed, the entries read before the failure are checked: a bad one
        // among them comes first.
        if !chunk.entries.is_empty() {
            let _ = send_chunk(chunk, &mut sent_head, &mut n_chunks_sent);
        }
        // Closing the channels lets the checkers finish.
        drop(chunk_txs);

        let mut first_failure: Option<ChainBreak> = None;
        let mut hash_at_watched_seq = None;
        for checker in checkers {
            match checker.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic)) {
                Ok(watched) => hash_at_watched_seq = hash_at_watched_seq.or(watched),
                Err(failure) => {
                    if first_failure.as_ref().is_none_or(|first| failure.first_bad_seq < first.first_bad_seq) {
                        first_failure = Some(failure);
                    }
                }
            }
        }
        if let Some(failure) = first_failure {
            return Err(failure);
        }
        // Every entry read was checked and found good, so the last stored entry is the head.
        match scanned {
            Ok(()) => Ok(ChainSummary { head: sent_head, hash_at_watched_seq }),
            Err(error) => Err(failure_from_error(error, sent_head.seq + 1)),
        }
    })
}

/// Entries copied into one reusable buffer, so that handing them to the checker thread costs a
/// copy of their bytes and no allocation per entry.
#[derive(Default)]
struct Chunk {
    bytes: Vec<u8>,
    entries: Vec<ChunkedEntry>,
}

struct ChunkedEntry {
    seq: u64,
    recorded_at_ms: i64,
    hash: Hash,
    // Invariant: the entry's actor, command id, kind and payload lie back to back in
    // `bytes[start..field_ends[3]]`, each ending at its `field_ends` offset.
    start: usize,
    field_ends: [usize; 4],
}

impl Chunk {
    fn push(&mut self, entry: EntryRef<'_>) {
        let start = self.bytes.len();
        let mut field_ends = [0; 4];
        let fields = [entry.actor.as_bytes(), entry.command_id.as_bytes(), entry.kind.as_bytes(), entry.payload];
        for (field_idx, field) in fields.into_iter().enumerate() {
            self.bytes.extend_from_slice(field);
            field_ends[field_idx] = self.bytes.len();
        }
        self.entries.push(ChunkedEntry {
            seq: entry.seq,
            recorded_at_ms: entry.recorded_at_ms,
            hash: *entry.hash,
            start,
            field_ends,
        });
    }

    fn fields(&self, entry: &ChunkedEntry) -> [&[u8]; 4] {
        let [actor_end, command_id_end, kind_end, payload_end] = entry.field_ends;
        [
            &self.bytes[entry.start..actor_end],
            &self.bytes[actor_end..command_id_end],
            &self.bytes[command_id_end..kind_end],
            &self.bytes[kind_end..payload_end],
        ]
    }

    fn clear(&mut self) {
        self.bytes.clear();
        self.entries.clear();
    }
}

fn checker_stopped() -> LedgerError {
    LedgerError::Storage("the chain checker stopped".to_owned())
}

fn anchor_hash_mismatch(anchor: Head) -> ChainBreak {
    ChainBreak {
        first_bad_seq: anchor.seq,
        reason: format!("entry {} does not carry the anchored head hash {}", anchor.seq, anchor.hash_hex()),
    }
}

fn read_anchor(store: &dyn LedgerStore) -> Result<Option<Head>, ChainBreak> {
    store.anchor().map_err(|error| failure_from_error(error, 1))
}

/// A store that cannot read an entry names the seq itself (`Corrupt`); any other error is
/// reported at the first seq that could not be checked.
fn failure_from_error(error: LedgerError, next_unchecked_seq: u64) -> ChainBreak {
    match error {
        LedgerError::Corrupt { seq, reason } => ChainBreak { first_bad_seq: seq, reason },
        other => ChainBreak { first_bad_seq: next_unchecked_seq, reason: format!("could not be read: {other}") },
    }
}
