//! Checksummed identifiers: the resident identity number (GB 11643) and the unified social
//! credit code (GB 32100).

pub mod resident_id;
pub mod uscc;
