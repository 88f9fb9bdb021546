//! The reference intake backend (`complaint-rules serve`): accepts envelopes from the JS shell,
//! re-validates them natively, stores accepted cases in SQLite and serves the demo page.
//! Native only: part of the binary, never of the library or the wasm build.

mod envelope;
mod error;
mod event_store;
mod events;
mod routes;
mod store;

use std::io::Write;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use axum::routing::{get, post};
use axum::Router;
use complaint_rules::engine::Engine;
use tower_http::services::ServeDir;

use routes::App;
use store::Store;

/// Where and what to serve.
#[derive(Debug, Clone)]
pub struct Config {
    /// Listen address, e.g. `127.0.0.1:8080` (port 0 picks a free one).
    pub addr: String,
    /// The SQLite file.
    pub db: PathBuf,
    /// The demo page directory, served at `/`.
    pub www: PathBuf,
    /// The built JS shell, served at `/pkg/`.
    pub pkg: PathBuf,
    /// How long a client may take to send a request body; a trickling client gets 408.
    pub body_timeout: Duration,
    /// Bearer token of the staff routes (events, queue); none closes them.
    pub staff_token: Option<String>,
}

/// The router over a ready state.
fn router(app: Arc<App>, config: &Config) -> Router {
    Router::new()
        .route("/healthz", get(routes::healthz))
        .route("/v1/cases", post(routes::post_case))
        .route("/v1/cases/{id}", get(routes::get_case))
        .route("/v1/cases/{id}/events", post(events::post_event).get(events::get_events))
        .route("/v1/cases/{id}/status", get(events::get_status))
        .route("/v1/queue", get(events::get_queue))
        .with_state(app)
        .nest_service("/pkg", ServeDir::new(&config.pkg))
        .fallback_service(ServeDir::new(&config.www))
}

/// Opens the database, binds, prints `listening on http://ADDR` on stdout and serves until
/// Ctrl-C.
pub fn run(config: &Config) -> Result<(), Box<dyn std::error::Error>> {
    let store = Store::open(&config.db)?;
    store.open_events()?;
    let app = Arc::new(App {
        engine: Engine::new()?,
        store,
        body_timeout: config.body_timeout,
        staff_token: config.staff_token.clone().filter(|t| !t.is_empty()),
    });
    let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build()?;
    runtime.block_on(async {
        let listener = tokio::net::TcpListener::bind(&config.addr).await?;
        let addr = listener.local_addr()?;
        let mut out = std::io::stdout();
        writeln!(out, "listening on http://{addr}")?;
        out.flush()?;
        eprintln!(
            "serve: db {} www {} pkg {}",
            config.db.display(),
            config.www.display(),
            config.pkg.display()
        );
        axum::serve(listener, router(app, config))
            .with_graceful_shutdown(async {
                let _ = tokio::signal::ctrl_c().await;
            })
            .await?;
        Ok(())
    })
}
