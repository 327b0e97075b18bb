//! Moving the keyboard focus after the page changes, so keyboard and screen-reader users
//! land where the new content is.

use leptos::prelude::*;
use leptos::wasm_bindgen::JsCast;

/// Moves the focus to the element with `id` on the next frame, once it has been drawn.
/// Nothing happens if no such element is on the page by then.
pub fn focus_later(id: &'static str) {
    request_animation_frame(move || {
        if let Some(element) = document()
            .get_element_by_id(id)
            .and_then(|element| element.dyn_into::<web_sys::HtmlElement>().ok())
        {
            let _ = element.focus();
        }
    });
}
