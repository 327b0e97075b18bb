//! The business calendar: Japanese national holidays (祝日) and the city's year-end closure.
//!
//! Holidays follow the statutory rules of the 国民の祝日に関する法律 as in force since 2020
//! (fixed dates, "Happy Monday" days, the equinoxes, 振替休日 and 国民の休日). The rules are
//! computed rather than read from a data file so that the SPA and the server agree without
//! any download; the equinox formula is the one the National Astronomical Observatory's
//! almanac follows and is exact for 1980-2099. The Cabinet Office announces the equinox
//! dates each February for the following year; tests pin 2026 and 2027 to that list.

use chrono::{Datelike, Duration, NaiveDate, Weekday};

/// First year whose holidays this module computes with the current statute.
pub const FIRST_SUPPORTED_YEAR: i32 = 2021;
/// Last year for which the equinox formula is valid.
pub const LAST_SUPPORTED_YEAR: i32 = 2099;

/// Why a date is a public holiday.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum HolidayKind {
    /// 元日
    NewYearsDay,
    /// 成人の日 (second Monday of January)
    ComingOfAgeDay,
    /// 建国記念の日
    NationalFoundationDay,
    /// 天皇誕生日
    EmperorsBirthday,
    /// 春分の日
    VernalEquinoxDay,
    /// 昭和の日
    ShowaDay,
    /// 憲法記念日
    ConstitutionDay,
    /// みどりの日
    GreeneryDay,
    /// こどもの日
    ChildrensDay,
    /// 海の日 (third Monday of July)
    MarineDay,
    /// 山の日
    MountainDay,
    /// 敬老の日 (third Monday of September)
    RespectForTheAgedDay,
    /// 秋分の日
    AutumnalEquinoxDay,
    /// スポーツの日 (second Monday of October)
    SportsDay,
    /// 文化の日
    CultureDay,
    /// 勤労感謝の日
    LaborThanksgivingDay,
    /// 振替休日: a holiday falling on a Sunday moves to the next working day.
    SubstituteHoliday,
    /// 国民の休日: a day sandwiched between two national holidays.
    CitizensHoliday,
}

impl HolidayKind {
    /// The official Japanese name.
    pub fn name_ja(self) -> &'static str {
        match self {
            Self::NewYearsDay => "元日",
            Self::ComingOfAgeDay => "成人の日",
            Self::NationalFoundationDay => "建国記念の日",
            Self::EmperorsBirthday => "天皇誕生日",
            Self::VernalEquinoxDay => "春分の日",
            Self::ShowaDay => "昭和の日",
            Self::ConstitutionDay => "憲法記念日",
            Self::GreeneryDay => "みどりの日",
            Self::ChildrensDay => "こどもの日",
            Self::MarineDay => "海の日",
            Self::MountainDay => "山の日",
            Self::RespectForTheAgedDay => "敬老の日",
            Self::AutumnalEquinoxDay => "秋分の日",
            Self::SportsDay => "スポーツの日",
            Self::CultureDay => "文化の日",
            Self::LaborThanksgivingDay => "勤労感謝の日",
            Self::SubstituteHoliday => "振替休日",
            Self::CitizensHoliday => "国民の休日",
        }
    }

    /// The usual English name.
    pub fn name_en(self) -> &'static str {
        match self {
            Self::NewYearsDay => "New Year's Day",
            Self::ComingOfAgeDay => "Coming of Age Day",
            Self::NationalFoundationDay => "National Foundation Day",
            Self::EmperorsBirthday => "The Emperor's Birthday",
            Self::VernalEquinoxDay => "Vernal Equinox Day",
            Self::ShowaDay => "Showa Day",
            Self::ConstitutionDay => "Constitution Memorial Day",
            Self::GreeneryDay => "Greenery Day",
            Self::ChildrensDay => "Children's Day",
            Self::MarineDay => "Marine Day",
            Self::MountainDay => "Mountain Day",
            Self::RespectForTheAgedDay => "Respect for the Aged Day",
            Self::AutumnalEquinoxDay => "Autumnal Equinox Day",
            Self::SportsDay => "Sports Day",
            Self::CultureDay => "Culture Day",
            Self::LaborThanksgivingDay => "Labor Thanksgiving Day",
            Self::SubstituteHoliday => "Substitute Holiday",
            Self::CitizensHoliday => "Citizens' Holiday",
        }
    }
}

/// The national holiday on `date`, if any.
///
/// Returns `None` for years outside [`FIRST_SUPPORTED_YEAR`]..=[`LAST_SUPPORTED_YEAR`]
/// rather than guessing.
pub fn holiday(date: NaiveDate) -> Option<HolidayKind> {
    if !(FIRST_SUPPORTED_YEAR..=LAST_SUPPORTED_YEAR).contains(&date.year()) {
        return None;
    }
    if let Some(kind) = statutory_holiday(date) {
        return Some(kind);
    }
    if is_substitute_holiday(date) {
        return Some(HolidayKind::SubstituteHoliday);
    }
    // 国民の休日 (Article 3-3): a day, not itself a holiday, between two statutory holidays.
    let neighbours_are_holidays = statutory_holiday(date - Duration::days(1)).is_some()
        && statutory_holiday(date + Duration::days(1)).is_some();
    if neighbours_are_holidays && date.weekday() != Weekday::Sun {
        return Some(HolidayKind::CitizensHoliday);
    }
    None
}

/// Every national holiday of `year`, in date order.
pub fn holidays_in_year(year: i32) -> Vec<(NaiveDate, HolidayKind)> {
    let Some(first) = NaiveDate::from_ymd_opt(year, 1, 1) else {
        return Vec::new();
    };
    first
        .iter_days()
        .take_while(|day| day.year() == year)
        .filter_map(|day| holiday(day).map(|kind| (day, kind)))
        .collect()
}

/// Whether `date` falls in the city's year-end and new-year closure (December 29 - January 3).
pub fn is_year_end_closure(date: NaiveDate) -> bool {
    matches!((date.month(), date.day()), (12, 29..=31) | (1, 1..=3))
}

/// Whether the city office is open on `date` by default: a weekday that is neither a
/// national holiday nor in the year-end closure. Day overrides may still open or close it.
pub fn is_office_day(date: NaiveDate) -> bool {
    !matches!(date.weekday(), Weekday::Sat | Weekday::Sun)
        && holiday(date).is_none()
        && !is_year_end_closure(date)
}

fn statutory_holiday(date: NaiveDate) -> Option<HolidayKind> {
    let year = date.year();
    let kind = match (date.month(), date.day()) {
        (1, 1) => HolidayKind::NewYearsDay,
        (2, 11) => HolidayKind::NationalFoundationDay,
        (2, 23) => HolidayKind::EmperorsBirthday,
        (4, 29) => HolidayKind::ShowaDay,
        (5, 3) => HolidayKind::ConstitutionDay,
        (5, 4) => HolidayKind::GreeneryDay,
        (5, 5) => HolidayKind::ChildrensDay,
        (8, 11) => HolidayKind::MountainDay,
        (11, 3) => HolidayKind::CultureDay,
        (11, 23) => HolidayKind::LaborThanksgivingDay,
        (3, day) if day == vernal_equinox_day(year) => HolidayKind::VernalEquinoxDay,
        (9, day) if day == autumnal_equinox_day(year) => HolidayKind::AutumnalEquinoxDay,
        (1, _) if is_nth_monday(date, 2) => HolidayKind::ComingOfAgeDay,
        (7, _) if is_nth_monday(date, 3) => HolidayKind::MarineDay,
        (9, _) if is_nth_monday(date, 3) => HolidayKind::RespectForTheAgedDay,
        (10, _) if is_nth_monday(date, 2) => HolidayKind::SportsDay,
        _ => return None,
    };
    Some(kind)
}

/// 振替休日 (Article 3-2): when a holiday falls on a Sunday, the nearest following day
/// that is not a holiday becomes one. Walk back over the run of holidays before `date`
/// looking for a Sunday.
fn is_substitute_holiday(date: NaiveDate) -> bool {
    if statutory_holiday(date).is_some() {
        return false;
    }
    let mut previous = date - Duration::days(1);
    while statutory_holiday(previous).is_some() {
        if previous.weekday() == Weekday::Sun {
            return true;
        }
        previous -= Duration::days(1);
    }
    false
}

fn is_nth_monday(date: NaiveDate, n: u32) -> bool {
    date.weekday() == Weekday::Mon && (date.day() - 1) / 7 + 1 == n
}

/// Day of March of 春分の日, valid 1980-2099.
fn vernal_equinox_day(year: i32) -> u32 {
    equinox_day(year, 20.8431)
}

/// Day of September of 秋分の日, valid 1980-2099.
fn autumnal_equinox_day(year: i32) -> u32 {
    equinox_day(year, 23.2488)
}

fn equinox_day(year: i32, base: f64) -> u32 {
    let years_since_1980 = f64::from(year - 1980);
    let leap_correction = f64::from((year - 1980).div_euclid(4));
    let day = (base + 0.242194 * years_since_1980 - leap_correction).floor();
    // The value is always a day of the month (19..=24) for the supported years.
    day as u32
}

#[cfg(test)]
mod tests {
    use super::*;
    use rstest::rstest;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("valid test date")
    }

    fn dates_of(year: i32) -> Vec<(u32, u32)> {
        holidays_in_year(year)
            .into_iter()
            .map(|(day, _)| (day.month(), day.day()))
            .collect()
    }

    /// The Cabinet Office's list (内閣府「国民の祝日について」) for 2026.
    #[test]
    fn r4_3_holidays_2026_match_the_cabinet_office_list() {
        let expected = vec![
            (1, 1),
            (1, 12),
            (2, 11),
            (2, 23),
            (3, 20),
            (4, 29),
            (5, 3),
            (5, 4),
            (5, 5),
            (5, 6),
            (7, 20),
            (8, 11),
            (9, 21),
            (9, 22),
            (9, 23),
            (10, 12),
            (11, 3),
            (11, 23),
        ];
        assert_eq!(dates_of(2026), expected);
    }

    /// The Cabinet Office's list for 2027 (the equinoxes as announced in the official gazette).
    #[test]
    fn r4_3_holidays_2027_match_the_cabinet_office_list() {
        let expected = vec![
            (1, 1),
            (1, 11),
            (2, 11),
            (2, 23),
            (3, 21),
            (3, 22),
            (4, 29),
            (5, 3),
            (5, 4),
            (5, 5),
            (7, 19),
            (8, 11),
            (9, 20),
            (9, 23),
            (10, 11),
            (11, 3),
            (11, 23),
        ];
        assert_eq!(dates_of(2027), expected);
    }

    #[rstest]
    #[case::substitute_for_constitution_day_on_sunday(
        date(2026, 5, 6),
        HolidayKind::SubstituteHoliday
    )]
    #[case::citizens_holiday_in_silver_week(date(2026, 9, 22), HolidayKind::CitizensHoliday)]
    #[case::substitute_for_vernal_equinox_on_sunday(
        date(2027, 3, 22),
        HolidayKind::SubstituteHoliday
    )]
    #[case::substitute_for_culture_day_on_sunday(date(2030, 11, 4), HolidayKind::SubstituteHoliday)]
    #[case::vernal_equinox_2028(date(2028, 3, 20), HolidayKind::VernalEquinoxDay)]
    #[case::autumnal_equinox_2028(date(2028, 9, 22), HolidayKind::AutumnalEquinoxDay)]
    #[case::vernal_equinox_2029(date(2029, 3, 20), HolidayKind::VernalEquinoxDay)]
    #[case::autumnal_equinox_2030(date(2030, 9, 23), HolidayKind::AutumnalEquinoxDay)]
    #[case::sports_day_2029(date(2029, 10, 8), HolidayKind::SportsDay)]
    fn special_holidays_get_the_right_kind(#[case] day: NaiveDate, #[case] kind: HolidayKind) {
        assert_eq!(holiday(day), Some(kind));
    }

    #[rstest]
    #[case(2028, 16)]
    #[case(2029, 19)]
    #[case(2030, 19)]
    fn later_years_have_the_expected_number_of_holidays(#[case] year: i32, #[case] count: usize) {
        assert_eq!(
            holidays_in_year(year).len(),
            count,
            "{:?}",
            holidays_in_year(year)
        );
    }

    #[test]
    fn years_outside_the_statute_in_force_give_no_holidays() {
        assert_eq!(holiday(date(2100, 1, 1)), None);
        assert!(holidays_in_year(2019).is_empty());
    }

    #[rstest]
    #[case::dec_28_is_open(date(2026, 12, 28), true)]
    #[case::dec_29_closed(date(2026, 12, 29), false)]
    #[case::dec_31_closed(date(2026, 12, 31), false)]
    #[case::jan_3_closed(date(2027, 1, 3), false)]
    #[case::jan_4_open(date(2027, 1, 4), true)]
    #[case::saturday_closed(date(2026, 11, 28), false)]
    #[case::labor_thanksgiving_closed(date(2026, 11, 23), false)]
    #[case::ordinary_thursday_open(date(2026, 11, 26), true)]
    fn office_days_follow_weekends_holidays_and_the_year_end_closure(
        #[case] day: NaiveDate,
        #[case] open: bool,
    ) {
        assert_eq!(is_office_day(day), open);
    }

    #[test]
    fn every_holiday_has_a_japanese_and_an_english_name() {
        for (_, kind) in holidays_in_year(2026) {
            assert!(!kind.name_ja().is_empty());
            assert!(!kind.name_en().is_empty());
        }
    }

    /// Our own holiday rules, cross-checked day by day against a kept crate's (`jpholiday`,
    /// a port of the widely used Python library) for every year of the contract and beyond.
    #[test]
    fn r4_3_holidays_2026_to_2035_agree_with_an_independent_holiday_library() {
        let reference = jpholiday::jpholiday::JPHoliday::new();
        let mut day = date(2026, 1, 1);
        let mut disagreements = Vec::new();
        let mut holidays = 0;
        while day <= date(2035, 12, 31) {
            let ours = holiday(day).is_some();
            holidays += usize::from(ours);
            if ours != reference.is_holiday(&day) {
                disagreements.push(format!("{day}: ours {:?}", holiday(day)));
            }
            day = day.succ_opt().unwrap_or(day);
        }
        assert!(disagreements.is_empty(), "{disagreements:#?}");
        assert!(
            holidays > 150,
            "ten years hold some 160 holidays, not {holidays}"
        );
    }
}
