//! `/staff` and `/staff/{page}`: the gate (signed in, token not expired, role admitted,
//! two-factor sign-in set up where the role needs it), the role's menu, and the page.
//! Signing out ends the account's sessions on the server, then forgets the token here.

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::NavigateOptions;
use leptos_router::hooks::{use_navigate, use_params_map};

use super::{MENU, TWO_FACTOR_SEGMENT, menu_item, role_label};
use crate::api::staff as api;
use crate::i18n::Lang;
use crate::session;

/// What the frame depends on: a new token of the same member in the same state does not
/// redraw the page in view.
#[derive(Clone, Debug, PartialEq)]
struct Frame {
    role: madoguchi_shared::dto::staff::StaffRole,
    display_name: String,
    two_factor_setup_required: bool,
}

/// The staff console's frame.
#[component]
pub fn StaffShell() -> impl IntoView {
    let lang = expect_context::<RwSignal<Lang>>();
    let params = use_params_map();
    let navigate = use_navigate();
    let current = RwSignal::new(session::load());
    provide_context(current);
    let segment = move || params.read().get("page").unwrap_or_default();

    let frame = Memo::new(move |_| {
        current.with(|signed_in| {
            signed_in.as_ref().map(|signed_in| Frame {
                role: signed_in.role(),
                display_name: signed_in.account.display_name.clone(),
                two_factor_setup_required: signed_in.two_factor_setup_required,
            })
        })
    });

    Effect::new(move |_| {
        let segment = segment();
        let replace = NavigateOptions {
            replace: true,
            ..Default::default()
        };
        match session::load() {
            None => {
                current.set(None);
                navigate(&session::login_url(&session::current_path()), replace);
            }
            // Until two-factor sign-in is set up, the two-factor page is the whole console.
            Some(signed_in)
                if signed_in.two_factor_setup_required && segment != TWO_FACTOR_SEGMENT =>
            {
                navigate(session::TWO_FACTOR_PATH, replace);
            }
            Some(_) => {}
        }
    });

    let signing_out = RwSignal::new(false);
    let sign_out = move |_| {
        signing_out.set(true);
        spawn_local(async move {
            let notice = match api::logout().await {
                Ok(()) => "signed_out=1",
                Err(_) => "signed_out=unconfirmed",
            };
            current.set(None);
            session::clear_and_sign_in_again(notice);
        });
    };

    move || {
        let Some(Frame {
            role,
            display_name: name,
            two_factor_setup_required,
        }) = frame.get()
        else {
            return view! { <p class="loading">{move || lang.get().pick("サインインが必要です…", "Signing in is required…")}</p> }.into_any();
        };
        let segment = segment();
        let menu = MENU
            .iter()
            .filter(|item| item.audience.admits(role))
            .filter(|item| !two_factor_setup_required || item.segment == TWO_FACTOR_SEGMENT)
            .map(|item| {
                let href = item.href();
                let is_current = item.segment == segment;
                view! {
                    <li>
                        <a href=href aria-current=is_current.then_some("page")>{move || item.label(lang.get())}</a>
                    </li>
                }
            })
            .collect_view();
        let page = match menu_item(&segment) {
            _ if two_factor_setup_required => {
                view! { <super::two_factor_page::TwoFactorPage/> }.into_any()
            }
            None if segment.is_empty() => view! { <super::home_page::StaffHomePage/> }.into_any(),
            None => view! { <crate::pages::not_found_page::NotFoundPage/> }.into_any(),
            Some(item) if !item.audience.admits(role) => view! {
                <section class="alert" role="alert" data-testid="forbidden">
                    <h1>{move || lang.get().pick("この画面は使えません", "You cannot use this page")}</h1>
                    <p>{move || lang.get().pick(
                        "この画面を開く権限がありません。必要な場合は市の管理者に依頼してください。",
                        "Your role does not allow this page. Ask a city administrator if you need it.",
                    )}</p>
                </section>
            }
            .into_any(),
            Some(item) => page_for(item.segment),
        };
        view! {
            <div class="staff">
                <nav class="staff-nav" aria-label=move || lang.get().pick("職員メニュー", "Staff menu")>
                    <p class="staff-who" data-testid="staff-who">
                        {name}" ("{move || role_label(role, lang.get())}")"
                    </p>
                    <ul>{menu}</ul>
                    <button type="button" class="secondary" on:click=sign_out data-testid="sign-out" prop:disabled=move || signing_out.get()>
                        {move || lang.get().pick("サインアウト", "Sign out")}
                    </button>
                </nav>
                <div class="staff-page">{page}</div>
            </div>
        }
        .into_any()
    }
}

fn page_for(segment: &str) -> AnyView {
    match segment {
        "phone" => view! { <super::phone_page::PhonePage/> }.into_any(),
        "reservations" => view! { <super::reservations_page::ReservationsPage/> }.into_any(),
        "inquiries" => view! { <super::inquiries_page::InquiriesPage/> }.into_any(),
        "history" => view! { <super::history_page::HistoryPage/> }.into_any(),
        "reports" => view! { <super::reports_page::ReportsPage/> }.into_any(),
        "slots" => view! { <super::slots_page::SlotsPage/> }.into_any(),
        "catalog" => view! { <super::catalog_page::CatalogPage/> }.into_any(),
        "notices" => view! { <super::notices_page::NoticesPage/> }.into_any(),
        "accounts" => view! { <super::accounts_page::AccountsPage/> }.into_any(),
        "contract-end" => view! { <super::contract_end_page::ContractEndPage/> }.into_any(),
        "jobs" => view! { <super::jobs_page::JobsPage/> }.into_any(),
        "password" => view! { <super::password_page::PasswordPage/> }.into_any(),
        TWO_FACTOR_SEGMENT => view! { <super::two_factor_page::TwoFactorPage/> }.into_any(),
        "audit" => view! { <super::audit_page::AuditPage/> }.into_any(),
        _ => view! { <crate::pages::not_found_page::NotFoundPage/> }.into_any(),
    }
}
