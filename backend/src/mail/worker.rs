//! Delivers the outbox over SMTP: claims due rows, sends them, and records the outcome.

use std::time::Duration;

use lettre::message::header::ContentType;
use lettre::message::{Attachment, Mailbox, MultiPart};
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{
    ColumnTrait, Condition, DatabaseBackend, DatabaseConnection, EntityTrait, QueryFilter,
    QueryOrder, QuerySelect, SqliteTransactionMode, Statement, TransactionOptions,
    TransactionTrait,
};

use crate::clock::Clock;
use crate::db::outbox;
use crate::error::AppError;
use crate::mail::templates::MailKind;
use crate::service::jobs::reminder_still_due;

/// Attempts before a mail is given up as failed.
pub const MAX_ATTEMPTS: i32 = 8;
/// How long a claimed mail is a worker's before another may take it over.
const CLAIM: Duration = Duration::from_secs(300);

/// Backoff before attempt `attempts + 1`: 30 s, 1 min, 2 min, … at most an hour.
pub fn backoff(attempts: i32) -> chrono::Duration {
    let seconds = 30_i64.saturating_mul(1_i64 << attempts.clamp(0, 7));
    chrono::Duration::seconds(std::cmp::Ord::min(seconds, 3600))
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
    clock: Clock,
}

impl std::fmt::Debug for OutboxWorker {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("OutboxWorker")
            .field("from", &self.from)
            .finish_non_exhaustive()
    }
}

impl OutboxWorker {
    /// A worker sending through `smtp_url` (`smtp://host:port`, or `smtps://` for TLS) as
    /// `from`, telling time by `clock`.
    pub fn new(
        db: DatabaseConnection,
        smtp_url: &str,
        from: &str,
        clock: Clock,
    ) -> anyhow::Result<Self> {
        let transport = AsyncSmtpTransport::<Tokio1Executor>::from_url(smtp_url)?
            .timeout(Some(Duration::from_secs(20)))
            .build();
        Ok(Self {
            db,
            transport,
            from: from.parse()?,
            clock,
        })
    }

    /// Claims up to `batch` due mails: pending ones whose time has come, and ones a worker
    /// claimed but never finished (it died). PostgreSQL skips rows another worker holds;
    /// SQLite has a single writer and claims inside one immediate transaction.
    async fn claim(&self, batch: u64) -> Result<Vec<outbox::Model>, AppError> {
        let now = self.clock.now();
        let claimed_until = now + chrono::Duration::from_std(CLAIM).unwrap_or_default();
        if self.db.get_database_backend() == DatabaseBackend::Postgres {
            let sql = "UPDATE outbox SET status = 'sending', claimed_until = $1, attempts = attempts + 1 \
                       WHERE id IN (SELECT id FROM outbox \
                                    WHERE (status = 'pending' AND next_attempt_at <= $2) \
                                       OR (status = 'sending' AND claimed_until < $2) \
                                    ORDER BY id LIMIT $3 FOR UPDATE SKIP LOCKED) \
                       RETURNING *";
            let values = vec![claimed_until.into(), now.into(), (batch as i64).into()];
            return Ok(outbox::Entity::find()
                .from_raw_sql(Statement::from_sql_and_values(
                    DatabaseBackend::Postgres,
                    sql,
                    values,
                ))
                .all(&self.db)
                .await?);
        }
        let txn = self
            .db
            .begin_with_options(TransactionOptions {
                sqlite_transaction_mode: Some(SqliteTransactionMode::Immediate),
                ..Default::default()
            })
            .await?;
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
            .col_expr(
                outbox::Column::Attempts,
                Expr::col(outbox::Column::Attempts).add(1),
            )
            .filter(outbox::Column::Id.is_in(ids))
            .exec(&txn)
            .await?;
        txn.commit().await?;
        Ok(due
            .into_iter()
            .map(|mail| outbox::Model {
                attempts: mail.attempts + 1,
                ..mail
            })
            .collect())
    }

    fn message(&self, mail: &outbox::Model) -> anyhow::Result<Message> {
        let body =
            MultiPart::alternative_plain_html(mail.body_text.clone(), mail.body_html.clone());
        let body = match &mail.ics {
            Some(ics) => MultiPart::mixed().multipart(body).singlepart(
                Attachment::new("madoguchi.ics".to_owned()).body(
                    ics.clone(),
                    ContentType::parse("text/calendar; charset=utf-8; method=PUBLISH")?,
                ),
            ),
            None => body,
        };
        Ok(Message::builder()
            .from(self.from.clone())
            .to(mail.to_address.parse()?)
            .subject(mail.subject.clone())
            .message_id(Some(format!("<outbox-{}@madoguchi>", mail.id)))
            .multipart(body)?)
    }

    /// Delivers what is due, once; returns how it went.
    pub async fn run_once(&self, batch: u64) -> Result<Pass, AppError> {
        let mut pass = Pass::default();
        for mail in self.claim(batch).await? {
            // A reminder for a visit that was cancelled or moved since it was queued is
            // dropped, never sent.
            if mail.kind == MailKind::Reminder.as_str()
                && !reminder_still_due(&self.db, &mail).await?
            {
                outbox::Entity::update_many()
                    .col_expr(outbox::Column::Status, Expr::value("skipped"))
                    .filter(outbox::Column::Id.eq(mail.id))
                    .exec(&self.db)
                    .await?;
                continue;
            }
            let outcome = match self.message(&mail) {
                Ok(message) => self
                    .transport
                    .send(message)
                    .await
                    .map(|_| ())
                    .map_err(anyhow::Error::from),
                Err(error) => Err(error),
            };
            let now = self.clock.now();
            let update = outbox::Entity::update_many().filter(outbox::Column::Id.eq(mail.id));
            match outcome {
                Ok(()) => {
                    update
                        .col_expr(outbox::Column::Status, Expr::value("sent"))
                        .col_expr(outbox::Column::SentAt, Expr::value(Some(now)))
                        .col_expr(
                            outbox::Column::ClaimedUntil,
                            Expr::value(Option::<chrono::DateTime<chrono::Utc>>::None),
                        )
                        .exec(&self.db)
                        .await?;
                    pass.sent += 1;
                    tracing::info!(mail_id = mail.id, kind = %mail.kind, "mail delivered");
                }
                Err(error) => {
                    let status = if mail.attempts >= MAX_ATTEMPTS {
                        "failed"
                    } else {
                        "pending"
                    };
                    let reason: String = error.to_string().chars().take(500).collect();
                    update
                        .col_expr(outbox::Column::Status, Expr::value(status))
                        .col_expr(
                            outbox::Column::NextAttemptAt,
                            Expr::value(now + backoff(mail.attempts)),
                        )
                        .col_expr(outbox::Column::LastError, Expr::value(Some(reason)))
                        .exec(&self.db)
                        .await?;
                    pass.failed += 1;
                    tracing::warn!(
                        mail_id = mail.id,
                        attempts = mail.attempts,
                        status,
                        "mail delivery failed"
                    );
                }
            }
        }
        Ok(pass)
    }

    /// Runs a pass every `every`, for as long as the server runs.
    pub fn spawn(self, every: Duration) {
        tokio::spawn(async move {
            let mut tick = tokio::time::interval(every);
            loop {
                tick.tick().await;
                if let Err(error) = self.run_once(50).await {
                    tracing::warn!(%error, "outbox pass failed");
                }
            }
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_doubles_from_thirty_seconds_up_to_an_hour() {
        assert_eq!(backoff(0).num_seconds(), 30);
        assert_eq!(backoff(1).num_seconds(), 60);
        assert_eq!(backoff(3).num_seconds(), 240);
        assert_eq!(backoff(10).num_seconds(), 3600);
    }
}
