//! `complaint-rules staff add NAME --role staff|admin [--db cases.sqlite | postgres://…]`:
//! creates a staff account and prints its bearer token once (only its hash is stored).

use std::io::Write;

use chrono::{SecondsFormat, Utc};
use complaint_rules::engine::china_offset;

use crate::server::store::{self, Staff};
use crate::server::{new_id, new_token, token_hash, Role};

/// `staff` subcommands.
#[derive(clap::Subcommand)]
pub enum Command {
    /// Add an account and print its token (shown once; keep it).
    Add(AddArgs),
}

/// Arguments of `staff add`.
#[derive(clap::Args)]
pub struct AddArgs {
    /// Unique account name.
    name: String,
    /// The account's role.
    #[arg(long, value_enum)]
    role: Role,
    /// The database (as for `serve`).
    #[arg(long, default_value = "cases.sqlite")]
    db: String,
}

/// Runs the subcommand.
pub fn run(command: Command) -> Result<(), Box<dyn std::error::Error>> {
    let Command::Add(args) = command;
    let token = new_token("crs")?;
    let staff = Staff {
        id: new_id("staff")?,
        name: args.name,
        role: args.role.as_str().to_string(),
        created_at: Utc::now()
            .with_timezone(&china_offset())
            .to_rfc3339_opts(SecondsFormat::Secs, false),
    };
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build()?;
    runtime.block_on(async {
        let store = store::open(&args.db, 1).await?;
        store.add_staff(&staff, &token_hash(&token)).await
    })?;
    let mut out = std::io::stdout();
    writeln!(out, "{token}")?;
    eprintln!(
        "staff: added {} ({}) as {}; the token above is shown only once",
        staff.name, staff.id, staff.role
    );
    Ok(())
}
