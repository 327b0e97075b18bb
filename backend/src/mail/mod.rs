//! Email (R7.4-コ) through an outbox: a mail is a row written in the same transaction as the
//! change that causes it, so a change is never mailed without happening nor happens without
//! its mail (DESIGN.md invariant 5). The worker delivers rows over SMTP with retries and
//! backoff; on PostgreSQL, rows are claimed with `FOR UPDATE SKIP LOCKED`, so several
//! replicas never take the same mail.

pub mod error;
pub mod reminders;
pub mod templates;
pub mod worker;

use madoguchi_shared::dto::reservation::Reservation;
use madoguchi_shared::ics::reservation_event;
use sea_orm::{ActiveModelTrait, ConnectionTrait, Set};

use crate::auth::TokenKeys;
use crate::auth::citizen_link::with_access;
use crate::clock::Clock;
use crate::db::{outbox, reservation};
use error::MailError;
use templates::{MailKind, render};

/// What writing a mail needs besides the reservation: links carry a citizen token.
#[derive(Clone, Debug)]
pub struct Notifier {
    tokens: TokenKeys,
    public_url: String,
    clock: Clock,
}

impl Notifier {
    /// A notifier signing links with `tokens`, pointing at `public_url`, stamping mails
    /// with `clock`'s time.
    pub fn new(tokens: TokenKeys, public_url: String, clock: Clock) -> Self {
        Self {
            tokens,
            public_url,
            clock,
        }
    }

    /// Writes the mail of `kind` about `reservation` (stored as `row`) to the outbox, in the
    /// caller's transaction, when the reservation has an email address. `dedupe_key` makes a
    /// mail that must go at most once (a reminder) unique.
    pub async fn enqueue(
        &self,
        txn: &impl ConnectionTrait,
        kind: MailKind,
        row: &reservation::Model,
        reservation: &Reservation,
        dedupe_key: Option<String>,
    ) -> Result<(), MailError> {
        let Some(to) = row.email.as_deref().filter(|address| !address.is_empty()) else {
            return Ok(());
        };
        let reservation_id = row.id;
        let sequence = u32::try_from(row.revision).unwrap_or(0);
        let now = self.clock.now();
        let manage_url =
            with_access(&self.tokens, &self.public_url, reservation.clone(), now)?.manage_url;
        let mail = render(kind, reservation, &manage_url)?;
        outbox::ActiveModel {
            kind: Set(kind.as_str().to_owned()),
            reservation_id: Set(Some(reservation_id)),
            to_address: Set(to.to_owned()),
            subject: Set(mail.subject),
            body_text: Set(mail.text),
            body_html: Set(mail.html),
            ics: Set(kind
                .has_calendar()
                .then(|| reservation_event(reservation, now, sequence))),
            dedupe_key: Set(dedupe_key),
            status: Set("pending".to_owned()),
            attempts: Set(0),
            next_attempt_at: Set(now),
            claimed_until: Set(None),
            last_error: Set(None),
            created_at: Set(now),
            sent_at: Set(None),
            claim_token: Set(None),
            ..Default::default()
        }
        .insert(txn)
        .await?;
        Ok(())
    }
}
