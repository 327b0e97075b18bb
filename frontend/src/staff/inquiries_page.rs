//! `/staff/inquiries`: the inquiry log (R5.6-R5.7, R9). Operators record each call — when,
//! what about (予約 / 変更 / 取消 / 問合せ / 苦情 / その他), a summary, the outcome and the
//! reservation it concerned — and list them by period, category and, for supervisors and
//! the city, by operator. `?reservation=…&category=…` pre-fills the form (from the phone
//! screen's read-out panel).

use chrono::{Days, NaiveDateTime, Utc};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_query_map;
use madoguchi_shared::dto::inquiry::{
    CreateInquiryRequest, Inquiry, InquiryCategory, InquiryOutcome,
};
use madoguchi_shared::dto::staff::StaffRole;
use madoguchi_shared::reservation_number;
use madoguchi_shared::time::japan;

use crate::api::ApiError;
use crate::api::{accounts, inquiries};
use crate::components::loading::Loading;
use crate::components::staff_problem::StaffProblem;
use crate::i18n::Lang;
use crate::session::use_session;

fn category_label(lang: Lang, category: InquiryCategory) -> &'static str {
    lang.pick(category.label_ja(), category.label_en())
}

fn outcome_label(lang: Lang, outcome: InquiryOutcome) -> &'static str {
    lang.pick(outcome.label_ja(), outcome.label_en())
}

/// Now in Japan time, as a `datetime-local` value.
fn now_local_input() -> String {
    crate::clock::now()
        .with_timezone(&japan())
        .naive_local()
        .format("%Y-%m-%dT%H:%M")
        .to_string()
}

fn today_input(days_back: u64) -> String {
    let today = crate::clock::today();
    today
        .checked_sub_days(Days::new(days_back))
        .unwrap_or(today)
        .to_string()
}

/// A `datetime-local` value in Japan time as an instant.
fn parse_local(value: &str) -> Option<chrono::DateTime<Utc>> {
    let naive = NaiveDateTime::parse_from_str(value, "%Y-%m-%dT%H:%M").ok()?;
    naive
        .and_local_timezone(japan())
        .single()
        .map(|at| at.with_timezone(&Utc))
}

/// The inquiry log.
#[component]
pub fn InquiriesPage() -> impl IntoView {
    let lang = expect_context::<RwSignal<Lang>>();
    let session = use_session();
    let query = use_query_map();
    let sees_all = move || {
        session
            .get()
            .is_some_and(|s| s.role() != StaffRole::Operator)
    };

    // The form.
    let received_at = RwSignal::new(now_local_input());
    let category = RwSignal::new(
        query
            .read_untracked()
            .get("category")
            .and_then(|c| InquiryCategory::parse(&c))
            .unwrap_or(InquiryCategory::Question),
    );
    let outcome = RwSignal::new(InquiryOutcome::Resolved);
    let summary = RwSignal::new(String::new());
    let reservation = RwSignal::new(
        query
            .read_untracked()
            .get("reservation")
            .unwrap_or_default(),
    );
    let form_error = RwSignal::new(None::<String>);
    let error = RwSignal::new(None::<ApiError>);
    let notice = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);

    // The list.
    let from = RwSignal::new(today_input(6));
    let to = RwSignal::new(today_input(0));
    let filter_category = RwSignal::new(String::new());
    let filter_staff = RwSignal::new(String::new());
    let applied = RwSignal::new((
        from.get_untracked(),
        to.get_untracked(),
        String::new(),
        String::new(),
    ));
    let version = RwSignal::new(0u32);
    let list = LocalResource::new(move || {
        version.track();
        let (from, to, category, staff_id) = applied.get();
        async move {
            inquiries::list(&[
                ("from", from),
                ("to", to),
                ("category", category),
                ("staff_id", staff_id),
            ])
            .await
        }
    });
    let members = LocalResource::new(move || {
        let allowed = sees_all();
        async move {
            if allowed {
                accounts::list().await.ok()
            } else {
                None
            }
        }
    });

    // Who can be chosen in the staff filter: the accounts for an administrator, otherwise
    // everyone seen in the log so far (supervisors may not list accounts).
    let seen_staff = RwSignal::new(std::collections::BTreeMap::<i64, String>::new());
    Effect::new(move |_| {
        if let Some(Ok(rows)) = list.get() {
            seen_staff.update(|seen| {
                for row in rows {
                    seen.insert(row.staff_id, row.staff_name);
                }
            });
        }
    });
    let staff_options = move || -> Vec<(i64, String)> {
        match members.get().flatten() {
            Some(accounts) => accounts
                .into_iter()
                .map(|account| (account.id, account.display_name))
                .collect(),
            None => seen_staff.get().into_iter().collect(),
        }
    };

    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        form_error.set(None);
        error.set(None);
        notice.set(None);
        let text = summary.get_untracked().trim().to_owned();
        if text.is_empty() || text.chars().count() > 1000 {
            form_error.set(Some(
                lang.get_untracked()
                    .pick(
                        "内容の要約を1〜1000文字で入力してください。",
                        "Enter a summary of 1 to 1000 characters.",
                    )
                    .to_owned(),
            ));
            return;
        }
        let typed_number = reservation.get_untracked().trim().to_owned();
        let number = if typed_number.is_empty() {
            None
        } else if let Some(number) = reservation_number::normalize(&typed_number) {
            Some(number)
        } else {
            form_error.set(Some(
                lang.get_untracked()
                    .pick(
                        "予約番号の形式が正しくありません（例: ACK7-9WXY）。",
                        "The reservation number is not valid (e.g. ACK7-9WXY).",
                    )
                    .to_owned(),
            ));
            return;
        };
        let request = CreateInquiryRequest {
            received_at: parse_local(&received_at.get_untracked()),
            category: category.get_untracked(),
            summary: text,
            outcome: outcome.get_untracked(),
            reservation_number: number,
        };
        busy.set(true);
        spawn_local(async move {
            match inquiries::create(&request).await {
                Ok(_) => {
                    notice.set(Some(
                        lang.get_untracked()
                            .pick("記録しました。", "Logged.")
                            .to_owned(),
                    ));
                    summary.set(String::new());
                    reservation.set(String::new());
                    received_at.set(now_local_input());
                    version.update(|n| *n += 1);
                }
                Err(failure) => error.set(Some(failure)),
            }
            busy.set(false);
        });
    };
    let filter = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        applied.set((
            from.get_untracked(),
            to.get_untracked(),
            filter_category.get_untracked(),
            filter_staff.get_untracked(),
        ));
    };

    view! {
        <h1>{move || lang.get().pick("問合せ記録", "Inquiry log")}</h1>
        <section class="panel" aria-labelledby="inquiry-new-heading">
            <h2 id="inquiry-new-heading">{move || lang.get().pick("電話の内容を記録する", "Log a call")}</h2>
            <StaffProblem error=error.into()/>
            <p role="status" class="notice" data-testid="inquiry-notice">{move || notice.get()}</p>
            <form class="operator-form" on:submit=submit data-testid="inquiry-form">
                <div class="filter-grid">
                    <div class="field">
                        <label for="inquiry-received-at">{move || lang.get().pick("受付日時", "Received at")}</label>
                        <input id="inquiry-received-at" type="datetime-local" required=true prop:value=move || received_at.get() on:input=move |e| received_at.set(event_target_value(&e))/>
                    </div>
                    <div class="field">
                        <label for="inquiry-category">{move || lang.get().pick("区分", "Category")}</label>
                        <select id="inquiry-category" on:change=move |e| {
                            if let Some(c) = InquiryCategory::parse(&event_target_value(&e)) { category.set(c) }
                        }>
                            {InquiryCategory::ALL.into_iter().map(|c| view! {
                                <option value=c.as_str() selected=move || category.get() == c>{move || category_label(lang.get(), c)}</option>
                            }).collect_view()}
                        </select>
                    </div>
                    <div class="field">
                        <label for="inquiry-outcome">{move || lang.get().pick("対応結果", "Outcome")}</label>
                        <select id="inquiry-outcome" on:change=move |e| {
                            if let Some(o) = InquiryOutcome::parse(&event_target_value(&e)) { outcome.set(o) }
                        }>
                            {InquiryOutcome::ALL.into_iter().map(|o| view! {
                                <option value=o.as_str() selected=move || outcome.get() == o>{move || outcome_label(lang.get(), o)}</option>
                            }).collect_view()}
                        </select>
                    </div>
                    <div class="field">
                        <label for="inquiry-reservation">{move || lang.get().pick("予約番号（任意）", "Reservation number (optional)")}</label>
                        <input id="inquiry-reservation" type="text" autocomplete="off" prop:value=move || reservation.get() on:input=move |e| reservation.set(event_target_value(&e))/>
                    </div>
                </div>
                <div class="field">
                    <label for="inquiry-summary">{move || lang.get().pick("内容の要約（個人情報は必要な範囲で）", "Summary (no more personal data than needed)")}</label>
                    <textarea
                        id="inquiry-summary"
                        rows="3"
                        required=true
                        maxlength="1000"
                        aria-describedby="inquiry-form-error"
                        prop:value=move || summary.get()
                        on:input=move |e| summary.set(event_target_value(&e))
                    ></textarea>
                </div>
                <p id="inquiry-form-error" class="field-error" role="alert">{move || form_error.get()}</p>
                <div class="actions">
                    <button type="submit" class="primary" data-testid="inquiry-submit" prop:disabled=move || busy.get()>
                        {move || lang.get().pick("記録する", "Log it")}
                    </button>
                </div>
            </form>
        </section>
        <section aria-labelledby="inquiry-list-heading">
            <h2 id="inquiry-list-heading">{move || lang.get().pick("記録の一覧", "Logged calls")}</h2>
            <Show when=move || !sees_all()>
                <p class="note">{move || lang.get().pick("自分が記録した分を表示しています。", "Showing the calls you logged.")}</p>
            </Show>
            <form class="filters" on:submit=filter role="search" aria-label=move || lang.get().pick("問合せ記録の絞り込み", "Filter the log") data-testid="inquiry-filter">
                <div class="filter-grid">
                    <div class="field">
                        <label for="inquiry-from">{move || lang.get().pick("期間（から）", "From")}</label>
                        <input id="inquiry-from" type="date" prop:value=move || from.get() on:input=move |e| from.set(event_target_value(&e))/>
                    </div>
                    <div class="field">
                        <label for="inquiry-to">{move || lang.get().pick("期間（まで）", "To")}</label>
                        <input id="inquiry-to" type="date" prop:value=move || to.get() on:input=move |e| to.set(event_target_value(&e))/>
                    </div>
                    <div class="field">
                        <label for="inquiry-filter-category">{move || lang.get().pick("区分", "Category")}</label>
                        <select id="inquiry-filter-category" on:change=move |e| filter_category.set(event_target_value(&e))>
                            <option value="">{move || lang.get().pick("すべて", "All")}</option>
                            {InquiryCategory::ALL.into_iter().map(|c| view! {
                                <option value=c.as_str()>{move || category_label(lang.get(), c)}</option>
                            }).collect_view()}
                        </select>
                    </div>
                    {move || sees_all().then(staff_options).map(|list| view! {
                        <div class="field">
                            <label for="inquiry-filter-staff">{move || lang.get().pick("記録した職員", "Logged by")}</label>
                            <select id="inquiry-filter-staff" on:change=move |e| filter_staff.set(event_target_value(&e))>
                                <option value="">{move || lang.get().pick("すべて", "All")}</option>
                                {list.into_iter().map(|(id, name)| view! {
                                    <option value=id.to_string() selected=move || filter_staff.get() == id.to_string()>{name}</option>
                                }).collect_view()}
                            </select>
                        </div>
                    })}
                </div>
                <div class="actions">
                    <button type="submit" class="secondary" data-testid="inquiry-filter-submit">{move || lang.get().pick("表示", "Show")}</button>
                </div>
            </form>
            <Suspense fallback=|| view! { <Loading/> }>
                {move || list.get().map(|found| match found {
                    Ok(rows) if rows.is_empty() => view! {
                        <p data-testid="inquiry-empty">{move || lang.get().pick("該当する記録はありません。", "Nothing logged.")}</p>
                    }.into_any(),
                    Ok(rows) => view! { <InquiryTable rows/> }.into_any(),
                    Err(failure) => {
                        let failure = Signal::derive(move || Some(failure.clone()));
                        view! { <StaffProblem error=failure/> }.into_any()
                    }
                })}
            </Suspense>
        </section>
    }
}

#[component]
fn InquiryTable(rows: Vec<Inquiry>) -> impl IntoView {
    let lang = expect_context::<RwSignal<Lang>>();
    view! {
        <div class="table-scroll" role="region" tabindex="0" aria-label=move || lang.get().pick("問合せ記録", "Inquiry log")>
            <table class="data-table" data-testid="inquiry-table">
                <caption class="visually-hidden">{move || lang.get().pick("問合せ記録（新しい順）", "Inquiry log, newest first")}</caption>
                <thead>
                    <tr>
                        <th scope="col">{move || lang.get().pick("受付日時", "Received at")}</th>
                        <th scope="col">{move || lang.get().pick("区分", "Category")}</th>
                        <th scope="col">{move || lang.get().pick("内容", "Summary")}</th>
                        <th scope="col">{move || lang.get().pick("対応結果", "Outcome")}</th>
                        <th scope="col">{move || lang.get().text().reservation_number}</th>
                        <th scope="col">{move || lang.get().pick("記録した職員", "Logged by")}</th>
                    </tr>
                </thead>
                <tbody>
                    {rows
                        .into_iter()
                        .map(|row| {
                            let number = row.reservation_number.clone();
                            view! {
                                <tr data-testid="inquiry-row" data-category=row.category.as_str()>
                                    <td>{move || lang.get().moment(row.received_at)}</td>
                                    <td>{move || category_label(lang.get(), row.category)}</td>
                                    <td>{row.summary.clone()}</td>
                                    <td>{move || outcome_label(lang.get(), row.outcome)}</td>
                                    <td class="mono">
                                        {number.map(|number| {
                                            let href = format!("/staff/reservations?number={number}");
                                            view! { <a href=href>{number}</a> }
                                        })}
                                    </td>
                                    <td>{row.staff_name.clone()}</td>
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>
        </div>
    }
}
