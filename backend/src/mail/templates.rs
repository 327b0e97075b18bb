//! The emails a citizen receives (R7.4-コ), in the language they booked in, as plain text
//! and HTML, each naming the reservation number, day and time, place, what every member
//! brings and the notes, and how to change or cancel.

use madoguchi_shared::dto::reservation::{Language, Reservation};
use madoguchi_shared::time::format_date_ja;

/// Why a mail is sent.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MailKind {
    /// 予約完了
    Booked,
    /// 変更完了
    Changed,
    /// 取消
    Cancelled,
    /// 家族の追加
    MemberAdded,
    /// 家族の取消
    MemberRemoved,
    /// 前日のお知らせ
    Reminder,
}

impl MailKind {
    /// The stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            MailKind::Booked => "booked",
            MailKind::Changed => "changed",
            MailKind::Cancelled => "cancelled",
            MailKind::MemberAdded => "member_added",
            MailKind::MemberRemoved => "member_removed",
            MailKind::Reminder => "reminder",
        }
    }

    /// Whether the mail carries the visit as an .ics attachment: every mail does, the
    /// cancellation as the event's cancelling form, so calendar apps drop the entry.
    pub fn has_calendar(self) -> bool {
        true
    }

    fn headline(self, language: Language) -> &'static str {
        match (language, self) {
            (Language::Ja, MailKind::Booked) => "マイナンバーカード窓口の予約が完了しました",
            (Language::Ja, MailKind::Changed) => "予約の日時を変更しました",
            (Language::Ja, MailKind::Cancelled) => "予約をキャンセルしました",
            (Language::Ja, MailKind::MemberAdded) => "予約に家族を追加しました",
            (Language::Ja, MailKind::MemberRemoved) => "予約から家族を外しました",
            (Language::Ja, MailKind::Reminder) => "明日はマイナンバーカード窓口のご予約日です",
            (Language::En, MailKind::Booked) => "Your My Number Card appointment is booked",
            (Language::En, MailKind::Changed) => "Your appointment has a new date and time",
            (Language::En, MailKind::Cancelled) => "Your appointment was cancelled",
            (Language::En, MailKind::MemberAdded) => {
                "A family member was added to your appointment"
            }
            (Language::En, MailKind::MemberRemoved) => {
                "A family member was removed from your appointment"
            }
            (Language::En, MailKind::Reminder) => {
                "Reminder: your My Number Card appointment is tomorrow"
            }
        }
    }
}

/// A rendered mail.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RenderedMail {
    /// Subject line.
    pub subject: String,
    /// Plain-text body.
    pub text: String,
    /// HTML body.
    pub html: String,
}

fn when(reservation: &Reservation) -> String {
    let band = format!(
        "{}〜{}",
        reservation.start.format("%-H:%M"),
        reservation.end.format("%-H:%M")
    );
    match reservation.language {
        Language::Ja => format!("{} {band}", format_date_ja(reservation.date)),
        Language::En => format!("{} {band}", reservation.date.format("%a %-d %b %Y")),
    }
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// Renders the mail of `kind` for `reservation`; `manage_url` opens it without typing.
pub fn render(kind: MailKind, reservation: &Reservation, manage_url: &str) -> RenderedMail {
    let ja = reservation.language == Language::Ja;
    let pick = |ja_text: &'static str, en_text: &'static str| if ja { ja_text } else { en_text };
    let headline = kind.headline(reservation.language);
    let subject = format!(
        "{} {headline} ({})",
        pick("【廿日市市】", "[Hatsukaichi City]"),
        reservation.number
    );
    let name = reservation.contact.get("name").cloned().unwrap_or_default();
    let place = if ja {
        &reservation.location_name_ja
    } else {
        &reservation.location_name_en
    };
    let mut text = String::new();
    if !name.is_empty() {
        text.push_str(&format!("{name} {}\n\n", pick("様", "")));
    }
    text.push_str(&format!("{headline}\n\n"));
    text.push_str(&format!(
        "{}: {}\n",
        pick("予約番号", "Reservation number"),
        reservation.number
    ));
    text.push_str(&format!(
        "{}: {}\n",
        pick("日時", "Date and time"),
        when(reservation)
    ));
    text.push_str(&format!("{}: {place}\n", pick("場所", "Place")));
    let mut members_html = String::new();
    if kind != MailKind::Cancelled {
        text.push_str(&format!(
            "\n{}\n",
            pick(
                "■ 来庁される方と持ち物",
                "■ Who is coming and what to bring"
            )
        ));
        for member in &reservation.members {
            let procedure = &member.procedure;
            let (name, bring, notes) = if ja {
                (
                    &procedure.name_ja,
                    &procedure.what_to_bring_ja,
                    &procedure.notes_ja,
                )
            } else {
                (
                    &procedure.name_en,
                    &procedure.what_to_bring_en,
                    &procedure.notes_en,
                )
            };
            text.push_str(&format!(
                "・{}（{name}）\n  {}: {bring}\n  {}: {notes}\n",
                member.name,
                pick("持参物", "Bring"),
                pick("留意事項", "Notes")
            ));
            members_html.push_str(&format!(
                "<li><strong>{}</strong>（{}）<br>{}: {}<br>{}: {}</li>",
                escape(&member.name),
                escape(name),
                pick("持参物", "Bring"),
                escape(bring),
                pick("留意事項", "Notes"),
                escape(notes)
            ));
        }
    }
    let how = pick(
        "予約の確認・変更・キャンセルは次のリンクから行えます（予約番号と電話番号またはメールアドレスでも開けます）。",
        "View, change or cancel your booking here (or open it with the reservation number and your phone number or email):",
    );
    if kind != MailKind::Cancelled {
        text.push_str(&format!("\n{how}\n{manage_url}\n"));
    }
    let footer = pick(
        "廿日市市 マイナンバーカード予約コールセンター（平日 8:30〜17:00）\nこのメールは送信専用です。",
        "Hatsukaichi City My Number Card reservation center (weekdays 8:30-17:00)\nThis address does not receive replies.",
    );
    text.push_str(&format!("\n--\n{footer}\n"));
    let html = format!(
        "<!DOCTYPE html><html lang=\"{lang}\"><head><meta charset=\"utf-8\"><title>{subject}</title></head><body>\
         <h1 style=\"font-size:18px\">{headline}</h1>\
         <p>{number_label}: <strong style=\"font-size:20px\">{number}</strong><br>{when_label}: {when}<br>{place_label}: {place}</p>\
         {members}{manage}<hr><p style=\"color:#555\">{footer}</p></body></html>",
        lang = if ja { "ja" } else { "en" },
        subject = escape(&subject),
        headline = escape(headline),
        number_label = pick("予約番号", "Reservation number"),
        number = escape(&reservation.number),
        when_label = pick("日時", "Date and time"),
        when = escape(&when(reservation)),
        place_label = pick("場所", "Place"),
        place = escape(place),
        members = if members_html.is_empty() {
            String::new()
        } else {
            format!("<ul>{members_html}</ul>")
        },
        manage = if kind == MailKind::Cancelled {
            String::new()
        } else {
            format!(
                "<p>{}<br><a href=\"{url}\">{url}</a></p>",
                escape(how),
                url = escape(manage_url)
            )
        },
        footer = escape(footer).replace('\n', "<br>"),
    );
    RenderedMail {
        subject,
        text,
        html,
    }
}

#[cfg(test)]
mod tests {
    use chrono::{NaiveDate, NaiveTime, TimeZone, Utc};
    use madoguchi_shared::dto::reservation::{
        Channel, Language, PartyMember, ProcedureGuide, Reservation, ReservationStatus,
    };
    use rstest::rstest;

    use super::{MailKind, render};

    /// A party of two, with text that HTML must escape in a name and in the guidance.
    fn reservation(language: Language) -> Reservation {
        let booked_at = Utc.with_ymd_and_hms(2026, 11, 20, 1, 0, 0).single().unwrap_or_default();
        let guide = |id, name_ja: &str, name_en: &str| ProcedureGuide {
            id,
            name_ja: name_ja.to_owned(),
            name_en: name_en.to_owned(),
            what_to_bring_ja: "交付通知書、本人確認書類 <運転免許証 & 旅券>".to_owned(),
            what_to_bring_en: "The notice, photo ID <licence & passport>".to_owned(),
            notes_ja: "暗証番号を決めてお越しください".to_owned(),
            notes_en: "Decide your PINs before you come".to_owned(),
        };
        Reservation {
            number: "ACK7-9WXY".to_owned(),
            status: ReservationStatus::Booked,
            channel: Channel::Web,
            language,
            location_id: 1,
            location_name_ja: "本庁 1階 市民課".to_owned(),
            location_name_en: "City Hall, 1F".to_owned(),
            date: NaiveDate::from_ymd_opt(2026, 12, 1).unwrap_or_default(),
            start: NaiveTime::from_hms_opt(9, 0, 0).unwrap_or_default(),
            end: NaiveTime::from_hms_opt(9, 30, 0).unwrap_or_default(),
            members: vec![
                PartyMember {
                    id: 1,
                    name: "廿日 太郎".to_owned(),
                    procedure: guide(1, "カードの受取り", "Card pickup"),
                },
                PartyMember {
                    id: 2,
                    name: "<b>廿日</b> & 花子".to_owned(),
                    procedure: guide(2, "暗証番号の再設定", "PIN reset"),
                },
            ],
            contact: [("name".to_owned(), "廿日 太郎".to_owned())].into_iter().collect(),
            created_at: booked_at,
            updated_at: booked_at,
        }
    }

    /// Every mail in both languages, text and HTML: a change to any wording or markup shows
    /// in review as a changed snapshot (`cargo insta review`).
    #[rstest]
    fn r7_4_ko_every_mail_reads_as_reviewed(
        #[values(
            MailKind::Booked,
            MailKind::Changed,
            MailKind::Cancelled,
            MailKind::MemberAdded,
            MailKind::MemberRemoved,
            MailKind::Reminder
        )]
        kind: MailKind,
        #[values(Language::Ja, Language::En)] language: Language,
    ) {
        let mail = render(
            kind,
            &reservation(language),
            "https://yoyaku.example.jp/reservations/ACK7-9WXY#token=t",
        );
        insta::assert_snapshot!(
            format!("{}_{}", kind.as_str(), language.as_str()),
            format!("Subject: {}\n\n{}\n----- HTML -----\n{}", mail.subject, mail.text, mail.html)
        );
    }
}
