//! Panels 2 and 3 of the phone screen: each person with their procedure, the city's contact
//! fields, and the button that checks it all before reading back.

use leptos::prelude::*;

use super::call::PhoneCall;
use super::contact::contact_input;

use crate::components::loading::Loading;

/// The panel.
#[component]
pub(super) fn PeoplePanel(call: PhoneCall) -> impl IntoView {
    let lang = call.lang;
    view! {
        <section class="panel" aria-labelledby="phone-who-heading">
            <h2 id="phone-who-heading">{move || lang.get().pick("2. 来庁する人と手続き", "2. People and procedures")}</h2>
            {move || (0..call.party.get()).map(|index| view! { <MemberFields call=call index=index/> }).collect_view()}
            <h2>{move || lang.get().pick("3. 連絡先", "3. Contact")}</h2>
            <Suspense fallback=|| view! { <Loading/> }>
                {move || call.fields.get().and_then(Result::ok).map(|list| {
                    list.into_iter()
                        .map(|field| contact_input(lang, call.contact, call.field_errors, field))
                        .collect_view()
                })}
            </Suspense>
            <div class="actions">
                <button type="button" class="primary" data-testid="phone-check" on:click=move |_| call.check()>
                    {move || lang.get().pick("入力内容を確認する", "Review the booking")}
                </button>
            </div>
        </section>
    }
}

/// The name and the procedure of person `index`.
#[component]
fn MemberFields(call: PhoneCall, index: usize) -> impl IntoView {
    let lang = call.lang;
    let members = call.members;
    let name_id = format!("phone-member-{index}-name");
    let procedure_id = format!("phone-member-{index}-procedure");
    let name_field = format!("members[{index}].name");
    let procedure_field = format!("members[{index}].procedure_id");
    view! {
        <fieldset class="member" data-testid=format!("phone-member-{index}")>
            <legend>{move || lang.get().person(index)}</legend>
            <div class="field">
                <label for=name_id.clone()>{move || lang.get().text().member_name}</label>
                <input
                    id=name_id
                    type="text"
                    autocomplete="off"
                    aria-invalid=move || call.error_of(&name_field).is_some().to_string()
                    prop:value=move || members.read().get(index).map(|m| m.name.clone()).unwrap_or_default()
                    on:input=move |event| {
                        let value = event_target_value(&event);
                        members.update(|list| {
                            if let Some(member) = list.get_mut(index) {
                                member.name = value;
                            }
                        });
                    }
                />
            </div>
            <div class="field">
                <label for=procedure_id.clone()>{move || lang.get().text().member_procedure}</label>
                <select
                    id=procedure_id
                    aria-invalid=move || call.error_of(&procedure_field).is_some().to_string()
                    on:change=move |event| {
                        let chosen = event_target_value(&event).parse().unwrap_or(0);
                        members.update(|list| {
                            if let Some(member) = list.get_mut(index) {
                                member.procedure_id = chosen;
                            }
                        });
                    }
                >
                    <option value="0">{move || lang.get().text().choose}</option>
                    {move || {
                        call.procedures
                            .get()
                            .and_then(Result::ok)
                            .unwrap_or_default()
                            .into_iter()
                            .filter(|p| p.active)
                            .map(|p| {
                                let id = p.id;
                                view! {
                                    <option
                                        value=id.to_string()
                                        selected=move || members.read().get(index).is_some_and(|m| m.procedure_id == id)
                                    >
                                        {move || lang.get().pick(&p.name_ja, &p.name_en).to_owned()}
                                    </option>
                                }
                            })
                            .collect_view()
                    }}
                </select>
            </div>
        </fieldset>
    }
}
