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
pub mod routes;
pub mod shell;
pub mod slots_page;
pub mod two_factor_page;

use madoguchi_shared::dto::staff::StaffRole;

use crate::i18n::Lang;

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
