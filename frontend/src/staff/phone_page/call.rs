//! One call's state on the phone screen, shared by its panels: what the city offers, what
//! the operator has chosen and typed, and what the server answered; and the three things
//! an operator does with it (check it, book it, take the next call).

use std::collections::BTreeMap;

use chrono::{NaiveDate, NaiveTime};
use leptos::prelude::*;
use leptos::task::spawn_local;
use madoguchi_shared::dto::availability::DayAvailability;
use madoguchi_shared::dto::catalog::{Location, Procedure};
use madoguchi_shared::dto::form::FormField;
use madoguchi_shared::dto::reservation::{
    CreateReservationRequest, Language, PartyMemberInput, Reservation,
};
use madoguchi_shared::error::{ErrorCode, FieldError, FieldErrorCode};
use madoguchi_shared::validate::contact::validate;

use super::contact::focus;
use super::days::{coming_days, page_start, today_in_japan};
use crate::api::reservations::{self as api_staff};
use crate::api::{self, ApiError};
use crate::i18n::Lang;
use crate::state::new_idempotency_key;

/// Most people in one booking.
pub(super) const MAX_PARTY: usize = 5;

/// A loaded list, or why it could not be.
type Loaded<T> = LocalResource<Result<T, ApiError>>;

/// The state of one call (every part is a handle, so the struct is `Copy`).
#[derive(Clone, Copy)]
pub(super) struct PhoneCall {
    pub(super) lang: RwSignal<Lang>,
    pub(super) locations: Loaded<Vec<Location>>,
    pub(super) procedures: Loaded<Vec<Procedure>>,
    pub(super) fields: Loaded<Vec<FormField>>,
    /// The office the operator chose, if not the first one.
    pub(super) location_choice: RwSignal<Option<i64>>,
    /// The office in use: the chosen one, or the first active one.
    pub(super) location_id: Memo<Option<i64>>,
    pub(super) members: RwSignal<Vec<PartyMemberInput>>,
    pub(super) party: Memo<usize>,
    pub(super) chosen_date: RwSignal<Option<NaiveDate>>,
    pub(super) chosen_band: RwSignal<Option<(NaiveTime, NaiveTime)>>,
    pub(super) contact: RwSignal<BTreeMap<String, String>>,
    pub(super) field_errors: RwSignal<Vec<FieldError>>,
    pub(super) confirming: RwSignal<bool>,
    pub(super) busy: RwSignal<bool>,
    pub(super) error: RwSignal<Option<ApiError>>,
    pub(super) result: RwSignal<Option<Reservation>>,
    idempotency_key: RwSignal<String>,
    /// Bumped to load the seats again (after a refusal, for the next call).
    refresh: RwSignal<u32>,
    /// Which four weeks the day list shows (0: from today).
    pub(super) stretch: RwSignal<u32>,
    pub(super) days: Loaded<Option<Vec<DayAvailability>>>,
    pub(super) bands: Loaded<Option<DayAvailability>>,
}

fn empty_member() -> PartyMemberInput {
    PartyMemberInput {
        name: String::new(),
        procedure_id: 0,
    }
}

/// Moves the keyboard focus to `id` once the view has drawn it.
fn focus_soon(id: &'static str) {
    set_timeout(move || focus(id), std::time::Duration::from_millis(30));
}

impl PhoneCall {
    /// A new call, loading the offices, the procedures and the city's contact fields.
    pub(super) fn new() -> Self {
        let lang = expect_context::<RwSignal<Lang>>();
        let locations = LocalResource::new(api::list_locations);
        let procedures = LocalResource::new(api::list_procedures);
        let fields = LocalResource::new(api::list_form_fields);
        let location_choice = RwSignal::new(None::<i64>);
        let location_id = Memo::new(move |_| {
            location_choice.get().or_else(|| {
                locations
                    .get()
                    .and_then(Result::ok)
                    .and_then(|list| list.iter().find(|l| l.active).map(|l| l.id))
            })
        });
        let members = RwSignal::new(vec![empty_member()]);
        let party = Memo::new(move |_| members.read().len());
        let chosen_date = RwSignal::new(None::<NaiveDate>);
        let refresh = RwSignal::new(0u32);
        let stretch = RwSignal::new(0u32);
        let days = LocalResource::new(move || {
            refresh.track();
            let (location, party, first) =
                (location_id.get(), party.get(), page_start(stretch.get()));
            async move {
                match location {
                    Some(location) => coming_days(location, party, first).await.map(Some),
                    None => Ok(None),
                }
            }
        });
        let bands = LocalResource::new(move || {
            refresh.track();
            let (location, date, party) = (location_id.get(), chosen_date.get(), party.get());
            async move {
                match location.zip(date) {
                    Some((location, date)) => api_staff::day_availability(location, date, party)
                        .await
                        .map(Some),
                    None => Ok(None),
                }
            }
        });
        PhoneCall {
            lang,
            locations,
            procedures,
            fields,
            location_choice,
            location_id,
            members,
            party,
            chosen_date,
            chosen_band: RwSignal::new(None),
            contact: RwSignal::new(BTreeMap::new()),
            field_errors: RwSignal::new(Vec::new()),
            confirming: RwSignal::new(false),
            busy: RwSignal::new(false),
            error: RwSignal::new(None),
            result: RwSignal::new(None),
            idempotency_key: RwSignal::new(new_idempotency_key()),
            refresh,
            stretch,
            days,
            bands,
        }
    }

    /// The rule `field` broke at the last check, if any.
    pub(super) fn error_of(self, field: &str) -> Option<FieldErrorCode> {
        self.field_errors
            .read()
            .iter()
            .find(|error| error.field == field)
            .map(|error| error.code)
    }

    /// The office's name in the page's language.
    pub(super) fn location_name(self) -> Option<String> {
        let id = self.location_id.get()?;
        self.locations
            .get()
            .and_then(Result::ok)?
            .into_iter()
            .find(|l| l.id == id)
            .map(|l| self.lang.get().pick(&l.name_ja, &l.name_en).to_owned())
    }

    /// A procedure's name in the page's language.
    pub(super) fn procedure_name(self, id: i64) -> String {
        self.procedures
            .get()
            .and_then(Result::ok)
            .and_then(|list| list.into_iter().find(|p| p.id == id))
            .map(|p| self.lang.get().pick(&p.name_ja, &p.name_en).to_owned())
            .unwrap_or_default()
    }

    /// Sets how many people come; the band is chosen again for the new size.
    pub(super) fn set_party_size(self, size: usize) {
        self.members.update(|list| {
            list.resize(size.clamp(1, MAX_PARTY), empty_member());
        });
        self.chosen_band.set(None);
        self.confirming.set(false);
    }

    /// Chooses another day: its bands are chosen afresh.
    pub(super) fn choose_date(self, date: NaiveDate) {
        self.chosen_date.set(Some(date));
        self.chosen_band.set(None);
        self.confirming.set(false);
    }

    /// Checks everything, then shows the summary to read back; or lists what is missing.
    pub(super) fn check(self) {
        let mut found = Vec::new();
        if self.chosen_date.get_untracked().is_none() || self.chosen_band.get_untracked().is_none()
        {
            found.push(FieldError::new(
                "band",
                FieldErrorCode::Required,
                "choose a band",
            ));
        }
        for (index, member) in self.members.get_untracked().iter().enumerate() {
            if member.name.trim().is_empty() {
                found.push(FieldError::new(
                    format!("members[{index}].name"),
                    FieldErrorCode::Required,
                    "",
                ));
            }
            if member.procedure_id <= 0 {
                found.push(FieldError::new(
                    format!("members[{index}].procedure_id"),
                    FieldErrorCode::Required,
                    "",
                ));
            }
        }
        let list = self
            .fields
            .get_untracked()
            .and_then(Result::ok)
            .unwrap_or_default();
        let entered: BTreeMap<String, String> = self
            .contact
            .get_untracked()
            .into_iter()
            .filter(|(key, value)| {
                list.iter().any(|field| &field.key == key) && !value.trim().is_empty()
            })
            .collect();
        if let Err(mut contact_errors) = validate(&list, &entered, today_in_japan()) {
            found.append(&mut contact_errors);
        }
        self.field_errors.set(found.clone());
        if found.is_empty() {
            self.contact.set(entered);
            self.confirming.set(true);
            focus_soon("phone-confirm-heading");
        } else {
            self.confirming.set(false);
            focus_soon("phone-error-summary");
        }
    }

    /// Books what was read back. A band taken meanwhile loads the seats again.
    pub(super) fn submit(self) {
        let (Some(location_id), Some(date), Some((start, _))) = (
            self.location_id.get_untracked(),
            self.chosen_date.get_untracked(),
            self.chosen_band.get_untracked(),
        ) else {
            return;
        };
        let request = CreateReservationRequest {
            location_id,
            date,
            start,
            members: self
                .members
                .get_untracked()
                .into_iter()
                .map(|member| PartyMemberInput {
                    name: member.name.trim().to_owned(),
                    procedure_id: member.procedure_id,
                })
                .collect(),
            contact: self.contact.get_untracked(),
            hold_id: None,
            language: match self.lang.get_untracked() {
                Lang::Ja => Language::Ja,
                Lang::En => Language::En,
            },
        };
        let key = self.idempotency_key.get_untracked();
        self.busy.set(true);
        self.error.set(None);
        spawn_local(async move {
            match api_staff::create_reservation(&request, &key).await {
                Ok(booked) => {
                    self.result.set(Some(booked.reservation));
                    self.confirming.set(false);
                    focus_soon("readout-heading");
                }
                Err(failure) => {
                    if let ApiError::Problem(problem) = &failure {
                        // The request will differ next time: a fresh key.
                        self.idempotency_key.set(new_idempotency_key());
                        if matches!(
                            problem.code,
                            ErrorCode::SlotFull
                                | ErrorCode::SlotNotOffered
                                | ErrorCode::OutsideBookingWindow
                        ) {
                            self.chosen_band.set(None);
                            self.confirming.set(false);
                            self.refresh.update(|n| *n += 1);
                        }
                    }
                    self.error.set(Some(failure));
                    focus_soon("phone-problem");
                }
            }
            self.busy.set(false);
        });
    }

    /// Clears the screen for the next caller.
    pub(super) fn next_call(self) {
        self.result.set(None);
        self.error.set(None);
        self.field_errors.set(Vec::new());
        self.confirming.set(false);
        self.chosen_date.set(None);
        self.chosen_band.set(None);
        self.contact.set(BTreeMap::new());
        self.members.set(vec![empty_member()]);
        self.idempotency_key.set(new_idempotency_key());
        self.refresh.update(|n| *n += 1);
        focus_soon("phone-location");
    }
}
