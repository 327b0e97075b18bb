//! The archive of every piece of personal data, the staff accounts and the audit trail: one
//! CSV per table (`tables`), a manifest with each file's rows and SHA-256, and a README.

use std::io::Write;

use chrono::{DateTime, Utc};
use madoguchi_shared::dto::audit::AuditAction;
use sea_orm::{
    ActiveModelTrait, ConnectionTrait, DatabaseConnection, DatabaseTransaction, DbErr, EntityTrait,
    QueryOrder, Set,
};
use serde::Serialize;
use sha2::{Digest, Sha256};
use zip::write::SimpleFileOptions;

use super::tables::{
    AUDIT_EVENTS, CALLS, HISTORY, INQUIRIES, MAILS, MEMBERS, RESERVATIONS, STAFF, TableFile,
};
use crate::db::transaction::begin_snapshot;
use crate::db::{
    audit_event, call_record, contract_export, inquiry, outbox, reservation, reservation_history,
    reservation_member, slot, staff_account,
};
use crate::service::actor::Actor;
use crate::service::audit::{self, Event};
use crate::service::auth;
use crate::service::error::ServiceError;

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

/// The README of the archive: how the files are written, what each holds, and what the
/// purge asks for.
fn readme(files: &[TableFile]) -> String {
    let listed: String = files
        .iter()
        .map(|file| {
            format!(
                "{}: {} / {}.\n",
                file.file, file.description_ja, file.description_en
            )
        })
        .collect();
    format!(
        "madoguchi 契約終了時データ返却 / Contract-end data export (R13.3)\n\n\
         各ファイルは UTF-8 (BOM 付き)、CRLF 改行の CSV です。日時は UTC の RFC 3339 形式です。\n\
         Every file is CSV, UTF-8 with BOM and CRLF line ends. Times are RFC 3339 in UTC.\n\n\
         manifest.json: 各ファイルの行数と SHA-256 / rows and SHA-256 of every file.\n\
         {listed}\n\
         削除は、このアーカイブの SHA-256 を確認入力した後に実行されます。\n\
         The purge runs only after the administrator confirms this archive's SHA-256.\n"
    )
}

/// Every row of an entity, by id.
async fn all_by_id<E: EntityTrait>(
    db: &impl ConnectionTrait,
    id: E::Column,
) -> Result<Vec<E::Model>, DbErr> {
    E::find().order_by_asc(id).all(db).await
}

/// Builds the archive of all personal data, the staff accounts and the audit trail, read in
/// one snapshot so that the files agree with each other, and records the export. Needs a
/// step-up in the last five minutes.
pub async fn export(
    db: &DatabaseConnection,
    admin_id: i64,
    now: DateTime<Utc>,
) -> Result<Archive, ServiceError> {
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
) -> Result<Archive, ServiceError> {
    let reservations = reservation::Entity::find()
        .find_also_related(slot::Entity)
        .order_by_asc(reservation::Column::Id)
        .all(db)
        .await?;
    let files = [
        RESERVATIONS.write(&reservations)?,
        MEMBERS.write(
            &all_by_id::<reservation_member::Entity>(db, reservation_member::Column::Id).await?,
        )?,
        HISTORY.write(
            &all_by_id::<reservation_history::Entity>(db, reservation_history::Column::Id).await?,
        )?,
        INQUIRIES.write(&all_by_id::<inquiry::Entity>(db, inquiry::Column::Id).await?)?,
        CALLS.write(&all_by_id::<call_record::Entity>(db, call_record::Column::Id).await?)?,
        MAILS.write(&all_by_id::<outbox::Entity>(db, outbox::Column::Id).await?)?,
        STAFF.write(&all_by_id::<staff_account::Entity>(db, staff_account::Column::Id).await?)?,
        AUDIT_EVENTS
            .write(&all_by_id::<audit_event::Entity>(db, audit_event::Column::Id).await?)?,
    ];

    let fail = |error: zip::result::ZipError| ServiceError::Internal(error.into());
    let io_fail = |error: std::io::Error| ServiceError::Internal(error.into());
    let options = SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .unix_permissions(0o600);
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let mut entries = Vec::new();
    for file in &files {
        zip.start_file(file.file, options).map_err(fail)?;
        zip.write_all(file.csv.as_bytes()).map_err(io_fail)?;
        entries.push(ManifestEntry {
            name: file.file.to_owned(),
            rows: file.rows,
            sha256: hex(Sha256::digest(file.csv.as_bytes())),
            description_ja: file.description_ja,
            description_en: file.description_en,
        });
    }
    let manifest = Manifest {
        generated_at: now,
        format: "CSV, UTF-8 with BOM, CRLF; times RFC 3339 UTC",
        files: entries,
    };
    let manifest_json = serde_json::to_string_pretty(&manifest)
        .map_err(|error| ServiceError::Internal(error.into()))?;
    zip.start_file("manifest.json", options).map_err(fail)?;
    zip.write_all(manifest_json.as_bytes()).map_err(io_fail)?;
    zip.start_file("README.txt", options).map_err(fail)?;
    zip.write_all(readme(&files).as_bytes()).map_err(io_fail)?;
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
        Event::ok(Actor::city_admin(admin_id), AuditAction::ContractEndExport)
            .on(sha256.clone())
            .with(serde_json::json!({"rows": rows, "bytes": bytes.len()})),
        now,
    )
    .await?;
    Ok(Archive { bytes, sha256 })
}
