//! Stock and supplier queries: materials with their totals, lots with provenance, suppliers, and
//! the counts the overview page shows.

use crate::Node;
use crate::views::{LotView, MaterialView, SupplierView};

/// How much the node holds, at a glance.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NodeCounts {
    pub designs: usize,
    pub materials: usize,
    pub lots: usize,
    pub suppliers: usize,
}

pub fn counts(node: &Node) -> NodeCounts {
    node.read(|state| NodeCounts {
        designs: state.designs.iter().count(),
        materials: state.stock.materials().count(),
        lots: state.stock.lots().count(),
        suppliers: state.suppliers.iter().count(),
    })
}

/// Every material with its on-hand, reserved and available totals.
pub fn materials(node: &Node) -> Vec<MaterialView> {
    node.read(|state| state.stock.materials().map(|material| MaterialView::of(state, material)).collect())
}

/// Every lot with its provenance.
pub fn lots(node: &Node) -> Vec<LotView> {
    node.read(|state| state.stock.lots().map(|lot| LotView::of(state, lot)).collect())
}

/// Every supplier with its catalog.
pub fn suppliers(node: &Node) -> Vec<SupplierView> {
    node.read(|state| state.suppliers.iter().map(SupplierView::of).collect())
}
