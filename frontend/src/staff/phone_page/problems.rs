//! What went wrong on the phone screen: the server's refusal of the booking (a band taken
//! meanwhile, a caller who already has a booking), and the list of fields to fix.

use leptos::prelude::*;
use madoguchi_shared::console::ConsolePage;
use madoguchi_shared::error::ErrorCode;

use super::call::PhoneCall;
use super::contact::field_error_label;
use crate::api::ApiError;
use crate::components::staff_problem::staff_problem_text;

/// The refusal, with the caller's existing bookings when that was the reason.
#[component]
pub(super) fn PhoneProblem(call: PhoneCall) -> impl IntoView {
    let lang = call.lang;
    move || {
        let failure = call.error.get()?;
        let lang_now = lang.get();
        let (message, existing) = match &failure {
            ApiError::Problem(problem) if problem.code == ErrorCode::SlotFull => (
                lang_now
                    .pick(
                        "この時間帯は、たった今ほかの予約で満席になりました。空き状況を更新しましたので、別の時間帯を選んでください。",
                        "This band has just been taken. The seats are refreshed: please choose another band.",
                    )
                    .to_owned(),
                Vec::new(),
            ),
            ApiError::Problem(problem)
                if problem.code == ErrorCode::TooManyActiveReservations =>
            {
                (
                    lang_now
                        .pick(
                            "この連絡先には、すでに有効な予約があります。新しく予約する前に、次の予約を確認してください（変更で対応できる場合があります）。",
                            "This contact already has an active reservation. Check it before booking again (a change may be enough).",
                        )
                        .to_owned(),
                    problem.existing_reservations.clone(),
                )
            }
            other => (staff_problem_text(lang_now, other), Vec::new()),
        };
        Some(view! {
            <div id="phone-problem" class="alert" role="alert" tabindex="-1" data-testid="problem" data-code=format!("{:?}", failure.code())>
                <p>{message}</p>
                {(!existing.is_empty()).then(|| view! {
                    <ul data-testid="existing-reservations">
                        {existing
                            .into_iter()
                            .map(|number| {
                                let href = format!("{}?number={number}", ConsolePage::Reservations.href());
                                view! { <li><a href=href class="mono">{number}</a></li> }
                            })
                            .collect_view()}
                    </ul>
                })}
            </div>
        })
    }
}

/// The fields the check refused, each a link to its input.
#[component]
pub(super) fn ErrorSummary(call: PhoneCall) -> impl IntoView {
    let lang = call.lang;
    view! {
        <div
            id="phone-error-summary"
            class="error-summary"
            role="alert"
            tabindex="-1"
            hidden=move || call.field_errors.read().is_empty()
            data-testid="phone-errors"
        >
            <h2>{move || lang.get().text().error_summary}</h2>
            <ul>
                {move || {
                    let labels = call.fields.get().and_then(Result::ok).unwrap_or_default();
                    call.field_errors
                        .get()
                        .into_iter()
                        .map(|error| {
                            let lang = lang.get();
                            let (target, label) = field_error_label(lang, &error.field, &labels);
                            view! {
                                <li><a href=format!("#{target}")>{format!("{label}: {}", lang.field_problem(error.code))}</a></li>
                            }
                        })
                        .collect_view()
                }}
            </ul>
        </div>
    }
}
