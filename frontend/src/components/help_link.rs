//! The header's help link: the citizen guide on citizen pages; on staff pages the section
//! of the operator's or the city's manual about the page in view. It opens in a new tab so
//! an operator on a call keeps what they typed.

use leptos::prelude::*;
use leptos_router::hooks::use_location;
use madoguchi_shared::console::ConsolePage;

use crate::i18n::Lang;
use crate::session;

/// The manual address for a path of the SPA, seen by a member of the call center or not.
pub fn help_href(path: &str, lang: Lang, call_center: bool) -> String {
    let code = lang.code();
    match path.strip_prefix("/staff") {
        None => format!("/help/{code}/citizen-guide"),
        Some(rest) => {
            let segment = rest.trim_start_matches('/');
            let segment = segment.split(['/', '?']).next().unwrap_or_default();
            let manual = if call_center
                && (segment.is_empty()
                    || ConsolePage::from_segment(segment)
                        .is_some_and(ConsolePage::in_operator_manual))
            {
                "operator-manual"
            } else {
                "staff-manual"
            };
            if segment.is_empty() || segment == "login" {
                format!("/help/{code}/{manual}")
            } else {
                format!("/help/{code}/{manual}#{segment}")
            }
        }
    }
}

/// The link.
#[component]
pub fn HelpLink() -> impl IntoView {
    let lang = expect_context::<RwSignal<Lang>>();
    let location = use_location();
    let href = move || {
        let call_center =
            session::load().is_some_and(|signed_in| signed_in.role().is_call_center());
        help_href(&location.pathname.get(), lang.get(), call_center)
    };
    view! {
        <a class="help-link" href=href target="_blank" rel="noopener" data-testid="help-link">
            {move || lang.get().pick("ヘルプ", "Help")}
            <span class="visually-hidden">{move || lang.get().pick("(新しいタブで開きます)", " (opens in a new tab)")}</span>
        </a>
    }
}
