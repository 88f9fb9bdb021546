//! `complaint-rules serve [--addr 127.0.0.1:8080] [--db cases.sqlite] [--www www/] [--pkg pkg/] [--body-timeout 15]`:
//! the reference intake backend.

use std::path::PathBuf;

use crate::server::{self, Config};

/// Arguments of `serve`.
#[derive(clap::Args)]
pub struct Args {
    /// Listen address (port 0 picks a free port; the chosen one is printed).
    #[arg(long, default_value = "127.0.0.1:8080")]
    addr: String,
    /// SQLite file for accepted cases (created when missing; WAL mode).
    #[arg(long, default_value = "cases.sqlite")]
    db: PathBuf,
    /// Directory of the demo page, served at `/`.
    #[arg(long, default_value = "www")]
    www: PathBuf,
    /// Directory of the built JS shell, served at `/pkg/`.
    #[arg(long, default_value = "pkg")]
    pkg: PathBuf,
    /// Seconds a client may take to send a request body before it is answered 408.
    #[arg(long, default_value_t = 15)]
    body_timeout: u64,
    /// Bearer token for the staff routes (POST /v1/cases/{id}/events, GET /v1/queue); without
    /// it they answer 403. Until the intake issue's access control lands.
    #[arg(long)]
    staff_token: Option<String>,
}

/// Runs the subcommand.
pub fn run(args: Args) -> Result<(), Box<dyn std::error::Error>> {
    server::run(&Config {
        addr: args.addr,
        db: args.db,
        www: args.www,
        pkg: args.pkg,
        body_timeout: std::time::Duration::from_secs(args.body_timeout),
        staff_token: args.staff_token,
    })
}
