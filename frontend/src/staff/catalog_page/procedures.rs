//! Procedures (R5.1): names, guidance, what to bring, seats per person.

use leptos::prelude::*;
use madoguchi_shared::dto::catalog::{Procedure, ProcedureInput};
use madoguchi_shared::error::FieldError;
use madoguchi_shared::validate::catalog::validate_procedure;

use super::editor::{CatalogEditor, number};
use crate::api::catalog;
use crate::components::city_problem::CityProblem;
use crate::components::field_errors::{LabelledCheckbox, LabelledInput, LabelledTextarea};
use crate::components::loading::{Audience, Loading, load_failed};
use crate::components::scroll_box::ScrollBox;
use crate::i18n::Lang;

#[derive(Clone, Copy)]
pub(super) struct ProcedureDraft {
    pub(super) id: Option<i64>,
    pub(super) code: RwSignal<String>,
    pub(super) name_ja: RwSignal<String>,
    pub(super) name_en: RwSignal<String>,
    pub(super) bring_ja: RwSignal<String>,
    pub(super) bring_en: RwSignal<String>,
    pub(super) notes_ja: RwSignal<String>,
    pub(super) notes_en: RwSignal<String>,
    pub(super) units: RwSignal<String>,
    pub(super) active: RwSignal<bool>,
    pub(super) sort: RwSignal<String>,
}
impl ProcedureDraft {
    pub(super) fn of(procedure: Option<&Procedure>, next_sort: i32) -> ProcedureDraft {
        let text = |pick: fn(&Procedure) -> &String| {
            RwSignal::new(procedure.map(pick).cloned().unwrap_or_default())
        };
        ProcedureDraft {
            id: procedure.map(|p| p.id),
            code: text(|p| &p.code),
            name_ja: text(|p| &p.name_ja),
            name_en: text(|p| &p.name_en),
            bring_ja: text(|p| &p.what_to_bring_ja),
            bring_en: text(|p| &p.what_to_bring_en),
            notes_ja: text(|p| &p.notes_ja),
            notes_en: text(|p| &p.notes_en),
            units: RwSignal::new(procedure.map_or(1, |p| p.units_per_person).to_string()),
            active: RwSignal::new(procedure.is_none_or(|p| p.active)),
            sort: RwSignal::new(procedure.map_or(next_sort, |p| p.sort_order).to_string()),
        }
    }

    pub(super) fn input(&self) -> Result<ProcedureInput, Vec<FieldError>> {
        let mut wrong = Vec::new();
        let input = ProcedureInput {
            code: self.code.get_untracked().trim().to_owned(),
            name_ja: self.name_ja.get_untracked().trim().to_owned(),
            name_en: self.name_en.get_untracked().trim().to_owned(),
            what_to_bring_ja: self.bring_ja.get_untracked().trim().to_owned(),
            what_to_bring_en: self.bring_en.get_untracked().trim().to_owned(),
            notes_ja: self.notes_ja.get_untracked().trim().to_owned(),
            notes_en: self.notes_en.get_untracked().trim().to_owned(),
            units_per_person: number("units_per_person", &self.units.get_untracked(), &mut wrong),
            active: self.active.get_untracked(),
            sort_order: number("sort_order", &self.sort.get_untracked(), &mut wrong),
        };
        if let Err(more) = validate_procedure(&input) {
            wrong.extend(more);
        }
        if wrong.is_empty() {
            Ok(input)
        } else {
            Err(wrong)
        }
    }
}
#[component]
pub(super) fn ProceduresSection(status: RwSignal<Option<String>>) -> impl IntoView {
    let lang = expect_context::<RwSignal<Lang>>();
    let editor = CatalogEditor::<Procedure, ProcedureDraft>::new(catalog::PROCEDURES);
    let (procedures, error, errors, editing, busy) = (
        editor.items,
        editor.error,
        editor.errors,
        editor.editing,
        editor.busy,
    );
    let edit = move |draft: ProcedureDraft| editor.edit(draft);
    let save = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        let Some(draft) = editing.get_untracked() else {
            return;
        };
        match draft.input() {
            Ok(input) => editor.save(
                draft.id,
                input,
                status,
                |saved: &Procedure, lang| match lang {
                    Lang::Ja => format!("手続き「{}」を保存しました。", saved.name_ja),
                    Lang::En => format!("The procedure “{}” was saved.", saved.name_en),
                },
            ),
            Err(wrong) => errors.set(wrong),
        }
    };
    let rows = move |list: Vec<Procedure>| {
        let lang = lang.get();
        list.into_iter()
            .map(|procedure| {
                let name = lang.pick(&procedure.name_ja, &procedure.name_en).to_owned();
                let for_edit = procedure.clone();
                view! {
                    <tr data-testid=format!("procedure-{}", procedure.code)>
                        <td>{procedure.sort_order}</td>
                        <th scope="row">{name.clone()}</th>
                        <td class="mono">{procedure.code.clone()}</td>
                        <td>{procedure.units_per_person}</td>
                        <td>{if procedure.active { lang.pick("受付中", "Bookable") } else { lang.pick("停止中", "Off") }}</td>
                        <td>
                            <button type="button" class="secondary small" on:click=move |_| edit(ProcedureDraft::of(Some(&for_edit), 0))>
                                {lang.pick("編集", "Edit")}
                                <span class="visually-hidden">{format!(" {name}")}</span>
                            </button>
                        </td>
                    </tr>
                }
            })
            .collect_view()
    };
    let next_sort = move || editor.next_sort(|item| item.sort_order);
    view! {
        <section class="panel" aria-labelledby="procedures-heading">
            <h2 id="procedures-heading">{move || lang.get().pick("手続き（予約の種別）", "Procedures")}</h2>
            <CityProblem error=error.into()/>
            <Transition fallback=|| view! { <Loading/> }>
            {move || procedures.get().map(|loaded| match loaded {
                Err(failure) => load_failed(Audience::City, failure),
                Ok(list) => view! {
            <ScrollBox>
                <table class="data-table" data-testid="procedures">
                    <thead>
                        <tr>
                            <th scope="col">{move || lang.get().pick("表示順", "Order")}</th>
                            <th scope="col">{move || lang.get().pick("名前", "Name")}</th>
                            <th scope="col">{move || lang.get().pick("コード", "Code")}</th>
                            <th scope="col">{move || lang.get().pick("1人あたりの枠", "Seats per person")}</th>
                            <th scope="col">{move || lang.get().pick("受付", "Bookable")}</th>
                            <th scope="col">{move || lang.get().pick("操作", "Actions")}</th>
                        </tr>
                    </thead>
                    <tbody>{move || rows(list.clone())}</tbody>
                </table>
            </ScrollBox>
                }
                .into_any(),
            })}
            </Transition>
            <button type="button" class="secondary" data-testid="new-procedure" on:click=move |_| edit(ProcedureDraft::of(None, next_sort()))>
                {move || lang.get().pick("手続きを追加", "Add a procedure")}
            </button>
            {move || editing.get().map(|draft| view! {
                <form class="slot-editor" on:submit=save novalidate=true data-testid="procedure-editor">
                    <h3>{move || match draft.id {
                        Some(_) => lang.get().pick("手続きの編集", "Edit the procedure"),
                        None => lang.get().pick("新しい手続き", "New procedure"),
                    }}</h3>
                    <div class="field-row">
                        <LabelledInput id="procedure-name-ja" field="name_ja" ja="名前（日本語）" en="Name (Japanese)" kind="text" value=draft.name_ja errors/>
                        <LabelledInput id="procedure-name-en" field="name_en" ja="名前（英語）" en="Name (English)" kind="text" value=draft.name_en errors/>
                        <LabelledInput id="procedure-code" field="code" ja="コード（半角英小文字・数字・_）" en="Code (a-z, 0-9, _)" kind="text" value=draft.code errors/>
                        <LabelledInput id="procedure-units" field="units_per_person" ja="1人あたりの枠数（1〜10）" en="Seats per person (1-10)" kind="number" value=draft.units errors/>
                        <LabelledInput id="procedure-sort" field="sort_order" ja="表示順" en="Order" kind="number" value=draft.sort errors/>
                    </div>
                    <LabelledTextarea id="procedure-bring-ja" field="what_to_bring_ja" ja="持参物（日本語）" en="What to bring (Japanese)" value=draft.bring_ja errors/>
                    <LabelledTextarea id="procedure-bring-en" field="what_to_bring_en" ja="持参物（英語）" en="What to bring (English)" value=draft.bring_en errors/>
                    <LabelledTextarea id="procedure-notes-ja" field="notes_ja" ja="留意事項（日本語）" en="Notes (Japanese)" value=draft.notes_ja errors/>
                    <LabelledTextarea id="procedure-notes-en" field="notes_en" ja="留意事項（英語）" en="Notes (English)" value=draft.notes_en errors/>
                    <LabelledCheckbox id="procedure-active" ja="予約を受け付ける" en="Bookable" value=draft.active/>
                    <div class="actions">
                        <button type="submit" class="primary" data-testid="save-procedure" prop:disabled=move || busy.get()>
                            {move || lang.get().pick("手続きを保存", "Save the procedure")}
                        </button>
                        <button type="button" class="secondary" on:click=move |_| { editing.set(None); errors.clear(); }>
                            {move || lang.get().pick("編集をやめる", "Discard changes")}
                        </button>
                    </div>
                </form>
            })}
        </section>
    }
}
