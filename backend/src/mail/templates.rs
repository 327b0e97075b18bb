//! The emails a citizen receives (R7.4-コ), in the language they booked in, as plain text
//! and HTML, each naming the reservation number, day and time, place, what every member
//! brings and the notes, and how to change or cancel. The bodies are templates
//! (`crate::templates`: `mail.txt`, `mail.html`), the HTML escaped as written.

use madoguchi_shared::dto::reservation::{Language, Reservation};
use madoguchi_shared::time::format_date_ja;
use minijinja::Value;
use serde::Serialize;

use crate::mail::error::MailError;
use crate::templates;

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

/// The fixed words of a mail in one language.
#[derive(Serialize)]
struct Words {
    honorific: &'static str,
    number: &'static str,
    when: &'static str,
    place: &'static str,
    members: &'static str,
    bring: &'static str,
    notes: &'static str,
    how: &'static str,
}

const JAPANESE: Words = Words {
    honorific: "様",
    number: "予約番号",
    when: "日時",
    place: "場所",
    members: "■ 来庁される方と持ち物",
    bring: "持参物",
    notes: "留意事項",
    how: "予約の確認・変更・キャンセルは次のリンクから行えます（予約番号と電話番号またはメールアドレスでも開けます）。",
};

const ENGLISH: Words = Words {
    honorific: "",
    number: "Reservation number",
    when: "Date and time",
    place: "Place",
    members: "■ Who is coming and what to bring",
    bring: "Bring",
    notes: "Notes",
    how: "View, change or cancel your booking here (or open it with the reservation number and your phone number or email):",
};

/// One member as a mail lists them.
#[derive(Serialize)]
struct Member<'a> {
    name: &'a str,
    procedure: &'a str,
    bring: &'a str,
    notes: &'a str,
}

/// Renders the mail of `kind` for `reservation`; `manage_url` opens it without typing.
pub fn render(
    kind: MailKind,
    reservation: &Reservation,
    manage_url: &str,
) -> Result<RenderedMail, MailError> {
    let ja = reservation.language == Language::Ja;
    let headline = kind.headline(reservation.language);
    let subject = format!(
        "{} {headline} ({})",
        if ja {
            "【廿日市市】"
        } else {
            "[Hatsukaichi City]"
        },
        reservation.number
    );
    let members: Vec<Member<'_>> = reservation
        .members
        .iter()
        .map(|member| {
            let procedure = &member.procedure;
            if ja {
                Member {
                    name: &member.name,
                    procedure: &procedure.name_ja,
                    bring: &procedure.what_to_bring_ja,
                    notes: &procedure.notes_ja,
                }
            } else {
                Member {
                    name: &member.name,
                    procedure: &procedure.name_en,
                    bring: &procedure.what_to_bring_en,
                    notes: &procedure.notes_en,
                }
            }
        })
        .collect();
    let footer: &[&str] = if ja {
        &[
            "廿日市市 マイナンバーカード予約コールセンター（平日 8:30〜17:00）",
            "このメールは送信専用です。",
        ]
    } else {
        &[
            "Hatsukaichi City My Number Card reservation center (weekdays 8:30-17:00)",
            "This address does not receive replies.",
        ]
    };
    let context = minijinja::context! {
        lang => reservation.language.as_str(),
        t => Value::from_serialize(if ja { &JAPANESE } else { &ENGLISH }),
        subject => &subject,
        headline => headline,
        name => reservation.contact.get("name").map(String::as_str).unwrap_or_default(),
        number => &reservation.number,
        when => when(reservation),
        place => if ja { &reservation.location_name_ja } else { &reservation.location_name_en },
        show_members => kind != MailKind::Cancelled,
        show_manage => kind != MailKind::Cancelled,
        members => Value::from_serialize(&members),
        manage_url => manage_url,
        footer => footer,
    };
    let fill = |name: &str| {
        templates::render(name, &context)
            .map_err(|error| MailError::Build(anyhow::anyhow!("template {name}: {error}")))
    };
    Ok(RenderedMail {
        text: fill("mail.txt")?,
        html: fill("mail.html")?,
        subject,
    })
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
        let booked_at = Utc
            .with_ymd_and_hms(2026, 11, 20, 1, 0, 0)
            .single()
            .unwrap_or_default();
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
            contact: [("name".to_owned(), "廿日 太郎".to_owned())]
                .into_iter()
                .collect(),
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
        )
        .unwrap_or_else(|error| panic!("{error}"));
        insta::assert_snapshot!(
            format!("{}_{}", kind.as_str(), language.as_str()),
            format!(
                "Subject: {}\n\n{}\n----- HTML -----\n{}",
                mail.subject, mail.text, mail.html
            )
        );
    }
}
