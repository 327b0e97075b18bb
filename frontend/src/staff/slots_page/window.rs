//! The booking window: how far ahead citizens book, and when booking for a day closes.

use chrono::NaiveTime;
use leptos::prelude::*;
use leptos::task::spawn_local;
use madoguchi_shared::dto::schedule::BookingWindow;
use madoguchi_shared::error::{FieldError, FieldErrorCode};

use crate::api::ApiError;
use crate::api::schedule;
use crate::components::city_problem::CityProblem;
use crate::components::field_errors::{FieldErrors, LabelledInput};
use crate::i18n::Lang;

/// The booking window of the location.
#[component]
pub(super) fn WindowSection(location_id: i64, status: RwSignal<Option<String>>) -> impl IntoView {
    let lang = expect_context::<RwSignal<Lang>>();
    let error = RwSignal::new(None::<ApiError>);
    let errors = FieldErrors::new();
    let busy = RwSignal::new(false);
    let opens = RwSignal::new(String::new());
    let closes_before = RwSignal::new(String::new());
    let closes_at = RwSignal::new(String::new());
    let few_seats = RwSignal::new(String::new());
    let few_percent = RwSignal::new(String::new());
    let hold = RwSignal::new(String::new());
    let release = RwSignal::new(String::new());
    let party = RwSignal::new(String::new());
    let show = move |window: BookingWindow| {
        opens.set(window.opens_days_ahead.to_string());
        closes_before.set(window.closes_days_before.to_string());
        closes_at.set(window.closes_at.format("%H:%M").to_string());
        few_seats.set(window.few_threshold.seats.to_string());
        few_percent.set(window.few_threshold.percent.to_string());
        hold.set(window.hold_minutes.to_string());
        release.set(window.phone_quota_release_hours.to_string());
        party.set(window.max_party_size.to_string());
    };
    spawn_local(async move {
        match schedule::booking_window(location_id).await {
            Ok(window) => show(window),
            Err(failure) => error.set(Some(failure)),
        }
    });
    let save = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        let mut wrong = Vec::new();
        let mut number = |field: &str, value: RwSignal<String>| {
            value
                .get_untracked()
                .trim()
                .parse::<u32>()
                .unwrap_or_else(|_| {
                    wrong.push(FieldError::new(
                        field,
                        FieldErrorCode::InvalidFormat,
                        "must be a whole number",
                    ));
                    0
                })
        };
        let opens_days_ahead = number("opens_days_ahead", opens);
        let closes_days_before = number("closes_days_before", closes_before);
        let seats = number("few_threshold.seats", few_seats);
        let percent = number("few_threshold.percent", few_percent);
        let hold_minutes = number("hold_minutes", hold);
        let phone_quota_release_hours = number("phone_quota_release_hours", release);
        let max_party_size = number("max_party_size", party);
        let closes = NaiveTime::parse_from_str(closes_at.get_untracked().trim(), "%H:%M").ok();
        if closes.is_none() {
            wrong.push(FieldError::new(
                "closes_at",
                FieldErrorCode::InvalidFormat,
                "HH:MM",
            ));
        }
        if !wrong.is_empty() {
            errors.set(wrong);
            return;
        }
        errors.clear();
        let window = BookingWindow {
            opens_days_ahead,
            closes_days_before,
            closes_at: closes.unwrap_or_default(),
            few_threshold: madoguchi_shared::availability::FewThreshold { seats, percent },
            hold_minutes,
            phone_quota_release_hours,
            max_party_size,
        };
        busy.set(true);
        status.set(None);
        spawn_local(async move {
            let result = schedule::put_booking_window(location_id, &window).await;
            busy.set(false);
            match result {
                Ok(window) => {
                    show(window);
                    error.set(None);
                    status.set(Some(
                        lang.get_untracked()
                            .pick("受付期間を保存しました。", "The booking window was saved.")
                            .to_owned(),
                    ));
                }
                Err(failure) => {
                    errors.take_from(&failure);
                    error.set(Some(failure));
                }
            }
        });
    };
    view! {
        <section class="panel" aria-labelledby="window-heading">
            <h2 id="window-heading">{move || lang.get().pick("受付期間と表示", "Booking window")}</h2>
            <CityProblem error=error.into()/>
            <form on:submit=save data-testid="window-editor" novalidate=true>
                <div class="field-row">
                    <LabelledInput id="window-opens" field="opens_days_ahead" ja="何日先まで予約できるか（日）" en="Bookable this many days ahead" kind="number" value=opens errors/>
                    <LabelledInput id="window-closes-before" field="closes_days_before" ja="締切: 来庁日の何日前（日）" en="Closes this many days before the visit" kind="number" value=closes_before errors/>
                    <LabelledInput id="window-closes-at" field="closes_at" ja="締切時刻" en="Closing time" kind="time" value=closes_at errors/>
                    <LabelledInput id="window-few-seats" field="few_threshold.seats" ja="△にする残り席数（0で使わない）" en="△ at this many seats left (0: off)" kind="number" value=few_seats errors/>
                    <LabelledInput id="window-few-percent" field="few_threshold.percent" ja="△にする残りの割合（%、0で使わない）" en="△ at this share left (%, 0: off)" kind="number" value=few_percent errors/>
                    <LabelledInput id="window-hold" field="hold_minutes" ja="仮押さえの時間（分）" en="Hold while filling in (minutes)" kind="number" value=hold errors/>
                    <LabelledInput id="window-release" field="phone_quota_release_hours" ja="電話枠をWebに開放する時期（開始の何時間前）" en="Release the phone quota to the web (hours before)" kind="number" value=release errors/>
                    <LabelledInput id="window-party" field="max_party_size" ja="1件で予約できる最大人数" en="Largest party per reservation" kind="number" value=party errors/>
                </div>
                <button type="submit" class="primary" data-testid="save-window" prop:disabled=move || busy.get()>
                    {move || lang.get().pick("受付期間を保存", "Save the booking window")}
                </button>
            </form>
        </section>
    }
}
