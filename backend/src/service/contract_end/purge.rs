//! The purge after the export: every piece of personal data removed in one transaction,
//! a re-count proving nothing is left, and the database files compacted.

use chrono::{DateTime, Utc};
use madoguchi_shared::dto::audit::AuditAction;
use madoguchi_shared::dto::report::{PurgeReport, PurgeRequest};
use madoguchi_shared::error::FieldErrorCode;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseBackend, DatabaseConnection,
    EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, Set,
};

use crate::db::transaction::in_transaction;
use crate::db::{
    audit_event, call_record, contract_export, hold, inquiry, outbox, rate_limit, reservation,
    reservation_history, reservation_member, slot, staff_account,
};
use crate::service::actor::Actor;
use crate::service::audit::{self, Event};
use crate::service::auth;
use crate::service::error::ServiceError;

/// The words the administrator types to confirm the purge.
pub const CONFIRMATIONS: [&str; 2] = ["全件削除", "PURGE ALL"];

/// Rows holding personal data, table by table (the administrator who purged stays).
async fn personal_rows(db: &impl ConnectionTrait, admin_id: i64) -> Result<u64, ServiceError> {
    Ok(reservation::Entity::find().count(db).await?
        + staff_account::Entity::find()
            .filter(staff_account::Column::Id.ne(admin_id))
            .count(db)
            .await?
        + audit_event::Entity::find().count(db).await?
        + reservation_member::Entity::find().count(db).await?
        + reservation_history::Entity::find().count(db).await?
        + inquiry::Entity::find().count(db).await?
        + call_record::Entity::find().count(db).await?
        + outbox::Entity::find().count(db).await?
        + hold::Entity::find().count(db).await?)
}
/// Removes every piece of personal data, after the administrator confirmed the archive by
/// its SHA-256 and typed the confirmation; refused when anything changed since the export
/// (it would be lost unexported). The slots stay, emptied; of the staff accounts only the
/// administrator performing the purge stays, so the city can still sign in. Afterwards the
/// database files are compacted so that nothing deleted stays readable in them. Needs a
/// step-up in the last five minutes.
pub async fn purge(
    db: &DatabaseConnection,
    request: &PurgeRequest,
    admin_id: i64,
    now: DateTime<Utc>,
) -> Result<PurgeReport, ServiceError> {
    auth::require_recent_step_up(db, admin_id, now).await?;
    if !CONFIRMATIONS.contains(&request.confirmation.trim()) {
        return Err(ServiceError::invalid_field(
            "confirmation",
            FieldErrorCode::NotConfirmed,
            "type 全件削除 (or PURGE ALL) to confirm",
        ));
    }
    let mut report = in_transaction(db, async |txn| {
        if txn.get_database_backend() == DatabaseBackend::Sqlite {
            // Deleted rows are overwritten with zeros, not merely unlinked.
            txn.execute_unprepared("PRAGMA secure_delete = ON").await?;
        }
        let export = contract_export::Entity::find()
            .order_by_desc(contract_export::Column::Id)
            .one(txn)
            .await?
            .ok_or_else(|| {
                ServiceError::Conflict(
                    "Export the data first; the purge follows an export.".to_owned(),
                )
            })?;
        if !export
            .sha256
            .eq_ignore_ascii_case(request.export_sha256.trim())
        {
            return Err(ServiceError::invalid_field(
                "export_sha256",
                FieldErrorCode::Mismatch,
                "this is not the SHA-256 of the latest export",
            ));
        }
        if export.purged_at.is_some() {
            return Err(ServiceError::Conflict(
                "This export has been purged already.".to_owned(),
            ));
        }
        // Every change of a reservation writes a history row in its transaction, so the
        // history tells whether any booking moved since the export. A change stamped with
        // the export's very instant may have missed its snapshot: it counts as after.
        let changed_since = reservation_history::Entity::find()
            .filter(reservation_history::Column::At.gte(export.created_at))
            .count(txn)
            .await?
            + inquiry::Entity::find()
                .filter(inquiry::Column::CreatedAt.gte(export.created_at))
                .count(txn)
                .await?
            + call_record::Entity::find()
                .filter(call_record::Column::ImportedAt.gte(export.created_at))
                .count(txn)
                .await?;
        if changed_since > 0 {
            return Err(ServiceError::Conflict(format!(
                "{changed_since} record(s) changed after the export; export again before purging."
            )));
        }
        let members = reservation_member::Entity::delete_many()
            .exec(txn)
            .await?
            .rows_affected;
        let history_rows = reservation_history::Entity::delete_many()
            .exec(txn)
            .await?
            .rows_affected;
        let mails = outbox::Entity::delete_many().exec(txn).await?.rows_affected;
        hold::Entity::delete_many().exec(txn).await?;
        rate_limit::Entity::delete_many().exec(txn).await?;
        let reservations = reservation::Entity::delete_many()
            .exec(txn)
            .await?
            .rows_affected;
        let inquiries = inquiry::Entity::delete_many()
            .exec(txn)
            .await?
            .rows_affected;
        let call_records = call_record::Entity::delete_many()
            .exec(txn)
            .await?
            .rows_affected;
        let staff_accounts = staff_account::Entity::delete_many()
            .filter(staff_account::Column::Id.ne(admin_id))
            .exec(txn)
            .await?
            .rows_affected;
        let audit_events = audit_event::Entity::delete_many()
            .exec(txn)
            .await?
            .rows_affected;
        slot::Entity::update_many()
            .col_expr(slot::Column::Taken, sea_orm::sea_query::Expr::value(0))
            .col_expr(slot::Column::TakenWeb, sea_orm::sea_query::Expr::value(0))
            .exec(txn)
            .await?;
        let remaining_personal_rows = personal_rows(txn, admin_id).await?;
        let report = PurgeReport {
            purged_at: now,
            export_sha256: export.sha256.clone(),
            reservations,
            members,
            history_rows,
            inquiries,
            mails,
            call_records,
            staff_accounts,
            audit_events,
            compacted: false,
            remaining_personal_rows,
            verified: remaining_personal_rows == 0,
        };
        let report_json =
            serde_json::to_string(&report).map_err(|error| ServiceError::Internal(error.into()))?;
        let mut row: contract_export::ActiveModel = export.into();
        row.purged_at = Set(Some(now));
        row.purge_report_json = Set(Some(report_json));
        row.update(txn).await?;
        Ok(report)
    })
    .await?;
    report.compacted = compact(db).await;
    audit::record(
        db,
        Event::ok(Actor::city_admin(admin_id), AuditAction::ContractEndPurge)
            .on(report.export_sha256.clone())
            .with(serde_json::json!({
                "reservations": report.reservations,
                "staff_accounts": report.staff_accounts,
                "audit_events": report.audit_events,
                "verified": report.verified,
            })),
        now,
    )
    .await?;
    tracing::warn!(
        admin_id,
        reservations = report.reservations,
        verified = report.verified,
        "contract-end purge done"
    );
    Ok(report)
}
/// The purging administrator as an actor.
/// Rewrites the database files without the deleted rows' pages: SQLite `VACUUM`, then a
/// checkpoint that empties the write-ahead log; PostgreSQL `VACUUM FULL` of the purged
/// tables, which writes them to new files and removes the old ones. What stays elsewhere
/// (PostgreSQL's WAL archive, backups) is described in the README.
async fn compact(db: &DatabaseConnection) -> bool {
    let statements: &[&str] = match db.get_database_backend() {
        DatabaseBackend::Sqlite => &["VACUUM", "PRAGMA wal_checkpoint(TRUNCATE)"],
        DatabaseBackend::Postgres => &[
            "VACUUM FULL reservation_member, reservation_history, outbox, hold, rate_limit, \
             reservation, inquiry, call_record, staff_account, audit_event",
        ],
        _ => &[],
    };
    for statement in statements {
        // The rows are gone either way; a compaction that could not run (another
        // connection busy) is reported, and the administrator runs it again by hand.
        if let Err(error) = db.execute_unprepared(statement).await {
            tracing::warn!(%error, statement, "compacting after the purge failed");
            return false;
        }
    }
    !statements.is_empty()
}
