//! The two apps: the citizen site and the staff console, in the same frame (language,
//! header with help link and language switch, main landmark), each with its routes.

use leptos::prelude::*;
use leptos_router::components::{A, ParentRoute, Route, Router, Routes};
use leptos_router::path;

use crate::components::help_link::HelpLink;
use crate::i18n::Lang;
use crate::pages::booking::BookingPage;
use crate::pages::home_page::HomePage;
use crate::pages::lookup_page::LookupPage;
use crate::pages::manage_page::ManagePage;
use crate::pages::not_found_page::NotFoundPage;
use crate::staff::home_page::StaffHomePage;
use crate::staff::login_page::StaffLoginPage;
use crate::staff::shell::{ConsolePageView, StaffShell};
use crate::state::{BookingDraft, save_language, saved_language};

/// The language (remembered in this browser), the header and the main landmark. `home` is
/// where the site name leads: the citizen top page, or the staff menu.
#[component]
fn Frame(home: &'static str, children: Children) -> impl IntoView {
    let lang = RwSignal::new(saved_language().map_or(Lang::Ja, |code| Lang::from_code(&code)));
    provide_context(lang);
    Effect::new(move |_| {
        let code = lang.get().code();
        save_language(code);
        if let Some(root) = document().document_element() {
            let _ = root.set_attribute("lang", code);
        }
    });
    let toggle = move |_| lang.update(|lang| *lang = lang.other());
    view! {
        <a class="skip-link" href="#main">{move || lang.get().text().skip_to_content}</a>
        <header class="site-header">
            <A href=home attr:class="site-name">{move || lang.get().text().site_name}</A>
            <div class="header-tools">
                <HelpLink/>
                <button type="button" class="lang-switch" on:click=toggle data-testid="lang-switch">
                    {move || lang.get().text().switch_language}
                </button>
            </div>
        </header>
        <main id="main" tabindex="-1">{children()}</main>
    }
}

/// The citizen site.
#[component]
pub fn App() -> impl IntoView {
    let draft = RwSignal::new(BookingDraft::load());
    provide_context(draft);
    Effect::new(move |_| draft.read().save());
    view! {
        <Router>
            <Frame home="/">
                <Routes fallback=|| view! { <NotFoundPage/> }>
                    <Route path=path!("/") view=HomePage/>
                    <Route path=path!("/book/:step") view=BookingPage/>
                    <Route path=path!("/reservations") view=LookupPage/>
                    <Route path=path!("/reservations/:number") view=ManagePage/>
                </Routes>
            </Frame>
        </Router>
    }
}

/// The staff console; the server serves it for every path under `/staff`.
#[component]
pub fn StaffApp() -> impl IntoView {
    view! {
        <Router>
            <Frame home="/staff">
                <Routes fallback=|| view! { <NotFoundPage/> }>
                    <Route path=path!("/staff/login") view=StaffLoginPage/>
                    <ParentRoute path=path!("/staff") view=StaffShell>
                        <Route path=path!("") view=StaffHomePage/>
                        <Route path=path!(":page") view=ConsolePageView/>
                    </ParentRoute>
                </Routes>
            </Frame>
        </Router>
    }
}
