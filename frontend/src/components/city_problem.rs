//! Error messages for the city's settings pages (slots, catalog, notices, accounts,
//! reports, contract end): worded for city staff about settings rather than reservations,
//! announced as an alert, with the refused fields listed.

use leptos::prelude::*;
use madoguchi_shared::error::ErrorCode;

use crate::api::ApiError;
use crate::components::field_errors::reason;
use crate::components::staff_problem::staff_problem_text;
use crate::i18n::Lang;

/// A sentence for city staff about a failed call.
pub fn city_problem_text(lang: Lang, error: &ApiError) -> String {
    use ErrorCode::*;
    let text = match (error.code(), error) {
        (_, ApiError::Network(_)) => None,
        (SlotRuleConflict, _) => Some(lang.pick(
            "この変更では、予約済みの人の席がなくなります。保存していません。下の一覧を確かめてください。",
            "This change would leave booked visitors without a seat, so it was not saved. See the list below.",
        )),
        (AlreadyExists, _) => Some(lang.pick(
            "同じものがすでにあります（ログインIDやコードの重複など）。保存していません。",
            "Something with the same identity already exists (e.g. a login ID or code). Nothing was saved.",
        )),
        (Conflict, _) => Some(lang.pick(
            "いまの状態では、この操作は行えません（ほかの人が同時に変更した場合など）。画面を読み込み直して確かめてください。",
            "This cannot be done in the current state (someone may have changed it at the same time). Reload the page and check.",
        )),
        (Forbidden, _) => Some(lang.pick(
            "この操作は行えません。自分の役割の変更や自分の停止はできません。必要なら別の管理者に依頼してください。",
            "This is not allowed. Nobody can change their own role or disable themselves; ask another administrator.",
        )),
        (NotFound, _) => Some(lang.pick(
            "対象が見つかりません。ほかの人が削除した可能性があります。画面を開き直してください。",
            "It was not found; someone may have deleted it. Please reopen the page.",
        )),
        (ValidationFailed, _) => Some(lang.pick(
            "入力内容を確かめてください。",
            "Please check what you entered.",
        )),
        (MalformedBody | UnsupportedMediaType, _) => Some(lang.pick(
            "ファイルや入力の形式が正しくありません。",
            "The file or the input is not in the expected format.",
        )),
        (PayloadTooLarge, _) => Some(lang.pick(
            "ファイルが大きすぎます。分けて取り込んでください。",
            "The file is too large. Please import it in parts.",
        )),
        _ => None,
    };
    let Some(text) = text else {
        return staff_problem_text(lang, error);
    };
    match error {
        ApiError::Problem(problem) if !problem.errors.is_empty() => {
            let fields: Vec<String> = problem
                .errors
                .iter()
                .map(|field| format!("{}: {}", field.field, reason(field, lang)))
                .collect();
            format!("{text} {}", fields.join(lang.pick("、", "; ")))
        }
        ApiError::Problem(problem) if matches!(problem.code, MalformedBody) => {
            match &problem.detail {
                Some(detail) => format!("{text} ({detail})"),
                None => text.to_owned(),
            }
        }
        _ => text.to_owned(),
    }
}

/// A failed call on a city page, announced as an alert.
#[component]
pub fn CityProblem(error: Signal<Option<ApiError>>) -> impl IntoView {
    let lang = expect_context::<RwSignal<Lang>>();
    move || {
        error.get().map(|error| {
            view! {
                <p class="alert" role="alert" data-testid="problem" data-code=format!("{:?}", error.code())>
                    {city_problem_text(lang.get(), &error)}
                </p>
            }
        })
    }
}
