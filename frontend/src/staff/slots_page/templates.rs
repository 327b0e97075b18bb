//! The weekly templates of one location: bands per weekday, valid from a date.

use leptos::prelude::*;
use leptos::task::spawn_local;
use madoguchi_shared::dto::schedule::{DayOfWeek, WeeklyTemplate};

use super::affected::AffectedReservations;
use super::bands::{BandsEditor, lenient_bands, rows_of};
use super::dates::{confirmed, short_weekday, today, weekday_name};
use super::drafts::TemplateDraft;
use crate::api::ApiError;
use crate::api::schedule;
use crate::components::city_problem::CityProblem;
use crate::components::field_errors::{FieldErrors, LabelledInput};
use crate::components::scroll_box::ScrollBox;
use crate::i18n::Lang;

/// The weekly templates: list, edit, add, delete.
#[component]
pub(super) fn TemplatesSection(
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
            match schedule::delete_template(template.id).await {
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
                Some(id) => schedule::replace_template(id, &input).await,
                None => schedule::create_template(location_id, &input).await,
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
