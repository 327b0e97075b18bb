//! The OpenAPI document: collected from the route table, never a hand-kept list.

use actix_web::App;
use madoguchi_shared::error::{ErrorCode, FieldError, PROBLEM_CONTENT_TYPE, Problem};
use utoipa::openapi::path::{Operation, ParameterIn};
use utoipa::openapi::schema::SchemaType;
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::openapi::{ContentBuilder, Ref, RefOr, Response, ResponseBuilder, Schema, Type};
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

/// The spec of every route in [`api::routes`], with the answers every operation of its
/// kind can give (see [`document_common_answers`]).
pub fn spec() -> utoipa::openapi::OpenApi {
    let (_, mut spec) = App::new()
        .into_utoipa_app()
        .openapi(ApiDoc::openapi())
        .configure(api::routes)
        .split_for_parts();
    for item in spec.paths.paths.values_mut() {
        for operation in [
            &mut item.get,
            &mut item.put,
            &mut item.post,
            &mut item.patch,
            &mut item.delete,
        ]
        .into_iter()
        .flatten()
        {
            document_common_answers(operation);
        }
    }
    spec
}

/// A problem answer, as the server renders every error.
fn problem_answer(description: &str) -> RefOr<Response> {
    RefOr::T(
        ResponseBuilder::new()
            .description(description)
            .content(
                PROBLEM_CONTENT_TYPE,
                ContentBuilder::new()
                    .schema(Some(Ref::from_schema_name("Problem")))
                    .build(),
            )
            .build(),
    )
}

/// Adds the answers the server gives before a handler runs, so that the spec lists every
/// status an operation can answer: a JSON body can be malformed (400), too large (413),
/// of another media type (415) or hold an unstorable value (422, the input guard); a query
/// can be malformed (400) or hold an unstorable value (422); a path segment that does not
/// parse names nothing (404). A header is absent or a string, never `null`.
fn document_common_answers(operation: &mut Operation) {
    let parameters =
        operation
            .parameters
            .iter()
            .flatten()
            .filter_map(|parameter| match parameter {
                RefOr::T(parameter) => Some(parameter),
                RefOr::Ref(_) => None,
            });
    let (mut query, mut path) = (false, false);
    for parameter in parameters {
        query |= parameter.parameter_in == ParameterIn::Query;
        path |= parameter.parameter_in == ParameterIn::Path;
    }
    let mut answers: Vec<(&str, &str)> = Vec::new();
    if operation.request_body.is_some() {
        answers.extend([
            (
                "400",
                "The body is not JSON of the expected shape (`malformed_body`)",
            ),
            ("413", "The body is over 64 KiB (`payload_too_large`)"),
            (
                "415",
                "The body is not `application/json` (`unsupported_media_type`)",
            ),
            (
                "422",
                "A field holds a value no field can store (`validation_failed`, the field named)",
            ),
        ]);
    }
    if query {
        answers.extend([
            ("400", "The query string does not parse (`malformed_body`)"),
            ("422", "A query parameter holds a value that cannot be stored or is out of range (`validation_failed`)"),
        ]);
    }
    if path {
        answers.push(("404", "The path names nothing: a segment does not parse, or what it names does not exist (`not_found`)"));
    }
    for (status, description) in answers {
        operation
            .responses
            .responses
            .entry(status.to_owned())
            .or_insert_with(|| problem_answer(description));
    }
    for parameter in operation.parameters.iter_mut().flatten() {
        if let RefOr::T(parameter) = parameter
            && parameter.parameter_in == ParameterIn::Header
            && let Some(RefOr::T(Schema::Object(schema))) = &mut parameter.schema
            && let SchemaType::Array(types) = &schema.schema_type
            && types.contains(&Type::Null)
        {
            let mut rest: Vec<Type> = types
                .iter()
                .filter(|kind| **kind != Type::Null)
                .cloned()
                .collect();
            if rest.len() == 1
                && let Some(only) = rest.pop()
            {
                schema.schema_type = SchemaType::Type(only);
            }
        }
    }
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
