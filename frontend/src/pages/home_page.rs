//! The top page: the two ways in (book, or open a booking), what can be booked, and
//! whether the call center answers now.

use leptos::prelude::*;
use leptos_router::components::A;
use madoguchi_shared::dto::catalog::Procedure;
use madoguchi_shared::dto::notice::{Notice, NoticeKind};

use crate::api;
use crate::i18n::Lang;

/// The citizen top page.
#[component]
pub fn HomePage() -> impl IntoView {
    let lang = expect_context::<RwSignal<Lang>>();
    let text = move || lang.get().text();
    let procedures = LocalResource::new(api::list_procedures);
    let call_center = LocalResource::new(api::get_call_center_status);
    let notices = LocalResource::new(api::list_notices);

    view! {
        {move || {
            notices.get().and_then(Result::ok).filter(|list| !list.is_empty()).map(|list| {
                view! { <Notices list/> }
            })
        }}
        <h1>{move || text().welcome_heading}</h1>
        <p>{move || text().welcome_lead}</p>
        <div class="actions">
            <A href="/book/location" attr:class="button primary" attr:data-testid="start-booking">
                {move || text().book_button}
            </A>
            <A href="/reservations" attr:class="button secondary" attr:data-testid="open-booking">
                {move || text().manage_button}
            </A>
        </div>
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
                                        {list.into_iter().map(|procedure| view! { <ProcedureCard procedure/> }).collect_view()}
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
                            let hours = (status.hours_ja.clone(), status.hours_en.clone());
                            view! {
                                <p data-testid="call-center-status">
                                    {move || if status.open { text().call_center_open } else { text().call_center_closed }}
                                </p>
                                <p>{move || lang.get().pick(&hours.0, &hours.1).to_owned()}</p>
                            }
                        })
                }}
            </Suspense>
        </section>
    }
}

/// Announced maintenance first, in a box that cannot be missed, then the news (R7.5).
#[component]
fn Notices(list: Vec<Notice>) -> impl IntoView {
    let lang = expect_context::<RwSignal<Lang>>();
    let (maintenance, news): (Vec<Notice>, Vec<Notice>) = list
        .into_iter()
        .partition(|notice| notice.notice.kind == NoticeKind::Maintenance);
    let text_of = move |ja: &str, en: &str| {
        let en = if en.is_empty() { ja } else { en };
        lang.get().pick(ja, en).to_owned()
    };
    view! {
        {maintenance
            .into_iter()
            .map(|notice| {
                let n = notice.notice;
                let window = n.starts_at.zip(n.ends_at);
                view! {
                    <section class="maintenance" role="note" aria-labelledby=format!("notice-{}", notice.id) data-testid="maintenance">
                        <h2 id=format!("notice-{}", notice.id)>{move || lang.get().text().maintenance_heading}</h2>
                        <p><strong>{move || text_of(&n.title_ja, &n.title_en)}</strong></p>
                        {window.map(|(starts, ends)| view! {
                            <p>{move || lang.get().text().maintenance_when}": "{move || format!("{} 〜 {}", lang.get().moment(starts), lang.get().moment(ends))}</p>
                        })}
                        <p>{move || text_of(&n.body_ja, &n.body_en)}</p>
                    </section>
                }
            })
            .collect_view()}
        {(!news.is_empty()).then(|| view! {
            <section class="notices" aria-labelledby="notices-heading">
                <h2 id="notices-heading">{move || lang.get().text().notices_heading}</h2>
                <ul>
                    {news
                        .into_iter()
                        .map(|notice| {
                            let n = notice.notice;
                            view! {
                                <li>
                                    <strong>{move || text_of(&n.title_ja, &n.title_en)}</strong>
                                    <p>{move || text_of(&n.body_ja, &n.body_en)}</p>
                                </li>
                            }
                        })
                        .collect_view()}
                </ul>
            </section>
        })}
    }
}

#[component]
fn ProcedureCard(procedure: Procedure) -> impl IntoView {
    let lang = expect_context::<RwSignal<Lang>>();
    let text = move || lang.get().text();
    let p = procedure;
    view! {
        <li class="procedure">
            <h3>{move || lang.get().pick(&p.name_ja, &p.name_en).to_owned()}</h3>
            <dl>
                <dt>{move || text().what_to_bring}</dt>
                <dd>{move || lang.get().pick(&p.what_to_bring_ja, &p.what_to_bring_en).to_owned()}</dd>
                <dt>{move || text().notes}</dt>
                <dd>{move || lang.get().pick(&p.notes_ja, &p.notes_en).to_owned()}</dd>
            </dl>
        </li>
    }
}
