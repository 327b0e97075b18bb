//! Serves the built SPA: its files, and `index.html` for any other non-API path so that
//! the SPA's own router can handle deep links and reloads.

use std::path::{Path, PathBuf};

use actix_files::{Files, NamedFile};
use actix_web::dev::{ServiceRequest, ServiceResponse, fn_service};
use actix_web::web;

use crate::error::AppError;

/// Registers the static files when the SPA is built; otherwise only the API answers.
pub fn configure(config: &mut web::ServiceConfig, static_dir: Option<&Path>) {
    if let Some(dir) = static_dir {
        let index = dir.join("index.html");
        config.service(
            Files::new("/", dir)
                .index_file("index.html")
                .default_handler(fn_service(move |request: ServiceRequest| {
                    let index = index.clone();
                    async move { fallback(request, Some(index)).await }
                })),
        );
    }
}

/// The app's default service: a problem for unknown API paths, else the SPA's index page.
pub async fn fallback(
    request: ServiceRequest,
    index: Option<PathBuf>,
) -> actix_web::Result<ServiceResponse> {
    let (request, _) = request.into_parts();
    let is_api = request.path().starts_with("/api/") || request.path() == "/api";
    let response = match index {
        Some(index) if !is_api && request.method() == actix_web::http::Method::GET => {
            NamedFile::open_async(index).await?.into_response(&request)
        }
        _ => actix_web::ResponseError::error_response(&AppError::NotFound(format!(
            "The path {}",
            request.path()
        ))),
    };
    Ok(ServiceResponse::new(request, response))
}
