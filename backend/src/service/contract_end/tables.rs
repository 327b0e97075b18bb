//! The tables of the archive, one descriptor each: its file, what it holds in Japanese and
//! English, and its columns, each a name and how a row gives its value. Adding a table to
//! the archive is one descriptor here and one line in `archive::export_in`.

use chrono::{DateTime, Utc};

use crate::db::{
    audit_event, call_record, inquiry, outbox, reservation, reservation_history,
    reservation_member, slot, staff_account,
};
use crate::service::error::ServiceError;
use crate::service::exports::csv_table;

/// A column: its name in the header, and its value in a row.
type Column<Row> = (&'static str, fn(&Row) -> String);

/// One CSV file of the archive.
pub(super) struct Table<Row: 'static> {
    /// The file's name in the archive.
    pub(super) file: &'static str,
    /// What it holds, in Japanese.
    pub(super) description_ja: &'static str,
    /// What it holds, in English.
    pub(super) description_en: &'static str,
    columns: &'static [Column<Row>],
}

/// A table written out: its descriptor's words, the CSV text and how many rows it has.
pub(super) struct TableFile {
    /// The file's name in the archive.
    pub(super) file: &'static str,
    /// What it holds, in Japanese.
    pub(super) description_ja: &'static str,
    /// What it holds, in English.
    pub(super) description_en: &'static str,
    /// The CSV: UTF-8 with BOM, CRLF.
    pub(super) csv: String,
    /// Rows below the header.
    pub(super) rows: usize,
}

impl<Row> Table<Row> {
    /// The CSV of `rows` under this table's header.
    pub(super) fn write(&self, rows: &[Row]) -> Result<TableFile, ServiceError> {
        let header: Vec<&str> = self.columns.iter().map(|(name, _)| *name).collect();
        let values: Vec<Vec<String>> = rows
            .iter()
            .map(|row| self.columns.iter().map(|(_, value)| value(row)).collect())
            .collect();
        Ok(TableFile {
            file: self.file,
            description_ja: self.description_ja,
            description_en: self.description_en,
            csv: csv_table(&header, &values)?,
            rows: rows.len(),
        })
    }
}

fn moment(at: DateTime<Utc>) -> String {
    at.to_rfc3339()
}

fn optional<T: ToString>(value: Option<T>) -> String {
    value.map(|value| value.to_string()).unwrap_or_default()
}

/// A reservation with the band it is in.
pub(super) type ReservationRow = (reservation::Model, Option<slot::Model>);

pub(super) const RESERVATIONS: Table<ReservationRow> = Table {
    file: "reservations.csv",
    description_ja: "予約 (連絡先を含む)",
    description_en: "Reservations with contact data",
    columns: &[
        ("id", |(row, _)| row.id.to_string()),
        ("number", |(row, _)| row.number.clone()),
        ("location_id", |(row, _)| row.location_id.to_string()),
        ("date", |(_, band)| {
            optional(band.as_ref().map(|band| band.date))
        }),
        ("start", |(_, band)| {
            optional(band.as_ref().map(|band| band.start_time.format("%H:%M")))
        }),
        ("end", |(_, band)| {
            optional(band.as_ref().map(|band| band.end_time.format("%H:%M")))
        }),
        ("status", |(row, _)| row.status.clone()),
        ("channel", |(row, _)| row.channel.clone()),
        ("language", |(row, _)| row.language.clone()),
        ("units", |(row, _)| row.units.to_string()),
        ("name", |(row, _)| optional(row.name.clone())),
        ("name_kana", |(row, _)| optional(row.name_kana.clone())),
        ("phone", |(row, _)| optional(row.phone_digits.clone())),
        ("email", |(row, _)| optional(row.email.clone())),
        ("notice_number", |(row, _)| {
            optional(row.notice_number.clone())
        }),
        ("contact_json", |(row, _)| row.contact_json.clone()),
        ("created_at", |(row, _)| moment(row.created_at)),
        ("updated_at", |(row, _)| moment(row.updated_at)),
    ],
};

pub(super) const MEMBERS: Table<reservation_member::Model> = Table {
    file: "reservation_members.csv",
    description_ja: "予約の同行者",
    description_en: "Party members",
    columns: &[
        ("id", |row| row.id.to_string()),
        ("reservation_id", |row| row.reservation_id.to_string()),
        ("procedure_id", |row| row.procedure_id.to_string()),
        ("name", |row| row.name.clone()),
        ("units", |row| row.units.to_string()),
        ("position", |row| row.position.to_string()),
        ("removed_at", |row| optional(row.removed_at.map(moment))),
    ],
};

pub(super) const HISTORY: Table<reservation_history::Model> = Table {
    file: "reservation_history.csv",
    description_ja: "予約の操作履歴 (変更前後)",
    description_en: "Reservation history: who changed what, before and after",
    columns: &[
        ("id", |row| row.id.to_string()),
        ("reservation_id", |row| row.reservation_id.to_string()),
        ("action", |row| row.action.clone()),
        ("actor_kind", |row| row.actor_kind.clone()),
        ("actor_staff_id", |row| optional(row.actor_staff_id)),
        ("channel", |row| row.channel.clone()),
        ("at", |row| moment(row.at)),
        ("before_json", |row| {
            row.before_json.clone().unwrap_or_default()
        }),
        ("after_json", |row| {
            row.after_json.clone().unwrap_or_default()
        }),
    ],
};

pub(super) const INQUIRIES: Table<inquiry::Model> = Table {
    file: "inquiries.csv",
    description_ja: "問合せ記録",
    description_en: "Inquiry log",
    columns: &[
        ("id", |row| row.id.to_string()),
        ("received_at", |row| moment(row.received_at)),
        ("category", |row| row.category.clone()),
        ("summary", |row| row.summary.clone()),
        ("outcome", |row| row.outcome.clone()),
        ("reservation_number", |row| {
            row.reservation_number.clone().unwrap_or_default()
        }),
        ("staff_id", |row| row.staff_id.to_string()),
    ],
};

pub(super) const CALLS: Table<call_record::Model> = Table {
    file: "call_records.csv",
    description_ja: "入電記録",
    description_en: "Call records",
    columns: &[
        ("id", |row| row.id.to_string()),
        ("started_at", |row| moment(row.started_at)),
        ("answered", |row| row.answered.to_string()),
        ("wait_seconds", |row| row.wait_seconds.to_string()),
        ("talk_seconds", |row| row.talk_seconds.to_string()),
    ],
};

pub(super) const MAILS: Table<outbox::Model> = Table {
    file: "mails.csv",
    description_ja: "送信メール (宛先・件名・状態)",
    description_en: "Mails sent or queued: address, subject, state",
    columns: &[
        ("id", |row| row.id.to_string()),
        ("kind", |row| row.kind.clone()),
        ("reservation_id", |row| optional(row.reservation_id)),
        ("to_address", |row| row.to_address.clone()),
        ("subject", |row| row.subject.clone()),
        ("status", |row| row.status.clone()),
        ("attempts", |row| row.attempts.to_string()),
        ("created_at", |row| moment(row.created_at)),
        ("sent_at", |row| optional(row.sent_at.map(moment))),
    ],
};

pub(super) const STAFF: Table<staff_account::Model> = Table {
    file: "staff_accounts.csv",
    description_ja: "職員アカウント (パスワードは含みません)",
    description_en: "Staff accounts, without passwords",
    columns: &[
        ("id", |row| row.id.to_string()),
        ("login_id", |row| row.login_id.clone()),
        ("display_name", |row| row.display_name.clone()),
        ("role", |row| row.role.clone()),
        ("disabled", |row| row.disabled.to_string()),
        ("created_at", |row| moment(row.created_at)),
    ],
};

pub(super) const AUDIT_EVENTS: Table<audit_event::Model> = Table {
    file: "audit_events.csv",
    description_ja: "監査ログ",
    description_en: "Audit trail",
    columns: &[
        ("id", |row| row.id.to_string()),
        ("at", |row| moment(row.at)),
        ("actor_kind", |row| row.actor_kind.clone()),
        ("actor_staff_id", |row| optional(row.actor_staff_id)),
        ("actor_login", |row| {
            row.actor_login.clone().unwrap_or_default()
        }),
        ("action", |row| row.action.clone()),
        ("outcome", |row| row.outcome.clone()),
        ("target", |row| row.target.clone().unwrap_or_default()),
        ("detail", |row| row.detail.clone().unwrap_or_default()),
        ("client", |row| row.client.clone().unwrap_or_default()),
    ],
};
