//! `/staff/reservations`: find a reservation by number, name, kana or phone while on a call
//! (R5.2), and lists by day, band, procedure, status and channel (R7.4-イ) with CSV / XLSX
//! downloads for the city (R5.5), a print view and the day's reception sheet. The filters
//! live in the address, so a list or an opened reservation (`?number=`) has its own URL.

mod day_sheet;
mod filters;
mod results;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::{use_navigate, use_query_map};
use madoguchi_shared::console::ConsolePage;
use madoguchi_shared::dto::reservation::{Channel, ReservationStatus};
use madoguchi_shared::reservation_number;

use self::day_sheet::DaySheet;
use self::filters::{
    all_filters, selected_location, set_value, text_input, value_of, value_of_applied,
};
use self::results::ResultsTable;
use super::reservation_detail::{StaffReservation, is_city};
use crate::api::reservations;
use crate::api::reservations::{self as api_staff, query_string};
use crate::api::{self, ApiError, staff};
use crate::components::download::{file_name_from_disposition, save_bytes};
use crate::components::history_table::{channel_label, status_label};
use crate::components::loading::Loading;
use crate::components::staff_problem::StaffProblem;
use crate::i18n::Lang;
use crate::session::use_session;

/// The reservations page.
#[component]
pub fn ReservationsPage() -> impl IntoView {
    let lang = expect_context::<RwSignal<Lang>>();
    let session = use_session();
    let query = use_query_map();
    let navigate = use_navigate();
    let locations = LocalResource::new(api::list_locations);
    let procedures = LocalResource::new(api::list_procedures);

    // The search as the address has it.
    let applied = Memo::new(move |_| {
        let map = query.read();
        all_filters()
            .map(|key| (key, map.get(key).unwrap_or_default()))
            .collect::<Vec<_>>()
    });
    let values = RwSignal::new(applied.get_untracked());
    Effect::new(move |_| values.set(applied.get()));
    let opened = Memo::new(move |_| {
        query
            .read()
            .get("number")
            .and_then(|number| reservation_number::normalize(&number))
    });
    let applied_query = Memo::new(move |_| query_string(&applied.get()));

    let error = RwSignal::new(None::<ApiError>);
    let results = LocalResource::new(move || {
        let query = applied_query.get();
        async move {
            if query.is_empty() {
                Ok(None)
            } else {
                api_staff::search(&query).await.map(Some)
            }
        }
    });

    let go = move |pairs: Vec<(&'static str, String)>| {
        let query = query_string(&pairs);
        let path = if query.is_empty() {
            ConsolePage::Reservations.href()
        } else {
            format!("/staff/reservations?{query}")
        };
        navigate(&path, Default::default());
    };
    let go_search = go.clone();
    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        go_search(values.get_untracked());
    };
    let go_clear = go.clone();
    let clear = move |_| go_clear(Vec::new());

    let download = move |format: &'static str| {
        let mut pairs = applied.get_untracked();
        pairs.push(("format", format.to_owned()));
        let path = reservations::export_path(&pairs);
        error.set(None);
        spawn_local(async move {
            match staff::get_bytes(&path, "Content-Disposition").await {
                Ok((bytes, disposition)) => {
                    let (mime, fallback) = match format {
                        "xlsx" => (
                            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                            "reservations.xlsx",
                        ),
                        _ => ("text/csv;charset=utf-8", "reservations.csv"),
                    };
                    let name = file_name_from_disposition(disposition.as_deref())
                        .unwrap_or_else(|| fallback.to_owned());
                    save_bytes(&bytes, mime, &name);
                }
                Err(failure) => error.set(Some(failure)),
            }
        });
    };
    // The server's reception sheet, saved as a file: its own styles apply when it is
    // opened from the disk (this app's Content-Security-Policy would block them in a tab).
    let save_sheet = move |_| {
        let date = value_of_applied(applied, "date");
        let location = selected_location(applied, locations);
        let path = reservations::day_sheet_path(location, &date);
        error.set(None);
        spawn_local(async move {
            match staff::get_bytes(&path, "Content-Type").await {
                Ok((bytes, _)) => {
                    save_bytes(
                        &bytes,
                        "text/html;charset=utf-8",
                        &format!("day-sheet-{date}.html"),
                    );
                }
                Err(failure) => error.set(Some(failure)),
            }
        });
    };
    let sheet_mode = Memo::new(move |_| query.read().get("view").as_deref() == Some("sheet"));
    let sheet_href = move || {
        let mut pairs = applied.get();
        if value_of_applied(applied, "location_id").is_empty() {
            pairs.push((
                "location_id",
                selected_location(applied, locations).to_string(),
            ));
        }
        pairs.push(("view", "sheet".to_owned()));
        format!("/staff/reservations?{}", query_string(&pairs))
    };
    let list_href = move || {
        let query = applied_query.get();
        if query.is_empty() {
            ConsolePage::Reservations.href()
        } else {
            format!("/staff/reservations?{query}")
        }
    };
    let print = move |_| {
        if let Some(window) = web_sys::window() {
            let _ = window.print();
        }
    };
    let has_date = move || !value_of_applied(applied, "date").is_empty();

    view! {
        <h1 class:no-print=move || sheet_mode.get()>{move || lang.get().pick("予約一覧・検索", "Reservations")}</h1>
        {move || opened.get().map(|number| {
            let mut back = applied.get();
            back.retain(|(key, _)| *key != "number");
            let back_query = query_string(&back);
            let href = if back_query.is_empty() { ConsolePage::Reservations.href() } else { format!("{}?{back_query}", ConsolePage::Reservations.href()) };
            view! {
                <p class="no-print"><a href=href>{move || lang.get().pick("← 検索条件に戻る", "← Back to the search")}</a></p>
                <StaffReservation number/>
            }
        })}
        <form class="filters no-print" hidden=move || sheet_mode.get() on:submit=submit data-testid="search-form" role="search" aria-label=move || lang.get().pick("予約の検索", "Search reservations")>
            <div class="filter-grid">
                {text_input(lang, values, "number", "text", "予約番号", "Reservation number")}
                {text_input(lang, values, "name", "text", "氏名（一部でも可）", "Name (part)")}
                {text_input(lang, values, "kana", "text", "フリガナ（一部でも可）", "Kana (part)")}
                {text_input(lang, values, "phone", "tel", "電話番号", "Phone")}
                {text_input(lang, values, "date", "date", "来庁日", "Day")}
                {text_input(lang, values, "from", "date", "期間（から）", "From")}
                {text_input(lang, values, "to", "date", "期間（まで）", "To")}
                {text_input(lang, values, "start", "time", "時間帯（開始時刻）", "Band start")}
                <div class="field">
                    <label for="filter-location_id">{move || lang.get().pick("窓口", "Office")}</label>
                    <select id="filter-location_id" on:change=move |e| set_value(values, "location_id", event_target_value(&e))>
                        <option value="">{move || lang.get().pick("すべて", "All")}</option>
                        {move || locations.get().and_then(Result::ok).unwrap_or_default().into_iter().map(|l| {
                            let id = l.id.to_string();
                            let selected_id = id.clone();
                            view! { <option value=id selected=move || value_of(values, "location_id") == selected_id>{move || lang.get().pick(&l.name_ja, &l.name_en).to_owned()}</option> }
                        }).collect_view()}
                    </select>
                </div>
                <div class="field">
                    <label for="filter-procedure_id">{move || lang.get().pick("手続き", "Procedure")}</label>
                    <select id="filter-procedure_id" on:change=move |e| set_value(values, "procedure_id", event_target_value(&e))>
                        <option value="">{move || lang.get().pick("すべて", "All")}</option>
                        {move || procedures.get().and_then(Result::ok).unwrap_or_default().into_iter().map(|p| {
                            let id = p.id.to_string();
                            let selected_id = id.clone();
                            view! { <option value=id selected=move || value_of(values, "procedure_id") == selected_id>{move || lang.get().pick(&p.name_ja, &p.name_en).to_owned()}</option> }
                        }).collect_view()}
                    </select>
                </div>
                <div class="field">
                    <label for="filter-status">{move || lang.get().text().status}</label>
                    <select id="filter-status" on:change=move |e| set_value(values, "status", event_target_value(&e))>
                        <option value="">{move || lang.get().pick("すべて", "All")}</option>
                        {[ReservationStatus::Booked, ReservationStatus::Cancelled, ReservationStatus::Visited, ReservationStatus::NoShow]
                            .into_iter()
                            .map(|status| view! {
                                <option value=status.as_str() selected=move || value_of(values, "status") == status.as_str()>{move || status_label(lang.get(), status)}</option>
                            })
                            .collect_view()}
                    </select>
                </div>
                <div class="field">
                    <label for="filter-channel">{move || lang.get().pick("受付経路", "Channel")}</label>
                    <select id="filter-channel" on:change=move |e| set_value(values, "channel", event_target_value(&e))>
                        <option value="">{move || lang.get().pick("すべて", "All")}</option>
                        {[Channel::Web, Channel::Phone, Channel::Counter]
                            .into_iter()
                            .map(|channel| view! {
                                <option value=channel.as_str() selected=move || value_of(values, "channel") == channel.as_str()>{move || channel_label(lang.get(), channel)}</option>
                            })
                            .collect_view()}
                    </select>
                </div>
            </div>
            <div class="actions">
                <button type="submit" class="primary" data-testid="search">{move || lang.get().pick("検索", "Search")}</button>
                <button type="button" class="secondary" on:click=clear>{move || lang.get().pick("条件をクリア", "Clear")}</button>
            </div>
        </form>
        <StaffProblem error=error.into()/>
        <Suspense fallback=|| view! { <Loading/> }>
            {move || results.get().map(|found| match found {
                Ok(None) => view! {
                    <p class="note">{move || lang.get().pick(
                        "条件を入れて検索してください。来庁日だけを入れると、その日の一覧になります。",
                        "Enter a condition and search. A day alone lists that day.",
                    )}</p>
                }.into_any(),
                Ok(Some(list)) if sheet_mode.get() => {
                    let date = value_of_applied(applied, "date");
                    let location = selected_location(applied, locations);
                    let place = locations
                        .get()
                        .and_then(Result::ok)
                        .and_then(|all| all.into_iter().find(|l| l.id == location))
                        .map(|l| (l.name_ja, l.name_en))
                        .unwrap_or_default();
                    view! {
                        <div class="actions compact no-print">
                            <button type="button" class="primary" data-testid="print-sheet" on:click=print>
                                {move || lang.get().pick("印刷する", "Print")}
                            </button>
                            <a class="button secondary" href=list_href>{move || lang.get().pick("一覧に戻る", "Back to the list")}</a>
                        </div>
                        <DaySheet list date place/>
                    }.into_any()
                }
                Ok(Some(list)) => {
                    let count = list.len();
                    let city = is_city(session.get().map(|s| s.role()));
                    view! {
                        <div class="actions compact no-print" data-testid="list-actions">
                            <button type="button" class="secondary" data-testid="download-csv" on:click=move |_| download("csv")>
                                {move || lang.get().pick("CSVでダウンロード", "Download CSV")}
                            </button>
                            <button type="button" class="secondary" data-testid="download-xlsx" on:click=move |_| download("xlsx")>
                                {move || lang.get().pick("Excel（XLSX）でダウンロード", "Download XLSX")}
                            </button>
                            <button type="button" class="secondary" data-testid="print" on:click=print>
                                {move || lang.get().pick("この一覧を印刷", "Print this list")}
                            </button>
                            <Show when=has_date>
                                <a class="button secondary" data-testid="day-sheet" href=sheet_href>
                                    {move || lang.get().pick("その日の受付表（印刷用）", "The day's reception sheet (print)")}
                                </a>
                                <button type="button" class="secondary" data-testid="save-day-sheet" on:click=save_sheet>
                                    {move || lang.get().pick("受付表をファイルで保存", "Save the sheet as a file")}
                                </button>
                            </Show>
                        </div>
                        <p role="status" data-testid="result-count">{move || match lang.get() {
                            Lang::Ja => format!("{count}件"),
                            Lang::En => format!("{count} found"),
                        }}</p>
                        <ResultsTable list city/>
                    }.into_any()
                }
                Err(failure) => {
                    let failure = Signal::derive(move || Some(failure.clone()));
                    view! { <StaffProblem error=failure/> }.into_any()
                }
            })}
        </Suspense>
    }
}
