//! The booking flow, one step per screen with its own URL (`/book/{step}`), so the browser's
//! back button and reloads work; what was entered lives in the tab's draft.

mod confirm_step;
mod contact_step;
mod date_step;
mod done_step;
mod location_step;
mod party_step;
mod steps;
mod time_step;

use leptos::prelude::*;
use leptos_router::NavigateOptions;
use leptos_router::hooks::{use_navigate, use_params_map};

use crate::components::progress::Progress;
use crate::state::BookingDraft;
use steps::{STEPS, first_missing};

/// `/book/{step}`: the current step, or the first one still to fill in.
#[component]
pub fn BookingPage() -> impl IntoView {
    let params = use_params_map();
    let draft = expect_context::<RwSignal<BookingDraft>>();
    let step = move || params.read().get("step").unwrap_or_default();
    let navigate = use_navigate();
    Effect::new(move |_| {
        let requested = step();
        if requested == "done" {
            return;
        }
        let index = STEPS.iter().position(|s| *s == requested).unwrap_or(0);
        let missing = first_missing(&draft.read());
        if index > missing {
            navigate(
                &format!("/book/{}", STEPS[missing]),
                NavigateOptions {
                    replace: true,
                    ..Default::default()
                },
            );
        }
    });
    move || {
        let current = step();
        let index = STEPS.iter().position(|s| *s == current);
        let body = match current.as_str() {
            "location" => view! { <location_step::LocationStep/> }.into_any(),
            "party" => view! { <party_step::PartyStep/> }.into_any(),
            "date" => view! { <date_step::DateStep/> }.into_any(),
            "time" => view! { <time_step::TimeStep/> }.into_any(),
            "contact" => view! { <contact_step::ContactStep/> }.into_any(),
            "confirm" => view! { <confirm_step::ConfirmStep/> }.into_any(),
            "done" => view! { <done_step::DoneStep/> }.into_any(),
            _ => view! { <location_step::LocationStep/> }.into_any(),
        };
        view! {
            {index.map(|current| view! { <Progress current/> })}
            {body}
        }
    }
}
