//! `/staff/slots`: slot settings per location (予約枠の設定, R7.4-ア): weekly templates,
//! day overrides (a weekday night, a weekend or holiday special opening, a closed day), the
//! booking window, and a month preview of the seats each day would offer before saving.
//! A change that would leave booked visitors without a seat is refused by the server with
//! the reservations concerned, which are listed here.

mod bands;
mod preview;

use chrono::{Datelike, NaiveDate, NaiveTime};
use leptos::prelude::*;
use leptos::task::spawn_local;
use madoguchi_shared::dto::catalog::Location;
use madoguchi_shared::dto::schedule::{
    BookingWindow, DayOfWeek, DayOverride, DayOverrideInput, WeekdayBands, WeeklyTemplate,
    WeeklyTemplateInput,
};
use madoguchi_shared::error::{ErrorCode, FieldError};
use madoguchi_shared::schedule::{bands_on, validate_override, validate_template};

use self::bands::{BandRow, BandsEditor, lenient_bands, rows_of, strict_bands};
use self::preview::{MonthPreview, Settings};
use crate::api::{ApiError, staff as api};
use crate::components::city_problem::CityProblem;
use crate::components::field_errors::{FieldErrorText, FieldErrors, LabelledInput};
use crate::components::scroll_box::ScrollBox;
use crate::i18n::Lang;

fn today() -> NaiveDate {
    crate::clock::today()
}

fn first_of_month(date: NaiveDate) -> NaiveDate {
    date.with_day(1).unwrap_or(date)
}

fn weekday_name(day: DayOfWeek, lang: Lang) -> &'static str {
    match (day, lang) {
        (DayOfWeek::Mon, Lang::Ja) => "月曜日",
        (DayOfWeek::Tue, Lang::Ja) => "火曜日",
        (DayOfWeek::Wed, Lang::Ja) => "水曜日",
        (DayOfWeek::Thu, Lang::Ja) => "木曜日",
        (DayOfWeek::Fri, Lang::Ja) => "金曜日",
        (DayOfWeek::Sat, Lang::Ja) => "土曜日",
        (DayOfWeek::Sun, Lang::Ja) => "日曜日",
        (DayOfWeek::Mon, Lang::En) => "Monday",
        (DayOfWeek::Tue, Lang::En) => "Tuesday",
        (DayOfWeek::Wed, Lang::En) => "Wednesday",
        (DayOfWeek::Thu, Lang::En) => "Thursday",
        (DayOfWeek::Fri, Lang::En) => "Friday",
        (DayOfWeek::Sat, Lang::En) => "Saturday",
        (DayOfWeek::Sun, Lang::En) => "Sunday",
    }
}

fn short_weekday(day: DayOfWeek, lang: Lang) -> &'static str {
    let index = DayOfWeek::ALL
        .iter()
        .position(|other| *other == day)
        .unwrap_or(0);
    lang.weekdays()[index]
}

fn parse_date(text: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d").ok()
}

fn confirmed(message: &str) -> bool {
    window().confirm_with_message(message).unwrap_or(false)
}

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

/// A weekly template as it is being edited.
#[derive(Clone, Copy)]
struct TemplateDraft {
    id: Option<i64>,
    name: RwSignal<String>,
    valid_from: RwSignal<String>,
    valid_to: RwSignal<String>,
    days: [RwSignal<Vec<BandRow>>; 7],
}

impl TemplateDraft {
    fn new_for(today: NaiveDate) -> TemplateDraft {
        TemplateDraft {
            id: None,
            name: RwSignal::new(String::new()),
            valid_from: RwSignal::new(today.to_string()),
            valid_to: RwSignal::new(String::new()),
            days: std::array::from_fn(|_| RwSignal::new(Vec::new())),
        }
    }

    fn of(template: &WeeklyTemplate) -> TemplateDraft {
        let input = &template.template;
        TemplateDraft {
            id: Some(template.id),
            name: RwSignal::new(input.name.clone()),
            valid_from: RwSignal::new(input.valid_from.to_string()),
            valid_to: RwSignal::new(input.valid_to.map(|to| to.to_string()).unwrap_or_default()),
            days: std::array::from_fn(|index| {
                let bands = DayOfWeek::ALL
                    .get(index)
                    .and_then(|weekday| input.days.iter().find(|day| day.weekday == *weekday))
                    .map(|day| rows_of(&day.bands))
                    .unwrap_or_default();
                RwSignal::new(bands)
            }),
        }
    }

    /// The template as far as it parses, for the preview.
    fn lenient(&self) -> Option<WeeklyTemplateInput> {
        Some(WeeklyTemplateInput {
            name: self.name.get(),
            valid_from: parse_date(&self.valid_from.get())?,
            valid_to: parse_date(&self.valid_to.get()),
            days: DayOfWeek::ALL
                .iter()
                .zip(self.days.iter())
                .map(|(weekday, rows)| WeekdayBands {
                    weekday: *weekday,
                    bands: rows.with(|rows| lenient_bands(rows)),
                })
                .collect(),
        })
    }

    /// The template to send, or every field that is wrong.
    fn strict(&self) -> Result<WeeklyTemplateInput, Vec<FieldError>> {
        let mut errors = Vec::new();
        let valid_from = parse_date(&self.valid_from.get_untracked());
        if valid_from.is_none() {
            errors.push(FieldError::new("valid_from", "required", "must be a date"));
        }
        let to_text = self.valid_to.get_untracked();
        let valid_to = parse_date(&to_text);
        if !to_text.trim().is_empty() && valid_to.is_none() {
            errors.push(FieldError::new(
                "valid_to",
                "invalid_format",
                "must be a date",
            ));
        }
        let mut days = Vec::new();
        for (index, (weekday, rows)) in DayOfWeek::ALL.iter().zip(self.days.iter()).enumerate() {
            match rows.with_untracked(|rows| strict_bands(&format!("days[{index}].bands"), rows)) {
                Ok(bands) => days.push(WeekdayBands {
                    weekday: *weekday,
                    bands,
                }),
                Err(wrong) => errors.extend(wrong),
            }
        }
        let template = WeeklyTemplateInput {
            name: self.name.get_untracked().trim().to_owned(),
            valid_from: valid_from.unwrap_or_default(),
            valid_to,
            days,
        };
        if !errors.is_empty() {
            return Err(errors);
        }
        validate_template(&template).map(|()| template)
    }
}

/// One day's override as it is being edited.
#[derive(Clone, Copy)]
struct OverrideDraft {
    date: RwSignal<String>,
    label: RwSignal<String>,
    closed: RwSignal<bool>,
    rows: RwSignal<Vec<BandRow>>,
    /// Whether the form holds a day (after choosing a date).
    loaded: RwSignal<bool>,
}

impl OverrideDraft {
    fn new() -> OverrideDraft {
        OverrideDraft {
            date: RwSignal::new(String::new()),
            label: RwSignal::new(String::new()),
            closed: RwSignal::new(false),
            rows: RwSignal::new(Vec::new()),
            loaded: RwSignal::new(false),
        }
    }

    fn lenient(&self) -> Option<DayOverride> {
        if !self.loaded.get() {
            return None;
        }
        let closed = self.closed.get();
        Some(DayOverride {
            location_id: 0,
            date: parse_date(&self.date.get())?,
            day: DayOverrideInput {
                closed,
                label: self.label.get(),
                bands: if closed {
                    Vec::new()
                } else {
                    self.rows.with(|rows| lenient_bands(rows))
                },
            },
        })
    }

    fn strict(&self) -> Result<(NaiveDate, DayOverrideInput), Vec<FieldError>> {
        let Some(date) = parse_date(&self.date.get_untracked()) else {
            return Err(vec![FieldError::new("date", "required", "must be a date")]);
        };
        let closed = self.closed.get_untracked();
        let bands = if closed {
            Vec::new()
        } else {
            self.rows
                .with_untracked(|rows| strict_bands("bands", rows))?
        };
        let day = DayOverrideInput {
            closed,
            label: self.label.get_untracked().trim().to_owned(),
            bands,
        };
        validate_override(&day).map(|()| (date, day))
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
            let listed = api::get::<Vec<WeeklyTemplate>>(&format!(
                "/api/v1/locations/{location_id}/templates"
            ))
            .await;
            let days = api::get::<Vec<DayOverride>>(&format!(
                "/api/v1/locations/{location_id}/overrides?from={}",
                first_of_month(today())
            ))
            .await;
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

/// The reservations a refused change would leave without a seat.
#[component]
fn AffectedReservations(error: RwSignal<Option<ApiError>>) -> impl IntoView {
    let lang = expect_context::<RwSignal<Lang>>();
    move || {
        let Some(ApiError::Problem(problem)) = error.get() else {
            return None;
        };
        if problem.code != ErrorCode::SlotRuleConflict || problem.affected_reservations.is_empty() {
            return None;
        }
        let lang = lang.get();
        let rows = problem
            .affected_reservations
            .into_iter()
            .map(|affected| {
                view! {
                    <tr>
                        <td data-testid="affected-number">{affected.number}</td>
                        <td>{lang.date(affected.date)}</td>
                        <td>{affected.start}</td>
                        <td>{affected.seats}</td>
                        <td>{affected.new_capacity}</td>
                    </tr>
                }
            })
            .collect_view();
        Some(view! {
            <section class="alert affected" data-testid="affected-reservations" aria-labelledby="affected-heading">
                <h3 id="affected-heading">{lang.pick(
                    "この変更では、次の予約の席がなくなります",
                    "This change would leave these reservations without a seat",
                )}</h3>
                <p>{lang.pick(
                    "定員を予約済みの人数以上にするか、先に予約を別の時間帯へ変更してください。",
                    "Keep the seats at or above what is booked, or move these reservations first.",
                )}</p>
                <ScrollBox>
                    <table>
                        <thead>
                            <tr>
                                <th scope="col">{lang.pick("予約番号", "Number")}</th>
                                <th scope="col">{lang.pick("日付", "Day")}</th>
                                <th scope="col">{lang.pick("時間", "Time")}</th>
                                <th scope="col">{lang.pick("予約席数", "Seats booked")}</th>
                                <th scope="col">{lang.pick("変更後の定員", "New capacity")}</th>
                            </tr>
                        </thead>
                        <tbody>{rows}</tbody>
                    </table>
                </ScrollBox>
            </section>
        })
    }
}

/// The weekly templates: list, edit, add, delete.
#[component]
fn TemplatesSection(
    location_id: i64,
    templates: RwSignal<Vec<WeeklyTemplate>>,
    editing: RwSignal<Option<TemplateDraft>>,
    status: RwSignal<Option<String>>,
    reload: impl Fn() + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let lang = expect_context::<RwSignal<Lang>>();
    let error = RwSignal::new(None::<ApiError>);
    let errors = FieldErrors::new();
    let busy = RwSignal::new(false);
    let start_edit = move |draft: TemplateDraft| {
        errors.clear();
        error.set(None);
        editing.set(Some(draft));
    };
    let delete = move |template: WeeklyTemplate| {
        let lang = lang.get_untracked();
        let question = match lang {
            Lang::Ja => format!("週間パターン「{}」を削除しますか。", template.template.name),
            Lang::En => format!("Delete the weekly template “{}”?", template.template.name),
        };
        if !confirmed(&question) {
            return;
        }
        spawn_local(async move {
            match api::delete(&format!("/api/v1/templates/{}", template.id)).await {
                Ok(()) => {
                    error.set(None);
                    status.set(Some(
                        lang.pick("週間パターンを削除しました。", "The template was deleted.")
                            .to_owned(),
                    ));
                    if editing
                        .get_untracked()
                        .is_some_and(|draft| draft.id == Some(template.id))
                    {
                        editing.set(None);
                    }
                    reload();
                }
                Err(failure) => error.set(Some(failure)),
            }
        });
    };
    let save = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        let Some(draft) = editing.get_untracked() else {
            return;
        };
        let input = match draft.strict() {
            Ok(input) => input,
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
            let result = match draft.id {
                Some(id) => {
                    api::put::<_, WeeklyTemplate>(&format!("/api/v1/templates/{id}"), &input).await
                }
                None => {
                    api::post::<_, WeeklyTemplate>(
                        &format!("/api/v1/locations/{location_id}/templates"),
                        &input,
                    )
                    .await
                }
            };
            busy.set(false);
            match result {
                Ok(_) => {
                    error.set(None);
                    editing.set(None);
                    status.set(Some(
                        lang.get_untracked()
                            .pick(
                                "週間パターンを保存しました。",
                                "The weekly template was saved.",
                            )
                            .to_owned(),
                    ));
                    reload();
                }
                Err(failure) => {
                    errors.take_from(&failure);
                    error.set(Some(failure));
                }
            }
        });
    };
    let list = move || {
        let lang = lang.get();
        templates
            .get()
            .into_iter()
            .map(|template| {
                let input = &template.template;
                let summary = DayOfWeek::ALL
                    .iter()
                    .filter_map(|weekday| {
                        let bands = input.days.iter().find(|day| day.weekday == *weekday)?;
                        let first = bands.bands.first()?;
                        let last = bands.bands.last()?;
                        let seats: u32 = bands.bands.iter().map(|band| band.capacity).sum();
                        Some(match lang {
                            Lang::Ja => format!("{} {} 定員{seats}", short_weekday(*weekday, lang), lang.band(first.start, last.end)),
                            Lang::En => format!("{} {} {seats} seats", short_weekday(*weekday, lang), lang.band(first.start, last.end)),
                        })
                    })
                    .collect::<Vec<_>>()
                    .join(" / ");
                let name = input.name.clone();
                let period = format!(
                    "{}{}{}",
                    lang.date(input.valid_from),
                    lang.pick("〜", " – "),
                    input.valid_to.map(|to| lang.date(to)).unwrap_or_default()
                );
                let for_edit = template.clone();
                let for_delete = template.clone();
                let name_for_buttons = name.clone();
                let name_for_delete = name.clone();
                view! {
                    <tr data-testid=format!("template-{}", template.id)>
                        <th scope="row">{name}</th>
                        <td>{period}</td>
                        <td>{summary}</td>
                        <td class="row-actions">
                            <button type="button" class="secondary small" on:click=move |_| start_edit(TemplateDraft::of(&for_edit))>
                                {lang.pick("編集", "Edit")}
                                <span class="visually-hidden">{format!(" {name_for_buttons}")}</span>
                            </button>
                            <button type="button" class="danger small" on:click=move |_| delete(for_delete.clone())>
                                {lang.pick("削除", "Delete")}
                                <span class="visually-hidden">{format!(" {name_for_delete}")}</span>
                            </button>
                        </td>
                    </tr>
                }
            })
            .collect_view()
    };
    view! {
        <section class="panel" aria-labelledby="templates-heading">
            <h2 id="templates-heading">{move || lang.get().pick("週間パターン（通常の予約枠）", "Weekly templates (usual bands)")}</h2>
            <p class="note">{move || lang.get().pick(
                "祝日・年末年始は、特定日の設定で開けない限り受付しません。期間が重なるときは開始日が新しいパターンが使われます。",
                "Holidays and the year-end closure stay closed unless a day setting opens them. Where periods overlap, the template that starts last applies.",
            )}</p>
            <CityProblem error=error.into()/>
            <AffectedReservations error/>
            <ScrollBox>
                <table class="data-table">
                    <thead>
                        <tr>
                            <th scope="col">{move || lang.get().pick("名前", "Name")}</th>
                            <th scope="col">{move || lang.get().pick("期間", "Period")}</th>
                            <th scope="col">{move || lang.get().pick("時間帯", "Bands")}</th>
                            <th scope="col">{move || lang.get().pick("操作", "Actions")}</th>
                        </tr>
                    </thead>
                    <tbody>{list}</tbody>
                </table>
            </ScrollBox>
            <button type="button" class="secondary" data-testid="new-template" on:click=move |_| start_edit(TemplateDraft::new_for(today()))>
                {move || lang.get().pick("週間パターンを追加", "Add a weekly template")}
            </button>
            {move || editing.get().map(|draft| view! {
                <form class="slot-editor" on:submit=save data-testid="template-editor" novalidate=true>
                    <h3>{move || match draft.id {
                        Some(_) => lang.get().pick("週間パターンの編集", "Edit the weekly template"),
                        None => lang.get().pick("新しい週間パターン", "New weekly template"),
                    }}</h3>
                    <div class="field-row">
                        <LabelledInput id="template-name" field="name" ja="名前" en="Name" kind="text" value=draft.name errors/>
                        <LabelledInput id="template-from" field="valid_from" ja="適用開始日" en="First day" kind="date" value=draft.valid_from errors/>
                        <LabelledInput id="template-to" field="valid_to" ja="適用終了日（空欄は期限なし）" en="Last day (empty: no end)" kind="date" value=draft.valid_to errors/>
                    </div>
                    {DayOfWeek::ALL.iter().zip(draft.days.iter()).enumerate().map(|(index, (weekday, rows))| {
                        let weekday = *weekday;
                        let rows = *rows;
                        let owner = Signal::derive(move || weekday_name(weekday, lang.get()).to_owned());
                        let copy_monday = move |_| {
                            let monday = draft.days[0].with_untracked(|rows| lenient_bands(rows));
                            rows.set(rows_of(&monday));
                        };
                        view! {
                            <fieldset class="weekday">
                                <legend>{move || owner.get()}</legend>
                                <BandsEditor rows path=format!("days[{index}].bands") id_prefix=format!("template-day-{index}") owner errors/>
                                {(index > 0).then(|| view! {
                                    <button type="button" class="link" on:click=copy_monday>
                                        {move || match lang.get() {
                                            Lang::Ja => format!("{}に月曜日と同じ時間帯を写す", owner.get()),
                                            Lang::En => format!("Copy Monday's bands to {}", owner.get()),
                                        }}
                                    </button>
                                })}
                            </fieldset>
                        }
                    }).collect_view()}
                    <div class="actions">
                        <button type="submit" class="primary" data-testid="save-template" prop:disabled=move || busy.get()>
                            {move || lang.get().pick("週間パターンを保存", "Save the weekly template")}
                        </button>
                        <button type="button" class="secondary" on:click=move |_| { editing.set(None); error.set(None); errors.clear(); }>
                            {move || lang.get().pick("編集をやめる", "Discard changes")}
                        </button>
                    </div>
                </form>
            })}
        </section>
    }
}

/// Single days: a list of the set ones, and the form for one day.
#[component]
fn OverridesSection(
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
            let result = api::put::<_, DayOverride>(
                &format!("/api/v1/locations/{location_id}/overrides/{date}"),
                &input,
            )
            .await;
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
            match api::delete(&format!("/api/v1/locations/{location_id}/overrides/{date}")).await {
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

/// The booking window of the location.
#[component]
fn WindowSection(location_id: i64, status: RwSignal<Option<String>>) -> impl IntoView {
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
        match api::get::<BookingWindow>(&format!("/api/v1/locations/{location_id}/booking-window"))
            .await
        {
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
                        "invalid_format",
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
            wrong.push(FieldError::new("closes_at", "invalid_format", "HH:MM"));
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
            let result = api::put::<_, BookingWindow>(
                &format!("/api/v1/locations/{location_id}/booking-window"),
                &window,
            )
            .await;
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
