//! `/staff/audit` (city administrators, R13.1): the audit trail — sign-ins (refused ones
//! too), sign-outs, re-authentications, two-factor changes, who looked at, exported or
//! changed personal data and settings — newest first, filtered by period, action, login id
//! and refusals, with the same filters as a CSV download. The filters live in the address.

use chrono::{DateTime, Utc};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::{use_navigate, use_query_map};
use madoguchi_shared::console::ConsolePage;
use madoguchi_shared::dto::audit::{AuditAction, AuditEntry, AuditOutcome};
use madoguchi_shared::error::{FieldError, FieldErrorCode};
use serde_json::Value;

use crate::api::reservations::query_string;
use crate::api::{ApiError, staff as api};
use crate::components::city_problem::CityProblem;
use crate::components::download::{file_name_from_disposition, save_bytes};
use crate::components::field_errors::{FieldErrors, LabelledCheckbox, LabelledInput};
use crate::components::scroll_box::ScrollBox;
use crate::i18n::Lang;

/// How many events the table shows at most.
const SHOWN: usize = 500;

fn action_label(action: AuditAction, lang: Lang) -> &'static str {
    lang.pick(action.label_ja(), action.label_en())
}

fn outcome_label(outcome: AuditOutcome, lang: Lang) -> &'static str {
    match outcome {
        AuditOutcome::Ok => lang.pick("成功", "Done"),
        AuditOutcome::Refused => lang.pick("⚠ 拒否", "⚠ Refused"),
    }
}

/// `2027-07-05 10:00:03`, Japan time, to the second.
fn japan_time(at: DateTime<Utc>) -> String {
    at.with_timezone(&madoguchi_shared::time::japan())
        .format("%Y-%m-%d %H:%M:%S")
        .to_string()
}

fn compact_value(value: &Value) -> String {
    match value {
        Value::String(text) => text.clone(),
        other => other.to_string(),
    }
}

/// The detail as one short line: `rows=12, format=csv`.
fn compact_detail(detail: Option<&Value>) -> String {
    match detail {
        None | Some(Value::Null) => String::new(),
        Some(Value::Object(fields)) => fields
            .iter()
            .map(|(name, value)| format!("{name}={}", compact_value(value)))
            .collect::<Vec<_>>()
            .join(", "),
        Some(other) => compact_value(other),
    }
}

/// The page.
#[component]
pub fn AuditPage() -> impl IntoView {
    let lang = expect_context::<RwSignal<Lang>>();
    let query = use_query_map();
    let navigate = use_navigate();
    let param = move |key: &str| query.read().get(key).unwrap_or_default();
    let from = RwSignal::new(String::new());
    let to = RwSignal::new(String::new());
    let action = RwSignal::new(String::new());
    let login_id = RwSignal::new(String::new());
    let refused_only = RwSignal::new(false);
    let errors = FieldErrors::new();
    let download_error = RwSignal::new(None::<ApiError>);
    Effect::new(move |_| {
        from.set(param("from"));
        to.set(param("to"));
        action.set(param("action"));
        login_id.set(param("login_id"));
        refused_only.set(param("refused_only") == "true");
    });
    // The filters in force: the address's, as the API takes them.
    let applied = move || {
        vec![
            ("from", param("from")),
            ("to", param("to")),
            ("action", param("action")),
            ("login_id", param("login_id")),
            (
                "refused_only",
                if param("refused_only") == "true" {
                    "true".to_owned()
                } else {
                    String::new()
                },
            ),
        ]
    };
    let entries = LocalResource::new(move || {
        let mut filters = applied();
        filters.push(("limit", SHOWN.to_string()));
        async move { api::audit_entries(&query_string(&filters)).await }
    });
    let list_error = Signal::derive(move || entries.get().and_then(Result::err));
    Effect::new(move |_| {
        if let Some(Err(failure)) = entries.get() {
            errors.take_from(&failure);
        }
    });

    let go = move |pairs: Vec<(&'static str, String)>| {
        let query = query_string(&pairs);
        let path = if query.is_empty() {
            ConsolePage::Audit.href()
        } else {
            format!("/staff/audit?{query}")
        };
        navigate(&path, Default::default());
    };
    let go_search = go.clone();
    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        let (first, last) = (from.get_untracked(), to.get_untracked());
        if !first.is_empty() && !last.is_empty() && last < first {
            errors.set(vec![FieldError::new(
                "to",
                FieldErrorCode::BeforeFrom,
                "the last day is before the first",
            )]);
            return;
        }
        errors.clear();
        go_search(vec![
            ("from", first),
            ("to", last),
            ("action", action.get_untracked()),
            ("login_id", login_id.get_untracked()),
            (
                "refused_only",
                if refused_only.get_untracked() {
                    "true".to_owned()
                } else {
                    String::new()
                },
            ),
        ]);
    };
    let clear = move |_| {
        errors.clear();
        go(Vec::new());
    };
    let download = move |_| {
        let path = api::audit_export_path(&query_string(&applied()));
        download_error.set(None);
        spawn_local(async move {
            match api::get_bytes(&path, "Content-Disposition").await {
                Ok((bytes, disposition)) => {
                    let name = file_name_from_disposition(disposition.as_deref())
                        .unwrap_or_else(|| "audit-log.csv".to_owned());
                    if !save_bytes(&bytes, "text/csv;charset=utf-8", &name) {
                        download_error.set(Some(ApiError::Network(
                            "the browser refused to save the file".to_owned(),
                        )));
                    }
                }
                Err(failure) => download_error.set(Some(failure)),
            }
        });
    };

    let rows = move || {
        let lang = lang.get();
        let list: Vec<AuditEntry> = entries.get().and_then(Result::ok).unwrap_or_default();
        if list.is_empty() {
            return view! {
                <tr>
                    <td colspan="7" data-testid="audit-empty">
                        {lang.pick("条件に合う記録はありません。", "No events match these filters.")}
                    </td>
                </tr>
            }
            .into_any();
        }
        list.into_iter()
            .map(|entry| {
                view! {
                    <tr data-testid="audit-row" data-action=entry.action.as_str() data-outcome=entry.outcome.as_str()>
                        <th scope="row" class="mono">{japan_time(entry.at)}</th>
                        <td class="mono" data-testid="audit-row-login">{entry.login_id.clone().unwrap_or_else(|| "—".to_owned())}</td>
                        <td>{action_label(entry.action, lang)}</td>
                        <td>{outcome_label(entry.outcome, lang)}</td>
                        <td class="audit-target">{entry.target.clone().unwrap_or_default()}</td>
                        <td class="mono">{entry.client.clone().unwrap_or_default()}</td>
                        <td class="audit-detail">{compact_detail(entry.detail.as_ref())}</td>
                    </tr>
                }
            })
            .collect_view()
            .into_any()
    };
    let count = move || {
        entries.get().and_then(Result::ok).map(|list| {
            let lang = lang.get();
            let shown = list.len();
            match (lang, shown >= SHOWN) {
                (Lang::Ja, false) => format!("{shown}件"),
                (Lang::En, false) if shown == 1 => "1 event".to_owned(),
                (Lang::En, false) => format!("{shown} events"),
                (Lang::Ja, true) => format!(
                    "新しい順に{SHOWN}件まで表示しています。それより古い記録は、期間で絞り込むと表示できます。CSVにも同じ条件で出力します。"
                ),
                (Lang::En, true) => format!(
                    "Showing the newest {SHOWN} events. Narrow the period to see older ones; the CSV follows the same filters."
                ),
            }
        })
    };

    view! {
        <h1>{move || lang.get().pick("監査ログ", "Audit log")}</h1>
        <p class="note">{move || lang.get().pick(
            "サインイン(失敗を含む)、サインアウト、本人確認、2段階認証の設定とリセット、個人情報の閲覧・出力、設定の変更を、誰がいつ行ったかの記録です。時刻は日本時間です。",
            "Who signed in (refusals included) or out, confirmed their password, set up or reset two-factor sign-in, looked at or exported personal data, or changed settings, and when (Japan time).",
        )}</p>
        <form class="filters" on:submit=submit role="search" novalidate=true aria-label=move || lang.get().pick("監査ログの絞り込み", "Filter the audit log") data-testid="audit-form">
            <div class="filter-grid">
                <LabelledInput id="audit-from" field="from" ja="期間(から)" en="From" kind="date" value=from errors/>
                <LabelledInput id="audit-to" field="to" ja="期間(まで)" en="To" kind="date" value=to errors/>
                <div class="field">
                    <label for="audit-action">{move || lang.get().pick("操作", "Action")}</label>
                    <select id="audit-action" data-testid="audit-action" on:change=move |event| action.set(event_target_value(&event))>
                        <option value="" selected=move || action.get().is_empty()>{move || lang.get().pick("すべて", "All")}</option>
                        {AuditAction::ALL
                            .into_iter()
                            .map(|choice| view! {
                                <option value=choice.as_str() selected=move || action.get() == choice.as_str()>
                                    {move || action_label(choice, lang.get())}
                                </option>
                            })
                            .collect_view()}
                    </select>
                </div>
                <LabelledInput id="audit-login-id" field="login_id" ja="ログインID" en="Login ID" kind="text" value=login_id errors autocomplete="off"/>
            </div>
            <LabelledCheckbox id="audit-refused-only" ja="拒否された操作だけ" en="Refused only" value=refused_only/>
            <div class="actions compact">
                <button type="submit" class="primary" data-testid="audit-search">{move || lang.get().pick("表示", "Show")}</button>
                <button type="button" class="secondary" on:click=clear>{move || lang.get().pick("条件をクリア", "Clear the filters")}</button>
                <button type="button" class="secondary" data-testid="audit-download" on:click=download>
                    {move || lang.get().pick("CSVでダウンロード", "Download CSV")}
                </button>
            </div>
        </form>
        <CityProblem error=list_error/>
        <CityProblem error=download_error.into()/>
        <p role="status" data-testid="audit-count">{count}</p>
        <ScrollBox>
            <table class="data-table" data-testid="audit-table" aria-busy=move || entries.get().is_none().to_string()>
                <caption>{move || lang.get().pick("監査ログ(新しい順、日本時間)", "Audit log, newest first (Japan time)")}</caption>
                <thead>
                    <tr>
                        <th scope="col">{move || lang.get().pick("日時", "Time")}</th>
                        <th scope="col">{move || lang.get().pick("ログインID", "Login ID")}</th>
                        <th scope="col">{move || lang.get().pick("操作", "Action")}</th>
                        <th scope="col">{move || lang.get().pick("結果", "Outcome")}</th>
                        <th scope="col">{move || lang.get().pick("対象", "Target")}</th>
                        <th scope="col">{move || lang.get().pick("端末", "Client")}</th>
                        <th scope="col">{move || lang.get().pick("詳細", "Detail")}</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </ScrollBox>
    }
}
