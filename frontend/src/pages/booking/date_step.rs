//! Step 3: the day, on the ○△× month calendar (R7.4-ウ).

use chrono::{Datelike, NaiveDate};
use leptos::prelude::*;

use super::steps::use_go;
use crate::api;
use crate::components::calendar::MonthCalendar;
use crate::components::problem::ProblemMessage;
use crate::i18n::Lang;
use crate::state::BookingDraft;

fn this_month() -> NaiveDate {
    let today = crate::clock::today();
    today.with_day(1).unwrap_or(today)
}

/// Choose the day.
#[component]
pub fn DateStep() -> impl IntoView {
    let lang = expect_context::<RwSignal<Lang>>();
    let draft = expect_context::<RwSignal<BookingDraft>>();
    let go = use_go();
    let month = Signal::derive(move || draft.read().month.unwrap_or_else(this_month));
    let availability = LocalResource::new(move || {
        let (location, party) = {
            let d = draft.read();
            (d.location_id.unwrap_or(0), d.members.len())
        };
        let month = month.get();
        async move { api::month_availability(location, month, party).await }
    });
    let days = Signal::derive(move || {
        availability
            .get()
            .and_then(Result::ok)
            .map(|m| m.days)
            .unwrap_or_default()
    });
    let error = Signal::derive(move || availability.get().and_then(Result::err));
    let on_select = Callback::new(move |date: NaiveDate| {
        draft.update(|d| {
            if d.date != Some(date) {
                d.start = None;
                d.end = None;
            }
            d.date = Some(date);
        });
        go.run("time");
    });
    let on_month = Callback::new(move |first: NaiveDate| draft.update(|d| d.month = Some(first)));
    view! {
        <h1>{move || lang.get().text().date_heading}</h1>
        <p>{move || lang.get().text().date_lead}</p>
        <ProblemMessage error/>
        <MonthCalendar month days selected=Signal::derive(move || draft.read().date) on_select on_month/>
        <div class="step-buttons">
            <button type="button" class="secondary" on:click=move |_| go.run("party")>{move || lang.get().text().back}</button>
        </div>
    }
}
