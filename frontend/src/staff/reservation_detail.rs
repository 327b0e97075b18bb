//! One reservation opened by staff (`/staff/reservations?number=…`): what it is, who comes
//! for what (with 持参物 and 留意事項 to read out), and the changes a caller may ask for —
//! another day or band, cancel, add or remove a person (R5.1, R7.4-ク) — plus, for city
//! staff, the visit or no-show (来庁 / 来庁なし). Its history sits underneath (R7.4-エ).

use chrono::NaiveDate;
use leptos::prelude::*;
use leptos::task::spawn_local;
use madoguchi_shared::dto::reservation::{PartyMemberInput, Reservation, ReservationStatus};
use madoguchi_shared::dto::staff::StaffRole;

use crate::api::reservations as api_staff;
use crate::api::{self, ApiError};
use crate::components::change_time::{ChangeTime, Seats};
use crate::components::history_table::{HistoryTable, channel_label, status_label};
use crate::components::loading::{Audience, Loading, load_failed};
use crate::components::procedure_guide::GuideList;
use crate::components::staff_problem::StaffProblem;
use crate::i18n::Lang;
use crate::session::use_session;

/// Whether the member may record visits (city staff and administrators).
pub fn is_city(role: Option<StaffRole>) -> bool {
    matches!(role, Some(StaffRole::CityStaff | StaffRole::CityAdmin))
}

/// A change staff make to the reservation.
#[derive(Clone, Debug)]
enum Action {
    Change(NaiveDate, chrono::NaiveTime),
    Cancel,
    Add(PartyMemberInput),
    Remove(i64),
    Attendance(bool),
}

/// The opened reservation.
#[component]
pub fn StaffReservation(
    /// The normalised reservation number.
    number: String,
) -> impl IntoView {
    let lang = expect_context::<RwSignal<Lang>>();
    let session = use_session();
    let number_for_load = number.clone();
    let loaded = LocalResource::new(move || {
        let number = number_for_load.clone();
        async move { api_staff::get(&number).await }
    });
    // The reservation as the last change left it; until then, as loaded.
    let changed = RwSignal::new(None::<Reservation>);
    let error = RwSignal::new(None::<ApiError>);
    let notice = RwSignal::new(None::<String>);
    let version = RwSignal::new(0u32);
    let number_for_history = number.clone();
    let history = LocalResource::new(move || {
        version.track();
        let number = number_for_history.clone();
        async move { api_staff::reservation_history(&number).await }
    });
    let number_for_apply = number.clone();
    let apply = Callback::new(move |(action, done): (Action, String)| {
        let number = number_for_apply.clone();
        error.set(None);
        notice.set(None);
        spawn_local(async move {
            let outcome = match action {
                Action::Change(date, start) => api_staff::change(&number, date, start).await,
                Action::Cancel => api_staff::cancel(&number).await,
                Action::Add(member) => api_staff::add_member(&number, &member).await,
                Action::Remove(id) => api_staff::remove_member(&number, id).await,
                Action::Attendance(came) => api_staff::record_attendance(&number, came).await,
            };
            match outcome {
                Ok(updated) => {
                    changed.set(Some(updated));
                    notice.set(Some(done));
                    version.update(|n| *n += 1);
                }
                Err(failure) => error.set(Some(failure)),
            }
        });
    });
    let role = move || session.get().map(|s| s.role());
    view! {
        <section class="panel reservation-detail" aria-labelledby="reservation-heading" data-testid="reservation-detail">
            <h2 id="reservation-heading">
                {move || lang.get().text().reservation_number}" "
                <span class="mono">{number.clone()}</span>
            </h2>
            <StaffProblem error=error.into()/>
            <p role="status" class="notice" data-testid="notice">{move || notice.get()}</p>
            <Transition fallback=|| view! { <Loading/> }>
            {move || loaded.get().map(|result| {
                let found = match (changed.get(), result) {
                    (Some(found), _) | (None, Ok(found)) => found,
                    (None, Err(failure)) => return load_failed(Audience::Staff, failure),
                };
                let booked = found.status == ReservationStatus::Booked;
                let city = is_city(role());
                view! {
                    <Summary reservation=found.clone() apply/>
                    {(booked && city).then(|| view! { <Attendance apply/> })}
                    {booked.then(|| view! {
                        <ChangeTime
                            reservation=found.clone()
                            seats=Seats::Staff
                            class="subpanel"
                            on_pick=Callback::new(move |(date, start)| {
                                apply.run((Action::Change(date, start), lang.get_untracked().text().change_done.to_owned()));
                            })
                        />
                        <AddMember apply/>
                        <CancelBooking apply/>
                    })}
                }
                .into_any()
            })}
            </Transition>
            <Suspense fallback=|| view! { <Loading/> }>
                {move || history.get().map(|found| match found {
                    Ok(entries) => view! {
                        <HistoryTable
                            entries
                            caption=Signal::derive(move || lang.get().pick("この予約の履歴", "History of this reservation").to_owned())
                        />
                    }.into_any(),
                    Err(failure) => load_failed(Audience::Staff, failure),
                })}
            </Suspense>
        </section>
    }
}

#[component]
fn Summary(reservation: Reservation, apply: Callback<(Action, String)>) -> impl IntoView {
    let lang = expect_context::<RwSignal<Lang>>();
    let fields = LocalResource::new(api::list_form_fields);
    let can_remove =
        reservation.status == ReservationStatus::Booked && reservation.members.len() > 1;
    let (date, start, end) = (reservation.date, reservation.start, reservation.end);
    let (status, channel) = (reservation.status, reservation.channel);
    let contact = reservation.contact.clone();
    let place_ja = reservation.location_name_ja.clone();
    let place_en = reservation.location_name_en.clone();
    view! {
        <dl class="summary two-columns" data-testid="reservation">
            <dt>{move || lang.get().text().when}</dt>
            <dd data-testid="when">{move || format!("{} {}", lang.get().date(date), lang.get().band(start, end))}</dd>
            <dt>{move || lang.get().text().place}</dt>
            <dd>{move || lang.get().pick(&place_ja, &place_en).to_owned()}</dd>
            <dt>{move || lang.get().text().status}</dt>
            <dd data-testid="status">{move || status_label(lang.get(), status)}</dd>
            <dt>{move || lang.get().pick("受付経路", "Channel")}</dt>
            <dd data-testid="channel">{move || channel_label(lang.get(), channel)}</dd>
            {move || {
                let labels = fields.get().and_then(Result::ok).unwrap_or_default();
                contact
                    .clone()
                    .into_iter()
                    .map(|(key, value)| {
                        let label = labels
                            .iter()
                            .find(|field| field.key == key)
                            .map(|field| lang.get().pick(&field.label_ja, &field.label_en).to_owned())
                            .unwrap_or(key);
                        view! { <dt>{label}</dt><dd>{value}</dd> }
                    })
                    .collect_view()
            }}
        </dl>
        <ul class="party" data-testid="members">
            {reservation
                .members
                .into_iter()
                .map(|member| {
                    let id = member.id;
                    let procedure = member.procedure.clone();
                    let name = member.name.clone();
                    view! {
                        <li>
                            <h3>{member.name.clone()}"（"{move || lang.get().pick(&procedure.name_ja, &procedure.name_en).to_owned()}"）"</h3>
                            <GuideList guide=member.procedure/>
                            {can_remove.then(|| {
                                let name = name.clone();
                                view! {
                                    <button
                                        type="button"
                                        class="link"
                                        on:click=move |_| apply.run((Action::Remove(id), lang.get_untracked().text().member_removed.to_owned()))
                                    >
                                        {move || format!("{}（{}）", lang.get().text().remove_member, name)}
                                    </button>
                                }
                            })}
                        </li>
                    }
                })
                .collect_view()}
        </ul>
    }
}

#[component]
fn Attendance(apply: Callback<(Action, String)>) -> impl IntoView {
    let lang = expect_context::<RwSignal<Lang>>();
    view! {
        <div class="actions" data-testid="attendance">
            <button type="button" class="primary" on:click=move |_| apply.run((Action::Attendance(true), lang.get_untracked().pick("来庁を記録しました。", "Recorded as visited.").to_owned()))>
                {move || lang.get().pick("来庁を記録", "Mark visited")}
            </button>
            <button type="button" class="secondary" on:click=move |_| apply.run((Action::Attendance(false), lang.get_untracked().pick("来庁なしを記録しました。", "Recorded as no-show.").to_owned()))>
                {move || lang.get().pick("来庁なしを記録", "Mark no-show")}
            </button>
        </div>
    }
}

#[component]
fn AddMember(apply: Callback<(Action, String)>) -> impl IntoView {
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
                name: name.get().trim().to_owned(),
                procedure_id: procedure_id.get(),
            }),
            lang.get_untracked().text().member_added.to_owned(),
        ));
        name.set(String::new());
    };
    view! {
        <section class="subpanel">
            <h3>{move || lang.get().text().add_member_heading}</h3>
            <form on:submit=submit data-testid="add-member-form" class="inline-form">
                <div class="field">
                    <label for="staff-add-name">{move || lang.get().text().member_name}</label>
                    <input id="staff-add-name" type="text" required=true autocomplete="off" prop:value=move || name.get() on:input=move |e| name.set(event_target_value(&e))/>
                </div>
                <div class="field">
                    <label for="staff-add-procedure">{move || lang.get().text().member_procedure}</label>
                    <select id="staff-add-procedure" required=true on:change=move |e| procedure_id.set(event_target_value(&e).parse().unwrap_or(0))>
                        <option value="0">{move || lang.get().text().choose}</option>
                        {move || {
                            procedures
                                .get()
                                .and_then(Result::ok)
                                .unwrap_or_default()
                                .into_iter()
                                .filter(|p| p.active)
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
fn CancelBooking(apply: Callback<(Action, String)>) -> impl IntoView {
    let lang = expect_context::<RwSignal<Lang>>();
    let asking = RwSignal::new(false);
    view! {
        <section class="subpanel">
            <Show
                when=move || asking.get()
                fallback=move || view! {
                    <button type="button" class="danger" on:click=move |_| asking.set(true) data-testid="cancel-booking">
                        {move || lang.get().text().cancel_reservation}
                    </button>
                }
            >
                <div role="alertdialog" aria-labelledby="staff-cancel-question" class="confirm">
                    <p id="staff-cancel-question">{move || lang.get().pick(
                        "この予約を取り消しますか。取り消すと元に戻せません。",
                        "Cancel this reservation? This cannot be undone.",
                    )}</p>
                    <button type="button" class="danger" data-testid="cancel-yes" on:click=move |_| {
                        asking.set(false);
                        apply.run((Action::Cancel, lang.get_untracked().text().cancelled_message.to_owned()));
                    }>{move || lang.get().text().cancel_yes}</button>
                    <button type="button" class="secondary" on:click=move |_| asking.set(false)>{move || lang.get().text().cancel_no}</button>
                </div>
            </Show>
        </section>
    }
}
