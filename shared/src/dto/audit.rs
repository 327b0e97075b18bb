//! The audit trail (R13.1): who signed in, and who looked at, exported or changed personal
//! data and settings, as city administrators read it.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// What happened.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum AuditAction {
    /// A sign-in, successful or refused.
    #[serde(rename = "sign_in")]
    SignIn,
    /// A sign-out.
    #[serde(rename = "sign_out")]
    SignOut,
    /// A re-authentication for a sensitive action.
    #[serde(rename = "step_up")]
    StepUp,
    /// Two-factor sign-in set up.
    #[serde(rename = "two_factor.enable")]
    TwoFactorEnable,
    /// Two-factor sign-in reset by an administrator.
    #[serde(rename = "two_factor.reset")]
    TwoFactorReset,
    /// A search or list of reservations.
    #[serde(rename = "reservation.search")]
    ReservationSearch,
    /// One reservation's personal data opened.
    #[serde(rename = "reservation.open")]
    ReservationOpen,
    /// Reservations exported as CSV or XLSX.
    #[serde(rename = "reservation.export")]
    ReservationExport,
    /// A day's reception sheet printed.
    #[serde(rename = "reservation.day_sheet")]
    ReservationDaySheet,
    /// The change history read.
    #[serde(rename = "history.view")]
    HistoryView,
    /// A staff account created.
    #[serde(rename = "staff.create")]
    StaffCreate,
    /// A staff account's name, role or state changed.
    #[serde(rename = "staff.update")]
    StaffUpdate,
    /// A staff password reset by an administrator.
    #[serde(rename = "staff.password_reset")]
    StaffPasswordReset,
    /// A member changed their own password.
    #[serde(rename = "staff.password_change")]
    StaffPasswordChange,
    /// Slot settings, procedures, locations, the form or notices changed.
    #[serde(rename = "settings.change")]
    SettingsChange,
    /// The contract-end export downloaded.
    #[serde(rename = "contract_end.export")]
    ContractEndExport,
    /// The contract-end purge run.
    #[serde(rename = "contract_end.purge")]
    ContractEndPurge,
    /// The audit trail itself read or downloaded.
    #[serde(rename = "audit.view")]
    AuditView,
}

impl AuditAction {
    /// Every action, for filters.
    pub const ALL: [AuditAction; 18] = [
        AuditAction::SignIn,
        AuditAction::SignOut,
        AuditAction::StepUp,
        AuditAction::TwoFactorEnable,
        AuditAction::TwoFactorReset,
        AuditAction::ReservationSearch,
        AuditAction::ReservationOpen,
        AuditAction::ReservationExport,
        AuditAction::ReservationDaySheet,
        AuditAction::HistoryView,
        AuditAction::StaffCreate,
        AuditAction::StaffUpdate,
        AuditAction::StaffPasswordReset,
        AuditAction::StaffPasswordChange,
        AuditAction::SettingsChange,
        AuditAction::ContractEndExport,
        AuditAction::ContractEndPurge,
        AuditAction::AuditView,
    ];

    /// The stored and wire name, e.g. `reservation.export`.
    pub fn as_str(self) -> &'static str {
        match self {
            AuditAction::SignIn => "sign_in",
            AuditAction::SignOut => "sign_out",
            AuditAction::StepUp => "step_up",
            AuditAction::TwoFactorEnable => "two_factor.enable",
            AuditAction::TwoFactorReset => "two_factor.reset",
            AuditAction::ReservationSearch => "reservation.search",
            AuditAction::ReservationOpen => "reservation.open",
            AuditAction::ReservationExport => "reservation.export",
            AuditAction::ReservationDaySheet => "reservation.day_sheet",
            AuditAction::HistoryView => "history.view",
            AuditAction::StaffCreate => "staff.create",
            AuditAction::StaffUpdate => "staff.update",
            AuditAction::StaffPasswordReset => "staff.password_reset",
            AuditAction::StaffPasswordChange => "staff.password_change",
            AuditAction::SettingsChange => "settings.change",
            AuditAction::ContractEndExport => "contract_end.export",
            AuditAction::ContractEndPurge => "contract_end.purge",
            AuditAction::AuditView => "audit.view",
        }
    }

    /// Parses the stored name.
    pub fn parse(name: &str) -> Option<AuditAction> {
        AuditAction::ALL
            .into_iter()
            .find(|action| action.as_str() == name)
    }

    /// Japanese label.
    pub fn label_ja(self) -> &'static str {
        match self {
            AuditAction::SignIn => "サインイン",
            AuditAction::SignOut => "サインアウト",
            AuditAction::StepUp => "再認証",
            AuditAction::TwoFactorEnable => "2段階認証の設定",
            AuditAction::TwoFactorReset => "2段階認証のリセット",
            AuditAction::ReservationSearch => "予約の検索",
            AuditAction::ReservationOpen => "予約の閲覧",
            AuditAction::ReservationExport => "予約の出力",
            AuditAction::ReservationDaySheet => "受付表の印刷",
            AuditAction::HistoryView => "履歴の閲覧",
            AuditAction::StaffCreate => "アカウント作成",
            AuditAction::StaffUpdate => "アカウント変更",
            AuditAction::StaffPasswordReset => "パスワードの再発行",
            AuditAction::StaffPasswordChange => "パスワードの変更",
            AuditAction::SettingsChange => "設定の変更",
            AuditAction::ContractEndExport => "契約終了データの出力",
            AuditAction::ContractEndPurge => "契約終了データの削除",
            AuditAction::AuditView => "監査ログの閲覧",
        }
    }

    /// English label.
    pub fn label_en(self) -> &'static str {
        match self {
            AuditAction::SignIn => "Sign-in",
            AuditAction::SignOut => "Sign-out",
            AuditAction::StepUp => "Re-authentication",
            AuditAction::TwoFactorEnable => "Two-factor set up",
            AuditAction::TwoFactorReset => "Two-factor reset",
            AuditAction::ReservationSearch => "Reservation search",
            AuditAction::ReservationOpen => "Reservation opened",
            AuditAction::ReservationExport => "Reservations exported",
            AuditAction::ReservationDaySheet => "Day sheet printed",
            AuditAction::HistoryView => "History read",
            AuditAction::StaffCreate => "Account created",
            AuditAction::StaffUpdate => "Account changed",
            AuditAction::StaffPasswordReset => "Password reset",
            AuditAction::StaffPasswordChange => "Password changed",
            AuditAction::SettingsChange => "Settings changed",
            AuditAction::ContractEndExport => "Contract-end export",
            AuditAction::ContractEndPurge => "Contract-end purge",
            AuditAction::AuditView => "Audit log read",
        }
    }
}

/// How it ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum AuditOutcome {
    /// Done.
    Ok,
    /// Refused (a wrong password, a missing right).
    Refused,
}

impl AuditOutcome {
    /// The stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            AuditOutcome::Ok => "ok",
            AuditOutcome::Refused => "refused",
        }
    }
}

/// One event of the audit trail.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AuditEntry {
    /// Event id, in order.
    pub id: i64,
    /// When.
    pub at: DateTime<Utc>,
    /// The member of staff who acted, if known.
    pub staff_id: Option<i64>,
    /// Their login id (for a refused sign-in, the id that was typed).
    pub login_id: Option<String>,
    /// What happened.
    pub action: AuditAction,
    /// How it ended.
    pub outcome: AuditOutcome,
    /// What it concerned: a reservation number, an account, a setting.
    pub target: Option<String>,
    /// The rest: a search's filter, an export's row count.
    #[cfg_attr(feature = "openapi", schema(value_type = Option<Object>))]
    pub detail: Option<serde_json::Value>,
    /// For sign-ins: the client's address (as the trusted proxy forwarded it).
    #[serde(default)]
    pub client: Option<String>,
}
