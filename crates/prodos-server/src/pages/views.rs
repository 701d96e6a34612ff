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
use prodos_app::queries;
use prodos_app::views::design_score::DesignScoreView;
use prodos_app::views::{BomNode, DesignDetail, DesignSummary, LedgerEntryView, LotView, MaterialView, SupplierView};
use prodos_core::DesignSelector;

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
    let counts = queries::counts(&state.node);
    render(&OverviewPage {
        chrome: Chrome::new(&state, Some(&principal), true),
        n_designs: counts.designs,
        n_materials: counts.materials,
        n_lots: counts.lots,
        n_suppliers: counts.suppliers,
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
    let designs = queries::designs(&state.node);
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
    /// `yes`, `yes, with TOOLS`, `no`, or empty when the design does not say (and for modules).
    replaceable: String,
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
            replaceable: match (node.replaceable, node.repair_tools.is_empty()) {
                (Some(true), true) => "yes".into(),
                (Some(true), false) => format!("yes, with {}", node.repair_tools.join(", ")),
                (Some(false), _) => "no".into(),
                (None, _) => String::new(),
            },
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
    /// `/designs/DES-0001/quality`: its charts span every version.
    quality_href: String,
    /// This version's lifetime score.
    score: Option<DesignScoreView>,
}

pub async fn design(
    State(state): State<AppState>,
    Extension(principal): Extension<Principal>,
    ApiPath(design): ApiPath<String>,
) -> Result<Response, ApiError> {
    let axum::Json(design) = crate::api::designs::show(State(state.clone()), ApiPath(design)).await?;
    let mut bom = Vec::new();
    flatten(&design.bom, 0, &mut bom);
    let selector: Option<DesignSelector> = design.id.parse().ok();
    let cost = selector.and_then(|selector| prodos_app::planning::design_cost_view(&state.node, selector, 1).ok());
    let score = selector.and_then(|selector| queries::design_score(&state.node, selector, state.now()).ok());
    let quality_href = format!("/designs/{}/quality", design.id.split('@').next().unwrap_or(&design.id));
    let chrome = Chrome::new(&state, Some(&principal), true);
    render(&DesignPage { chrome, design, bom, cost, quality_href, score })
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
        let (materials, lots, suppliers) =
            (queries::materials(&state.node), queries::lots(&state.node), queries::suppliers(&state.node));
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
    let (check, entries) = state
        .blocking(|state| {
            let check = queries::check_chain(&state.node);
            let entries = queries::latest_entries(&state.node, AUDIT_PAGE_ENTRIES).map_err(ApiError::internal)?;
            Ok((check, entries))
        })
        .await?;
    let (intact, verified_events, failure) = match check.first_bad_seq {
        None => (true, check.events, String::new()),
        Some(seq) => (false, 0, format!("first bad entry is seq {seq}: {}", check.reason.unwrap_or_default())),
    };
    render(&AuditPage {
        chrome: Chrome::new(&state, Some(&principal), true),
        intact,
        verified_events,
        failure,
        entries,
    })
}
