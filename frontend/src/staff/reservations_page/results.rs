//! The reservations found, a row each.

use leptos::prelude::*;
use leptos::task::spawn_local;
use madoguchi_shared::dto::reservation::{Reservation, ReservationStatus};

use crate::api::ApiError;
use crate::api::reservations::{self as api_staff};
use crate::components::history_table::{channel_label, status_label};
use crate::components::staff_problem::StaffProblem;
use crate::i18n::Lang;

#[component]
pub(super) fn ResultsTable(list: Vec<Reservation>, city: bool) -> impl IntoView {
    let lang = expect_context::<RwSignal<Lang>>();
    if list.is_empty() {
        return view! { <p data-testid="no-results">{move || lang.get().pick("該当する予約はありません。", "No reservation found.")}</p> }.into_any();
    }
    let rows = list
        .into_iter()
        .map(|reservation| view! { <ResultRow reservation city/> })
        .collect_view();
    view! {
        <div class="table-scroll" role="region" tabindex="0" aria-label=move || lang.get().pick("予約の一覧", "Reservations found")>
            <table class="data-table" data-testid="results">
                <caption class="visually-hidden">{move || lang.get().pick("予約の一覧", "Reservations found")}</caption>
                <thead>
                    <tr>
                        <th scope="col">{move || lang.get().text().reservation_number}</th>
                        <th scope="col">{move || lang.get().text().when}</th>
                        <th scope="col">{move || lang.get().text().place}</th>
                        <th scope="col">{move || lang.get().pick("申込者", "Applicant")}</th>
                        <th scope="col">{move || lang.get().pick("電話番号", "Phone")}</th>
                        <th scope="col">{move || lang.get().text().people}</th>
                        <th scope="col">{move || lang.get().text().status}</th>
                        <th scope="col">{move || lang.get().pick("経路", "Channel")}</th>
                        {city.then(|| view! { <th scope="col">{move || lang.get().pick("来庁", "Visit")}</th> })}
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
    .into_any()
}
#[component]
pub(super) fn ResultRow(reservation: Reservation, city: bool) -> impl IntoView {
    let lang = expect_context::<RwSignal<Lang>>();
    let current = RwSignal::new(reservation);
    let error = RwSignal::new(None::<ApiError>);
    let number = current.read_untracked().number.clone();
    let href = format!("/staff/reservations?number={number}");
    let attend = move |came: bool| {
        let number = current.read_untracked().number.clone();
        error.set(None);
        spawn_local(async move {
            match api_staff::record_attendance(&number, came).await {
                Ok(updated) => current.set(updated),
                Err(failure) => error.set(Some(failure)),
            }
        });
    };
    view! {
        <tr data-testid="result-row" data-number=number.clone()>
            <td class="mono"><a href=href>{number.clone()}</a></td>
            <td>{move || {
                let r = current.read();
                format!("{} {}", lang.get().date(r.date), lang.get().band(r.start, r.end))
            }}</td>
            <td>{move || {
                let r = current.read();
                lang.get().pick(&r.location_name_ja, &r.location_name_en).to_owned()
            }}</td>
            <td>
                {move || current.read().contact.get("name").cloned().unwrap_or_default()}
                <br/>
                <span class="note">{move || current.read().contact.get("name_kana").cloned().unwrap_or_default()}</span>
            </td>
            <td>{move || current.read().contact.get("phone").cloned().unwrap_or_default()}</td>
            <td>
                <ul class="plain">
                    {move || current.read().members.iter().map(|m| {
                        let procedure = lang.get().pick(&m.procedure.name_ja, &m.procedure.name_en).to_owned();
                        view! { <li>{m.name.clone()}"（"{procedure}"）"</li> }
                    }).collect_view()}
                </ul>
            </td>
            <td data-testid="row-status">{move || status_label(lang.get(), current.read().status)}</td>
            <td>{move || channel_label(lang.get(), current.read().channel)}</td>
            {city.then(|| view! {
                <td class="no-print">
                    <Show when=move || current.read().status == ReservationStatus::Booked>
                        <button type="button" class="small" data-testid="mark-visited" on:click=move |_| attend(true)
                            aria-label=move || format!("{} {}", lang.get().pick("来庁を記録", "Mark visited"), current.read().number)>
                            {move || lang.get().pick("来庁", "Visited")}
                        </button>
                        <button type="button" class="small secondary" data-testid="mark-no-show" on:click=move |_| attend(false)
                            aria-label=move || format!("{} {}", lang.get().pick("来庁なしを記録", "Mark no-show"), current.read().number)>
                            {move || lang.get().pick("来庁なし", "No-show")}
                        </button>
                    </Show>
                    <StaffProblem error=error.into()/>
                </td>
            })}
        </tr>
    }
}
