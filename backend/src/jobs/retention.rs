//! The removal of personal data past its retention (R13).

use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QuerySelect, RelationTrait,
};

use crate::db::rate_limits::RateLimitMutation;
use crate::db::{outbox, reservation, slot};
use crate::service::error::ServiceError;

/// What the retention purge did.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Purged {
    /// Reservations whose personal data was removed.
    pub reservations: usize,
    /// Mails removed from the outbox, whether sent, failed or never sent.
    pub mails: u64,
    /// Inquiries whose summary and reservation number were removed.
    pub inquiries: u64,
}

/// What stands where removed free text was.
const REMOVED: &str = "—";
/// Removes the personal data of reservations whose visit was before `cutoff` (R13): their
/// contact fields and search keys, the members' names, the before/after of their history,
/// the fingerprints of their booking requests, and their mails; the summaries of inquiries
/// received before it; every mail queued before it, sent or not. What remains (day, band,
/// procedures, channel, status, the history's actions and actors, an inquiry's category and
/// outcome) still counts in reports. Running it again changes nothing.
pub async fn anonymise_before(
    db: &DatabaseConnection,
    cutoff: NaiveDate,
    now: DateTime<Utc>,
) -> Result<Purged, ServiceError> {
    use crate::db::{reservation_history, reservation_member};
    let old: Vec<i64> = reservation::Entity::find()
        .join(
            sea_orm::JoinType::InnerJoin,
            reservation::Relation::Slot.def(),
        )
        .filter(slot::Column::Date.lt(cutoff))
        .filter(reservation::Column::ContactJson.ne("{}"))
        .select_only()
        .column(reservation::Column::Id)
        .into_tuple()
        .all(db)
        .await?;
    let txn = crate::db::transaction::begin_writing(db).await?;
    for ids in old.chunks(500) {
        reservation::Entity::update_many()
            .col_expr(reservation::Column::ContactJson, Expr::value("{}"))
            .col_expr(
                reservation::Column::Name,
                Expr::value(Option::<String>::None),
            )
            .col_expr(
                reservation::Column::NameKana,
                Expr::value(Option::<String>::None),
            )
            .col_expr(
                reservation::Column::PhoneDigits,
                Expr::value(Option::<String>::None),
            )
            .col_expr(
                reservation::Column::Email,
                Expr::value(Option::<String>::None),
            )
            .col_expr(
                reservation::Column::NoticeNumber,
                Expr::value(Option::<String>::None),
            )
            .col_expr(
                reservation::Column::IdempotencyKey,
                Expr::value(Option::<String>::None),
            )
            .col_expr(
                reservation::Column::RequestFingerprint,
                Expr::value(Option::<String>::None),
            )
            .filter(reservation::Column::Id.is_in(ids.to_vec()))
            .exec(&txn)
            .await?;
        reservation_member::Entity::update_many()
            .col_expr(reservation_member::Column::Name, Expr::value("—"))
            .filter(reservation_member::Column::ReservationId.is_in(ids.to_vec()))
            .exec(&txn)
            .await?;
        reservation_history::Entity::update_many()
            .col_expr(
                reservation_history::Column::BeforeJson,
                Expr::value(Option::<String>::None),
            )
            .col_expr(
                reservation_history::Column::AfterJson,
                Expr::value(Option::<String>::None),
            )
            .filter(reservation_history::Column::ReservationId.is_in(ids.to_vec()))
            .exec(&txn)
            .await?;
    }
    let cutoff_instant = cutoff
        .and_hms_opt(0, 0, 0)
        .and_then(|midnight| {
            midnight
                .and_local_timezone(madoguchi_shared::time::japan())
                .single()
        })
        .map(|at| at.with_timezone(&Utc))
        .unwrap_or(now);
    // A mail still unsent after the retention period will never be wanted.
    let mails = outbox::Entity::delete_many()
        .filter(outbox::Column::CreatedAt.lt(cutoff_instant))
        .exec(&txn)
        .await?
        .rows_affected;
    let inquiries = crate::db::inquiry::Entity::update_many()
        .col_expr(crate::db::inquiry::Column::Summary, Expr::value(REMOVED))
        .col_expr(
            crate::db::inquiry::Column::ReservationNumber,
            Expr::value(Option::<String>::None),
        )
        .filter(crate::db::inquiry::Column::ReceivedAt.lt(cutoff_instant))
        .filter(crate::db::inquiry::Column::Summary.ne(REMOVED))
        .exec(&txn)
        .await?
        .rows_affected;
    RateLimitMutation::forget_windows_before(&txn, now - chrono::Duration::days(1)).await?;
    txn.commit().await?;
    Ok(Purged {
        reservations: old.len(),
        mails,
        inquiries,
    })
}
