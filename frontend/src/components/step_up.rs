//! Re-authentication ("step-up") before a sensitive action. The server refuses such an
//! action with `step_up_required` unless the member confirmed their password (and, with
//! two-factor sign-in, a code) in the last few minutes. A page runs its sensitive calls
//! through a [`StepUpGate`]: on that refusal the gate opens the [`StepUpDialog`], a modal
//! dialog asking for the password (and code), and once the server accepts them it repeats
//! the call by itself. Cancelling hands the refusal back to the page.

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos::wasm_bindgen::JsCast;
use madoguchi_shared::dto::auth::StepUpRequest;
use madoguchi_shared::error::ErrorCode;

use crate::api::{ApiError, staff as api};
use crate::components::focus::focus_later;
use crate::components::staff_problem::StaffProblem;
use crate::i18n::Lang;
use crate::session::use_session;

/// What to do once the dialog closes: repeat the action (`true`, the member stepped up) or
/// give the page its refusal back (`false`, cancelled).
type Resume = Box<dyn FnOnce(bool)>;

/// The gate of a page's sensitive actions; render one [`StepUpDialog`] with it.
#[derive(Clone, Copy)]
pub struct StepUpGate {
    open: RwSignal<bool>,
    pending: StoredValue<Option<Resume>, LocalStorage>,
    opener: StoredValue<Option<web_sys::HtmlElement>, LocalStorage>,
}

impl Default for StepUpGate {
    fn default() -> Self {
        Self::new()
    }
}

impl StepUpGate {
    /// A closed gate.
    pub fn new() -> Self {
        StepUpGate {
            open: RwSignal::new(false),
            pending: StoredValue::new_local(None),
            opener: StoredValue::new_local(None),
        }
    }

    /// Runs `action`, and hands its outcome to `done`. If the server asks for a step-up
    /// first, the dialog opens; after the member steps up, `action` runs once more and that
    /// outcome goes to `done`; if they cancel, `done` gets the refusal.
    pub fn run<T, Action, Done>(self, action: Action, done: Done)
    where
        T: 'static,
        Action: AsyncFn() -> Result<T, ApiError> + 'static,
        Done: FnOnce(Result<T, ApiError>) + 'static,
    {
        spawn_local(async move {
            match action().await {
                Err(refusal) if refusal.code() == ErrorCode::StepUpRequired => {
                    let resume: Resume = Box::new(move |stepped_up| {
                        if stepped_up {
                            spawn_local(async move { done(action().await) });
                        } else {
                            done(Err(refusal));
                        }
                    });
                    // An action still waiting (a second click elsewhere) is given up first.
                    self.finish(false);
                    self.pending.set_value(Some(resume));
                    self.open.set(true);
                }
                outcome => done(outcome),
            }
        });
    }

    /// Closes the dialog and resumes the waiting action, if any.
    fn finish(self, stepped_up: bool) {
        self.open.set(false);
        if let Some(resume) = self.pending.try_update_value(Option::take).flatten() {
            resume(stepped_up);
        }
    }

    /// Notes the element that had the focus, to give it back when the dialog closes.
    fn remember_opener(self) {
        let focused = document()
            .active_element()
            .and_then(|element| element.dyn_into::<web_sys::HtmlElement>().ok());
        self.opener.set_value(focused);
    }

    /// Gives the focus back to where it was, if that element is still on the page.
    fn return_focus(self) {
        if let Some(opener) = self.opener.try_update_value(Option::take).flatten()
            && opener.is_connected()
        {
            let _ = opener.focus();
        }
    }
}

/// A wrong entry, in both languages.
type Reason = (&'static str, &'static str);

const REQUIRED: Reason = ("入力してください。", "Please fill this in.");
const WRONG_PASSWORD: Reason = ("パスワードが違います。", "The password is not correct.");
const WRONG_CODE: Reason = (
    "確認コードが正しくないか、すでに使われています。認証アプリの新しいコードを入力してください。",
    "The code is not correct or was used already. Enter the new code from your authenticator app.",
);

/// The modal dialog of a [`StepUpGate`]: labelled by its heading, the focus kept inside
/// while it is open and given back afterwards, Escape cancels.
#[component]
pub fn StepUpDialog(
    /// The gate whose actions it answers for.
    gate: StepUpGate,
) -> impl IntoView {
    let lang = expect_context::<RwSignal<Lang>>();
    let session = use_session();
    let dialog_ref = NodeRef::<leptos::html::Dialog>::new();
    let password = RwSignal::new(String::new());
    let code = RwSignal::new(String::new());
    let needs_code = RwSignal::new(false);
    let password_problem = RwSignal::new(None::<Reason>);
    let code_problem = RwSignal::new(None::<Reason>);
    let error = RwSignal::new(None::<ApiError>);
    let busy = RwSignal::new(false);

    Effect::new(move |_| {
        let open = gate.open.get();
        let Some(dialog) = dialog_ref.get() else {
            return;
        };
        if open && !dialog.open() {
            password.set(String::new());
            code.set(String::new());
            password_problem.set(None);
            code_problem.set(None);
            error.set(None);
            needs_code.set(
                session
                    .get_untracked()
                    .is_some_and(|signed_in| signed_in.account.two_factor_enabled),
            );
            // The server's word on whether the account has two factors now.
            spawn_local(async move {
                match api::me().await {
                    Ok(account) => needs_code.set(account.two_factor_enabled),
                    Err(failure) => error.set(Some(failure)),
                }
            });
            gate.remember_opener();
            match dialog.show_modal() {
                Ok(()) => focus_later("step-up-password"),
                Err(_) => gate.finish(false),
            }
        } else if !open && dialog.open() {
            dialog.close();
        }
    });

    // Escape, the cancel button or success: the dialog is closed, and the focus goes back.
    let on_close = move |_| {
        if gate.open.get_untracked() {
            gate.finish(false);
        }
        gate.return_focus();
    };
    let cancel = move |_| gate.finish(false);
    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        error.set(None);
        let typed_password = password.get_untracked();
        let typed_code = code.get_untracked().trim().to_owned();
        let with_code = needs_code.get_untracked();
        password_problem.set(typed_password.is_empty().then_some(REQUIRED));
        code_problem.set((with_code && typed_code.is_empty()).then_some(REQUIRED));
        if typed_password.is_empty() {
            focus_later("step-up-password");
            return;
        }
        if with_code && typed_code.is_empty() {
            focus_later("step-up-code");
            return;
        }
        let request = StepUpRequest {
            password: typed_password,
            code: with_code.then_some(typed_code),
        };
        busy.set(true);
        spawn_local(async move {
            match api::step_up(&request).await {
                Ok(_) => {
                    password.set(String::new());
                    code.set(String::new());
                    gate.finish(true);
                }
                Err(ApiError::Problem(problem)) if !problem.errors.is_empty() => {
                    let refused = |field: &str| problem.errors.iter().any(|e| e.field == field);
                    if refused("password") {
                        password.set(String::new());
                        password_problem.set(Some(WRONG_PASSWORD));
                        focus_later("step-up-password");
                    } else if refused("code") {
                        code.set(String::new());
                        code_problem.set(Some(WRONG_CODE));
                        focus_later("step-up-code");
                    } else {
                        error.set(Some(ApiError::Problem(problem)));
                    }
                }
                Err(other) => error.set(Some(other)),
            }
            busy.set(false);
        });
    };
    let reason_text = move |reason: Option<Reason>| reason.map(|(ja, en)| lang.get().pick(ja, en));

    view! {
        <dialog
            node_ref=dialog_ref
            class="step-up"
            aria-labelledby="step-up-heading"
            aria-describedby="step-up-lead"
            data-testid="step-up-dialog"
            on:close=on_close
        >
            <form on:submit=submit novalidate=true>
                <h2 id="step-up-heading">{move || lang.get().pick("本人確認", "Confirm it is you")}</h2>
                <p id="step-up-lead">{move || lang.get().pick(
                    "重要な操作のため、もう一度パスワードを入力してください。確認できると、5分間は重要な操作を続けて行えます。",
                    "This is a sensitive action: enter your password again. Once confirmed, sensitive actions stay open for five minutes.",
                )}</p>
                <div class="field">
                    <label for="step-up-password">{move || lang.get().pick("パスワード", "Password")}</label>
                    <input
                        id="step-up-password"
                        type="password"
                        autocomplete="current-password"
                        aria-describedby="step-up-password-error"
                        aria-invalid=move || password_problem.get().map(|_| "true")
                        prop:value=move || password.get()
                        on:input=move |event| password.set(event_target_value(&event))
                    />
                    <p class="field-error" id="step-up-password-error">{move || reason_text(password_problem.get())}</p>
                </div>
                <Show when=move || needs_code.get()>
                    <div class="field">
                        <label for="step-up-code">{move || lang.get().pick("確認コード", "Authentication code")}</label>
                        <input
                            id="step-up-code"
                            type="text"
                            autocomplete="one-time-code"
                            autocapitalize="none"
                            spellcheck="false"
                            aria-describedby="step-up-code-help step-up-code-error"
                            aria-invalid=move || code_problem.get().map(|_| "true")
                            prop:value=move || code.get()
                            on:input=move |event| code.set(event_target_value(&event))
                        />
                        <p class="note" id="step-up-code-help">{move || lang.get().pick(
                            "認証アプリの6桁の数字、または回復コード。",
                            "The six digits from your authenticator app, or a recovery code.",
                        )}</p>
                        <p class="field-error" id="step-up-code-error">{move || reason_text(code_problem.get())}</p>
                    </div>
                </Show>
                <StaffProblem error=error.into()/>
                <div class="actions compact">
                    <button type="submit" class="primary" data-testid="step-up-confirm" prop:disabled=move || busy.get()>
                        {move || lang.get().pick("確認して続ける", "Confirm and continue")}
                    </button>
                    <button type="button" class="secondary" on:click=cancel>
                        {move || lang.get().pick("キャンセル", "Cancel")}
                    </button>
                </div>
            </form>
        </dialog>
    }
}
