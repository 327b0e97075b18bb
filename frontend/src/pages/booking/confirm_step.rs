//! Step 6: check everything, then book. A retried submit sends the same
//! `Idempotency-Key`, so it never books twice.

use leptos::prelude::*;
use leptos::task::spawn_local;
use madoguchi_shared::dto::reservation::{CreateReservationRequest, Language};
use madoguchi_shared::error::ErrorCode;

use super::steps::use_go;
use crate::api::{self, ApiError};
use crate::components::problem::ProblemMessage;
use crate::i18n::Lang;
use crate::state::{BookingDraft, new_idempotency_key, remember_token};

/// Confirm and book.
#[component]
pub fn ConfirmStep() -> impl IntoView {
    let lang = expect_context::<RwSignal<Lang>>();
    let draft = expect_context::<RwSignal<BookingDraft>>();
    let go = use_go();
    let locations = LocalResource::new(api::list_locations);
    let procedures = LocalResource::new(api::list_procedures);
    let fields = LocalResource::new(api::list_form_fields);
    let error = RwSignal::new(None::<ApiError>);
    let sending = RwSignal::new(false);
    let submit = move |_| {
        let Some(request) = ({
            let d = draft.read();
            d.location_id
                .zip(d.date)
                .zip(d.start)
                .map(|((location_id, date), start)| CreateReservationRequest {
                    location_id,
                    date,
                    start,
                    members: d.members.clone(),
                    contact: d.contact.clone(),
                    hold_id: d.hold_id.clone(),
                    language: if lang.get() == Lang::En {
                        Language::En
                    } else {
                        Language::Ja
                    },
                })
        }) else {
            return;
        };
        let key = draft
            .read()
            .idempotency_key
            .clone()
            .unwrap_or_else(new_idempotency_key);
        draft.update(|d| d.idempotency_key = Some(key.clone()));
        sending.set(true);
        error.set(None);
        spawn_local(async move {
            match api::create_reservation(&request, &key).await {
                Ok(created) => {
                    remember_token(&created.reservation.number, &created.access_token);
                    draft.update(|d| {
                        d.result = Some(created);
                        d.hold_id = None;
                        d.idempotency_key = None;
                    });
                    go.run("done");
                }
                Err(failure) => {
                    if failure.code() == ErrorCode::SlotFull {
                        draft.update(|d| {
                            d.start = None;
                            d.hold_id = None;
                            d.idempotency_key = None;
                        });
                    }
                    error.set(Some(failure));
                }
            }
            sending.set(false);
        });
    };
    let slot_taken = move || error.get().is_some_and(|e| e.code() == ErrorCode::SlotFull);
    view! {
        <h1>{move || lang.get().text().confirm_heading}</h1>
        <p>{move || lang.get().text().confirm_lead}</p>
        <dl class="summary" data-testid="summary">
            <dt>{move || lang.get().text().place}</dt>
            <dd>
                {move || {
                    let id = draft.read().location_id;
                    locations
                        .get()
                        .and_then(Result::ok)
                        .and_then(|list| list.into_iter().find(|l| Some(l.id) == id))
                        .map(|l| lang.get().pick(&l.name_ja, &l.name_en).to_owned())
                }}
            </dd>
            <dt>{move || lang.get().text().when}</dt>
            <dd>
                {move || {
                    let d = draft.read();
                    d.date.zip(d.start).zip(d.end).map(|((date, start), end)| {
                        format!("{} {}", lang.get().date(date), lang.get().band(start, end))
                    })
                }}
            </dd>
            <dt>{move || lang.get().text().people}</dt>
            <dd>
                <ul>
                    {move || {
                        let list = procedures.get().and_then(Result::ok).unwrap_or_default();
                        draft
                            .read()
                            .members
                            .iter()
                            .map(|member| {
                                let procedure = list
                                    .iter()
                                    .find(|p| p.id == member.procedure_id)
                                    .map(|p| lang.get().pick(&p.name_ja, &p.name_en).to_owned())
                                    .unwrap_or_default();
                                view! { <li>{format!("{}（{procedure}）", member.name)}</li> }
                            })
                            .collect_view()
                    }}
                </ul>
            </dd>
            <dt>{move || lang.get().text().contact}</dt>
            <dd>
                <ul>
                    {move || {
                        let labels = fields.get().and_then(Result::ok).unwrap_or_default();
                        draft
                            .read()
                            .contact
                            .iter()
                            .map(|(key, value)| {
                                let label = labels
                                    .iter()
                                    .find(|f| &f.key == key)
                                    .map(|f| lang.get().pick(&f.label_ja, &f.label_en).to_owned())
                                    .unwrap_or_else(|| key.clone());
                                view! { <li>{format!("{label}: {value}")}</li> }
                            })
                            .collect_view()
                    }}
                </ul>
            </dd>
        </dl>
        {move || {
            draft.read().hold_expires_at.map(|until| {
                let local = until.with_timezone(&madoguchi_shared::time::japan());
                view! { <p class="note">{move || lang.get().text().held_until}" "{local.format("%H:%M").to_string()}</p> }
            })
        }}
        <ProblemMessage error=error.into()/>
        <div class="step-buttons">
            {move || {
                if slot_taken() {
                    view! {
                        <button type="button" class="primary" on:click=move |_| go.run("date") data-testid="choose-again">
                            {move || lang.get().text().choose_again}
                        </button>
                    }
                        .into_any()
                } else {
                    view! {
                        <button type="button" class="secondary" on:click=move |_| go.run("contact")>{move || lang.get().text().back}</button>
                        <button type="button" class="primary" on:click=submit prop:disabled=move || sending.get() data-testid="submit-booking">
                            {move || if sending.get() { lang.get().text().submitting } else { lang.get().text().submit_booking }}
                        </button>
                    }
                        .into_any()
                }
            }}
        </div>
    }
}
