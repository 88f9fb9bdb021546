//! The `complaint-rules` command line: batch validation (and later classification, deadlines,
//! previews and the reference server) over JSON lines.

mod cli;
mod server;

fn main() -> std::process::ExitCode {
    cli::run()
}
