//! The editing state every catalog section shares: the list being edited, its errors and saving.

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos::wasm_bindgen::JsCast;
use madoguchi_shared::error::{FieldError, FieldErrorCode};
use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::api::{ApiError, staff as api};
use crate::components::field_errors::FieldErrors;
use crate::i18n::Lang;

pub(super) fn number(field: &str, text: &str, wrong: &mut Vec<FieldError>) -> i32 {
    text.trim().parse::<i32>().unwrap_or_else(|_| {
        wrong.push(FieldError::new(
            field,
            FieldErrorCode::InvalidFormat,
            "must be a whole number",
        ));
        0
    })
}
/// The state of one catalog section (procedures or locations) and its round trips: the list
/// with the inactive ones, the row being edited, and saving it as new (`POST`) or in place
/// (`PUT`), then reloading.
pub(super) struct CatalogEditor<T: Send + Sync + 'static, D: Send + Sync + 'static> {
    pub(super) collection: &'static str,
    pub(super) lang: RwSignal<Lang>,
    /// The list as the server has it, loaded again after each save.
    pub(super) items: LocalResource<Result<Vec<T>, ApiError>>,
    version: RwSignal<u32>,
    pub(super) error: RwSignal<Option<ApiError>>,
    pub(super) errors: FieldErrors,
    pub(super) editing: RwSignal<Option<D>>,
    pub(super) busy: RwSignal<bool>,
}
impl<T: Send + Sync + 'static, D: Send + Sync + 'static> Clone for CatalogEditor<T, D> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<T: Send + Sync + 'static, D: Send + Sync + 'static> Copy for CatalogEditor<T, D> {}
impl<T, D> CatalogEditor<T, D>
where
    T: DeserializeOwned + Send + Sync + 'static,
    D: Clone + Send + Sync + 'static,
{
    /// Loads the list of `collection` (e.g. `api::catalog::PROCEDURES`); call it while building
    /// the section, which provides the language.
    pub(super) fn new(collection: &'static str) -> Self {
        let version = RwSignal::new(0u32);
        let items = LocalResource::new(move || {
            version.track();
            let url = format!("{collection}?include_inactive=true");
            async move { api::get::<Vec<T>>(&url).await }
        });
        Self {
            collection,
            lang: expect_context::<RwSignal<Lang>>(),
            items,
            version,
            error: RwSignal::new(None),
            errors: FieldErrors::new(),
            editing: RwSignal::new(None),
            busy: RwSignal::new(false),
        }
    }

    /// Loads the list again.
    pub(super) fn reload(self) {
        self.version.update(|n| *n += 1);
    }

    /// The next sort position: after the last item loaded.
    pub(super) fn next_sort(self, sort_order: impl Fn(&T) -> i32) -> i32 {
        self.items.with_untracked(|loaded| {
            loaded
                .as_ref()
                .and_then(|list| list.as_ref().ok())
                .and_then(|list| list.iter().map(&sort_order).max())
                .unwrap_or(0)
                + 10
        })
    }

    pub(super) fn edit(self, draft: D) {
        self.errors.clear();
        self.error.set(None);
        self.editing.set(Some(draft));
    }

    /// Saves a checked input; on success closes the editor, says `saved_message` in
    /// `status` and reloads; on failure shows the problem and its fields.
    pub(super) fn save<I: Serialize + 'static>(
        self,
        id: Option<i64>,
        input: I,
        status: RwSignal<Option<String>>,
        saved_message: impl Fn(&T, Lang) -> String + 'static,
    ) {
        self.errors.clear();
        self.busy.set(true);
        status.set(None);
        spawn_local(async move {
            let result = match id {
                Some(id) => api::put::<_, T>(&format!("{}/{id}", self.collection), &input).await,
                None => api::post::<_, T>(self.collection, &input).await,
            };
            self.busy.set(false);
            match result {
                Ok(saved) => {
                    self.error.set(None);
                    self.editing.set(None);
                    status.set(Some(saved_message(&saved, self.lang.get_untracked())));
                    self.reload();
                }
                Err(failure) => {
                    self.errors.take_from(&failure);
                    self.error.set(Some(failure));
                }
            }
        });
    }
}
pub(super) fn focus_soon(id: String) {
    set_timeout(
        move || {
            if let Some(element) = document()
                .get_element_by_id(&id)
                .and_then(|element| element.dyn_into::<web_sys::HtmlElement>().ok())
            {
                let _ = element.focus();
            }
        },
        std::time::Duration::from_millis(0),
    );
}
