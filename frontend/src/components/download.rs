//! Saving a file the SPA fetched with the staff token (exports, printable sheets): the bytes
//! become a Blob, and an `<a download>` pointing at its object URL is clicked.

use leptos::wasm_bindgen::JsCast;
use web_sys::js_sys::{Array, Uint8Array};

fn object_url(bytes: &[u8], mime: &str) -> Option<String> {
    let parts = Array::new();
    parts.push(&Uint8Array::from(bytes).into());
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob = web_sys::Blob::new_with_u8_array_sequence_and_options(&parts, &options).ok()?;
    web_sys::Url::create_object_url_with_blob(&blob).ok()
}

fn revoke_later(url: String) {
    leptos::prelude::set_timeout(
        move || {
            let _ = web_sys::Url::revoke_object_url(&url);
        },
        std::time::Duration::from_secs(60),
    );
}

/// The file name a `Content-Disposition` header gives, if any.
pub fn file_name_from_disposition(header: Option<&str>) -> Option<String> {
    let header = header?;
    let start = header.find("filename=")? + "filename=".len();
    let name = header[start..]
        .split(';')
        .next()?
        .trim()
        .trim_matches('"')
        .to_owned();
    (!name.is_empty()).then_some(name)
}

/// Saves `bytes` as a download named `file_name`; false if the browser refused.
pub fn save_bytes(bytes: &[u8], mime: &str, file_name: &str) -> bool {
    let Some(url) = object_url(bytes, mime) else {
        return false;
    };
    let anchor = leptos::prelude::document()
        .create_element("a")
        .ok()
        .and_then(|element| element.dyn_into::<web_sys::HtmlAnchorElement>().ok());
    let Some(anchor) = anchor else {
        return false;
    };
    anchor.set_href(&url);
    anchor.set_download(file_name);
    anchor.click();
    revoke_later(url);
    true
}
