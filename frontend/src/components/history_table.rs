//! The history of reservations as a table (R7.4-エ): when, what, who (call center, citizen
//! or city, with the staff member's name), the channel, and the state before and after.

use leptos::prelude::*;
use madoguchi_shared::dto::history::HistoryEntry;
use madoguchi_shared::dto::reservation::{ActorKind, Channel, ReservationStatus};
use serde_json::Value;

use crate::i18n::Lang;

/// The name of who acted.
pub fn actor_kind_label(lang: Lang, kind: ActorKind) -> &'static str {
    match kind {
        ActorKind::Citizen => lang.pick("市民", "Citizen"),
        ActorKind::CallCenter => lang.pick("コールセンター", "Call center"),
        ActorKind::City => lang.pick("市", "City"),
        ActorKind::System => lang.pick("システム", "System"),
    }
}

/// The name of a channel.
pub fn channel_label(lang: Lang, channel: Channel) -> &'static str {
    match channel {
        Channel::Web => lang.pick("ウェブ", "Web"),
        Channel::Phone => lang.pick("電話", "Phone"),
        Channel::Counter => lang.pick("窓口", "Counter"),
    }
}

/// The name of a status.
pub fn status_label(lang: Lang, status: ReservationStatus) -> &'static str {
    let text = lang.text();
    match status {
        ReservationStatus::Booked => text.status_booked,
        ReservationStatus::Cancelled => text.status_cancelled,
        ReservationStatus::Visited => text.status_visited,
        ReservationStatus::NoShow => text.status_no_show,
    }
}

/// The name of a recorded action.
pub fn action_label(lang: Lang, action: &str) -> String {
    let (ja, en) = match action {
        "create" => ("新規予約", "Booked"),
        "change" => ("日時の変更", "Time changed"),
        "cancel" => ("取消", "Cancelled"),
        "member_add" => ("同行者の追加", "Member added"),
        "member_remove" => ("同行者の削除", "Member removed"),
        "visit" => ("来庁", "Visited"),
        "no_show" => ("来庁なし", "No-show"),
        other => (other, other),
    };
    lang.pick(ja, en).to_owned()
}

/// A recorded state in one line: day and band, the people, the status.
pub fn describe_state(lang: Lang, state: &Value) -> String {
    let mut parts = Vec::new();
    let date = state.get("date").and_then(Value::as_str);
    let start = state.get("start").and_then(Value::as_str);
    if let Some(date) = date {
        let day = chrono::NaiveDate::parse_from_str(date, "%Y-%m-%d")
            .map_or_else(|_| date.to_owned(), |day| lang.date(day));
        parts.push(format!("{day} {}", start.unwrap_or_default()));
    }
    if let Some(members) = state.get("members").and_then(Value::as_array) {
        let names: Vec<&str> = members
            .iter()
            .filter_map(|member| member.get("name").and_then(Value::as_str))
            .collect();
        parts.push(match lang {
            Lang::Ja => format!("{}人（{}）", names.len(), names.join("、")),
            Lang::En => format!("{} people ({})", names.len(), names.join(", ")),
        });
    }
    if let Some(status) = state
        .get("status")
        .and_then(Value::as_str)
        .and_then(ReservationStatus::parse)
    {
        parts.push(status_label(lang, status).to_owned());
    }
    parts.join(" / ")
}

/// Rows of history, newest first as the server sends them.
#[component]
pub fn HistoryTable(
    /// The entries.
    entries: Vec<HistoryEntry>,
    /// Link each reservation number to the staff reservation page.
    #[prop(optional)]
    link_numbers: bool,
    /// The table's caption.
    caption: Signal<String>,
) -> impl IntoView {
    let lang = expect_context::<RwSignal<Lang>>();
    if entries.is_empty() {
        return view! {
            <p data-testid="history-empty">{move || lang.get().pick("該当する履歴はありません。", "No history found.")}</p>
        }
        .into_any();
    }
    let rows = entries
        .into_iter()
        .map(|entry| {
            let number = entry.reservation_number.clone();
            let href = format!("/staff/reservations?number={number}");
            let kind = entry.actor_kind;
            let name = entry.actor_name.clone();
            let action = entry.action.clone();
            let before = entry.before.clone();
            let after = entry.after.clone();
            view! {
                <tr data-testid="history-row" data-actor-kind=kind.as_str() data-action=entry.action.clone() data-number=number.clone()>
                    <td>{move || lang.get().moment(entry.at)}</td>
                    <td>{move || action_label(lang.get(), &action)}</td>
                    <td class="mono">
                        {if link_numbers {
                            view! { <a href=href>{number.clone()}</a> }.into_any()
                        } else {
                            view! { <span>{number.clone()}</span> }.into_any()
                        }}
                    </td>
                    <td data-testid="history-actor">
                        {move || actor_kind_label(lang.get(), kind)}
                        {name.clone().map(|name| format!("（{name}）"))}
                    </td>
                    <td>{move || channel_label(lang.get(), entry.channel)}</td>
                    <td>{move || before.as_ref().map(|state| describe_state(lang.get(), state)).unwrap_or_else(|| "—".to_owned())}</td>
                    <td>{move || after.as_ref().map(|state| describe_state(lang.get(), state)).unwrap_or_else(|| "—".to_owned())}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <div class="table-scroll" role="region" tabindex="0" aria-label=move || caption.get()>
            <table class="data-table" data-testid="history-table">
                <caption>{move || caption.get()}</caption>
                <thead>
                    <tr>
                        <th scope="col">{move || lang.get().pick("日時", "When")}</th>
                        <th scope="col">{move || lang.get().pick("操作", "Action")}</th>
                        <th scope="col">{move || lang.get().text().reservation_number}</th>
                        <th scope="col">{move || lang.get().pick("操作した人", "By")}</th>
                        <th scope="col">{move || lang.get().pick("経路", "Channel")}</th>
                        <th scope="col">{move || lang.get().pick("変更前", "Before")}</th>
                        <th scope="col">{move || lang.get().pick("変更後", "After")}</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
    .into_any()
}
