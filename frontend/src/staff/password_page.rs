//! `/staff/password`: a member replaces their password, e.g. the temporary one an
//! administrator gave after a reset. The rules are `shared::validate`'s, checked here first.
//! A changed password ends every session of the account, this one included: the page then
//! forgets the session and opens the sign-in page, which says why.

use leptos::prelude::*;
use leptos::task::spawn_local;
use madoguchi_shared::dto::auth::ChangePasswordRequest;
use madoguchi_shared::error::{FieldError, FieldErrorCode};
use madoguchi_shared::validate::validate_change_password;

use crate::api::ApiError;
use crate::api::accounts;
use crate::components::problem::ProblemMessage;
use crate::i18n::Lang;
use crate::session;

fn reason(error: &FieldError, lang: Lang) -> &'static str {
    match (error.field.as_str(), error.code) {
        (_, FieldErrorCode::Required) => lang.pick("入力してください。", "Please fill this in."),
        ("current_password", _) => lang.pick(
            "今のパスワードが違います。",
            "The current password is not correct.",
        ),
        (_, FieldErrorCode::Unchanged) => lang.pick(
            "今と違うパスワードにしてください。",
            "Choose a password different from the current one.",
        ),
        _ => lang.pick(
            "12文字以上にしてください(長い文やフレーズがおすすめです)。",
            "Use at least 12 characters (a long phrase works well).",
        ),
    }
}

/// The form.
#[component]
pub fn PasswordPage() -> impl IntoView {
    let lang = expect_context::<RwSignal<Lang>>();
    let current = RwSignal::new(String::new());
    let new = RwSignal::new(String::new());
    let repeat = RwSignal::new(String::new());
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let failure = RwSignal::new(None::<ApiError>);
    let busy = RwSignal::new(false);
    let message = move |field: &'static str| {
        errors.with(|errors| {
            errors
                .iter()
                .find(|error| error.field == field)
                .map(|error| reason(error, lang.get()))
        })
    };
    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        failure.set(None);
        let request = ChangePasswordRequest {
            current_password: current.get_untracked(),
            new_password: new.get_untracked(),
        };
        let mut found = validate_change_password(&request).err().unwrap_or_default();
        if repeat.get_untracked() != request.new_password {
            found.push(FieldError::new(
                "repeat",
                FieldErrorCode::Mismatch,
                "the two entries differ",
            ));
        }
        errors.set(found);
        if !errors.with_untracked(Vec::is_empty) {
            return;
        }
        busy.set(true);
        spawn_local(async move {
            match accounts::change_own_password(&request).await {
                Ok(()) => {
                    for field in [current, new, repeat] {
                        field.set(String::new());
                    }
                    session::clear_and_sign_in_again("password_changed=1");
                }
                Err(ApiError::Problem(problem)) if !problem.errors.is_empty() => {
                    errors.set(problem.errors);
                }
                Err(other) => failure.set(Some(other)),
            }
            busy.set(false);
        });
    };
    let field = move |id: &'static str,
                      label: (&'static str, &'static str),
                      value: RwSignal<String>,
                      autocomplete: &'static str| {
        let error_id = format!("{id}-error");
        view! {
            <div class="field">
                <label for=id>{move || lang.get().pick(label.0, label.1)}</label>
                <input
                    id=id
                    type="password"
                    autocomplete=autocomplete
                    aria-describedby=error_id.clone()
                    aria-invalid=move || message(id).is_some().to_string()
                    prop:value=move || value.get()
                    on:input=move |event| value.set(event_target_value(&event))
                />
                <p class="field-error" id=error_id>{move || message(id)}</p>
            </div>
        }
    };
    view! {
        <h1>{move || lang.get().pick("パスワードの変更", "Change your password")}</h1>
        <p>{move || lang.get().pick(
            "管理者から受け取った仮のパスワードは、最初にサインインしたときに自分だけが知るものに変えてください。",
            "Replace a temporary password from an administrator with one only you know the first time you sign in.",
        )}</p>
        <p class="note">{move || lang.get().pick(
            "変更すると、この端末を含むすべての端末でサインインが終了します。新しいパスワードでサインインし直してください。",
            "Changing it signs you out everywhere, on this device too; then sign in with the new password.",
        )}</p>
        <ProblemMessage error=failure.into()/>
        <form on:submit=submit class="lookup" novalidate=true>
            {field("current_password", ("今のパスワード", "Current password"), current, "current-password")}
            {field("new_password", ("新しいパスワード(12文字以上)", "New password (12 characters or more)"), new, "new-password")}
            {field("repeat", ("新しいパスワード(確認のためもう一度)", "New password again"), repeat, "new-password")}
            <button type="submit" class="primary" prop:disabled=move || busy.get()>
                {move || lang.get().pick("変更する", "Change")}
            </button>
        </form>
    }
}
