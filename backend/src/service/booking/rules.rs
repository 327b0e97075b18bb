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

#[cfg(test)]
mod tests {
    use madoguchi_shared::error::FieldError;
    use rstest::rstest;

    use super::*;

    /// Card pickup (one seat a person), an electronic-certificate renewal that takes two
    /// seats, and a procedure the city no longer offers.
    fn procedures() -> Vec<procedure::Model> {
        let procedure = |id: i64, units_per_person: i32, active: bool| procedure::Model {
            id,
            code: format!("procedure_{id}"),
            name_ja: "手続".to_owned(),
            name_en: "Procedure".to_owned(),
            what_to_bring_ja: String::new(),
            what_to_bring_en: String::new(),
            notes_ja: String::new(),
            notes_en: String::new(),
            units_per_person,
            active,
            sort_order: 0,
            created_at: DateTime::<Utc>::UNIX_EPOCH,
        };
        vec![
            procedure(1, 1, true),
            procedure(2, 2, true),
            procedure(3, 1, false),
        ]
    }

    fn member(name: &str, procedure_id: i64) -> PartyMemberInput {
        PartyMemberInput {
            name: name.to_owned(),
            procedure_id,
        }
    }

    /// The seats of a party, or the (field, rule) pairs it broke.
    fn check(
        members: &[PartyMemberInput],
        max_party_size: u32,
    ) -> Result<i32, Vec<(String, FieldErrorCode)>> {
        let window = BookingWindow {
            max_party_size,
            ..BookingWindow::default()
        };
        let mut violations = Violations::default();
        let party = validate_party(&procedures(), members, &window, &mut violations);
        violations
            .into_result()
            .map(|()| party.seats)
            .map_err(|errors: Vec<FieldError>| {
                errors
                    .into_iter()
                    .map(|error| (error.field, error.code))
                    .collect()
            })
    }

    #[rstest]
    #[case::one_person_one_seat(vec![member("市民 太郎", 1)], Ok(1))]
    #[case::seats_add_up_by_procedure(vec![member("市民 太郎", 1), member("市民 花子", 2)], Ok(3))]
    #[case::a_name_is_trimmed_not_refused(vec![member("  市民 太郎  ", 1)], Ok(1))]
    #[case::nobody(vec![], Err(vec![("members".to_owned(), FieldErrorCode::OutOfRange)]))]
    #[case::over_the_party_size(
        vec![member("一", 1), member("二", 1), member("三", 1)],
        Err(vec![("members".to_owned(), FieldErrorCode::OutOfRange)])
    )]
    #[case::a_blank_name(vec![member("   ", 1)], Err(vec![("members[0].name".to_owned(), FieldErrorCode::Required)]))]
    #[case::a_name_over_a_hundred_characters(
        vec![member(&"あ".repeat(101), 1)],
        Err(vec![("members[0].name".to_owned(), FieldErrorCode::TooLong)])
    )]
    #[case::a_control_character_in_a_name(
        vec![member("市民\u{7}太郎", 1)],
        Err(vec![("members[0].name".to_owned(), FieldErrorCode::InvalidCharacter)])
    )]
    #[case::an_unknown_procedure(
        vec![member("市民 太郎", 1), member("市民 花子", 99)],
        Err(vec![("members[1].procedure_id".to_owned(), FieldErrorCode::Unknown)])
    )]
    #[case::a_procedure_no_longer_offered(
        vec![member("市民 太郎", 3)],
        Err(vec![("members[0].procedure_id".to_owned(), FieldErrorCode::Unknown)])
    )]
    fn r5_1_r5_2_a_party_is_one_to_the_window_s_size_of_named_people_with_bookable_procedures(
        #[case] members: Vec<PartyMemberInput>,
        #[case] expected: Result<i32, Vec<(String, FieldErrorCode)>>,
    ) {
        assert_eq!(check(&members, 2), expected);
    }
}
