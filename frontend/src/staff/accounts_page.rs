//! `/staff/accounts` (city administrators): list staff accounts, create one, disable or
//! re-enable, reset a password (the temporary password is shown once), reset a member's
//! two-factor sign-in (a lost phone) and assign roles. Nobody changes their own role or
//! disables themselves: the controls are not offered on one's own row, and the server
//! refuses too. Resetting a password or two-factor sign-in and creating an administrator
//! need a recent re-authentication: the step-up dialog asks for it, then the action goes on.

use leptos::prelude::*;
use leptos::task::spawn_local;
use madoguchi_shared::dto::staff::StaffRole;
use madoguchi_shared::dto::staff::{CreateStaffRequest, StaffAccount, UpdateStaffRequest};
use madoguchi_shared::validate::{MIN_PASSWORD_CHARS, validate_create_staff};

use super::role_label;
use crate::api::accounts;
use crate::api::{ApiError, staff as api};
use crate::components::city_problem::CityProblem;
use crate::components::field_errors::{FieldErrorText, FieldErrors, LabelledInput};
use crate::components::scroll_box::ScrollBox;
use crate::components::step_up::{StepUpDialog, StepUpGate};
use crate::i18n::Lang;
use crate::session::use_session;

/// A password shown once, and whose it is.
#[derive(Clone, Debug)]
struct Shown {
    login_id: String,
    password: String,
}

/// The page.
#[component]
pub fn AccountsPage() -> impl IntoView {
    let lang = expect_context::<RwSignal<Lang>>();
    let session = use_session();
    let me = move || session.get().map(|current| current.account.id);
    let accounts = RwSignal::new(Vec::<StaffAccount>::new());
    let error = RwSignal::new(None::<ApiError>);
    let status = RwSignal::new(None::<String>);
    let temporary = RwSignal::new(None::<Shown>);
    let gate = StepUpGate::new();
    let reload = move || {
        spawn_local(async move {
            match accounts::list().await {
                Ok(list) => accounts.set(list),
                Err(failure) => error.set(Some(failure)),
            }
        });
    };
    reload();

    let replace = move |account: StaffAccount| {
        accounts.update(|list| {
            if let Some(slot) = list.iter_mut().find(|other| other.id == account.id) {
                *slot = account;
            }
        });
    };
    let update = move |account: StaffAccount,
                       change: UpdateStaffRequest,
                       done_ja: String,
                       done_en: String| {
        spawn_local(async move {
            match accounts::update(account.id, &change).await {
                Ok(updated) => {
                    replace(updated);
                    error.set(None);
                    status.set(Some(
                        lang.get_untracked().pick(&done_ja, &done_en).to_owned(),
                    ));
                }
                Err(failure) => error.set(Some(failure)),
            }
        });
    };
    let reset = move |account: StaffAccount| {
        let lang_now = lang.get_untracked();
        let question = match lang_now {
            Lang::Ja => format!(
                "{}（{}）のパスワードを再設定しますか。今のパスワードは使えなくなります。",
                account.display_name, account.login_id
            ),
            Lang::En => format!(
                "Reset the password of {} ({})? The current one stops working.",
                account.display_name, account.login_id
            ),
        };
        if !window().confirm_with_message(&question).unwrap_or(false) {
            return;
        }
        gate.run(
            async move || accounts::reset_password(account.id).await,
            move |outcome| match outcome {
                Ok(reset) => {
                    temporary.set(Some(Shown {
                        login_id: reset.account.login_id.clone(),
                        password: reset.temporary_password,
                    }));
                    replace(reset.account);
                    error.set(None);
                    status.set(None);
                }
                Err(failure) => error.set(Some(failure)),
            },
        );
    };
    let reset_two_factor = move |account: StaffAccount| {
        let question = match lang.get_untracked() {
            Lang::Ja => format!(
                "{}（{}）の2段階認証をリセットしますか。今のサインインは終了し、本人は次のサインインで認証アプリを設定し直します。",
                account.display_name, account.login_id
            ),
            Lang::En => format!(
                "Reset the two-factor sign-in of {} ({})? Their sessions end, and they set up an authenticator app again at the next sign-in.",
                account.display_name, account.login_id
            ),
        };
        if !window().confirm_with_message(&question).unwrap_or(false) {
            return;
        }
        let staff_id = account.id;
        gate.run(
            async move || api::reset_two_factor(staff_id).await,
            move |outcome| match outcome {
                Ok(()) => {
                    let lang = lang.get_untracked();
                    status.set(Some(match lang {
                        Lang::Ja => format!(
                            "{}（{}）の2段階認証をリセットしました。",
                            account.display_name, account.login_id
                        ),
                        Lang::En => format!(
                            "The two-factor sign-in of {} ({}) was reset.",
                            account.display_name, account.login_id
                        ),
                    }));
                    replace(StaffAccount {
                        two_factor_enabled: false,
                        ..account
                    });
                    error.set(None);
                }
                Err(failure) => error.set(Some(failure)),
            },
        );
    };

    let rows = move || {
        let lang = lang.get();
        let me = me();
        accounts
            .get()
            .into_iter()
            .map(|account| {
                let is_me = me == Some(account.id);
                let chosen = RwSignal::new(account.role);
                let select_id = format!("role-{}", account.id);
                let name = account.display_name.clone();
                let for_role = account.clone();
                let for_toggle = account.clone();
                let for_reset = account.clone();
                let for_two_factor = account.clone();
                let apply_role = move |_| {
                    let role = chosen.get_untracked();
                    if role == for_role.role {
                        return;
                    }
                    let done_ja = format!("{}の役割を{}にしました。", for_role.display_name, role_label(role, Lang::Ja));
                    let done_en = format!("{} is now {}.", for_role.display_name, role_label(role, Lang::En));
                    update(for_role.clone(), UpdateStaffRequest { role: Some(role), ..Default::default() }, done_ja, done_en);
                };
                let toggle = move |_| {
                    let disable = !for_toggle.disabled;
                    let (done_ja, done_en) = if disable {
                        (format!("{}を停止しました。", for_toggle.display_name), format!("{} was disabled.", for_toggle.display_name))
                    } else {
                        (format!("{}を再開しました。", for_toggle.display_name), format!("{} was enabled again.", for_toggle.display_name))
                    };
                    update(for_toggle.clone(), UpdateStaffRequest { disabled: Some(disable), ..Default::default() }, done_ja, done_en);
                };
                let role_cell = if is_me {
                    view! {
                        <span>{role_label(account.role, lang)}</span>
                        <span class="note">{lang.pick("（自分の役割は変更できません）", " (you cannot change your own role)")}</span>
                    }
                    .into_any()
                } else {
                    let options = StaffRole::ALL
                        .into_iter()
                        .map(|role| view! {
                            <option value=role.as_str() selected=role == account.role>{role_label(role, lang)}</option>
                        })
                        .collect_view();
                    view! {
                        <label class="visually-hidden" for=select_id.clone()>
                            {match lang { Lang::Ja => format!("{name}の役割"), Lang::En => format!("Role of {name}") }}
                        </label>
                        <select
                            id=select_id.clone()
                            data-testid=select_id
                            on:change=move |event| {
                                if let Some(role) = StaffRole::parse(&event_target_value(&event)) {
                                    chosen.set(role);
                                }
                            }
                        >
                            {options}
                        </select>
                        <button type="button" class="secondary small" on:click=apply_role>
                            {lang.pick("役割を変更", "Change role")}
                            <span class="visually-hidden">{format!(" ({name})")}</span>
                        </button>
                    }
                    .into_any()
                };
                let name_for_buttons = account.display_name.clone();
                let actions = (!is_me).then(|| {
                    let name_again = name_for_buttons.clone();
                    let two_factor_button = account.two_factor_enabled.then(|| {
                        let name_for_two_factor = name_for_buttons.clone();
                        view! {
                            <button type="button" class="secondary small" on:click=move |_| reset_two_factor(for_two_factor.clone()) data-testid=format!("reset-two-factor-{}", account.login_id)>
                                {lang.pick("2段階認証をリセット", "Reset two-factor")}
                                <span class="visually-hidden">{format!(" ({name_for_two_factor})")}</span>
                            </button>
                        }
                    });
                    view! {
                        <button type="button" class=if account.disabled { "secondary small" } else { "danger small" } on:click=toggle data-testid=format!("toggle-{}", account.login_id)>
                            {if account.disabled { lang.pick("再開する", "Enable") } else { lang.pick("停止する", "Disable") }}
                            <span class="visually-hidden">{format!(" ({name_for_buttons})")}</span>
                        </button>
                        <button type="button" class="secondary small" on:click=move |_| reset(for_reset.clone()) data-testid=format!("reset-{}", account.login_id)>
                            {lang.pick("パスワード再設定", "Reset password")}
                            <span class="visually-hidden">{format!(" ({name_again})")}</span>
                        </button>
                        {two_factor_button}
                    }
                });
                view! {
                    <tr data-testid=format!("account-{}", account.login_id)>
                        <th scope="row">{account.display_name.clone()}</th>
                        <td class="mono">{account.login_id.clone()}</td>
                        <td>{role_cell}</td>
                        <td data-testid="account-state">
                            {if account.disabled { lang.pick("停止中", "Disabled") } else { lang.pick("利用中", "Active") }}
                        </td>
                        <td data-testid="account-two-factor">
                            {if account.two_factor_enabled { lang.pick("有効", "On") } else { lang.pick("未設定", "Not set up") }}
                        </td>
                        <td>{lang.moment(account.created_at)}</td>
                        <td class="row-actions">{actions}</td>
                    </tr>
                }
            })
            .collect_view()
    };

    view! {
        <h1>{move || lang.get().pick("職員アカウント", "Staff accounts")}</h1>
        <CityProblem error=error.into()/>
        <p role="status" class="notice" data-testid="accounts-status">{move || status.get()}</p>
        <div role="status">
            {move || temporary.get().map(|shown| view! {
                <section class="once" data-testid="temporary-password" aria-labelledby="temporary-password-heading">
                    <h2 id="temporary-password-heading">{move || lang.get().pick("仮パスワード（一度だけ表示）", "Temporary password (shown once)")}</h2>
                    <p>
                        {move || match lang.get() {
                            Lang::Ja => format!("{} の仮パスワード: ", shown.login_id),
                            Lang::En => format!("Temporary password of {}: ", shown.login_id),
                        }}
                        <code data-testid="temporary-password-value">{shown.password.clone()}</code>
                    </p>
                    <p>{move || lang.get().pick(
                        "本人に安全な方法で伝えてください。この画面を離れると二度と表示されません。",
                        "Give it to the person safely. It will not be shown again once you leave this page.",
                    )}</p>
                    <button type="button" class="secondary small" on:click=move |_| temporary.set(None)>
                        {move || lang.get().pick("伝えたので閉じる", "Done, hide it")}
                    </button>
                </section>
            })}
        </div>
        <ScrollBox>
            <table class="data-table" data-testid="accounts">
                <caption>{move || lang.get().pick("アカウント一覧", "Accounts")}</caption>
                <thead>
                    <tr>
                        <th scope="col">{move || lang.get().pick("表示名", "Name")}</th>
                        <th scope="col">{move || lang.get().pick("ログインID", "Login ID")}</th>
                        <th scope="col">{move || lang.get().pick("役割", "Role")}</th>
                        <th scope="col">{move || lang.get().pick("状態", "State")}</th>
                        <th scope="col">{move || lang.get().pick("2段階認証", "Two-factor")}</th>
                        <th scope="col">{move || lang.get().pick("作成日時", "Created")}</th>
                        <th scope="col">{move || lang.get().pick("操作", "Actions")}</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </ScrollBox>
        <StepUpDialog gate/>
        <CreateAccount gate on_created=Callback::new(move |account: StaffAccount| {
            let lang = lang.get_untracked();
            status.set(Some(match lang {
                Lang::Ja => format!("{}（{}）を作成しました。", account.display_name, account.login_id),
                Lang::En => format!("{} ({}) was created.", account.display_name, account.login_id),
            }));
            accounts.update(|list| list.push(account));
        })/>
    }
}

/// The form for a new account. Creating an administrator needs a recent re-authentication,
/// which `gate` asks for.
#[component]
fn CreateAccount(gate: StepUpGate, on_created: Callback<StaffAccount>) -> impl IntoView {
    let lang = expect_context::<RwSignal<Lang>>();
    let login_id = RwSignal::new(String::new());
    let display_name = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let role = RwSignal::new(StaffRole::Operator);
    let errors = FieldErrors::new();
    let error = RwSignal::new(None::<ApiError>);
    let busy = RwSignal::new(false);
    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        let request = CreateStaffRequest {
            login_id: login_id.get_untracked().trim().to_owned(),
            display_name: display_name.get_untracked().trim().to_owned(),
            role: role.get_untracked(),
            password: password.get_untracked(),
        };
        if let Err(wrong) = validate_create_staff(&request) {
            errors.set(wrong);
            error.set(None);
            return;
        }
        errors.clear();
        busy.set(true);
        gate.run(
            async move || accounts::create(&request).await,
            move |result| {
                busy.set(false);
                match result {
                    Ok(account) => {
                        login_id.set(String::new());
                        display_name.set(String::new());
                        password.set(String::new());
                        error.set(None);
                        on_created.run(account);
                    }
                    Err(failure) => {
                        errors.take_from(&failure);
                        error.set(Some(failure));
                    }
                }
            },
        );
    };
    view! {
        <section class="panel" aria-labelledby="new-account-heading">
            <h2 id="new-account-heading">{move || lang.get().pick("アカウントを作成", "Create an account")}</h2>
            <CityProblem error=error.into()/>
            <form on:submit=submit novalidate=true data-testid="new-account">
                <div class="field-row">
                    <LabelledInput id="new-login-id" field="login_id" ja="ログインID（半角英小文字・数字・. _ -、3〜32文字）" en="Login ID (a-z, 0-9, . _ -, 3-32 characters)" kind="text" value=login_id errors autocomplete="off"/>
                    <LabelledInput id="new-display-name" field="display_name" ja="表示名" en="Display name" kind="text" value=display_name errors autocomplete="off"/>
                    <div class="field">
                        <label for="new-role">{move || lang.get().pick("役割", "Role")}</label>
                        <select id="new-role" data-testid="new-role" on:change=move |event| {
                            if let Some(chosen) = StaffRole::parse(&event_target_value(&event)) {
                                role.set(chosen);
                            }
                        }>
                            {move || StaffRole::ALL.into_iter().map(|option| view! {
                                <option value=option.as_str() selected=move || role.get() == option>{role_label(option, lang.get())}</option>
                            }).collect_view()}
                        </select>
                    </div>
                    <div class="field">
                        <label for="new-password">{move || match lang.get() {
                            Lang::Ja => format!("初期パスワード（{MIN_PASSWORD_CHARS}文字以上）"),
                            Lang::En => format!("Initial password (at least {MIN_PASSWORD_CHARS} characters)"),
                        }}</label>
                        <input
                            id="new-password"
                            type="password"
                            data-testid="new-password"
                            autocomplete="new-password"
                            aria-describedby="new-password-error"
                            aria-invalid=move || errors.message("password", lang.get()).map(|_| "true")
                            prop:value=move || password.get()
                            on:input=move |event| password.set(event_target_value(&event))
                        />
                        <FieldErrorText errors field="password" id="new-password-error"/>
                    </div>
                </div>
                <button type="submit" class="primary" data-testid="create-account" prop:disabled=move || busy.get()>
                    {move || lang.get().pick("作成する", "Create")}
                </button>
            </form>
        </section>
    }
}
