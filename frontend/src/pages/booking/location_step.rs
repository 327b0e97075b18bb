//! Step 1: which office (skipped when there is only one).

use leptos::prelude::*;

use super::steps::use_go;
use crate::api;
use crate::components::loading::Loading;
use crate::i18n::Lang;
use crate::state::BookingDraft;

/// Choose the location.
#[component]
pub fn LocationStep() -> impl IntoView {
    let lang = expect_context::<RwSignal<Lang>>();
    let draft = expect_context::<RwSignal<BookingDraft>>();
    let locations = LocalResource::new(api::list_locations);
    let go = use_go();
    Effect::new(move |_| {
        if let Some(Ok(list)) = locations.get()
            && list.len() == 1
        {
            draft.update(|d| d.location_id = Some(list[0].id));
            go.run("party");
        }
    });
    view! {
        <h1>{move || lang.get().text().location_heading}</h1>
        <Suspense fallback=|| view! { <Loading/> }>
            {move || {
                locations
                    .get()
                    .map(|result| match result {
                        Ok(list) => {
                            view! {
                                <fieldset class="choices">
                                    <legend class="visually-hidden">{move || lang.get().text().location_heading}</legend>
                                    {list
                                        .into_iter()
                                        .map(|location| {
                                            let id = location.id;
                                            view! {
                                                <label class="choice">
                                                    <input
                                                        type="radio"
                                                        name="location"
                                                        prop:checked=move || draft.read().location_id == Some(id)
                                                        on:change=move |_| draft.update(|d| d.location_id = Some(id))
                                                    />
                                                    <span>
                                                        <strong>{move || lang.get().pick(&location.name_ja, &location.name_en).to_owned()}</strong>
                                                        <small>{location.address_ja.clone()}</small>
                                                    </span>
                                                </label>
                                            }
                                        })
                                        .collect_view()}
                                </fieldset>
                            }
                                .into_any()
                        }
                        Err(_) => view! { <p role="alert">{move || lang.get().text().load_failed}</p> }.into_any(),
                    })
            }}
        </Suspense>
        <div class="step-buttons">
            <button
                type="button"
                class="primary"
                prop:disabled=move || draft.read().location_id.is_none()
                on:click=move |_| go.run("party")
            >
                {move || lang.get().text().next}
            </button>
        </div>
    }
}
