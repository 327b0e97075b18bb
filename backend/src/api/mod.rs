//! THE route table. Every endpoint is one line here, so the OpenAPI spec (collected from
//! these `service` calls) and the server can never disagree.

mod auth;
mod calendar;
mod call_center;
mod catalog;
mod health;
mod staff;

use utoipa_actix_web::scope;
use utoipa_actix_web::service_config::ServiceConfig;

/// OpenAPI tags, one per domain.
pub mod tags {
    /// Liveness and readiness.
    pub const HEALTH: &str = "health";
    /// Staff sign-in.
    pub const AUTH: &str = "auth";
    /// Staff accounts.
    pub const STAFF: &str = "staff";
    /// Business calendar and call-center hours.
    pub const CALENDAR: &str = "calendar";
    /// Procedures and locations.
    pub const CATALOG: &str = "catalog";
}

/// Registers every endpoint.
pub fn routes(config: &mut ServiceConfig) {
    config
        .service(health::healthz)
        .service(health::readyz)
        .service(
            scope::scope("/api/v1")
                .service(auth::login::login)
                .service(auth::me::get_me)
                .service(staff::list::list_staff)
                .service(staff::create::create_staff)
                .service(calendar::list::list_calendar_days)
                .service(call_center::status::get_call_center_status)
                .service(catalog::procedures::list_procedures)
                .service(catalog::locations::list_locations),
        );
}
