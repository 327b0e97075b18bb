//! A box that scrolls a wide table sideways on small screens; it takes the keyboard focus
//! so people who do not use a mouse can scroll it too.

use leptos::prelude::*;

use crate::i18n::Lang;

/// Wraps a table that may be wider than the screen.
#[component]
pub fn ScrollBox(children: Children) -> impl IntoView {
    let lang = expect_context::<RwSignal<Lang>>();
    view! {
        <div
            class="table-scroll"
            tabindex="0"
            role="region"
            aria-label=move || lang.get().pick("表（横にスクロールできます）", "Table (scrolls sideways)")
        >
            {children()}
        </div>
    }
}
