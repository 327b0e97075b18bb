//! The app shell: language state, header, and the page.

use leptos::prelude::*;

use crate::i18n::{Lang, messages};
use crate::pages::home_page::HomePage;

/// The root component.
#[component]
pub fn App() -> impl IntoView {
    let (lang, set_lang) = signal(Lang::Ja);
    provide_context(lang);
    let switch_label = move || messages(lang.get()).switch_language;
    let toggle = move |_| set_lang.update(|lang| *lang = lang.other());
    Effect::new(move |_| {
        if let Some(root) = document().document_element() {
            let _ = root.set_attribute("lang", lang.get().code());
        }
    });
    view! {
        <header class="site-header">
            <p class="site-name">{move || messages(lang.get()).site_name}</p>
            <button type="button" class="lang-switch" on:click=toggle data-testid="lang-switch">
                {switch_label}
            </button>
        </header>
        <main id="main">
            <HomePage/>
        </main>
    }
}
