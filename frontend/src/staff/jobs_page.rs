//! Placeholder until the page is built.

use leptos::prelude::*;

use crate::i18n::Lang;

/// The page.
#[component]
pub fn JobsPage() -> impl IntoView {
    let lang = expect_context::<RwSignal<Lang>>();
    view! { <h1>{move || lang.get().pick("準備中", "Coming soon")}</h1> }
}
