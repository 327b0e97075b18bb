//! Reservations (予約): a party of one or more people in one time band (R7.4-オ, カ, キ, ケ).

use std::collections::BTreeMap;

use chrono::{DateTime, NaiveDate, NaiveTime, Utc};
use serde::{Deserialize, Serialize};

use super::schedule::hh_mm;

/// How a reservation was made.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Channel {
    /// A citizen on the web.
    Web,
    /// An operator on a call.
    Phone,
    /// City staff at the counter.
    Counter,
}

impl Channel {
    /// The stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            Channel::Web => "web",
            Channel::Phone => "phone",
            Channel::Counter => "counter",
        }
    }

    /// Parses the stored name.
    pub fn parse(name: &str) -> Option<Channel> {
        [Channel::Web, Channel::Phone, Channel::Counter]
            .into_iter()
            .find(|channel| channel.as_str() == name)
    }
}

/// Who made a change (R7.4-エ); decided by the caller's identity, never by the request body.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ActorKind {
    /// A citizen (市民), without an account.
    Citizen,
    /// Call-center staff (コールセンター).
    CallCenter,
    /// City staff (市).
    City,
    /// The system itself (jobs).
    System,
}

impl ActorKind {
    /// The stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            ActorKind::Citizen => "citizen",
            ActorKind::CallCenter => "call_center",
            ActorKind::City => "city",
            ActorKind::System => "system",
        }
    }

    /// Parses the stored name.
    pub fn parse(name: &str) -> Option<ActorKind> {
        [
            ActorKind::Citizen,
            ActorKind::CallCenter,
            ActorKind::City,
            ActorKind::System,
        ]
        .into_iter()
        .find(|kind| kind.as_str() == name)
    }
}

/// Where a reservation stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ReservationStatus {
    /// Booked and coming.
    Booked,
    /// Cancelled; its seats are free again.
    Cancelled,
    /// The party came.
    Visited,
    /// The party did not come.
    NoShow,
}

impl ReservationStatus {
    /// The stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            ReservationStatus::Booked => "booked",
            ReservationStatus::Cancelled => "cancelled",
            ReservationStatus::Visited => "visited",
            ReservationStatus::NoShow => "no_show",
        }
    }

    /// Parses the stored name.
    pub fn parse(name: &str) -> Option<ReservationStatus> {
        [
            ReservationStatus::Booked,
            ReservationStatus::Cancelled,
            ReservationStatus::Visited,
            ReservationStatus::NoShow,
        ]
        .into_iter()
        .find(|status| status.as_str() == name)
    }
}

/// The language of a reservation's emails.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Language {
    /// 日本語
    #[default]
    Ja,
    /// English
    En,
}

impl Language {
    /// Every language, in menu order.
    pub const ALL: [Language; 2] = [Language::Ja, Language::En];

    /// The stored and wire name.
    pub fn as_str(self) -> &'static str {
        match self {
            Language::Ja => "ja",
            Language::En => "en",
        }
    }

    /// Parses the stored name.
    pub fn parse(name: &str) -> Option<Language> {
        Language::ALL
            .into_iter()
            .find(|language| language.as_str() == name)
    }
}

/// One person of the party, as entered.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PartyMemberInput {
    /// The person's name.
    #[cfg_attr(feature = "openapi", schema(example = "廿日 太郎"))]
    pub name: String,
    /// The procedure this person comes for.
    #[cfg_attr(feature = "openapi", schema(example = 1))]
    pub procedure_id: i64,
}

/// Body of `POST /api/v1/reservations`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CreateReservationRequest {
    /// Where.
    pub location_id: i64,
    /// The day, Japan time.
    pub date: NaiveDate,
    /// Start of the time band.
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "09:00"))]
    #[serde(with = "hh_mm")]
    pub start: NaiveTime,
    /// The party: the applicant first, then family members (同時予約, R7.4-カ).
    pub members: Vec<PartyMemberInput>,
    /// The contact fields the city configured (R7.4-ケ), by key.
    pub contact: BTreeMap<String, String>,
    /// The seat hold (仮押さえ) taken when the band was picked, if any.
    #[serde(default)]
    pub hold_id: Option<String>,
    /// Language for emails.
    #[serde(default)]
    pub language: Language,
}

/// A procedure as a reservation shows it, with the texts to read out (R5.4).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ProcedureGuide {
    /// Procedure id.
    pub id: i64,
    /// Name, Japanese.
    pub name_ja: String,
    /// Name, English.
    pub name_en: String,
    /// What to bring (持参物), Japanese.
    pub what_to_bring_ja: String,
    /// What to bring, English.
    pub what_to_bring_en: String,
    /// Notes (留意事項), Japanese.
    pub notes_ja: String,
    /// Notes, English.
    pub notes_en: String,
}

/// One person of a booked party.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PartyMember {
    /// Member id.
    pub id: i64,
    /// The person's name.
    pub name: String,
    /// The procedure and what to bring for it.
    pub procedure: ProcedureGuide,
}

/// A reservation.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Reservation {
    /// The reservation number (予約番号).
    #[cfg_attr(feature = "openapi", schema(example = "ACK7-9WXY"))]
    pub number: String,
    /// Where it stands.
    pub status: ReservationStatus,
    /// How it was made.
    pub channel: Channel,
    /// Language for emails.
    pub language: Language,
    /// Location id.
    pub location_id: i64,
    /// Location name, Japanese.
    pub location_name_ja: String,
    /// Location name, English.
    pub location_name_en: String,
    /// The day.
    pub date: NaiveDate,
    /// Start of the band.
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "09:00"))]
    #[serde(with = "hh_mm")]
    pub start: NaiveTime,
    /// End of the band.
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "09:30"))]
    #[serde(with = "hh_mm")]
    pub end: NaiveTime,
    /// The party, applicant first.
    pub members: Vec<PartyMember>,
    /// Contact fields by key.
    pub contact: BTreeMap<String, String>,
    /// When it was made.
    pub created_at: DateTime<Utc>,
    /// Last change.
    pub updated_at: DateTime<Utc>,
}

/// A new reservation with the token that lets the citizen open it again (the signed link).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReservationWithAccess {
    /// The reservation.
    pub reservation: Reservation,
    /// Send as `Authorization: Bearer <token>` to view or change this reservation.
    pub access_token: String,
    /// A link that opens the reservation in the SPA without typing anything.
    pub manage_url: String,
}

/// Body of `POST /api/v1/reservations/lookup`: the number plus a second factor.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LookupRequest {
    /// The reservation number.
    #[cfg_attr(feature = "openapi", schema(example = "ACK7-9WXY"))]
    pub number: String,
    /// The phone number or the email address given at booking.
    #[cfg_attr(feature = "openapi", schema(example = "090-1234-5678"))]
    pub phone_or_email: String,
}

/// Body of `POST /api/v1/reservations/{number}/change`: a new time band (R7.4-ク).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ChangeSlotRequest {
    /// The new day.
    pub date: NaiveDate,
    /// Start of the new band.
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "10:00"))]
    #[serde(with = "hh_mm")]
    pub start: NaiveTime,
}

/// Body of `POST /api/v1/holds`: hold seats in a band while the form is filled in (仮押さえ).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct HoldRequest {
    /// Where.
    pub location_id: i64,
    /// The day.
    pub date: NaiveDate,
    /// Start of the band.
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "09:00"))]
    #[serde(with = "hh_mm")]
    pub start: NaiveTime,
    /// Seats to hold: the party's seats.
    #[cfg_attr(feature = "openapi", schema(example = 2))]
    pub seats: u32,
}

/// Seats held for a while.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Hold {
    /// Send as `hold_id` when booking.
    pub id: String,
    /// When the seats go back if not booked.
    pub expires_at: DateTime<Utc>,
}

/// Body of `POST /api/v1/reservations/{number}/attendance`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AttendanceRequest {
    /// True when the party came (来庁), false for a no-show.
    pub came: bool,
}
