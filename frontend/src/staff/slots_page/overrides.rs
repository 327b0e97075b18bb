//! Day overrides: a special opening, other bands on one day, or a closed day.

use chrono::NaiveDate;
use leptos::prelude::*;
use leptos::task::spawn_local;
use madoguchi_shared::dto::schedule::{DayOverride, WeeklyTemplate, WeeklyTemplateInput};
use madoguchi_shared::schedule::bands_on;

use super::affected::AffectedReservations;
use super::bands::{BandsEditor, rows_of};
use super::dates::{confirmed, parse_date};
use super::drafts::OverrideDraft;
use crate::api::ApiError;
use crate::api::schedule;
use crate::components::city_problem::CityProblem;
use crate::components::field_errors::{FieldErrorText, FieldErrors, LabelledInput};
use crate::components::scroll_box::ScrollBox;
use crate::i18n::Lang;

/// Single days: a list of the set ones, and the form for one day.
#[component]
pub(super) fn OverridesSection(
    location_id: i64,
    templates: RwSignal<Vec<WeeklyTemplate>>,
    overrides: RwSignal<Vec<DayOverride>>,
    day: OverrideDraft,
    status: RwSignal<Option<String>>,
    reload: impl Fn() + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let lang = expect_context::<RwSignal<Lang>>();
    let error = RwSignal::new(None::<ApiError>);
    let errors = FieldErrors::new();
    let busy = RwSignal::new(false);
    let load = move |date: NaiveDate| {
        errors.clear();
        error.set(None);
        day.date.set(date.to_string());
        let existing =
            overrides.with_untracked(|list| list.iter().find(|d| d.date == date).cloned());
        match existing {
            Some(existing) => {
                day.label.set(existing.day.label);
                day.closed.set(existing.day.closed);
                day.rows.set(rows_of(&existing.day.bands));
            }
            None => {
                let usual = templates.with_untracked(|list| {
                    let inputs: Vec<WeeklyTemplateInput> =
                        list.iter().map(|t| t.template.clone()).collect();
                    bands_on(date, &inputs, None).to_vec()
                });
                day.label.set(String::new());
                day.closed.set(false);
                day.rows.set(rows_of(&usual));
            }
        }
        day.loaded.set(true);
    };
    let save = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        let (date, input) = match day.strict() {
            Ok(valid) => valid,
            Err(wrong) => {
                errors.set(wrong);
                error.set(None);
                return;
            }
        };
        errors.clear();
        busy.set(true);
        status.set(None);
        spawn_local(async move {
            let result = schedule::put_override(location_id, date, &input).await;
            busy.set(false);
            match result {
                Ok(_) => {
                    error.set(None);
                    let lang = lang.get_untracked();
                    status.set(Some(match lang {
                        Lang::Ja => format!("{}の設定を保存しました。", lang.date(date)),
                        Lang::En => format!("The setting for {} was saved.", lang.date(date)),
                    }));
                    reload();
                }
                Err(failure) => {
                    errors.take_from(&failure);
                    error.set(Some(failure));
                }
            }
        });
    };
    let remove = move |date: NaiveDate| {
        let lang = lang.get_untracked();
        let question = match lang {
            Lang::Ja => format!(
                "{}の特定日の設定を削除し、通常の予約枠に戻しますか。",
                lang.date(date)
            ),
            Lang::En => format!(
                "Remove the setting for {} and go back to the usual bands?",
                lang.date(date)
            ),
        };
        if !confirmed(&question) {
            return;
        }
        spawn_local(async move {
            match schedule::delete_override(location_id, date).await {
                Ok(()) => {
                    error.set(None);
                    status.set(Some(match lang {
                        Lang::Ja => format!("{}の設定を削除しました。", lang.date(date)),
                        Lang::En => format!("The setting for {} was removed.", lang.date(date)),
                    }));
                    if parse_date(&day.date.get_untracked()) == Some(date) {
                        day.loaded.set(false);
                    }
                    reload();
                }
                Err(failure) => error.set(Some(failure)),
            }
        });
    };
    let list = move || {
        let lang = lang.get();
        let mut days = overrides.get();
        days.sort_by_key(|d| d.date);
        days.into_iter()
            .map(|d| {
                let date = d.date;
                let what = if d.day.closed {
                    lang.pick("休止", "Closed").to_owned()
                } else {
                    d.day
                        .bands
                        .iter()
                        .map(|band| format!("{} ({})", lang.band(band.start, band.end), band.capacity))
                        .collect::<Vec<_>>()
                        .join(", ")
                };
                let label_text = lang.date(date);
                view! {
                    <tr data-testid=format!("override-{date}")>
                        <th scope="row">{lang.date(date)}</th>
                        <td>{d.day.label}</td>
                        <td>{what}</td>
                        <td class="row-actions">
                            <button type="button" class="secondary small" on:click=move |_| load(date)>
                                {lang.pick("編集", "Edit")}
                                <span class="visually-hidden">{format!(" {label_text}")}</span>
                            </button>
                            <button type="button" class="danger small" on:click=move |_| remove(date)>
                                {lang.pick("削除", "Remove")}
                                <span class="visually-hidden">{format!(" {}", lang.date(date))}</span>
                            </button>
                        </td>
                    </tr>
                }
            })
            .collect_view()
    };
    let owner = Signal::derive(move || {
        parse_date(&day.date.get())
            .map(|date| lang.get().date(date))
            .unwrap_or_default()
    });
    view! {
        <section class="panel" aria-labelledby="overrides-heading">
            <h2 id="overrides-heading">{move || lang.get().pick("特定日の設定", "Single days")}</h2>
            <p class="note">{move || lang.get().pick(
                "平日夜間の延長や土日・祝日の臨時開庁は、その日の時間帯をすべて設定します（通常の時間帯も含めて）。窓口を閉める日は「この日は受付しない」を選びます。",
                "For a weekday night or a weekend or holiday opening, list all of that day's bands (the usual ones too). Choose “closed” to close the day.",
            )}</p>
            <CityProblem error=error.into()/>
            <AffectedReservations error/>
            <ScrollBox>
                <table class="data-table" data-testid="overrides">
                    <caption class="visually-hidden">{move || lang.get().pick("設定済みの特定日", "Days with their own setting")}</caption>
                    <thead>
                        <tr>
                            <th scope="col">{move || lang.get().pick("日付", "Day")}</th>
                            <th scope="col">{move || lang.get().pick("名前", "Label")}</th>
                            <th scope="col">{move || lang.get().pick("時間帯（定員）", "Bands (seats)")}</th>
                            <th scope="col">{move || lang.get().pick("操作", "Actions")}</th>
                        </tr>
                    </thead>
                    <tbody>{list}</tbody>
                </table>
            </ScrollBox>
            <form class="slot-editor" on:submit=save data-testid="override-editor" novalidate=true>
                <h3>{move || lang.get().pick("特定日を設定する", "Set a single day")}</h3>
                <div class="field-row">
                    <div class="field">
                        <label for="override-date">{move || lang.get().pick("日付", "Day")}</label>
                        <input
                            id="override-date"
                            type="date"
                            data-testid="override-date"
                            aria-describedby="override-date-help override-date-error"
                            aria-invalid=move || errors.message("date", lang.get()).map(|_| "true")
                            prop:value=move || day.date.get()
                            on:change=move |event| {
                                let text = event_target_value(&event);
                                match parse_date(&text) {
                                    Some(date) => load(date),
                                    None => {
                                        day.date.set(text);
                                        day.loaded.set(false);
                                    }
                                }
                            }
                        />
                        <p class="note" id="override-date-help">{move || lang.get().pick(
                            "日付を選ぶと、その日の今の時間帯が読み込まれます。",
                            "Choosing a day loads its current bands.",
                        )}</p>
                        <FieldErrorText errors field="date" id="override-date-error"/>
                    </div>
                    <Show when=move || day.loaded.get()>
                        <LabelledInput id="override-label" field="label" ja="名前（例: 休日臨時開庁、平日夜間窓口）" en="Label (e.g. weekend opening, weekday night)" kind="text" value=day.label errors/>
                    </Show>
                </div>
                <Show when=move || day.loaded.get()>
                    <div class="field checkbox">
                        <input
                            id="override-closed"
                            type="checkbox"
                            data-testid="override-closed"
                            prop:checked=move || day.closed.get()
                            on:change=move |event| day.closed.set(event_target_checked(&event))
                        />
                        <label for="override-closed">{move || lang.get().pick("この日は受付しない（休止）", "Closed: no bookings this day")}</label>
                    </div>
                    <Show when=move || !day.closed.get()>
                        <BandsEditor rows=day.rows path="bands" id_prefix="override" owner errors/>
                    </Show>
                    <div class="actions">
                        <button type="submit" class="primary" data-testid="save-override" prop:disabled=move || busy.get()>
                            {move || lang.get().pick("この日の設定を保存", "Save this day")}
                        </button>
                        <button type="button" class="secondary" on:click=move |_| { day.loaded.set(false); day.date.set(String::new()); errors.clear(); error.set(None); }>
                            {move || lang.get().pick("編集をやめる", "Discard changes")}
                        </button>
                    </div>
                </Show>
            </form>
        </section>
    }
}
