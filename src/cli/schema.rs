//! `complaint-rules schema`: prints the case JSON Schema.

use complaint_rules::case::schema::CASE_SCHEMA;

/// Runs the subcommand.
pub fn run() -> Result<(), Box<dyn std::error::Error>> {
    print!("{CASE_SCHEMA}");
    Ok(())
}
