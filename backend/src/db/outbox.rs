//! A mail waiting to be delivered, or delivered.

use sea_orm::entity::prelude::*;

/// Row of `outbox`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "outbox")]
pub struct Model {
    /// Mail id; also in its Message-ID, so receivers can drop a repeat.
    #[sea_orm(primary_key)]
    pub id: i64,
    /// Why it is sent.
    pub kind: String,
    /// The reservation it is about.
    pub reservation_id: Option<i64>,
    /// Recipient.
    pub to_address: String,
    /// Subject.
    pub subject: String,
    /// Plain text.
    pub body_text: String,
    /// HTML.
    pub body_html: String,
    /// The visit as iCalendar, attached when present.
    pub ics: Option<String>,
    /// Makes a mail that must go once (a reminder) unique.
    #[sea_orm(unique)]
    pub dedupe_key: Option<String>,
    /// pending, sending, sent, failed, skipped.
    pub status: String,
    /// Delivery attempts so far.
    pub attempts: i32,
    /// Not tried again before then.
    pub next_attempt_at: DateTimeUtc,
    /// A worker holds it until then.
    pub claimed_until: Option<DateTimeUtc>,
    /// Why the last attempt failed.
    pub last_error: Option<String>,
    /// When it was written.
    pub created_at: DateTimeUtc,
    /// When the SMTP server took it.
    pub sent_at: Option<DateTimeUtc>,
    /// The claim a worker holds on the mail; only that worker may record its outcome.
    pub claim_token: Option<String>,
}

/// No relations.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
