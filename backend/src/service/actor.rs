//! Who is acting: a citizen (no account) or a member of staff. The actor decides the
//! channel and the actor kind written to history, never the request body (R7.4-エ).

use madoguchi_shared::dto::reservation::{ActorKind, Channel};
use madoguchi_shared::dto::staff::StaffRole;

/// The caller of a use case.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Actor {
    /// A citizen on the web.
    Citizen,
    /// A signed-in member of staff.
    Staff {
        /// Account id.
        id: i64,
        /// Current role.
        role: StaffRole,
    },
}

impl Actor {
    /// A city administrator, as the contract-end export and purge name the one who ran them.
    pub fn city_admin(id: i64) -> Actor {
        Actor::Staff {
            id,
            role: StaffRole::CityAdmin,
        }
    }

    /// The kind recorded in history.
    pub fn kind(self) -> ActorKind {
        match self {
            Actor::Citizen => ActorKind::Citizen,
            Actor::Staff { role, .. } if role.is_call_center() => ActorKind::CallCenter,
            Actor::Staff { .. } => ActorKind::City,
        }
    }

    /// The channel of what this actor books: the web for citizens, the phone for the call
    /// center, the counter for city staff.
    pub fn channel(self) -> Channel {
        match self.kind() {
            ActorKind::Citizen => Channel::Web,
            ActorKind::CallCenter => Channel::Phone,
            ActorKind::City | ActorKind::System => Channel::Counter,
        }
    }

    /// The staff account, if staff.
    pub fn staff_id(self) -> Option<i64> {
        match self {
            Actor::Citizen => None,
            Actor::Staff { id, .. } => Some(id),
        }
    }

    /// Staff may book after the citizens' window closes (same-day counter and phone
    /// bookings); nobody books the past.
    pub fn bound_by_window(self) -> bool {
        matches!(self, Actor::Citizen)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn r7_4_e_the_actor_kind_follows_the_identity() {
        assert_eq!(Actor::Citizen.kind(), ActorKind::Citizen);
        let operator = Actor::Staff {
            id: 1,
            role: StaffRole::Operator,
        };
        assert_eq!(operator.kind(), ActorKind::CallCenter);
        assert_eq!(operator.channel(), Channel::Phone);
        let supervisor = Actor::Staff {
            id: 2,
            role: StaffRole::CallCenterSupervisor,
        };
        assert_eq!(supervisor.kind(), ActorKind::CallCenter);
        let city = Actor::Staff {
            id: 3,
            role: StaffRole::CityStaff,
        };
        assert_eq!(city.kind(), ActorKind::City);
        assert_eq!(city.channel(), Channel::Counter);
    }
}
