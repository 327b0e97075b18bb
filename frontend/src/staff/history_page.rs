//! `/staff/history`: who created, changed or cancelled which reservation, when and through
//! which channel, told apart by the kind of user — call center, citizen or city (R7.4-エ).
//! The filters live in the address.

use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_query_map};
use madoguchi_shared::dto::reservation::ActorKind;
use madoguchi_shared::reservation_number;

use crate::api::reservations::{self as api_staff, query_string};
use crate::components::history_table::{HistoryTable, actor_kind_label};
use crate::components::loading::Loading;
use crate::components::staff_problem::StaffProblem;
use crate::i18n::Lang;

/// Start of a Japan day as an instant, for the API.
fn day_start(date: &str) -> String {
    if date.is_empty() {
        String::new()
    } else {
        format!("{date}T00:00:00+09:00")
    }
}

/// End of a Japan day as an instant, for the API.
fn day_end(date: &str) -> String {
    if date.is_empty() {
        String::new()
    } else {
        format!("{date}T23:59:59.999+09:00")
    }
}

/// The history viewer.
#[component]
pub fn HistoryPage() -> impl IntoView {
    let lang = expect_context::<RwSignal<Lang>>();
    let query = use_query_map();
    let navigate = use_navigate();
    let param = move |key: &str| query.read().get(key).unwrap_or_default();
    let from = RwSignal::new(String::new());
    let to = RwSignal::new(String::new());
    let number = RwSignal::new(String::new());
    let actor = RwSignal::new(String::new());
    Effect::new(move |_| {
        from.set(param("from"));
        to.set(param("to"));
        number.set(param("number"));
        actor.set(param("actor_kind"));
    });
    let entries = LocalResource::new(move || {
        let (from, to, number, actor) = (
            param("from"),
            param("to"),
            param("number"),
            param("actor_kind"),
        );
        async move {
            let found = match reservation_number::normalize(&number) {
                Some(number) => {
                    let mut list = api_staff::reservation_history(&number).await?;
                    let (since, until) = (
                        chrono::DateTime::parse_from_rfc3339(&day_start(&from)).ok(),
                        chrono::DateTime::parse_from_rfc3339(&day_end(&to)).ok(),
                    );
                    list.retain(|entry| {
                        (actor.is_empty() || entry.actor_kind.as_str() == actor)
                            && since.is_none_or(|since| entry.at >= since)
                            && until.is_none_or(|until| entry.at <= until)
                    });
                    list
                }
                None => {
                    api_staff::history(&query_string(&[
                        ("from", day_start(&from)),
                        ("to", day_end(&to)),
                        ("actor_kind", actor),
                        ("limit", "500".to_owned()),
                    ]))
                    .await?
                }
            };
            Ok::<_, crate::api::ApiError>(found)
        }
    });
    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        let query = query_string(&[
            ("from", from.get_untracked()),
            ("to", to.get_untracked()),
            ("number", number.get_untracked()),
            ("actor_kind", actor.get_untracked()),
        ]);
        navigate(&format!("/staff/history?{query}"), Default::default());
    };
    view! {
        <h1>{move || lang.get().pick("操作履歴", "History")}</h1>
        <p class="note">{move || lang.get().pick(
            "予約の作成・変更・取消などを、誰が（コールセンター・市民・市）いつ行ったかを表示します。時刻は日本時間です。",
            "Who (call center, citizen or city) created, changed or cancelled which reservation, and when (Japan time).",
        )}</p>
        <form class="filters" on:submit=submit role="search" aria-label=move || lang.get().pick("履歴の絞り込み", "Filter the history") data-testid="history-form">
            <div class="filter-grid">
                <div class="field">
                    <label for="history-from">{move || lang.get().pick("期間（から）", "From")}</label>
                    <input id="history-from" type="date" prop:value=move || from.get() on:input=move |e| from.set(event_target_value(&e))/>
                </div>
                <div class="field">
                    <label for="history-to">{move || lang.get().pick("期間（まで）", "To")}</label>
                    <input id="history-to" type="date" prop:value=move || to.get() on:input=move |e| to.set(event_target_value(&e))/>
                </div>
                <div class="field">
                    <label for="history-number">{move || lang.get().text().reservation_number}</label>
                    <input id="history-number" type="text" autocomplete="off" prop:value=move || number.get() on:input=move |e| number.set(event_target_value(&e))/>
                </div>
                <div class="field">
                    <label for="history-actor">{move || lang.get().pick("操作した人の種別", "Who acted")}</label>
                    <select id="history-actor" on:change=move |e| actor.set(event_target_value(&e))>
                        <option value="" selected=move || actor.get().is_empty()>{move || lang.get().pick("すべて", "All")}</option>
                        {[ActorKind::CallCenter, ActorKind::Citizen, ActorKind::City, ActorKind::System]
                            .into_iter()
                            .map(|kind| view! {
                                <option value=kind.as_str() selected=move || actor.get() == kind.as_str()>{move || actor_kind_label(lang.get(), kind)}</option>
                            })
                            .collect_view()}
                    </select>
                </div>
            </div>
            <div class="actions">
                <button type="submit" class="primary" data-testid="history-search">{move || lang.get().pick("表示", "Show")}</button>
            </div>
        </form>
        <Suspense fallback=|| view! { <Loading/> }>
            {move || entries.get().map(|found| match found {
                Ok(list) => view! {
                    <HistoryTable
                        entries=list
                        link_numbers=true
                        caption=Signal::derive(move || lang.get().pick("操作履歴（新しい順）", "History, newest first").to_owned())
                    />
                }.into_any(),
                Err(failure) => {
                    let failure = Signal::derive(move || Some(failure.clone()));
                    view! { <StaffProblem error=failure/> }.into_any()
                }
            })}
        </Suspense>
    }
}
