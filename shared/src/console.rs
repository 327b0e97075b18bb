//! The staff console's pages: the address segment of each under `/staff/`, and who may open
//! it. The SPA gives each page its label and its view (`frontend/src/staff/routes.rs`);
//! `xtask` checks the manuals against this list; the server checks every call again.

use crate::dto::staff::StaffRole;

/// Who may open a console page.
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

/// A page of the staff console, in menu order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ConsolePage {
    /// Booking for a caller.
    Phone,
    /// Finding, opening and changing reservations.
    Reservations,
    /// The inquiry log (R5.6).
    Inquiries,
    /// The reservation history.
    History,
    /// Daily and monthly reports.
    Reports,
    /// Bands, capacities, the booking window, closed days.
    Slots,
    /// Procedures, locations and the citizen form's fields.
    Catalog,
    /// Notices and maintenance windows.
    Notices,
    /// Staff accounts.
    Accounts,
    /// The export and purge at the contract's end.
    ContractEnd,
    /// The audit log.
    Audit,
    /// The scheduled jobs' runs.
    Jobs,
    /// Changing one's own password.
    Password,
    /// Setting up two-factor sign-in.
    TwoFactor,
}

impl ConsolePage {
    /// Every page, in menu order.
    pub const ALL: [ConsolePage; 14] = [
        ConsolePage::Phone,
        ConsolePage::Reservations,
        ConsolePage::Inquiries,
        ConsolePage::History,
        ConsolePage::Reports,
        ConsolePage::Slots,
        ConsolePage::Catalog,
        ConsolePage::Notices,
        ConsolePage::Accounts,
        ConsolePage::ContractEnd,
        ConsolePage::Audit,
        ConsolePage::Jobs,
        ConsolePage::Password,
        ConsolePage::TwoFactor,
    ];

    /// The page's segment under `/staff/`.
    pub fn segment(self) -> &'static str {
        match self {
            ConsolePage::Phone => "phone",
            ConsolePage::Reservations => "reservations",
            ConsolePage::Inquiries => "inquiries",
            ConsolePage::History => "history",
            ConsolePage::Reports => "reports",
            ConsolePage::Slots => "slots",
            ConsolePage::Catalog => "catalog",
            ConsolePage::Notices => "notices",
            ConsolePage::Accounts => "accounts",
            ConsolePage::ContractEnd => "contract-end",
            ConsolePage::Audit => "audit",
            ConsolePage::Jobs => "jobs",
            ConsolePage::Password => "password",
            ConsolePage::TwoFactor => "two-factor",
        }
    }

    /// Who may open the page.
    pub fn audience(self) -> Audience {
        match self {
            ConsolePage::Phone
            | ConsolePage::Reservations
            | ConsolePage::Inquiries
            | ConsolePage::History
            | ConsolePage::Password
            | ConsolePage::TwoFactor => Audience::Everyone,
            ConsolePage::Reports => Audience::Supervisors,
            ConsolePage::Slots
            | ConsolePage::Catalog
            | ConsolePage::Notices
            | ConsolePage::Jobs => Audience::City,
            ConsolePage::Accounts | ConsolePage::ContractEnd | ConsolePage::Audit => {
                Audience::Admin
            }
        }
    }

    /// Whether the call center's manual covers the page (the rest are in the city's).
    pub fn in_operator_manual(self) -> bool {
        matches!(
            self,
            ConsolePage::Phone
                | ConsolePage::Reservations
                | ConsolePage::Inquiries
                | ConsolePage::History
                | ConsolePage::TwoFactor
        )
    }

    /// The page at `segment`, if there is one.
    pub fn from_segment(segment: &str) -> Option<ConsolePage> {
        ConsolePage::ALL
            .into_iter()
            .find(|page| page.segment() == segment)
    }

    /// The page's address.
    pub fn href(self) -> String {
        format!("/staff/{}", self.segment())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn r7_0_each_page_has_its_own_segment_and_is_found_by_it() {
        for page in ConsolePage::ALL {
            assert_eq!(ConsolePage::from_segment(page.segment()), Some(page));
        }
        let mut segments: Vec<_> = ConsolePage::ALL.iter().map(|page| page.segment()).collect();
        segments.sort_unstable();
        segments.dedup();
        assert_eq!(segments.len(), ConsolePage::ALL.len());
        assert_eq!(ConsolePage::from_segment("nothing"), None);
    }

    #[test]
    fn r7_0_operators_see_no_city_page_and_administrators_see_every_page() {
        let operator_pages: Vec<_> = ConsolePage::ALL
            .into_iter()
            .filter(|page| page.audience().admits(StaffRole::Operator))
            .map(ConsolePage::segment)
            .collect();
        assert_eq!(
            operator_pages,
            [
                "phone",
                "reservations",
                "inquiries",
                "history",
                "password",
                "two-factor"
            ]
        );
        assert!(
            ConsolePage::ALL
                .into_iter()
                .all(|page| page.audience().admits(StaffRole::CityAdmin))
        );
    }
}
