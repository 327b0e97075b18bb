//! `/staff/phone`: the operator's screen for a call (R5.2-R5.4). On one screen and by
//! keyboard alone: the office and party size, the coming weeks' seats for the phone channel
//! (○△× with their text and counts), the band, the people and the city's contact fields,
//! then the booking and a panel to read out: the number symbol by symbol, and each
//! person's 持参物 and 留意事項.

mod contact;
mod days;
mod quick_find;
mod read_out;
use madoguchi_shared::error::{ErrorCode, FieldError, FieldErrorCode};
use std::collections::BTreeMap;

use chrono::{Days, NaiveDate, NaiveTime};
use leptos::prelude::*;
use leptos::task::spawn_local;
use madoguchi_shared::availability::Mark;
use madoguchi_shared::dto::reservation::{
    CreateReservationRequest, Language, PartyMemberInput, Reservation,
};
use madoguchi_shared::validate::contact::validate;

use self::contact::{contact_input, field_error_label, focus};
use self::days::{DAYS_SHOWN, coming_days, page_start, short_date, today_in_japan};
use self::quick_find::QuickFind;
use self::read_out::ReadOut;
use crate::api::reservations::{self as api_staff};
use crate::api::{self, ApiError};
use crate::components::staff_problem::{StaffProblem, staff_problem_text};
use crate::i18n::Lang;
use crate::state::new_idempotency_key;

/// Most people in one booking.
const MAX_PARTY: usize = 5;

/// The operator's phone screen.
#[component]
pub fn PhonePage() -> impl IntoView {
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
    let members = RwSignal::new(vec![PartyMemberInput {
        name: String::new(),
        procedure_id: 0,
    }]);
    let party = Memo::new(move |_| members.read().len());
    let chosen_date = RwSignal::new(None::<NaiveDate>);
    let chosen_band = RwSignal::new(None::<(NaiveTime, NaiveTime)>);
    let contact = RwSignal::new(BTreeMap::<String, String>::new());
    let field_errors = RwSignal::new(Vec::<FieldError>::new());
    let confirming = RwSignal::new(false);
    let busy = RwSignal::new(false);
    let error = RwSignal::new(None::<ApiError>);
    let result = RwSignal::new(None::<Reservation>);
    let idempotency_key = RwSignal::new(new_idempotency_key());
    let refresh = RwSignal::new(0u32);

    let stretch = RwSignal::new(0u32);
    let at_last_stretch = move || stretch.get() >= 2;
    let days = LocalResource::new(move || {
        refresh.track();
        let (location, party, first) = (location_id.get(), party.get(), page_start(stretch.get()));
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

    let location_name = move || {
        let id = location_id.get()?;
        locations
            .get()
            .and_then(Result::ok)?
            .into_iter()
            .find(|l| l.id == id)
            .map(|l| lang.get().pick(&l.name_ja, &l.name_en).to_owned())
    };
    let procedure_name = move |id: i64| {
        procedures
            .get()
            .and_then(Result::ok)
            .and_then(|list| list.into_iter().find(|p| p.id == id))
            .map(|p| lang.get().pick(&p.name_ja, &p.name_en).to_owned())
            .unwrap_or_default()
    };
    let error_of = move |field: String| {
        field_errors
            .read()
            .iter()
            .find(|error| error.field == field)
            .map(|error| error.code)
    };

    let set_party_size = move |size: usize| {
        members.update(|list| {
            list.resize(
                size.clamp(1, MAX_PARTY),
                PartyMemberInput {
                    name: String::new(),
                    procedure_id: 0,
                },
            );
        });
        chosen_band.set(None);
        confirming.set(false);
    };

    // Checks everything, then shows the summary to confirm.
    let check = move || {
        let mut found = Vec::new();
        if chosen_date.get_untracked().is_none() || chosen_band.get_untracked().is_none() {
            found.push(FieldError::new(
                "band",
                FieldErrorCode::Required,
                "choose a band",
            ));
        }
        for (index, member) in members.get_untracked().iter().enumerate() {
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
        let list = fields
            .get_untracked()
            .and_then(Result::ok)
            .unwrap_or_default();
        let entered: BTreeMap<String, String> = contact
            .get_untracked()
            .into_iter()
            .filter(|(key, value)| {
                list.iter().any(|field| &field.key == key) && !value.trim().is_empty()
            })
            .collect();
        if let Err(mut contact_errors) = validate(&list, &entered, today_in_japan()) {
            found.append(&mut contact_errors);
        }
        field_errors.set(found.clone());
        if found.is_empty() {
            contact.set(entered);
            confirming.set(true);
            set_timeout(
                || focus("phone-confirm-heading"),
                std::time::Duration::from_millis(30),
            );
        } else {
            confirming.set(false);
            set_timeout(
                || focus("phone-error-summary"),
                std::time::Duration::from_millis(30),
            );
        }
    };

    let submit = move || {
        let (Some(location_id), Some(date), Some((start, _))) = (
            location_id.get_untracked(),
            chosen_date.get_untracked(),
            chosen_band.get_untracked(),
        ) else {
            return;
        };
        let request = CreateReservationRequest {
            location_id,
            date,
            start,
            members: members
                .get_untracked()
                .into_iter()
                .map(|member| PartyMemberInput {
                    name: member.name.trim().to_owned(),
                    procedure_id: member.procedure_id,
                })
                .collect(),
            contact: contact.get_untracked(),
            hold_id: None,
            language: match lang.get_untracked() {
                Lang::Ja => Language::Ja,
                Lang::En => Language::En,
            },
        };
        let key = idempotency_key.get_untracked();
        busy.set(true);
        error.set(None);
        spawn_local(async move {
            match api_staff::create_reservation(&request, &key).await {
                Ok(booked) => {
                    result.set(Some(booked.reservation));
                    confirming.set(false);
                    set_timeout(
                        || focus("readout-heading"),
                        std::time::Duration::from_millis(30),
                    );
                }
                Err(failure) => {
                    if let ApiError::Problem(problem) = &failure {
                        // The request will differ next time: a fresh key.
                        idempotency_key.set(new_idempotency_key());
                        if matches!(
                            problem.code,
                            ErrorCode::SlotFull
                                | ErrorCode::SlotNotOffered
                                | ErrorCode::OutsideBookingWindow
                        ) {
                            chosen_band.set(None);
                            confirming.set(false);
                            refresh.update(|n| *n += 1);
                        }
                    }
                    error.set(Some(failure));
                    set_timeout(
                        || focus("phone-problem"),
                        std::time::Duration::from_millis(30),
                    );
                }
            }
            busy.set(false);
        });
    };

    let next_call = move |_| {
        result.set(None);
        error.set(None);
        field_errors.set(Vec::new());
        confirming.set(false);
        chosen_date.set(None);
        chosen_band.set(None);
        contact.set(BTreeMap::new());
        members.set(vec![PartyMemberInput {
            name: String::new(),
            procedure_id: 0,
        }]);
        idempotency_key.set(new_idempotency_key());
        refresh.update(|n| *n += 1);
        set_timeout(
            || focus("phone-location"),
            std::time::Duration::from_millis(30),
        );
    };

    let problem_view = move || {
        let failure = error.get()?;
        let lang_now = lang.get();
        let (message, existing) = match &failure {
            ApiError::Problem(problem) if problem.code == ErrorCode::SlotFull => (
                lang_now
                    .pick(
                        "この時間帯は、たった今ほかの予約で満席になりました。空き状況を更新しましたので、別の時間帯を選んでください。",
                        "This band has just been taken. The seats are refreshed: please choose another band.",
                    )
                    .to_owned(),
                Vec::new(),
            ),
            ApiError::Problem(problem)
                if problem.code == ErrorCode::TooManyActiveReservations =>
            {
                (
                    lang_now
                        .pick(
                            "この連絡先には、すでに有効な予約があります。新しく予約する前に、次の予約を確認してください（変更で対応できる場合があります）。",
                            "This contact already has an active reservation. Check it before booking again (a change may be enough).",
                        )
                        .to_owned(),
                    problem.existing_reservations.clone(),
                )
            }
            other => (staff_problem_text(lang_now, other), Vec::new()),
        };
        Some(view! {
            <div id="phone-problem" class="alert" role="alert" tabindex="-1" data-testid="problem" data-code=format!("{:?}", failure.code())>
                <p>{message}</p>
                {(!existing.is_empty()).then(|| view! {
                    <ul data-testid="existing-reservations">
                        {existing
                            .into_iter()
                            .map(|number| {
                                let href = format!("/staff/reservations?number={number}");
                                view! { <li><a href=href class="mono">{number}</a></li> }
                            })
                            .collect_view()}
                    </ul>
                })}
            </div>
        })
    };

    view! {
        <h1>{move || lang.get().pick("電話予約", "Phone booking")}</h1>
        {move || match result.get() {
            Some(booked) => view! { <ReadOut reservation=booked on_next=Callback::new(next_call)/> }.into_any(),
            None => view! {
                <QuickFind/>
                <p class="note">{move || lang.get().pick(
                    "Tab キーで順に進めます。日にちと時間帯は矢印キーで選べます。",
                    "Use Tab to move through the form; arrow keys choose the day and the band.",
                )}</p>
                {problem_view}
                <div
                    id="phone-error-summary"
                    class="error-summary"
                    role="alert"
                    tabindex="-1"
                    hidden=move || field_errors.read().is_empty()
                    data-testid="phone-errors"
                >
                    <h2>{move || lang.get().text().error_summary}</h2>
                    <ul>
                        {move || {
                            let labels = fields.get().and_then(Result::ok).unwrap_or_default();
                            field_errors
                                .get()
                                .into_iter()
                                .map(|error| {
                                    let lang = lang.get();
                                    let (target, label) = field_error_label(lang, &error.field, &labels);
                                    view! {
                                        <li><a href=format!("#{target}")>{format!("{label}: {}", lang.field_problem(error.code))}</a></li>
                                    }
                                })
                                .collect_view()
                        }}
                    </ul>
                </div>
                <div class="phone-grid">
                    <section class="panel" aria-labelledby="phone-when-heading">
                        <h2 id="phone-when-heading">{move || lang.get().pick("1. 窓口・人数・日時", "1. Office, party and time")}</h2>
                        <div class="phone-row">
                            <div class="field">
                                <label for="phone-location">{move || lang.get().pick("窓口", "Office")}</label>
                                <select
                                    id="phone-location"
                                    data-testid="phone-location"
                                    on:change=move |event| {
                                        location_choice.set(event_target_value(&event).parse().ok());
                                        chosen_date.set(None);
                                        chosen_band.set(None);
                                    }
                                >
                                    {move || {
                                        locations
                                            .get()
                                            .and_then(Result::ok)
                                            .unwrap_or_default()
                                            .into_iter()
                                            .filter(|l| l.active)
                                            .map(|l| {
                                                let id = l.id;
                                                view! {
                                                    <option value=id.to_string() selected=move || location_id.get() == Some(id)>
                                                        {move || lang.get().pick(&l.name_ja, &l.name_en).to_owned()}
                                                    </option>
                                                }
                                            })
                                            .collect_view()
                                    }}
                                </select>
                            </div>
                            <div class="field">
                                <label for="phone-party-size">{move || lang.get().pick("人数", "People")}</label>
                                <select
                                    id="phone-party-size"
                                    data-testid="phone-party-size"
                                    on:change=move |event| set_party_size(event_target_value(&event).parse().unwrap_or(1))
                                >
                                    {(1..=MAX_PARTY)
                                        .map(|size| view! {
                                            <option value=size.to_string() selected=move || party.get() == size>
                                                {move || match lang.get() { Lang::Ja => format!("{size}人"), Lang::En => format!("{size}") }}
                                            </option>
                                        })
                                        .collect_view()}
                                </select>
                            </div>
                        </div>
                        <div class="stretch-nav">
                            <button type="button" class="secondary small" data-testid="phone-earlier" prop:disabled=move || stretch.get() == 0 on:click=move |_| stretch.update(|n| *n = n.saturating_sub(1))>
                                {move || lang.get().pick("前の4週間", "Previous 4 weeks")}
                            </button>
                            <span aria-live="polite">{move || {
                                let first = page_start(stretch.get());
                                let last = first.checked_add_days(Days::new(DAYS_SHOWN - 1)).unwrap_or(first);
                                let lang = lang.get();
                                format!("{}{}{}", short_date(lang, first), lang.pick("〜", "–"), short_date(lang, last))
                            }}</span>
                            <button type="button" class="secondary small" data-testid="phone-later" prop:disabled=at_last_stretch on:click=move |_| stretch.update(|n| *n += 1)>
                                {move || lang.get().pick("次の4週間", "Next 4 weeks")}
                            </button>
                        </div>
                        <fieldset class="day-choices" data-testid="phone-days">
                            <legend>{move || lang.get().pick("日にち（4週間分・電話受付分の空き）", "Day (4 weeks, seats for phone bookings)")}</legend>
                            <Suspense fallback=move || view! { <p role="status">{move || lang.get().text().loading}</p> }>
                                {move || days.get().map(|found| match found {
                                    Ok(Some(list)) if !list.is_empty() => list
                                        .into_iter()
                                        .map(|day| {
                                            let date = day.date;
                                            let id = format!("phone-day-{date}");
                                            let bookable = matches!(day.mark, Mark::Available | Mark::Few);
                                            let mark = day.mark;
                                            view! {
                                                <div class=format!("chip mark-{:?}", mark).to_lowercase()>
                                                    <input
                                                        type="radio"
                                                        name="phone-day"
                                                        id=id.clone()
                                                        data-testid=id.clone()
                                                        value=date.to_string()
                                                        disabled=!bookable
                                                        prop:checked=move || chosen_date.get() == Some(date)
                                                        on:change=move |_| {
                                                            chosen_date.set(Some(date));
                                                            chosen_band.set(None);
                                                            confirming.set(false);
                                                        }
                                                    />
                                                    <label for=id>
                                                        <span class="chip-date">{move || short_date(lang.get(), date)}</span>
                                                        <span class="chip-mark">{mark.symbol()}" "{move || lang.get().mark(mark)}</span>
                                                        <span class="chip-seats">{move || lang.get().seats_left(day.remaining)}</span>
                                                    </label>
                                                </div>
                                            }
                                        })
                                        .collect_view()
                                        .into_any(),
                                    Ok(_) => view! { <p>{move || lang.get().pick("予約できる日がありません。", "No day can be booked.")}</p> }.into_any(),
                                    Err(failure) => {
                                        let failure = Signal::derive(move || Some(failure.clone()));
                                        view! { <StaffProblem error=failure/> }.into_any()
                                    }
                                })}
                            </Suspense>
                        </fieldset>
                        <fieldset class="band-choices" id="band" data-testid="phone-bands" aria-invalid=move || error_of("band".to_owned()).is_some().to_string()>
                            <legend>
                                {move || lang.get().pick("時間帯", "Band")}
                                {move || chosen_date.get().map(|date| format!("（{}）", lang.get().date(date)))}
                            </legend>
                            {move || match chosen_date.get() {
                                None => view! { <p class="note">{move || lang.get().pick("先に日にちを選んでください。", "Choose a day first.")}</p> }.into_any(),
                                Some(_) => view! {
                                    <Suspense fallback=move || view! { <p role="status">{move || lang.get().text().loading}</p> }>
                                        {move || bands.get().map(|found| match found {
                                            Ok(Some(day)) if !day.bands.is_empty() => day
                                                .bands
                                                .into_iter()
                                                .map(|band| {
                                                    let key = band.start.format("%H:%M").to_string();
                                                    let id = format!("phone-band-{key}");
                                                    let (start, end, mark) = (band.start, band.end, band.mark);
                                                    view! {
                                                        <div class=format!("chip mark-{:?}", mark).to_lowercase()>
                                                            <input
                                                                type="radio"
                                                                name="phone-band"
                                                                id=id.clone()
                                                                data-testid=id.clone()
                                                                data-start=key
                                                                disabled=!band.bookable
                                                                prop:checked=move || chosen_band.get().map(|(s, _)| s) == Some(start)
                                                                on:change=move |_| {
                                                                    chosen_band.set(Some((start, end)));
                                                                    confirming.set(false);
                                                                }
                                                            />
                                                            <label for=id>
                                                                <span class="chip-date">{move || lang.get().band(start, end)}</span>
                                                                <span class="chip-mark">{mark.symbol()}" "{move || lang.get().mark(mark)}</span>
                                                                <span class="chip-seats">{move || lang.get().seats_left(band.remaining)}</span>
                                                            </label>
                                                        </div>
                                                    }
                                                })
                                                .collect_view()
                                                .into_any(),
                                            Ok(_) => view! { <p>{move || lang.get().text().no_times}</p> }.into_any(),
                                            Err(failure) => {
                                                let failure = Signal::derive(move || Some(failure.clone()));
                                                view! { <StaffProblem error=failure/> }.into_any()
                                            }
                                        })}
                                    </Suspense>
                                }.into_any(),
                            }}
                        </fieldset>
                    </section>
                    <section class="panel" aria-labelledby="phone-who-heading">
                        <h2 id="phone-who-heading">{move || lang.get().pick("2. 来庁する人と手続き", "2. People and procedures")}</h2>
                        {move || {
                            (0..party.get())
                                .map(|index| {
                                    let name_id = format!("phone-member-{index}-name");
                                    let procedure_id = format!("phone-member-{index}-procedure");
                                    let name_field = format!("members[{index}].name");
                                    let procedure_field = format!("members[{index}].procedure_id");
                                    view! {
                                        <fieldset class="member" data-testid=format!("phone-member-{index}")>
                                            <legend>{move || lang.get().person(index)}</legend>
                                            <div class="field">
                                                <label for=name_id.clone()>{move || lang.get().text().member_name}</label>
                                                <input
                                                    id=name_id
                                                    type="text"
                                                    autocomplete="off"
                                                    aria-invalid=move || error_of(name_field.clone()).is_some().to_string()
                                                    prop:value=move || members.read().get(index).map(|m| m.name.clone()).unwrap_or_default()
                                                    on:input=move |event| {
                                                        let value = event_target_value(&event);
                                                        members.update(|list| {
                                                            if let Some(member) = list.get_mut(index) {
                                                                member.name = value;
                                                            }
                                                        });
                                                    }
                                                />
                                            </div>
                                            <div class="field">
                                                <label for=procedure_id.clone()>{move || lang.get().text().member_procedure}</label>
                                                <select
                                                    id=procedure_id
                                                    aria-invalid=move || error_of(procedure_field.clone()).is_some().to_string()
                                                    on:change=move |event| {
                                                        let chosen = event_target_value(&event).parse().unwrap_or(0);
                                                        members.update(|list| {
                                                            if let Some(member) = list.get_mut(index) {
                                                                member.procedure_id = chosen;
                                                            }
                                                        });
                                                    }
                                                >
                                                    <option value="0">{move || lang.get().text().choose}</option>
                                                    {move || {
                                                        procedures
                                                            .get()
                                                            .and_then(Result::ok)
                                                            .unwrap_or_default()
                                                            .into_iter()
                                                            .filter(|p| p.active)
                                                            .map(|p| {
                                                                let id = p.id;
                                                                view! {
                                                                    <option
                                                                        value=id.to_string()
                                                                        selected=move || members.read().get(index).is_some_and(|m| m.procedure_id == id)
                                                                    >
                                                                        {move || lang.get().pick(&p.name_ja, &p.name_en).to_owned()}
                                                                    </option>
                                                                }
                                                            })
                                                            .collect_view()
                                                    }}
                                                </select>
                                            </div>
                                        </fieldset>
                                    }
                                })
                                .collect_view()
                        }}
                        <h2>{move || lang.get().pick("3. 連絡先", "3. Contact")}</h2>
                        <Suspense fallback=move || view! { <p role="status">{move || lang.get().text().loading}</p> }>
                            {move || fields.get().and_then(Result::ok).map(|list| {
                                list.into_iter()
                                    .map(|field| contact_input(lang, contact, field_errors, field))
                                    .collect_view()
                            })}
                        </Suspense>
                        <div class="actions">
                            <button type="button" class="primary" data-testid="phone-check" on:click=move |_| check()>
                                {move || lang.get().pick("入力内容を確認する", "Review the booking")}
                            </button>
                        </div>
                    </section>
                </div>
                <Show when=move || confirming.get()>
                    <section class="panel confirm-panel" aria-labelledby="phone-confirm-heading" data-testid="phone-confirm">
                        <h2 id="phone-confirm-heading" tabindex="-1">{move || lang.get().pick("4. 読み上げて確認", "4. Read back and confirm")}</h2>
                        <dl class="summary">
                            <dt>{move || lang.get().text().place}</dt>
                            <dd>{location_name}</dd>
                            <dt>{move || lang.get().text().when}</dt>
                            <dd>{move || {
                                let lang = lang.get();
                                match (chosen_date.get(), chosen_band.get()) {
                                    (Some(date), Some((start, end))) => format!("{} {}", lang.date(date), lang.band(start, end)),
                                    _ => String::new(),
                                }
                            }}</dd>
                            <dt>{move || lang.get().text().people}</dt>
                            <dd>
                                <ul>
                                    {move || members.get().into_iter().map(|m| {
                                        let procedure = procedure_name(m.procedure_id);
                                        view! { <li>{m.name}"（"{procedure}"）"</li> }
                                    }).collect_view()}
                                </ul>
                            </dd>
                            <dt>{move || lang.get().text().contact}</dt>
                            <dd>
                                <ul>
                                    {move || {
                                        let labels = fields.get().and_then(Result::ok).unwrap_or_default();
                                        contact.get().into_iter().map(|(key, value)| {
                                            let label = labels.iter().find(|f| f.key == key).map(|f| lang.get().pick(&f.label_ja, &f.label_en).to_owned()).unwrap_or(key);
                                            view! { <li>{label}": "{value}</li> }
                                        }).collect_view()
                                    }}
                                </ul>
                            </dd>
                        </dl>
                        <div class="actions">
                            <button type="button" class="primary" data-testid="phone-submit" prop:disabled=move || busy.get() on:click=move |_| submit()>
                                {move || if busy.get() { lang.get().text().submitting } else { lang.get().pick("この内容で予約する", "Book it") }}
                            </button>
                            <button type="button" class="secondary" on:click=move |_| { confirming.set(false); focus("phone-check"); }>
                                {move || lang.get().pick("入力に戻る", "Back to the form")}
                            </button>
                        </div>
                    </section>
                </Show>
            }.into_any(),
        }}
    }
}
