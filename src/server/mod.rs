//! The reference intake backend (`complaint-rules serve`): accepts envelopes from the JS shell,
//! re-validates them natively, stores accepted cases (SQLite or PostgreSQL, personal data
//! sealed), serves complainants their case by access token, staff by account and role, and the
//! demo page. Native only: part of the binary, never of the library or the wasm build.
//! Nothing here assumes the process is alone: every decision that must hold across processes
//! (idempotency, sequence numbers, rate limits) is made by the database.

mod auth;
mod crypto;
mod edges;
mod envelope;
mod error;
mod events;
mod routes;
mod secrets;
mod staff;
pub mod store;

use std::io::Write;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use axum::routing::{get, post};
use axum::Router;
use chrono::{TimeDelta, Utc};
use complaint_rules::engine::{china_offset, Engine};
use tower_http::services::ServeDir;

pub use auth::Role;
pub use crypto::KeyRing;
pub use secrets::{new_id, new_token, token_hash};

use store::Store;

/// What the envelope adds around its case, at most: the preview summary, pack, keys and times.
const ENVELOPE_OVERHEAD: usize = 64 * 1024;

/// Where and what to serve.
#[derive(Debug, Clone)]
pub struct Config {
    /// Listen address, e.g. `127.0.0.1:8080` (port 0 picks a free one).
    pub addr: String,
    /// The database: a SQLite file path or a `postgres://` URL.
    pub db: String,
    /// PostgreSQL connections per process.
    pub pool_size: usize,
    /// The demo page directory, served at `/`.
    pub www: PathBuf,
    /// The built JS shell, served at `/pkg/`.
    pub pkg: PathBuf,
    /// How long a client may take to send a request body; a trickling client gets 408.
    pub body_timeout: Duration,
    /// Where the case key ring is.
    pub keys: KeySource,
    /// Accepted posts per client address per minute (0: no limit).
    pub rate_limit: u32,
    /// Origins allowed to call the API from the browser (CORS).
    pub cors_origins: Vec<String>,
    /// How far the client's clock may be from the server's.
    pub max_skew: TimeDelta,
}

/// Where the key ring comes from.
#[derive(Debug, Clone)]
pub enum KeySource {
    /// A file (created with one fresh key when missing and `generate` is set).
    File {
        /// The file.
        path: PathBuf,
        /// Create it when missing.
        generate: bool,
    },
    /// An environment variable holding the ring.
    Env(String),
}

/// Shared state of the handlers.
#[derive(Debug)]
pub struct App {
    /// The rules engine with every embedded pack.
    pub engine: Engine,
    /// The case database.
    pub store: Arc<dyn Store>,
    /// The key ring sealing personal data.
    pub keys: KeyRing,
    /// Longest time to receive a request body.
    pub body_timeout: Duration,
    /// Largest accepted request body.
    pub body_limit: usize,
    /// Accepted posts per client per minute (0: none).
    pub rate_limit: u32,
    /// Largest clock difference accepted.
    pub max_skew: TimeDelta,
}

/// The largest case any embedded pack accepts plus the envelope's own overhead.
pub fn body_limit(engine: &Engine) -> usize {
    let today = Utc::now().with_timezone(&china_offset()).date_naive();
    let largest = engine
        .packs()
        .iter()
        .filter_map(|(id, _, from)| engine.pack(Some(id), (*from).max(today)).ok())
        .map(|p| p.limits.max_case_bytes)
        .max()
        .unwrap_or(0);
    largest.saturating_add(ENVELOPE_OVERHEAD)
}

/// Reads (or, when allowed, creates) the key ring.
pub fn load_keys(source: &KeySource) -> Result<KeyRing, crypto::CryptoError> {
    match source {
        KeySource::Env(var) => KeyRing::from_env(var),
        KeySource::File { path, generate } => {
            if *generate && !path.exists() {
                KeyRing::generate_file(path)?;
                eprintln!(
                    "serve: no case key given: generated {} (keep it with the database; without it the sealed personal data cannot be read)",
                    path.display()
                );
            }
            KeyRing::from_file(path)
        }
    }
}

/// The router over a ready state.
fn router(app: Arc<App>, config: &Config) -> Router {
    let mut router = Router::new()
        .route("/healthz", get(routes::healthz))
        .route("/v1/cases", post(routes::post_case))
        .route("/v1/cases/{id}", get(routes::get_case))
        .route("/v1/validate", post(routes::post_validate))
        .route("/v1/staff/cases/{id}", get(staff::get_case))
        .route("/v1/cases/{id}/events", post(events::post_event).get(events::get_events))
        .route("/v1/cases/{id}/status", get(events::get_status))
        .route("/v1/queue", get(events::get_queue))
        .route("/v1/staff/audit", get(staff::get_audit))
        .with_state(app)
        .nest_service("/pkg", ServeDir::new(&config.pkg))
        .fallback_service(ServeDir::new(&config.www))
        .layer(edges::cors(&config.cors_origins));
    for layer in edges::security_headers() {
        router = router.layer(layer);
    }
    router
}

/// The default key file of a SQLite database: beside it, `FILE.key`.
pub fn default_key_file(db: &Path) -> PathBuf {
    let mut name = db.as_os_str().to_owned();
    name.push(".key");
    PathBuf::from(name)
}

/// Opens the database, binds, prints `listening on http://ADDR` on stdout and serves until
/// Ctrl-C.
pub fn run(config: &Config) -> Result<(), Box<dyn std::error::Error>> {
    let keys = load_keys(&config.keys)?;
    let engine = Engine::new()?;
    let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build()?;
    runtime.block_on(async {
        let store = store::open(&config.db, config.pool_size).await?;
        let app = Arc::new(App {
            body_limit: body_limit(&engine),
            engine,
            store,
            keys,
            body_timeout: config.body_timeout,
            rate_limit: config.rate_limit,
            max_skew: config.max_skew,
        });
        let listener = tokio::net::TcpListener::bind(&config.addr).await?;
        let addr = listener.local_addr()?;
        let mut out = std::io::stdout();
        writeln!(out, "listening on http://{addr}")?;
        out.flush()?;
        eprintln!(
            "serve: db {} www {} pkg {} key {} body limit {} B",
            if store::is_postgres(&config.db) { "postgres" } else { config.db.as_str() },
            config.www.display(),
            config.pkg.display(),
            app.keys.current_id(),
            app.body_limit,
        );
        let service = router(app, config).into_make_service_with_connect_info::<SocketAddr>();
        axum::serve(listener, service)
            .with_graceful_shutdown(async {
                let _ = tokio::signal::ctrl_c().await;
            })
            .await?;
        Ok(())
    })
}
