//! Finding a caller's existing reservation by number or phone from the phone screen.

use leptos::prelude::*;
use madoguchi_shared::reservation_number;
use madoguchi_shared::validate::contact::normalize_phone;

use crate::api::reservations::query_string;
use crate::i18n::Lang;

/// The search a caller who already booked needs: by number, phone or name, opening the
/// reservations page with it.
#[component]
pub(super) fn QuickFind() -> impl IntoView {
    let lang = expect_context::<RwSignal<Lang>>();
    let navigate = leptos_router::hooks::use_navigate();
    let typed = RwSignal::new(String::new());
    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        let text = typed.get_untracked().trim().to_owned();
        if text.is_empty() {
            return;
        }
        let pair = if let Some(number) = reservation_number::normalize(&text) {
            ("number", number)
        } else if normalize_phone(&text).is_some() {
            ("phone", text)
        } else {
            ("name", text)
        };
        navigate(
            &format!("/staff/reservations?{}", query_string(&[pair])),
            Default::default(),
        );
    };
    view! {
        <form class="quick-find" role="search" on:submit=submit data-testid="quick-find"
            aria-label=move || lang.get().pick("予約済みの方を探す", "Find an existing booking")>
            <label for="quick-find-input">{move || lang.get().pick(
                "予約済みの方を探す（予約番号・電話番号・氏名）",
                "Find a booking (number, phone or name)",
            )}</label>
            <div class="quick-find-row">
                <input id="quick-find-input" type="search" autocomplete="off"
                    prop:value=move || typed.get() on:input=move |e| typed.set(event_target_value(&e))/>
                <button type="submit" class="secondary">{move || lang.get().pick("探す", "Find")}</button>
            </div>
        </form>
    }
}
