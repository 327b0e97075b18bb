//! `/reservations`: open a booking with its number and the phone number or email (R7.4-ク).

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_navigate;
use madoguchi_shared::dto::reservation::LookupRequest;

use crate::api::{self, ApiError};
use crate::components::problem::ProblemMessage;
use crate::i18n::Lang;
use crate::state::remember_token;

/// The look-up form.
#[component]
pub fn LookupPage() -> impl IntoView {
    let lang = expect_context::<RwSignal<Lang>>();
    let navigate = use_navigate();
    let number = RwSignal::new(String::new());
    let factor = RwSignal::new(String::new());
    let error = RwSignal::new(None::<ApiError>);
    let busy = RwSignal::new(false);
    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        let request = LookupRequest {
            number: number.get(),
            phone_or_email: factor.get(),
        };
        let navigate = navigate.clone();
        busy.set(true);
        spawn_local(async move {
            match api::lookup_reservation(&request).await {
                Ok(found) => {
                    remember_token(&found.reservation.number, &found.access_token);
                    navigate(
                        &format!("/reservations/{}", found.reservation.number),
                        Default::default(),
                    );
                }
                Err(failure) => error.set(Some(failure)),
            }
            busy.set(false);
        });
    };
    view! {
        <h1>{move || lang.get().text().lookup_heading}</h1>
        <p>{move || lang.get().text().lookup_lead}</p>
        <ProblemMessage error=error.into()/>
        <form on:submit=submit class="lookup">
            <div class="field">
                <label for="lookup-number">{move || lang.get().text().reservation_number}</label>
                <input
                    id="lookup-number"
                    type="text"
                    autocomplete="off"
                    autocapitalize="characters"
                    required=true
                    placeholder="ACK7-9WXY"
                    prop:value=move || number.get()
                    on:input=move |event| number.set(event_target_value(&event))
                />
            </div>
            <div class="field">
                <label for="lookup-factor">{move || lang.get().text().phone_or_email}</label>
                <input
                    id="lookup-factor"
                    type="text"
                    autocomplete="tel"
                    required=true
                    prop:value=move || factor.get()
                    on:input=move |event| factor.set(event_target_value(&event))
                />
            </div>
            <button type="submit" class="primary" prop:disabled=move || busy.get()>{move || lang.get().text().open}</button>
        </form>
    }
}
