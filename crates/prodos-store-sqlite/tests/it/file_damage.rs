//! Damage below SQL: a byte flipped anywhere in the file is either caught (the file will not
//! open, `verify` fails, or `check_integrity` fails) or landed in unused space and changed
//! nothing the ledger holds.

use prodos_ledger::{Entry, LedgerStore, check_chain};
use prodos_store_sqlite::SqliteLedger;
use prodos_testkit::ledger_conformance as conformance;
use proptest::prelude::*;

use crate::support::fresh_ledger;

fn all_entries(ledger: &SqliteLedger) -> Result<Vec<Entry>, prodos_ledger::LedgerError> {
    let mut entries = Vec::new();
    ledger.scan(1, &mut |entry| {
        entries.push(entry);
        Ok(())
    })?;
    Ok(entries)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn a_flipped_byte_in_the_file_is_caught_or_harmless(offset_pick in any::<u64>(), xor in 1..=255u8) {
        let temp = fresh_ledger();
        let requests = (0..60).map(|command_idx| conformance::request(&format!("cmd-{command_idx}"), None, 8)).collect();
        temp.ledger.append_many(requests);
        let written = all_entries(&temp.ledger).expect("scan");
        let path = temp.path();
        // Closing the only connection checkpoints the WAL into the main file and removes it.
        drop(temp.ledger);

        let mut bytes = std::fs::read(&path).expect("read the file");
        let offset = (offset_pick % bytes.len() as u64) as usize;
        bytes[offset] ^= xor;
        std::fs::write(&path, &bytes).expect("write the damaged file");

        let Ok(reopened) = SqliteLedger::open(&path) else { return Ok(()) };
        let caught = check_chain(&reopened).is_err() || reopened.check_integrity().is_err();
        if !caught {
            prop_assert_eq!(all_entries(&reopened).expect("scan"), written, "byte {} changed the ledger unnoticed", offset);
            for command_idx in 0..60 {
                let command_id = format!("cmd-{command_idx}");
                let entries = reopened.entries_of_command(&command_id).expect("lookup");
                prop_assert_eq!(entries.len(), 8, "byte {} broke the lookup of {} unnoticed", offset, command_id);
            }
        }
    }
}
