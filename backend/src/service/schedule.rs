//! Slot settings (R7.4-ア): weekly templates, day overrides and the booking window.
//!
//! Every change runs in one transaction with a reconciliation of the materialised slots:
//! their capacity follows the new settings, and a change that would leave a slot with fewer
//! seats than it has taken is refused with the reservations it would hurt. Nothing is
//! dropped silently.

use chrono::{DateTime, NaiveDate, Utc};
use madoguchi_shared::dto::reservation::ReservationStatus;
use madoguchi_shared::dto::schedule::{
    BookingWindow, DayOverride, DayOverrideInput, WeeklyTemplate, WeeklyTemplateInput,
};
use madoguchi_shared::error::{AffectedReservation, FieldErrorCode};
use madoguchi_shared::schedule::{validate_override, validate_template};
use madoguchi_shared::time::japan;
use sea_orm::sea_query::OnConflict;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, DatabaseTransaction,
    EntityTrait, QueryFilter, QueryOrder, Set,
};

use crate::db::transaction::begin_writing;
use crate::db::{booking_window, day_override, reservation, slot, weekly_template};
use crate::service::error::ServiceError;
use crate::service::ledger::{self, NewShape};
use crate::service::location_plan::{ensure_location, json_error, load_plan, template_dto};
use crate::service::settings_cache::SettingsCache;

/// Sets a location's booking window.
pub async fn set_booking_window(
    db: &impl ConnectionTrait,
    cache: &SettingsCache,
    location_id: i64,
    window: BookingWindow,
    now: DateTime<Utc>,
) -> Result<BookingWindow, ServiceError> {
    ensure_location(db, location_id).await?;
    let mut violations = madoguchi_shared::validate::Violations::default();
    if !(1..=366).contains(&window.opens_days_ahead) {
        violations.add(
            "opens_days_ahead",
            FieldErrorCode::OutOfRange,
            "must be 1 to 366",
        );
    }
    if window.closes_days_before > 30 || window.closes_days_before >= window.opens_days_ahead {
        violations.add(
            "closes_days_before",
            FieldErrorCode::OutOfRange,
            "must be 0 to 30 and less than opens_days_ahead",
        );
    }
    if window.few_threshold.percent > 100 {
        violations.add(
            "few_threshold.percent",
            FieldErrorCode::OutOfRange,
            "must be 0 to 100",
        );
    }
    if !(1..=60).contains(&window.hold_minutes) {
        violations.add(
            "hold_minutes",
            FieldErrorCode::OutOfRange,
            "must be 1 to 60",
        );
    }
    if window.phone_quota_release_hours > 24 * 30 {
        violations.add(
            "phone_quota_release_hours",
            FieldErrorCode::OutOfRange,
            "must be at most 720",
        );
    }
    if !(1..=10).contains(&window.max_party_size) {
        violations.add(
            "max_party_size",
            FieldErrorCode::OutOfRange,
            "must be 1 to 10",
        );
    }
    violations.into_result().map_err(ServiceError::Validation)?;
    let signed = |value: u32| i32::try_from(value).unwrap_or(i32::MAX);
    let row = booking_window::ActiveModel {
        location_id: Set(location_id),
        opens_days_ahead: Set(signed(window.opens_days_ahead)),
        closes_days_before: Set(signed(window.closes_days_before)),
        closes_at: Set(window.closes_at),
        few_seats: Set(signed(window.few_threshold.seats)),
        few_percent: Set(signed(window.few_threshold.percent)),
        hold_minutes: Set(signed(window.hold_minutes)),
        phone_quota_release_hours: Set(signed(window.phone_quota_release_hours)),
        max_party_size: Set(signed(window.max_party_size)),
        updated_at: Set(now),
    };
    booking_window::Entity::insert(row)
        .on_conflict(
            OnConflict::column(booking_window::Column::LocationId)
                .update_columns([
                    booking_window::Column::OpensDaysAhead,
                    booking_window::Column::ClosesDaysBefore,
                    booking_window::Column::ClosesAt,
                    booking_window::Column::FewSeats,
                    booking_window::Column::FewPercent,
                    booking_window::Column::HoldMinutes,
                    booking_window::Column::PhoneQuotaReleaseHours,
                    booking_window::Column::MaxPartySize,
                    booking_window::Column::UpdatedAt,
                ])
                .to_owned(),
        )
        .exec(db)
        .await?;
    cache.invalidate(location_id);
    Ok(window)
}

async fn reconcile_slots(
    txn: &DatabaseTransaction,
    location_id: i64,
    today: NaiveDate,
) -> Result<(), ServiceError> {
    let slots = slot::Entity::find()
        .filter(slot::Column::LocationId.eq(location_id))
        .filter(slot::Column::Date.gte(today))
        .all(txn)
        .await?;
    let Some(last_day) = slots.iter().map(|slot| slot.date).max() else {
        return Ok(());
    };
    let plan = load_plan(txn, location_id, today, last_day).await?;
    let mut affected = Vec::new();
    for slot in slots {
        let (capacity, phone_quota, end) = plan
            .band_at(slot.date, slot.start_time)
            .map(|band| (band.capacity, band.phone_quota, band.end))
            .unwrap_or((0, 0, slot.end_time));
        let shape = NewShape {
            capacity: i32::try_from(capacity).unwrap_or(i32::MAX),
            phone_quota: i32::try_from(phone_quota).unwrap_or(0),
            end,
        };
        if (slot.capacity, slot.phone_quota, slot.end_time)
            == (shape.capacity, shape.phone_quota, shape.end)
        {
            continue;
        }
        // The ledger reshapes the slot only if its booked seats still fit (citizens' holds
        // are released rather than stand in the way); a booking racing this change either
        // commits first and is counted, or waits and then finds the new capacity.
        if ledger::reshape(txn, slot.id, shape).await? {
            continue;
        }
        let reservations = reservation::Entity::find()
            .filter(reservation::Column::SlotId.eq(slot.id))
            .filter(reservation::Column::Status.eq(ReservationStatus::Booked.as_str()))
            .order_by_asc(reservation::Column::Id)
            .all(txn)
            .await?;
        affected.extend(
            reservations
                .into_iter()
                .map(|reservation| AffectedReservation {
                    number: reservation.number,
                    date: slot.date,
                    start: slot.start_time.format("%H:%M").to_string(),
                    seats: u32::try_from(reservation.units).unwrap_or(0),
                    new_capacity: capacity,
                }),
        );
    }
    if affected.is_empty() {
        Ok(())
    } else {
        Err(ServiceError::RuleConflict(affected))
    }
}
/// Adds a weekly template to a location.
pub async fn create_template(
    db: &DatabaseConnection,
    cache: &SettingsCache,
    location_id: i64,
    input: WeeklyTemplateInput,
    now: DateTime<Utc>,
) -> Result<WeeklyTemplate, ServiceError> {
    validate_template(&input).map_err(ServiceError::Validation)?;
    ensure_location(db, location_id).await?;
    let txn = begin_writing(db).await?;
    let row = weekly_template::ActiveModel {
        location_id: Set(location_id),
        name: Set(input.name.trim().to_owned()),
        valid_from: Set(input.valid_from),
        valid_to: Set(input.valid_to),
        days_json: Set(serde_json::to_string(&input.days).map_err(json_error)?),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    reconcile_slots(&txn, location_id, now.with_timezone(&japan()).date_naive()).await?;
    txn.commit().await?;
    cache.invalidate(location_id);
    template_dto(row)
}

/// Replaces a weekly template.
pub async fn replace_template(
    db: &DatabaseConnection,
    cache: &SettingsCache,
    template_id: i64,
    input: WeeklyTemplateInput,
    now: DateTime<Utc>,
) -> Result<WeeklyTemplate, ServiceError> {
    validate_template(&input).map_err(ServiceError::Validation)?;
    let txn = begin_writing(db).await?;
    let existing = weekly_template::Entity::find_by_id(template_id)
        .one(&txn)
        .await?
        .ok_or_else(|| ServiceError::NotFound("The template".to_owned()))?;
    let row = weekly_template::ActiveModel {
        id: Set(template_id),
        name: Set(input.name.trim().to_owned()),
        valid_from: Set(input.valid_from),
        valid_to: Set(input.valid_to),
        days_json: Set(serde_json::to_string(&input.days).map_err(json_error)?),
        updated_at: Set(now),
        ..Default::default()
    }
    .update(&txn)
    .await?;
    reconcile_slots(
        &txn,
        existing.location_id,
        now.with_timezone(&japan()).date_naive(),
    )
    .await?;
    txn.commit().await?;
    cache.invalidate(existing.location_id);
    template_dto(row)
}

/// Removes a weekly template.
pub async fn delete_template(
    db: &DatabaseConnection,
    cache: &SettingsCache,
    template_id: i64,
    now: DateTime<Utc>,
) -> Result<(), ServiceError> {
    let txn = begin_writing(db).await?;
    let existing = weekly_template::Entity::find_by_id(template_id)
        .one(&txn)
        .await?
        .ok_or_else(|| ServiceError::NotFound("The template".to_owned()))?;
    weekly_template::Entity::delete_by_id(template_id)
        .exec(&txn)
        .await?;
    reconcile_slots(
        &txn,
        existing.location_id,
        now.with_timezone(&japan()).date_naive(),
    )
    .await?;
    txn.commit().await?;
    cache.invalidate(existing.location_id);
    Ok(())
}

/// Sets one day's override: a special opening, a weekday night, or a closure.
pub async fn put_override(
    db: &DatabaseConnection,
    cache: &SettingsCache,
    location_id: i64,
    date: NaiveDate,
    input: DayOverrideInput,
    now: DateTime<Utc>,
) -> Result<DayOverride, ServiceError> {
    validate_override(&input).map_err(ServiceError::Validation)?;
    ensure_location(db, location_id).await?;
    let txn = begin_writing(db).await?;
    let row = day_override::ActiveModel {
        location_id: Set(location_id),
        date: Set(date),
        closed: Set(input.closed),
        label: Set(input.label.trim().to_owned()),
        bands_json: Set(serde_json::to_string(&input.bands).map_err(json_error)?),
        updated_at: Set(now),
        ..Default::default()
    };
    day_override::Entity::insert(row)
        .on_conflict(
            OnConflict::columns([day_override::Column::LocationId, day_override::Column::Date])
                .update_columns([
                    day_override::Column::Closed,
                    day_override::Column::Label,
                    day_override::Column::BandsJson,
                    day_override::Column::UpdatedAt,
                ])
                .to_owned(),
        )
        .exec(&txn)
        .await?;
    reconcile_slots(&txn, location_id, now.with_timezone(&japan()).date_naive()).await?;
    txn.commit().await?;
    cache.invalidate(location_id);
    Ok(DayOverride {
        location_id,
        date,
        day: input,
    })
}

/// Removes one day's override; the day follows the templates and the calendar again.
pub async fn delete_override(
    db: &DatabaseConnection,
    cache: &SettingsCache,
    location_id: i64,
    date: NaiveDate,
    now: DateTime<Utc>,
) -> Result<(), ServiceError> {
    let txn = begin_writing(db).await?;
    let deleted = day_override::Entity::delete_many()
        .filter(day_override::Column::LocationId.eq(location_id))
        .filter(day_override::Column::Date.eq(date))
        .exec(&txn)
        .await?
        .rows_affected;
    if deleted == 0 {
        return Err(ServiceError::NotFound("The day override".to_owned()));
    }
    reconcile_slots(&txn, location_id, now.with_timezone(&japan()).date_naive()).await?;
    txn.commit().await?;
    cache.invalidate(location_id);
    Ok(())
}
