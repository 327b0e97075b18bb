//! `/staff/phone`: the operator's screen for a call (R5.2-R5.4). On one screen and by
//! keyboard alone: the office and party size, the coming weeks' seats for the phone channel
//! (○△× with their text and counts), the band, the people and the city's contact fields,
//! then the booking and a panel to read out: the number symbol by symbol, and each
//! person's 持参物 and 留意事項.

mod call;
mod confirm_panel;
mod contact;
mod days;
mod people_panel;
mod problems;
mod quick_find;
mod read_out;
mod when_panel;

use leptos::prelude::*;

use self::call::PhoneCall;
use self::confirm_panel::ConfirmPanel;
use self::people_panel::PeoplePanel;
use self::problems::{ErrorSummary, PhoneProblem};
use self::quick_find::QuickFind;
use self::read_out::ReadOut;
use self::when_panel::WhenPanel;

/// The operator's phone screen: one call at a time, then the read-out and the next call.
#[component]
pub fn PhonePage() -> impl IntoView {
    let call = PhoneCall::new();
    let lang = call.lang;
    view! {
        <h1>{move || lang.get().pick("電話予約", "Phone booking")}</h1>
        {move || match call.result.get() {
            Some(booked) => view! {
                <ReadOut reservation=booked on_next=Callback::new(move |_| call.next_call())/>
            }
            .into_any(),
            None => view! {
                <QuickFind/>
                <p class="note">{move || lang.get().pick(
                    "Tab キーで順に進めます。日にちと時間帯は矢印キーで選べます。",
                    "Use Tab to move through the form; arrow keys choose the day and the band.",
                )}</p>
                <PhoneProblem call=call/>
                <ErrorSummary call=call/>
                <div class="phone-grid">
                    <WhenPanel call=call/>
                    <PeoplePanel call=call/>
                </div>
                <Show when=move || call.confirming.get()>
                    <ConfirmPanel call=call/>
                </Show>
            }
            .into_any(),
        }}
    }
}
