//! The steps of the booking flow in order, and how a step moves to another.

use leptos::prelude::*;
use leptos_router::NavigateOptions;
use leptos_router::hooks::use_navigate;

use crate::state::BookingDraft;

/// The steps in order, by their URL segment.
pub const STEPS: [&str; 6] = ["location", "party", "date", "time", "contact", "confirm"];

/// A callback that goes to another step of the flow; call it while building a component.
pub fn use_go() -> Callback<&'static str> {
    let navigate = use_navigate();
    Callback::new(move |step: &'static str| {
        navigate(&format!("/book/{step}"), NavigateOptions::default())
    })
}

/// The first step whose answer is still missing.
pub fn first_missing(draft: &BookingDraft) -> usize {
    let party_ready = !draft.members.is_empty()
        && draft
            .members
            .iter()
            .all(|member| !member.name.trim().is_empty() && member.procedure_id > 0);
    if draft.location_id.is_none() {
        0
    } else if !party_ready {
        1
    } else if draft.date.is_none() {
        2
    } else if draft.start.is_none() {
        3
    } else if draft.contact.is_empty() {
        4
    } else {
        5
    }
}
