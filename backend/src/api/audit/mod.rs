//! The audit trail, for city administrators (R13.1).

pub mod export;
pub mod list;

use chrono::NaiveDate;
use madoguchi_shared::dto::audit::AuditAction;
use madoguchi_shared::error::FieldErrorCode;
use serde::{Deserialize, Serialize};
use utoipa::IntoParams;

use crate::api::error::AppError;
use crate::service::audit::Filter;

/// Filters of the trail; every one given must match.
#[derive(Debug, Default, Deserialize, Serialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct AuditQuery {
    /// From this day on (Japan time).
    pub from: Option<NaiveDate>,
    /// Up to and including this day.
    pub to: Option<NaiveDate>,
    /// Only this action, e.g. `reservation.export`.
    #[param(value_type = Option<String>, example = "reservation.export")]
    pub action: Option<String>,
    /// Only this member of staff's login id (for refused sign-ins: the id typed).
    pub login_id: Option<String>,
    /// Only refused events (failed sign-ins, wrong step-ups).
    pub refused_only: Option<bool>,
    /// Most events, newest first (default 500, at most 10,000).
    pub limit: Option<u64>,
}

impl AuditQuery {
    /// The service's filter, or a field error naming what is wrong.
    pub fn to_filter(&self) -> Result<Filter, AppError> {
        let action = self
            .action
            .as_deref()
            .map(str::trim)
            .filter(|action| !action.is_empty())
            .map(|action| {
                AuditAction::parse(action).ok_or_else(|| {
                    AppError::invalid_field(
                        "action",
                        FieldErrorCode::Unknown,
                        "not an action of the audit trail",
                    )
                })
            })
            .transpose()?;
        if let (Some(from), Some(to)) = (self.from, self.to)
            && from > to
        {
            return Err(AppError::invalid_field(
                "to",
                FieldErrorCode::BeforeFrom,
                "the last day comes before the first",
            ));
        }
        Ok(Filter {
            from: self.from,
            to: self.to,
            action,
            login_id: self.login_id.clone(),
            refused_only: self.refused_only.unwrap_or(false),
            limit: self.limit.unwrap_or(500),
        })
    }
}
