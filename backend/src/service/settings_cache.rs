//! A short-lived, per-process cache of each location's slot settings for the availability
//! calendar, the hottest read of the system: with it a calendar request costs one query
//! (the slot counters) instead of five.
//!
//! It also holds the catalog (procedures, locations, form fields) that every booking is
//! validated against. Writes through this process drop the entries at once; other replicas
//! see a change within [`TTL`]. Booking reads the bands it materialises fresh, never from
//! here, and seats are guarded by the slot counters in any case.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use chrono::NaiveDate;
use madoguchi_shared::dto::form::FormField;
use madoguchi_shared::dto::schedule::BookingWindow;
use sea_orm::{ConnectionTrait, EntityTrait};

use crate::db::{location, procedure};
use crate::service::error::ServiceError;
use crate::service::form_fields::active_fields;
use crate::service::location_plan::{Plan, booking_window, ensure_location, load_plan};

fn first_day() -> NaiveDate {
    NaiveDate::from_ymd_opt(2000, 1, 1).unwrap_or_default()
}

fn last_day() -> NaiveDate {
    NaiveDate::from_ymd_opt(2999, 12, 31).unwrap_or_default()
}

/// How long a location's settings are reused.
pub const TTL: Duration = Duration::from_secs(2);

/// What the calendar needs of a location besides its counters.
#[derive(Debug)]
pub struct LocationSettings {
    /// The booking window.
    pub window: BookingWindow,
    /// Templates and every day override.
    pub plan: Plan,
}

/// Procedures, locations and the form, which every booking validates against.
#[derive(Debug)]
pub struct Catalog {
    /// Every procedure, active or not.
    pub procedures: Vec<procedure::Model>,
    /// Every location, active or not.
    pub locations: Vec<location::Model>,
    /// The active form fields, in order.
    pub fields: Vec<FormField>,
}

/// The cache.
#[derive(Debug, Default)]
pub struct SettingsCache {
    entries: Mutex<HashMap<i64, (Instant, Arc<LocationSettings>)>>,
    catalog: Mutex<Option<(Instant, Arc<Catalog>)>>,
}

impl SettingsCache {
    /// The settings of a location, from the cache when fresh enough.
    pub async fn get(
        &self,
        db: &impl ConnectionTrait,
        location_id: i64,
    ) -> Result<Arc<LocationSettings>, ServiceError> {
        if let Some(settings) = self.fresh(location_id) {
            return Ok(settings);
        }
        ensure_location(db, location_id).await?;
        let settings = Arc::new(LocationSettings {
            window: booking_window(db, location_id).await?,
            plan: load_plan(db, location_id, first_day(), last_day()).await?,
        });
        if let Ok(mut entries) = self.entries.lock() {
            entries.insert(location_id, (Instant::now(), Arc::clone(&settings)));
        }
        Ok(settings)
    }

    fn fresh(&self, location_id: i64) -> Option<Arc<LocationSettings>> {
        let entries = self.entries.lock().ok()?;
        let (loaded, settings) = entries.get(&location_id)?;
        (loaded.elapsed() < TTL).then(|| Arc::clone(settings))
    }

    /// The catalog, from the cache when fresh enough.
    pub async fn catalog(&self, db: &impl ConnectionTrait) -> Result<Arc<Catalog>, ServiceError> {
        let cached = self.catalog.lock().ok().and_then(|entry| {
            entry
                .as_ref()
                .filter(|(loaded, _)| loaded.elapsed() < TTL)
                .map(|(_, c)| Arc::clone(c))
        });
        if let Some(catalog) = cached {
            return Ok(catalog);
        }
        let catalog = Arc::new(Catalog {
            procedures: procedure::Entity::find().all(db).await?,
            locations: location::Entity::find().all(db).await?,
            fields: active_fields(db).await?,
        });
        if let Ok(mut entry) = self.catalog.lock() {
            *entry = Some((Instant::now(), Arc::clone(&catalog)));
        }
        Ok(catalog)
    }

    /// Forgets a location's settings after a change.
    pub fn invalidate(&self, location_id: i64) {
        if let Ok(mut entries) = self.entries.lock() {
            entries.remove(&location_id);
        }
    }

    /// Forgets everything, after a change of the catalog.
    pub fn clear(&self) {
        if let Ok(mut entries) = self.entries.lock() {
            entries.clear();
        }
        if let Ok(mut entry) = self.catalog.lock() {
            *entry = None;
        }
    }
}
