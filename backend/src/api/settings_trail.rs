//! Records every change of the city's settings (locations, booking windows, day overrides,
//! weekly templates, procedures, notices, the form) in the audit trail: who, which
//! endpoint, when. One middleware instead of a line in each of the eighteen handlers, so a
//! settings endpoint added later is recorded without anyone remembering to.

use actix_web::body::MessageBody;
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::Method;
use actix_web::middleware::Next;
use actix_web::{HttpMessage, web};
use madoguchi_shared::dto::audit::AuditAction;

use crate::api::state::AppState;
use crate::service::actor::Actor;
use crate::service::audit::{self, Event};

/// The API paths (after `/api/v1/`) whose changes are settings changes.
const SETTINGS: [&str; 5] = [
    "locations",
    "templates",
    "procedures",
    "notices",
    "form-fields",
];

/// Whether `method` on `path` changes a setting.
fn changes_settings(method: &Method, path: &str) -> bool {
    let reads = [Method::GET, Method::HEAD, Method::OPTIONS];
    !reads.contains(method)
        && path
            .strip_prefix("/api/v1/")
            .and_then(|rest| rest.split('/').next())
            .is_some_and(|first| SETTINGS.contains(&first))
}

/// The middleware: after a successful change by a member of staff, one event.
pub async fn record_settings_changes(
    request: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<impl MessageBody>, actix_web::Error> {
    let target = changes_settings(request.method(), request.path())
        .then(|| format!("{} {}", request.method(), request.path()));
    let state = request.app_data::<web::Data<AppState>>().cloned();
    let response = next.call(request).await?;
    if let (Some(target), Some(state)) = (target, state)
        && response.status().is_success()
    {
        let actor = response.request().extensions().get::<Actor>().copied();
        if let Some(actor) = actor {
            let event = Event::ok(actor, AuditAction::SettingsChange).on(target);
            if let Err(error) = audit::record(&state.db, event, state.clock.now()).await {
                tracing::error!(%error, "a settings change could not be recorded in the audit trail");
            }
        }
    }
    Ok(response)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_changes_of_settings_are_settings_changes() {
        assert!(changes_settings(
            &Method::PUT,
            "/api/v1/locations/3/booking-window"
        ));
        assert!(changes_settings(&Method::DELETE, "/api/v1/templates/4"));
        assert!(changes_settings(&Method::PUT, "/api/v1/form-fields"));
        assert!(!changes_settings(&Method::GET, "/api/v1/locations"));
        assert!(!changes_settings(&Method::POST, "/api/v1/reservations"));
        assert!(!changes_settings(&Method::POST, "/api/v1/locationsx"));
    }
}
