//! What the operator reads out to the caller once the booking is made.

use leptos::prelude::*;
use madoguchi_shared::dto::reservation::Reservation;

use super::days::spoken_symbol;
use crate::components::procedure_guide::GuideList;
use crate::i18n::Lang;

/// What the operator reads out once booked: the number, symbol by symbol, the day and
/// place, and each person's 持参物 and 留意事項 (R5.4).
#[component]
pub(super) fn ReadOut(
    reservation: Reservation,
    on_next: Callback<leptos::ev::MouseEvent>,
) -> impl IntoView {
    let lang = expect_context::<RwSignal<Lang>>();
    let number = reservation.number.clone();
    let groups: Vec<String> = number.split('-').map(str::to_owned).collect();
    let spoken = number
        .chars()
        .map(spoken_symbol)
        .filter(|word| !word.is_empty())
        .collect::<Vec<_>>()
        .join("・");
    let open_href = format!("/staff/reservations?number={number}");
    let inquiry_href = format!("/staff/inquiries?reservation={number}&category=booking");
    let (date, start, end) = (reservation.date, reservation.start, reservation.end);
    let place_ja = reservation.location_name_ja.clone();
    let place_en = reservation.location_name_en.clone();
    view! {
        <section class="readout" aria-labelledby="readout-heading" data-testid="readout">
            <h2 id="readout-heading" tabindex="-1">{move || lang.get().pick("予約しました。次のとおり読み上げてください", "Booked. Read this out to the caller")}</h2>
            <div class="number-box">
                <span class="number-label">{move || lang.get().text().reservation_number}</span>
                <span class="reservation-number readout-number" data-testid="readout-number" data-number=number.clone()>
                    {groups
                        .into_iter()
                        .map(|group| view! {
                            <span class="number-group">
                                {group.chars().map(|c| view! { <span class="symbol">{c.to_string()}</span> }).collect_view()}
                            </span>
                        })
                        .collect_view()}
                </span>
                <p class="spoken" data-testid="readout-spoken" lang="ja">{spoken}</p>
            </div>
            <dl class="summary">
                <dt>{move || lang.get().text().when}</dt>
                <dd data-testid="readout-when">{move || format!("{} {}", lang.get().date(date), lang.get().band(start, end))}</dd>
                <dt>{move || lang.get().text().place}</dt>
                <dd>{move || lang.get().pick(&place_ja, &place_en).to_owned()}</dd>
            </dl>
            <ul class="party" data-testid="readout-members">
                {reservation
                    .members
                    .into_iter()
                    .map(|member| {
                        let procedure = member.procedure.clone();
                        view! {
                            <li>
                                <h3>{member.name.clone()}"（"{move || lang.get().pick(&procedure.name_ja, &procedure.name_en).to_owned()}"）"</h3>
                                <GuideList guide=member.procedure/>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
            <div class="actions">
                <button type="button" class="primary" data-testid="next-call" on:click=move |event| on_next.run(event)>
                    {move || lang.get().pick("次の電話へ（入力を空にする）", "Next call (clear the form)")}
                </button>
                <a class="button secondary" href=open_href>{move || lang.get().text().open_reservation}</a>
                <a class="button secondary" href=inquiry_href>{move || lang.get().pick("この電話を問合せ記録に残す", "Log this call")}</a>
            </div>
        </section>
    }
}
