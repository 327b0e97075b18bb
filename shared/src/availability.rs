//! Availability marks ○ / △ / × (R7.4-ウ). The server computes them for the API and the SPA
//! uses the same function, so a day never shows one mark on the calendar and another in a list.

use serde::{Deserialize, Serialize};

/// How full a day or a time band is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Mark {
    /// ○ 空きあり: plenty of seats.
    Available,
    /// △ 残りわずか: few seats left.
    Few,
    /// × 満席: no seat for this party.
    Full,
    /// － 受付なし: closed, or outside the booking window.
    Closed,
}

impl Mark {
    /// The symbol shown on the calendar.
    pub fn symbol(self) -> &'static str {
        match self {
            Mark::Available => "○",
            Mark::Few => "△",
            Mark::Full => "×",
            Mark::Closed => "－",
        }
    }

    /// Text for screen readers and legends, Japanese.
    pub fn label_ja(self) -> &'static str {
        match self {
            Mark::Available => "空きあり",
            Mark::Few => "残りわずか",
            Mark::Full => "満席",
            Mark::Closed => "受付なし",
        }
    }

    /// Text for screen readers and legends, English.
    pub fn label_en(self) -> &'static str {
        match self {
            Mark::Available => "Available",
            Mark::Few => "Few left",
            Mark::Full => "Full",
            Mark::Closed => "Not bookable",
        }
    }
}

/// When a band counts as "few left" (△): at or below a number of seats, or at or below a
/// share of its capacity, whichever is reached first. Set per location by the city.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FewThreshold {
    /// △ when this many seats or fewer remain (0 turns the rule off).
    #[cfg_attr(feature = "openapi", schema(example = 2))]
    pub seats: u32,
    /// △ when this percentage of the capacity or less remains (0 turns the rule off).
    #[cfg_attr(feature = "openapi", schema(example = 20))]
    pub percent: u32,
}

impl Default for FewThreshold {
    fn default() -> Self {
        Self {
            seats: 2,
            percent: 0,
        }
    }
}

/// The mark for `remaining` of `capacity` seats when a party needs `needed` seats.
///
/// × when the party does not fit; △ when what remains is at or under the threshold;
/// otherwise ○. A band without capacity is closed.
pub fn mark(remaining: u32, capacity: u32, needed: u32, threshold: FewThreshold) -> Mark {
    if capacity == 0 {
        return Mark::Closed;
    }
    if remaining < needed.max(1) {
        return Mark::Full;
    }
    let few_by_seats = threshold.seats > 0 && remaining <= threshold.seats;
    // remaining / capacity <= percent / 100, in integers.
    let few_by_share = threshold.percent > 0
        && u64::from(remaining) * 100 <= u64::from(capacity) * u64::from(threshold.percent);
    if few_by_seats || few_by_share {
        Mark::Few
    } else {
        Mark::Available
    }
}

/// The mark of a day from its bands' marks: ○ if any band is ○, else △ if any is △,
/// else × if any band exists, else closed.
pub fn day_mark(band_marks: impl IntoIterator<Item = Mark>) -> Mark {
    let mut best = Mark::Closed;
    for band in band_marks {
        best = match (best, band) {
            (_, Mark::Available) | (Mark::Available, _) => Mark::Available,
            (_, Mark::Few) | (Mark::Few, _) => Mark::Few,
            (_, Mark::Full) | (Mark::Full, _) => Mark::Full,
            _ => Mark::Closed,
        };
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;
    use rstest::rstest;

    const TWO_SEATS: FewThreshold = FewThreshold {
        seats: 2,
        percent: 0,
    };
    const TWENTY_PERCENT: FewThreshold = FewThreshold {
        seats: 0,
        percent: 20,
    };

    #[rstest]
    #[case::plenty(4, 4, 1, TWO_SEATS, Mark::Available)]
    #[case::three_left(3, 4, 1, TWO_SEATS, Mark::Available)]
    #[case::two_left_is_few(2, 4, 1, TWO_SEATS, Mark::Few)]
    #[case::one_left_is_few(1, 4, 1, TWO_SEATS, Mark::Few)]
    #[case::none_left_is_full(0, 4, 1, TWO_SEATS, Mark::Full)]
    #[case::party_does_not_fit(2, 4, 3, TWO_SEATS, Mark::Full)]
    #[case::no_capacity_is_closed(0, 0, 1, TWO_SEATS, Mark::Closed)]
    #[case::twenty_percent_of_ten(2, 10, 1, TWENTY_PERCENT, Mark::Few)]
    #[case::thirty_percent_of_ten(3, 10, 1, TWENTY_PERCENT, Mark::Available)]
    fn r7_4_u_marks_follow_remaining_seats(
        #[case] remaining: u32,
        #[case] capacity: u32,
        #[case] needed: u32,
        #[case] threshold: FewThreshold,
        #[case] expected: Mark,
    ) {
        assert_eq!(mark(remaining, capacity, needed, threshold), expected);
    }

    #[test]
    fn r7_4_u_a_day_shows_its_best_band() {
        assert_eq!(day_mark([Mark::Full, Mark::Few]), Mark::Few);
        assert_eq!(
            day_mark([Mark::Full, Mark::Available, Mark::Few]),
            Mark::Available
        );
        assert_eq!(day_mark([Mark::Full, Mark::Full]), Mark::Full);
        assert_eq!(day_mark([]), Mark::Closed);
    }

    #[test]
    fn every_mark_has_a_symbol_and_text_for_screen_readers() {
        for mark in [Mark::Available, Mark::Few, Mark::Full, Mark::Closed] {
            assert!(!mark.symbol().is_empty());
            assert!(!mark.label_ja().is_empty() && !mark.label_en().is_empty());
        }
        assert_eq!(Mark::Few.symbol(), "△");
        assert_eq!(Mark::Full.label_ja(), "満席");
    }
}
