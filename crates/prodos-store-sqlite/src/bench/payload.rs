//! Realistic benchmark rows: the JSON a domain event looks like (150–250 bytes), varied but
//! deterministic in the row index.

use prodos_ledger::{AppendRequest, NewEvent};

pub(crate) const KIND: &str = "MaterialReserved";
pub(crate) const ACTOR: &str = "operator:alice";
pub(crate) const RECORDED_AT_MS: i64 = 1_763_820_000_000;

/// A domain-like event payload; its length varies with `row_idx` between about 150 and 250 bytes.
pub(crate) fn payload(row_idx: u64) -> Vec<u8> {
    let mixed = row_idx.wrapping_mul(0x9e37_79b9_7f4a_7c15);
    let note_len = (mixed >> 57) as usize % 90;
    let note: String = "reserved for the next build of the acoustic guitar body; check the humidity log before use"
        .chars()
        .take(note_len)
        .collect();
    format!(
        r#"{{"task_id":"task-{:06}","part_id":"part-{:05}","qty_milli":{},"lot":"LOT-2026-{:06}","location":"rack-{:02}-bin-{:03}","reserved_by":"operator:alice","note":"{note}"}}"#,
        row_idx / 7,
        mixed % 50_000,
        1_000 + mixed % 250_000,
        row_idx,
        mixed % 40,
        mixed % 500,
    )
    .into_bytes()
}

/// One request carrying the events for rows `first_row..first_row + n_events`.
pub(crate) fn request(command_id: String, first_row: u64, n_events: usize) -> AppendRequest {
    AppendRequest {
        command_id,
        actor: ACTOR.to_owned(),
        recorded_at_ms: RECORDED_AT_MS,
        expected_head: None,
        events: (first_row..first_row + n_events as u64)
            .map(|row_idx| NewEvent { kind: KIND.to_owned(), payload: payload(row_idx) })
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn payloads_are_json_sized_like_domain_events() {
        let lengths: Vec<usize> = (0..1_000).map(|row_idx| payload(row_idx).len()).collect();
        let shortest = lengths.iter().copied().min().unwrap_or(0);
        let longest = lengths.iter().copied().max().unwrap_or(0);
        assert!(shortest >= 150 && longest <= 250, "payloads span {shortest}..={longest} bytes");
        assert!(longest - shortest > 50, "payload lengths vary");
    }
}
