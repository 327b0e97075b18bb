//! Daily and monthly reports (R9.1, R9.2): per location, what was booked through which
//! channel, for which procedure, changes, cancellations, visits, no-shows and how full the
//! counter was; the inquiry log by category; and the call center's answer rate against
//! the 80 % target (R4.5) from the imported call records.
//!
//! Figures are computed from the rows of the period in one pass per table, in memory: a
//! month of one city's counter is a few thousand rows.

mod call_records;
mod figures;
mod files;
mod period;
mod snapshots;

pub use call_records::import_call_records;
pub use figures::compute;
pub use files::{csv, xlsx};
pub use period::{japan_day_of, japan_day_start};
pub use snapshots::{generate_snapshot, snapshot};
