//! Panel 1 of the phone screen: the office, the party size, four weeks of days with the
//! phone channel's seats, and the chosen day's bands; arrow keys move within each group.

use chrono::Days;
use leptos::prelude::*;
use madoguchi_shared::availability::Mark;

use super::call::{MAX_PARTY, PhoneCall};
use super::days::{DAYS_SHOWN, page_start, short_date};
use crate::components::loading::{Audience, Loading, load_failed};
use crate::i18n::Lang;

/// The panel.
#[component]
pub(super) fn WhenPanel(call: PhoneCall) -> impl IntoView {
    let lang = call.lang;
    view! {
        <section class="panel" aria-labelledby="phone-when-heading">
            <h2 id="phone-when-heading">{move || lang.get().pick("1. 窓口・人数・日時", "1. Office, party and time")}</h2>
            <div class="phone-row">
                <OfficeChoice call=call/>
                <PartySizeChoice call=call/>
            </div>
            <StretchNav call=call/>
            <DayChoices call=call/>
            <BandChoices call=call/>
        </section>
    }
}

#[component]
fn OfficeChoice(call: PhoneCall) -> impl IntoView {
    let lang = call.lang;
    view! {
        <div class="field">
            <label for="phone-location">{move || lang.get().pick("窓口", "Office")}</label>
            <select
                id="phone-location"
                data-testid="phone-location"
                on:change=move |event| {
                    call.location_choice.set(event_target_value(&event).parse().ok());
                    call.chosen_date.set(None);
                    call.chosen_band.set(None);
                }
            >
                {move || {
                    call.locations
                        .get()
                        .and_then(Result::ok)
                        .unwrap_or_default()
                        .into_iter()
                        .filter(|l| l.active)
                        .map(|l| {
                            let id = l.id;
                            view! {
                                <option value=id.to_string() selected=move || call.location_id.get() == Some(id)>
                                    {move || lang.get().pick(&l.name_ja, &l.name_en).to_owned()}
                                </option>
                            }
                        })
                        .collect_view()
                }}
            </select>
        </div>
    }
}

#[component]
fn PartySizeChoice(call: PhoneCall) -> impl IntoView {
    let lang = call.lang;
    view! {
        <div class="field">
            <label for="phone-party-size">{move || lang.get().pick("人数", "People")}</label>
            <select
                id="phone-party-size"
                data-testid="phone-party-size"
                on:change=move |event| call.set_party_size(event_target_value(&event).parse().unwrap_or(1))
            >
                {(1..=MAX_PARTY)
                    .map(|size| view! {
                        <option value=size.to_string() selected=move || call.party.get() == size>
                            {move || match lang.get() { Lang::Ja => format!("{size}人"), Lang::En => format!("{size}") }}
                        </option>
                    })
                    .collect_view()}
            </select>
        </div>
    }
}

#[component]
fn StretchNav(call: PhoneCall) -> impl IntoView {
    let lang = call.lang;
    let stretch = call.stretch;
    // Named, not inline: a `>` inside an unbraced attribute value would end the tag.
    let at_last_stretch = move || stretch.get() >= 2;
    view! {
        <div class="stretch-nav">
            <button type="button" class="secondary small" data-testid="phone-earlier" prop:disabled=move || stretch.get() == 0 on:click=move |_| stretch.update(|n| *n = n.saturating_sub(1))>
                {move || lang.get().pick("前の4週間", "Previous 4 weeks")}
            </button>
            <span aria-live="polite">{move || {
                let first = page_start(stretch.get());
                let last = first.checked_add_days(Days::new(DAYS_SHOWN - 1)).unwrap_or(first);
                let lang = lang.get();
                format!("{}{}{}", short_date(lang, first), lang.pick("〜", "–"), short_date(lang, last))
            }}</span>
            <button type="button" class="secondary small" data-testid="phone-later" prop:disabled=at_last_stretch on:click=move |_| stretch.update(|n| *n += 1)>
                {move || lang.get().pick("次の4週間", "Next 4 weeks")}
            </button>
        </div>
    }
}

#[component]
fn DayChoices(call: PhoneCall) -> impl IntoView {
    let lang = call.lang;
    view! {
        <fieldset class="day-choices" data-testid="phone-days">
            <legend>{move || lang.get().pick("日にち（4週間分・電話受付分の空き）", "Day (4 weeks, seats for phone bookings)")}</legend>
            <Suspense fallback=|| view! { <Loading/> }>
                {move || call.days.get().map(|found| match found {
                    Ok(Some(list)) if !list.is_empty() => list
                        .into_iter()
                        .map(|day| {
                            let date = day.date;
                            let id = format!("phone-day-{date}");
                            let bookable = matches!(day.mark, Mark::Available | Mark::Few);
                            let mark = day.mark;
                            view! {
                                <div class=format!("chip mark-{:?}", mark).to_lowercase()>
                                    <input
                                        type="radio"
                                        name="phone-day"
                                        id=id.clone()
                                        data-testid=id.clone()
                                        value=date.to_string()
                                        disabled=!bookable
                                        prop:checked=move || call.chosen_date.get() == Some(date)
                                        on:change=move |_| call.choose_date(date)
                                    />
                                    <label for=id>
                                        <span class="chip-date">{move || short_date(lang.get(), date)}</span>
                                        <span class="chip-mark">{mark.symbol()}" "{move || lang.get().mark(mark)}</span>
                                        <span class="chip-seats">{move || lang.get().seats_left(day.remaining)}</span>
                                    </label>
                                </div>
                            }
                        })
                        .collect_view()
                        .into_any(),
                    Ok(_) => view! { <p>{move || lang.get().pick("予約できる日がありません。", "No day can be booked.")}</p> }.into_any(),
                    Err(failure) => load_failed(Audience::Staff, failure),
                })}
            </Suspense>
        </fieldset>
    }
}

#[component]
fn BandChoices(call: PhoneCall) -> impl IntoView {
    let lang = call.lang;
    view! {
        <fieldset class="band-choices" id="band" data-testid="phone-bands" aria-invalid=move || call.error_of("band").is_some().to_string()>
            <legend>
                {move || lang.get().pick("時間帯", "Band")}
                {move || call.chosen_date.get().map(|date| format!("（{}）", lang.get().date(date)))}
            </legend>
            {move || match call.chosen_date.get() {
                None => view! { <p class="note">{move || lang.get().pick("先に日にちを選んでください。", "Choose a day first.")}</p> }.into_any(),
                Some(_) => view! {
                    <Suspense fallback=|| view! { <Loading/> }>
                        {move || call.bands.get().map(|found| match found {
                            Ok(Some(day)) if !day.bands.is_empty() => day
                                .bands
                                .into_iter()
                                .map(|band| {
                                    let key = band.start.format("%H:%M").to_string();
                                    let id = format!("phone-band-{key}");
                                    let (start, end, mark) = (band.start, band.end, band.mark);
                                    view! {
                                        <div class=format!("chip mark-{:?}", mark).to_lowercase()>
                                            <input
                                                type="radio"
                                                name="phone-band"
                                                id=id.clone()
                                                data-testid=id.clone()
                                                data-start=key
                                                disabled=!band.bookable
                                                prop:checked=move || call.chosen_band.get().map(|(s, _)| s) == Some(start)
                                                on:change=move |_| {
                                                    call.chosen_band.set(Some((start, end)));
                                                    call.confirming.set(false);
                                                }
                                            />
                                            <label for=id>
                                                <span class="chip-date">{move || lang.get().band(start, end)}</span>
                                                <span class="chip-mark">{mark.symbol()}" "{move || lang.get().mark(mark)}</span>
                                                <span class="chip-seats">{move || lang.get().seats_left(band.remaining)}</span>
                                            </label>
                                        </div>
                                    }
                                })
                                .collect_view()
                                .into_any(),
                            Ok(_) => view! { <p>{move || lang.get().text().no_times}</p> }.into_any(),
                            Err(failure) => load_failed(Audience::Staff, failure),
                        })}
                    </Suspense>
                }.into_any(),
            }}
        </fieldset>
    }
}
