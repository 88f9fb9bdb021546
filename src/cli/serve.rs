//! `complaint-rules serve [--addr 127.0.0.1:8080] [--db cases.sqlite | --db postgres://…]
//! [--key-file F | --key-env VAR] [--rate-limit N] [--cors-origin O]… [--max-clock-skew MIN]
//! [--www www/] [--pkg pkg/] [--body-timeout 15]`: the reference intake backend.

use std::path::PathBuf;

use crate::server::{self, Config, KeySource};

/// Arguments of `serve`.
#[derive(clap::Args)]
pub struct Args {
    /// Listen address (port 0 picks a free port; the chosen one is printed).
    #[arg(long, default_value = "127.0.0.1:8080")]
    addr: String,
    /// The database: a SQLite file (created when missing; WAL mode) or a postgres:// URL
    /// (several processes may share it).
    #[arg(long, default_value = "cases.sqlite")]
    db: String,
    /// PostgreSQL connections per process.
    #[arg(long, default_value_t = 16)]
    pool_size: usize,
    /// Key ring file sealing personal data (`ID:HEX` lines, the last one seals). With SQLite
    /// and no key option, `DB.key` is used and generated when missing.
    #[arg(long, conflicts_with = "key_env")]
    key_file: Option<PathBuf>,
    /// Environment variable holding the key ring instead of a file.
    #[arg(long)]
    key_env: Option<String>,
    /// Create the --key-file with one fresh key when it is missing.
    #[arg(long)]
    generate_key: bool,
    /// Accepted POST /v1/cases per client address per minute, across all processes (0: off).
    #[arg(long, default_value_t = 60)]
    rate_limit: u32,
    /// An origin allowed to call the API from a browser page (repeatable), e.g.
    /// https://shop.example.
    #[arg(long = "cors-origin")]
    cors_origins: Vec<String>,
    /// Minutes the client's clock may be away from the server's.
    #[arg(long, default_value_t = 24 * 60)]
    max_clock_skew: i64,
    /// Directory of the demo page, served at `/`.
    #[arg(long, default_value = "www")]
    www: PathBuf,
    /// Directory of the built JS shell, served at `/pkg/`.
    #[arg(long, default_value = "pkg")]
    pkg: PathBuf,
    /// Seconds a client may take to send a request body before it is answered 408.
    #[arg(long, default_value_t = 15)]
    body_timeout: u64,
}

/// Runs the subcommand.
pub fn run(args: Args) -> Result<(), Box<dyn std::error::Error>> {
    let keys = match (args.key_env, args.key_file) {
        (Some(var), _) => KeySource::Env(var),
        (None, Some(path)) => KeySource::File { path, generate: args.generate_key },
        (None, None) if server::store::is_postgres(&args.db) => {
            return Err("with PostgreSQL a case key is required: --key-file or --key-env".into())
        }
        (None, None) => KeySource::File {
            path: server::default_key_file(std::path::Path::new(&args.db)),
            generate: true,
        },
    };
    server::run(&Config {
        addr: args.addr,
        db: args.db,
        pool_size: args.pool_size,
        www: args.www,
        pkg: args.pkg,
        body_timeout: std::time::Duration::from_secs(args.body_timeout),
        keys,
        rate_limit: args.rate_limit,
        cors_origins: args.cors_origins,
        max_skew: chrono::TimeDelta::minutes(args.max_clock_skew.max(0)),
    })
}
