//! The reservations a refused change would have left without a seat.

use leptos::prelude::*;
use madoguchi_shared::error::ErrorCode;

use crate::api::ApiError;
use crate::components::scroll_box::ScrollBox;
use crate::i18n::Lang;

/// The reservations a refused change would leave without a seat.
#[component]
pub(super) fn AffectedReservations(error: RwSignal<Option<ApiError>>) -> impl IntoView {
    let lang = expect_context::<RwSignal<Lang>>();
    move || {
        let Some(ApiError::Problem(problem)) = error.get() else {
            return None;
        };
        if problem.code != ErrorCode::SlotRuleConflict || problem.affected_reservations.is_empty() {
            return None;
        }
        let lang = lang.get();
        let rows = problem
            .affected_reservations
            .into_iter()
            .map(|affected| {
                view! {
                    <tr>
                        <td data-testid="affected-number">{affected.number}</td>
                        <td>{lang.date(affected.date)}</td>
                        <td>{affected.start}</td>
                        <td>{affected.seats}</td>
                        <td>{affected.new_capacity}</td>
                    </tr>
                }
            })
            .collect_view();
        Some(view! {
            <section class="alert affected" data-testid="affected-reservations" aria-labelledby="affected-heading">
                <h3 id="affected-heading">{lang.pick(
                    "この変更では、次の予約の席がなくなります",
                    "This change would leave these reservations without a seat",
                )}</h3>
                <p>{lang.pick(
                    "定員を予約済みの人数以上にするか、先に予約を別の時間帯へ変更してください。",
                    "Keep the seats at or above what is booked, or move these reservations first.",
                )}</p>
                <ScrollBox>
                    <table>
                        <thead>
                            <tr>
                                <th scope="col">{lang.pick("予約番号", "Number")}</th>
                                <th scope="col">{lang.pick("日付", "Day")}</th>
                                <th scope="col">{lang.pick("時間", "Time")}</th>
                                <th scope="col">{lang.pick("予約席数", "Seats booked")}</th>
                                <th scope="col">{lang.pick("変更後の定員", "New capacity")}</th>
                            </tr>
                        </thead>
                        <tbody>{rows}</tbody>
                    </table>
                </ScrollBox>
            </section>
        })
    }
}
