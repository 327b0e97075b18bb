//! Step 5: the contact fields the city asks for (R7.4-ケ), checked as the server checks them.

use std::collections::BTreeMap;

use leptos::prelude::*;
use madoguchi_shared::dto::form::{FieldKind, FormField};
use madoguchi_shared::error::FieldError;
use madoguchi_shared::validate::contact::validate;

use super::steps::use_go;
use crate::api;
use crate::components::loading::Loading;
use crate::i18n::Lang;
use crate::state::BookingDraft;

fn input_type(kind: FieldKind) -> &'static str {
    match kind {
        FieldKind::Phone => "tel",
        FieldKind::Email => "email",
        FieldKind::Date => "date",
        _ => "text",
    }
}

fn autocomplete(field: &FormField) -> &'static str {
    match (field.key.as_str(), field.kind) {
        ("name", _) => "name",
        ("address", _) => "street-address",
        (_, FieldKind::Phone) => "tel",
        (_, FieldKind::Email) => "email",
        (_, FieldKind::PostalCode) => "postal-code",
        (_, FieldKind::Date) => "bday",
        _ => "off",
    }
}

/// Enter the contact details.
#[component]
pub fn ContactStep() -> impl IntoView {
    let lang = expect_context::<RwSignal<Lang>>();
    let draft = expect_context::<RwSignal<BookingDraft>>();
    let fields = LocalResource::new(api::list_form_fields);
    let go = use_go();
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let error_of = move |key: &str| {
        let field = format!("contact.{key}");
        errors
            .read()
            .iter()
            .find(|error| error.field == field)
            .map(|error| error.code)
    };
    let next = move |_| {
        let Some(Ok(fields)) = fields.get() else {
            return;
        };
        let today = crate::clock::today();
        let contact: BTreeMap<String, String> = draft
            .read()
            .contact
            .iter()
            .filter(|(key, value)| {
                fields.iter().any(|field| &field.key == *key) && !value.trim().is_empty()
            })
            .map(|(key, value)| (key.clone(), value.clone()))
            .collect();
        match validate(&fields, &contact, today) {
            Ok(()) => {
                draft.update(|d| d.contact = contact);
                go.run("confirm");
            }
            Err(found) => {
                errors.set(found);
                if let Some(summary) = document().get_element_by_id("error-summary") {
                    use leptos::wasm_bindgen::JsCast;
                    if let Ok(summary) = summary.dyn_into::<web_sys::HtmlElement>() {
                        let _ = summary.focus();
                    }
                }
            }
        }
    };
    view! {
        <h1>{move || lang.get().text().contact_heading}</h1>
        <div
            id="error-summary"
            class="error-summary"
            role="alert"
            tabindex="-1"
            hidden=move || errors.read().is_empty()
        >
            <h2>{move || lang.get().text().error_summary}</h2>
            <ul>
                {move || {
                    let labels = fields.get().and_then(Result::ok).unwrap_or_default();
                    errors
                        .get()
                        .into_iter()
                        .map(|error| {
                            let key = error.field.trim_start_matches("contact.").to_owned();
                            let label = labels
                                .iter()
                                .find(|field| field.key == key)
                                .map(|field| lang.get().pick(&field.label_ja, &field.label_en).to_owned())
                                .unwrap_or_else(|| key.clone());
                            view! {
                                <li>
                                    <a href=format!("#field-{key}")>
                                        {format!("{label}: {}", lang.get().field_problem(error.code))}
                                    </a>
                                </li>
                            }
                        })
                        .collect_view()
                }}
            </ul>
        </div>
        <Suspense fallback=|| view! { <Loading/> }>
            {move || {
                fields
                    .get()
                    .and_then(Result::ok)
                    .map(|list| {
                        list.into_iter()
                            .map(|field| {
                                let key = field.key.clone();
                                let id = format!("field-{key}");
                                let error_id = format!("{id}-error");
                                let for_value = key.clone();
                                let for_input = key.clone();
                                let for_error = key.clone();
                                let for_invalid = key.clone();
                                let required = field.required;
                                let auto = autocomplete(&field);
                                let kind = input_type(field.kind);
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
                                            name=key.clone()
                                            type=kind
                                            autocomplete=auto
                                            required=required
                                            aria-invalid=move || error_of(&for_invalid).is_some().to_string()
                                            aria-describedby=error_id.clone()
                                            prop:value=move || draft.read().contact.get(&for_value).cloned().unwrap_or_default()
                                            on:input=move |event| {
                                                let value = event_target_value(&event);
                                                let key = for_input.clone();
                                                draft.update(|d| {
                                                    d.contact.insert(key, value);
                                                });
                                            }
                                        />
                                        <p id=error_id class="field-error">
                                            {move || error_of(&for_error).map(|code| lang.get().field_problem(code))}
                                        </p>
                                    </div>
                                }
                            })
                            .collect_view()
                    })
            }}
        </Suspense>
        <div class="step-buttons">
            <button type="button" class="secondary" on:click=move |_| go.run("time")>{move || lang.get().text().back}</button>
            <button type="button" class="primary" on:click=next>{move || lang.get().text().next}</button>
        </div>
    }
}
