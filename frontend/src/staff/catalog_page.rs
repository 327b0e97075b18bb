//! `/staff/catalog`: what citizens can book and what the form asks (R5.1, R5.4, R7.4-ケ):
//! procedures (names, 持参物, 留意事項, seats per person, bookable), locations, and the
//! contact fields of the booking form (add, reorder with buttons, require or drop).

mod editor;
mod form_fields;
mod locations;
mod procedures;
use leptos::prelude::*;

use self::form_fields::FormFieldsSection;
use self::locations::LocationsSection;
use self::procedures::ProceduresSection;
use crate::i18n::Lang;

/// The page.
#[component]
pub fn CatalogPage() -> impl IntoView {
    let lang = expect_context::<RwSignal<Lang>>();
    let status = RwSignal::new(None::<String>);
    view! {
        <h1>{move || lang.get().pick("手続・入力項目", "Procedures & form")}</h1>
        <p role="status" class="notice" data-testid="catalog-status">{move || status.get()}</p>
        <ProceduresSection status/>
        <FormFieldsSection status/>
        <LocationsSection status/>
    }
}
