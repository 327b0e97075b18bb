//! The OpenAPI document: collected from the route table, never a hand-kept list.

use actix_web::App;
use madoguchi_shared::error::{ErrorCode, FieldError, Problem};
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{Modify, OpenApi};
use utoipa_actix_web::AppExt;

use crate::api::{self, tags};

/// Name of the scheme for a citizen's reservation token (from booking or look-up).
pub const CITIZEN_SCHEME: &str = "citizen";

/// Name of the bearer security scheme. In an operation's security requirement, its list
/// holds the staff roles allowed to call it.
pub const BEARER_SCHEME: &str = "bearer";

#[derive(OpenApi)]
#[openapi(
    info(
        title = "madoguchi API",
        description = "Appointment booking for the My Number Card counter of Hatsukaichi City \
                       (廿日市市 マイナンバーカード窓口予約). Errors are RFC 9457 problem documents \
                       (`application/problem+json`) with a stable `code`. Staff endpoints take \
                       `Authorization: Bearer <token>` from `POST /api/v1/auth/login`; the list \
                       in each operation's security requirement names the staff roles allowed.",
        license(name = "MIT OR Apache-2.0")
    ),
    modifiers(&BearerSecurity),
    components(schemas(Problem, FieldError, ErrorCode)),
    tags(
        (name = tags::HEALTH, description = "Liveness and readiness"),
        (name = tags::AUTH, description = "Staff sign-in"),
        (name = tags::STAFF, description = "Staff accounts (city administrators)"),
        (name = tags::CALENDAR, description = "Business calendar and call-center hours (R4.3, R6.4)"),
        (name = tags::CATALOG, description = "Procedures (R5.1), locations and the booking form (R7.4-ケ)"),
        (name = tags::SCHEDULE, description = "Slot settings: weekly templates, day overrides, booking window (R7.4-ア)"),
        (name = tags::AVAILABILITY, description = "The ○△× calendar (R7.4-ウ, R5.2)"),
        (name = tags::RESERVATIONS, description = "Booking, changing, cancelling, family members; lists and exports (R7.4-イ, オ, カ, ク; R5.3)"),
        (name = tags::HISTORY, description = "Who changed what (R7.4-エ)"),
        (name = tags::INQUIRIES, description = "The call center's inquiry log (R5.6, R5.7)"),
        (name = tags::REPORTS, description = "Daily and monthly reports and call records (R9.1, R9.2, R4.5)"),
        (name = tags::ADMIN, description = "Contract-end export and purge of personal data (R13.3)")
    )
)]
struct ApiDoc;

struct BearerSecurity;

impl Modify for BearerSecurity {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            BEARER_SCHEME,
            SecurityScheme::Http(
                HttpBuilder::new()
                    .scheme(HttpAuthScheme::Bearer)
                    .bearer_format("JWT")
                    .description(Some("A staff token from POST /api/v1/auth/login"))
                    .build(),
            ),
        );
        components.add_security_scheme(
            CITIZEN_SCHEME,
            SecurityScheme::Http(
                HttpBuilder::new()
                    .scheme(HttpAuthScheme::Bearer)
                    .bearer_format("JWT")
                    .description(Some(
                        "A citizen's token for one reservation, from booking or POST /api/v1/reservations/lookup",
                    ))
                    .build(),
            ),
        );
    }
}

/// The spec of every route in [`api::routes`].
pub fn spec() -> utoipa::openapi::OpenApi {
    let (_, spec) = App::new()
        .into_utoipa_app()
        .openapi(ApiDoc::openapi())
        .configure(api::routes)
        .split_for_parts();
    spec
}

/// The spec as the pretty JSON checked in at `openapi/openapi.json`.
pub fn spec_json() -> anyhow::Result<String> {
    Ok(format!("{}\n", spec().to_pretty_json()?))
}

/// `GET /api/openapi.json` on its own, for a server whose interactive documentation is
/// switched off (`MADOGUCHI_API_DOCS=false`): integrators still read the spec.
pub fn serve_spec(spec: utoipa::openapi::OpenApi) -> actix_web::Resource {
    actix_web::web::resource("/api/openapi.json").route(actix_web::web::get().to(move || {
        let spec = spec.clone();
        async move { actix_web::HttpResponse::Ok().json(spec) }
    }))
}
