//! prodos-server: the HTTP face of one node. A JSON API described by OpenAPI, access control
//! (accounts, sessions, API tokens, roles), and the layers that keep bad input a 4xx. It parses
//! requests, reads the clock, calls prodos-app, and answers with its wire views.

pub mod api;
pub mod app;
pub mod auth;
pub mod cache;
pub mod demo;
mod error;
pub mod follow;
pub mod guard;
mod json_body;
pub mod openapi;
pub mod pages;
pub mod routes;
pub mod serve;
pub mod state;

pub use app::app;
pub use error::{ApiError, ErrorBody};
pub use state::{AppState, ServerConfig};
