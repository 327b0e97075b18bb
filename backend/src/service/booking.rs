//! Booking, changing, cancelling, adding and removing party members, and seat holds.
//!
//! Every mutation is one transaction that (1) locks the reservation it changes (or, for a
//! new booking, the contact keys it counts against), (2) moves seats only through the seat
//! ledger (`service::ledger`), which derives the band from the locked row, (3) checks the
//! booking window and the "at most N" rules against what it locked, and (4) writes its
//! history row before committing (DESIGN.md invariants 1, 2 and 4). Transient failures
//! (serialization, deadlock, a busy SQLite) run the transaction again a bounded number of
//! times.

use std::collections::BTreeMap;

use chrono::{DateTime, Duration, NaiveDate, Utc};
use madoguchi_shared::dto::reservation::{
    ActorKind, ChangeSlotRequest, CreateReservationRequest, HoldRequest, Language, PartyMember,
    PartyMemberInput, Reservation, ReservationStatus,
};
use madoguchi_shared::dto::schedule::{BookingWindow, TimeBand};
use madoguchi_shared::reservation_number;
use madoguchi_shared::schedule::{OutsideWindow, check_window};
use madoguchi_shared::time::japan;
use madoguchi_shared::validate::Violations;
use madoguchi_shared::validate::contact::{
    NOTICE_NUMBER_FIELD, normalize_email, normalize_notice_number, normalize_phone,
};
use rand::RngCore;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseBackend, DatabaseConnection,
    DatabaseTransaction, EntityTrait, JoinType, QueryFilter, QuerySelect, RelationTrait, Set,
    Statement,
};
use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::config::ClientLimits;
use crate::db::transaction::{begin_writing, in_transaction};
use crate::db::{procedure, reservation, reservation_history, reservation_member, slot};
use crate::error::AppError;
use crate::mail::Notifier;
use crate::mail::templates::MailKind;
use crate::service::actor::Actor;
use crate::service::availability::phone_quota_released;
use crate::service::ledger::{self, BandSlot, LockedReservation, Seats};
use crate::service::limits;
use crate::service::location_plan::{booking_window, ensure_location, load_plan};
use crate::service::reservations;
use crate::service::settings_cache::SettingsCache;

/// Limits the city sets on booking, beyond the per-location window.
#[derive(Clone, Copy, Debug)]
pub struct BookingLimits {
    /// Most active reservations one phone number or email may hold (0: no limit).
    pub max_active_per_contact: u32,
    /// What one client may hold and book without an account.
    pub per_client: ClientLimits,
}

/// Who asks: the actor, and for a citizen the key of the client they come from.
#[derive(Clone, Copy, Debug)]
pub struct Requester<'a> {
    /// The citizen, or the member of staff.
    pub actor: Actor,
    /// The client's key (`crate::client::client_key`), for the per-client limits.
    pub client: &'a str,
}

fn now_in_japan(now: DateTime<Utc>) -> chrono::NaiveDateTime {
    now.with_timezone(&japan()).naive_local()
}

fn to_i32(value: u32) -> i32 {
    i32::try_from(value).unwrap_or(i32::MAX)
}

fn window_error(reason: OutsideWindow) -> AppError {
    AppError::OutsideBookingWindow(match reason {
        OutsideWindow::Past => "That time band has already started.",
        OutsideWindow::NotYetOpen => "Booking for that day has not opened yet.",
        OutsideWindow::Closed => "Booking for that day has closed; please call the call center.",
    })
}

/// Checks that `actor` may book or change a band starting at `start` now.
fn check_actor_window(
    actor: Actor,
    start: chrono::NaiveDateTime,
    window: &BookingWindow,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let now = now_in_japan(now);
    if actor.bound_by_window() {
        check_window(now, start, window).map_err(window_error)
    } else if start <= now {
        Err(window_error(OutsideWindow::Past))
    } else {
        Ok(())
    }
}

/// The state of a reservation that history records before and after a change.
#[derive(Debug, Serialize)]
pub struct Snapshot {
    status: String,
    location_id: i64,
    date: NaiveDate,
    start: String,
    members: Vec<SnapshotMember>,
}

#[derive(Debug, Serialize)]
struct SnapshotMember {
    name: String,
    procedure_id: i64,
}

async fn snapshot(
    txn: &impl ConnectionTrait,
    reservation: &reservation::Model,
) -> Result<String, AppError> {
    let slot = slot::Entity::find_by_id(reservation.slot_id)
        .one(txn)
        .await?
        .ok_or_else(|| {
            AppError::Internal(anyhow::anyhow!(
                "reservation {} has no slot",
                reservation.id
            ))
        })?;
    let members = reservation_member::Entity::find()
        .filter(reservation_member::Column::ReservationId.eq(reservation.id))
        .filter(reservation_member::Column::RemovedAt.is_null())
        .all(txn)
        .await?;
    let snapshot = Snapshot {
        status: reservation.status.clone(),
        location_id: reservation.location_id,
        date: slot.date,
        start: slot.start_time.format("%H:%M").to_string(),
        members: members
            .into_iter()
            .map(|member| SnapshotMember {
                name: member.name,
                procedure_id: member.procedure_id,
            })
            .collect(),
    };
    serde_json::to_string(&snapshot).map_err(|error| AppError::Internal(error.into()))
}

/// Who makes a change, and when: what every history row records.
#[derive(Clone, Copy, Debug)]
struct Author {
    actor: Actor,
    at: DateTime<Utc>,
}

async fn write_history(
    txn: &impl ConnectionTrait,
    reservation_id: i64,
    action: &str,
    by: Author,
    before: Option<String>,
    after: Option<String>,
) -> Result<(), AppError> {
    reservation_history::ActiveModel {
        reservation_id: Set(reservation_id),
        action: Set(action.to_owned()),
        actor_kind: Set(by.actor.kind().as_str().to_owned()),
        actor_staff_id: Set(by.actor.staff_id()),
        channel: Set(by.actor.channel().as_str().to_owned()),
        at: Set(by.at),
        before_json: Set(before),
        after_json: Set(after),
        ..Default::default()
    }
    .insert(txn)
    .await?;
    Ok(())
}

/// Validated party: members with their seats.
struct Party {
    members: Vec<(PartyMemberInput, i32)>,
    seats: i32,
}

fn validate_party(
    procedures: &[procedure::Model],
    members: &[PartyMemberInput],
    window: &BookingWindow,
    violations: &mut Violations,
) -> Party {
    if members.is_empty() || members.len() > window.max_party_size as usize {
        violations.add(
            "members",
            "out_of_range",
            format!("a party has 1 to {} people", window.max_party_size),
        );
    }
    let mut party = Party {
        members: Vec::new(),
        seats: 0,
    };
    for (index, member) in members.iter().enumerate() {
        let name = member.name.trim();
        if name.is_empty() {
            violations.add(
                &format!("members[{index}].name"),
                "required",
                "must not be empty",
            );
        } else if name.chars().count() > 100 {
            violations.add(
                &format!("members[{index}].name"),
                "too_long",
                "at most 100 characters",
            );
        } else {
            violations.text(&format!("members[{index}].name"), name, false);
        }
        match procedures
            .iter()
            .find(|procedure| procedure.id == member.procedure_id && procedure.active)
        {
            Some(procedure) => {
                party.seats += procedure.units_per_person;
                party.members.push((
                    PartyMemberInput {
                        name: name.to_owned(),
                        procedure_id: member.procedure_id,
                    },
                    procedure.units_per_person,
                ));
            }
            None => violations.add(
                &format!("members[{index}].procedure_id"),
                "unknown",
                "no such bookable procedure",
            ),
        }
    }
    party
}

fn fingerprint(request: &CreateReservationRequest) -> String {
    let canonical = serde_json::to_vec(request).unwrap_or_default();
    Sha256::digest(canonical)
        .iter()
        .map(|byte| format!("{byte:02x}"))
        .collect()
}

fn new_number() -> Result<String, AppError> {
    let mut bytes = [0u8; 32];
    rand::rng().fill_bytes(&mut bytes);
    reservation_number::from_random_bytes(bytes)
        .ok_or_else(|| AppError::Internal(anyhow::anyhow!("not enough random bytes for a number")))
}

/// Numbers of the active (booked, upcoming) reservations of a phone number, an email, or
/// a card notice number.
async fn active_reservations_of(
    db: &impl ConnectionTrait,
    keys: &Contact,
    today: NaiveDate,
) -> Result<Vec<String>, AppError> {
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
async fn lock_contact_keys(txn: &DatabaseTransaction, keys: &Contact) -> Result<(), AppError> {
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
#[expect(
    clippy::too_many_arguments,
    reason = "the shared state a booking touches, then the request"
)]
pub async fn create(
    db: &DatabaseConnection,
    cache: &SettingsCache,
    notifier: &Notifier,
    requester: Requester<'_>,
    request: CreateReservationRequest,
    idempotency_key: Option<String>,
    limits: BookingLimits,
    now: DateTime<Utc>,
) -> Result<Created, AppError> {
    let actor = requester.actor;
    let fingerprint = fingerprint(&request);
    if let Some(key) = &idempotency_key {
        if key.is_empty() || key.len() > 128 {
            return Err(AppError::invalid_field(
                "Idempotency-Key",
                "invalid_format",
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
        .ok_or_else(|| AppError::NotFound("The location".to_owned()))?;
    let settings = cache.get(db, request.location_id).await?;
    let window = settings.window.clone();
    let mut violations = Violations::default();
    if !location.active {
        violations.add("location_id", "inactive", "the location takes no bookings");
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
            violations.add(&error.field, &error.code, error.message);
        }
    }
    violations.into_result().map_err(AppError::Validation)?;

    // The cached settings answer "is this band offered?" quickly; the seats themselves come
    // from the slot row, or from freshly read settings when the slot is created.
    let band = settings
        .plan
        .band_at(request.date, request.start)
        .cloned()
        .ok_or(AppError::SlotNotOffered)?;
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
                return Err(AppError::TooManyActiveReservations(shown));
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
            language: Set(language_name(request.language).to_owned()),
            units: Set(party.seats),
            contact_json: Set(serde_json::to_string(&contact.values)
                .map_err(|error| AppError::Internal(error.into()))?),
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
            serde_json::to_string(&after).map_err(|error| AppError::Internal(error.into()))?;
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
) -> Result<Option<reservation::Model>, AppError> {
    Ok(reservation::Entity::find()
        .filter(reservation::Column::IdempotencyKey.eq(key))
        .one(db)
        .await?)
}

async fn replay(
    db: &impl ConnectionTrait,
    existing: reservation::Model,
    fingerprint: &str,
) -> Result<Created, AppError> {
    if existing.request_fingerprint.as_deref() != Some(fingerprint) {
        return Err(AppError::IdempotencyKeyReused);
    }
    Ok(Created {
        reservation: reservations::to_dto(db, existing).await?,
        replayed: true,
    })
}

fn language_name(language: Language) -> &'static str {
    match language {
        Language::Ja => "ja",
        Language::En => "en",
    }
}

/// The contact fields as stored, with normalised search keys.
struct Contact {
    values: BTreeMap<String, String>,
    name: Option<String>,
    name_kana: Option<String>,
    phone_digits: Option<String>,
    email: Option<String>,
    notice_number: Option<String>,
}

impl Contact {
    fn from_fields(
        fields: &[madoguchi_shared::dto::form::FormField],
        input: &BTreeMap<String, String>,
    ) -> Self {
        use madoguchi_shared::dto::form::FieldKind;
        let values: BTreeMap<String, String> = input
            .iter()
            .map(|(key, value)| (key.clone(), value.trim().to_owned()))
            .filter(|(_, value)| !value.is_empty())
            .collect();
        let first_of_kind = |kind: FieldKind| {
            fields
                .iter()
                .filter(|field| field.kind == kind)
                .find_map(|field| values.get(&field.key).cloned())
        };
        Self {
            name: values.get("name").cloned(),
            name_kana: values
                .get("name_kana")
                .cloned()
                .or_else(|| first_of_kind(FieldKind::Katakana)),
            phone_digits: first_of_kind(FieldKind::Phone).and_then(|phone| normalize_phone(&phone)),
            email: first_of_kind(FieldKind::Email).and_then(|email| normalize_email(&email)),
            notice_number: fields
                .iter()
                .any(|field| field.key == NOTICE_NUMBER_FIELD && field.required)
                .then(|| values.get(NOTICE_NUMBER_FIELD))
                .flatten()
                .and_then(|number| normalize_notice_number(number)),
            values,
        }
    }
}

/// Records a change: its history row, and its mail when the reservation has an address.
async fn record_change(
    txn: &impl ConnectionTrait,
    notifier: &Notifier,
    row: &reservation::Model,
    action: &str,
    mail: MailKind,
    by: Author,
    before: String,
) -> Result<(), AppError> {
    let after = snapshot(txn, row).await?;
    write_history(txn, row.id, action, by, Some(before), Some(after)).await?;
    let reservation = reservations::to_dto(txn, row.clone()).await?;
    notifier.enqueue(txn, mail, row, &reservation, None).await
}

/// The slot of `band` on `date`: the existing row, or one made from the settings as this
/// transaction reads them (the caller's `band` may come from a cache a moment old).
async fn band_slot(
    txn: &DatabaseTransaction,
    location_id: i64,
    date: NaiveDate,
    band: &TimeBand,
) -> Result<BandSlot, AppError> {
    if let Some(slot) = ledger::existing_slot(txn, location_id, date, band.start).await? {
        return Ok(slot);
    }
    let plan = load_plan(txn, location_id, date, date).await?;
    let fresh = plan
        .band_at(date, band.start)
        .ok_or(AppError::SlotNotOffered)?;
    ledger::slot_for_band(txn, location_id, date, fresh).await
}

/// The start of the band a locked reservation is in now.
fn start_of(locked: &LockedReservation) -> chrono::NaiveDateTime {
    locked.slot().date.and_time(locked.slot().start_time)
}

/// Moves a reservation to another band atomically: it ends up in exactly one of the two
/// (invariant 4). Citizens may do so within the booking window (R7.4-ク), for the band it
/// leaves and the band it goes to, both as they are when the reservation is locked.
pub async fn change_slot(
    db: &DatabaseConnection,
    notifier: &Notifier,
    actor: Actor,
    reservation_id: i64,
    request: ChangeSlotRequest,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let location_id = reservations::find_model(db, reservation_id)
        .await?
        .location_id;
    let window = booking_window(db, location_id).await?;
    let plan = load_plan(db, location_id, request.date, request.date).await?;
    let band = plan
        .band_at(request.date, request.start)
        .cloned()
        .ok_or(AppError::SlotNotOffered)?;
    let start = request.date.and_time(band.start);
    check_actor_window(actor, start, &window, now)?;
    let released = phone_quota_released(now_in_japan(now), start, &window);

    in_transaction(db, async |txn| {
        let locked = ledger::lock_booked(txn, reservation_id, now).await?;
        if locked.row().location_id != location_id {
            return Err(AppError::Conflict(
                "The reservation was changed meanwhile; reload it.".to_owned(),
            ));
        }
        check_actor_window(actor, start_of(&locked), &window, now)?;
        if (request.date, band.start) == (locked.slot().date, locked.slot().start_time) {
            return Err(AppError::invalid_field(
                "start",
                "unchanged",
                "is the reservation's current band",
            ));
        }
        let before = snapshot(txn, locked.row()).await?;
        let new_slot = band_slot(txn, location_id, request.date, &band).await?;
        ledger::move_to(txn, &locked, &new_slot, released, now).await?;
        let moved = reservation::ActiveModel {
            id: Set(locked.row().id),
            slot_id: Set(new_slot.model().id),
            updated_at: Set(now),
            ..Default::default()
        }
        .update(txn)
        .await?;
        record_change(
            txn,
            notifier,
            &moved,
            "change",
            MailKind::Changed,
            Author { actor, at: now },
            before,
        )
        .await
    })
    .await?;
    tracing::info!(reservation_id, "reservation moved to another band");
    Ok(())
}
/// Cancels a reservation and frees its seats in the band it is in now. Citizens may cancel
/// until the band starts.
pub async fn cancel(
    db: &DatabaseConnection,
    notifier: &Notifier,
    actor: Actor,
    reservation_id: i64,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    in_transaction(db, async |txn| {
        let locked = ledger::lock_booked(txn, reservation_id, now).await?;
        if start_of(&locked) <= now_in_japan(now) && actor.bound_by_window() {
            return Err(window_error(OutsideWindow::Past));
        }
        let before = snapshot(txn, locked.row()).await?;
        ledger::cancel(txn, &locked).await?;
        let cancelled = reservation::ActiveModel {
            id: Set(locked.row().id),
            status: Set(ReservationStatus::Cancelled.as_str().to_owned()),
            ..Default::default()
        }
        .update(txn)
        .await?;
        record_change(
            txn,
            notifier,
            &cancelled,
            "cancel",
            MailKind::Cancelled,
            Author { actor, at: now },
            before,
        )
        .await
    })
    .await?;
    tracing::info!(reservation_id, "reservation cancelled");
    Ok(())
}
/// Adds a family member to a reservation, in the band it is in now (R7.4-ク, カ). The party
/// size is counted with the reservation locked, so racing additions cannot pass the limit.
pub async fn add_member(
    db: &DatabaseConnection,
    notifier: &Notifier,
    actor: Actor,
    reservation_id: i64,
    member: PartyMemberInput,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let location_id = reservations::find_model(db, reservation_id)
        .await?
        .location_id;
    let window = booking_window(db, location_id).await?;
    let procedures = procedure::Entity::find().all(db).await?;
    let mut violations = Violations::default();
    let party = validate_party(
        &procedures,
        std::slice::from_ref(&member),
        &window,
        &mut violations,
    );
    violations.into_result().map_err(member_errors)?;
    in_transaction(db, async |txn| {
        let locked = ledger::lock_booked(txn, reservation_id, now).await?;
        let start = start_of(&locked);
        check_actor_window(actor, start, &window, now)?;
        let present = present_members(txn, locked.row().id).await?;
        if present.len() >= window.max_party_size as usize {
            return Err(AppError::invalid_field(
                "members",
                "out_of_range",
                format!("a party has at most {} people", window.max_party_size),
            ));
        }
        let before = snapshot(txn, locked.row()).await?;
        let released = phone_quota_released(now_in_japan(now), start, &window);
        ledger::add_units(txn, &locked, party.seats, released, now).await?;
        let (member, units) = &party.members[0];
        reservation_member::ActiveModel {
            reservation_id: Set(locked.row().id),
            procedure_id: Set(member.procedure_id),
            name: Set(member.name.clone()),
            units: Set(*units),
            position: Set(present
                .iter()
                .map(|member| member.position)
                .max()
                .unwrap_or(0)
                + 1),
            removed_at: Set(None),
            ..Default::default()
        }
        .insert(txn)
        .await?;
        let updated = reservation::ActiveModel {
            id: Set(locked.row().id),
            units: Set(locked.row().units + party.seats),
            ..Default::default()
        }
        .update(txn)
        .await?;
        record_change(
            txn,
            notifier,
            &updated,
            "member_add",
            MailKind::MemberAdded,
            Author { actor, at: now },
            before,
        )
        .await
    })
    .await
}

/// Field errors of one member, named as the add-member request names them.
fn member_errors(errors: Vec<madoguchi_shared::error::FieldError>) -> AppError {
    AppError::Validation(
        errors
            .into_iter()
            .map(|mut error| {
                error.field = error.field.replace("members[0].", "");
                error
            })
            .collect(),
    )
}

/// The members of a reservation who have not been removed.
async fn present_members(
    txn: &DatabaseTransaction,
    reservation_id: i64,
) -> Result<Vec<reservation_member::Model>, AppError> {
    Ok(reservation_member::Entity::find()
        .filter(reservation_member::Column::ReservationId.eq(reservation_id))
        .filter(reservation_member::Column::RemovedAt.is_null())
        .all(txn)
        .await?)
}
/// Removes a member from the party and frees their seats in the band the reservation is in
/// now; the last member cannot be removed (cancel the reservation instead).
pub async fn remove_member(
    db: &DatabaseConnection,
    notifier: &Notifier,
    actor: Actor,
    reservation_id: i64,
    member_id: i64,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let location_id = reservations::find_model(db, reservation_id)
        .await?
        .location_id;
    let window = booking_window(db, location_id).await?;
    in_transaction(db, async |txn| {
        let locked = ledger::lock_booked(txn, reservation_id, now).await?;
        check_actor_window(actor, start_of(&locked), &window, now)?;
        let before = snapshot(txn, locked.row()).await?;
        let members = present_members(txn, locked.row().id).await?;
        let member = members
            .iter()
            .find(|member| member.id == member_id)
            .ok_or_else(|| AppError::NotFound("The party member".to_owned()))?;
        if members.len() == 1 {
            return Err(AppError::invalid_field(
                "member_id",
                "last_member",
                "the party needs someone; cancel the reservation instead",
            ));
        }
        reservation_member::ActiveModel {
            id: Set(member.id),
            removed_at: Set(Some(now)),
            ..Default::default()
        }
        .update(txn)
        .await?;
        ledger::remove_units(txn, &locked, member.units).await?;
        let updated = reservation::ActiveModel {
            id: Set(locked.row().id),
            units: Set(locked.row().units - member.units),
            ..Default::default()
        }
        .update(txn)
        .await?;
        record_change(
            txn,
            notifier,
            &updated,
            "member_remove",
            MailKind::MemberRemoved,
            Author { actor, at: now },
            before,
        )
        .await
    })
    .await
}
/// Records at the counter that the party came, or did not. The seats stay counted: the
/// band happened with them.
pub async fn record_attendance(
    db: &DatabaseConnection,
    actor: Actor,
    reservation_id: i64,
    came: bool,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    in_transaction(db, async |txn| {
        let locked = ledger::lock_booked(txn, reservation_id, now).await?;
        let before = snapshot(txn, locked.row()).await?;
        let status = if came {
            ReservationStatus::Visited
        } else {
            ReservationStatus::NoShow
        };
        let updated = reservation::ActiveModel {
            id: Set(locked.row().id),
            status: Set(status.as_str().to_owned()),
            ..Default::default()
        }
        .update(txn)
        .await?;
        let after = snapshot(txn, &updated).await?;
        let action = if came { "visit" } else { "no_show" };
        write_history(
            txn,
            updated.id,
            action,
            Author { actor, at: now },
            Some(before),
            Some(after),
        )
        .await
    })
    .await
}
/// A seat hold as the API returns it.
#[derive(Clone, Debug)]
pub struct HeldSeats {
    /// Send this as `hold_id` when booking.
    pub id: String,
    /// When the seats go back.
    pub expires_at: DateTime<Utc>,
}

/// Holds seats in a band while the citizen fills in the form (仮押さえ): at most one party's,
/// and for a citizen within the per-client limits (a few bands at a time, so many an hour).
pub async fn hold_seats(
    db: &DatabaseConnection,
    requester: Requester<'_>,
    request: &HoldRequest,
    limits: ClientLimits,
    now: DateTime<Utc>,
) -> Result<HeldSeats, AppError> {
    let HoldRequest {
        location_id,
        date,
        start,
        seats,
    } = request.clone();
    ensure_location(db, location_id).await?;
    let window = booking_window(db, location_id).await?;
    if seats == 0 || seats > window.max_party_size {
        return Err(AppError::invalid_field(
            "seats",
            "out_of_range",
            format!("must be 1 to {}, one party", window.max_party_size),
        ));
    }
    let plan = load_plan(db, location_id, date, date).await?;
    let band = plan
        .band_at(date, start)
        .cloned()
        .ok_or(AppError::SlotNotOffered)?;
    let band_start = date.and_time(band.start);
    check_actor_window(requester.actor, band_start, &window, now)?;
    let citizen = requester.actor.kind() == ActorKind::Citizen;
    if citizen {
        limits::count_hold(db, requester.client, limits, now).await?;
    }
    let holder = citizen.then_some(requester.client);
    let seats = Seats {
        units: to_i32(seats),
        channel: requester.actor.channel(),
        released: phone_quota_released(now_in_japan(now), band_start, &window),
    };
    let expires_at = now + Duration::minutes(i64::from(window.hold_minutes));
    let held = in_transaction(db, async |txn| {
        if let Some(client) = holder {
            limits::ensure_room_for_a_hold(txn, client, limits, now).await?;
        }
        let slot = band_slot(txn, location_id, date, &band).await?;
        ledger::hold(txn, &slot, seats, holder, expires_at, now).await
    })
    .await?;
    Ok(HeldSeats {
        id: held.id,
        expires_at: held.expires_at,
    })
}
/// Gives held seats back early (the citizen went back or chose another band).
pub async fn release_hold(db: &DatabaseConnection, hold_id: &str) -> Result<(), AppError> {
    in_transaction(db, async |txn| {
        if ledger::release_hold(txn, hold_id, None).await? {
            Ok(())
        } else {
            Err(AppError::NotFound("The hold".to_owned()))
        }
    })
    .await
}

/// Gives back the seats of every expired hold, in one transaction. Safe with several
/// replicas: a hold's seats are freed only by whoever deletes its row.
pub async fn sweep_expired_holds(
    db: &DatabaseConnection,
    now: DateTime<Utc>,
) -> Result<u64, AppError> {
    // Spelled out rather than through `in_transaction`, so that the future stays `Send` for
    // the sweeper's task; a failed sweep is simply tried again at the next tick.
    let txn = begin_writing(db).await?;
    let freed = ledger::sweep_expired_holds(&txn, None, now).await?;
    txn.commit().await?;
    Ok(freed)
}
