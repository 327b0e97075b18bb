//! An iCalendar (RFC 5545) event for a reservation, for "add to calendar" links and mail
//! attachments. The event keeps one UID for the reservation's life; every change carries a
//! higher `SEQUENCE`, and a cancellation is the same event with `METHOD:CANCEL`, so the
//! citizen's calendar app updates or removes the entry it already has.

use chrono::{NaiveDateTime, TimeZone, Utc};

use crate::dto::reservation::{Reservation, ReservationStatus};
use crate::time::japan;

/// Longest content line, in octets, before it is folded (RFC 5545 §3.1).
const MAX_LINE_OCTETS: usize = 75;

fn utc_stamp(local: NaiveDateTime) -> String {
    japan()
        .from_local_datetime(&local)
        .single()
        .map(|at| at.with_timezone(&Utc).format("%Y%m%dT%H%M%SZ").to_string())
        .unwrap_or_default()
}

/// Escapes TEXT values (RFC 5545 §3.3.11): backslashes, semicolons, commas and line breaks
/// (CRLF, CR and LF alike become `\n`).
fn escape(text: &str) -> String {
    text.replace('\\', "\\\\")
        .replace(';', "\\;")
        .replace(',', "\\,")
        .replace("\r\n", "\n")
        .replace('\r', "\n")
        .replace('\n', "\\n")
}

/// Folds a content line into lines of at most 75 octets, each continuation starting with a
/// space, never splitting a UTF-8 character (RFC 5545 §3.1).
fn fold(line: &str) -> String {
    let mut folded = String::with_capacity(line.len() + line.len() / MAX_LINE_OCTETS * 3);
    let mut octets = 0;
    for c in line.chars() {
        if octets + c.len_utf8() > MAX_LINE_OCTETS {
            folded.push_str("\r\n ");
            // The leading space counts toward the continuation line's length.
            octets = 1;
        }
        folded.push(c);
        octets += c.len_utf8();
    }
    folded
}

/// A VCALENDAR with one VEVENT for the visit, in Japanese and English, with what each
/// member brings. `sequence` counts the reservation's changes; a cancelled reservation
/// gives the cancelling form of the event.
pub fn reservation_event(
    reservation: &Reservation,
    now: chrono::DateTime<Utc>,
    sequence: u32,
) -> String {
    let cancelled = reservation.status == ReservationStatus::Cancelled;
    let mut description = format!("予約番号 Reservation number: {}\n", reservation.number);
    for member in &reservation.members {
        description.push_str(&format!(
            "\n{} — {}\n持参物: {}\n",
            member.name, member.procedure.name_ja, member.procedure.what_to_bring_ja
        ));
    }
    let lines = [
        "BEGIN:VCALENDAR".to_owned(),
        "VERSION:2.0".to_owned(),
        "PRODID:-//madoguchi//Hatsukaichi City//JA".to_owned(),
        "CALSCALE:GREGORIAN".to_owned(),
        format!("METHOD:{}", if cancelled { "CANCEL" } else { "PUBLISH" }),
        "BEGIN:VEVENT".to_owned(),
        format!("UID:{}@madoguchi", reservation.number),
        format!("SEQUENCE:{sequence}"),
        format!(
            "STATUS:{}",
            if cancelled { "CANCELLED" } else { "CONFIRMED" }
        ),
        format!("DTSTAMP:{}", now.format("%Y%m%dT%H%M%SZ")),
        format!(
            "DTSTART:{}",
            utc_stamp(reservation.date.and_time(reservation.start))
        ),
        format!(
            "DTEND:{}",
            utc_stamp(reservation.date.and_time(reservation.end))
        ),
        format!(
            "SUMMARY:{}",
            escape("マイナンバーカード窓口予約 (My Number Card appointment)")
        ),
        format!("LOCATION:{}", escape(&reservation.location_name_ja)),
        format!("DESCRIPTION:{}", escape(&description)),
        "END:VEVENT".to_owned(),
        "END:VCALENDAR".to_owned(),
    ];
    lines.iter().map(|line| fold(line) + "\r\n").collect()
}

/// Whether an event is the cancelling form (`METHOD:CANCEL`), for the MIME type of its
/// attachment.
pub fn is_cancellation(ics: &str) -> bool {
    ics.lines().any(|line| line.trim_end() == "METHOD:CANCEL")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dto::reservation::{Channel, Language, PartyMember, ProcedureGuide};
    use chrono::{NaiveDate, NaiveTime};
    use icalendar::{Calendar, CalendarComponent, Component, EventLike};

    fn reservation(status: ReservationStatus) -> Reservation {
        let booked_at = chrono::DateTime::parse_from_rfc3339("2026-11-20T10:00:00+09:00")
            .expect("instant")
            .with_timezone(&Utc);
        Reservation {
            number: "ACK7-9WXY".to_owned(),
            status,
            channel: Channel::Web,
            language: Language::Ja,
            location_id: 1,
            location_name_ja: "本庁, 市民課;\r\n1階".to_owned(),
            location_name_en: "City Hall".to_owned(),
            date: NaiveDate::from_ymd_opt(2026, 12, 1).expect("date"),
            start: NaiveTime::from_hms_opt(9, 0, 0).expect("time"),
            end: NaiveTime::from_hms_opt(9, 30, 0).expect("time"),
            members: vec![PartyMember {
                id: 1,
                name: "廿日 太郎".to_owned(),
                procedure: ProcedureGuide {
                    id: 1,
                    name_ja: "カードの受取り".to_owned(),
                    name_en: "Card pickup".to_owned(),
                    what_to_bring_ja: "交付通知書、本人確認書類（運転免許証など）、通知カード\r\n住基カード（お持ちの方）".repeat(3),
                    what_to_bring_en: String::new(),
                    notes_ja: String::new(),
                    notes_en: String::new(),
                },
            }],
            contact: Default::default(),
            created_at: booked_at,
            updated_at: booked_at,
        }
    }

    fn stamp() -> chrono::DateTime<Utc> {
        chrono::DateTime::parse_from_rfc3339("2026-11-20T10:00:00+09:00")
            .expect("instant")
            .with_timezone(&Utc)
    }

    /// The one event of a calendar, as a real iCalendar parser reads it.
    fn parsed_event(ics: &str) -> (Calendar, icalendar::Event) {
        let calendar: Calendar = ics.parse().expect("a valid iCalendar document");
        let event = calendar
            .components
            .iter()
            .find_map(|component| match component {
                CalendarComponent::Event(event) => Some(event.clone()),
                _ => None,
            })
            .expect("one event");
        (calendar, event)
    }

    #[test]
    fn r7_4_ko_the_event_is_in_utc_folds_long_lines_and_reads_back_whole() {
        let ics = reservation_event(&reservation(ReservationStatus::Booked), stamp(), 0);
        assert!(
            ics.contains("DTSTART:20261201T000000Z\r\n"),
            "09:00 JST is 00:00 UTC"
        );
        assert!(ics.contains("DTEND:20261201T003000Z\r\n"));
        assert!(ics.contains("DTSTAMP:20261120T010000Z\r\n"));
        assert!(ics.starts_with("BEGIN:VCALENDAR\r\n") && ics.ends_with("END:VCALENDAR\r\n"));
        for line in ics.split("\r\n") {
            assert!(
                line.len() <= MAX_LINE_OCTETS,
                "{} octets: {line}",
                line.len()
            );
            assert!(!line.contains('\r') && !line.contains('\n'));
        }
        let (_, event) = parsed_event(&ics);
        assert_eq!(event.get_uid(), Some("ACK7-9WXY@madoguchi"));
        assert_eq!(event.property_value("SEQUENCE"), Some("0"));
        assert_eq!(
            event.get_location(),
            Some("本庁, 市民課;\n1階"),
            "escaped text reads back as written, a CRLF as a line break"
        );
        let description = event.get_description().expect("a description");
        assert!(
            description.contains("住基カード（お持ちの方）交付通知書"),
            "{description}"
        );
        assert!(
            description.contains("通知カード\n住基カード"),
            "{description}"
        );
    }

    #[test]
    fn r7_4_ko_a_change_raises_the_sequence_and_a_cancellation_cancels_the_same_event() {
        let changed = reservation_event(&reservation(ReservationStatus::Booked), stamp(), 3);
        let (calendar, event) = parsed_event(&changed);
        assert_eq!(event.property_value("SEQUENCE"), Some("3"));
        assert_eq!(calendar.property_value("METHOD"), Some("PUBLISH"));
        assert!(!is_cancellation(&changed));

        let cancelled = reservation_event(&reservation(ReservationStatus::Cancelled), stamp(), 4);
        let (calendar, event) = parsed_event(&cancelled);
        assert_eq!(calendar.property_value("METHOD"), Some("CANCEL"));
        assert_eq!(event.property_value("STATUS"), Some("CANCELLED"));
        assert_eq!(
            event.get_uid(),
            Some("ACK7-9WXY@madoguchi"),
            "the same event"
        );
        assert_eq!(event.property_value("SEQUENCE"), Some("4"));
        assert!(is_cancellation(&cancelled));
    }
}
