//! Which time bands a location offers on a day (R7.4-ア), and whether a citizen may still
//! book them (the booking window). Pure functions: the server books with them and the
//! staff console previews a month of settings with the very same code.

use crate::error::{FieldError, FieldErrorCode};
use chrono::{Days, NaiveDate, NaiveDateTime};

use crate::calendar::is_office_day;
use crate::dto::schedule::{
    BookingWindow, DayOfWeek, DayOverrideInput, TimeBand, WeekdayBands, WeeklyTemplateInput,
};
use crate::validate::Violations;

/// Most bands one day may have.
pub const MAX_BANDS_PER_DAY: usize = 48;
/// Most seats one band may have.
pub const MAX_CAPACITY: u32 = 500;

/// The bands offered on `date`.
///
/// A day override wins (closed, or its own bands: a weekday night, a weekend special
/// opening). Otherwise an office day takes the bands of the template in force that day
/// (the one with the latest `valid_from` among those covering it); weekends, national
/// holidays and the year-end closure offer nothing.
pub fn bands_on<'a>(
    date: NaiveDate,
    templates: &'a [WeeklyTemplateInput],
    day_override: Option<&'a DayOverrideInput>,
) -> &'a [TimeBand] {
    if let Some(day) = day_override {
        return if day.closed { &[] } else { &day.bands };
    }
    if !is_office_day(date) {
        return &[];
    }
    let weekday = DayOfWeek::of(date);
    templates
        .iter()
        .filter(|template| {
            template.valid_from <= date && template.valid_to.is_none_or(|to| date <= to)
        })
        .max_by_key(|template| template.valid_from)
        .and_then(|template| template.days.iter().find(|day| day.weekday == weekday))
        .map_or(&[], |day| day.bands.as_slice())
}

/// Why a citizen may not book a band now.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OutsideWindow {
    /// The band has started or is over.
    Past,
    /// Booking for that day has not opened yet.
    NotYetOpen,
    /// Booking for that day has closed.
    Closed,
}

/// Checks the booking window for a band starting at `start` when it is `now` (both Japan time).
pub fn check_window(
    now: NaiveDateTime,
    start: NaiveDateTime,
    window: &BookingWindow,
) -> Result<(), OutsideWindow> {
    if start <= now {
        return Err(OutsideWindow::Past);
    }
    let last_open_day = now
        .date()
        .checked_add_days(Days::new(u64::from(window.opens_days_ahead)));
    if last_open_day.is_some_and(|last| start.date() > last) {
        return Err(OutsideWindow::NotYetOpen);
    }
    let closing_day = start
        .date()
        .checked_sub_days(Days::new(u64::from(window.closes_days_before)));
    let closes = closing_day.map(|day| day.and_time(window.closes_at));
    if closes.is_none_or(|closes| now >= closes) {
        return Err(OutsideWindow::Closed);
    }
    Ok(())
}

/// Checks one day's bands: each well formed, in order, not overlapping.
pub fn validate_bands(field: &str, bands: &[TimeBand], violations: &mut Violations) {
    if bands.len() > MAX_BANDS_PER_DAY {
        violations.add(
            field,
            FieldErrorCode::TooMany,
            format!("at most {MAX_BANDS_PER_DAY} bands a day"),
        );
    }
    for (index, band) in bands.iter().enumerate() {
        let at = format!("{field}[{index}]");
        if band.end <= band.start {
            violations.add(
                &format!("{at}.end"),
                FieldErrorCode::BeforeStart,
                "must be after start",
            );
        }
        if band.capacity > MAX_CAPACITY {
            violations.add(
                &format!("{at}.capacity"),
                FieldErrorCode::TooLarge,
                format!("at most {MAX_CAPACITY}"),
            );
        }
        if band.phone_quota > band.capacity {
            violations.add(
                &format!("{at}.phone_quota"),
                FieldErrorCode::ExceedsCapacity,
                "must not exceed capacity",
            );
        }
        if index > 0 && band.start < bands[index - 1].end {
            violations.add(
                &format!("{at}.start"),
                FieldErrorCode::Overlaps,
                "must not start before the previous band ends",
            );
        }
    }
}

/// Checks a weekly template.
pub fn validate_template(template: &WeeklyTemplateInput) -> Result<(), Vec<FieldError>> {
    let mut violations = Violations::default();
    if template.name.trim().is_empty() {
        violations.add("name", FieldErrorCode::Required, "must not be empty");
    } else {
        violations.length("name", template.name.trim(), 1..=64);
        violations.text("name", &template.name, false);
    }
    if template.valid_to.is_some_and(|to| to < template.valid_from) {
        violations.add(
            "valid_to",
            FieldErrorCode::BeforeValidFrom,
            "must be on or after valid_from",
        );
    }
    for (index, WeekdayBands { weekday, bands }) in template.days.iter().enumerate() {
        if template.days[..index]
            .iter()
            .any(|day| day.weekday == *weekday)
        {
            violations.add(
                &format!("days[{index}].weekday"),
                FieldErrorCode::Duplicate,
                "each weekday once",
            );
        }
        validate_bands(&format!("days[{index}].bands"), bands, &mut violations);
    }
    violations.into_result()
}

/// Checks a day override.
pub fn validate_override(day: &DayOverrideInput) -> Result<(), Vec<FieldError>> {
    let mut violations = Violations::default();
    if day.closed && !day.bands.is_empty() {
        violations.add(
            "bands",
            FieldErrorCode::ClosedWithBands,
            "a closed day has no bands",
        );
    }
    if !day.closed && day.bands.is_empty() {
        violations.add(
            "bands",
            FieldErrorCode::Required,
            "an open day needs at least one band",
        );
    }
    if day.label.chars().count() > 64 {
        violations.add("label", FieldErrorCode::TooLong, "at most 64 characters");
    }
    violations.text("label", &day.label, false);
    validate_bands("bands", &day.bands, &mut violations);
    violations.into_result()
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveTime;
    use rstest::rstest;

    fn time(h: u32, m: u32) -> NaiveTime {
        NaiveTime::from_hms_opt(h, m, 0).expect("valid time")
    }

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("valid date")
    }

    fn band(start: (u32, u32), end: (u32, u32), capacity: u32) -> TimeBand {
        TimeBand {
            start: time(start.0, start.1),
            end: time(end.0, end.1),
            capacity,
            phone_quota: 0,
        }
    }

    fn weekday_template(valid_from: NaiveDate, capacity: u32) -> WeeklyTemplateInput {
        WeeklyTemplateInput {
            name: "通常".to_owned(),
            valid_from,
            valid_to: None,
            days: [
                DayOfWeek::Mon,
                DayOfWeek::Tue,
                DayOfWeek::Wed,
                DayOfWeek::Thu,
                DayOfWeek::Fri,
            ]
            .into_iter()
            .map(|weekday| WeekdayBands {
                weekday,
                bands: vec![band((9, 0), (9, 30), capacity)],
            })
            .collect(),
        }
    }

    #[test]
    fn r7_4_a_an_office_day_takes_the_template_bands() {
        let templates = [weekday_template(date(2026, 7, 1), 4)];
        assert_eq!(
            bands_on(date(2026, 11, 26), &templates, None)[0].capacity,
            4
        );
    }

    #[rstest]
    #[case::saturday(date(2026, 11, 28))]
    #[case::national_holiday(date(2026, 11, 23))]
    #[case::year_end(date(2026, 12, 29))]
    #[case::before_the_template(date(2026, 6, 30))]
    fn r7_4_a_closed_days_offer_nothing_without_an_override(#[case] day: NaiveDate) {
        let templates = [weekday_template(date(2026, 7, 1), 4)];
        assert!(bands_on(day, &templates, None).is_empty());
    }

    #[test]
    fn r7_4_a_the_newest_template_in_force_wins() {
        let templates = [
            weekday_template(date(2026, 7, 1), 4),
            weekday_template(date(2026, 11, 1), 6),
        ];
        assert_eq!(
            bands_on(date(2026, 10, 30), &templates, None)[0].capacity,
            4
        );
        assert_eq!(
            bands_on(date(2026, 11, 26), &templates, None)[0].capacity,
            6
        );
    }

    #[test]
    fn r7_4_a_a_weekend_special_opening_and_a_closure_override_the_template() {
        let templates = [weekday_template(date(2026, 7, 1), 4)];
        let saturday_opening = DayOverrideInput {
            closed: false,
            label: "休日臨時開庁".to_owned(),
            bands: vec![band((9, 0), (12, 0), 8)],
        };
        assert_eq!(
            bands_on(date(2026, 11, 28), &templates, Some(&saturday_opening))[0].capacity,
            8
        );
        let closure = DayOverrideInput {
            closed: true,
            label: "システム停止".to_owned(),
            bands: vec![],
        };
        assert!(bands_on(date(2026, 11, 26), &templates, Some(&closure)).is_empty());
    }

    fn at(y: i32, m: u32, d: u32, h: u32, mi: u32) -> NaiveDateTime {
        date(y, m, d).and_time(time(h, mi))
    }

    #[rstest]
    #[case::well_ahead(at(2026, 11, 26, 12, 0), at(2026, 12, 1, 9, 0), Ok(()))]
    #[case::last_minute_before_closing(at(2026, 11, 29, 16, 59), at(2026, 12, 1, 9, 0), Ok(()))]
    #[case::closed_at_17_two_days_before(
        at(2026, 11, 29, 17, 0),
        at(2026, 12, 1, 9, 0),
        Err(OutsideWindow::Closed)
    )]
    #[case::sixty_days_ahead_is_open(at(2026, 11, 26, 12, 0), at(2027, 1, 25, 9, 0), Ok(()))]
    #[case::sixty_one_days_is_not(
        at(2026, 11, 26, 12, 0),
        at(2027, 1, 26, 9, 0),
        Err(OutsideWindow::NotYetOpen)
    )]
    #[case::past(
        at(2026, 11, 26, 12, 0),
        at(2026, 11, 26, 9, 0),
        Err(OutsideWindow::Past)
    )]
    fn r7_4_a_the_booking_window_opens_60_days_ahead_and_closes_at_17_two_days_before(
        #[case] now: NaiveDateTime,
        #[case] start: NaiveDateTime,
        #[case] expected: Result<(), OutsideWindow>,
    ) {
        assert_eq!(
            check_window(now, start, &BookingWindow::default()),
            expected
        );
    }

    #[test]
    fn overlapping_and_inverted_bands_are_refused() {
        let mut violations = Violations::default();
        let mut inverted = band((10, 0), (9, 30), 2);
        inverted.phone_quota = 3;
        validate_bands(
            "bands",
            &[
                band((9, 0), (10, 0), 2),
                band((9, 30), (10, 30), 2),
                inverted,
            ],
            &mut violations,
        );
        let codes: Vec<_> = violations
            .into_result()
            .expect_err("invalid")
            .into_iter()
            .map(|e| (e.field, e.code))
            .collect();
        assert_eq!(
            codes,
            vec![
                ("bands[1].start".to_owned(), FieldErrorCode::Overlaps),
                ("bands[2].end".to_owned(), FieldErrorCode::BeforeStart),
                (
                    "bands[2].phone_quota".to_owned(),
                    FieldErrorCode::ExceedsCapacity
                ),
                ("bands[2].start".to_owned(), FieldErrorCode::Overlaps),
            ]
        );
    }
}
