//! Reading reservations: by number, the citizen's look-up with a second factor, staff
//! search and lists (R7.4-イ, R5.2), and history (R7.4-エ).

use std::collections::{BTreeMap, HashMap};

use chrono::{DateTime, Duration, NaiveDate, Utc};
use madoguchi_shared::dto::history::HistoryEntry;
use madoguchi_shared::dto::reservation::{
    ActorKind, Channel, Language, LookupRequest, PartyMember, ProcedureGuide, Reservation,
    ReservationStatus,
};
use madoguchi_shared::reservation_number;
use madoguchi_shared::validate::contact::{normalize_email, normalize_phone};
use sea_orm::sea_query::{Expr, ExprTrait, LikeExpr};
use sea_orm::{
    ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect, QueryTrait,
    RelationTrait,
};

use crate::auth::error::AccessError;
use crate::db::staff_accounts::StaffQuery;
use crate::db::{location, procedure, reservation, reservation_history, reservation_member, slot};
use crate::service::audit;
use crate::service::error::ServiceError;
use crate::service::stored::stored;
use madoguchi_shared::dto::audit::AuditAction;

/// The row of a reservation by id.
pub async fn find_model(
    db: &impl ConnectionTrait,
    reservation_id: i64,
) -> Result<reservation::Model, ServiceError> {
    reservation::Entity::find_by_id(reservation_id)
        .one(db)
        .await?
        .ok_or_else(|| ServiceError::NotFound("The reservation".to_owned()))
}

/// The API view of a reservation as it is now, after a change.
pub async fn current(
    db: &impl ConnectionTrait,
    reservation_id: i64,
) -> Result<Reservation, ServiceError> {
    to_dto(db, find_model(db, reservation_id).await?).await
}

/// The row of a reservation by its number (as typed: normalised first).
pub async fn find_by_number(
    db: &impl ConnectionTrait,
    number: &str,
) -> Result<reservation::Model, ServiceError> {
    let number = reservation_number::normalize(number)
        .ok_or_else(|| ServiceError::NotFound("The reservation".to_owned()))?;
    reservation::Entity::find()
        .filter(reservation::Column::Number.eq(number))
        .one(db)
        .await?
        .ok_or_else(|| ServiceError::NotFound("The reservation".to_owned()))
}

/// Whether a citizen's link may still open the reservation `number`: not once it is
/// cancelled (whoever cancelled it), so a forwarded or leaked link shows nothing more.
pub async fn citizen_link_open(
    db: &impl ConnectionTrait,
    number: &str,
) -> Result<(), ServiceError> {
    let row = find_by_number(db, number).await?;
    if row.status == madoguchi_shared::dto::reservation::ReservationStatus::Cancelled.as_str() {
        return Err(ServiceError::NotFound("The reservation".to_owned()));
    }
    Ok(())
}

/// The guide of a procedure as a reservation shows it.
pub fn guide_of(procedure: &procedure::Model) -> ProcedureGuide {
    ProcedureGuide {
        id: procedure.id,
        name_ja: procedure.name_ja.clone(),
        name_en: procedure.name_en.clone(),
        what_to_bring_ja: procedure.what_to_bring_ja.clone(),
        what_to_bring_en: procedure.what_to_bring_en.clone(),
        notes_ja: procedure.notes_ja.clone(),
        notes_en: procedure.notes_en.clone(),
    }
}

/// Builds the API view of reservations with a fixed number of queries, whatever their count.
pub async fn to_dtos(
    db: &impl ConnectionTrait,
    rows: Vec<reservation::Model>,
) -> Result<Vec<Reservation>, ServiceError> {
    if rows.is_empty() {
        return Ok(Vec::new());
    }
    let ids: Vec<i64> = rows.iter().map(|row| row.id).collect();
    let slot_ids: Vec<i64> = rows.iter().map(|row| row.slot_id).collect();
    let slots: HashMap<i64, slot::Model> = slot::Entity::find()
        .filter(slot::Column::Id.is_in(slot_ids))
        .all(db)
        .await?
        .into_iter()
        .map(|slot| (slot.id, slot))
        .collect();
    let locations: HashMap<i64, location::Model> = location::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .map(|location| (location.id, location))
        .collect();
    let procedures: HashMap<i64, procedure::Model> = procedure::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .map(|procedure| (procedure.id, procedure))
        .collect();
    let mut members: HashMap<i64, Vec<reservation_member::Model>> = HashMap::new();
    for member in reservation_member::Entity::find()
        .filter(reservation_member::Column::ReservationId.is_in(ids))
        .filter(reservation_member::Column::RemovedAt.is_null())
        .order_by_asc(reservation_member::Column::Position)
        .all(db)
        .await?
    {
        members
            .entry(member.reservation_id)
            .or_default()
            .push(member);
    }
    rows.into_iter()
        .map(|row| {
            let slot = slots.get(&row.slot_id).ok_or_else(|| {
                ServiceError::Internal(anyhow::anyhow!("reservation {} has no slot", row.id))
            })?;
            let location = locations.get(&row.location_id).ok_or_else(|| {
                ServiceError::Internal(anyhow::anyhow!("reservation {} has no location", row.id))
            })?;
            let party = members
                .remove(&row.id)
                .unwrap_or_default()
                .into_iter()
                .filter_map(|member| {
                    let procedure = procedures.get(&member.procedure_id)?;
                    Some(PartyMember {
                        id: member.id,
                        name: member.name,
                        procedure: guide_of(procedure),
                    })
                })
                .collect();
            let contact: BTreeMap<String, String> =
                serde_json::from_str(&row.contact_json).unwrap_or_default();
            Ok(Reservation {
                number: row.number,
                status: stored("reservation.status", &row.status, ReservationStatus::parse)?,
                channel: stored("reservation.channel", &row.channel, Channel::parse)?,
                language: stored("reservation.language", &row.language, Language::parse)?,
                location_id: location.id,
                location_name_ja: location.name_ja.clone(),
                location_name_en: location.name_en.clone(),
                date: slot.date,
                start: slot.start_time,
                end: slot.end_time,
                members: party,
                contact,
                created_at: row.created_at,
                updated_at: row.updated_at,
            })
        })
        .collect()
}

/// The API view of one reservation.
pub async fn to_dto(
    db: &impl ConnectionTrait,
    row: reservation::Model,
) -> Result<Reservation, ServiceError> {
    to_dtos(db, vec![row])
        .await?
        .pop()
        .ok_or_else(|| ServiceError::NotFound("The reservation".to_owned()))
}

/// Look-up attempts allowed per client address, and per reservation number, per window.
const LOOKUPS_PER_CLIENT: i32 = 20;
const LOOKUPS_PER_NUMBER: i32 = 5;
const LOOKUP_WINDOW_MINUTES: i64 = 15;

/// A citizen opens a reservation with its number and the phone number or email given at
/// booking (R7.4-ク). Every failure gives the same answer, so a wrong guess never tells
/// whether the number exists; attempts are limited per client and per number.
pub async fn lookup(
    db: &impl ConnectionTrait,
    client: &str,
    request: &LookupRequest,
    now: DateTime<Utc>,
) -> Result<reservation::Model, ServiceError> {
    let window = Duration::minutes(LOOKUP_WINDOW_MINUTES);
    super::limits::rate_limit(
        db,
        &format!("lookup:client:{client}"),
        LOOKUPS_PER_CLIENT,
        window,
        now,
    )
    .await?;
    let not_found = || {
        ServiceError::NotFound(
            "A reservation with this number and phone number or email".to_owned(),
        )
    };
    let number = reservation_number::normalize(&request.number).ok_or_else(not_found)?;
    super::limits::rate_limit(
        db,
        &format!("lookup:number:{number}"),
        LOOKUPS_PER_NUMBER,
        window,
        now,
    )
    .await?;
    let row = reservation::Entity::find()
        .filter(reservation::Column::Number.eq(number))
        .one(db)
        .await?
        .ok_or_else(not_found)?;
    let factor = request.phone_or_email.trim();
    let phone_matches = normalize_phone(factor)
        .is_some_and(|phone| row.phone_digits.as_deref() == Some(phone.as_str()));
    let email_matches =
        normalize_email(factor).is_some_and(|email| row.email.as_deref() == Some(email.as_str()));
    if phone_matches || email_matches {
        Ok(row)
    } else {
        Err(not_found())
    }
}

/// A LIKE pattern matching values that contain `text` as typed: `%`, `_` and the escape
/// character itself match only themselves.
fn containing(text: &str) -> LikeExpr {
    let escaped = text
        .replace('\\', "\\\\")
        .replace('%', "\\%")
        .replace('_', "\\_");
    LikeExpr::new(format!("%{escaped}%")).escape('\\')
}

/// What staff search and list by (R7.4-イ, R5.2). Every given filter must match.
#[derive(Clone, Debug, Default)]
pub struct Search {
    /// Reservation number, as typed.
    pub number: Option<String>,
    /// Part of the applicant's name.
    pub name: Option<String>,
    /// Part of the applicant's name in kana.
    pub kana: Option<String>,
    /// Phone number, as typed.
    pub phone: Option<String>,
    /// Location.
    pub location_id: Option<i64>,
    /// First day.
    pub from: Option<NaiveDate>,
    /// Last day.
    pub to: Option<NaiveDate>,
    /// Band start, `HH:MM`.
    pub start: Option<chrono::NaiveTime>,
    /// Status.
    pub status: Option<ReservationStatus>,
    /// Channel.
    pub channel: Option<Channel>,
    /// A member's procedure.
    pub procedure_id: Option<i64>,
    /// Most rows.
    pub limit: u64,
}

/// Finds reservations, ordered by day and time.
pub async fn search(
    db: &impl ConnectionTrait,
    search: &Search,
) -> Result<Vec<Reservation>, ServiceError> {
    let mut query = reservation::Entity::find()
        .join(
            sea_orm::JoinType::InnerJoin,
            reservation::Relation::Slot.def(),
        )
        .order_by_asc(slot::Column::Date)
        .order_by_asc(slot::Column::StartTime)
        .order_by_asc(reservation::Column::Id)
        .limit(search.limit.clamp(1, 1000));
    if let Some(number) = &search.number {
        let number = reservation_number::normalize(number).unwrap_or_else(|| number.to_uppercase());
        query = query.filter(reservation::Column::Number.eq(number));
    }
    if let Some(name) = search
        .name
        .as_deref()
        .map(str::trim)
        .filter(|name| !name.is_empty())
    {
        query = query.filter(Expr::col(reservation::Column::Name).like(containing(name)));
    }
    if let Some(kana) = search
        .kana
        .as_deref()
        .map(str::trim)
        .filter(|kana| !kana.is_empty())
    {
        query = query.filter(Expr::col(reservation::Column::NameKana).like(containing(kana)));
    }
    if let Some(phone) = &search.phone {
        let digits: String = phone.chars().filter(char::is_ascii_digit).collect();
        query = query
            .filter(reservation::Column::PhoneDigits.eq(normalize_phone(phone).unwrap_or(digits)));
    }
    if let Some(location_id) = search.location_id {
        query = query.filter(reservation::Column::LocationId.eq(location_id));
    }
    if let Some(from) = search.from {
        query = query.filter(slot::Column::Date.gte(from));
    }
    if let Some(to) = search.to {
        query = query.filter(slot::Column::Date.lte(to));
    }
    if let Some(start) = search.start {
        query = query.filter(slot::Column::StartTime.eq(start));
    }
    if let Some(status) = search.status {
        query = query.filter(reservation::Column::Status.eq(status.as_str()));
    }
    if let Some(channel) = search.channel {
        query = query.filter(reservation::Column::Channel.eq(channel.as_str()));
    }
    if let Some(procedure_id) = search.procedure_id {
        let with_procedure = reservation_member::Entity::find()
            .select_only()
            .column(reservation_member::Column::ReservationId)
            .filter(reservation_member::Column::ProcedureId.eq(procedure_id))
            .filter(reservation_member::Column::RemovedAt.is_null())
            .into_query();
        query = query.filter(reservation::Column::Id.in_subquery(with_procedure));
    }
    to_dtos(db, query.all(db).await?).await
}

/// Filters for the history viewer.
#[derive(Clone, Debug, Default)]
pub struct HistoryFilter {
    /// One reservation.
    pub reservation_id: Option<i64>,
    /// From this instant.
    pub from: Option<DateTime<Utc>>,
    /// Until this instant.
    pub to: Option<DateTime<Utc>>,
    /// Only this kind of actor.
    pub actor_kind: Option<ActorKind>,
    /// Most rows.
    pub limit: u64,
}

/// History entries, newest first.
pub async fn history(
    db: &impl ConnectionTrait,
    filter: &HistoryFilter,
) -> Result<Vec<HistoryEntry>, ServiceError> {
    let mut query = reservation_history::Entity::find()
        .order_by_desc(reservation_history::Column::At)
        .order_by_desc(reservation_history::Column::Id)
        .limit(filter.limit.clamp(1, 1000));
    if let Some(id) = filter.reservation_id {
        query = query.filter(reservation_history::Column::ReservationId.eq(id));
    }
    if let Some(from) = filter.from {
        query = query.filter(reservation_history::Column::At.gte(from));
    }
    if let Some(to) = filter.to {
        query = query.filter(reservation_history::Column::At.lte(to));
    }
    if let Some(kind) = filter.actor_kind {
        query = query.filter(reservation_history::Column::ActorKind.eq(kind.as_str()));
    }
    let rows = query.all(db).await?;
    let reservation_ids: Vec<i64> = rows.iter().map(|row| row.reservation_id).collect();
    let numbers: HashMap<i64, String> = reservation::Entity::find()
        .filter(reservation::Column::Id.is_in(reservation_ids))
        .all(db)
        .await?
        .into_iter()
        .map(|row| (row.id, row.number))
        .collect();
    let staff_ids: Vec<i64> = rows.iter().filter_map(|row| row.actor_staff_id).collect();
    let staff_names = StaffQuery::display_names(db, staff_ids).await?;
    let parse = |json: Option<String>| json.and_then(|json| serde_json::from_str(&json).ok());
    rows.into_iter()
        .map(|row| -> Result<HistoryEntry, ServiceError> {
            Ok(HistoryEntry {
                id: row.id,
                reservation_number: numbers
                    .get(&row.reservation_id)
                    .cloned()
                    .unwrap_or_default(),
                action: row.action,
                actor_kind: stored("history.actor_kind", &row.actor_kind, ActorKind::parse)?,
                actor_name: row
                    .actor_staff_id
                    .and_then(|id| staff_names.get(&id).cloned()),
                channel: stored("history.channel", &row.channel, Channel::parse)?,
                at: row.at,
                before: parse(row.before_json),
                after: parse(row.after_json),
            })
        })
        .collect()
}

/// Opens one reservation's personal data, recording a member of staff's look in the audit
/// trail.
pub async fn open(
    db: &impl ConnectionTrait,
    actor: crate::service::actor::Actor,
    number: &str,
    now: DateTime<Utc>,
) -> Result<Reservation, ServiceError> {
    let row = find_by_number(db, number).await?;
    let target = row.number.clone();
    let reservation = to_dto(db, row).await?;
    audit::Read {
        actor,
        action: AuditAction::ReservationOpen,
        target: Some(target),
        filter: serde_json::Value::Null,
    }
    .record(db, 1, now)
    .await?;
    Ok(reservation)
}

/// [`search`], recorded in the audit trail as `read` says (a search, an export, a day
/// sheet).
pub async fn search_recorded(
    db: &impl ConnectionTrait,
    search: &Search,
    read: audit::Read,
    now: DateTime<Utc>,
) -> Result<Vec<Reservation>, ServiceError> {
    let found = self::search(db, search).await?;
    read.record(db, found.len(), now).await?;
    Ok(found)
}

/// [`history`], recorded in the audit trail.
pub async fn history_recorded(
    db: &impl ConnectionTrait,
    filter: &HistoryFilter,
    read: audit::Read,
    now: DateTime<Utc>,
) -> Result<Vec<HistoryEntry>, ServiceError> {
    let entries = history(db, filter).await?;
    read.record(db, entries.len(), now).await?;
    Ok(entries)
}

/// Bulk export is a permission: the roles in `MADOGUCHI_EXPORT_ROLES`.
pub fn ensure_may_export(
    role: madoguchi_shared::dto::staff::StaffRole,
    export_roles: &[madoguchi_shared::dto::staff::StaffRole],
) -> Result<(), ServiceError> {
    if export_roles.contains(&role) {
        Ok(())
    } else {
        Err(AccessError::Forbidden.into())
    }
}
