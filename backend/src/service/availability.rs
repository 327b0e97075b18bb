//! Availability (R7.4-ウ, R5.2): the month calendar and a day's bands, read from the slot
//! counters (never by summing reservations), for the caller's channel.

use std::collections::HashMap;

use chrono::{DateTime, Datelike, Days, Months, NaiveDate, NaiveDateTime, NaiveTime, Utc};
use madoguchi_shared::availability::{Mark, day_mark, mark};
use madoguchi_shared::calendar::holiday;
use madoguchi_shared::dto::availability::{BandAvailability, DayAvailability, MonthAvailability};
use madoguchi_shared::dto::reservation::Channel;
use madoguchi_shared::dto::schedule::{BookingWindow, TimeBand};
use madoguchi_shared::error::FieldErrorCode;
use madoguchi_shared::schedule::check_window;
use madoguchi_shared::time::japan;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};

use crate::db::{procedure, slot};
use crate::service::actor::Actor;
use crate::service::error::ServiceError;
use crate::service::location_plan::Plan;
use crate::service::settings_cache::SettingsCache;

/// Seats taken in a slot, as its counters say.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Taken {
    /// Seats of booked members plus live holds.
    pub all: u32,
    /// The web's part of it.
    pub web: u32,
}

impl Taken {
    /// Reads a slot row's counters.
    pub fn of(slot: &slot::Model) -> Self {
        Self {
            all: u32::try_from(slot.taken).unwrap_or(0),
            web: u32::try_from(slot.taken_web).unwrap_or(0),
        }
    }
}

/// Whether a band's phone quota has gone to the web by `now` (Japan time).
pub fn phone_quota_released(
    now: NaiveDateTime,
    start: NaiveDateTime,
    window: &BookingWindow,
) -> bool {
    start - chrono::Duration::hours(i64::from(window.phone_quota_release_hours)) <= now
}

/// Most seats the web may take in a band: all of them once the phone quota is released.
pub fn web_limit(band: &TimeBand, released: bool) -> u32 {
    if released {
        band.capacity
    } else {
        band.capacity.saturating_sub(band.phone_quota)
    }
}

/// (capacity, remaining) of a band as `channel` sees it.
pub fn seats_for(channel: Channel, band: &TimeBand, taken: Taken, released: bool) -> (u32, u32) {
    let free = band.capacity.saturating_sub(taken.all);
    match channel {
        Channel::Web => {
            let limit = web_limit(band, released);
            (limit, free.min(limit.saturating_sub(taken.web)))
        }
        Channel::Phone | Channel::Counter => (band.capacity, free),
    }
}

/// Seats a party needs: `party_size` people, each taking the procedure's units.
pub async fn seats_needed(
    db: &impl ConnectionTrait,
    party_size: Option<u32>,
    procedure_id: Option<i64>,
    window: &BookingWindow,
) -> Result<u32, ServiceError> {
    let party_size = party_size.unwrap_or(1);
    if party_size == 0 || party_size > window.max_party_size {
        return Err(ServiceError::invalid_field(
            "party_size",
            FieldErrorCode::OutOfRange,
            format!("must be 1 to {}", window.max_party_size),
        ));
    }
    let units = match procedure_id {
        None => 1,
        Some(id) => procedure::Entity::find_by_id(id)
            .one(db)
            .await?
            .filter(|procedure| procedure.active)
            .map(|procedure| u32::try_from(procedure.units_per_person).unwrap_or(1))
            .ok_or_else(|| {
                ServiceError::invalid_field(
                    "procedure_id",
                    FieldErrorCode::Unknown,
                    "no such bookable procedure",
                )
            })?,
    };
    Ok(party_size * units)
}

struct DayInputs<'a> {
    plan: &'a Plan,
    slots: &'a HashMap<(NaiveDate, NaiveTime), Taken>,
    window: &'a BookingWindow,
    channel: Channel,
    bound_by_window: bool,
    seats: u32,
    now: NaiveDateTime,
}

fn day_availability(date: NaiveDate, inputs: &DayInputs<'_>, with_bands: bool) -> DayAvailability {
    let bands: Vec<BandAvailability> = inputs
        .plan
        .bands_on(date)
        .iter()
        .map(|band| {
            let start = date.and_time(band.start);
            let taken = inputs
                .slots
                .get(&(date, band.start))
                .copied()
                .unwrap_or_default();
            let released = phone_quota_released(inputs.now, start, inputs.window);
            let (capacity, remaining) = seats_for(inputs.channel, band, taken, released);
            let in_window = if inputs.bound_by_window {
                check_window(inputs.now, start, inputs.window).is_ok()
            } else {
                start > inputs.now
            };
            let band_mark = if in_window {
                mark(
                    remaining,
                    capacity,
                    inputs.seats,
                    inputs.window.few_threshold,
                )
            } else {
                Mark::Closed
            };
            BandAvailability {
                start: band.start,
                end: band.end,
                capacity,
                remaining,
                mark: band_mark,
                bookable: matches!(band_mark, Mark::Available | Mark::Few),
            }
        })
        .collect();
    let open_bands = bands.iter().filter(|band| band.mark != Mark::Closed);
    let remaining = open_bands.clone().map(|band| band.remaining).sum();
    DayAvailability {
        date,
        mark: day_mark(bands.iter().map(|band| band.mark)),
        remaining,
        capacity: bands.iter().map(|band| band.capacity).sum(),
        holiday_name_ja: holiday(date).map(|kind| kind.name_ja().to_owned()),
        special_label: inputs.plan.override_label(date).map(str::to_owned),
        bands: if with_bands { bands } else { Vec::new() },
    }
}

async fn taken_by_band(
    db: &impl ConnectionTrait,
    location_id: i64,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<HashMap<(NaiveDate, NaiveTime), Taken>, ServiceError> {
    Ok(slot::Entity::find()
        .filter(slot::Column::LocationId.eq(location_id))
        .filter(slot::Column::Date.between(from, to))
        .all(db)
        .await?
        .iter()
        .map(|slot| ((slot.date, slot.start_time), Taken::of(slot)))
        .collect())
}

/// The month calendar of a location for the caller's channel and party.
#[expect(
    clippy::too_many_arguments,
    reason = "each is one of the calendar's inputs"
)]
pub async fn month(
    db: &impl ConnectionTrait,
    cache: &SettingsCache,
    location_id: i64,
    first_of_month: NaiveDate,
    party_size: Option<u32>,
    procedure_id: Option<i64>,
    actor: Actor,
    now: DateTime<Utc>,
) -> Result<MonthAvailability, ServiceError> {
    let settings = cache.get(db, location_id).await?;
    let window = &settings.window;
    let seats = seats_needed(db, party_size, procedure_id, window).await?;
    let last = first_of_month
        .checked_add_months(Months::new(1))
        .and_then(|next| next.checked_sub_days(Days::new(1)))
        .ok_or_else(|| {
            ServiceError::invalid_field("month", FieldErrorCode::OutOfRange, "is out of range")
        })?;
    let slots = taken_by_band(db, location_id, first_of_month, last).await?;
    let inputs = DayInputs {
        plan: &settings.plan,
        slots: &slots,
        window,
        channel: actor.channel(),
        bound_by_window: actor.bound_by_window(),
        seats,
        now: now.with_timezone(&japan()).naive_local(),
    };
    let days = first_of_month
        .iter_days()
        .take_while(|day| day.month() == first_of_month.month())
        .map(|date| day_availability(date, &inputs, false))
        .collect();
    Ok(MonthAvailability {
        location_id,
        channel: actor.channel(),
        seats,
        days,
    })
}

/// One day's bands with their seats for the caller's channel and party.
#[expect(
    clippy::too_many_arguments,
    reason = "each is one of the calendar's inputs"
)]
pub async fn day(
    db: &impl ConnectionTrait,
    cache: &SettingsCache,
    location_id: i64,
    date: NaiveDate,
    party_size: Option<u32>,
    procedure_id: Option<i64>,
    actor: Actor,
    now: DateTime<Utc>,
) -> Result<DayAvailability, ServiceError> {
    let settings = cache.get(db, location_id).await?;
    let window = &settings.window;
    let seats = seats_needed(db, party_size, procedure_id, window).await?;
    let slots = taken_by_band(db, location_id, date, date).await?;
    let inputs = DayInputs {
        plan: &settings.plan,
        slots: &slots,
        window,
        channel: actor.channel(),
        bound_by_window: actor.bound_by_window(),
        seats,
        now: now.with_timezone(&japan()).naive_local(),
    };
    Ok(day_availability(date, &inputs, true))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn band(capacity: u32, phone_quota: u32) -> TimeBand {
        TimeBand {
            start: NaiveTime::from_hms_opt(9, 0, 0).unwrap_or_default(),
            end: NaiveTime::from_hms_opt(9, 30, 0).unwrap_or_default(),
            capacity,
            phone_quota,
        }
    }

    #[test]
    fn the_web_does_not_see_the_phone_quota_until_it_is_released() {
        let band = band(4, 1);
        let taken = Taken { all: 2, web: 2 };
        assert_eq!(seats_for(Channel::Web, &band, taken, false), (3, 1));
        assert_eq!(seats_for(Channel::Phone, &band, taken, false), (4, 2));
        assert_eq!(seats_for(Channel::Web, &band, taken, true), (4, 2));
    }

    #[test]
    fn phone_bookings_can_use_web_seats_but_the_web_never_goes_past_what_is_free() {
        let band = band(4, 1);
        let taken = Taken { all: 4, web: 0 };
        assert_eq!(seats_for(Channel::Web, &band, taken, false), (3, 0));
        assert_eq!(seats_for(Channel::Phone, &band, taken, false), (4, 0));
    }
}
