//! Step 4: the time band; picking one holds its seats (仮押さえ) while the form is filled in.

use leptos::prelude::*;
use leptos::task::spawn_local;
use madoguchi_shared::dto::availability::BandAvailability;
use madoguchi_shared::dto::reservation::HoldRequest;

use super::steps::use_go;
use crate::api::{self, ApiError};
use crate::components::loading::Loading;
use crate::components::problem::ProblemMessage;
use crate::i18n::Lang;
use crate::state::BookingDraft;

/// Choose the band.
#[component]
pub fn TimeStep() -> impl IntoView {
    let lang = expect_context::<RwSignal<Lang>>();
    let draft = expect_context::<RwSignal<BookingDraft>>();
    let go = use_go();
    let error = RwSignal::new(None::<ApiError>);
    let refresh = RwSignal::new(0u32);
    let day = LocalResource::new(move || {
        refresh.track();
        let (location, date, party) = {
            let d = draft.read();
            (d.location_id.unwrap_or(0), d.date, d.members.len())
        };
        async move {
            match date {
                Some(date) => api::day_availability(location, date, party).await.map(Some),
                None => Ok(None),
            }
        }
    });
    let choose = move |band: BandAvailability| {
        let (request, previous_hold) = {
            let d = draft.read();
            let Some((location_id, date)) = d.location_id.zip(d.date) else {
                return;
            };
            let request = HoldRequest {
                location_id,
                date,
                start: band.start,
                seats: d.members.len() as u32,
            };
            (request, d.hold_id.clone())
        };
        spawn_local(async move {
            if let Some(previous) = previous_hold {
                api::release_hold(&previous).await;
            }
            match api::create_hold(&request).await {
                Ok(hold) => {
                    draft.update(|d| {
                        d.start = Some(band.start);
                        d.end = Some(band.end);
                        d.hold_id = Some(hold.id);
                        d.hold_expires_at = Some(hold.expires_at);
                    });
                    go.run("contact");
                }
                Err(failure) => {
                    draft.update(|d| d.hold_id = None);
                    error.set(Some(failure));
                    refresh.update(|n| *n += 1);
                }
            }
        });
    };
    view! {
        <h1>{move || lang.get().text().time_heading}</h1>
        <p>{move || draft.read().date.map(|date| lang.get().date(date))}</p>
        <ProblemMessage error=error.into()/>
        <Suspense fallback=|| view! { <Loading/> }>
            {move || {
                day.get()
                    .map(|result| match result {
                        Ok(Some(day)) if day.bands.iter().any(|band| band.bookable) => {
                            view! {
                                <ul class="bands" data-testid="bands">
                                    {day
                                        .bands
                                        .into_iter()
                                        .map(|band| {
                                            let chosen = band.clone();
                                            let label = move || {
                                                let lang = lang.get();
                                                format!(
                                                    "{} {} {}",
                                                    lang.band(band.start, band.end),
                                                    lang.mark(band.mark),
                                                    lang.seats_left(band.remaining)
                                                )
                                            };
                                            view! {
                                                <li>
                                                    <button
                                                        type="button"
                                                        class="band"
                                                        aria-label=label
                                                        aria-disabled=(!band.bookable).then_some("true")
                                                        data-start=band.start.format("%H:%M").to_string()
                                                        on:click=move |_| if chosen.bookable { choose(chosen.clone()) }
                                                    >
                                                        <span class="band-time">{move || lang.get().band(band.start, band.end)}</span>
                                                        <span class="band-mark" aria-hidden="true">{band.mark.symbol()}</span>
                                                        <span class="band-seats" aria-hidden="true">{move || lang.get().seats_left(band.remaining)}</span>
                                                    </button>
                                                </li>
                                            }
                                        })
                                        .collect_view()}
                                </ul>
                            }
                                .into_any()
                        }
                        Ok(_) => view! { <p>{move || lang.get().text().no_times}</p> }.into_any(),
                        Err(failure) => {
                            let failure = Signal::derive(move || Some(failure.clone()));
                            view! { <ProblemMessage error=failure/> }.into_any()
                        }
                    })
            }}
        </Suspense>
        <div class="step-buttons">
            <button type="button" class="secondary" on:click=move |_| go.run("date")>{move || lang.get().text().back}</button>
        </div>
    }
}
