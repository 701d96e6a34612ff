//! Starting the server: open the data directory, seed the demo when asked, bind, and serve until
//! Ctrl-C or SIGTERM, finishing requests in flight.

use crate::app::app;
use crate::auth::store::AccountStore;
use crate::demo::{self, DemoLogin};
use crate::error::ApiError;
use crate::state::{AppState, ServerConfig};
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;

#[derive(Debug, Clone)]
pub struct ServeOptions {
    pub data_dir: PathBuf,
    pub addr: SocketAddr,
    /// Seed an empty ledger with a demo and create its logins (`prodos serve --demo`).
    pub demo: Option<Demo>,
    pub config: ServerConfig,
}

/// A demo to seed into an empty ledger, and the (handle, role) logins it comes with. The server
/// knows no demo of its own; the CLI passes `prodos_demo`'s.
#[derive(Debug, Clone)]
pub struct Demo {
    pub seed: fn(&prodos_app::Node, prodos_core::Timestamp) -> Result<(), prodos_app::NodeError>,
    pub logins: &'static [(&'static str, &'static str)],
}

fn startup(reason: impl std::fmt::Display) -> ApiError {
    ApiError::Startup { reason: reason.to_string() }
}

/// Blocks until the server stops.
pub fn run(options: ServeOptions) -> Result<(), ApiError> {
    let node = prodos_app::data_dir::open(&options.data_dir).map_err(startup)?;
    let accounts = AccountStore::open(&options.data_dir)?;
    let mut logins: Vec<DemoLogin> = Vec::new();
    if let Some(chosen) = &options.demo {
        let now = prodos_app::clock::now();
        if node.head().seq == 0 {
            (chosen.seed)(&node, now).map_err(startup)?;
            println!("demo seeded into {}", options.data_dir.display());
        }
        logins = demo::ensure_accounts(&accounts, &options.data_dir, chosen.logins, now.millis())?;
    }
    let no_accounts = accounts.count()? == 0;
    let state = AppState::new(Arc::new(node), accounts, options.config);
    let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build().map_err(startup)?;
    runtime.block_on(async move {
        let listener = tokio::net::TcpListener::bind(options.addr)
            .await
            .map_err(|error| startup(format!("{}: {error}", options.addr)))?;
        let local = listener.local_addr().map_err(startup)?;
        println!("prodos serving {} at http://{local}/", options.data_dir.display());
        println!("  API description: http://{local}/api/openapi.json");
        for login in &logins {
            println!("  login {:<12} password {}  ({})", login.handle, login.password, login.role.as_str());
        }
        if no_accounts {
            println!("  no accounts yet: create the first with `prodos account add HANDLE --role admin`");
        }
        // Writes by the CLI or another process on the same data directory reach pages too.
        tokio::spawn(crate::follow::follow(state.clone()));
        let service = app(state).into_make_service_with_connect_info::<SocketAddr>();
        axum::serve(listener, service).with_graceful_shutdown(shutdown_signal()).await.map_err(startup)
    })
}

async fn shutdown_signal() {
    let ctrl_c = async {
        if tokio::signal::ctrl_c().await.is_err() {
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = terminate => {},
    }
}
