//! Error messages for staff: the same announced alert as `problem::ProblemMessage`, worded
//! for an operator or city staff rather than a citizen (no "call the call center"), and
//! listing the fields a validation failure names.

use leptos::prelude::*;
use madoguchi_shared::error::ErrorCode;

use crate::api::ApiError;
use crate::i18n::Lang;

/// A sentence for staff about a failed call.
pub fn staff_problem_text(lang: Lang, error: &ApiError) -> String {
    use ErrorCode::*;
    let code = error.code();
    let text = match (code, error) {
        (_, ApiError::Network(_)) => lang.pick(
            "サーバーに接続できませんでした。回線を確かめて、もう一度お試しください。",
            "Could not reach the server. Check the connection and try again.",
        ),
        (NotFound, _) => lang.pick(
            "該当する予約が見つかりません。予約番号を確かめてください。",
            "No such reservation. Please check the number.",
        ),
        (Forbidden, _) => lang.pick(
            "この操作を行う権限がありません。",
            "Your role does not allow this.",
        ),
        (SlotFull, _) => lang.pick(
            "この時間帯は満席です。別の時間帯を選んでください。",
            "This band is full. Please choose another.",
        ),
        (OutsideBookingWindow, _) => lang.pick(
            "この日時は受付期間外のため、予約・変更できません。",
            "This time is outside the booking period and cannot be booked or chosen.",
        ),
        (ReservationNotChangeable, _) => lang.pick(
            "この予約は取消済みか来庁の記録済みのため、変更できません。",
            "This reservation is cancelled or its visit is recorded; it cannot change.",
        ),
        (StepUpRequired, _) => lang.pick(
            "この操作には本人確認(パスワードの再入力)が必要です。実行していません。もう一度操作してください。",
            "This action needs you to confirm your password again; it was not done. Please try again.",
        ),
        (TwoFactorSetupRequired, _) => lang.pick(
            "先に2段階認証を設定してください。設定が終わるまで、ほかの画面は使えません。",
            "Set up two-factor sign-in first; the other pages open once it is done.",
        ),
        (InvalidCredentials | SecondFactorRequired, _) => lang.pick(
            "パスワードまたは確認コードが正しくありません。",
            "The password or the code is not correct.",
        ),
        (RateLimited, _) => lang.pick(
            "操作が多すぎます。少し待ってから、もう一度お試しください。",
            "Too many requests. Please wait a moment and try again.",
        ),
        _ => lang.problem(code),
    };
    match error {
        ApiError::Problem(problem) if !problem.errors.is_empty() => {
            let fields: Vec<String> = problem
                .errors
                .iter()
                .map(|field| format!("{}（{}）", field.field, lang.field_problem(field.code)))
                .collect();
            format!("{text} {}", fields.join(lang.pick("、", ", ")))
        }
        _ => text.to_owned(),
    }
}

/// A failed call, announced as an alert, worded for staff.
#[component]
pub fn StaffProblem(error: Signal<Option<ApiError>>) -> impl IntoView {
    let lang = expect_context::<RwSignal<Lang>>();
    move || {
        error.get().map(|error| {
            view! {
                <p class="alert" role="alert" data-testid="problem" data-code=format!("{:?}", error.code())>
                    {staff_problem_text(lang.get(), &error)}
                </p>
            }
        })
    }
}
