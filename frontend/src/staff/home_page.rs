//! `/staff`: the member's start page, their menu as large links.

use leptos::prelude::*;

use super::MENU;
use crate::i18n::Lang;
use crate::session::use_session;

/// Start page.
#[component]
pub fn StaffHomePage() -> impl IntoView {
    let lang = expect_context::<RwSignal<Lang>>();
    let session = use_session();
    move || {
        let role = session.get().map(|signed_in| signed_in.role());
        let links = MENU
            .iter()
            .filter(|item| role.is_some_and(|role| item.audience.admits(role)))
            .map(|item| view! { <li><a class="button secondary" href=item.href()>{move || item.label(lang.get())}</a></li> })
            .collect_view();
        view! {
            <h1>{move || lang.get().pick("職員メニュー", "Staff menu")}</h1>
            <ul class="staff-tiles">{links}</ul>
        }
    }
}
