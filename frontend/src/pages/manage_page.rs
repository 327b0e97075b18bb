//! `/reservations/{number}`: the citizen's own booking: view, change the time, add or
//! remove a family member, cancel (R7.4-ク). Opened with the token from booking, from
//! the look-up, or from the signed link (`#token=`).

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;
use madoguchi_shared::dto::reservation::{
    ChangeSlotRequest, PartyMemberInput, Reservation, ReservationStatus,
};

use crate::api::{self, ApiError};
use crate::components::change_time::{ChangeTime, Seats};
use crate::components::loading::{Audience, Loading, load_failed};
use crate::components::problem::ProblemMessage;
use crate::components::procedure_guide::GuideList;
use crate::i18n::Lang;
use crate::state::{remember_token, token_for};

/// Takes a token from the signed link's fragment, remembers it and clears it from the
/// address bar so it is not bookmarked or shared by accident.
fn token_from_link(number: &str) -> Option<String> {
    let window = web_sys::window()?;
    let hash = window.location().hash().ok()?;
    let token = hash.strip_prefix("#token=")?.to_owned();
    remember_token(number, &token);
    let _ = window.history().ok()?.replace_state_with_url(
        &leptos::wasm_bindgen::JsValue::NULL,
        "",
        Some(&format!("/reservations/{number}")),
    );
    Some(token)
}

fn status_text(lang: Lang, status: ReservationStatus) -> &'static str {
    let text = lang.text();
    match status {
        ReservationStatus::Booked => text.status_booked,
        ReservationStatus::Cancelled => text.status_cancelled,
        ReservationStatus::Visited => text.status_visited,
        ReservationStatus::NoShow => text.status_no_show,
    }
}

/// The manage page.
#[component]
pub fn ManagePage() -> impl IntoView {
    let lang = expect_context::<RwSignal<Lang>>();
    let params = use_params_map();
    let number = Memo::new(move |_| params.read().get("number").unwrap_or_default());
    let token =
        Memo::new(move |_| token_from_link(&number.get()).or_else(|| token_for(&number.get())));
    let loaded = LocalResource::new(move || {
        let (number, token) = (number.get(), token.get());
        async move {
            match token {
                Some(token) => api::get_reservation(&number, &token).await.map(Some),
                None => Ok(None),
            }
        }
    });
    // The reservation as the citizen's last change left it; until then, as loaded.
    let changed = RwSignal::new(None::<Reservation>);
    Effect::new(move |_| {
        number.track();
        changed.set(None);
    });
    let error = RwSignal::new(None::<ApiError>);
    let notice = RwSignal::new(None::<&'static str>);
    // Runs one change, then shows the reservation as it now is.
    let apply = Callback::new(move |(action, done): (Action, &'static str)| {
        let Some(token) = token.get() else { return };
        let number = number.get();
        error.set(None);
        notice.set(None);
        spawn_local(async move {
            let outcome = match action {
                Action::Change(request) => api::change_reservation(&number, &token, &request).await,
                Action::Cancel => api::cancel_reservation(&number, &token).await,
                Action::Add(member) => api::add_member(&number, &token, &member).await,
                Action::Remove(id) => api::remove_member(&number, &token, id).await,
            };
            match outcome {
                Ok(updated) => {
                    changed.set(Some(updated));
                    notice.set(Some(done));
                }
                Err(failure) => error.set(Some(failure)),
            }
        });
    });
    view! {
        <h1>{move || lang.get().text().manage_heading}</h1>
        {move || {
            token.get().is_none().then(|| {
                view! { <p><A href="/reservations">{move || lang.get().text().lookup_heading}</A></p> }
            })
        }}
        <ProblemMessage error=error.into()/>
        <p role="status" class="notice" data-testid="notice">{move || notice.get()}</p>
        <Transition fallback=|| view! { <Loading/> }>
        {move || {
            loaded
                .get()
                .map(|result| {
                    let found = match (changed.get(), result) {
                        (Some(found), _) | (None, Ok(Some(found))) => found,
                        (None, Ok(None)) => return ().into_any(),
                        (None, Err(failure)) => return load_failed(Audience::Citizen, failure),
                    };
                    let booked = found.status == ReservationStatus::Booked;
                    view! {
                        <ReservationView reservation=found.clone() apply/>
                        {booked.then(|| view! {
                            <ChangeTime
                                reservation=found.clone()
                                seats=Seats::Citizen
                                class="panel"
                                on_pick=Callback::new(move |(date, start)| {
                                    apply.run((Action::Change(ChangeSlotRequest { date, start }), lang.get_untracked().text().change_done));
                                })
                            />
                            <AddMember apply/>
                            <CancelBooking apply/>
                        })}
                    }
                    .into_any()
                })
        }}
        </Transition>
    }
}

/// A change the citizen asks for.
#[derive(Clone, Debug)]
enum Action {
    Change(ChangeSlotRequest),
    Cancel,
    Add(PartyMemberInput),
    Remove(i64),
}

#[component]
fn ReservationView(
    reservation: Reservation,
    apply: Callback<(Action, &'static str)>,
) -> impl IntoView {
    let lang = expect_context::<RwSignal<Lang>>();
    let can_remove =
        reservation.status == ReservationStatus::Booked && reservation.members.len() > 1;
    let (date, start, end) = (reservation.date, reservation.start, reservation.end);
    view! {
        <dl class="summary" data-testid="reservation">
            <dt>{move || lang.get().text().reservation_number}</dt>
            <dd class="reservation-number">{reservation.number.clone()}</dd>
            <dt>{move || lang.get().text().when}</dt>
            <dd data-testid="when">{move || format!("{} {}", lang.get().date(date), lang.get().band(start, end))}</dd>
            <dt>{move || lang.get().text().place}</dt>
            <dd>{move || lang.get().pick(&reservation.location_name_ja, &reservation.location_name_en).to_owned()}</dd>
            <dt>{move || lang.get().text().status}</dt>
            <dd data-testid="status">{move || status_text(lang.get(), reservation.status)}</dd>
        </dl>
        <ul class="party" data-testid="members">
            {reservation
                .members
                .into_iter()
                .map(|member| {
                    let id = member.id;
                    let procedure = member.procedure.clone();
                    view! {
                        <li>
                            <h2>{member.name.clone()}"（"{move || lang.get().pick(&procedure.name_ja, &procedure.name_en).to_owned()}"）"</h2>
                            <GuideList guide=member.procedure/>
                            {can_remove.then(|| view! {
                                <button type="button" class="link" on:click=move |_| apply.run((Action::Remove(id), lang.get_untracked().text().member_removed))>
                                    {move || lang.get().text().remove_member}
                                </button>
                            })}
                        </li>
                    }
                })
                .collect_view()}
        </ul>
    }
}

#[component]
fn AddMember(apply: Callback<(Action, &'static str)>) -> impl IntoView {
    let lang = expect_context::<RwSignal<Lang>>();
    let procedures = LocalResource::new(api::list_procedures);
    let name = RwSignal::new(String::new());
    let procedure_id = RwSignal::new(0i64);
    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        if name.get().trim().is_empty() || procedure_id.get() <= 0 {
            return;
        }
        apply.run((
            Action::Add(PartyMemberInput {
                name: name.get(),
                procedure_id: procedure_id.get(),
            }),
            lang.get_untracked().text().member_added,
        ));
        name.set(String::new());
    };
    view! {
        <section class="panel">
            <h2>{move || lang.get().text().add_member_heading}</h2>
            <form on:submit=submit data-testid="add-member-form">
                <div class="field">
                    <label for="add-name">{move || lang.get().text().member_name}</label>
                    <input id="add-name" type="text" required=true prop:value=move || name.get() on:input=move |e| name.set(event_target_value(&e))/>
                </div>
                <div class="field">
                    <label for="add-procedure">{move || lang.get().text().member_procedure}</label>
                    <select id="add-procedure" required=true on:change=move |e| procedure_id.set(event_target_value(&e).parse().unwrap_or(0))>
                        <option value="0">{move || lang.get().text().choose}</option>
                        {move || {
                            procedures
                                .get()
                                .and_then(Result::ok)
                                .unwrap_or_default()
                                .into_iter()
                                .map(|p| view! { <option value=p.id.to_string()>{move || lang.get().pick(&p.name_ja, &p.name_en).to_owned()}</option> })
                                .collect_view()
                        }}
                    </select>
                </div>
                <button type="submit" class="secondary">{move || lang.get().text().add_member}</button>
            </form>
        </section>
    }
}

#[component]
fn CancelBooking(apply: Callback<(Action, &'static str)>) -> impl IntoView {
    let lang = expect_context::<RwSignal<Lang>>();
    let asking = RwSignal::new(false);
    view! {
        <section class="panel">
            <Show
                when=move || asking.get()
                fallback=move || view! {
                    <button type="button" class="danger" on:click=move |_| asking.set(true) data-testid="cancel-booking">
                        {move || lang.get().text().cancel_reservation}
                    </button>
                }
            >
                <div role="alertdialog" aria-labelledby="cancel-question" class="confirm">
                    <p id="cancel-question">{move || lang.get().text().cancel_confirm}</p>
                    <button type="button" class="danger" data-testid="cancel-yes" on:click=move |_| {
                        asking.set(false);
                        apply.run((Action::Cancel, lang.get_untracked().text().cancelled_message));
                    }>{move || lang.get().text().cancel_yes}</button>
                    <button type="button" class="secondary" on:click=move |_| asking.set(false)>{move || lang.get().text().cancel_no}</button>
                </div>
            </Show>
        </section>
    }
}
