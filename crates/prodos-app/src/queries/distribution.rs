//! Distribution queries: goods produced and where they went, and entitlements.

use crate::Node;
use crate::views::people::{EntitlementView, GoodView};

/// Every good, with its origin, cost and release.
pub fn goods(node: &Node) -> Vec<GoodView> {
    node.read(|state| state.distribution.goods().map(|good| GoodView::of(&state.distribution, good)).collect())
}

/// Every entitlement with what is left of it.
pub fn entitlements(node: &Node) -> Vec<EntitlementView> {
    node.read(|state| {
        state
            .distribution
            .entitlements()
            .map(|entitlement| EntitlementView::of(&state.distribution, entitlement))
            .collect()
    })
}
