//! Reservations: booking, the citizen's own reservation, and staff lists.

pub mod add_member;
pub mod attendance;
pub mod cancel;
pub mod change;
pub mod create;
pub mod day_sheet;
pub mod export;
pub mod get;
pub mod history;
pub mod lookup;
pub mod remove_member;
pub mod search;
