//! Any address the SPA does not know.

use leptos::prelude::*;

use crate::i18n::Lang;

/// "Page not found", with a way back.
#[component]
pub fn NotFoundPage() -> impl IntoView {
    let lang = expect_context::<RwSignal<Lang>>();
    view! {
        <h1>{move || lang.get().text().not_found_heading}</h1>
        <p><a href="/" rel="external">{move || lang.get().text().to_top}</a></p>
    }
}
