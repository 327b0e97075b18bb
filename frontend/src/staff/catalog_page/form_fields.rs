//! The booking form's contact fields (R7.4-ケ): which the city asks for, in which order.

use leptos::prelude::*;
use leptos::task::spawn_local;
use madoguchi_shared::dto::form::{FieldKind, FormField};

use super::editor::focus_soon;
use crate::api::ApiError;
use crate::api::catalog;
use crate::components::city_problem::CityProblem;
use crate::components::field_errors::FieldErrors;
use crate::i18n::Lang;

/// One contact field as edited.
#[derive(Clone, Copy)]
pub(super) struct FieldRow {
    pub(super) row_id: usize,
    /// Whether it already exists (its key then stays as it is).
    pub(super) stored: bool,
    pub(super) key: RwSignal<String>,
    pub(super) label_ja: RwSignal<String>,
    pub(super) label_en: RwSignal<String>,
    pub(super) kind: RwSignal<FieldKind>,
    pub(super) required: RwSignal<bool>,
}
pub(super) const KINDS: [FieldKind; 6] = [
    FieldKind::Text,
    FieldKind::Katakana,
    FieldKind::Phone,
    FieldKind::Email,
    FieldKind::PostalCode,
    FieldKind::Date,
];
pub(super) fn kind_label(kind: FieldKind, lang: Lang) -> &'static str {
    match kind {
        FieldKind::Text => lang.pick("文字", "Text"),
        FieldKind::Katakana => lang.pick("カタカナ", "Katakana"),
        FieldKind::Phone => lang.pick("電話番号", "Phone"),
        FieldKind::Email => lang.pick("メールアドレス", "Email"),
        FieldKind::PostalCode => lang.pick("郵便番号", "Postal code"),
        FieldKind::Date => lang.pick("日付", "Date"),
    }
}
#[component]
pub(super) fn FormFieldsSection(status: RwSignal<Option<String>>) -> impl IntoView {
    let lang = expect_context::<RwSignal<Lang>>();
    let rows = RwSignal::new(Vec::<FieldRow>::new());
    let next_id = StoredValue::new(0_usize);
    let error = RwSignal::new(None::<ApiError>);
    let errors = FieldErrors::new();
    let busy = RwSignal::new(false);
    let make = move |field: &FormField, stored: bool| {
        let row_id = next_id.get_value();
        next_id.set_value(row_id + 1);
        FieldRow {
            row_id,
            stored,
            key: RwSignal::new(field.key.clone()),
            label_ja: RwSignal::new(field.label_ja.clone()),
            label_en: RwSignal::new(field.label_en.clone()),
            kind: RwSignal::new(field.kind),
            required: RwSignal::new(field.required),
        }
    };
    let show = move |fields: Vec<FormField>| {
        rows.set(fields.iter().map(|field| make(field, true)).collect());
    };
    spawn_local(async move {
        match catalog::form_fields().await {
            Ok(fields) => show(fields),
            Err(failure) => error.set(Some(failure)),
        }
    });
    let position =
        move |row_id: usize| rows.with(|list| list.iter().position(|row| row.row_id == row_id));
    let shift = move |row_id: usize, up: bool| {
        let Some(index) =
            rows.with_untracked(|list| list.iter().position(|row| row.row_id == row_id))
        else {
            return;
        };
        let len = rows.with_untracked(Vec::len);
        let target = if up {
            index.checked_sub(1)
        } else {
            Some(index + 1).filter(|t| *t < len)
        };
        if let Some(target) = target {
            rows.update(|list| list.swap(index, target));
            errors.clear();
            let at_edge = if up { target == 0 } else { target + 1 == len };
            let which = match (up, at_edge) {
                (true, false) | (false, true) => "up",
                (true, true) | (false, false) => "down",
            };
            focus_soon(format!("field-{which}-{row_id}"));
        }
    };
    let add = move |_| {
        let field = FormField {
            key: String::new(),
            label_ja: String::new(),
            label_en: String::new(),
            kind: FieldKind::Text,
            required: false,
        };
        let row = make(&field, false);
        rows.update(|list| list.push(row));
        focus_soon(format!("field-key-{}", row.row_id));
    };
    let save = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        let fields: Vec<FormField> = rows.with_untracked(|list| {
            list.iter()
                .map(|row| FormField {
                    key: row.key.get_untracked().trim().to_owned(),
                    label_ja: row.label_ja.get_untracked().trim().to_owned(),
                    label_en: row.label_en.get_untracked().trim().to_owned(),
                    kind: row.kind.get_untracked(),
                    required: row.required.get_untracked(),
                })
                .collect()
        });
        errors.clear();
        busy.set(true);
        status.set(None);
        spawn_local(async move {
            let result = catalog::replace_form_fields(&fields).await;
            busy.set(false);
            match result {
                Ok(saved) => {
                    show(saved);
                    error.set(None);
                    status.set(Some(
                        lang.get_untracked()
                            .pick("入力項目を保存しました。", "The form fields were saved.")
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
        <section class="panel" aria-labelledby="form-fields-heading">
            <h2 id="form-fields-heading">{move || lang.get().pick("予約フォームの入力項目", "Booking form fields")}</h2>
            <p class="note">{move || lang.get().pick(
                "市民が予約時に入力する連絡先の項目です。並べ替えは「上へ」「下へ」で行い、最後に保存します。削除した項目は、保存済みの予約からは消えません。",
                "The contact fields citizens fill in. Reorder with Up and Down, then save. Removing a field keeps the values already stored with reservations.",
            )}</p>
            <CityProblem error=error.into()/>
            <form on:submit=save novalidate=true data-testid="form-fields">
                <ol class="plain form-field-list">
                    <For
                        each=move || rows.get()
                        key=|row| row.row_id
                        children=move |row: FieldRow| {
                            let id = row.row_id;
                            let index = Signal::derive(move || position(id).unwrap_or(0));
                            let count = Signal::derive(move || rows.with(Vec::len));
                            let title = move || {
                                let label = row.label_ja.get();
                                let shown = if label.is_empty() { row.key.get() } else { label };
                                match lang.get() {
                                    Lang::Ja => format!("{}番目: {shown}", index.get() + 1),
                                    Lang::En => format!("Field {}: {shown}", index.get() + 1),
                                }
                            };
                            let path = move |part: &str| format!("[{}].{part}", index.get());
                            let key_id = format!("field-key-{id}");
                            let ja_id = format!("field-label-ja-{id}");
                            let en_id = format!("field-label-en-{id}");
                            let kind_id = format!("field-kind-{id}");
                            let required_id = format!("field-required-{id}");
                            view! {
                                <li>
                                    <fieldset class="city-fieldset" data-testid=format!("form-field-{}", row.key.get_untracked())>
                                        <legend>{title}</legend>
                                        <div class="field-row">
                                            <div class="field">
                                                <label for=key_id.clone()>{move || lang.get().pick("キー（半角英小文字・数字・_）", "Key (a-z, 0-9, _)")}</label>
                                                <input id=key_id.clone() type="text" readonly=row.stored
                                                    aria-describedby=format!("{key_id}-error")
                                                    aria-invalid=move || errors.message(&path("key"), lang.get()).map(|_| "true")
                                                    prop:value=move || row.key.get()
                                                    on:input=move |event| row.key.set(event_target_value(&event))/>
                                                <p class="field-error" id=format!("{key_id}-error")>{move || errors.message(&path("key"), lang.get())}</p>
                                            </div>
                                            <div class="field">
                                                <label for=ja_id.clone()>{move || lang.get().pick("項目名（日本語）", "Label (Japanese)")}</label>
                                                <input id=ja_id.clone() type="text"
                                                    aria-describedby=format!("{ja_id}-error")
                                                    aria-invalid=move || errors.message(&path("label_ja"), lang.get()).map(|_| "true")
                                                    prop:value=move || row.label_ja.get()
                                                    on:input=move |event| row.label_ja.set(event_target_value(&event))/>
                                                <p class="field-error" id=format!("{ja_id}-error")>{move || errors.message(&path("label_ja"), lang.get())}</p>
                                            </div>
                                            <div class="field">
                                                <label for=en_id.clone()>{move || lang.get().pick("項目名（英語）", "Label (English)")}</label>
                                                <input id=en_id.clone() type="text"
                                                    aria-describedby=format!("{en_id}-error")
                                                    aria-invalid=move || errors.message(&path("label_en"), lang.get()).map(|_| "true")
                                                    prop:value=move || row.label_en.get()
                                                    on:input=move |event| row.label_en.set(event_target_value(&event))/>
                                                <p class="field-error" id=format!("{en_id}-error")>{move || errors.message(&path("label_en"), lang.get())}</p>
                                            </div>
                                            <div class="field">
                                                <label for=kind_id.clone()>{move || lang.get().pick("種類", "Kind")}</label>
                                                <select id=kind_id.clone() on:change=move |event| {
                                                    if let Some(kind) = FieldKind::parse(&event_target_value(&event)) {
                                                        row.kind.set(kind);
                                                    }
                                                }>
                                                    {move || KINDS.into_iter().map(|kind| view! {
                                                        <option value=kind.as_str() selected=move || row.kind.get() == kind>{kind_label(kind, lang.get())}</option>
                                                    }).collect_view()}
                                                </select>
                                            </div>
                                        </div>
                                        <div class="field checkbox">
                                            <input id=required_id.clone() type="checkbox" data-testid=required_id.clone()
                                                prop:checked=move || row.required.get()
                                                on:change=move |event| row.required.set(event_target_checked(&event))/>
                                            <label for=required_id.clone()>{move || lang.get().pick("必須にする", "Required")}</label>
                                        </div>
                                        <div class="row-actions">
                                            <button type="button" class="secondary small" id=format!("field-up-{id}")
                                                prop:disabled=move || index.get() == 0
                                                on:click=move |_| shift(id, true)>
                                                {move || lang.get().pick("上へ", "Up")}
                                                <span class="visually-hidden">{move || format!(" ({})", title())}</span>
                                            </button>
                                            <button type="button" class="secondary small" id=format!("field-down-{id}")
                                                prop:disabled={move || index.get() + 1 >= count.get()}
                                                on:click=move |_| shift(id, false)>
                                                {move || lang.get().pick("下へ", "Down")}
                                                <span class="visually-hidden">{move || format!(" ({})", title())}</span>
                                            </button>
                                            <button type="button" class="danger small"
                                                on:click=move |_| rows.update(|list| list.retain(|other| other.row_id != id))>
                                                {move || lang.get().pick("この項目を削除", "Remove this field")}
                                                <span class="visually-hidden">{move || format!(" ({})", title())}</span>
                                            </button>
                                        </div>
                                    </fieldset>
                                </li>
                            }
                        }
                    />
                </ol>
                <div class="actions">
                    <button type="button" class="secondary" data-testid="add-form-field" on:click=add>
                        {move || lang.get().pick("項目を追加", "Add a field")}
                    </button>
                    <button type="submit" class="primary" data-testid="save-form-fields" prop:disabled=move || busy.get()>
                        {move || lang.get().pick("入力項目を保存", "Save the form fields")}
                    </button>
                </div>
            </form>
        </section>
    }
}
