//! `/staff/login`: staff sign-in in one or two steps. The password first; when the account
//! signs in with two factors, the server answers `second_factor_required` and the page asks
//! for the authenticator app's code (or a recovery code) and sends both again. Afterwards
//! the member returns to the page they came from, or, when their role needs two-factor
//! sign-in and they have not set it up, goes straight to the two-factor page.

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::NavigateOptions;
use leptos_router::hooks::{use_navigate, use_query_map};
use madoguchi_shared::dto::auth::LoginRequest;
use madoguchi_shared::error::ErrorCode;

use crate::api::ApiError;
use crate::api::staff::{self as api, SignInFailure};
use crate::components::focus::focus_later;
use crate::components::staff_problem::staff_problem_text;
use crate::i18n::Lang;
use crate::session::{self, StaffSession};

/// Where the sign-in is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum SignInStep {
    /// Login id and password.
    Password,
    /// The password was right; the one-time code is asked for.
    Code,
}

/// `n` seconds as a wait a person understands: seconds under a minute, else minutes.
fn wait_text(lang: Lang, seconds: u64) -> String {
    let minutes = seconds.div_ceil(60);
    match (lang, seconds < 60) {
        (Lang::Ja, true) => format!("{seconds}秒"),
        (Lang::Ja, false) => format!("{minutes}分"),
        (Lang::En, true) => format!("{seconds} seconds"),
        (Lang::En, false) if minutes == 1 => "a minute".to_owned(),
        (Lang::En, false) => format!("{minutes} minutes"),
    }
}

/// A sentence about a refused sign-in, for the step it was refused at.
fn sign_in_problem_text(lang: Lang, failure: &SignInFailure, step: SignInStep) -> String {
    match (failure.error.code(), &failure.error) {
        (_, ApiError::Network(_)) => staff_problem_text(lang, &failure.error),
        (ErrorCode::InvalidCredentials, _) if step == SignInStep::Code => lang
            .pick(
                "確認コードが正しくないか、すでに使われています。認証アプリに表示されている新しいコードか、まだ使っていない回復コードを入力してください。",
                "The code is not correct or has been used already. Enter the new code the authenticator app shows, or a recovery code you have not used.",
            )
            .to_owned(),
        (ErrorCode::InvalidCredentials | ErrorCode::AccountDisabled, _) => lang
            .pick(
                "ログインIDまたはパスワードが違います。何度も間違えると、しばらくサインインできなくなります。",
                "The login ID or password is not correct. After several wrong tries, signing in is blocked for a while.",
            )
            .to_owned(),
        (ErrorCode::RateLimited | ErrorCode::AccountLocked, _) => {
            match (lang, failure.retry_after_seconds) {
                (Lang::Ja, Some(seconds)) => format!(
                    "サインインの試行が多すぎます。{}ほど待ってから、もう一度お試しください。",
                    wait_text(lang, seconds)
                ),
                (Lang::En, Some(seconds)) => format!(
                    "Too many sign-in attempts. Please wait {} and try again.",
                    wait_text(lang, seconds)
                ),
                (_, None) => lang
                    .pick(
                        "サインインの試行が多すぎます。しばらく待ってから、もう一度お試しください。",
                        "Too many sign-in attempts. Please wait a while and try again.",
                    )
                    .to_owned(),
            }
        }
        _ => staff_problem_text(lang, &failure.error),
    }
}

/// The sign-in form.
#[component]
pub fn StaffLoginPage() -> impl IntoView {
    let lang = expect_context::<RwSignal<Lang>>();
    let query = use_query_map();
    let navigate = use_navigate();
    let login_id = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let code = RwSignal::new(String::new());
    let step = RwSignal::new(SignInStep::Password);
    let failure = RwSignal::new(None::<(SignInFailure, SignInStep)>);
    let busy = RwSignal::new(false);
    let flag = move |name: &str| query.read().get(name);
    let expired = move || flag("expired").is_some();
    let signed_out = move || flag("signed_out").is_some_and(|value| value != "unconfirmed");
    let sign_out_unconfirmed = move || flag("signed_out").as_deref() == Some("unconfirmed");
    let password_changed = move || flag("password_changed").is_some();
    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        let at_step = step.get_untracked();
        let request = LoginRequest {
            login_id: login_id.get_untracked().trim().to_owned(),
            password: password.get_untracked(),
            code: (at_step == SignInStep::Code).then(|| code.get_untracked().trim().to_owned()),
        };
        let next = query
            .read_untracked()
            .get("next")
            .filter(|next| next.starts_with("/staff") && !next.starts_with("/staff/login"))
            .unwrap_or_else(|| "/staff".to_owned());
        let navigate = navigate.clone();
        busy.set(true);
        failure.set(None);
        spawn_local(async move {
            match api::login(&request).await {
                Ok(login) => {
                    let signed_in = StaffSession::from_login(login);
                    session::save(&signed_in);
                    let target = if signed_in.two_factor_setup_required {
                        session::two_factor_path()
                    } else {
                        next
                    };
                    navigate(
                        &target,
                        NavigateOptions {
                            replace: true,
                            ..Default::default()
                        },
                    );
                }
                Err(refused) if refused.error.code() == ErrorCode::SecondFactorRequired => {
                    code.set(String::new());
                    step.set(SignInStep::Code);
                    focus_later("staff-code");
                }
                Err(refused) => {
                    if at_step == SignInStep::Code
                        && refused.error.code() == ErrorCode::InvalidCredentials
                    {
                        code.set(String::new());
                        focus_later("staff-code");
                    } else {
                        password.set(String::new());
                        code.set(String::new());
                        step.set(SignInStep::Password);
                    }
                    failure.set(Some((refused, at_step)));
                }
            }
            busy.set(false);
        });
    };
    let start_over = move |_| {
        password.set(String::new());
        code.set(String::new());
        failure.set(None);
        step.set(SignInStep::Password);
        focus_later("staff-password");
    };
    view! {
        <h1>{move || lang.get().pick("職員サインイン", "Staff sign-in")}</h1>
        <Show when=expired>
            <p class="notice" role="status" data-testid="session-expired">
                {move || lang.get().pick(
                    "一定時間が過ぎたか、ほかの操作でサインインが終了したため、サインインし直してください。元の画面に戻ります。",
                    "Your session has ended. Sign in again to return to the page you were on.",
                )}
            </p>
        </Show>
        <Show when=signed_out>
            <p class="notice" role="status" data-testid="signed-out">
                {move || lang.get().pick(
                    "サインアウトしました。ほかの端末のサインインも終了しました。",
                    "You have signed out, on every device.",
                )}
            </p>
        </Show>
        <Show when=sign_out_unconfirmed>
            <p class="alert" role="alert" data-testid="sign-out-unconfirmed">
                {move || lang.get().pick(
                    "この端末ではサインアウトしましたが、サーバーに接続できなかったため、ほかの端末のサインインが残っている可能性があります。もう一度サインインしてからサインアウトしてください。",
                    "You are signed out on this device, but the server could not be reached, so other devices may still be signed in. Sign in and sign out again to end them.",
                )}
            </p>
        </Show>
        <Show when=password_changed>
            <p class="notice" role="status" data-testid="password-changed">
                {move || lang.get().pick(
                    "パスワードを変更しました。新しいパスワードでサインインしてください。",
                    "Password changed. Sign in with the new one.",
                )}
            </p>
        </Show>
        {move || failure.get().map(|(refused, at_step)| view! {
            <p class="alert" role="alert" data-testid="problem" data-code=format!("{:?}", refused.error.code())>
                {sign_in_problem_text(lang.get(), &refused, at_step)}
            </p>
        })}
        <form on:submit=submit class="lookup">
            <Show
                when=move || step.get() == SignInStep::Code
                fallback=move || view! {
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
                }
            >
                <p class="notice" role="status" data-testid="second-factor-needed">
                    {move || lang.get().pick(
                        "パスワードを確認しました。このアカウントは2段階認証を使っています。",
                        "Password accepted. This account signs in with two factors.",
                    )}
                </p>
                <div class="field">
                    <label for="staff-code">{move || lang.get().pick("確認コード", "Authentication code")}</label>
                    <input
                        id="staff-code"
                        type="text"
                        autocomplete="one-time-code"
                        autocapitalize="none"
                        spellcheck="false"
                        required=true
                        aria-describedby="staff-code-help"
                        prop:value=move || code.get()
                        on:input=move |event| code.set(event_target_value(&event))
                    />
                    <p class="note" id="staff-code-help">{move || lang.get().pick(
                        "スマートフォンの認証アプリに表示されている6桁の数字を入力してください。スマートフォンが手元にないときは、回復コード(例: abcde-fghij)を1つ入力できます。",
                        "Enter the six digits your authenticator app shows. Without your phone, enter one of your recovery codes (like abcde-fghij).",
                    )}</p>
                </div>
            </Show>
            <div class="actions compact">
                <button type="submit" class="primary" prop:disabled=move || busy.get()>
                    {move || lang.get().pick("サインイン", "Sign in")}
                </button>
                <Show when=move || step.get() == SignInStep::Code>
                    <button type="button" class="secondary" on:click=start_over data-testid="sign-in-start-over">
                        {move || lang.get().pick("最初からやり直す", "Start over")}
                    </button>
                </Show>
            </div>
        </form>
    }
}
