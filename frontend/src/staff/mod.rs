//! The staff console under `/staff`: sign-in, the role's menu, and one page per task.
//! Operators, call-center supervisors, city staff and city administrators share it (R7.0);
//! the menu and every page follow the member's role, and the server checks it again.

pub mod accounts_page;
pub mod audit_page;
pub mod catalog_page;
pub mod contract_end_page;
pub mod history_page;
pub mod home_page;
pub mod inquiries_page;
pub mod jobs_page;
pub mod login_page;
pub mod notices_page;
pub mod password_page;
pub mod phone_page;
pub mod reports_page;
pub mod reservation_detail;
pub mod reservations_page;
pub mod shell;
pub mod slots_page;
pub mod two_factor_page;

use madoguchi_shared::dto::staff::StaffRole;

use crate::i18n::Lang;

/// Who may open a staff page.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Audience {
    /// Every signed-in member.
    Everyone,
    /// Call-center supervisors and the city.
    Supervisors,
    /// City staff and administrators.
    City,
    /// City administrators only.
    Admin,
}

impl Audience {
    /// Whether `role` may open the page.
    pub fn admits(self, role: StaffRole) -> bool {
        match self {
            Audience::Everyone => true,
            Audience::Supervisors => role != StaffRole::Operator,
            Audience::City => matches!(role, StaffRole::CityStaff | StaffRole::CityAdmin),
            Audience::Admin => role == StaffRole::CityAdmin,
        }
    }
}

/// One entry of the staff menu.
#[derive(Clone, Copy, Debug)]
pub struct MenuItem {
    /// The page's path segment under `/staff/`.
    pub segment: &'static str,
    /// Japanese label.
    pub ja: &'static str,
    /// English label.
    pub en: &'static str,
    /// Who sees it.
    pub audience: Audience,
}

impl MenuItem {
    /// The label in `lang`.
    pub fn label(&self, lang: Lang) -> &'static str {
        lang.pick(self.ja, self.en)
    }

    /// The page's address.
    pub fn href(&self) -> String {
        format!("/staff/{}", self.segment)
    }
}

/// The path segment of the two-factor page: the only page of a session that must set up
/// two-factor sign-in first.
pub const TWO_FACTOR_SEGMENT: &str = "two-factor";

/// The staff menu, in order; the shell refuses a page whose audience excludes the member.
/// The segments stay string literals: `xtask` reads them to check the manuals' sections.
pub const MENU: [MenuItem; 14] = [
    MenuItem {
        segment: "phone",
        ja: "電話予約",
        en: "Phone booking",
        audience: Audience::Everyone,
    },
    MenuItem {
        segment: "reservations",
        ja: "予約一覧・検索",
        en: "Reservations",
        audience: Audience::Everyone,
    },
    MenuItem {
        segment: "inquiries",
        ja: "問合せ記録",
        en: "Inquiry log",
        audience: Audience::Everyone,
    },
    MenuItem {
        segment: "history",
        ja: "操作履歴",
        en: "History",
        audience: Audience::Everyone,
    },
    MenuItem {
        segment: "reports",
        ja: "日報・月報",
        en: "Reports",
        audience: Audience::Supervisors,
    },
    MenuItem {
        segment: "slots",
        ja: "予約枠の設定",
        en: "Slot settings",
        audience: Audience::City,
    },
    MenuItem {
        segment: "catalog",
        ja: "手続・入力項目",
        en: "Procedures & form",
        audience: Audience::City,
    },
    MenuItem {
        segment: "notices",
        ja: "お知らせ・メンテナンス",
        en: "Notices & maintenance",
        audience: Audience::City,
    },
    MenuItem {
        segment: "accounts",
        ja: "職員アカウント",
        en: "Staff accounts",
        audience: Audience::Admin,
    },
    MenuItem {
        segment: "contract-end",
        ja: "契約終了処理",
        en: "Contract end",
        audience: Audience::Admin,
    },
    MenuItem {
        segment: "audit",
        ja: "監査ログ",
        en: "Audit log",
        audience: Audience::Admin,
    },
    MenuItem {
        segment: "jobs",
        ja: "定期処理の記録",
        en: "Job runs",
        audience: Audience::City,
    },
    MenuItem {
        segment: "password",
        ja: "パスワード変更",
        en: "Change password",
        audience: Audience::Everyone,
    },
    MenuItem {
        segment: "two-factor",
        ja: "2段階認証",
        en: "Two-factor sign-in",
        audience: Audience::Everyone,
    },
];

/// The menu entry of a path segment.
pub fn menu_item(segment: &str) -> Option<&'static MenuItem> {
    MENU.iter().find(|item| item.segment == segment)
}

/// The role's name in `lang`.
pub fn role_label(role: StaffRole, lang: Lang) -> &'static str {
    match lang {
        Lang::Ja => role.label_ja(),
        Lang::En => match role {
            StaffRole::Operator => "Operator",
            StaffRole::CallCenterSupervisor => "Call-center supervisor",
            StaffRole::CityStaff => "City staff",
            StaffRole::CityAdmin => "City administrator",
        },
    }
}
