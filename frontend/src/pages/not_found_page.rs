//! Any address the SPA does not know.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::i18n::Lang;

/// "Page not found", with a way back.
#[component]
pub fn NotFoundPage() -> impl IntoView {
    let lang = expect_context::<RwSignal<Lang>>();
    view! {
        <h1>{move || lang.get().text().not_found_heading}</h1>
        <p><A href="/">{move || lang.get().text().to_top}</A></p>
    }
}
