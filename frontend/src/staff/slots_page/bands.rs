//! Editing a day's time bands: one row of start, end, seats and phone quota per band.
//! Rows keep what was typed as text, so a half-typed value never jumps; they turn into
//! shared `TimeBand`s for the preview and for saving.

use std::sync::atomic::{AtomicUsize, Ordering};

use chrono::{Duration, NaiveTime};
use leptos::prelude::*;
use madoguchi_shared::dto::schedule::TimeBand;
use madoguchi_shared::error::{FieldError, FieldErrorCode};

use crate::components::field_errors::{FieldErrorText, FieldErrors};
use crate::i18n::Lang;

static NEXT_KEY: AtomicUsize = AtomicUsize::new(1);

/// One band as typed.
#[derive(Clone, Copy, Debug)]
pub struct BandRow {
    key: usize,
    /// `HH:MM`
    pub start: RwSignal<String>,
    /// `HH:MM`
    pub end: RwSignal<String>,
    /// Seats, as typed.
    pub capacity: RwSignal<String>,
    /// Seats kept for the phone, as typed.
    pub phone_quota: RwSignal<String>,
}

impl BandRow {
    /// A row showing `band`.
    pub fn from_band(band: &TimeBand) -> BandRow {
        BandRow {
            key: NEXT_KEY.fetch_add(1, Ordering::Relaxed),
            start: RwSignal::new(band.start.format("%H:%M").to_string()),
            end: RwSignal::new(band.end.format("%H:%M").to_string()),
            capacity: RwSignal::new(band.capacity.to_string()),
            phone_quota: RwSignal::new(band.phone_quota.to_string()),
        }
    }

    /// The band, when every part parses.
    fn band(&self) -> Result<TimeBand, Vec<(&'static str, FieldErrorCode)>> {
        let mut wrong = Vec::new();
        let start = parse_time(&self.start.get());
        let end = parse_time(&self.end.get());
        let capacity = self.capacity.get().trim().parse::<u32>().ok();
        let phone_quota = self.phone_quota.get().trim().parse::<u32>().ok();
        for (field, ok) in [
            ("start", start.is_some()),
            ("end", end.is_some()),
            ("capacity", capacity.is_some()),
            ("phone_quota", phone_quota.is_some()),
        ] {
            if !ok {
                wrong.push((field, FieldErrorCode::InvalidFormat));
            }
        }
        match (start, end, capacity, phone_quota) {
            (Some(start), Some(end), Some(capacity), Some(phone_quota)) => Ok(TimeBand {
                start,
                end,
                capacity,
                phone_quota,
            }),
            _ => Err(wrong),
        }
    }
}

fn parse_time(text: &str) -> Option<NaiveTime> {
    NaiveTime::parse_from_str(text.trim(), "%H:%M")
        .or_else(|_| NaiveTime::parse_from_str(text.trim(), "%H:%M:%S"))
        .ok()
}

/// Rows for `bands`.
pub fn rows_of(bands: &[TimeBand]) -> Vec<BandRow> {
    bands.iter().map(BandRow::from_band).collect()
}

/// The bands that parse, for the preview (a half-typed row is left out).
pub fn lenient_bands(rows: &[BandRow]) -> Vec<TimeBand> {
    rows.iter().filter_map(|row| row.band().ok()).collect()
}

/// The bands, or an `invalid_format` error for each part that does not parse, named
/// `{path}[i].{part}` like the server's field paths.
pub fn strict_bands(path: &str, rows: &[BandRow]) -> Result<Vec<TimeBand>, Vec<FieldError>> {
    let mut bands = Vec::with_capacity(rows.len());
    let mut errors = Vec::new();
    for (index, row) in rows.iter().enumerate() {
        match row.band() {
            Ok(band) => bands.push(band),
            Err(wrong) => errors.extend(wrong.into_iter().map(|(part, code)| {
                FieldError::new(format!("{path}[{index}].{part}"), code, "not a valid value")
            })),
        }
    }
    if errors.is_empty() {
        Ok(bands)
    } else {
        Err(errors)
    }
}

/// The band a new row starts with: right after the last one, 30 minutes, 4 seats.
fn next_band(rows: &[BandRow]) -> TimeBand {
    let start = rows
        .last()
        .and_then(|row| parse_time(&row.end.get_untracked()))
        .unwrap_or_else(|| NaiveTime::from_hms_opt(9, 0, 0).unwrap_or_default());
    TimeBand {
        start,
        end: start + Duration::minutes(30),
        capacity: 4,
        phone_quota: 0,
    }
}

/// The rows of one day's bands, with add and remove buttons.
#[component]
pub fn BandsEditor(
    /// The rows.
    rows: RwSignal<Vec<BandRow>>,
    /// Field path of the bands in the request, e.g. `days[5].bands` or `bands`.
    #[prop(into)]
    path: String,
    /// Prefix of element ids and test ids, unique on the page.
    #[prop(into)]
    id_prefix: String,
    /// Whose bands these are, e.g. `土曜日`, for labels read out of context.
    #[prop(into)]
    owner: Signal<String>,
    /// The form's errors.
    errors: FieldErrors,
) -> impl IntoView {
    let lang = expect_context::<RwSignal<Lang>>();
    let add = move |_| {
        rows.update(|list| {
            let band = next_band(list);
            list.push(BandRow::from_band(&band));
        });
    };
    let path_for_summary = path.clone();
    let prefix_for_add = id_prefix.clone();
    view! {
        <div class="band-rows">
            <For
                each=move || rows.get().into_iter().enumerate()
                key=|(index, row)| (*index, row.key)
                children=move |(index, row)| {
                    let remove = move |_| rows.update(|list| {
                        list.retain(|other| other.key != row.key);
                    });
                    let at = format!("{path}[{index}]");
                    let id = format!("{id_prefix}-band-{index}");
                    let row_testid = id.clone();
                    let legend = move || {
                        let lang = lang.get();
                        match lang {
                            Lang::Ja => format!("{} {}番目の時間帯", owner.get(), index + 1),
                            Lang::En => format!("{} band {}", owner.get(), index + 1),
                        }
                    };
                    let field = move |part: &'static str, ja: &'static str, en: &'static str, kind: &'static str, value: RwSignal<String>| {
                        let input_id = format!("{id}-{part}");
                        let error_id = format!("{input_id}-error");
                        let field_path = format!("{at}.{part}");
                        let invalid_path = field_path.clone();
                        let input_mode = (kind == "number").then_some("numeric");
                        view! {
                            <div class="band-field">
                                <label for=input_id.clone()>{move || lang.get().pick(ja, en)}</label>
                                <input
                                    id=input_id.clone()
                                    type=kind
                                    min=(kind == "number").then_some("0")
                                    inputmode=input_mode
                                    data-testid=input_id
                                    aria-describedby=error_id.clone()
                                    aria-invalid=move || errors.message(&invalid_path, lang.get()).map(|_| "true")
                                    prop:value=move || value.get()
                                    on:input=move |event| value.set(event_target_value(&event))
                                />
                                <FieldErrorText errors=errors field=field_path id=error_id/>
                            </div>
                        }
                    };
                    view! {
                        <fieldset class="band-row" data-testid=row_testid>
                            <legend>{legend}</legend>
                            {field("start", "開始", "Start", "time", row.start)}
                            {field("end", "終了", "End", "time", row.end)}
                            {field("capacity", "定員", "Seats", "number", row.capacity)}
                            {field("phone_quota", "電話枠", "Phone quota", "number", row.phone_quota)}
                            <button type="button" class="danger small" on:click=remove>
                                {move || lang.get().pick("この時間帯を削除", "Remove this band")}
                                <span class="visually-hidden">{legend}</span>
                            </button>
                        </fieldset>
                    }
                }
            />
            <p class="field-error" role="status">
                {move || errors.message(&path_for_summary, lang.get())}
            </p>
            <button type="button" class="secondary small" on:click=add data-testid=format!("{prefix_for_add}-add-band")>
                {move || lang.get().pick("時間帯を追加", "Add a band")}
                <span class="visually-hidden">{move || format!(" ({})", owner.get())}</span>
            </button>
        </div>
    }
}
