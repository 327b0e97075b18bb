//! `/staff/login`: staff sign-in; afterwards the member returns to the page they came from.

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::NavigateOptions;
use leptos_router::hooks::{use_navigate, use_query_map};
use madoguchi_shared::dto::auth::LoginRequest;

use super::session::{self, StaffSession};
use crate::api::{ApiError, staff as api};
use crate::components::problem::ProblemMessage;
use crate::i18n::Lang;

/// The sign-in form.
#[component]
pub fn StaffLoginPage() -> impl IntoView {
    let lang = expect_context::<RwSignal<Lang>>();
    let query = use_query_map();
    let navigate = use_navigate();
    let login_id = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let error = RwSignal::new(None::<ApiError>);
    let busy = RwSignal::new(false);
    let expired = move || query.read().get("expired").is_some();
    let signed_out = move || query.read().get("signed_out").is_some();
    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        let request = LoginRequest {
            login_id: login_id.get().trim().to_owned(),
            password: password.get(),
        };
        let next = query
            .read_untracked()
            .get("next")
            .filter(|next| next.starts_with("/staff") && !next.starts_with("/staff/login"))
            .unwrap_or_else(|| "/staff".to_owned());
        let navigate = navigate.clone();
        busy.set(true);
        error.set(None);
        spawn_local(async move {
            match api::login(&request).await {
                Ok(login) => {
                    session::save(&StaffSession::from_login(login));
                    navigate(
                        &next,
                        NavigateOptions {
                            replace: true,
                            ..Default::default()
                        },
                    );
                }
                Err(failure) => {
                    password.set(String::new());
                    error.set(Some(failure));
                }
            }
            busy.set(false);
        });
    };
    view! {
        <h1>{move || lang.get().pick("職員サインイン", "Staff sign-in")}</h1>
        <Show when=expired>
            <p class="notice" role="status" data-testid="session-expired">
                {move || lang.get().pick(
                    "一定時間が過ぎたため、サインインし直してください。元の画面に戻ります。",
                    "Your session has ended. Sign in again to return to the page you were on.",
                )}
            </p>
        </Show>
        <Show when=signed_out>
            <p class="notice" role="status">{move || lang.get().pick("サインアウトしました。", "You have signed out.")}</p>
        </Show>
        <ProblemMessage error=error.into()/>
        <form on:submit=submit class="lookup">
            <div class="field">
                <label for="staff-login-id">{move || lang.get().pick("ログインID", "Login ID")}</label>
                <input
                    id="staff-login-id"
                    type="text"
                    autocomplete="username"
                    autocapitalize="none"
                    required=true
                    prop:value=move || login_id.get()
                    on:input=move |event| login_id.set(event_target_value(&event))
                />
            </div>
            <div class="field">
                <label for="staff-password">{move || lang.get().pick("パスワード", "Password")}</label>
                <input
                    id="staff-password"
                    type="password"
                    autocomplete="current-password"
                    required=true
                    prop:value=move || password.get()
                    on:input=move |event| password.set(event_target_value(&event))
                />
            </div>
            <button type="submit" class="primary" prop:disabled=move || busy.get()>
                {move || lang.get().pick("サインイン", "Sign in")}
            </button>
        </form>
    }
}
