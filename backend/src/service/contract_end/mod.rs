//! Contract end (R13.3): every piece of personal data handed back to the city as one
//! documented archive, then removed, with a report of what was removed and a re-count
//! proving nothing is left.

mod archive;
mod purge;
mod tables;

use madoguchi_shared::dto::staff::StaffRole;

use crate::service::actor::Actor;

pub use archive::{Archive, export};
pub use purge::purge;

/// The words the administrator types to confirm the purge.
pub const CONFIRMATIONS: [&str; 2] = ["全件削除", "PURGE ALL"];

/// The administrator exporting or purging, as history and the audit trail name them.
fn admin(admin_id: i64) -> Actor {
    Actor::Staff {
        id: admin_id,
        role: StaffRole::CityAdmin,
    }
}
