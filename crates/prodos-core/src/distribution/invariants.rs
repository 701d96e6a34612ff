//! Distribution invariants for `State::verify`: no good is released twice, every release names a
//! known good, a participant and an entitlement of theirs for the good's design, and no
//! entitlement covers more releases than its quantity.

use crate::state::State;
use std::collections::BTreeSet;

pub fn verify(state: &State) -> Result<(), String> {
    let distribution = &state.distribution;
    let mut released = BTreeSet::new();
    for release in distribution.releases() {
        if !released.insert(release.good) {
            return Err(format!("{} was released twice", release.good));
        }
        let good = distribution.good(release.good).ok_or_else(|| format!("release of unknown {}", release.good))?;
        if state.people.get(&release.to).is_none() {
            return Err(format!("{} went to unknown participant `{}`", release.good, release.to));
        }
        let entitlement = distribution
            .entitlement(release.entitlement)
            .ok_or_else(|| format!("{} released under unknown {}", release.good, release.entitlement))?;
        if entitlement.handle != release.to || entitlement.design != good.design.design {
            return Err(format!(
                "{} released under {}, which is not {}'s for {}",
                good.id, entitlement.id, release.to, good.design
            ));
        }
    }
    for entitlement in distribution.entitlements() {
        let used = distribution.used(entitlement.id);
        if used > entitlement.qty {
            return Err(format!("{} covers {} goods but {used} were released", entitlement.id, entitlement.qty));
        }
    }
    Ok(())
}
