//! An iCalendar (RFC 5545) event for a reservation, for "add to calendar" links and mail
//! attachments.

use chrono::{NaiveDateTime, TimeZone, Utc};

use crate::dto::reservation::Reservation;
use crate::time::japan;

fn utc_stamp(local: NaiveDateTime) -> String {
    japan()
        .from_local_datetime(&local)
        .single()
        .map(|at| at.with_timezone(&Utc).format("%Y%m%dT%H%M%SZ").to_string())
        .unwrap_or_default()
}

/// Escapes TEXT values (RFC 5545 §3.3.11).
fn escape(text: &str) -> String {
    text.replace('\\', "\\\\")
        .replace(';', "\\;")
        .replace(',', "\\,")
        .replace('\n', "\\n")
}

/// A VCALENDAR with one VEVENT for the visit, in Japanese and English, with what each
/// member brings.
pub fn reservation_event(reservation: &Reservation, now: chrono::DateTime<Utc>) -> String {
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
        "METHOD:PUBLISH".to_owned(),
        "BEGIN:VEVENT".to_owned(),
        format!("UID:{}@madoguchi", reservation.number),
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
    lines.join("\r\n") + "\r\n"
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dto::reservation::{Channel, Language, ReservationStatus};
    use chrono::{NaiveDate, NaiveTime};

    #[test]
    fn the_event_is_in_utc_and_escapes_text() {
        let booked_at = chrono::DateTime::parse_from_rfc3339("2026-11-20T10:00:00+09:00")
            .expect("instant")
            .with_timezone(&Utc);
        let reservation = Reservation {
            number: "ACK7-9WXY".to_owned(),
            status: ReservationStatus::Booked,
            channel: Channel::Web,
            language: Language::Ja,
            location_id: 1,
            location_name_ja: "本庁, 市民課".to_owned(),
            location_name_en: "City Hall".to_owned(),
            date: NaiveDate::from_ymd_opt(2026, 12, 1).expect("date"),
            start: NaiveTime::from_hms_opt(9, 0, 0).expect("time"),
            end: NaiveTime::from_hms_opt(9, 30, 0).expect("time"),
            members: vec![],
            contact: Default::default(),
            created_at: booked_at,
            updated_at: booked_at,
        };
        let ics = reservation_event(&reservation, booked_at);
        assert!(ics.contains("DTSTAMP:20261120T010000Z\r\n"));
        assert!(
            ics.contains("DTSTART:20261201T000000Z\r\n"),
            "09:00 JST is 00:00 UTC"
        );
        assert!(ics.contains("DTEND:20261201T003000Z\r\n"));
        assert!(ics.contains("LOCATION:本庁\\, 市民課\r\n"));
        assert!(ics.starts_with("BEGIN:VCALENDAR\r\n") && ics.ends_with("END:VCALENDAR\r\n"));
    }
}
