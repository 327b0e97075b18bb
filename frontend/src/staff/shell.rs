//! `/staff` and `/staff/{page}`: the gate (signed in, token not expired, role admitted),
//! the role's menu, and the page.

use leptos::prelude::*;
use leptos_router::NavigateOptions;
use leptos_router::hooks::{use_navigate, use_params_map};

use super::session::{self, StaffSession};
use super::{MENU, menu_item, role_label};
use crate::i18n::Lang;

/// The signed-in member, for pages: `None` only for an instant before the redirect.
pub fn use_session() -> Signal<Option<StaffSession>> {
    expect_context::<RwSignal<Option<StaffSession>>>().into()
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

    Effect::new(move |_| {
        let _ = segment();
        if session::load().is_none() {
            current.set(None);
            navigate(
                &session::login_url(&session::current_path()),
                NavigateOptions {
                    replace: true,
                    ..Default::default()
                },
            );
        }
    });

    let sign_out = move |_| {
        session::clear();
        current.set(None);
        if let Some(window) = web_sys::window() {
            let _ = window.location().assign("/staff/login?signed_out=1");
        }
    };

    move || {
        let Some(signed_in) = current.get() else {
            return view! { <p class="loading">{move || lang.get().pick("サインインが必要です…", "Signing in is required…")}</p> }.into_any();
        };
        let role = signed_in.role();
        let segment = segment();
        let menu = MENU
            .iter()
            .filter(|item| item.audience.admits(role))
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
        let name = signed_in.account.display_name.clone();
        view! {
            <div class="staff">
                <nav class="staff-nav" aria-label=move || lang.get().pick("職員メニュー", "Staff menu")>
                    <p class="staff-who" data-testid="staff-who">
                        {name}" ("{move || role_label(role, lang.get())}")"
                    </p>
                    <ul>{menu}</ul>
                    <button type="button" class="secondary" on:click=sign_out data-testid="sign-out">
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
        _ => view! { <crate::pages::not_found_page::NotFoundPage/> }.into_any(),
    }
}
