//! Contract end (R13.3): every piece of personal data handed back to the city as one
//! documented archive, then removed, with a report of what was removed and a re-count
//! proving nothing is left.

use std::collections::HashMap;
use std::io::Write;

use chrono::{DateTime, Utc};
use madoguchi_shared::dto::audit::AuditAction;
use madoguchi_shared::dto::report::{PurgeReport, PurgeRequest};
use madoguchi_shared::dto::staff::StaffRole;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseBackend, DatabaseConnection,
    DatabaseTransaction, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, Set,
};
use serde::Serialize;
use sha2::{Digest, Sha256};
use zip::write::SimpleFileOptions;

use crate::db::transaction::{begin_snapshot, in_transaction};
use crate::db::{
    audit_event, call_record, contract_export, hold, inquiry, outbox, rate_limit, reservation,
    reservation_history, reservation_member, slot, staff_account,
};
use crate::error::AppError;
use crate::service::actor::Actor;
use crate::service::audit::{self, Event};
use crate::service::auth;
use crate::service::exports::csv_table;

/// The words the administrator types to confirm the purge.
pub const CONFIRMATIONS: [&str; 2] = ["全件削除", "PURGE ALL"];

/// A finished export: the archive and its checksum.
#[derive(Debug)]
pub struct Archive {
    /// The ZIP file.
    pub bytes: Vec<u8>,
    /// SHA-256 of `bytes`, hex.
    pub sha256: String,
}

/// One file of the archive, as listed in `manifest.json`.
#[derive(Debug, Serialize)]
struct ManifestEntry {
    name: String,
    rows: usize,
    sha256: String,
    description_ja: &'static str,
    description_en: &'static str,
}

#[derive(Debug, Serialize)]
struct Manifest {
    generated_at: DateTime<Utc>,
    format: &'static str,
    files: Vec<ManifestEntry>,
}

fn hex(digest: impl AsRef<[u8]>) -> String {
    digest
        .as_ref()
        .iter()
        .map(|byte| format!("{byte:02x}"))
        .collect()
}

fn moment(at: DateTime<Utc>) -> String {
    at.to_rfc3339()
}

fn optional<T: ToString>(value: Option<T>) -> String {
    value.map(|value| value.to_string()).unwrap_or_default()
}

const README: &str = "\
madoguchi 契約終了時データ返却 / Contract-end data export (R13.3)

各ファイルは UTF-8 (BOM 付き)、CRLF 改行の CSV です。日時は UTC の RFC 3339 形式です。
Every file is CSV, UTF-8 with BOM and CRLF line ends. Times are RFC 3339 in UTC.

manifest.json: 各ファイルの行数と SHA-256 / rows and SHA-256 of every file.
reservations.csv: 予約 (連絡先を含む) / reservations with contact data.
reservation_members.csv: 予約の同行者 / party members.
reservation_history.csv: 予約の操作履歴 (変更前後) / who changed what, before and after.
inquiries.csv: 問合せ記録 / the call center's inquiry log.
call_records.csv: 電話システムの入電記録 / imported call records.
mails.csv: 送信メール (宛先・件名・状態) / mails sent or queued: address, subject, state.
staff_accounts.csv: 職員アカウント (パスワードは含みません) / staff accounts, without passwords.

削除は、このアーカイブの SHA-256 を確認入力した後に実行されます。
The purge runs only after the administrator confirms this archive's SHA-256.
";

/// One CSV of the archive: name, header, rows, and its description in Japanese and English.
type ArchiveFile<'a> = (
    &'static str,
    &'static [&'static str],
    &'a [Vec<String>],
    &'static str,
    &'static str,
);

/// Builds the archive of all personal data, the staff accounts and the audit trail, read in
/// one snapshot so that the files agree with each other, and records the export. Needs a
/// step-up in the last five minutes.
pub async fn export(
    db: &DatabaseConnection,
    admin_id: i64,
    now: DateTime<Utc>,
) -> Result<Archive, AppError> {
    auth::require_recent_step_up(db, admin_id, now).await?;
    let snapshot = begin_snapshot(db).await?;
    let archive = export_in(&snapshot, admin_id, now).await?;
    snapshot.commit().await?;
    tracing::warn!(
        admin_id,
        bytes = archive.bytes.len(),
        "contract-end export made"
    );
    Ok(archive)
}

async fn export_in(
    db: &DatabaseTransaction,
    admin_id: i64,
    now: DateTime<Utc>,
) -> Result<Archive, AppError> {
    let slots: HashMap<i64, slot::Model> = slot::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .map(|row| (row.id, row))
        .collect();
    let reservations = reservation::Entity::find()
        .order_by_asc(reservation::Column::Id)
        .all(db)
        .await?;
    let reservation_rows: Vec<Vec<String>> = reservations
        .iter()
        .map(|row| {
            let band = slots.get(&row.slot_id);
            vec![
                row.id.to_string(),
                row.number.clone(),
                row.location_id.to_string(),
                optional(band.map(|band| band.date)),
                optional(band.map(|band| band.start_time.format("%H:%M"))),
                optional(band.map(|band| band.end_time.format("%H:%M"))),
                row.status.clone(),
                row.channel.clone(),
                row.language.clone(),
                row.units.to_string(),
                optional(row.name.clone()),
                optional(row.name_kana.clone()),
                optional(row.phone_digits.clone()),
                optional(row.email.clone()),
                optional(row.notice_number.clone()),
                row.contact_json.clone(),
                moment(row.created_at),
                moment(row.updated_at),
            ]
        })
        .collect();
    let members: Vec<Vec<String>> = reservation_member::Entity::find()
        .order_by_asc(reservation_member::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(|row| {
            vec![
                row.id.to_string(),
                row.reservation_id.to_string(),
                row.procedure_id.to_string(),
                row.name,
                row.units.to_string(),
                row.position.to_string(),
                optional(row.removed_at.map(moment)),
            ]
        })
        .collect();
    let history: Vec<Vec<String>> = reservation_history::Entity::find()
        .order_by_asc(reservation_history::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(|row| {
            vec![
                row.id.to_string(),
                row.reservation_id.to_string(),
                row.action,
                row.actor_kind,
                optional(row.actor_staff_id),
                row.channel,
                moment(row.at),
                row.before_json.unwrap_or_default(),
                row.after_json.unwrap_or_default(),
            ]
        })
        .collect();
    let inquiries: Vec<Vec<String>> = inquiry::Entity::find()
        .order_by_asc(inquiry::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(|row| {
            vec![
                row.id.to_string(),
                moment(row.received_at),
                row.category,
                row.summary,
                row.outcome,
                row.reservation_number.unwrap_or_default(),
                row.staff_id.to_string(),
            ]
        })
        .collect();
    let calls: Vec<Vec<String>> = call_record::Entity::find()
        .order_by_asc(call_record::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(|row| {
            vec![
                row.id.to_string(),
                moment(row.started_at),
                row.answered.to_string(),
                row.wait_seconds.to_string(),
                row.talk_seconds.to_string(),
            ]
        })
        .collect();
    let mails: Vec<Vec<String>> = outbox::Entity::find()
        .order_by_asc(outbox::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(|row| {
            vec![
                row.id.to_string(),
                row.kind,
                optional(row.reservation_id),
                row.to_address,
                row.subject,
                row.status,
                row.attempts.to_string(),
                moment(row.created_at),
                optional(row.sent_at.map(moment)),
            ]
        })
        .collect();
    let staff: Vec<Vec<String>> = staff_account::Entity::find()
        .order_by_asc(staff_account::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(|row| {
            vec![
                row.id.to_string(),
                row.login_id,
                row.display_name,
                row.role,
                row.disabled.to_string(),
                moment(row.created_at),
            ]
        })
        .collect();
    let audit_events: Vec<Vec<String>> = audit_event::Entity::find()
        .order_by_asc(audit_event::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(|row| {
            vec![
                row.id.to_string(),
                moment(row.at),
                row.actor_kind,
                optional(row.actor_staff_id),
                row.actor_login.unwrap_or_default(),
                row.action,
                row.outcome,
                row.target.unwrap_or_default(),
                row.detail.unwrap_or_default(),
                row.client.unwrap_or_default(),
            ]
        })
        .collect();

    let files: [ArchiveFile<'_>; 8] = [
        (
            "reservations.csv",
            &[
                "id",
                "number",
                "location_id",
                "date",
                "start",
                "end",
                "status",
                "channel",
                "language",
                "units",
                "name",
                "name_kana",
                "phone",
                "email",
                "notice_number",
                "contact_json",
                "created_at",
                "updated_at",
            ],
            &reservation_rows,
            "予約 (連絡先を含む)",
            "Reservations with contact data",
        ),
        (
            "reservation_members.csv",
            &[
                "id",
                "reservation_id",
                "procedure_id",
                "name",
                "units",
                "position",
                "removed_at",
            ],
            &members,
            "予約の同行者",
            "Party members",
        ),
        (
            "reservation_history.csv",
            &[
                "id",
                "reservation_id",
                "action",
                "actor_kind",
                "actor_staff_id",
                "channel",
                "at",
                "before_json",
                "after_json",
            ],
            &history,
            "予約の操作履歴",
            "Reservation history",
        ),
        (
            "inquiries.csv",
            &[
                "id",
                "received_at",
                "category",
                "summary",
                "outcome",
                "reservation_number",
                "staff_id",
            ],
            &inquiries,
            "問合せ記録",
            "Inquiry log",
        ),
        (
            "call_records.csv",
            &[
                "id",
                "started_at",
                "answered",
                "wait_seconds",
                "talk_seconds",
            ],
            &calls,
            "入電記録",
            "Call records",
        ),
        (
            "mails.csv",
            &[
                "id",
                "kind",
                "reservation_id",
                "to_address",
                "subject",
                "status",
                "attempts",
                "created_at",
                "sent_at",
            ],
            &mails,
            "送信メール",
            "Mails",
        ),
        (
            "staff_accounts.csv",
            &[
                "id",
                "login_id",
                "display_name",
                "role",
                "disabled",
                "created_at",
            ],
            &staff,
            "職員アカウント",
            "Staff accounts",
        ),
        (
            "audit_events.csv",
            &[
                "id",
                "at",
                "actor_kind",
                "actor_staff_id",
                "actor_login",
                "action",
                "outcome",
                "target",
                "detail",
                "client",
            ],
            &audit_events,
            "監査ログ",
            "Audit trail",
        ),
    ];

    let fail = |error: zip::result::ZipError| AppError::Internal(error.into());
    let io_fail = |error: std::io::Error| AppError::Internal(error.into());
    let options = SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .unix_permissions(0o600);
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let mut entries = Vec::new();
    for (name, header, rows, description_ja, description_en) in files {
        let text = csv_table(header, rows);
        zip.start_file(name, options).map_err(fail)?;
        zip.write_all(text.as_bytes()).map_err(io_fail)?;
        entries.push(ManifestEntry {
            name: name.to_owned(),
            rows: rows.len(),
            sha256: hex(Sha256::digest(text.as_bytes())),
            description_ja,
            description_en,
        });
    }
    let manifest = Manifest {
        generated_at: now,
        format: "CSV, UTF-8 with BOM, CRLF; times RFC 3339 UTC",
        files: entries,
    };
    let manifest_json = serde_json::to_string_pretty(&manifest)
        .map_err(|error| AppError::Internal(error.into()))?;
    zip.start_file("manifest.json", options).map_err(fail)?;
    zip.write_all(manifest_json.as_bytes()).map_err(io_fail)?;
    zip.start_file("README.txt", options).map_err(fail)?;
    zip.write_all(README.as_bytes()).map_err(io_fail)?;
    let bytes = zip.finish().map_err(fail)?.into_inner();
    let sha256 = hex(Sha256::digest(&bytes));
    contract_export::ActiveModel {
        sha256: Set(sha256.clone()),
        byte_count: Set(i64::try_from(bytes.len()).unwrap_or(i64::MAX)),
        manifest_json: Set(manifest_json),
        created_by: Set(Some(admin_id)),
        created_at: Set(now),
        purged_at: Set(None),
        purge_report_json: Set(None),
        ..Default::default()
    }
    .insert(db)
    .await?;
    let rows: usize = manifest.files.iter().map(|file| file.rows).sum();
    audit::record(
        db,
        Event::ok(admin(admin_id), AuditAction::ContractEndExport)
            .on(sha256.clone())
            .with(serde_json::json!({"rows": rows, "bytes": bytes.len()})),
        now,
    )
    .await?;
    Ok(Archive { bytes, sha256 })
}

/// Rows holding personal data, table by table (the administrator who purged stays).
async fn personal_rows(db: &impl ConnectionTrait, admin_id: i64) -> Result<u64, AppError> {
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
) -> Result<PurgeReport, AppError> {
    auth::require_recent_step_up(db, admin_id, now).await?;
    if !CONFIRMATIONS.contains(&request.confirmation.trim()) {
        return Err(AppError::invalid_field(
            "confirmation",
            "not_confirmed",
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
                AppError::Conflict("Export the data first; the purge follows an export.".to_owned())
            })?;
        if !export
            .sha256
            .eq_ignore_ascii_case(request.export_sha256.trim())
        {
            return Err(AppError::invalid_field(
                "export_sha256",
                "mismatch",
                "this is not the SHA-256 of the latest export",
            ));
        }
        if export.purged_at.is_some() {
            return Err(AppError::Conflict(
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
            return Err(AppError::Conflict(format!(
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
            serde_json::to_string(&report).map_err(|error| AppError::Internal(error.into()))?;
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
        Event::ok(admin(admin_id), AuditAction::ContractEndPurge)
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
fn admin(admin_id: i64) -> Actor {
    Actor::Staff {
        id: admin_id,
        role: StaffRole::CityAdmin,
    }
}

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
