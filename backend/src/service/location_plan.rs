//! What a location offers, read together: its booking window, weekly templates and day
//! overrides. The settings cache, the calendar and booking read through here; the writes
//! are in `schedule`.

use std::collections::HashMap;

use chrono::{NaiveDate, NaiveTime};
use madoguchi_shared::availability::FewThreshold;
use madoguchi_shared::dto::schedule::{
    BookingWindow, DayOverride, DayOverrideInput, TimeBand, WeekdayBands, WeeklyTemplate,
    WeeklyTemplateInput,
};
use madoguchi_shared::schedule::bands_on;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};

use crate::db::{booking_window, day_override, location, weekly_template};
use crate::service::error::ServiceError;

/// A stored setting that is not the JSON it should be: a fault of the server, not the caller.
pub fn json_error(error: serde_json::Error) -> ServiceError {
    ServiceError::Internal(anyhow::anyhow!(
        "stored slot settings are not valid JSON: {error}"
    ))
}
/// Fails with 404 unless the location exists.
pub async fn ensure_location(
    db: &impl ConnectionTrait,
    location_id: i64,
) -> Result<location::Model, ServiceError> {
    location::Entity::find_by_id(location_id)
        .one(db)
        .await?
        .ok_or_else(|| ServiceError::NotFound("The location".to_owned()))
}
/// The booking window of a location (the defaults until the city sets one).
pub async fn booking_window(
    db: &impl ConnectionTrait,
    location_id: i64,
) -> Result<BookingWindow, ServiceError> {
    let Some(row) = booking_window::Entity::find_by_id(location_id)
        .one(db)
        .await?
    else {
        return Ok(BookingWindow::default());
    };
    let count = |value: i32| u32::try_from(value).unwrap_or(0);
    Ok(BookingWindow {
        opens_days_ahead: count(row.opens_days_ahead),
        closes_days_before: count(row.closes_days_before),
        closes_at: row.closes_at,
        few_threshold: FewThreshold {
            seats: count(row.few_seats),
            percent: count(row.few_percent),
        },
        hold_minutes: count(row.hold_minutes),
        phone_quota_release_hours: count(row.phone_quota_release_hours),
        max_party_size: count(row.max_party_size),
    })
}
/// The API view of a stored weekly template.
pub fn template_dto(row: weekly_template::Model) -> Result<WeeklyTemplate, ServiceError> {
    let days: Vec<WeekdayBands> = serde_json::from_str(&row.days_json).map_err(json_error)?;
    Ok(WeeklyTemplate {
        id: row.id,
        location_id: row.location_id,
        template: WeeklyTemplateInput {
            name: row.name,
            valid_from: row.valid_from,
            valid_to: row.valid_to,
            days,
        },
    })
}
/// The API view of a stored day override.
pub fn override_dto(row: day_override::Model) -> Result<DayOverride, ServiceError> {
    let bands: Vec<TimeBand> = serde_json::from_str(&row.bands_json).map_err(json_error)?;
    Ok(DayOverride {
        location_id: row.location_id,
        date: row.date,
        day: DayOverrideInput {
            closed: row.closed,
            label: row.label,
            bands,
        },
    })
}
/// A location's templates, oldest first.
pub async fn templates(
    db: &impl ConnectionTrait,
    location_id: i64,
) -> Result<Vec<WeeklyTemplate>, ServiceError> {
    weekly_template::Entity::find()
        .filter(weekly_template::Column::LocationId.eq(location_id))
        .order_by_asc(weekly_template::Column::ValidFrom)
        .order_by_asc(weekly_template::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(template_dto)
        .collect()
}
/// A location's day overrides from `from` to `to`.
pub async fn overrides(
    db: &impl ConnectionTrait,
    location_id: i64,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<Vec<DayOverride>, ServiceError> {
    day_override::Entity::find()
        .filter(day_override::Column::LocationId.eq(location_id))
        .filter(day_override::Column::Date.between(from, to))
        .order_by_asc(day_override::Column::Date)
        .all(db)
        .await?
        .into_iter()
        .map(override_dto)
        .collect()
}
/// What decides a location's bands over a range of days.
#[derive(Debug, Default)]
pub struct Plan {
    templates: Vec<WeeklyTemplateInput>,
    overrides: HashMap<NaiveDate, DayOverrideInput>,
}
impl Plan {
    /// The bands offered on `date`.
    pub fn bands_on(&self, date: NaiveDate) -> &[TimeBand] {
        bands_on(date, &self.templates, self.overrides.get(&date))
    }

    /// What the city called the day, when it set the day's bands or closed it.
    pub fn override_label(&self, date: NaiveDate) -> Option<&str> {
        self.overrides
            .get(&date)
            .map(|day| day.label.as_str())
            .filter(|label| !label.is_empty())
    }

    /// The band starting at `start` on `date`, if offered.
    pub fn band_at(&self, date: NaiveDate, start: NaiveTime) -> Option<&TimeBand> {
        self.bands_on(date).iter().find(|band| band.start == start)
    }
}
/// Loads the settings deciding a location's bands from `from` to `to`.
pub async fn load_plan(
    db: &impl ConnectionTrait,
    location_id: i64,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<Plan, ServiceError> {
    Ok(Plan {
        templates: templates(db, location_id)
            .await?
            .into_iter()
            .map(|template| template.template)
            .collect(),
        overrides: overrides(db, location_id, from, to)
            .await?
            .into_iter()
            .map(|day| (day.date, day.day))
            .collect(),
    })
}
