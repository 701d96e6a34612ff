//! `/api/events`: server-sent events, one `appended` event with the new ledger head each time a
//! command is recorded, so open pages can reload what changed instead of polling.

use crate::state::AppState;
use axum::extract::State;
use axum::response::sse::{Event, KeepAlive, Sse};
use futures_util::Stream;
use std::convert::Infallible;
use tokio::sync::broadcast::error::RecvError;

#[utoipa::path(get, path = "/api/events", tag = "meta",
    responses((status = 200, content_type = "text/event-stream",
        description = "`event: appended` with `data: <head seq>` after every recorded command")))]
pub async fn events(State(state): State<AppState>) -> Sse<impl Stream<Item = Result<Event, Infallible>>> {
    let receiver = state.appended.subscribe();
    let stream = futures_util::stream::unfold(receiver, |mut receiver| async move {
        loop {
            match receiver.recv().await {
                Ok(head_seq) => {
                    let event = Event::default().event("appended").data(head_seq.to_string());
                    return Some((Ok(event), receiver));
                }
                // A slow page missed some heads; the next one tells it everything it needs.
                Err(RecvError::Lagged(_)) => continue,
                Err(RecvError::Closed) => return None,
            }
        }
    });
    Sse::new(stream).keep_alive(KeepAlive::default())
}
