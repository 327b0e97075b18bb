//! The printable day sheet of one location and day (R7.4-イ).

use leptos::prelude::*;
use madoguchi_shared::dto::reservation::{Reservation, ReservationStatus};

use crate::components::history_table::channel_label;
use crate::i18n::Lang;

/// A day's reception sheet to print: the bookings by band, each with a box to tick when the
/// party arrives.
#[component]
pub(super) fn DaySheet(
    list: Vec<Reservation>,
    date: String,
    place: (String, String),
) -> impl IntoView {
    let lang = expect_context::<RwSignal<Lang>>();
    let day = chrono::NaiveDate::parse_from_str(&date, "%Y-%m-%d").ok();
    let booked: Vec<Reservation> = list
        .into_iter()
        .filter(|r| r.status != ReservationStatus::Cancelled)
        .collect();
    let mut bands: Vec<(chrono::NaiveTime, chrono::NaiveTime, Vec<Reservation>)> = Vec::new();
    for reservation in booked {
        match bands.last_mut() {
            Some((start, _, rows)) if *start == reservation.start => rows.push(reservation),
            _ => bands.push((reservation.start, reservation.end, vec![reservation])),
        }
    }
    let people: usize = bands
        .iter()
        .flat_map(|(_, _, rows)| rows.iter().map(|r| r.members.len()))
        .sum();
    let (place_ja, place_en) = place;
    view! {
        <section class="day-sheet" data-testid="sheet" aria-labelledby="sheet-heading">
            <h2 id="sheet-heading">
                {move || lang.get().pick("受付表", "Reception sheet")}" "
                {move || lang.get().pick(&place_ja, &place_en).to_owned()}" "
                {move || day.map(|day| lang.get().date(day)).unwrap_or_default()}
            </h2>
            <p>{move || match lang.get() {
                Lang::Ja => format!("{people}人"),
                Lang::En => format!("{people} people"),
            }}</p>
            {bands
                .into_iter()
                .map(|(start, end, rows)| view! {
                    <table class="data-table sheet-table">
                        <caption>{move || lang.get().band(start, end)}</caption>
                        <thead>
                            <tr>
                                <th scope="col" class="tick">{move || lang.get().pick("来庁", "Came")}</th>
                                <th scope="col">{move || lang.get().text().reservation_number}</th>
                                <th scope="col">{move || lang.get().text().people}</th>
                                <th scope="col">{move || lang.get().pick("電話番号", "Phone")}</th>
                                <th scope="col">{move || lang.get().pick("経路", "Channel")}</th>
                            </tr>
                        </thead>
                        <tbody>
                            {rows
                                .into_iter()
                                .map(|r| {
                                    let phone = r.contact.get("phone").cloned().unwrap_or_default();
                                    let visited = r.status == ReservationStatus::Visited;
                                    view! {
                                        <tr>
                                            <td class="tick"><span class="tick-box">{visited.then_some("✓")}</span></td>
                                            <td class="mono">{r.number.clone()}</td>
                                            <td>
                                                <ul class="plain">
                                                    {r.members.iter().map(|m| {
                                                        let procedure = m.procedure.clone();
                                                        let name = m.name.clone();
                                                        view! { <li>{name}"（"{move || lang.get().pick(&procedure.name_ja, &procedure.name_en).to_owned()}"）"</li> }
                                                    }).collect_view()}
                                                </ul>
                                            </td>
                                            <td>{phone}</td>
                                            <td>{move || channel_label(lang.get(), r.channel)}</td>
                                        </tr>
                                    }
                                })
                                .collect_view()}
                        </tbody>
                    </table>
                })
                .collect_view()}
        </section>
    }
}
