//! The top page: what can be booked, and whether the call center answers now.

use leptos::prelude::*;
use madoguchi_shared::dto::catalog::Procedure;

use crate::api;
use crate::i18n::{Lang, messages};

/// The citizen top page.
#[component]
pub fn HomePage() -> impl IntoView {
    let lang = use_context::<ReadSignal<Lang>>().unwrap_or_else(|| signal(Lang::Ja).0);
    let text = move || messages(lang.get());
    let procedures = LocalResource::new(api::list_procedures);
    let call_center = LocalResource::new(api::get_call_center_status);

    view! {
        <h1>{move || text().welcome_heading}</h1>
        <p>{move || text().welcome_lead}</p>
        <section aria-labelledby="procedures-heading">
            <h2 id="procedures-heading">{move || text().procedures_heading}</h2>
            <Suspense fallback=move || view! { <p role="status">{move || text().loading}</p> }>
                {move || {
                    procedures
                        .get()
                        .map(|result| match result {
                            Ok(list) => {
                                view! {
                                    <ul class="procedures" data-testid="procedures">
                                        {list
                                            .into_iter()
                                            .map(|procedure| view! { <ProcedureCard procedure lang/> })
                                            .collect_view()}
                                    </ul>
                                }
                                    .into_any()
                            }
                            Err(error) => {
                                leptos::logging::warn!("loading procedures failed: {error}");
                                view! { <p role="alert">{move || text().load_failed}</p> }.into_any()
                            }
                        })
                }}
            </Suspense>
        </section>
        <section aria-labelledby="call-center-heading">
            <h2 id="call-center-heading">{move || text().call_center_heading}</h2>
            <Suspense fallback=|| ()>
                {move || {
                    call_center
                        .get()
                        .and_then(Result::ok)
                        .map(|status| {
                            let hours_ja = status.hours_ja.clone();
                            let hours_en = status.hours_en.clone();
                            view! {
                                <p data-testid="call-center-status">
                                    {move || {
                                        if status.open { text().call_center_open } else { text().call_center_closed }
                                    }}
                                </p>
                                <p>{move || if lang.get() == Lang::Ja { hours_ja.clone() } else { hours_en.clone() }}</p>
                            }
                        })
                }}
            </Suspense>
        </section>
    }
}

#[component]
fn ProcedureCard(procedure: Procedure, lang: ReadSignal<Lang>) -> impl IntoView {
    let text = move || messages(lang.get());
    let localized = move |ja: &str, en: &str| {
        if lang.get() == Lang::Ja {
            ja.to_owned()
        } else {
            en.to_owned()
        }
    };
    let p = procedure;
    view! {
        <li class="procedure">
            <h3>{move || localized(&p.name_ja, &p.name_en)}</h3>
            <dl>
                <dt>{move || text().what_to_bring}</dt>
                <dd>{move || localized(&p.what_to_bring_ja, &p.what_to_bring_en)}</dd>
                <dt>{move || text().notes}</dt>
                <dd>{move || localized(&p.notes_ja, &p.notes_en)}</dd>
            </dl>
        </li>
    }
}
