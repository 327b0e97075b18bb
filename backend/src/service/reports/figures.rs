//! The figures of one period, computed from its rows in one pass per table.

use std::collections::{BTreeMap, HashMap};

use chrono::{DateTime, Duration, NaiveDate, Utc};
use madoguchi_shared::dto::inquiry::InquiryCategory;
use madoguchi_shared::dto::report::{
    ANSWER_RATE_TARGET_PERCENT, BookingFigures, CallFigures, CategoryCount, DayCallFigures,
    DayFigures, LocationReport, ProcedureCount, Report, ReportPeriod,
};

use madoguchi_shared::dto::reservation::{Channel, ReservationStatus};

use sea_orm::sea_query::Query;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};

use super::period::{japan_day_of, japan_day_start, period_days};
use crate::db::{
    call_record, inquiry, location, procedure, reservation, reservation_history,
    reservation_member, slot,
};

use crate::service::error::ServiceError;
use crate::service::stored::stored;

fn round1(value: f64) -> f64 {
    (value * 10.0).round() / 10.0
}

fn percent(part: u64, whole: u64) -> Option<f64> {
    (whole > 0).then(|| round1(part as f64 * 100.0 / whole as f64))
}

/// Call figures of some calls: `(answered, wait seconds, talk seconds)`.
pub fn call_figures(calls: &[(bool, i32, i32)]) -> CallFigures {
    let offered = calls.len() as u64;
    let answered = calls.iter().filter(|call| call.0).count() as u64;
    let wait: i64 = calls.iter().map(|call| i64::from(call.1)).sum();
    let talk: i64 = calls
        .iter()
        .filter(|call| call.0)
        .map(|call| i64::from(call.2))
        .sum();
    let answer_rate_percent = percent(answered, offered);
    CallFigures {
        offered,
        answered,
        abandoned: offered - answered,
        answer_rate_percent,
        meets_target: answer_rate_percent.map(|rate| rate >= ANSWER_RATE_TARGET_PERCENT),
        average_wait_seconds: (offered > 0).then(|| round1(wait as f64 / offered as f64)),
        average_talk_seconds: (answered > 0).then(|| round1(talk as f64 / answered as f64)),
    }
}

fn finish(figures: &mut BookingFigures) {
    figures.utilisation_percent = percent(figures.booked_seats, figures.capacity_seats);
}

/// Per location and day, filled in as the rows are read.
#[derive(Default)]
struct Tally {
    days: BTreeMap<NaiveDate, BookingFigures>,
    procedures: BTreeMap<i64, u64>,
}

impl Tally {
    fn day(&mut self, date: NaiveDate) -> &mut BookingFigures {
        self.days.entry(date).or_default()
    }
}

/// Computes the report of the period containing `day`, for one location or all active ones.
pub async fn compute(
    db: &impl ConnectionTrait,
    period: ReportPeriod,
    day: NaiveDate,
    location_id: Option<i64>,
    now: DateTime<Utc>,
) -> Result<Report, ServiceError> {
    let (from, to) = period_days(period, day);
    let start = japan_day_start(from);
    let end = japan_day_start(to + Duration::days(1));

    let locations = match location_id {
        Some(id) => vec![
            location::Entity::find_by_id(id)
                .one(db)
                .await?
                .ok_or_else(|| ServiceError::NotFound("The location".to_owned()))?,
        ],
        None => {
            location::Entity::find()
                .filter(location::Column::Active.eq(true))
                .order_by_asc(location::Column::SortOrder)
                .order_by_asc(location::Column::Id)
                .all(db)
                .await?
        }
    };
    let location_ids: Vec<i64> = locations.iter().map(|place| place.id).collect();
    let mut tallies: HashMap<i64, Tally> = location_ids
        .iter()
        .map(|id| (*id, Tally::default()))
        .collect();

    // Seats offered and taken, by visit day.
    let slots = slot::Entity::find()
        .filter(slot::Column::LocationId.is_in(location_ids.clone()))
        .filter(slot::Column::Date.between(from, to))
        .all(db)
        .await?;
    let slot_days: HashMap<i64, NaiveDate> = slots.iter().map(|row| (row.id, row.date)).collect();
    for row in &slots {
        if let Some(tally) = tallies.get_mut(&row.location_id) {
            let figures = tally.day(row.date);
            figures.capacity_seats += u64::try_from(row.capacity).unwrap_or(0);
            figures.booked_seats += u64::try_from(row.taken).unwrap_or(0);
        }
    }

    // Visits, no-shows and people, by visit day. Sub-queries rather than long `IN` lists,
    // and only the columns counted: a month is thousands of rows.
    let slots_of_period = Query::select()
        .column(slot::Column::Id)
        .from(slot::Entity)
        .and_where(slot::Column::LocationId.is_in(location_ids.clone()))
        .and_where(slot::Column::Date.between(from, to))
        .to_owned();
    let visiting: Vec<(i64, i64, i64, String)> = reservation::Entity::find()
        .select_only()
        .columns([
            reservation::Column::Id,
            reservation::Column::LocationId,
            reservation::Column::SlotId,
            reservation::Column::Status,
        ])
        .filter(reservation::Column::SlotId.in_subquery(slots_of_period.clone()))
        .into_tuple()
        .all(db)
        .await?;
    let mut active: HashMap<i64, (i64, NaiveDate)> = HashMap::new();
    for (id, location_id, slot_id, status) in &visiting {
        let (Some(tally), Some(date)) = (tallies.get_mut(location_id), slot_days.get(slot_id))
        else {
            continue;
        };
        let figures = tally.day(*date);
        if status == ReservationStatus::Visited.as_str() {
            figures.visits += 1;
        } else if status == ReservationStatus::NoShow.as_str() {
            figures.no_shows += 1;
        }
        if status != ReservationStatus::Cancelled.as_str() {
            active.insert(*id, (*location_id, *date));
        }
    }
    let members: Vec<(i64, i64)> = reservation_member::Entity::find()
        .select_only()
        .columns([
            reservation_member::Column::ReservationId,
            reservation_member::Column::ProcedureId,
        ])
        .filter(reservation_member::Column::RemovedAt.is_null())
        .filter(
            reservation_member::Column::ReservationId.in_subquery(
                Query::select()
                    .column(reservation::Column::Id)
                    .from(reservation::Entity)
                    .and_where(reservation::Column::SlotId.in_subquery(slots_of_period))
                    .to_owned(),
            ),
        )
        .into_tuple()
        .all(db)
        .await?;
    for (reservation_id, procedure_id) in &members {
        if let Some((location_id, date)) = active.get(reservation_id)
            && let Some(tally) = tallies.get_mut(location_id)
        {
            tally.day(*date).people_booked += 1;
            *tally.procedures.entry(*procedure_id).or_default() += 1;
        }
    }

    // Reservations made in the period, by channel and the day they were made.
    let made: Vec<(i64, String, DateTime<Utc>)> = reservation::Entity::find()
        .select_only()
        .columns([
            reservation::Column::LocationId,
            reservation::Column::Channel,
            reservation::Column::CreatedAt,
        ])
        .filter(reservation::Column::LocationId.is_in(location_ids.clone()))
        .filter(reservation::Column::CreatedAt.gte(start))
        .filter(reservation::Column::CreatedAt.lt(end))
        .into_tuple()
        .all(db)
        .await?;
    for (location_id, channel, created_at) in &made {
        if let Some(tally) = tallies.get_mut(location_id) {
            let counts = &mut tally.day(japan_day_of(*created_at)).made;
            match stored("reservation.channel", channel, Channel::parse)? {
                Channel::Web => counts.web += 1,
                Channel::Phone => counts.phone += 1,
                Channel::Counter => counts.counter += 1,
            }
        }
    }

    // Changes and cancellations made in the period, with their reservation's location.
    let event_ids = Query::select()
        .column(reservation_history::Column::ReservationId)
        .from(reservation_history::Entity)
        .and_where(reservation_history::Column::Action.is_in(["change", "cancel"]))
        .and_where(reservation_history::Column::At.gte(start))
        .and_where(reservation_history::Column::At.lt(end))
        .to_owned();
    let event_locations: HashMap<i64, i64> = reservation::Entity::find()
        .select_only()
        .columns([reservation::Column::Id, reservation::Column::LocationId])
        .filter(reservation::Column::Id.in_subquery(event_ids))
        .into_tuple::<(i64, i64)>()
        .all(db)
        .await?
        .into_iter()
        .collect();
    let events: Vec<(i64, String, DateTime<Utc>)> = reservation_history::Entity::find()
        .select_only()
        .columns([
            reservation_history::Column::ReservationId,
            reservation_history::Column::Action,
            reservation_history::Column::At,
        ])
        .filter(reservation_history::Column::Action.is_in(["change", "cancel"]))
        .filter(reservation_history::Column::At.gte(start))
        .filter(reservation_history::Column::At.lt(end))
        .into_tuple()
        .all(db)
        .await?;
    for (reservation_id, action, at) in &events {
        if let Some(tally) = event_locations
            .get(reservation_id)
            .and_then(|location_id| tallies.get_mut(location_id))
        {
            let figures = tally.day(japan_day_of(*at));
            if action == "change" {
                figures.changes += 1;
            } else {
                figures.cancellations += 1;
            }
        }
    }

    let procedures: HashMap<i64, procedure::Model> = procedure::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .map(|row| (row.id, row))
        .collect();
    let days: Vec<NaiveDate> = from.iter_days().take_while(|date| *date <= to).collect();
    let location_reports = locations
        .iter()
        .map(|place| {
            let mut tally = tallies.remove(&place.id).unwrap_or_default();
            let mut totals = BookingFigures::default();
            let day_figures = days
                .iter()
                .map(|date| {
                    let mut figures = tally.days.remove(date).unwrap_or_default();
                    finish(&mut figures);
                    add(&mut totals, &figures);
                    DayFigures {
                        date: *date,
                        figures,
                    }
                })
                .collect();
            finish(&mut totals);
            let mut by_procedure: Vec<ProcedureCount> = tally
                .procedures
                .iter()
                .map(|(id, people)| {
                    let known = procedures.get(id);
                    ProcedureCount {
                        procedure_id: *id,
                        name_ja: known.map(|row| row.name_ja.clone()).unwrap_or_default(),
                        name_en: known.map(|row| row.name_en.clone()).unwrap_or_default(),
                        people: *people,
                    }
                })
                .collect();
            by_procedure.sort_by_key(|count| {
                (
                    procedures
                        .get(&count.procedure_id)
                        .map(|row| row.sort_order),
                    count.procedure_id,
                )
            });
            LocationReport {
                location_id: place.id,
                name_ja: place.name_ja.clone(),
                name_en: place.name_en.clone(),
                totals,
                by_procedure,
                days: day_figures,
            }
        })
        .collect();

    // The inquiry log and the call records belong to the call center, not to a location.
    let logged = inquiry::Entity::find()
        .filter(inquiry::Column::ReceivedAt.gte(start))
        .filter(inquiry::Column::ReceivedAt.lt(end))
        .all(db)
        .await?;
    let inquiries = InquiryCategory::ALL
        .into_iter()
        .map(|category| CategoryCount {
            category,
            count: logged
                .iter()
                .filter(|row| row.category == category.as_str())
                .count() as u64,
        })
        .collect();
    let calls = call_record::Entity::find()
        .filter(call_record::Column::StartedAt.gte(start))
        .filter(call_record::Column::StartedAt.lt(end))
        .all(db)
        .await?;
    let mut calls_by_day: BTreeMap<NaiveDate, Vec<(bool, i32, i32)>> = BTreeMap::new();
    for call in &calls {
        calls_by_day
            .entry(japan_day_of(call.started_at))
            .or_default()
            .push((call.answered, call.wait_seconds, call.talk_seconds));
    }
    let all_calls: Vec<(bool, i32, i32)> = calls_by_day.values().flatten().copied().collect();
    let call_days = days
        .iter()
        .map(|date| DayCallFigures {
            date: *date,
            figures: call_figures(calls_by_day.get(date).map_or(&[], Vec::as_slice)),
        })
        .collect();

    Ok(Report {
        period,
        from,
        to,
        generated_at: now,
        locations: location_reports,
        inquiries,
        calls: call_figures(&all_calls),
        call_days,
    })
}

fn add(totals: &mut BookingFigures, day: &BookingFigures) {
    totals.made.web += day.made.web;
    totals.made.phone += day.made.phone;
    totals.made.counter += day.made.counter;
    totals.changes += day.changes;
    totals.cancellations += day.cancellations;
    totals.people_booked += day.people_booked;
    totals.visits += day.visits;
    totals.no_shows += day.no_shows;
    totals.capacity_seats += day.capacity_seats;
    totals.booked_seats += day.booked_seats;
}

#[cfg(test)]
mod tests {
    use super::call_figures;

    #[test]
    fn call_figures_give_the_answer_rate_against_the_80_percent_target() {
        let calls = [
            (true, 10, 100),
            (true, 20, 200),
            (true, 30, 60),
            (false, 60, 0),
        ];
        let figures = call_figures(&calls);
        assert_eq!(figures.offered, 4);
        assert_eq!(figures.answered, 3);
        assert_eq!(figures.abandoned, 1);
        assert_eq!(figures.answer_rate_percent, Some(75.0));
        assert_eq!(figures.meets_target, Some(false));
        assert_eq!(figures.average_wait_seconds, Some(30.0));
        assert_eq!(figures.average_talk_seconds, Some(120.0));
        assert_eq!(call_figures(&[]).answer_rate_percent, None);
        assert_eq!(
            call_figures(&[(true, 0, 1); 4]).meets_target,
            Some(true),
            "R4.5: 100 % meets the target"
        );
    }
}
