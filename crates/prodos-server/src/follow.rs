//! Following the ledger: other processes append to the same data directory (the CLI, a script
//! on the store, a second server), and the server folds their entries in and tells live pages,
//! so nobody reads a state older than the ledger for longer than one look. Accounts another
//! process disabled, gave a new role or a new password lose their sessions here.

use crate::error::ApiError;
use crate::state::AppState;
use std::time::Duration;

/// How often the server looks at the store's head: a cheap read, so twice a second.
pub const FOLLOW_EVERY: Duration = Duration::from_millis(500);

/// One look: folds in whatever others appended and, if the head moved, announces it to live
/// pages. Returns whether it moved.
pub async fn catch_up(state: &AppState) -> Result<bool, ApiError> {
    let before = state.node.head().seq;
    state.blocking(|state| Ok(state.node.refresh()?)).await?;
    let moved = state.node.head().seq != before;
    if moved {
        // The host operator may have disabled an account, changed its role or reset its password
        // from the CLI: sessions carry the role they were started with, and a reset is how a
        // taken-over account is won back, so that account's sessions end.
        let handles =
            state.blocking(move |state| Ok(prodos_app::queries::sessions_ended_since(&state.node, before)?)).await?;
        for handle in handles {
            state.sessions.end_all_of(&handle);
        }
        state.announce();
    }
    Ok(moved)
}

/// Looks every [`FOLLOW_EVERY`] for as long as the server runs.
pub async fn follow(state: AppState) {
    let mut ticker = tokio::time::interval(FOLLOW_EVERY);
    ticker.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Skip);
    loop {
        ticker.tick().await;
        if let Err(error) = catch_up(&state).await {
            tracing::warn!(%error, "could not read the ledger's head; trying again");
        }
    }
}
