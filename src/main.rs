//! The `complaint-rules` command line: batch validation (and later classification, deadlines,
//! previews and the reference server) over JSON lines.
#![deny(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

mod cli;
mod server;

fn main() -> std::process::ExitCode {
    cli::run()
}
