//! Booking, changing, cancelling, adding and removing party members, and seat holds: one
//! file per use case, over the seat ledger (`service::ledger`), the history writer
//! (`history`) and the party rules (`rules`).
//!
//! Every mutation is one transaction that (1) locks the reservation it changes (or, for a
//! new booking, the contact keys it counts against), (2) moves seats only through the seat
//! ledger, which derives the band from the locked row, (3) checks the booking window and
//! the "at most N" rules against what it locked, and (4) writes its history row before
//! committing (DESIGN.md invariants 1, 2 and 4). Transient failures (serialization,
//! deadlock, a busy SQLite) run the transaction again a bounded number of times.

mod attendance;
mod change;
mod create;
mod desk;
pub mod error;
mod history;
mod holds;
mod members;
mod rules;

pub use attendance::record_attendance;
pub use change::{cancel, change_slot};
pub use create::{Created, create};
pub use desk::{BookingDesk, BookingLimits, ChangeDesk, Requester};
pub use error::BookingError;
pub use holds::{HeldSeats, hold_seats, release_hold, sweep_expired_holds};
pub use members::{add_member, remove_member};
