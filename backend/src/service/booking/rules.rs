//! The rules a party and a booking must keep, apart from the database: the booking window
//! by actor, the party's procedures and size, the contact keys counted against the limit.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use madoguchi_shared::dto::reservation::PartyMemberInput;
use madoguchi_shared::dto::schedule::BookingWindow;
use madoguchi_shared::error::FieldErrorCode;
use madoguchi_shared::schedule::{OutsideWindow, check_window};
use madoguchi_shared::time::japan;
use madoguchi_shared::validate::Violations;
use madoguchi_shared::validate::contact::{
    NOTICE_NUMBER_FIELD, normalize_email, normalize_notice_number, normalize_phone,
};

use crate::db::procedure;
use crate::service::actor::Actor;
use crate::service::booking::error::BookingError;
use crate::service::error::ServiceError;
use crate::service::ledger::LockedReservation;

/// `now` as a Japan wall-clock time, the time bands are written in.
pub(super) fn now_in_japan(now: DateTime<Utc>) -> chrono::NaiveDateTime {
    now.with_timezone(&japan()).naive_local()
}

/// A count as the database stores it; counts are far below `i32::MAX`.
pub(super) fn to_i32(value: u32) -> i32 {
    i32::try_from(value).unwrap_or(i32::MAX)
}

/// Why a time is outside the booking window, as the client hears it.
pub(super) fn window_error(reason: OutsideWindow) -> ServiceError {
    BookingError::OutsideBookingWindow(match reason {
        OutsideWindow::Past => "That time band has already started.",
        OutsideWindow::NotYetOpen => "Booking for that day has not opened yet.",
        OutsideWindow::Closed => "Booking for that day has closed; please call the call center.",
    })
    .into()
}

/// Checks that `actor` may book or change a band starting at `start` now.
pub(super) fn check_actor_window(
    actor: Actor,
    start: chrono::NaiveDateTime,
    window: &BookingWindow,
    now: DateTime<Utc>,
) -> Result<(), ServiceError> {
    let now = now_in_japan(now);
    if actor.bound_by_window() {
        check_window(now, start, window).map_err(window_error)
    } else if start <= now {
        Err(window_error(OutsideWindow::Past))
    } else {
        Ok(())
    }
}

/// Validated party: members with their seats.
pub(super) struct Party {
    pub(super) members: Vec<(PartyMemberInput, i32)>,
    pub(super) seats: i32,
}

pub(super) fn validate_party(
    procedures: &[procedure::Model],
    members: &[PartyMemberInput],
    window: &BookingWindow,
    violations: &mut Violations,
) -> Party {
    if members.is_empty() || members.len() > window.max_party_size as usize {
        violations.add(
            "members",
            FieldErrorCode::OutOfRange,
            format!("a party has 1 to {} people", window.max_party_size),
        );
    }
    let mut party = Party {
        members: Vec::new(),
        seats: 0,
    };
    for (index, member) in members.iter().enumerate() {
        let name = member.name.trim();
        if name.is_empty() {
            violations.add(
                &format!("members[{index}].name"),
                FieldErrorCode::Required,
                "must not be empty",
            );
        } else if name.chars().count() > 100 {
            violations.add(
                &format!("members[{index}].name"),
                FieldErrorCode::TooLong,
                "at most 100 characters",
            );
        } else {
            violations.text(&format!("members[{index}].name"), name, false);
        }
        match procedures
            .iter()
            .find(|procedure| procedure.id == member.procedure_id && procedure.active)
        {
            Some(procedure) => {
                party.seats += procedure.units_per_person;
                party.members.push((
                    PartyMemberInput {
                        name: name.to_owned(),
                        procedure_id: member.procedure_id,
                    },
                    procedure.units_per_person,
                ));
            }
            None => violations.add(
                &format!("members[{index}].procedure_id"),
                FieldErrorCode::Unknown,
                "no such bookable procedure",
            ),
        }
    }
    party
}

/// The contact fields as stored, with normalised search keys.
pub(super) struct Contact {
    pub(super) values: BTreeMap<String, String>,
    pub(super) name: Option<String>,
    pub(super) name_kana: Option<String>,
    pub(super) phone_digits: Option<String>,
    pub(super) email: Option<String>,
    pub(super) notice_number: Option<String>,
}

impl Contact {
    pub(super) fn from_fields(
        fields: &[madoguchi_shared::dto::form::FormField],
        input: &BTreeMap<String, String>,
    ) -> Self {
        use madoguchi_shared::dto::form::FieldKind;
        let values: BTreeMap<String, String> = input
            .iter()
            .map(|(key, value)| (key.clone(), value.trim().to_owned()))
            .filter(|(_, value)| !value.is_empty())
            .collect();
        let first_of_kind = |kind: FieldKind| {
            fields
                .iter()
                .filter(|field| field.kind == kind)
                .find_map(|field| values.get(&field.key).cloned())
        };
        Self {
            name: values.get("name").cloned(),
            name_kana: values
                .get("name_kana")
                .cloned()
                .or_else(|| first_of_kind(FieldKind::Katakana)),
            phone_digits: first_of_kind(FieldKind::Phone).and_then(|phone| normalize_phone(&phone)),
            email: first_of_kind(FieldKind::Email).and_then(|email| normalize_email(&email)),
            notice_number: fields
                .iter()
                .any(|field| field.key == NOTICE_NUMBER_FIELD && field.required)
                .then(|| values.get(NOTICE_NUMBER_FIELD))
                .flatten()
                .and_then(|number| normalize_notice_number(number)),
            values,
        }
    }
}

/// The start of the band a locked reservation is in now.
pub(super) fn start_of(locked: &LockedReservation) -> chrono::NaiveDateTime {
    locked.slot().date.and_time(locked.slot().start_time)
}

/// Field errors of one member, named as the add-member request names them.
pub(super) fn member_errors(errors: Vec<madoguchi_shared::error::FieldError>) -> ServiceError {
    ServiceError::Validation(
        errors
            .into_iter()
            .map(|mut error| {
                error.field = error.field.replace("members[0].", "");
                error
            })
            .collect(),
    )
}
