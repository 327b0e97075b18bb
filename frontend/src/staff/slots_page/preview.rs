//! The month preview: what each day would offer with the settings as edited, before
//! saving, computed with the same shared rule the server books with.

use chrono::{Datelike, Months, NaiveDate};
use leptos::prelude::*;
use madoguchi_shared::calendar::{holiday, is_year_end_closure};
use madoguchi_shared::dto::schedule::{DayOverride, TimeBand, WeeklyTemplateInput};
use madoguchi_shared::schedule::bands_on;

use crate::components::scroll_box::ScrollBox;
use crate::i18n::Lang;

/// One day of the preview.
#[derive(Clone, Debug, PartialEq)]
struct PreviewDay {
    date: NaiveDate,
    bands: Vec<TimeBand>,
    label: Option<String>,
    closed_override: bool,
    changed: bool,
}

/// The settings a preview is computed from.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Settings {
    /// Weekly templates.
    pub templates: Vec<WeeklyTemplateInput>,
    /// Day overrides.
    pub overrides: Vec<DayOverride>,
}

impl Settings {
    fn bands(&self, date: NaiveDate) -> Vec<TimeBand> {
        let day = self
            .overrides
            .iter()
            .find(|day| day.date == date)
            .map(|day| &day.day);
        bands_on(date, &self.templates, day).to_vec()
    }
}

fn days_of(month: NaiveDate, edited: &Settings, saved: &Settings) -> Vec<PreviewDay> {
    month
        .iter_days()
        .take_while(|date| date.month() == month.month())
        .map(|date| {
            let bands = edited.bands(date);
            let day_override = edited.overrides.iter().find(|day| day.date == date);
            PreviewDay {
                date,
                changed: bands != saved.bands(date),
                label: day_override
                    .map(|day| day.day.label.clone())
                    .filter(|label| !label.is_empty()),
                closed_override: day_override.is_some_and(|day| day.day.closed),
                bands,
            }
        })
        .collect()
}

fn cell(day: PreviewDay, lang: Lang) -> impl IntoView {
    let capacity: u32 = day.bands.iter().map(|band| band.capacity).sum();
    let phone: u32 = day.bands.iter().map(|band| band.phone_quota).sum();
    let rest = if day.closed_override {
        Some(lang.pick("休止", "Closed"))
    } else if day.bands.is_empty() {
        Some(
            if holiday(day.date).is_some() || is_year_end_closure(day.date) {
                lang.pick("休日", "Holiday")
            } else {
                lang.pick("受付なし", "No bands")
            },
        )
    } else {
        None
    };
    let first = day.bands.first().map(|band| band.start);
    let last = day.bands.last().map(|band| band.end);
    let class = match (rest.is_some(), day.changed) {
        (true, true) => "preview-day closed changed",
        (true, false) => "preview-day closed",
        (false, true) => "preview-day open changed",
        (false, false) => "preview-day open",
    };
    view! {
        <td
            class=class
            data-testid=format!("preview-{}", day.date)
            data-capacity=capacity
            data-changed=day.changed.to_string()
        >
            <span class="preview-number">{day.date.day()}</span>
            {match rest {
                Some(text) => view! { <span class="preview-rest">{text}</span> }.into_any(),
                None => view! {
                    <span class="preview-capacity">
                        {match lang {
                            Lang::Ja => format!("定員 {capacity}"),
                            Lang::En => format!("{capacity} seats"),
                        }}
                    </span>
                    <span class="preview-bands">
                        {match (lang, first, last) {
                            (_, Some(first), Some(last)) => format!(
                                "{} ({})",
                                lang.band(first, last),
                                match lang {
                                    Lang::Ja => format!("{}枠", day.bands.len()),
                                    Lang::En => format!("{} bands", day.bands.len()),
                                },
                            ),
                            _ => String::new(),
                        }}
                    </span>
                    {(phone > 0).then(|| view! {
                        <span class="preview-phone">
                            {match lang {
                                Lang::Ja => format!("電話 {phone}"),
                                Lang::En => format!("phone {phone}"),
                            }}
                        </span>
                    })}
                }
                .into_any(),
            }}
            {day.label.map(|label| view! { <span class="preview-label">{label}</span> })}
            {day.changed.then(|| view! {
                <span class="preview-changed">{lang.pick("未保存の変更", "Unsaved change")}</span>
            })}
        </td>
    }
}

/// A month of days with the seats each would offer.
#[component]
pub fn MonthPreview(
    /// First day of the month shown.
    month: RwSignal<NaiveDate>,
    /// The settings as edited.
    edited: Signal<Settings>,
    /// The settings as saved.
    saved: Signal<Settings>,
) -> impl IntoView {
    let lang = expect_context::<RwSignal<Lang>>();
    let shift = move |months: i32| {
        month.update(|first| {
            let moved = if months < 0 {
                first.checked_sub_months(Months::new(months.unsigned_abs()))
            } else {
                first.checked_add_months(Months::new(months.unsigned_abs()))
            };
            if let Some(moved) = moved {
                *first = moved;
            }
        });
    };
    let weeks = move || {
        let first = month.get();
        let days = edited.with(|edited| saved.with(|saved| days_of(first, edited, saved)));
        let lead = first.weekday().num_days_from_monday() as usize;
        let mut cells: Vec<Option<PreviewDay>> = vec![None; lead];
        cells.extend(days.into_iter().map(Some));
        while !cells.len().is_multiple_of(7) {
            cells.push(None);
        }
        let lang = lang.get();
        cells
            .chunks(7)
            .map(|week| {
                let row = week
                    .iter()
                    .cloned()
                    .map(|day| match day {
                        Some(day) => cell(day, lang).into_any(),
                        None => view! { <td class="preview-empty"></td> }.into_any(),
                    })
                    .collect_view();
                view! { <tr>{row}</tr> }
            })
            .collect_view()
    };
    let changed_count = move || {
        let first = month.get();
        edited.with(|edited| {
            saved.with(|saved| {
                days_of(first, edited, saved)
                    .iter()
                    .filter(|day| day.changed)
                    .count()
            })
        })
    };
    view! {
        <section class="slot-preview" aria-labelledby="slot-preview-heading" data-testid="slot-preview">
            <h2 id="slot-preview-heading">{move || lang.get().pick("月の確認（保存前）", "Month preview (before saving)")}</h2>
            <p class="note">{move || lang.get().pick(
                "編集中の内容で、各日の時間帯と定員を表示します。「未保存の変更」は保存するとこう変わる日です。",
                "Each day's bands and seats with the settings as edited. Days marked “Unsaved change” will change when you save.",
            )}</p>
            <div class="calendar-nav">
                <button type="button" class="secondary" on:click=move |_| shift(-1) data-testid="preview-prev">
                    {move || lang.get().pick("前の月", "Previous month")}
                </button>
                <h3 aria-live="polite">{move || lang.get().month(month.get())}</h3>
                <button type="button" class="secondary" on:click=move |_| shift(1) data-testid="preview-next">
                    {move || lang.get().pick("次の月", "Next month")}
                </button>
            </div>
            <p role="status" class="note" data-testid="preview-changed-count">
                {move || match (lang.get(), changed_count()) {
                    (Lang::Ja, 0) => "この月に未保存の変更はありません。".to_owned(),
                    (Lang::Ja, n) => format!("この月の {n} 日が変わります。"),
                    (Lang::En, 0) => "No unsaved change this month.".to_owned(),
                    (Lang::En, n) => format!("{n} days of this month will change."),
                }}
            </p>
            <ScrollBox>
                <table class="preview-table">
                    <caption class="visually-hidden">{move || format!(
                        "{} {}",
                        lang.get().month(month.get()),
                        lang.get().pick("の予約枠", "slot settings"),
                    )}</caption>
                    <thead>
                        <tr>
                            {move || lang.get().weekdays().into_iter().map(|name| view! { <th scope="col">{name}</th> }).collect_view()}
                        </tr>
                    </thead>
                    <tbody>{weeks}</tbody>
                </table>
            </ScrollBox>
        </section>
    }
}
