//! Step 2: who is coming, each with a procedure (R7.4-カ, キ).

use leptos::prelude::*;
use madoguchi_shared::dto::reservation::PartyMemberInput;
use madoguchi_shared::error::FieldErrorCode;

use super::steps::use_go;
use crate::api;
use crate::i18n::Lang;
use crate::state::BookingDraft;

/// Most people in one booking on the web (the server enforces the location's own limit).
const MAX_PARTY: usize = 5;

/// Enter the party.
#[component]
pub fn PartyStep() -> impl IntoView {
    let lang = expect_context::<RwSignal<Lang>>();
    let draft = expect_context::<RwSignal<BookingDraft>>();
    let procedures = LocalResource::new(api::list_procedures);
    let go = use_go();
    let tried = RwSignal::new(false);
    let name_missing = move |index: usize| {
        tried.get()
            && draft
                .read()
                .members
                .get(index)
                .is_some_and(|m| m.name.trim().is_empty())
    };
    let procedure_missing = move |index: usize| {
        tried.get()
            && draft
                .read()
                .members
                .get(index)
                .is_some_and(|m| m.procedure_id <= 0)
    };
    let next = move |_| {
        tried.set(true);
        let ready = draft
            .read()
            .members
            .iter()
            .all(|member| !member.name.trim().is_empty() && member.procedure_id > 0);
        if ready {
            go.run("date");
        } else if let Some(field) = document()
            .query_selector("[aria-invalid=true]")
            .ok()
            .flatten()
        {
            use leptos::wasm_bindgen::JsCast;
            if let Ok(field) = field.dyn_into::<web_sys::HtmlElement>() {
                let _ = field.focus();
            }
        }
    };
    let member_view = move |index: usize| {
        let name_id = format!("member-{index}-name");
        let procedure_id = format!("member-{index}-procedure");
        let name_error_id = format!("{name_id}-error");
        let procedure_error_id = format!("{procedure_id}-error");
        view! {
            <fieldset class="member" data-testid=format!("member-{index}")>
                <legend>{move || lang.get().person(index)}</legend>
                <label for=name_id.clone()>{move || lang.get().text().member_name}</label>
                <input
                    id=name_id.clone()
                    type="text"
                    autocomplete=if index == 0 { "name" } else { "off" }
                    aria-invalid=move || name_missing(index).to_string()
                    aria-describedby=name_error_id.clone()
                    prop:value=move || draft.read().members.get(index).map(|m| m.name.clone()).unwrap_or_default()
                    on:input=move |event| {
                        let value = event_target_value(&event);
                        draft.update(|d| if let Some(member) = d.members.get_mut(index) { member.name = value });
                    }
                />
                <p id=name_error_id class="field-error" hidden=move || !name_missing(index)>
                    {move || lang.get().field_problem(FieldErrorCode::Required)}
                </p>
                <label for=procedure_id.clone()>{move || lang.get().text().member_procedure}</label>
                <select
                    id=procedure_id.clone()
                    aria-invalid=move || procedure_missing(index).to_string()
                    aria-describedby=procedure_error_id.clone()
                    on:change=move |event| {
                        let value = event_target_value(&event).parse().unwrap_or(0);
                        draft.update(|d| if let Some(member) = d.members.get_mut(index) { member.procedure_id = value });
                    }
                >
                    <option value="0">{move || lang.get().text().choose}</option>
                    {move || {
                        procedures
                            .get()
                            .and_then(Result::ok)
                            .unwrap_or_default()
                            .into_iter()
                            .map(|procedure| {
                                let id = procedure.id;
                                view! {
                                    <option
                                        value=id.to_string()
                                        selected=move || draft.read().members.get(index).is_some_and(|m| m.procedure_id == id)
                                    >
                                        {move || lang.get().pick(&procedure.name_ja, &procedure.name_en).to_owned()}
                                    </option>
                                }
                            })
                            .collect_view()
                    }}
                </select>
                <p id=procedure_error_id class="field-error" hidden=move || !procedure_missing(index)>
                    {move || lang.get().field_problem(FieldErrorCode::Required)}
                </p>
                {move || {
                    let chosen = draft.read().members.get(index).map_or(0, |m| m.procedure_id);
                    procedures
                        .get()
                        .and_then(Result::ok)
                        .and_then(|list| list.into_iter().find(|p| p.id == chosen))
                        .map(|procedure| {
                            view! {
                                <dl class="guide">
                                    <dt>{move || lang.get().text().what_to_bring}</dt>
                                    <dd>{lang.get().pick(&procedure.what_to_bring_ja, &procedure.what_to_bring_en).to_owned()}</dd>
                                </dl>
                            }
                        })
                }}
                {(index > 0)
                    .then(|| {
                        view! {
                            <button
                                type="button"
                                class="link"
                                on:click=move |_| draft.update(|d| {
                                    if index < d.members.len() {
                                        d.members.remove(index);
                                    }
                                })
                            >
                                {move || lang.get().text().remove_member}
                            </button>
                        }
                    })}
            </fieldset>
        }
    };
    // Re-render the list only when people are added or removed, never while typing.
    let member_count = Memo::new(move |_| draft.read().members.len());
    let party_full = move || member_count.get() >= MAX_PARTY;
    let add_member = move |_| {
        draft.update(|d| {
            d.members.push(PartyMemberInput {
                name: String::new(),
                procedure_id: 0,
            })
        })
    };
    view! {
        <h1>{move || lang.get().text().party_heading}</h1>
        <p>{move || lang.get().text().party_lead}</p>
        {move || (0..member_count.get()).map(member_view).collect_view()}
        <button
            type="button"
            class="secondary"
            data-testid="add-member"
            prop:disabled=party_full
            on:click=add_member
        >
            {move || lang.get().text().add_member}
        </button>
        <div class="step-buttons">
            <button type="button" class="secondary" on:click=move |_| go.run("location")>{move || lang.get().text().back}</button>
            <button type="button" class="primary" on:click=next>{move || lang.get().text().next}</button>
        </div>
    }
}
