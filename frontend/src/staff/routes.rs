//! The console's route table: for each page of `shared::console` (its segment and who may
//! open it), the menu label and the view. The router (`app.rs`) nests `/staff/:page` under
//! the shell, which guards it; the page shown is looked up here, and an exhaustive match
//! keeps the table and the list of pages in step.

use leptos::prelude::*;
use madoguchi_shared::console::ConsolePage;

use crate::i18n::Lang;

/// One page of the console: its label in the menu and how to draw it.
#[derive(Clone, Copy)]
pub struct ConsoleRoute {
    /// The page (segment and audience).
    pub page: ConsolePage,
    /// Japanese label.
    pub ja: &'static str,
    /// English label.
    pub en: &'static str,
    /// The page's view.
    pub view: fn() -> AnyView,
}

impl ConsoleRoute {
    /// The label in `lang`.
    pub fn label(&self, lang: Lang) -> &'static str {
        lang.pick(self.ja, self.en)
    }
}

/// The route of `page`.
pub fn route(page: ConsolePage) -> ConsoleRoute {
    let (ja, en, view): (&str, &str, fn() -> AnyView) = match page {
        ConsolePage::Phone => ("電話予約", "Phone booking", || {
            view! { <super::phone_page::PhonePage/> }.into_any()
        }),
        ConsolePage::Reservations => ("予約一覧・検索", "Reservations", || {
            view! { <super::reservations_page::ReservationsPage/> }.into_any()
        }),
        ConsolePage::Inquiries => ("問合せ記録", "Inquiry log", || {
            view! { <super::inquiries_page::InquiriesPage/> }.into_any()
        }),
        ConsolePage::History => ("操作履歴", "History", || {
            view! { <super::history_page::HistoryPage/> }.into_any()
        }),
        ConsolePage::Reports => ("日報・月報", "Reports", || {
            view! { <super::reports_page::ReportsPage/> }.into_any()
        }),
        ConsolePage::Slots => ("予約枠の設定", "Slot settings", || {
            view! { <super::slots_page::SlotsPage/> }.into_any()
        }),
        ConsolePage::Catalog => ("手続・入力項目", "Procedures & form", || {
            view! { <super::catalog_page::CatalogPage/> }.into_any()
        }),
        ConsolePage::Notices => (
            "お知らせ・メンテナンス",
            "Notices & maintenance",
            || view! { <super::notices_page::NoticesPage/> }.into_any(),
        ),
        ConsolePage::Accounts => ("職員アカウント", "Staff accounts", || {
            view! { <super::accounts_page::AccountsPage/> }.into_any()
        }),
        ConsolePage::ContractEnd => ("契約終了処理", "Contract end", || {
            view! { <super::contract_end_page::ContractEndPage/> }.into_any()
        }),
        ConsolePage::Audit => ("監査ログ", "Audit log", || {
            view! { <super::audit_page::AuditPage/> }.into_any()
        }),
        ConsolePage::Jobs => ("定期処理の記録", "Job runs", || {
            view! { <super::jobs_page::JobsPage/> }.into_any()
        }),
        ConsolePage::Password => ("パスワード変更", "Change password", || {
            view! { <super::password_page::PasswordPage/> }.into_any()
        }),
        ConsolePage::TwoFactor => ("2段階認証", "Two-factor sign-in", || {
            view! { <super::two_factor_page::TwoFactorPage/> }.into_any()
        }),
    };
    ConsoleRoute { page, ja, en, view }
}

/// The routes in menu order.
pub fn menu() -> impl Iterator<Item = ConsoleRoute> {
    ConsolePage::ALL.into_iter().map(route)
}
