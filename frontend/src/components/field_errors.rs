//! Per-field reasons (from the shared validators or a `validation_failed` problem) shown
//! next to their fields, in the reader's language.

use leptos::prelude::*;
use madoguchi_shared::error::{FieldError, FieldErrorCode};

use crate::api::ApiError;
use crate::i18n::Lang;

/// The field errors of a form, by the field's path in the request (`days[0].bands[1].end`).
#[derive(Clone, Copy)]
pub struct FieldErrors(RwSignal<Vec<FieldError>>);

impl Default for FieldErrors {
    fn default() -> Self {
        Self::new()
    }
}

impl FieldErrors {
    /// No errors yet.
    pub fn new() -> Self {
        Self(RwSignal::new(Vec::new()))
    }

    /// Replaces the errors.
    pub fn set(&self, errors: Vec<FieldError>) {
        self.0.set(errors);
    }

    /// Forgets every error.
    pub fn clear(&self) {
        self.0.set(Vec::new());
    }

    /// Takes the field errors of a failed call; `true` when there were any.
    pub fn take_from(&self, error: &ApiError) -> bool {
        match error {
            ApiError::Problem(problem) if !problem.errors.is_empty() => {
                self.0.set(problem.errors.clone());
                true
            }
            _ => false,
        }
    }

    /// The message for `field` in `lang`, if it was refused.
    pub fn message(&self, field: &str, lang: Lang) -> Option<String> {
        self.0.with(|errors| {
            errors
                .iter()
                .find(|error| error.field == field)
                .map(|error| reason(error, lang))
        })
    }
}

/// A friendly sentence for one refused field.
pub fn reason(error: &FieldError, lang: Lang) -> String {
    let text = match error.code {
        FieldErrorCode::Required => lang.pick("入力してください。", "Please fill this in."),
        FieldErrorCode::TooLong => lang.pick("長すぎます。", "This is too long."),
        FieldErrorCode::TooShort => lang.pick("短すぎます。", "This is too short."),
        FieldErrorCode::TooLarge | FieldErrorCode::OutOfRange => lang.pick(
            "入力できる範囲を超えています。",
            "This is out of the allowed range.",
        ),
        FieldErrorCode::TooMany => lang.pick("数が多すぎます。", "There are too many."),
        FieldErrorCode::InvalidFormat => {
            lang.pick("形式が正しくありません。", "The format is not valid.")
        }
        FieldErrorCode::BeforeStart => lang.pick(
            "終了は開始より後にしてください。",
            "The end must be after the start.",
        ),
        FieldErrorCode::Overlaps => lang.pick(
            "前の時間帯と重なっています。",
            "This overlaps the previous band.",
        ),
        FieldErrorCode::ExceedsCapacity => lang.pick(
            "電話枠は定員以下にしてください。",
            "The phone quota must not exceed the capacity.",
        ),
        FieldErrorCode::Duplicate => lang.pick("重複しています。", "This is a duplicate."),
        FieldErrorCode::BeforeValidFrom | FieldErrorCode::BeforeFrom => lang.pick(
            "終了日は開始日以降にしてください。",
            "The last day must be on or after the first day.",
        ),
        FieldErrorCode::ClosedWithBands => lang.pick(
            "休止日には時間帯を設定できません。",
            "A closed day has no bands.",
        ),
        FieldErrorCode::BeforePublishFrom => lang.pick(
            "掲載終了は掲載開始より後にしてください。",
            "The end of publishing must be after its start.",
        ),
        FieldErrorCode::BeforeStartsAt => lang.pick(
            "終了は開始より後にしてください。",
            "The end must be after the start.",
        ),
        FieldErrorCode::Taken => lang.pick("すでに使われています。", "This is already taken."),
        _ => return error.message.clone(),
    };
    text.to_owned()
}

/// The error text under a field; empty (and hidden) while the field is fine.
#[component]
pub fn FieldErrorText(
    /// The form's errors.
    errors: FieldErrors,
    /// The field's path in the request.
    #[prop(into)]
    field: String,
    /// The element id, for the input's `aria-describedby`.
    #[prop(into)]
    id: String,
) -> impl IntoView {
    let lang = expect_context::<RwSignal<Lang>>();
    view! {
        <p class="field-error" id=id>
            {move || errors.message(&field, lang.get())}
        </p>
    }
}

/// A labelled input bound to a text signal, with its error under it.
#[component]
pub fn LabelledInput(
    /// Element id (also the test id).
    id: &'static str,
    /// The field's path in the request.
    field: &'static str,
    /// Label, Japanese.
    ja: &'static str,
    /// Label, English.
    en: &'static str,
    /// The input's type: `text`, `number`, `date`, `time`, `password`...
    kind: &'static str,
    /// The value as typed.
    value: RwSignal<String>,
    /// The form's errors.
    errors: FieldErrors,
    /// The `autocomplete` attribute, if any.
    #[prop(optional)]
    autocomplete: Option<&'static str>,
) -> impl IntoView {
    let lang = expect_context::<RwSignal<Lang>>();
    let error_id = format!("{id}-error");
    view! {
        <div class="field">
            <label for=id>{move || lang.get().pick(ja, en)}</label>
            <input
                id=id
                type=kind
                data-testid=id
                autocomplete=autocomplete
                aria-describedby=error_id.clone()
                aria-invalid=move || errors.message(field, lang.get()).map(|_| "true")
                prop:value=move || value.get()
                on:input=move |event| value.set(event_target_value(&event))
            />
            <FieldErrorText errors field id=error_id/>
        </div>
    }
}

/// A labelled multi-line text bound to a signal, with its error under it.
#[component]
pub fn LabelledTextarea(
    /// Element id (also the test id).
    id: &'static str,
    /// The field's path in the request.
    field: &'static str,
    /// Label, Japanese.
    ja: &'static str,
    /// Label, English.
    en: &'static str,
    /// The value as typed.
    value: RwSignal<String>,
    /// The form's errors.
    errors: FieldErrors,
) -> impl IntoView {
    let lang = expect_context::<RwSignal<Lang>>();
    let error_id = format!("{id}-error");
    view! {
        <div class="field">
            <label for=id>{move || lang.get().pick(ja, en)}</label>
            <textarea
                id=id
                data-testid=id
                rows="3"
                aria-describedby=error_id.clone()
                aria-invalid=move || errors.message(field, lang.get()).map(|_| "true")
                prop:value=move || value.get()
                on:input=move |event| value.set(event_target_value(&event))
            ></textarea>
            <FieldErrorText errors field id=error_id/>
        </div>
    }
}

/// A labelled checkbox bound to a signal.
#[component]
pub fn LabelledCheckbox(
    /// Element id (also the test id).
    id: &'static str,
    /// Label, Japanese.
    ja: &'static str,
    /// Label, English.
    en: &'static str,
    /// Whether it is ticked.
    value: RwSignal<bool>,
) -> impl IntoView {
    let lang = expect_context::<RwSignal<Lang>>();
    view! {
        <div class="field checkbox">
            <input
                id=id
                type="checkbox"
                data-testid=id
                prop:checked=move || value.get()
                on:change=move |event| value.set(event_target_checked(&event))
            />
            <label for=id>{move || lang.get().pick(ja, en)}</label>
        </div>
    }
}
