//! Booking a party into one band: validated against the catalog and the window, counted
//! against the per-contact and per-client limits, written in one transaction, idempotent.

use chrono::{DateTime, NaiveDate, Utc};
use madoguchi_shared::dto::reservation::{
    ActorKind, CreateReservationRequest, PartyMember, Reservation, ReservationStatus,
};
use madoguchi_shared::error::FieldErrorCode;
use madoguchi_shared::reservation_number;
use madoguchi_shared::time::japan;
use madoguchi_shared::validate::Violations;
use rand::RngCore;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseBackend, DatabaseTransaction,
    EntityTrait, JoinType, QueryFilter, QuerySelect, RelationTrait, Set, Statement,
};
use sha2::{Digest, Sha256};

use super::desk::{BookingDesk, Requester};
use super::history::{Author, Snapshot, SnapshotMember, write_history};
use super::rules::{Contact, check_actor_window, now_in_japan, validate_party};
use crate::db::transaction::in_transaction;
use crate::db::{reservation, reservation_member, slot};
use crate::mail::templates::MailKind;
use crate::service::availability::phone_quota_released;
use crate::service::booking::error::BookingError;
use crate::service::error::ServiceError;
use crate::service::ledger::{self, Seats, band_slot};
use crate::service::limits;
use crate::service::reservations;

fn fingerprint(request: &CreateReservationRequest) -> String {
    let canonical = serde_json::to_vec(request).unwrap_or_default();
    Sha256::digest(canonical)
        .iter()
        .map(|byte| format!("{byte:02x}"))
        .collect()
}

fn new_number() -> Result<String, ServiceError> {
    let mut bytes = [0u8; 32];
    rand::rng().fill_bytes(&mut bytes);
    reservation_number::from_random_bytes(bytes).ok_or_else(|| {
        ServiceError::Internal(anyhow::anyhow!("not enough random bytes for a number"))
    })
}

/// Numbers of the active (booked, upcoming) reservations of a phone number, an email, or
/// a card notice number.
async fn active_reservations_of(
    db: &impl ConnectionTrait,
    keys: &Contact,
    today: NaiveDate,
) -> Result<Vec<String>, ServiceError> {
    let mut contact = sea_orm::Condition::any();
    if let Some(phone) = &keys.phone_digits {
        contact = contact.add(reservation::Column::PhoneDigits.eq(phone.as_str()));
    }
    if let Some(email) = &keys.email {
        contact = contact.add(reservation::Column::Email.eq(email.as_str()));
    }
    if let Some(notice_number) = &keys.notice_number {
        contact = contact.add(reservation::Column::NoticeNumber.eq(notice_number.as_str()));
    }
    if contact.is_empty() {
        return Ok(Vec::new());
    }
    Ok(reservation::Entity::find()
        .join(JoinType::InnerJoin, reservation::Relation::Slot.def())
        .filter(contact)
        .filter(reservation::Column::Status.eq(ReservationStatus::Booked.as_str()))
        .filter(slot::Column::Date.gte(today))
        .select_only()
        .column(reservation::Column::Number)
        .into_tuple()
        .all(db)
        .await?)
}

/// Serialises the bookings that count against the same contact keys, so that the
/// per-contact limit holds under concurrency: PostgreSQL takes a transaction-scoped advisory
/// lock per key, in a fixed order; SQLite's writing transaction already admits one writer.
async fn lock_contact_keys(txn: &DatabaseTransaction, keys: &Contact) -> Result<(), ServiceError> {
    if txn.get_database_backend() != DatabaseBackend::Postgres {
        return Ok(());
    }
    let mut locks: Vec<i64> = [
        keys.phone_digits.as_deref().map(|key| ("phone", key)),
        keys.email.as_deref().map(|key| ("email", key)),
        keys.notice_number.as_deref().map(|key| ("notice", key)),
    ]
    .into_iter()
    .flatten()
    .map(|(kind, key)| {
        let digest = Sha256::digest(format!("contact:{kind}:{key}"));
        let mut first = [0u8; 8];
        first.copy_from_slice(&digest[..8]);
        i64::from_be_bytes(first)
    })
    .collect();
    locks.sort_unstable();
    for key in locks {
        txn.execute_raw(Statement::from_sql_and_values(
            DatabaseBackend::Postgres,
            "SELECT pg_advisory_xact_lock($1)",
            [key.into()],
        ))
        .await?;
    }
    Ok(())
}

/// Result of a create: the reservation, and whether it was an idempotent replay.
#[derive(Debug)]
pub struct Created {
    /// The reservation.
    pub reservation: Reservation,
    /// True when the same `Idempotency-Key` had already created it.
    pub replayed: bool,
}

/// Books a party into one band, atomically (R7.4-オ, カ, キ, ケ, R5.3).
pub async fn create(
    desk: BookingDesk<'_>,
    requester: Requester<'_>,
    request: CreateReservationRequest,
    idempotency_key: Option<String>,
    now: DateTime<Utc>,
) -> Result<Created, ServiceError> {
    let BookingDesk {
        db,
        cache,
        notifier,
        limits,
    } = desk;
    let actor = requester.actor;
    let fingerprint = fingerprint(&request);
    if let Some(key) = &idempotency_key {
        if key.is_empty() || key.len() > 128 {
            return Err(ServiceError::invalid_field(
                "Idempotency-Key",
                FieldErrorCode::InvalidFormat,
                "1 to 128 characters",
            ));
        }
        if let Some(existing) = find_by_idempotency_key(db, key).await? {
            return replay(db, existing, &fingerprint).await;
        }
    }

    let catalog = cache.catalog(db).await?;
    let location = catalog
        .locations
        .iter()
        .find(|location| location.id == request.location_id)
        .ok_or_else(|| ServiceError::NotFound("The location".to_owned()))?;
    let settings = cache.get(db, request.location_id).await?;
    let window = settings.window.clone();
    let mut violations = Violations::default();
    if !location.active {
        violations.add(
            "location_id",
            FieldErrorCode::Inactive,
            "the location takes no bookings",
        );
    }
    let party = validate_party(
        &catalog.procedures,
        &request.members,
        &window,
        &mut violations,
    );
    let fields = &catalog.fields;
    let today = now.with_timezone(&japan()).date_naive();
    if let Err(errors) =
        madoguchi_shared::validate::contact::validate(fields, &request.contact, today)
    {
        for error in errors {
            violations.add(&error.field, error.code, error.message);
        }
    }
    violations.into_result().map_err(ServiceError::Validation)?;

    // The cached settings answer "is this band offered?" quickly; the seats themselves come
    // from the slot row, or from freshly read settings when the slot is created.
    let band = settings
        .plan
        .band_at(request.date, request.start)
        .cloned()
        .ok_or(BookingError::SlotNotOffered)?;
    let start = request.date.and_time(band.start);
    check_actor_window(actor, start, &window, now)?;

    if actor.kind() == ActorKind::Citizen {
        limits::count_booking(db, requester.client, limits.per_client, now).await?;
    }
    let contact = Contact::from_fields(fields, &request.contact);
    let released = phone_quota_released(now_in_japan(now), start, &window);
    let channel = actor.channel();
    let result = in_transaction(db, async |txn| {
        // The per-contact limit counts inside the transaction, with the contact's keys
        // locked: two bookings for one phone number cannot both see "none yet".
        if limits.max_active_per_contact > 0 {
            lock_contact_keys(txn, &contact).await?;
            let existing = active_reservations_of(txn, &contact, today).await?;
            if existing.len() >= limits.max_active_per_contact as usize {
                // A citizen typing someone else's phone number must not learn their numbers.
                let shown = if actor.kind() == ActorKind::Citizen {
                    Vec::new()
                } else {
                    existing
                };
                return Err(BookingError::TooManyActiveReservations(shown).into());
            }
        }
        let slot = band_slot(txn, request.location_id, request.date, &band).await?;
        if let Some(hold_id) = &request.hold_id {
            // The hold's seats are given back and taken again for the party in this same
            // transaction, which holds the slot's row lock: nobody can take them between.
            ledger::release_hold(txn, hold_id, Some(&slot)).await?;
        }
        let seats = Seats {
            units: party.seats,
            channel,
            released,
        };
        ledger::book(txn, &slot, seats, now).await?;
        let slot = slot.model();
        let created = reservation::ActiveModel {
            number: Set(new_number()?),
            location_id: Set(request.location_id),
            slot_id: Set(slot.id),
            status: Set(ReservationStatus::Booked.as_str().to_owned()),
            channel: Set(channel.as_str().to_owned()),
            language: Set(request.language.as_str().to_owned()),
            units: Set(party.seats),
            contact_json: Set(serde_json::to_string(&contact.values)
                .map_err(|error| ServiceError::Internal(error.into()))?),
            name: Set(contact.name.clone()),
            name_kana: Set(contact.name_kana.clone()),
            phone_digits: Set(contact.phone_digits.clone()),
            email: Set(contact.email.clone()),
            notice_number: Set(contact.notice_number.clone()),
            idempotency_key: Set(idempotency_key.clone()),
            request_fingerprint: Set(idempotency_key.as_ref().map(|_| fingerprint.clone())),
            created_at: Set(now),
            updated_at: Set(now),
            revision: Set(0),
            ..Default::default()
        }
        .insert(txn)
        .await?;
        let mut members = Vec::with_capacity(party.members.len());
        for (position, (member, units)) in party.members.iter().enumerate() {
            let row = reservation_member::ActiveModel {
                reservation_id: Set(created.id),
                procedure_id: Set(member.procedure_id),
                name: Set(member.name.clone()),
                units: Set(*units),
                position: Set(i32::try_from(position).unwrap_or(0)),
                removed_at: Set(None),
                ..Default::default()
            }
            .insert(txn)
            .await?;
            members.push(row);
        }
        let after = Snapshot {
            status: created.status.clone(),
            location_id: created.location_id,
            date: request.date,
            start: band.start.format("%H:%M").to_string(),
            members: party
                .members
                .iter()
                .map(|(member, _)| SnapshotMember {
                    name: member.name.clone(),
                    procedure_id: member.procedure_id,
                })
                .collect(),
        };
        let after =
            serde_json::to_string(&after).map_err(|error| ServiceError::Internal(error.into()))?;
        write_history(
            txn,
            created.id,
            "create",
            Author { actor, at: now },
            None,
            Some(after),
        )
        .await?;
        let reservation = Reservation {
            number: created.number.clone(),
            status: ReservationStatus::Booked,
            channel,
            language: request.language,
            location_id: location.id,
            location_name_ja: location.name_ja.clone(),
            location_name_en: location.name_en.clone(),
            date: slot.date,
            start: slot.start_time,
            end: slot.end_time,
            members: members
                .into_iter()
                .filter_map(|member| {
                    let procedure = catalog
                        .procedures
                        .iter()
                        .find(|p| p.id == member.procedure_id)?;
                    Some(PartyMember {
                        id: member.id,
                        name: member.name,
                        procedure: reservations::guide_of(procedure),
                    })
                })
                .collect(),
            contact: contact.values.clone(),
            created_at: created.created_at,
            updated_at: created.updated_at,
        };
        notifier
            .enqueue(txn, MailKind::Booked, &created, &reservation, None)
            .await?;
        Ok(reservation)
    })
    .await;

    match result {
        Ok(reservation) => {
            tracing::info!(
                number = %reservation.number,
                channel = channel.as_str(),
                seats = party.seats,
                "reservation created"
            );
            Ok(Created {
                reservation,
                replayed: false,
            })
        }
        // A concurrent retry with the same key may have won the race (this attempt then
        // fails on the seats or the key): answer with its reservation.
        Err(error) => match &idempotency_key {
            Some(key) => match find_by_idempotency_key(db, key).await? {
                Some(existing) => replay(db, existing, &fingerprint).await,
                None => Err(error),
            },
            None => Err(error),
        },
    }
}

async fn find_by_idempotency_key(
    db: &impl ConnectionTrait,
    key: &str,
) -> Result<Option<reservation::Model>, ServiceError> {
    Ok(reservation::Entity::find()
        .filter(reservation::Column::IdempotencyKey.eq(key))
        .one(db)
        .await?)
}

async fn replay(
    db: &impl ConnectionTrait,
    existing: reservation::Model,
    fingerprint: &str,
) -> Result<Created, ServiceError> {
    if existing.request_fingerprint.as_deref() != Some(fingerprint) {
        return Err(BookingError::IdempotencyKeyReused.into());
    }
    Ok(Created {
        reservation: reservations::to_dto(db, existing).await?,
        replayed: true,
    })
}
