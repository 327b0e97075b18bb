//! `/staff` and `/staff/{page}`: the gate (signed in, token not expired, two-factor sign-in
//! set up where the role needs it) and the role's menu around the nested route's page
//! (`ConsolePageView`, which admits the role or says why not). Signing out ends the
//! account's sessions on the server, then forgets the token here.

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::NavigateOptions;
use leptos_router::components::Outlet;
use leptos_router::hooks::{use_location, use_navigate, use_params_map};
use madoguchi_shared::console::ConsolePage;

use super::role_label;
use super::routes::{menu, route};
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
    let location = use_location();
    let navigate = use_navigate();
    let current = RwSignal::new(session::load());
    provide_context(current);
    let two_factor_path = session::two_factor_path();

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
        let path = location.pathname.get();
        // Leaving the console (signing out, or a session that ran out) mounts the sign-in
        // page while this shell is torn down: that address is not one to guard.
        if !path.starts_with("/staff") || path.starts_with("/staff/login") {
            return;
        }
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
            Some(signed_in) if signed_in.two_factor_setup_required && path != two_factor_path => {
                navigate(&two_factor_path, replace);
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
        let menu = menu()
            .filter(|entry| entry.page.audience().admits(role))
            .filter(|entry| !two_factor_setup_required || entry.page == ConsolePage::TwoFactor)
            .map(|entry| {
                let href = entry.page.href();
                let is_current = {
                    let href = href.clone();
                    move || (location.pathname.get() == href).then_some("page")
                };
                view! {
                    <li>
                        <a href=href aria-current=is_current>{move || entry.label(lang.get())}</a>
                    </li>
                }
            })
            .collect_view();
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
                <div class="staff-page"><Outlet/></div>
            </div>
        }
        .into_any()
    }
}

/// `/staff/{page}`: the page of the route table, when the member's role admits it; while
/// two-factor sign-in must be set up, the two-factor page whatever the address.
#[component]
pub fn ConsolePageView() -> impl IntoView {
    let lang = expect_context::<RwSignal<Lang>>();
    let params = use_params_map();
    let session = session::use_session();
    // A new token of the same member (after setting up two-factor sign-in) keeps the page
    // in view, with what it shows.
    let member = Memo::new(move |_| {
        session.with(|signed_in| {
            signed_in
                .as_ref()
                .map(|signed_in| (signed_in.role(), signed_in.two_factor_setup_required))
        })
    });
    move || {
        let Some((role, two_factor_setup_required)) = member.get() else {
            return ().into_any();
        };
        let segment = params.read().get("page").unwrap_or_default();
        let page = if two_factor_setup_required {
            Some(ConsolePage::TwoFactor)
        } else {
            ConsolePage::from_segment(&segment)
        };
        match page {
            None => view! { <crate::pages::not_found_page::NotFoundPage/> }.into_any(),
            Some(page) if !page.audience().admits(role) => view! {
                <section class="alert" role="alert" data-testid="forbidden">
                    <h1>{move || lang.get().pick("この画面は使えません", "You cannot use this page")}</h1>
                    <p>{move || lang.get().pick(
                        "この画面を開く権限がありません。必要な場合は市の管理者に依頼してください。",
                        "Your role does not allow this page. Ask a city administrator if you need it.",
                    )}</p>
                </section>
            }
            .into_any(),
            Some(page) => (route(page).view)(),
        }
    }
}
