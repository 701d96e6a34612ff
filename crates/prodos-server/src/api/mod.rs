//! The JSON API, one file per noun. Handlers parse input, call the node through `AppState`, and
//! answer with wire views; access is decided before they run (`guard`), from the route registry.

pub mod accounts;
pub mod audit;
pub mod calendar;
pub mod credits;
pub mod designs;
pub mod events;
pub mod extract;
pub mod goods;
pub mod imports;
pub mod improvements;
pub mod incoming;
pub mod maintenance;
pub mod mandates;
pub mod matching;
pub mod meta;
pub mod people;
pub mod plans;
pub mod quality;
pub mod resources;
pub mod safety;
pub mod session;
pub mod stock;
pub mod suppliers;
pub mod task_path;
pub mod tasks;
pub mod tokens;

use crate::auth::Principal;
use crate::error::ApiError;
use crate::state::AppState;
use axum::http::HeaderMap;
use prodos_app::Receipt;
use serde::Serialize;

pub const IDEMPOTENCY_HEADER: &str = "idempotency-key";

/// What a write did: the ledger entries it appended, or that it had been done before.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct ReceiptBody {
    /// True when this idempotency key had been used before: the first result, nothing written.
    pub replayed: bool,
    /// Ledger sequence numbers of the recorded events (empty when nothing changed).
    pub seqs: Vec<u64>,
    /// The kinds of the recorded events, e.g. `DesignCertified`.
    pub events: Vec<String>,
    pub head_seq: u64,
    pub head_hash: String,
}

impl ReceiptBody {
    pub fn of(receipt: &Receipt, state: &AppState) -> ReceiptBody {
        let head = state.node.head();
        ReceiptBody {
            replayed: receipt.replayed,
            seqs: receipt.seqs.clone(),
            events: receipt.events.iter().map(|event| event.kind().to_string()).collect(),
            head_seq: head.seq,
            head_hash: head.hash_hex(),
        }
    }
}

/// The ledger command id for a write: the caller's `Idempotency-Key` (namespaced by account, so
/// one account's key can never return another's result), or a fresh random id.
pub fn command_id(headers: &HeaderMap, principal: &Principal) -> Result<String, ApiError> {
    match headers.get(IDEMPOTENCY_HEADER) {
        Some(value) => {
            let key = value.to_str().unwrap_or("");
            let valid = (1..=128).contains(&key.len()) && key.bytes().all(|byte| byte.is_ascii_graphic());
            if !valid {
                return Err(ApiError::BadRequest {
                    code: "bad_idempotency_key",
                    message: "Idempotency-Key must be 1–128 visible ASCII characters".into(),
                    field: Some("Idempotency-Key".into()),
                });
            }
            Ok(format!("api:{}:{key}", principal.handle))
        }
        None => Ok(format!("api:{}:{}", principal.handle, crate::auth::secret::random_hex(16)?)),
    }
}

/// Executes a command for the caller and answers with its receipt.
pub async fn execute(
    state: &AppState,
    principal: &Principal,
    headers: &HeaderMap,
    command: prodos_core::Command,
) -> Result<axum::Json<ReceiptBody>, ApiError> {
    let command_id = command_id(headers, principal)?;
    let receipt = state.execute(command, principal.actor(), command_id).await?;
    Ok(axum::Json(ReceiptBody::of(&receipt, state)))
}
