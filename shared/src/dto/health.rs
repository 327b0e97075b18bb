//! Liveness and readiness.

use serde::{Deserialize, Serialize};

/// Body of `/healthz` and `/readyz`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct HealthStatus {
    /// `ok` when healthy.
    #[cfg_attr(feature = "openapi", schema(example = "ok"))]
    pub status: String,
}
