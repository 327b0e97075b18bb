//! `/staff`: the member's start page, their menu as large links.

use leptos::prelude::*;

use super::routes::menu;
use crate::i18n::Lang;
use crate::session::use_session;

/// Start page.
#[component]
pub fn StaffHomePage() -> impl IntoView {
    let lang = expect_context::<RwSignal<Lang>>();
    let session = use_session();
    move || {
        let role = session.get().map(|signed_in| signed_in.role());
        let links = menu()
            .filter(|route| role.is_some_and(|role| route.page.audience().admits(role)))
            .map(|route| view! { <li><a class="button secondary" href=route.page.href()>{move || route.label(lang.get())}</a></li> })
            .collect_view();
        view! {
            <h1>{move || lang.get().pick("職員メニュー", "Staff menu")}</h1>
            <ul class="staff-tiles">{links}</ul>
        }
    }
}
