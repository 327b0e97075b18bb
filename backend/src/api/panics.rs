//! A handler that panics still answers: 500 with a problem body, the connection kept. The
//! panic is logged once, by the panic hook `telemetry::init` installs, inside the request's
//! span; this middleware only turns it into the answer.

use std::panic::AssertUnwindSafe;

use actix_web::body::{BoxBody, MessageBody};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::StatusCode;
use actix_web::middleware::Next;
use actix_web::{HttpResponse, ResponseError};
use futures_util::FutureExt;
use madoguchi_shared::error::ErrorCode;

use crate::api::error::{problem, problem_response};

/// What a panicked request answers: 500 with a problem body, not logged again.
#[derive(Debug, thiserror::Error)]
#[error("a handler panicked")]
struct Panicked;

impl ResponseError for Panicked {
    fn status_code(&self) -> StatusCode {
        StatusCode::INTERNAL_SERVER_ERROR
    }

    fn error_response(&self) -> HttpResponse<BoxBody> {
        let status = self.status_code();
        problem_response(
            status,
            &problem(status, ErrorCode::Internal, None, Vec::new()),
        )
    }
}

/// The middleware: see the module documentation. (The request cannot be kept aside for the
/// answer, since routing needs it whole; the error becomes the answer instead.)
pub async fn answer_panics(
    request: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> actix_web::Result<ServiceResponse<BoxBody>> {
    match AssertUnwindSafe(next.call(request)).catch_unwind().await {
        Ok(outcome) => outcome.map(ServiceResponse::map_into_boxed_body),
        Err(_) => Err(Panicked.into()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use actix_web::middleware::from_fn;
    use actix_web::{App, test, web};

    #[actix_web::test]
    async fn a_panicking_handler_answers_500_with_a_problem_and_the_next_request_is_served() {
        let app = test::init_service(
            App::new()
                .wrap(from_fn(answer_panics))
                .route(
                    "/panics",
                    web::get().to(|| async {
                        let seats: Vec<u8> = std::hint::black_box(Vec::new());
                        // An index out of bounds: the kind of bug that panics.
                        HttpResponse::Ok().body(seats[0].to_string())
                    }),
                )
                .route(
                    "/fine",
                    web::get().to(|| async { HttpResponse::Ok().finish() }),
                ),
        )
        .await;
        let response =
            test::try_call_service(&app, test::TestRequest::get().uri("/panics").to_request())
                .await
                .map_or_else(
                    |error| error.error_response().map_into_boxed_body(),
                    |response| response.into_parts().1,
                );
        assert_eq!(response.status(), StatusCode::INTERNAL_SERVER_ERROR);
        assert_eq!(
            response
                .headers()
                .get("content-type")
                .and_then(|value| value.to_str().ok()),
            Some("application/problem+json")
        );
        let body: serde_json::Value = serde_json::from_slice(
            &actix_web::body::to_bytes(response.into_body())
                .await
                .expect("the body"),
        )
        .expect("json");
        assert_eq!(body["code"], "internal");
        let after =
            test::call_service(&app, test::TestRequest::get().uri("/fine").to_request()).await;
        assert_eq!(after.status(), StatusCode::OK);
    }
}
