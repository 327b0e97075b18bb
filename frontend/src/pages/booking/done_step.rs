//! The end of the flow: the reservation number, large, what each person brings, an .ics
//! link, and how to change or cancel.

use leptos::prelude::*;
use leptos_router::components::A;
use madoguchi_shared::ics::reservation_event;

use crate::components::procedure_guide::GuideList;
use crate::i18n::Lang;
use crate::state::BookingDraft;

/// A `data:` URL of the visit as an iCalendar file.
fn ics_link(ics: &str) -> String {
    let encoded: String = ics
        .bytes()
        .map(|byte| match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                char::from(byte).to_string()
            }
            _ => format!("%{byte:02X}"),
        })
        .collect();
    format!("data:text/calendar;charset=utf-8,{encoded}")
}

/// Booked.
#[component]
pub fn DoneStep() -> impl IntoView {
    let lang = expect_context::<RwSignal<Lang>>();
    let draft = expect_context::<RwSignal<BookingDraft>>();
    let start_over = move |_| draft.set(BookingDraft::fresh());
    move || {
        let Some(created) = draft.read().result.clone() else {
            return view! { <p><A href="/">{move || lang.get().text().to_top}</A></p> }.into_any();
        };
        let reservation = created.reservation;
        let number = reservation.number.clone();
        let ics = ics_link(&reservation_event(&reservation, crate::clock::now(), 0));
        let when = (reservation.date, reservation.start, reservation.end);
        view! {
            <h1 tabindex="-1">{move || lang.get().text().done_heading}</h1>
            <p>{move || lang.get().text().done_lead}</p>
            <p class="number-box">
                <span class="number-label">{move || lang.get().text().reservation_number}</span>
                <strong class="reservation-number" data-testid="reservation-number">{number.clone()}</strong>
            </p>
            <p class="when">
                {move || format!("{} {}", lang.get().date(when.0), lang.get().band(when.1, when.2))}
                " "
                {move || lang.get().pick(&reservation.location_name_ja, &reservation.location_name_en).to_owned()}
            </p>
            <ul class="party">
                {reservation
                    .members
                    .into_iter()
                    .map(|member| {
                        let procedure = member.procedure.clone();
                        view! {
                            <li>
                                <h2>
                                    {member.name.clone()}
                                    "（"
                                    {move || lang.get().pick(&procedure.name_ja, &procedure.name_en).to_owned()}
                                    "）"
                                </h2>
                                <GuideList guide=member.procedure/>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
            <p>
                <a href=ics download=format!("madoguchi-{number}.ics") class="button secondary">
                    {move || lang.get().text().add_to_calendar}
                </a>
            </p>
            <p>{move || lang.get().text().how_to_change}</p>
            <p class="actions">
                <A href=format!("/reservations/{number}") attr:class="button secondary" attr:data-testid="open-reservation">
                    {move || lang.get().text().open_reservation}
                </A>
                <A href="/" on:click=start_over attr:class="button link">{move || lang.get().text().to_top}</A>
            </p>
        }
            .into_any()
    }
}
