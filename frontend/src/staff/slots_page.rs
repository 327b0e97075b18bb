//! `/staff/slots`: slot settings per location (予約枠の設定, R7.4-ア): weekly templates,
//! day overrides (a weekday night, a weekend or holiday special opening, a closed day), the
//! booking window, and a month preview of the seats each day would offer before saving.
//! A change that would leave booked visitors without a seat is refused by the server with
//! the reservations concerned, which are listed here.

mod affected;
mod bands;
mod dates;
mod drafts;
mod overrides;
mod preview;
mod templates;
mod window;

use leptos::prelude::*;
use leptos::task::spawn_local;
use madoguchi_shared::dto::catalog::Location;
use madoguchi_shared::dto::schedule::{DayOverride, WeeklyTemplate, WeeklyTemplateInput};

use self::dates::{first_of_month, parse_date, today};
use self::drafts::{OverrideDraft, TemplateDraft};
use self::overrides::OverridesSection;
use self::preview::{MonthPreview, Settings};
use self::templates::TemplatesSection;
use self::window::WindowSection;
use crate::api::ApiError;
use crate::api::schedule;
use crate::components::city_problem::CityProblem;
use crate::i18n::Lang;

/// The page: pick a location, then edit its settings.
#[component]
pub fn SlotsPage() -> impl IntoView {
    let lang = expect_context::<RwSignal<Lang>>();
    let locations = LocalResource::new(crate::api::list_locations);
    let chosen = RwSignal::new(None::<i64>);
    Effect::new(move |_| {
        if chosen.get_untracked().is_none()
            && let Some(Ok(list)) = locations.get()
            && let Some(first) = list.first()
        {
            chosen.set(Some(first.id));
        }
    });
    let location_list = move || locations.get().and_then(Result::ok).unwrap_or_default();
    view! {
        <h1>{move || lang.get().pick("予約枠の設定", "Slot settings")}</h1>
        <p class="note">{move || lang.get().pick(
            "窓口ごとに、曜日ごとの時間帯と定員（週間パターン）、特定日の設定（平日夜間・休日の臨時開庁や休止）、受付期間を設定します。保存する前に下の「月の確認」で各日の定員を確かめられます。",
            "Per location: the weekly bands and seats, settings for single days (a weekday night, a weekend or holiday opening, a closed day), and the booking window. Check each day's seats in the month preview before saving.",
        )}</p>
        {move || locations.get().and_then(Result::err).map(|error| {
            view! { <CityProblem error=Signal::derive(move || Some(error.clone()))/> }
        })}
        <div class="field">
            <label for="slots-location">{move || lang.get().pick("窓口", "Location")}</label>
            <select
                id="slots-location"
                data-testid="slots-location"
                on:change=move |event| chosen.set(event_target_value(&event).parse().ok())
            >
                {move || location_list().into_iter().map(|location: Location| {
                    let id = location.id;
                    view! {
                        <option value=id.to_string() selected=move || chosen.get() == Some(id)>
                            {move || lang.get().pick(&location.name_ja, &location.name_en).to_owned()}
                        </option>
                    }
                }).collect_view()}
            </select>
        </div>
        {move || chosen.get().map(|location_id| view! { <LocationSlots location_id=location_id/> })}
    }
}

/// Everything about one location's slots.
#[component]
fn LocationSlots(location_id: i64) -> impl IntoView {
    let templates = RwSignal::new(Vec::<WeeklyTemplate>::new());
    let overrides = RwSignal::new(Vec::<DayOverride>::new());
    let loaded = RwSignal::new(false);
    let load_error = RwSignal::new(None::<ApiError>);
    let status = RwSignal::new(None::<String>);
    let month = RwSignal::new(first_of_month(today()));
    let editing = RwSignal::new(None::<TemplateDraft>);
    let day = OverrideDraft::new();

    let reload = move || {
        spawn_local(async move {
            let listed = schedule::templates(location_id).await;
            let days = schedule::overrides_from(location_id, first_of_month(today())).await;
            match (listed, days) {
                (Ok(listed), Ok(days)) => {
                    templates.set(listed);
                    overrides.set(days);
                    load_error.set(None);
                    loaded.set(true);
                }
                (Err(error), _) | (_, Err(error)) => load_error.set(Some(error)),
            }
        });
    };
    reload();

    let saved = Signal::derive(move || Settings {
        templates: templates.with(|list| list.iter().map(|t| t.template.clone()).collect()),
        overrides: overrides.get(),
    });
    let edited = Signal::derive(move || {
        let mut list: Vec<(Option<i64>, WeeklyTemplateInput)> = templates.with(|list| {
            list.iter()
                .map(|t| (Some(t.id), t.template.clone()))
                .collect()
        });
        if let Some(draft) = editing.get()
            && let Some(input) = draft.lenient()
        {
            match list
                .iter_mut()
                .find(|(id, _)| draft.id.is_some() && *id == draft.id)
            {
                Some(entry) => entry.1 = input,
                None => list.push((None, input)),
            }
        }
        let mut days = overrides.get();
        if let Some(draft) = day.lenient() {
            days.retain(|other| other.date != draft.date);
            days.push(draft);
        }
        Settings {
            templates: list.into_iter().map(|(_, input)| input).collect(),
            overrides: days,
        }
    });
    Effect::new(move |_| {
        if day.loaded.get()
            && let Some(date) = parse_date(&day.date.get())
        {
            month.set(first_of_month(date));
        }
    });

    view! {
        <CityProblem error=load_error.into()/>
        <p role="status" class="notice" data-testid="slots-status">{move || status.get()}</p>
        <Show when=move || loaded.get()>
            <TemplatesSection location_id templates editing status reload/>
            <OverridesSection location_id templates overrides day status reload/>
            <MonthPreview month edited saved/>
            <WindowSection location_id status/>
        </Show>
    }
}
