//! "Change the time" on an opened reservation, for the citizen and for staff alike: a
//! toggle that opens the month calendar and the chosen day's bookable bands; choosing a band
//! hands the new day and start to the page, which makes the change.

use chrono::{Datelike, NaiveDate, NaiveTime};
use leptos::prelude::*;
use madoguchi_shared::dto::reservation::Reservation;

use crate::api;
use crate::api::reservations;
use crate::components::calendar::MonthCalendar;
use crate::i18n::Lang;

/// Whose availability to show: the web's seats, or the phone's (with the staff token).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Seats {
    /// A citizen on the web.
    Citizen,
    /// Staff on the citizen's behalf.
    Staff,
}

/// The toggle, the calendar and the bands.
#[component]
pub fn ChangeTime(
    /// The reservation being moved.
    reservation: Reservation,
    /// Whose seats count.
    seats: Seats,
    /// The section's class (`panel` or `subpanel`).
    class: &'static str,
    /// Called with the new day and start when a band is chosen.
    on_pick: Callback<(NaiveDate, NaiveTime)>,
) -> impl IntoView {
    let lang = expect_context::<RwSignal<Lang>>();
    let open = RwSignal::new(false);
    let month = RwSignal::new(reservation.date.with_day(1).unwrap_or(reservation.date));
    let chosen = RwSignal::new(None::<NaiveDate>);
    let (location, party) = (reservation.location_id, reservation.members.len());
    let calendar = LocalResource::new(move || {
        let month = month.get();
        async move {
            match seats {
                Seats::Citizen => api::month_availability(location, month, party).await,
                Seats::Staff => reservations::month_availability(location, month, party).await,
            }
        }
    });
    let bands = LocalResource::new(move || {
        let date = chosen.get();
        async move {
            let date = date?;
            match seats {
                Seats::Citizen => api::day_availability(location, date, party).await,
                Seats::Staff => reservations::day_availability(location, date, party).await,
            }
            .ok()
        }
    });
    view! {
        <section class=class>
            <button
                type="button"
                class="secondary"
                aria-expanded=move || open.get().to_string()
                on:click=move |_| open.update(|o| *o = !*o)
                data-testid="change-time"
            >
                {move || lang.get().text().change_time}
            </button>
            <Show when=move || open.get()>
                <div>
                    <MonthCalendar
                        month=month.into()
                        days=Signal::derive(move || calendar.get().and_then(Result::ok).map(|m| m.days).unwrap_or_default())
                        selected=chosen.into()
                        on_select=Callback::new(move |date| chosen.set(Some(date)))
                        on_month=Callback::new(move |first| month.set(first))
                    />
                    <ul class="bands" data-testid="change-bands">
                        {move || {
                            let date = chosen.get();
                            bands
                                .get()
                                .flatten()
                                .map(|day| day.bands)
                                .unwrap_or_default()
                                .into_iter()
                                .filter(|band| band.bookable)
                                .map(|band| {
                                    let (start, end, mark) = (band.start, band.end, band.mark);
                                    view! {
                                        <li>
                                            <button
                                                type="button"
                                                class="band"
                                                data-start=start.format("%H:%M").to_string()
                                                on:click=move |_| {
                                                    if let Some(date) = date {
                                                        on_pick.run((date, start));
                                                    }
                                                }
                                            >
                                                <span class="band-time">{move || lang.get().band(start, end)}</span>
                                                <span class="band-mark">{mark.symbol()}" "{move || lang.get().mark(mark)}</span>
                                                <span class="band-seats">{move || lang.get().seats_left(band.remaining)}</span>
                                            </button>
                                        </li>
                                    }
                                })
                                .collect_view()
                        }}
                    </ul>
                </div>
            </Show>
        </section>
    }
}
