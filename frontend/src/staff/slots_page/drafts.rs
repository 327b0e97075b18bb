//! What the editor holds while a template or a day override is being edited.

use chrono::NaiveDate;
use leptos::prelude::*;
use madoguchi_shared::dto::schedule::{
    DayOfWeek, DayOverride, DayOverrideInput, WeekdayBands, WeeklyTemplate, WeeklyTemplateInput,
};
use madoguchi_shared::error::{FieldError, FieldErrorCode};
use madoguchi_shared::schedule::{validate_override, validate_template};

use super::bands::{BandRow, lenient_bands, rows_of, strict_bands};
use super::dates::parse_date;

/// A weekly template as it is being edited.
#[derive(Clone, Copy)]
pub(super) struct TemplateDraft {
    pub(super) id: Option<i64>,
    pub(super) name: RwSignal<String>,
    pub(super) valid_from: RwSignal<String>,
    pub(super) valid_to: RwSignal<String>,
    pub(super) days: [RwSignal<Vec<BandRow>>; 7],
}
impl TemplateDraft {
    pub(super) fn new_for(today: NaiveDate) -> TemplateDraft {
        TemplateDraft {
            id: None,
            name: RwSignal::new(String::new()),
            valid_from: RwSignal::new(today.to_string()),
            valid_to: RwSignal::new(String::new()),
            days: std::array::from_fn(|_| RwSignal::new(Vec::new())),
        }
    }

    pub(super) fn of(template: &WeeklyTemplate) -> TemplateDraft {
        let input = &template.template;
        TemplateDraft {
            id: Some(template.id),
            name: RwSignal::new(input.name.clone()),
            valid_from: RwSignal::new(input.valid_from.to_string()),
            valid_to: RwSignal::new(input.valid_to.map(|to| to.to_string()).unwrap_or_default()),
            days: std::array::from_fn(|index| {
                let bands = DayOfWeek::ALL
                    .get(index)
                    .and_then(|weekday| input.days.iter().find(|day| day.weekday == *weekday))
                    .map(|day| rows_of(&day.bands))
                    .unwrap_or_default();
                RwSignal::new(bands)
            }),
        }
    }

    /// The template as far as it parses, for the preview.
    pub(super) fn lenient(&self) -> Option<WeeklyTemplateInput> {
        Some(WeeklyTemplateInput {
            name: self.name.get(),
            valid_from: parse_date(&self.valid_from.get())?,
            valid_to: parse_date(&self.valid_to.get()),
            days: DayOfWeek::ALL
                .iter()
                .zip(self.days.iter())
                .map(|(weekday, rows)| WeekdayBands {
                    weekday: *weekday,
                    bands: rows.with(|rows| lenient_bands(rows)),
                })
                .collect(),
        })
    }

    /// The template to send, or every field that is wrong.
    pub(super) fn strict(&self) -> Result<WeeklyTemplateInput, Vec<FieldError>> {
        let mut errors = Vec::new();
        let valid_from = parse_date(&self.valid_from.get_untracked());
        if valid_from.is_none() {
            errors.push(FieldError::new(
                "valid_from",
                FieldErrorCode::Required,
                "must be a date",
            ));
        }
        let to_text = self.valid_to.get_untracked();
        let valid_to = parse_date(&to_text);
        if !to_text.trim().is_empty() && valid_to.is_none() {
            errors.push(FieldError::new(
                "valid_to",
                FieldErrorCode::InvalidFormat,
                "must be a date",
            ));
        }
        let mut days = Vec::new();
        for (index, (weekday, rows)) in DayOfWeek::ALL.iter().zip(self.days.iter()).enumerate() {
            match rows.with_untracked(|rows| strict_bands(&format!("days[{index}].bands"), rows)) {
                Ok(bands) => days.push(WeekdayBands {
                    weekday: *weekday,
                    bands,
                }),
                Err(wrong) => errors.extend(wrong),
            }
        }
        let template = WeeklyTemplateInput {
            name: self.name.get_untracked().trim().to_owned(),
            valid_from: valid_from.unwrap_or_default(),
            valid_to,
            days,
        };
        if !errors.is_empty() {
            return Err(errors);
        }
        validate_template(&template).map(|()| template)
    }
}
/// One day's override as it is being edited.
#[derive(Clone, Copy)]
pub(super) struct OverrideDraft {
    pub(super) date: RwSignal<String>,
    pub(super) label: RwSignal<String>,
    pub(super) closed: RwSignal<bool>,
    pub(super) rows: RwSignal<Vec<BandRow>>,
    /// Whether the form holds a day (after choosing a date).
    pub(super) loaded: RwSignal<bool>,
}
impl OverrideDraft {
    pub(super) fn new() -> OverrideDraft {
        OverrideDraft {
            date: RwSignal::new(String::new()),
            label: RwSignal::new(String::new()),
            closed: RwSignal::new(false),
            rows: RwSignal::new(Vec::new()),
            loaded: RwSignal::new(false),
        }
    }

    pub(super) fn lenient(&self) -> Option<DayOverride> {
        if !self.loaded.get() {
            return None;
        }
        let closed = self.closed.get();
        Some(DayOverride {
            location_id: 0,
            date: parse_date(&self.date.get())?,
            day: DayOverrideInput {
                closed,
                label: self.label.get(),
                bands: if closed {
                    Vec::new()
                } else {
                    self.rows.with(|rows| lenient_bands(rows))
                },
            },
        })
    }

    pub(super) fn strict(&self) -> Result<(NaiveDate, DayOverrideInput), Vec<FieldError>> {
        let Some(date) = parse_date(&self.date.get_untracked()) else {
            return Err(vec![FieldError::new(
                "date",
                FieldErrorCode::Required,
                "must be a date",
            )]);
        };
        let closed = self.closed.get_untracked();
        let bands = if closed {
            Vec::new()
        } else {
            self.rows
                .with_untracked(|rows| strict_bands("bands", rows))?
        };
        let day = DayOverrideInput {
            closed,
            label: self.label.get_untracked().trim().to_owned(),
            bands,
        };
        validate_override(&day).map(|()| (date, day))
    }
}
