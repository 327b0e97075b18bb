//! Delivers the outbox over SMTP: claims due rows, sends them, and records the outcome.
//!
//! Exactly once, with several workers on several replicas:
//!
//! - a claim marks the rows `sending` under a fresh claim token, for a lease longer than the
//!   longest the batch can take (every send is cut off after the send timeout), so no other
//!   worker takes a mail over while its worker is still at it;
//! - before each send the worker renews its lease on that one mail, fenced by its token: if
//!   the lease lapsed and another worker took the mail over, the renewal changes nothing and
//!   the mail is left to the new owner;
//! - the outcome is recorded only under the same token.
//!
//! A mail is lost to "sent twice" only if a send outlives its lease, which the timeout rules
//! out. A permanent refusal (an SMTP 5xx reply) fails the mail at once; transient failures
//! are retried with backoff.

use std::time::Duration;

use lettre::message::header::ContentType;
use lettre::message::{Attachment, Mailbox, MultiPart};
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{
    ColumnTrait, Condition, DatabaseBackend, DatabaseConnection, EntityTrait, QueryFilter,
    QueryOrder, QuerySelect, Statement, UpdateMany,
};

use madoguchi_shared::ics::is_cancellation;

use crate::clock::Clock;
use crate::db::outbox;
use crate::db::transaction::begin_writing;
use crate::mail::error::MailError;
use crate::mail::reminders::reminder_still_due;
use crate::mail::templates::MailKind;

/// Attempts before a mail is given up as failed.
pub const MAX_ATTEMPTS: i32 = 8;
/// The longest one send may take by default, connection and all; it is cut off after that
/// (`MADOGUCHI_SMTP_TIMEOUT_SECONDS`).
pub const DEFAULT_SEND_TIMEOUT: Duration = Duration::from_secs(30);
/// How many mails a worker claims at a time. A replica that dies leaves at most this many
/// mails waiting until its claim lapses: ten send timeouts and one more.
pub const BATCH: u64 = 10;

/// Backoff before attempt `attempts + 1`: 30 s, 1 min, 2 min, … at most an hour.
pub fn backoff(attempts: i32) -> chrono::Duration {
    let seconds = 30_i64.saturating_mul(1_i64 << attempts.clamp(0, 7));
    chrono::Duration::seconds(std::cmp::Ord::min(seconds, 3600))
}

/// How long a claim of `mails` mails is its worker's: each may take the whole send timeout,
/// and one more timeout of headroom.
fn lease_for(mails: u64, send_timeout: Duration) -> chrono::Duration {
    let seconds = send_timeout
        .as_secs()
        .saturating_mul(std::cmp::Ord::max(mails, 1).saturating_add(1));
    chrono::Duration::seconds(i64::try_from(seconds).unwrap_or(i64::MAX / 2))
}

/// Outcome of one pass.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Pass {
    /// Delivered.
    pub sent: usize,
    /// Failed this time (retried later, or given up).
    pub failed: usize,
}

/// The delivery worker.
#[derive(Clone)]
pub struct OutboxWorker {
    db: DatabaseConnection,
    transport: AsyncSmtpTransport<Tokio1Executor>,
    from: Mailbox,
    message_id_domain: String,
    send_timeout: Duration,
    clock: Clock,
}

impl std::fmt::Debug for OutboxWorker {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("OutboxWorker")
            .field("from", &self.from)
            .finish_non_exhaustive()
    }
}

/// The host of a URL, for Message-IDs: `https://yoyaku.example.jp/x` → `yoyaku.example.jp`.
fn host_of(url: &str) -> String {
    let rest = url.split_once("://").map_or(url, |(_, rest)| rest);
    let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
    let host = authority
        .rsplit_once('@')
        .map_or(authority, |(_, host)| host);
    let host = match host.strip_prefix('[') {
        Some(bracketed) => bracketed.split(']').next().unwrap_or_default(),
        None => host.split(':').next().unwrap_or_default(),
    };
    if host.is_empty() {
        "madoguchi.invalid".to_owned()
    } else {
        host.to_ascii_lowercase()
    }
}

/// A claim on some mails: their rows, the token the claim holds them under, and until when.
struct Claim {
    token: String,
    mails: Vec<outbox::Model>,
    until: chrono::DateTime<chrono::Utc>,
}

impl OutboxWorker {
    /// A worker sending through `smtp_url` (`smtp://host:port`, or `smtps://` for TLS) as
    /// `from`, naming its messages after the host of `public_url`, telling time by `clock`.
    pub fn new(
        db: DatabaseConnection,
        smtp_url: &str,
        from: &str,
        public_url: &str,
        clock: Clock,
    ) -> anyhow::Result<Self> {
        let send_timeout = DEFAULT_SEND_TIMEOUT;
        let transport = AsyncSmtpTransport::<Tokio1Executor>::from_url(smtp_url)?
            .timeout(Some(send_timeout))
            .build();
        Ok(Self {
            db,
            transport,
            from: from.parse()?,
            message_id_domain: host_of(public_url),
            send_timeout,
            clock,
        })
    }

    /// The same worker, cutting every send off after `send_timeout` (its claims last
    /// accordingly).
    pub fn with_send_timeout(mut self, send_timeout: Duration) -> Self {
        self.send_timeout = send_timeout;
        self
    }

    /// Claims up to `batch` due mails under a new token: pending ones whose time has come,
    /// and ones whose claim lapsed (their worker died). PostgreSQL skips rows another worker
    /// is claiming; SQLite has a single writer and claims inside one writing transaction.
    async fn claim(&self, batch: u64) -> Result<Claim, MailError> {
        let now = self.clock.now();
        let claimed_until = now + lease_for(batch, self.send_timeout);
        let token = uuid::Uuid::new_v4().to_string();
        if self.db.get_database_backend() == DatabaseBackend::Postgres {
            let sql = "UPDATE outbox SET status = 'sending', claimed_until = $1, claim_token = $2, \
                       attempts = attempts + 1 \
                       WHERE id IN (SELECT id FROM outbox \
                                    WHERE (status = 'pending' AND next_attempt_at <= $3) \
                                       OR (status = 'sending' AND claimed_until < $3) \
                                    ORDER BY id LIMIT $4 FOR UPDATE SKIP LOCKED) \
                       RETURNING *";
            let values = vec![
                claimed_until.into(),
                token.clone().into(),
                now.into(),
                i64::try_from(batch).unwrap_or(i64::MAX).into(),
            ];
            let mut mails = outbox::Entity::find()
                .from_raw_sql(Statement::from_sql_and_values(
                    DatabaseBackend::Postgres,
                    sql,
                    values,
                ))
                .all(&self.db)
                .await?;
            mails.sort_by_key(|mail| mail.id);
            return Ok(Claim {
                token,
                mails,
                until: claimed_until,
            });
        }
        let txn = begin_writing(&self.db).await?;
        let due = outbox::Entity::find()
            .filter(
                Condition::any()
                    .add(
                        outbox::Column::Status
                            .eq("pending")
                            .and(outbox::Column::NextAttemptAt.lte(now)),
                    )
                    .add(
                        outbox::Column::Status
                            .eq("sending")
                            .and(outbox::Column::ClaimedUntil.lt(now)),
                    ),
            )
            .order_by_asc(outbox::Column::Id)
            .limit(batch)
            .all(&txn)
            .await?;
        let ids: Vec<i64> = due.iter().map(|mail| mail.id).collect();
        outbox::Entity::update_many()
            .col_expr(outbox::Column::Status, Expr::value("sending"))
            .col_expr(
                outbox::Column::ClaimedUntil,
                Expr::value(Some(claimed_until)),
            )
            .col_expr(outbox::Column::ClaimToken, Expr::value(Some(token.clone())))
            .col_expr(
                outbox::Column::Attempts,
                Expr::col(outbox::Column::Attempts).add(1),
            )
            .filter(outbox::Column::Id.is_in(ids))
            .exec(&txn)
            .await?;
        txn.commit().await?;
        let mails = due
            .into_iter()
            .map(|mail| outbox::Model {
                attempts: mail.attempts + 1,
                claim_token: Some(token.clone()),
                ..mail
            })
            .collect();
        Ok(Claim {
            token,
            mails,
            until: claimed_until,
        })
    }

    /// An update of one mail that changes it only while this claim still holds it.
    fn fenced(mail_id: i64, token: &str) -> UpdateMany<outbox::Entity> {
        outbox::Entity::update_many()
            .filter(outbox::Column::Id.eq(mail_id))
            .filter(outbox::Column::Status.eq("sending"))
            .filter(outbox::Column::ClaimToken.eq(token))
    }

    /// Renews the lease on one mail just before sending it, never shortening the claim's;
    /// false when the claim was lost to another worker.
    async fn still_ours(
        &self,
        mail_id: i64,
        token: &str,
        claimed_until: chrono::DateTime<chrono::Utc>,
    ) -> Result<bool, MailError> {
        let until = std::cmp::Ord::max(
            claimed_until,
            self.clock.now() + lease_for(1, self.send_timeout),
        );
        Ok(Self::fenced(mail_id, token)
            .col_expr(outbox::Column::ClaimedUntil, Expr::value(Some(until)))
            .exec(&self.db)
            .await?
            .rows_affected
            > 0)
    }

    fn message(&self, mail: &outbox::Model) -> anyhow::Result<Message> {
        let body =
            MultiPart::alternative_plain_html(mail.body_text.clone(), mail.body_html.clone());
        let body = match &mail.ics {
            Some(ics) => MultiPart::mixed().multipart(body).singlepart(
                Attachment::new("madoguchi.ics".to_owned()).body(
                    ics.clone(),
                    ContentType::parse(if is_cancellation(ics) {
                        "text/calendar; charset=utf-8; method=CANCEL"
                    } else {
                        "text/calendar; charset=utf-8; method=PUBLISH"
                    })?,
                ),
            ),
            None => body,
        };
        Ok(Message::builder()
            .from(self.from.clone())
            .to(mail.to_address.parse()?)
            .subject(mail.subject.clone())
            // The same for every attempt at one mail, so receivers drop a repeat; unique
            // across installations by the public host, across databases by the creation time.
            .message_id(Some(format!(
                "<outbox-{}-{}@{}>",
                mail.id,
                mail.created_at.timestamp_micros(),
                self.message_id_domain
            )))
            .multipart(body)?)
    }

    /// Sends one message, cut off after the send timeout; `Err(permanent, reason)`.
    async fn send(&self, mail: &outbox::Model) -> Result<(), (bool, String)> {
        let message = self
            .message(mail)
            .map_err(|error| (true, format!("the mail cannot be built: {error}")))?;
        match tokio::time::timeout(self.send_timeout, self.transport.send(message)).await {
            Ok(Ok(_)) => Ok(()),
            Ok(Err(error)) => Err((error.is_permanent(), error.to_string())),
            Err(_) => Err((false, "the SMTP server did not answer in time".to_owned())),
        }
    }

    /// Delivers what is due, once; returns how it went.
    pub async fn run_once(&self, batch: u64) -> Result<Pass, MailError> {
        let mut pass = Pass::default();
        let Claim {
            token,
            mails,
            until,
        } = self.claim(batch).await?;
        for mail in mails {
            // A reminder for a visit that was cancelled or moved since it was queued is
            // dropped, never sent.
            if mail.kind == MailKind::Reminder.as_str()
                && !reminder_still_due(&self.db, &mail).await?
            {
                Self::fenced(mail.id, &token)
                    .col_expr(outbox::Column::Status, Expr::value("skipped"))
                    .exec(&self.db)
                    .await?;
                continue;
            }
            if !self.still_ours(mail.id, &token, until).await? {
                tracing::warn!(
                    mail_id = mail.id,
                    "claim lapsed; another worker has the mail"
                );
                continue;
            }
            let outcome = self.send(&mail).await;
            let now = self.clock.now();
            let update = Self::fenced(mail.id, &token);
            let recorded = match &outcome {
                Ok(()) => update
                    .col_expr(outbox::Column::Status, Expr::value("sent"))
                    .col_expr(outbox::Column::SentAt, Expr::value(Some(now)))
                    .col_expr(
                        outbox::Column::ClaimedUntil,
                        Expr::value(Option::<chrono::DateTime<chrono::Utc>>::None),
                    ),
                Err((permanent, reason)) => {
                    let status = if *permanent || mail.attempts >= MAX_ATTEMPTS {
                        "failed"
                    } else {
                        "pending"
                    };
                    let reason: String = reason.chars().take(500).collect();
                    update
                        .col_expr(outbox::Column::Status, Expr::value(status))
                        .col_expr(
                            outbox::Column::NextAttemptAt,
                            Expr::value(now + backoff(mail.attempts)),
                        )
                        .col_expr(outbox::Column::LastError, Expr::value(Some(reason)))
                }
            }
            .exec(&self.db)
            .await?
            .rows_affected
                > 0;
            if !recorded {
                tracing::warn!(mail_id = mail.id, "claim lapsed during the send");
            }
            match outcome {
                Ok(()) => {
                    pass.sent += 1;
                    tracing::info!(mail_id = mail.id, kind = %mail.kind, "mail delivered");
                }
                Err((permanent, _)) => {
                    pass.failed += 1;
                    tracing::warn!(
                        mail_id = mail.id,
                        attempts = mail.attempts,
                        permanent,
                        "mail delivery failed"
                    );
                }
            }
        }
        Ok(pass)
    }

    /// Every `every`, delivers until nothing is due, for as long as the server runs.
    pub fn spawn(self, every: Duration) {
        tokio::spawn(async move {
            let mut tick = tokio::time::interval(every);
            loop {
                tick.tick().await;
                loop {
                    match self.run_once(BATCH).await {
                        Ok(pass) if pass.sent + pass.failed > 0 => {}
                        Ok(_) => break,
                        Err(error) => {
                            tracing::warn!(%error, "outbox pass failed");
                            break;
                        }
                    }
                }
            }
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_lease_outlasts_every_send_of_its_batch() {
        let timeout = Duration::from_secs(30);
        assert!(lease_for(50, timeout) > chrono::Duration::from_std(timeout * 50).expect("span"));
        assert_eq!(lease_for(0, timeout), lease_for(1, timeout));
    }

    #[test]
    fn message_ids_carry_the_public_host() {
        assert_eq!(
            host_of("https://yoyaku.example.jp/path"),
            "yoyaku.example.jp"
        );
        assert_eq!(host_of("http://127.0.0.1:8080"), "127.0.0.1");
        assert_eq!(host_of("http://[::1]:8080/"), "::1");
        assert_eq!(host_of(""), "madoguchi.invalid");
    }

    #[test]
    fn backoff_doubles_from_thirty_seconds_up_to_an_hour() {
        assert_eq!(backoff(0).num_seconds(), 30);
        assert_eq!(backoff(1).num_seconds(), 60);
        assert_eq!(backoff(3).num_seconds(), 240);
        assert_eq!(backoff(10).num_seconds(), 3600);
    }
}
