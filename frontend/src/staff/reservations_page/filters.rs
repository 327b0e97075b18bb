//! The search filters of the reservations list, kept in the page's URL.

use leptos::prelude::*;

use crate::api::ApiError;
use crate::i18n::Lang;

/// The filters, in the order of the address and the API.
pub(super) const FILTERS: [&str; 11] = [
    "number",
    "name",
    "kana",
    "phone",
    "date",
    "from",
    "to",
    "start",
    "location_id",
    "procedure_id",
    "status",
];
/// Every query parameter the page keeps (the filters and the channel).
pub(super) fn all_filters() -> impl Iterator<Item = &'static str> {
    FILTERS.into_iter().chain(["channel"])
}
pub(super) fn text_input(
    lang: RwSignal<Lang>,
    values: RwSignal<Vec<(&'static str, String)>>,
    key: &'static str,
    kind: &'static str,
    ja: &'static str,
    en: &'static str,
) -> impl IntoView {
    let id = format!("filter-{key}");
    view! {
        <div class="field">
            <label for=id.clone()>{move || lang.get().pick(ja, en)}</label>
            <input
                id=id
                type=kind
                autocomplete="off"
                prop:value=move || value_of(values, key)
                on:input=move |event| set_value(values, key, event_target_value(&event))
            />
        </div>
    }
}
pub(super) fn value_of(values: RwSignal<Vec<(&'static str, String)>>, key: &str) -> String {
    values
        .read()
        .iter()
        .find(|(name, _)| *name == key)
        .map(|(_, value)| value.clone())
        .unwrap_or_default()
}
pub(super) fn set_value(
    values: RwSignal<Vec<(&'static str, String)>>,
    key: &'static str,
    value: String,
) {
    values.update(|list| {
        if let Some(entry) = list.iter_mut().find(|(name, _)| *name == key) {
            entry.1 = value;
        } else {
            list.push((key, value));
        }
    });
}
/// The location of the list: the filter's, else the first office.
pub(super) fn selected_location(
    applied: Memo<Vec<(&'static str, String)>>,
    locations: LocalResource<Result<Vec<madoguchi_shared::dto::catalog::Location>, ApiError>>,
) -> i64 {
    value_of_applied(applied, "location_id")
        .parse()
        .ok()
        .or_else(|| {
            locations
                .get_untracked()
                .and_then(Result::ok)
                .and_then(|list| list.first().map(|l| l.id))
        })
        .unwrap_or(1)
}
pub(super) fn value_of_applied(applied: Memo<Vec<(&'static str, String)>>, key: &str) -> String {
    applied
        .read()
        .iter()
        .find(|(name, _)| *name == key)
        .map(|(_, value)| value.clone())
        .unwrap_or_default()
}
