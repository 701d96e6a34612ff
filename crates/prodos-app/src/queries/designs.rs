//! Design queries: the catalog, one version's detail, and its TOML export.

use crate::Node;
use crate::views::{DesignDetail, DesignSummary};
use prodos_core::design::decide::resolve;
use prodos_core::design::{DesignRecord, DesignVersion};
use prodos_core::{DesignRef, DesignSelector, Rejection, State};

/// Every design with its latest version, in id order.
pub fn designs(node: &Node) -> Vec<DesignSummary> {
    node.read(|state| state.designs.iter().map(DesignSummary::of).collect())
}

/// One version (`DES-0001` means the latest) with its BOM tree and build sequence.
pub fn design_detail(node: &Node, selector: DesignSelector) -> Result<DesignDetail, Rejection> {
    node.read(|state| {
        let (_, record, version) = selected(state, selector)?;
        Ok(DesignDetail::of(record, version))
    })
}

/// One version as the design TOML it can be imported from again.
pub fn design_export(node: &Node, selector: DesignSelector) -> Result<String, Rejection> {
    node.read(|state| {
        let (design, _, version) = selected(state, selector)?;
        Ok(prodos_formats::export_design(&version.spec, Some(design)))
    })
}

pub(crate) fn selected(
    state: &State,
    selector: DesignSelector,
) -> Result<(DesignRef, &DesignRecord, &DesignVersion), Rejection> {
    let design = resolve(&state.designs, selector)?;
    // `resolve` only answers with versions that exist.
    let record = state.designs.get(design.design).expect("resolved designs exist");
    let version = record.version(design.version).expect("resolved versions exist");
    Ok((design, record, version))
}
