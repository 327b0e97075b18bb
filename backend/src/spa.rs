//! Serves the built SPA: its files, and for any other non-API path the page of the app it
//! belongs to (`staff.html`, the staff console, under `/staff`; else `index.html`, the
//! citizen site), so that the app's own router can handle deep links and reloads.

use std::path::{Path, PathBuf};

use actix_files::{Files, NamedFile};
use actix_web::body::MessageBody;
use actix_web::dev::{ServiceRequest, ServiceResponse, fn_service};
use actix_web::http::header::{self, HeaderValue};
use actix_web::middleware::Next;
use actix_web::web;

use crate::api::error::AppError;

/// Registers the static files when the SPA is built; otherwise only the API answers.
pub fn configure(config: &mut web::ServiceConfig, static_dir: Option<&Path>) {
    if let Some(dir) = static_dir {
        let pages = Pages {
            citizen: dir.join("index.html"),
            staff: dir.join("staff.html"),
        };
        config.service(
            Files::new("/", dir)
                .index_file("index.html")
                .default_handler(fn_service(move |request: ServiceRequest| {
                    let pages = pages.clone();
                    async move { fallback(request, Some(pages)).await }
                })),
        );
    }
}

/// The two apps' pages.
#[derive(Clone, Debug)]
pub struct Pages {
    /// The citizen site.
    pub citizen: PathBuf,
    /// The staff console.
    pub staff: PathBuf,
}

impl Pages {
    fn for_path(&self, path: &str) -> &Path {
        if path == "/staff" || path.starts_with("/staff/") {
            &self.staff
        } else {
            &self.citizen
        }
    }
}

/// The app's default service: a problem for unknown API paths, else the page of the app
/// the path belongs to.
pub async fn fallback(
    request: ServiceRequest,
    pages: Option<Pages>,
) -> actix_web::Result<ServiceResponse> {
    let (request, _) = request.into_parts();
    let is_api = request.path().starts_with("/api/") || request.path() == "/api";
    let response = match pages {
        Some(pages) if !is_api && request.method() == actix_web::http::Method::GET => {
            NamedFile::open_async(pages.for_path(request.path()))
                .await?
                .into_response(&request)
        }
        _ => actix_web::ResponseError::error_response(&AppError::not_found(format!(
            "The path {}",
            request.path()
        ))),
    };
    Ok(ServiceResponse::new(request, response))
}

/// The Content-Security-Policy of the app: its own scripts, styles and WASM, nothing else.
pub const CONTENT_SECURITY_POLICY: &str = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; \
     style-src 'self'; img-src 'self' data:; connect-src 'self'; font-src 'self'; object-src 'none'; \
     base-uri 'none'; frame-ancestors 'none'; form-action 'self'";

/// Whether a path names a build asset whose file name carries its content hash
/// (`style-0123456789abcdef.css`), which never changes under the same name.
pub fn is_fingerprinted(path: &str) -> bool {
    let name = path.rsplit('/').next().unwrap_or_default();
    let Some((stem, extension)) = name.rsplit_once('.') else {
        return false;
    };
    let Some((_, hash)) = stem.rsplit_once('-') else {
        return false;
    };
    matches!(extension, "js" | "wasm" | "css")
        && hash.len() == 16
        && hash
            .bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

/// Adds the security and caching headers: the CSP everywhere but the API docs (Swagger UI
/// brings inline code of its own); a year of caching for fingerprinted assets;
/// revalidation for the pages; and `no-store` for the API, whose answers carry personal data.
pub async fn headers(
    request: ServiceRequest,
    next: Next<impl MessageBody>,
) -> actix_web::Result<ServiceResponse<impl MessageBody>> {
    let path = request.path().to_owned();
    let mut response = next.call(request).await?;
    let headers = response.headers_mut();
    // The API documentation (Swagger UI) loads only files of its own, so it runs under the
    // same policy as the SPA.
    headers.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(CONTENT_SECURITY_POLICY),
    );
    let cache = if path.starts_with("/api/") {
        "no-store"
    } else if is_fingerprinted(&path) {
        "public, max-age=31536000, immutable"
    } else {
        "no-cache"
    };
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static(cache));
    Ok(response)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_hashed_asset_names_count_as_fingerprinted() {
        assert!(is_fingerprinted(
            "/madoguchi_frontend_bg-0123456789abcdef.wasm"
        ));
        assert!(is_fingerprinted("/style-fedcba9876543210.css"));
        assert!(!is_fingerprinted("/index.html"));
        assert!(!is_fingerprinted("/style.css"));
        assert!(!is_fingerprinted("/reservations/ACK7-9WXY"));
        assert!(
            !is_fingerprinted("/boot-0123456789ABCDEF.js"),
            "upper case is not what the build writes"
        );
    }
}
