//! History of reservations (R7.4-エ).

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::reservation::{ActorKind, Channel};

/// One recorded change.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct HistoryEntry {
    /// Entry id.
    pub id: i64,
    /// The reservation's number.
    #[cfg_attr(feature = "openapi", schema(example = "ACK7-9WXY"))]
    pub reservation_number: String,
    /// `create`, `change`, `cancel`, `member_add`, `member_remove`, `visit` or `no_show`.
    #[cfg_attr(feature = "openapi", schema(example = "change"))]
    pub action: String,
    /// Who: citizen, call center, city or system.
    pub actor_kind: ActorKind,
    /// The staff member's name, when staff acted.
    pub actor_name: Option<String>,
    /// Channel of the change.
    pub channel: Channel,
    /// When.
    pub at: DateTime<Utc>,
    /// State before (band, members, status).
    #[cfg_attr(feature = "openapi", schema(value_type = Option<Object>))]
    pub before: Option<serde_json::Value>,
    /// State after.
    #[cfg_attr(feature = "openapi", schema(value_type = Option<Object>))]
    pub after: Option<serde_json::Value>,
}
