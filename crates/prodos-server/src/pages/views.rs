//! The read pages: overview, designs, a design's BOM tree and build sequence, stock with lots and
//! suppliers, and the audit log with the chain's verification status.

use crate::api::extract::ApiPath;
use crate::auth::Principal;
use crate::error::ApiError;
use crate::pages::{Chrome, cached_page, render, render_bytes};
use crate::state::AppState;
use askama::Template;
use axum::Extension;
use axum::extract::State;
use axum::response::Response;
use prodos_app::views::{BomNode, DesignDetail, DesignSummary, LedgerEntryView, LotView, MaterialView, SupplierView};

/// How many of the latest entries the audit page shows.
const AUDIT_PAGE_ENTRIES: u64 = 100;

#[derive(Template)]
#[template(path = "overview.html")]
struct OverviewPage {
    chrome: Chrome,
    n_designs: usize,
    n_materials: usize,
    n_lots: usize,
    n_suppliers: usize,
}

pub async fn overview(
    State(state): State<AppState>,
    Extension(principal): Extension<Principal>,
) -> Result<Response, ApiError> {
    let (n_designs, n_materials, n_lots, n_suppliers) = state.node.read(|node_state| {
        (
            node_state.designs.iter().count(),
            node_state.stock.materials().count(),
            node_state.stock.lots().count(),
            node_state.suppliers.iter().count(),
        )
    });
    render(&OverviewPage {
        chrome: Chrome::new(&state, Some(&principal), true),
        n_designs,
        n_materials,
        n_lots,
        n_suppliers,
    })
}

#[derive(Template)]
#[template(path = "designs.html")]
struct DesignsPage {
    chrome: Chrome,
    designs: Vec<DesignSummary>,
}

pub async fn designs(
    State(state): State<AppState>,
    Extension(principal): Extension<Principal>,
) -> Result<Response, ApiError> {
    let designs = state.node.read(|node_state| node_state.designs.iter().map(DesignSummary::of).collect());
    render(&DesignsPage { chrome: Chrome::new(&state, Some(&principal), true), designs })
}

/// One row of the flattened BOM tree; `depth` indents it.
struct BomRow {
    depth: usize,
    kind: &'static str,
    id: String,
    name: String,
    qty: String,
    unit: String,
    material: String,
    scrap: String,
}

fn flatten(nodes: &[BomNode], depth: usize, rows: &mut Vec<BomRow>) {
    for node in nodes {
        rows.push(BomRow {
            depth,
            kind: node.kind,
            id: node.id.clone(),
            name: node.name.clone(),
            qty: node.qty.clone(),
            unit: node.unit.clone().unwrap_or_default(),
            material: node.material.clone().unwrap_or_default(),
            scrap: node.scrap_pct.filter(|pct| *pct > 0.0).map(|pct| pct.to_string()).unwrap_or_default(),
        });
        flatten(&node.children, depth + 1, rows);
    }
}

#[derive(Template)]
#[template(path = "design.html")]
struct DesignPage {
    chrome: Chrome,
    design: DesignDetail,
    bom: Vec<BomRow>,
    /// One unit priced now (lot cost or cheapest offer, the node's rates); the page reloads it
    /// when the ledger moves. `None` when it cannot be priced at all.
    cost: Option<prodos_app::views::CostView>,
}

pub async fn design(
    State(state): State<AppState>,
    Extension(principal): Extension<Principal>,
    ApiPath(design): ApiPath<String>,
) -> Result<Response, ApiError> {
    let axum::Json(design) = crate::api::designs::show(State(state.clone()), ApiPath(design)).await?;
    let mut bom = Vec::new();
    flatten(&design.bom, 0, &mut bom);
    let cost = design
        .id
        .parse()
        .ok()
        .and_then(|selector| prodos_app::planning::design_cost_view(&state.node, selector, 1).ok());
    render(&DesignPage { chrome: Chrome::new(&state, Some(&principal), true), design, bom, cost })
}

#[derive(Template)]
#[template(path = "stock.html")]
struct StockPage {
    chrome: Chrome,
    materials: Vec<MaterialView>,
    lots: Vec<LotView>,
    suppliers: Vec<SupplierView>,
}

pub async fn stock(
    State(state): State<AppState>,
    Extension(principal): Extension<Principal>,
) -> Result<Response, ApiError> {
    // Every lot and its provenance: heavy enough on a long-lived node to be worth the page cache.
    cached_page(&state, &principal, "/stock".into(), || {
        let (materials, lots, suppliers) = state.node.read(|node_state| {
            (
                node_state.stock.materials().map(|material| MaterialView::of(node_state, material)).collect(),
                node_state.stock.lots().map(|lot| LotView::of(node_state, lot)).collect(),
                node_state.suppliers.iter().map(SupplierView::of).collect(),
            )
        });
        render_bytes(&StockPage { chrome: Chrome::new(&state, Some(&principal), true), materials, lots, suppliers })
    })
}

#[derive(Template)]
#[template(path = "audit.html")]
struct AuditPage {
    chrome: Chrome,
    intact: bool,
    verified_events: u64,
    failure: String,
    entries: Vec<LedgerEntryView>,
}

pub async fn audit(
    State(state): State<AppState>,
    Extension(principal): Extension<Principal>,
) -> Result<Response, ApiError> {
    let (verification, entries) = state
        .blocking(|state| {
            let verification = prodos_ledger::check_chain(state.node.store());
            let since = state.node.head().seq.saturating_sub(AUDIT_PAGE_ENTRIES - 1).max(1);
            let mut entries = Vec::new();
            state
                .node
                .store()
                .scan(since, &mut |entry| {
                    entries.push(LedgerEntryView::of(&entry));
                    Ok(())
                })
                .map_err(ApiError::internal)?;
            // Newest first: the page is read from the top.
            entries.reverse();
            Ok((verification, entries))
        })
        .await?;
    let (intact, verified_events, failure) = match verification {
        Ok(report) => (true, report.events, String::new()),
        Err(failure) => (false, 0, format!("first bad entry is seq {}: {}", failure.first_bad_seq, failure.reason)),
    };
    render(&AuditPage {
        chrome: Chrome::new(&state, Some(&principal), true),
        intact,
        verified_events,
        failure,
        entries,
    })
}
