//! Contract end (R13.3): every piece of personal data handed back to the city as one
//! documented archive, then removed, with a report of what was removed and a re-count
//! proving nothing is left.

mod archive;
mod purge;
mod tables;

pub use archive::{Archive, export};
pub use purge::{CONFIRMATIONS, purge};
