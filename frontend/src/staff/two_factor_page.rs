//! `/staff/two-factor` (every role): two-factor sign-in with an authenticator app. The page
//! says whether it is on; setting it up shows the server's QR code and the secret to type by
//! hand, takes the app's first code, and then shows the ten recovery codes once. Confirming
//! ends every earlier session of the account, so the page keeps the new session the server
//! returns. When the member's role must sign in with two factors and they have not set it
//! up, this page is the whole console (the shell offers nothing else) until they have.

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_navigate;
use madoguchi_shared::dto::auth::{TwoFactorEnabled, TwoFactorSetup};
use madoguchi_shared::error::{ErrorCode, FieldErrorCode};

use super::role_label;
use crate::api::{ApiError, staff as api};
use crate::components::download::save_bytes;
use crate::components::focus::focus_later;
use crate::components::staff_problem::StaffProblem;
use crate::i18n::Lang;
use crate::session::StaffSession;
use crate::session::{use_replace_session, use_session};

/// Why the first code was not taken.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum CodeProblem {
    /// Not six digits.
    Format,
    /// Not the code the app shows now.
    Incorrect,
    /// The set-up is gone (started again elsewhere): start over.
    StartAgain,
}

impl CodeProblem {
    fn text(self, lang: Lang) -> &'static str {
        match self {
            CodeProblem::Format => lang.pick(
                "認証アプリに表示されている6桁の数字を入力してください。",
                "Enter the six digits your authenticator app shows.",
            ),
            CodeProblem::Incorrect => lang.pick(
                "コードが合いません。アプリに表示されている最新のコードを入力してください。スマートフォンの時刻がずれていると合わないことがあります。",
                "The code does not match. Enter the latest code the app shows; a phone whose clock is wrong gives codes that do not match.",
            ),
            CodeProblem::StartAgain => lang.pick(
                "この設定は無効になりました。「やめる」を押して、最初から設定し直してください。",
                "This set-up is no longer valid. Press Cancel and start again.",
            ),
        }
    }
}

/// The QR code document as markup to place in the page: the server's SVG (trusted, made by
/// the server from the secret), without its XML declaration.
fn qr_markup(svg_document: &str) -> String {
    svg_document
        .find("<svg")
        .map_or_else(String::new, |start| svg_document[start..].to_owned())
}

/// The secret in groups of four, easier to copy by hand; spaces do not matter to the apps.
fn grouped(secret: &str) -> String {
    secret
        .chars()
        .collect::<Vec<_>>()
        .chunks(4)
        .map(|group| group.iter().collect::<String>())
        .collect::<Vec<_>>()
        .join(" ")
}

/// The code as typed, without spaces, if it is six digits.
fn six_digits(typed: &str) -> Option<String> {
    let digits: String = typed.chars().filter(|c| !c.is_whitespace()).collect();
    (digits.len() == 6 && digits.chars().all(|c| c.is_ascii_digit())).then_some(digits)
}

/// The page.
#[component]
pub fn TwoFactorPage() -> impl IntoView {
    let lang = expect_context::<RwSignal<Lang>>();
    let session = use_session();
    let replace_session = use_replace_session();
    let navigate = use_navigate();
    let required = move || {
        session.with(|signed_in| {
            signed_in
                .as_ref()
                .is_some_and(|signed_in| signed_in.two_factor_setup_required)
        })
    };
    let account = LocalResource::new(api::me);
    let status_error = Signal::derive(move || account.get().and_then(Result::err));
    let setup = RwSignal::new(None::<TwoFactorSetup>);
    let recovery = RwSignal::new(None::<(Vec<String>, StaffSession)>);
    let error = RwSignal::new(None::<ApiError>);
    let busy = RwSignal::new(false);
    let enabled = move || {
        account
            .get()
            .and_then(Result::ok)
            .map(|account| account.two_factor_enabled)
    };

    let start = move |_| {
        busy.set(true);
        error.set(None);
        spawn_local(async move {
            match api::start_two_factor().await {
                Ok(started) => {
                    setup.set(Some(started));
                    focus_later("two-factor-setup-heading");
                }
                Err(failure) => error.set(Some(failure)),
            }
            busy.set(false);
        });
    };
    let on_enabled = Callback::new(move |done: TwoFactorEnabled| {
        let new_session = StaffSession::from_login(done.session);
        if required() {
            // The shell shows the full console once the codes are put away (see below);
            // the new token is in use from now on.
            crate::session::save(&new_session);
        } else {
            replace_session(new_session.clone());
        }
        setup.set(None);
        recovery.set(Some((done.recovery_codes, new_session)));
        account.refetch();
        focus_later("recovery-codes-heading");
    });
    let on_cancel = Callback::new(move |()| {
        setup.set(None);
        focus_later("two-factor-heading");
    });
    let on_stored = Callback::new(move |()| {
        let Some((_, new_session)) = recovery.get_untracked() else {
            return;
        };
        if required() {
            replace_session(new_session);
            navigate("/staff", Default::default());
        } else {
            recovery.set(None);
            focus_later("two-factor-heading");
        }
    });

    let status_text = move || {
        let lang = lang.get();
        match account.get() {
            None => lang.pick("確認しています…", "Checking…"),
            Some(Err(_)) => lang.pick("確認できませんでした。", "Could not be checked."),
            Some(Ok(account)) if account.two_factor_enabled => lang.pick(
                "有効(サインインのときに確認コードを入力します)",
                "On (you enter a code when you sign in)",
            ),
            Some(Ok(_)) => lang.pick("未設定", "Not set up"),
        }
    };

    view! {
        <h1 id="two-factor-heading" tabindex="-1">{move || lang.get().pick("2段階認証", "Two-factor sign-in")}</h1>
        <Show when=required>
            <section class="alert" data-testid="two-factor-required" aria-labelledby="two-factor-required-heading">
                <h2 id="two-factor-required-heading">{move || lang.get().pick("2段階認証の設定が必要です", "Two-factor sign-in is required")}</h2>
                <p>{move || {
                    let lang = lang.get();
                    let role = session
                        .get()
                        .map(|signed_in| role_label(signed_in.role(), lang))
                        .unwrap_or_default();
                    match lang {
                        Lang::Ja => format!("あなたの役割({role})では、パスワードに加えて確認コードを使う2段階認証でサインインする決まりです。設定が終わるまで、ほかの画面は使えません。"),
                        Lang::En => format!("Your role ({role}) must sign in with two factors: the password and a code. The other pages open once it is set up."),
                    }
                }}</p>
            </section>
        </Show>
        <p>{move || lang.get().pick(
            "2段階認証では、サインインのときにパスワードに加えて、スマートフォンの認証アプリに表示される6桁の確認コードを入力します。パスワードが他人に知られても、そのスマートフォンがなければサインインできません。",
            "With two-factor sign-in you enter, besides your password, the six-digit code an authenticator app on your phone shows. Someone who learns your password still cannot sign in without that phone.",
        )}</p>
        <p data-testid="two-factor-status">
            <strong>{move || lang.get().pick("現在の状態: ", "Now: ")}</strong>
            {status_text}
        </p>
        <StaffProblem error=status_error/>
        <StaffProblem error=error.into()/>
        {move || match (recovery.get(), setup.get()) {
            (Some((codes, _)), _) => view! { <RecoveryCodes codes on_stored/> }.into_any(),
            (None, Some(started)) => view! { <Enrolment setup=started on_enabled on_cancel/> }.into_any(),
            (None, None) if enabled() == Some(true) => view! {
                <section class="panel" aria-labelledby="two-factor-again-heading">
                    <h2 id="two-factor-again-heading">{move || lang.get().pick("スマートフォンをなくしたとき・替えたとき", "A lost or new phone")}</h2>
                    <p>{move || lang.get().pick(
                        "スマートフォンをなくしたときは、確認コードの代わりに回復コードを1つ入力してサインインし、ここで新しいスマートフォンに設定し直してください。回復コードもないときは、市の管理者に2段階認証のリセットを依頼してください。",
                        "If you lose your phone, sign in with one of your recovery codes instead of a code, then set up your new phone here. Without recovery codes, ask a city administrator to reset your two-factor sign-in.",
                    )}</p>
                    <button type="button" class="secondary" data-testid="start-two-factor" on:click=start prop:disabled=move || busy.get()>
                        {move || lang.get().pick("新しいスマートフォンで設定し直す", "Set up on a new phone")}
                    </button>
                </section>
            }.into_any(),
            (None, None) => view! {
                <div class="actions">
                    <button type="button" class="primary" data-testid="start-two-factor" on:click=start prop:disabled=move || busy.get() || account.get().is_none()>
                        {move || lang.get().pick("設定を始める", "Start setting up")}
                    </button>
                </div>
            }.into_any(),
        }}
    }
}

/// Adding the account to an authenticator app, and its first code.
#[component]
fn Enrolment(
    /// The secret the server made.
    setup: TwoFactorSetup,
    /// Called once the server has turned two-factor sign-in on.
    on_enabled: Callback<TwoFactorEnabled>,
    /// Called when the member gives up this set-up.
    on_cancel: Callback<()>,
) -> impl IntoView {
    let lang = expect_context::<RwSignal<Lang>>();
    let code = RwSignal::new(String::new());
    let problem = RwSignal::new(None::<CodeProblem>);
    let error = RwSignal::new(None::<ApiError>);
    let busy = RwSignal::new(false);
    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        error.set(None);
        let Some(digits) = six_digits(&code.get_untracked()) else {
            problem.set(Some(CodeProblem::Format));
            focus_later("two-factor-code");
            return;
        };
        problem.set(None);
        busy.set(true);
        spawn_local(async move {
            match api::confirm_two_factor(&digits).await {
                Ok(done) => on_enabled.run(done),
                Err(ApiError::Problem(refused))
                    if refused.errors.iter().any(|field| field.field == "code") =>
                {
                    let start_again = refused.errors.iter().any(|field| {
                        field.field == "code" && field.code == FieldErrorCode::NoSetup
                    });
                    code.set(String::new());
                    problem.set(Some(if start_again {
                        CodeProblem::StartAgain
                    } else {
                        CodeProblem::Incorrect
                    }));
                    focus_later("two-factor-code");
                }
                Err(ApiError::Problem(refused)) if refused.code == ErrorCode::Conflict => {
                    problem.set(Some(CodeProblem::StartAgain));
                    focus_later("two-factor-code");
                }
                Err(failure) => error.set(Some(failure)),
            }
            busy.set(false);
        });
    };
    let qr = qr_markup(&setup.qr_svg);
    let secret = grouped(&setup.secret);
    view! {
        <section class="panel" aria-labelledby="two-factor-setup-heading" data-testid="two-factor-setup">
            <h2 id="two-factor-setup-heading" tabindex="-1">{move || lang.get().pick("認証アプリに登録する", "Add the account to an authenticator app")}</h2>
            <ol class="enrol-steps">
                <li>{move || lang.get().pick(
                    "スマートフォンに認証アプリを入れます(Google Authenticator、Microsoft Authenticator など、30秒ごとに変わる6桁のコードを表示するアプリ)。",
                    "Install an authenticator app on your phone (Google Authenticator, Microsoft Authenticator or any app showing six-digit codes that change every 30 seconds).",
                )}</li>
                <li>
                    {move || lang.get().pick("アプリでアカウントを追加し、このQRコードを読み取ります。", "In the app, add an account and scan this QR code.")}
                    <div
                        class="qr-code"
                        role="img"
                        data-testid="two-factor-qr"
                        aria-label=move || lang.get().pick("QRコード(認証アプリで読み取ります)", "QR code (scan it with the authenticator app)")
                        inner_html=qr
                    ></div>
                </li>
                <li>
                    {move || lang.get().pick(
                        "読み取れないときは、アプリで「セットアップキーを入力」を選び、次のキーを入力します(種類は「時間ベース」。空白は入れなくてもかまいません)。",
                        "If it cannot scan, choose to enter a setup key in the app and type this key (time-based; the spaces do not matter).",
                    )}
                    <p class="secret-key"><code data-testid="two-factor-secret">{secret}</code></p>
                </li>
                <li>{move || lang.get().pick(
                    "アプリに表示された6桁の確認コードを入力して、「確認して有効にする」を押します。",
                    "Enter the six-digit code the app shows and press \u{201c}Confirm and turn on\u{201d}.",
                )}</li>
            </ol>
            <form on:submit=submit novalidate=true>
                <div class="field">
                    <label for="two-factor-code">{move || lang.get().pick("確認コード", "Authentication code")}</label>
                    <input
                        id="two-factor-code"
                        type="text"
                        inputmode="numeric"
                        autocomplete="one-time-code"
                        spellcheck="false"
                        aria-describedby="two-factor-code-error"
                        aria-invalid=move || problem.get().map(|_| "true")
                        prop:value=move || code.get()
                        on:input=move |event| code.set(event_target_value(&event))
                    />
                    <p class="field-error" id="two-factor-code-error">{move || problem.get().map(|problem| problem.text(lang.get()))}</p>
                </div>
                <StaffProblem error=error.into()/>
                <div class="actions compact">
                    <button type="submit" class="primary" data-testid="confirm-two-factor" prop:disabled=move || busy.get()>
                        {move || lang.get().pick("確認して有効にする", "Confirm and turn on")}
                    </button>
                    <button type="button" class="secondary" on:click=move |_| on_cancel.run(())>
                        {move || lang.get().pick("やめる", "Cancel")}
                    </button>
                </div>
            </form>
        </section>
    }
}

/// How keeping the recovery codes went.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Keeping {
    /// The file was handed to the browser.
    Saved,
    /// The browser refused to save or print.
    Refused,
}

/// The recovery codes, shown this once, with ways to keep them.
#[component]
fn RecoveryCodes(
    /// The codes.
    codes: Vec<String>,
    /// Called when the member has put them away.
    on_stored: Callback<()>,
) -> impl IntoView {
    let lang = expect_context::<RwSignal<Lang>>();
    let kept = RwSignal::new(None::<Keeping>);
    let file_text = format!(
        "madoguchi 回復コード / recovery codes\n\
         各コードは1回だけ使えます。Each code works once.\n\n{}\n",
        codes.join("\n")
    );
    let save = move |_| {
        let saved = save_bytes(
            file_text.as_bytes(),
            "text/plain;charset=utf-8",
            "madoguchi-recovery-codes.txt",
        );
        kept.set(Some(if saved {
            Keeping::Saved
        } else {
            Keeping::Refused
        }));
    };
    let print = move |_| {
        if window().print().is_err() {
            kept.set(Some(Keeping::Refused));
        }
    };
    let items = codes
        .into_iter()
        .map(|code| view! { <li><code>{code}</code></li> })
        .collect_view();
    view! {
        <section class="once" aria-labelledby="recovery-codes-heading" data-testid="recovery-codes-panel">
            <h2 id="recovery-codes-heading" tabindex="-1">{move || lang.get().pick("回復コード(一度だけ表示)", "Recovery codes (shown once)")}</h2>
            <p class="notice" data-testid="two-factor-enabled">{move || lang.get().pick(
                "2段階認証を有効にしました。ほかの端末でのサインインは終了しました。",
                "Two-factor sign-in is on. Every other session of your account has ended.",
            )}</p>
            <p>{move || lang.get().pick(
                "スマートフォンをなくしたときは、確認コードの代わりに、この回復コードを1つ入力してサインインできます。各コードは1回だけ使えます。印刷するかファイルに保存して、ほかの人が見られない安全な場所に保管してください。この画面を離れると二度と表示されません。",
                "If you lose your phone, sign in with one of these recovery codes instead of a code. Each works once. Print them or save them to a file and keep them where nobody else can see them. They will not be shown again once you leave this page.",
            )}</p>
            <ol class="recovery-codes" data-testid="recovery-codes">{items}</ol>
            <p role="status">{move || kept.get().map(|outcome| match outcome {
                Keeping::Saved => lang.get().pick("ファイルを保存しました。", "The file was saved."),
                Keeping::Refused => lang.get().pick(
                    "このブラウザーでは保存・印刷できませんでした。コードを書き写してください。",
                    "This browser could not save or print; please copy the codes down.",
                ),
            })}</p>
            <div class="actions compact no-print">
                <button type="button" class="secondary" data-testid="save-recovery-codes" on:click=save>
                    {move || lang.get().pick("ファイルに保存", "Save to a file")}
                </button>
                <button type="button" class="secondary" on:click=print>
                    {move || lang.get().pick("印刷する", "Print")}
                </button>
                <button type="button" class="primary" data-testid="recovery-codes-stored" on:click=move |_| on_stored.run(())>
                    {move || lang.get().pick("保管しました", "I have stored them")}
                </button>
            </div>
        </section>
    }
}
