//! The caller's contact fields as the operator types them.

use std::collections::BTreeMap;

use leptos::prelude::*;
use leptos::wasm_bindgen::JsCast;
use madoguchi_shared::dto::form::{FieldKind, FormField};
use madoguchi_shared::error::FieldError;

use crate::i18n::Lang;

pub(super) fn focus(id: &str) {
    if let Some(element) = document()
        .get_element_by_id(id)
        .and_then(|element| element.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let _ = element.focus();
    }
}
pub(super) fn input_type(kind: FieldKind) -> &'static str {
    match kind {
        FieldKind::Phone => "tel",
        FieldKind::Email => "email",
        FieldKind::Date => "date",
        _ => "text",
    }
}
/// The element to jump to and the label of a failed field, for the error summary.
pub(super) fn field_error_label(lang: Lang, field: &str, labels: &[FormField]) -> (String, String) {
    if field == "band" {
        return ("band".to_owned(), lang.pick("時間帯", "Band").to_owned());
    }
    if let Some(key) = field.strip_prefix("contact.") {
        let label = labels
            .iter()
            .find(|f| f.key == key)
            .map(|f| lang.pick(&f.label_ja, &f.label_en).to_owned())
            .unwrap_or_else(|| key.to_owned());
        return (format!("phone-field-{key}"), label);
    }
    let index: usize = field
        .trim_start_matches("members[")
        .split(']')
        .next()
        .and_then(|n| n.parse().ok())
        .unwrap_or(0);
    if field.ends_with("procedure_id") {
        (
            format!("phone-member-{index}-procedure"),
            format!("{} {}", lang.person(index), lang.text().member_procedure),
        )
    } else {
        (
            format!("phone-member-{index}-name"),
            format!("{} {}", lang.person(index), lang.text().member_name),
        )
    }
}
pub(super) fn contact_input(
    lang: RwSignal<Lang>,
    contact: RwSignal<BTreeMap<String, String>>,
    errors: RwSignal<Vec<FieldError>>,
    field: FormField,
) -> impl IntoView {
    let key = field.key.clone();
    let id = format!("phone-field-{key}");
    let error_id = format!("{id}-error");
    let path = format!("contact.{key}");
    let path_for_invalid = path.clone();
    let code = move || {
        errors
            .read()
            .iter()
            .find(|error| error.field == path)
            .map(|error| error.code)
    };
    let invalid = move || {
        errors
            .read()
            .iter()
            .any(|error| error.field == path_for_invalid)
            .to_string()
    };
    let key_for_value = key.clone();
    let required = field.required;
    view! {
        <div class="field">
            <label for=id.clone()>
                {move || lang.get().pick(&field.label_ja, &field.label_en).to_owned()}
                " "
                <span class=if required { "badge required" } else { "badge" }>
                    {move || if required { lang.get().text().required } else { lang.get().text().optional }}
                </span>
            </label>
            <input
                id=id
                type=input_type(field.kind)
                autocomplete="off"
                aria-invalid=invalid
                aria-describedby=error_id.clone()
                prop:value=move || contact.read().get(&key_for_value).cloned().unwrap_or_default()
                on:input=move |event| {
                    let value = event_target_value(&event);
                    let key = key.clone();
                    contact.update(|map| {
                        map.insert(key, value);
                    });
                }
            />
            <p id=error_id class="field-error">{move || code().map(|code| lang.get().field_problem(code))}</p>
        </div>
    }
}
