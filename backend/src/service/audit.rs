//! The audit trail (R13.1): an append-only record of sign-ins and of every search, look,
//! export and change of personal data, accounts and settings. Events are written by the use
//! cases themselves (in their transaction where they change something), read by city
//! administrators, kept for `MADOGUCHI_AUDIT_RETENTION_DAYS`, and handed over at contract
//! end. Nothing updates or deletes an event except the retention job and the purge.

use chrono::{DateTime, NaiveDate, Utc};
use madoguchi_shared::dto::audit::{AuditAction, AuditEntry, AuditOutcome};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect, Set,
};

use crate::db::audit_event;
use crate::db::staff_accounts::StaffQuery;
use crate::service::actor::Actor;
use crate::service::error::ServiceError;

/// One event to record.
#[derive(Clone, Debug)]
pub struct Event {
    /// Who acted.
    pub actor: Actor,
    /// What they did.
    pub action: AuditAction,
    /// How it ended.
    pub outcome: AuditOutcome,
    /// What it concerned.
    pub target: Option<String>,
    /// A search's filter, an export's row count, a change's fields.
    pub detail: Option<serde_json::Value>,
    /// The client's address, for sign-ins.
    pub client: Option<String>,
}

impl Event {
    /// A successful `action` by `actor`.
    pub fn ok(actor: Actor, action: AuditAction) -> Self {
        Self {
            actor,
            action,
            outcome: AuditOutcome::Ok,
            target: None,
            detail: None,
            client: None,
        }
    }

    /// About `target`.
    pub fn on(mut self, target: impl Into<String>) -> Self {
        self.target = Some(target.into());
        self
    }

    /// With `detail`.
    pub fn with(mut self, detail: serde_json::Value) -> Self {
        self.detail = Some(detail);
        self
    }
}

/// Longest target kept (the column's length).
const TARGET_CHARS: usize = 64;

/// Appends an event, in the caller's transaction when it passes one.
pub async fn record(
    db: &impl ConnectionTrait,
    event: Event,
    now: DateTime<Utc>,
) -> Result<(), ServiceError> {
    let (kind, staff_id) = match event.actor {
        Actor::Citizen => ("citizen", None),
        Actor::Staff { id, .. } => ("staff", Some(id)),
    };
    let login = match staff_id {
        Some(id) => StaffQuery::find(db, id)
            .await?
            .map(|account| account.login_id),
        None => None,
    };
    insert(db, kind, staff_id, login, event, now).await
}

/// Appends a sign-in attempt: `login_id` is what was typed, the account if it exists.
pub async fn record_sign_in(
    db: &impl ConnectionTrait,
    staff_id: Option<i64>,
    login_id: &str,
    outcome: AuditOutcome,
    client: &str,
    now: DateTime<Utc>,
) -> Result<(), ServiceError> {
    let typed: String = login_id.trim().chars().take(32).collect();
    let event = Event {
        actor: Actor::Citizen,
        action: AuditAction::SignIn,
        outcome,
        target: None,
        detail: None,
        client: Some(client.to_owned()),
    };
    insert(db, "staff", staff_id, Some(typed), event, now).await
}

async fn insert(
    db: &impl ConnectionTrait,
    kind: &str,
    staff_id: Option<i64>,
    login: Option<String>,
    event: Event,
    now: DateTime<Utc>,
) -> Result<(), ServiceError> {
    audit_event::ActiveModel {
        at: Set(now),
        actor_kind: Set(kind.to_owned()),
        actor_staff_id: Set(staff_id),
        actor_login: Set(login),
        action: Set(event.action.as_str().to_owned()),
        outcome: Set(event.outcome.as_str().to_owned()),
        target: Set(event
            .target
            .map(|target| target.chars().take(TARGET_CHARS).collect())),
        detail: Set(event.detail.map(|detail| detail.to_string())),
        client: Set(event.client),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(())
}

/// What administrators filter the trail by; every given filter must match.
#[derive(Clone, Debug, Default)]
pub struct Filter {
    /// From this day on (Japan time).
    pub from: Option<NaiveDate>,
    /// Up to this day.
    pub to: Option<NaiveDate>,
    /// Only this action.
    pub action: Option<AuditAction>,
    /// Only this member of staff (by login id).
    pub login_id: Option<String>,
    /// Only refused events.
    pub refused_only: bool,
    /// At most this many, newest first.
    pub limit: u64,
}

/// The events matching `filter`, newest first.
pub async fn list(
    db: &impl ConnectionTrait,
    filter: &Filter,
) -> Result<Vec<AuditEntry>, ServiceError> {
    let mut query = audit_event::Entity::find()
        .order_by_desc(audit_event::Column::At)
        .order_by_desc(audit_event::Column::Id)
        .limit(filter.limit.clamp(1, 10_000));
    if let Some(from) = filter.from {
        query = query
            .filter(audit_event::Column::At.gte(crate::service::reports::japan_day_start(from)));
    }
    if let Some(to) = filter.to.and_then(|to| to.succ_opt()) {
        query =
            query.filter(audit_event::Column::At.lt(crate::service::reports::japan_day_start(to)));
    }
    if let Some(action) = filter.action {
        query = query.filter(audit_event::Column::Action.eq(action.as_str()));
    }
    if let Some(login_id) = filter
        .login_id
        .as_deref()
        .map(str::trim)
        .filter(|id| !id.is_empty())
    {
        query = query.filter(audit_event::Column::ActorLogin.eq(login_id));
    }
    if filter.refused_only {
        query = query.filter(audit_event::Column::Outcome.eq(AuditOutcome::Refused.as_str()));
    }
    query
        .all(db)
        .await?
        .into_iter()
        .map(|row| {
            let action = AuditAction::parse(&row.action).ok_or_else(|| {
                ServiceError::Internal(anyhow::anyhow!(
                    "audit event {} has an unknown action {:?}",
                    row.id,
                    row.action
                ))
            })?;
            let outcome = match row.outcome.as_str() {
                "ok" => AuditOutcome::Ok,
                "refused" => AuditOutcome::Refused,
                other => {
                    return Err(ServiceError::Internal(anyhow::anyhow!(
                        "audit event {} has an unknown outcome {other:?}",
                        row.id
                    )));
                }
            };
            Ok(AuditEntry {
                id: row.id,
                at: row.at,
                staff_id: row.actor_staff_id,
                login_id: row.actor_login,
                action,
                outcome,
                target: row.target,
                detail: row
                    .detail
                    .and_then(|detail| serde_json::from_str(&detail).ok()),
                client: row.client,
            })
        })
        .collect()
}

/// Removes events older than `cutoff`; returns how many.
pub async fn forget_before(
    db: &impl ConnectionTrait,
    cutoff: DateTime<Utc>,
) -> Result<u64, ServiceError> {
    Ok(audit_event::Entity::delete_many()
        .filter(audit_event::Column::At.lt(cutoff))
        .exec(db)
        .await?
        .rows_affected)
}

/// A member of staff's read of personal data, as the trail records it: what they did, about
/// what, with which filter and how many rows. A citizen reading their own reservation is
/// not recorded.
#[derive(Clone, Debug)]
pub struct Read {
    /// Who read.
    pub actor: Actor,
    /// A search, an open, an export, a day sheet, a history view.
    pub action: AuditAction,
    /// The reservation number, when one was opened.
    pub target: Option<String>,
    /// The filter as the caller gave it.
    pub filter: serde_json::Value,
}

impl Read {
    /// Records the read, with the number of rows it returned.
    pub async fn record(
        self,
        db: &impl ConnectionTrait,
        rows: usize,
        now: DateTime<Utc>,
    ) -> Result<(), ServiceError> {
        if matches!(self.actor, Actor::Citizen) {
            return Ok(());
        }
        let mut event = Event::ok(self.actor, self.action)
            .with(serde_json::json!({"filter": self.filter, "rows": rows}));
        event.target = self.target;
        record(db, event, now).await
    }
}

/// The events matching `filter`, for a city administrator; the reading is itself recorded
/// (after the list is taken, so it is not in its own answer).
pub async fn read(
    db: &impl ConnectionTrait,
    actor: Actor,
    filter: &Filter,
    query: serde_json::Value,
    now: DateTime<Utc>,
) -> Result<Vec<AuditEntry>, ServiceError> {
    let entries = list(db, filter).await?;
    record(
        db,
        Event::ok(actor, AuditAction::AuditView)
            .with(serde_json::json!({"filter": query, "rows": entries.len()})),
        now,
    )
    .await?;
    Ok(entries)
}

/// The events as CSV for spreadsheets: UTF-8 with BOM, CRLF, times in Japan time.
pub fn csv(entries: &[AuditEntry]) -> Result<String, ServiceError> {
    let rows: Vec<Vec<String>> = entries
        .iter()
        .map(|entry| {
            vec![
                entry.id.to_string(),
                entry
                    .at
                    .with_timezone(&madoguchi_shared::time::japan())
                    .format("%Y-%m-%d %H:%M:%S")
                    .to_string(),
                entry.login_id.clone().unwrap_or_default(),
                entry.action.as_str().to_owned(),
                entry.action.label_ja().to_owned(),
                entry.outcome.as_str().to_owned(),
                entry.target.clone().unwrap_or_default(),
                entry.client.clone().unwrap_or_default(),
                entry
                    .detail
                    .as_ref()
                    .map(ToString::to_string)
                    .unwrap_or_default(),
            ]
        })
        .collect();
    crate::service::exports::csv_table(
        &[
            "id",
            "日時 (JST)",
            "ログインID",
            "action",
            "操作",
            "outcome",
            "対象",
            "端末 (client)",
            "詳細",
        ],
        &rows,
    )
}
