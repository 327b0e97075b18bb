//! `/staff/notices`: notices on the citizen top page and maintenance announced in advance
//! (R7.5). Times are typed in Japan time and sent in UTC.

use chrono::{DateTime, NaiveDateTime, TimeZone, Utc};
use leptos::prelude::*;
use leptos::task::spawn_local;
use madoguchi_shared::dto::notice::{Notice, NoticeInput, NoticeKind};
use madoguchi_shared::error::{FieldError, FieldErrorCode};
use madoguchi_shared::time::japan;
use madoguchi_shared::validate::validate_notice;

use crate::api::ApiError;
use crate::api::notices;
use crate::components::city_problem::CityProblem;
use crate::components::field_errors::{FieldErrors, LabelledInput, LabelledTextarea};
use crate::components::loading::{Audience, Loading, load_failed};
use crate::components::scroll_box::ScrollBox;
use crate::i18n::Lang;

const LOCAL_FORMAT: &str = "%Y-%m-%dT%H:%M";

fn to_local(at: DateTime<Utc>) -> String {
    at.with_timezone(&japan()).format(LOCAL_FORMAT).to_string()
}

/// Reads a `datetime-local` value as Japan time; `Ok(None)` when empty.
fn from_local(field: &str, text: &str, wrong: &mut Vec<FieldError>) -> Option<DateTime<Utc>> {
    let text = text.trim();
    if text.is_empty() {
        return None;
    }
    let parsed = NaiveDateTime::parse_from_str(text, LOCAL_FORMAT)
        .or_else(|_| NaiveDateTime::parse_from_str(text, "%Y-%m-%dT%H:%M:%S"))
        .ok()
        .and_then(|naive| japan().from_local_datetime(&naive).single())
        .map(|at| at.with_timezone(&Utc));
    if parsed.is_none() {
        wrong.push(FieldError::new(
            field,
            FieldErrorCode::InvalidFormat,
            "not a date and time",
        ));
    }
    parsed
}

#[derive(Clone, Copy)]
struct NoticeDraft {
    id: Option<i64>,
    kind: RwSignal<NoticeKind>,
    title_ja: RwSignal<String>,
    title_en: RwSignal<String>,
    body_ja: RwSignal<String>,
    body_en: RwSignal<String>,
    publish_from: RwSignal<String>,
    publish_until: RwSignal<String>,
    starts_at: RwSignal<String>,
    ends_at: RwSignal<String>,
}

impl NoticeDraft {
    fn of(notice: Option<&Notice>) -> NoticeDraft {
        let n = notice.map(|n| &n.notice);
        let time = |at: Option<DateTime<Utc>>| RwSignal::new(at.map(to_local).unwrap_or_default());
        NoticeDraft {
            id: notice.map(|n| n.id),
            kind: RwSignal::new(n.map_or(NoticeKind::Notice, |n| n.kind)),
            title_ja: RwSignal::new(n.map(|n| n.title_ja.clone()).unwrap_or_default()),
            title_en: RwSignal::new(n.map(|n| n.title_en.clone()).unwrap_or_default()),
            body_ja: RwSignal::new(n.map(|n| n.body_ja.clone()).unwrap_or_default()),
            body_en: RwSignal::new(n.map(|n| n.body_en.clone()).unwrap_or_default()),
            publish_from: time(Some(n.map_or_else(crate::clock::now, |n| n.publish_from))),
            publish_until: time(n.and_then(|n| n.publish_until)),
            starts_at: time(n.and_then(|n| n.starts_at)),
            ends_at: time(n.and_then(|n| n.ends_at)),
        }
    }

    fn input(&self) -> Result<NoticeInput, Vec<FieldError>> {
        let mut wrong = Vec::new();
        let kind = self.kind.get_untracked();
        let publish_from = from_local(
            "publish_from",
            &self.publish_from.get_untracked(),
            &mut wrong,
        );
        if publish_from.is_none() && self.publish_from.get_untracked().trim().is_empty() {
            wrong.push(FieldError::new(
                "publish_from",
                FieldErrorCode::Required,
                "must not be empty",
            ));
        }
        let publish_until = from_local(
            "publish_until",
            &self.publish_until.get_untracked(),
            &mut wrong,
        );
        let (starts_at, ends_at) = if kind == NoticeKind::Maintenance {
            (
                from_local("starts_at", &self.starts_at.get_untracked(), &mut wrong),
                from_local("ends_at", &self.ends_at.get_untracked(), &mut wrong),
            )
        } else {
            (None, None)
        };
        let input = NoticeInput {
            kind,
            title_ja: self.title_ja.get_untracked().trim().to_owned(),
            title_en: self.title_en.get_untracked().trim().to_owned(),
            body_ja: self.body_ja.get_untracked().trim().to_owned(),
            body_en: self.body_en.get_untracked().trim().to_owned(),
            publish_from: publish_from.unwrap_or_else(crate::clock::now),
            publish_until,
            starts_at,
            ends_at,
        };
        if let Err(more) = validate_notice(&input) {
            wrong.extend(
                more.into_iter()
                    .filter(|error| {
                        !wrong
                            .iter()
                            .any(|known: &FieldError| known.field == error.field)
                    })
                    .collect::<Vec<_>>(),
            );
        }
        if wrong.is_empty() {
            Ok(input)
        } else {
            Err(wrong)
        }
    }
}

fn state_of(notice: &NoticeInput, now: DateTime<Utc>, lang: Lang) -> &'static str {
    if notice.publish_from > now {
        lang.pick("掲載予定", "Scheduled")
    } else if notice.publish_until.is_some_and(|until| until <= now) {
        lang.pick("掲載終了", "Ended")
    } else {
        lang.pick("掲載中", "Shown")
    }
}

/// The page.
#[component]
pub fn NoticesPage() -> impl IntoView {
    let lang = expect_context::<RwSignal<Lang>>();
    // Bumped after a save or a delete, to load the list again.
    let version = RwSignal::new(0u32);
    let notices = LocalResource::new(move || {
        version.track();
        notices::list_all()
    });
    let error = RwSignal::new(None::<ApiError>);
    let errors = FieldErrors::new();
    let status = RwSignal::new(None::<String>);
    let editing = RwSignal::new(None::<NoticeDraft>);
    let busy = RwSignal::new(false);
    let reload = move || version.update(|n| *n += 1);
    let edit = move |draft: NoticeDraft| {
        errors.clear();
        error.set(None);
        editing.set(Some(draft));
    };
    let remove = move |notice: Notice| {
        let lang_now = lang.get_untracked();
        let question = match lang_now {
            Lang::Ja => format!("お知らせ「{}」を削除しますか。", notice.notice.title_ja),
            Lang::En => format!("Delete the notice “{}”?", notice.notice.title_ja),
        };
        if !window().confirm_with_message(&question).unwrap_or(false) {
            return;
        }
        spawn_local(async move {
            match notices::delete(notice.id).await {
                Ok(()) => {
                    error.set(None);
                    status.set(Some(
                        lang_now
                            .pick("お知らせを削除しました。", "The notice was deleted.")
                            .to_owned(),
                    ));
                    reload();
                }
                Err(failure) => error.set(Some(failure)),
            }
        });
    };
    let save = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        let Some(draft) = editing.get_untracked() else {
            return;
        };
        let input = match draft.input() {
            Ok(input) => input,
            Err(wrong) => {
                errors.set(wrong);
                return;
            }
        };
        errors.clear();
        busy.set(true);
        status.set(None);
        spawn_local(async move {
            let result = match draft.id {
                Some(id) => notices::replace(id, &input).await,
                None => notices::create(&input).await,
            };
            busy.set(false);
            match result {
                Ok(_) => {
                    error.set(None);
                    editing.set(None);
                    status.set(Some(
                        lang.get_untracked()
                            .pick("お知らせを保存しました。", "The notice was saved.")
                            .to_owned(),
                    ));
                    reload();
                }
                Err(failure) => {
                    errors.take_from(&failure);
                    error.set(Some(failure));
                }
            }
        });
    };
    let rows = move |mut list: Vec<Notice>| {
        let lang = lang.get();
        let now = crate::clock::now();
        list.sort_by_key(|n| std::cmp::Reverse(n.notice.publish_from));
        list.into_iter()
            .map(|notice| {
                let n = notice.notice.clone();
                let title = lang.pick(&n.title_ja, if n.title_en.is_empty() { &n.title_ja } else { &n.title_en }).to_owned();
                let period = format!(
                    "{}{}{}",
                    lang.moment(n.publish_from),
                    lang.pick("〜", " – "),
                    n.publish_until.map(|until| lang.moment(until)).unwrap_or_default()
                );
                let window = match (n.starts_at, n.ends_at) {
                    (Some(starts), Some(ends)) => format!("{}{}{}", lang.moment(starts), lang.pick("〜", " – "), lang.moment(ends)),
                    _ => String::new(),
                };
                let for_edit = notice.clone();
                let for_remove = notice.clone();
                let title_again = title.clone();
                view! {
                    <tr data-testid=format!("notice-row-{}", notice.id)>
                        <td>{match n.kind { NoticeKind::Notice => lang.pick("お知らせ", "Notice"), NoticeKind::Maintenance => lang.pick("メンテナンス", "Maintenance") }}</td>
                        <th scope="row">{title.clone()}</th>
                        <td>{period}</td>
                        <td>{window}</td>
                        <td>{state_of(&n, now, lang)}</td>
                        <td class="row-actions">
                            <button type="button" class="secondary small" on:click=move |_| edit(NoticeDraft::of(Some(&for_edit)))>
                                {lang.pick("編集", "Edit")}
                                <span class="visually-hidden">{format!(" {title}")}</span>
                            </button>
                            <button type="button" class="danger small" on:click=move |_| remove(for_remove.clone())>
                                {lang.pick("削除", "Delete")}
                                <span class="visually-hidden">{format!(" {title_again}")}</span>
                            </button>
                        </td>
                    </tr>
                }
            })
            .collect_view()
    };
    view! {
        <h1>{move || lang.get().pick("お知らせ・メンテナンス", "Notices & maintenance")}</h1>
        <p class="note">{move || lang.get().pick(
            "掲載期間中のお知らせは市民向けトップページに表示されます。メンテナンスは停止する時間を入れて、前もって掲載してください。時刻は日本時間です。",
            "Notices within their publishing period show on the citizen top page. Announce maintenance in advance with its window. Times are Japan time.",
        )}</p>
        <CityProblem error=error.into()/>
        <p role="status" class="notice" data-testid="notices-status">{move || status.get()}</p>
        <Transition fallback=|| view! { <Loading/> }>
        {move || notices.get().map(|loaded| match loaded {
        Err(failure) => load_failed(Audience::City, failure),
        Ok(list) => view! {
        <ScrollBox>
            <table class="data-table" data-testid="notices">
                <caption>{move || lang.get().pick("お知らせ一覧", "Notices")}</caption>
                <thead>
                    <tr>
                        <th scope="col">{move || lang.get().pick("種類", "Kind")}</th>
                        <th scope="col">{move || lang.get().pick("タイトル", "Title")}</th>
                        <th scope="col">{move || lang.get().pick("掲載期間", "Published")}</th>
                        <th scope="col">{move || lang.get().pick("停止時間", "Maintenance window")}</th>
                        <th scope="col">{move || lang.get().pick("状態", "State")}</th>
                        <th scope="col">{move || lang.get().pick("操作", "Actions")}</th>
                    </tr>
                </thead>
                <tbody>{move || rows(list.clone())}</tbody>
            </table>
        </ScrollBox>
        }
        .into_any(),
        })}
        </Transition>
        <div class="actions">
            <button type="button" class="secondary" data-testid="new-notice" on:click=move |_| edit(NoticeDraft::of(None))>
                {move || lang.get().pick("お知らせを書く", "Write a notice")}
            </button>
            <button type="button" class="secondary" data-testid="new-maintenance" on:click=move |_| {
                let draft = NoticeDraft::of(None);
                draft.kind.set(NoticeKind::Maintenance);
                draft.title_ja.set("システムメンテナンスのお知らせ".to_owned());
                draft.title_en.set("Planned maintenance".to_owned());
                edit(draft);
            }>
                {move || lang.get().pick("メンテナンスを予告する", "Announce maintenance")}
            </button>
        </div>
        {move || editing.get().map(|draft| view! {
            <form class="slot-editor" on:submit=save novalidate=true data-testid="notice-editor">
                <h2>{move || match draft.id {
                    Some(_) => lang.get().pick("お知らせの編集", "Edit the notice"),
                    None => lang.get().pick("新しいお知らせ", "New notice"),
                }}</h2>
                <fieldset class="city-fieldset">
                    <legend>{move || lang.get().pick("種類", "Kind")}</legend>
                    <div class="checkbox">
                        <input type="radio" id="notice-kind-notice" name="notice-kind"
                            prop:checked=move || draft.kind.get() == NoticeKind::Notice
                            on:change=move |_| draft.kind.set(NoticeKind::Notice)/>
                        <label for="notice-kind-notice">{move || lang.get().pick("お知らせ", "Notice")}</label>
                    </div>
                    <div class="checkbox">
                        <input type="radio" id="notice-kind-maintenance" name="notice-kind"
                            prop:checked=move || draft.kind.get() == NoticeKind::Maintenance
                            on:change=move |_| draft.kind.set(NoticeKind::Maintenance)/>
                        <label for="notice-kind-maintenance">{move || lang.get().pick("メンテナンス（システム停止）", "Maintenance (the system stops)")}</label>
                    </div>
                </fieldset>
                <div class="field-row">
                    <LabelledInput id="notice-title-ja" field="title_ja" ja="タイトル（日本語）" en="Title (Japanese)" kind="text" value=draft.title_ja errors/>
                    <LabelledInput id="notice-title-en" field="title_en" ja="タイトル（英語、空欄なら日本語を表示）" en="Title (English; Japanese shown when empty)" kind="text" value=draft.title_en errors/>
                </div>
                <LabelledTextarea id="notice-body-ja" field="body_ja" ja="本文（日本語）" en="Text (Japanese)" value=draft.body_ja errors/>
                <LabelledTextarea id="notice-body-en" field="body_en" ja="本文（英語）" en="Text (English)" value=draft.body_en errors/>
                <div class="field-row">
                    <LabelledInput id="notice-publish-from" field="publish_from" ja="掲載開始" en="Show from" kind="datetime-local" value=draft.publish_from errors/>
                    <LabelledInput id="notice-publish-until" field="publish_until" ja="掲載終了（空欄可）" en="Show until (optional)" kind="datetime-local" value=draft.publish_until errors/>
                </div>
                <Show when=move || draft.kind.get() == NoticeKind::Maintenance>
                    <div class="field-row">
                        <LabelledInput id="notice-starts-at" field="starts_at" ja="停止開始" en="Stop begins" kind="datetime-local" value=draft.starts_at errors/>
                        <LabelledInput id="notice-ends-at" field="ends_at" ja="再開予定" en="Back at" kind="datetime-local" value=draft.ends_at errors/>
                    </div>
                </Show>
                <div class="actions">
                    <button type="submit" class="primary" data-testid="save-notice" prop:disabled=move || busy.get()>
                        {move || lang.get().pick("保存して掲載", "Save and publish")}
                    </button>
                    <button type="button" class="secondary" on:click=move |_| { editing.set(None); errors.clear(); }>
                        {move || lang.get().pick("やめる", "Discard")}
                    </button>
                </div>
            </form>
        })}
    }
}
