//! `/staff/reports` (supervisors and the city, R9.1, R9.2, R4.5): the daily or monthly
//! report per location with charts (reservations, people and visits per day; the answer
//! rate against the 80 % target), each followed by its figures as a table; CSV and XLSX
//! downloads; and the upload of the phone system's call records (CSV).

use chrono::{Datelike, Duration, NaiveDate};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos::wasm_bindgen::JsCast;
use madoguchi_shared::dto::catalog::Location;
use madoguchi_shared::dto::report::{
    ANSWER_RATE_TARGET_PERCENT, BookingFigures, CallFigures, CallImportSummary, LocationReport,
    Report, ReportPeriod,
};
use wasm_bindgen::closure::Closure;

use crate::api::{ApiError, staff as api};
use crate::components::city_problem::CityProblem;
use crate::components::download::{file_name_from_disposition, save_bytes};
use crate::components::report_charts::{BarChart, BarSeries, RateChart};
use crate::components::scroll_box::ScrollBox;
use crate::i18n::Lang;

fn today() -> NaiveDate {
    crate::clock::today()
}

fn percent(value: Option<f64>) -> String {
    value
        .map(|v| format!("{v:.1}%"))
        .unwrap_or_else(|| "—".to_owned())
}

fn seconds(value: Option<f64>) -> String {
    value
        .map(|v| format!("{v:.0}"))
        .unwrap_or_else(|| "—".to_owned())
}

/// What to ask the server for.
#[derive(Clone, Debug, PartialEq)]
struct Query {
    period: ReportPeriod,
    day: String,
    month: String,
    location: Option<i64>,
}

impl Query {
    fn path(&self, format: Option<&str>) -> String {
        let mut path = match self.period {
            ReportPeriod::Daily => format!("/api/v1/reports/daily?date={}", self.day),
            ReportPeriod::Monthly => format!("/api/v1/reports/monthly?month={}", self.month),
        };
        if let Some(location) = self.location {
            path.push_str(&format!("&location_id={location}"));
        }
        if let Some(format) = format {
            path.push_str(&format!("&format={format}"));
        }
        path
    }
}

/// Reads a chosen file as text, then calls `done` (with `None` if it could not be read).
fn read_text(file: web_sys::File, done: impl FnOnce(Option<String>) + 'static) {
    let Ok(reader) = web_sys::FileReader::new() else {
        done(None);
        return;
    };
    let for_load = reader.clone();
    let callback = Closure::once_into_js(move |_event: web_sys::Event| {
        done(for_load.result().ok().and_then(|value| value.as_string()));
    });
    reader.set_onloadend(Some(callback.unchecked_ref()));
    if reader.read_as_text(&file).is_err() {
        reader.set_onloadend(None);
    }
}

/// The page.
#[component]
pub fn ReportsPage() -> impl IntoView {
    let lang = expect_context::<RwSignal<Lang>>();
    let locations = LocalResource::new(crate::api::list_locations);
    let yesterday = today() - Duration::days(1);
    let period = RwSignal::new(ReportPeriod::Daily);
    let day = RwSignal::new(yesterday.to_string());
    let month = RwSignal::new(format!("{:04}-{:02}", today().year(), today().month()));
    let location = RwSignal::new(None::<i64>);
    let report = RwSignal::new(None::<Report>);
    let error = RwSignal::new(None::<ApiError>);
    let busy = RwSignal::new(false);
    let query = move || Query {
        period: period.get_untracked(),
        day: day.get_untracked(),
        month: month.get_untracked(),
        location: location.get_untracked(),
    };
    let show = move || {
        let path = query().path(None);
        busy.set(true);
        spawn_local(async move {
            match api::get::<Report>(&path).await {
                Ok(loaded) => {
                    report.set(Some(loaded));
                    error.set(None);
                }
                Err(failure) => {
                    report.set(None);
                    error.set(Some(failure));
                }
            }
            busy.set(false);
        });
    };
    show();
    let download = move |format: &'static str| {
        let current = query();
        let path = current.path(Some(format));
        let fallback = format!(
            "report-{}.{format}",
            match current.period {
                ReportPeriod::Daily => current.day.clone(),
                ReportPeriod::Monthly => current.month.clone(),
            }
        );
        spawn_local(async move {
            match api::get_bytes(&path, "Content-Disposition").await {
                Ok((bytes, disposition)) => {
                    let name =
                        file_name_from_disposition(disposition.as_deref()).unwrap_or(fallback);
                    let mime = if format == "csv" {
                        "text/csv"
                    } else {
                        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
                    };
                    save_bytes(&bytes, mime, &name);
                    error.set(None);
                }
                Err(failure) => error.set(Some(failure)),
            }
        });
    };
    view! {
        <h1>{move || lang.get().pick("日報・月報", "Reports")}</h1>
        <form class="filters panel" on:submit=move |event: leptos::ev::SubmitEvent| { event.prevent_default(); show(); } data-testid="report-form">
            <fieldset class="city-fieldset">
                <legend>{move || lang.get().pick("種類", "Period")}</legend>
                <div class="checkbox">
                    <input type="radio" id="report-daily" name="report-period"
                        prop:checked=move || period.get() == ReportPeriod::Daily
                        on:change=move |_| period.set(ReportPeriod::Daily)/>
                    <label for="report-daily">{move || lang.get().pick("日報", "Daily")}</label>
                </div>
                <div class="checkbox">
                    <input type="radio" id="report-monthly" name="report-period"
                        prop:checked=move || period.get() == ReportPeriod::Monthly
                        on:change=move |_| period.set(ReportPeriod::Monthly)/>
                    <label for="report-monthly">{move || lang.get().pick("月報", "Monthly")}</label>
                </div>
            </fieldset>
            <div class="field-row">
                <Show
                    when=move || period.get() == ReportPeriod::Daily
                    fallback=move || view! {
                        <div class="field">
                            <label for="report-month">{move || lang.get().pick("月", "Month")}</label>
                            <input id="report-month" type="month" data-testid="report-month"
                                prop:value=move || month.get()
                                on:input=move |event| month.set(event_target_value(&event))/>
                        </div>
                    }
                >
                    <div class="field">
                        <label for="report-day">{move || lang.get().pick("日付", "Day")}</label>
                        <input id="report-day" type="date" data-testid="report-day"
                            prop:value=move || day.get()
                            on:input=move |event| day.set(event_target_value(&event))/>
                    </div>
                </Show>
                <div class="field">
                    <label for="report-location">{move || lang.get().pick("窓口", "Location")}</label>
                    <select id="report-location" data-testid="report-location" on:change=move |event| location.set(event_target_value(&event).parse().ok())>
                        <option value="">{move || lang.get().pick("すべての窓口", "All locations")}</option>
                        {move || locations.get().and_then(Result::ok).unwrap_or_default().into_iter().map(|l: Location| {
                            let id = l.id;
                            view! { <option value=id.to_string() selected=move || location.get() == Some(id)>{move || lang.get().pick(&l.name_ja, &l.name_en).to_owned()}</option> }
                        }).collect_view()}
                    </select>
                </div>
            </div>
            <div class="actions">
                <button type="submit" class="primary" data-testid="show-report" prop:disabled=move || busy.get()>
                    {move || lang.get().pick("表示する", "Show")}
                </button>
                <button type="button" class="secondary" data-testid="download-csv" on:click=move |_| download("csv")>
                    {move || lang.get().pick("CSVでダウンロード", "Download CSV")}
                </button>
                <button type="button" class="secondary" data-testid="download-xlsx" on:click=move |_| download("xlsx")>
                    {move || lang.get().pick("Excel（XLSX）でダウンロード", "Download XLSX")}
                </button>
            </div>
        </form>
        <CityProblem error=error.into()/>
        <div aria-live="polite" aria-busy=move || busy.get().to_string() data-testid="report">
            {move || report.get().map(|report| view! { <ReportView report/> })}
        </div>
        <CallImport on_done=Callback::new(move |()| show())/>
    }
}

fn figure_rows(figures: &BookingFigures, lang: Lang) -> Vec<(&'static str, String)> {
    vec![
        (
            lang.pick("予約（Web）", "Booked on the web"),
            figures.made.web.to_string(),
        ),
        (
            lang.pick("予約（電話）", "Booked by phone"),
            figures.made.phone.to_string(),
        ),
        (
            lang.pick("予約（窓口）", "Booked at the counter"),
            figures.made.counter.to_string(),
        ),
        (
            lang.pick("予約 合計", "Booked in total"),
            figures.made.total().to_string(),
        ),
        (lang.pick("変更", "Changes"), figures.changes.to_string()),
        (
            lang.pick("取消", "Cancellations"),
            figures.cancellations.to_string(),
        ),
        (
            lang.pick("予約人数（来庁日）", "People booked (visit day)"),
            figures.people_booked.to_string(),
        ),
        (lang.pick("来庁", "Visits"), figures.visits.to_string()),
        (
            lang.pick("無断キャンセル", "No-shows"),
            figures.no_shows.to_string(),
        ),
        (
            lang.pick("提供した枠", "Seats offered"),
            figures.capacity_seats.to_string(),
        ),
        (
            lang.pick("予約された枠", "Seats booked"),
            figures.booked_seats.to_string(),
        ),
        (
            lang.pick("枠の利用率", "Utilisation"),
            percent(figures.utilisation_percent),
        ),
    ]
}

#[component]
fn ReportView(report: Report) -> impl IntoView {
    let lang = expect_context::<RwSignal<Lang>>();
    move || {
        let lang = lang.get();
        let report = report.clone();
        let heading = match report.period {
            ReportPeriod::Daily => match lang {
                Lang::Ja => format!("{} の日報", lang.date(report.from)),
                Lang::En => format!("Daily report, {}", lang.date(report.from)),
            },
            ReportPeriod::Monthly => match lang {
                Lang::Ja => format!("{} の月報", lang.month(report.from)),
                Lang::En => format!("Monthly report, {}", lang.month(report.from)),
            },
        };
        let generated = match lang {
            Lang::Ja => format!("集計日時: {}", lang.moment(report.generated_at)),
            Lang::En => format!("Computed at {}", lang.moment(report.generated_at)),
        };
        let locations = report
            .locations
            .iter()
            .cloned()
            .map(|location| location_view(location, report.period, lang))
            .collect_view();
        let inquiries = report
            .inquiries
            .iter()
            .map(|count| view! {
                <tr><th scope="row">{lang.pick(count.category.label_ja(), count.category.label_en())}</th><td>{count.count}</td></tr>
            })
            .collect_view();
        view! {
            <section aria-labelledby="report-heading">
                <h2 id="report-heading">{heading}</h2>
                <p class="note">{generated}</p>
                {locations}
                <section class="panel" aria-labelledby="inquiries-heading">
                    <h3 id="inquiries-heading">{lang.pick("問合せ内容（コールセンター）", "Inquiries (call center)")}</h3>
                    <ScrollBox>
                        <table class="data-table">
                            <thead><tr><th scope="col">{lang.pick("分類", "Category")}</th><th scope="col">{lang.pick("件数", "Calls")}</th></tr></thead>
                            <tbody>{inquiries}</tbody>
                        </table>
                    </ScrollBox>
                </section>
                {calls_view(report.calls.clone(), report.call_days.clone(), lang)}
            </section>
        }
    }
}

fn location_view(location: LocationReport, period: ReportPeriod, lang: Lang) -> impl IntoView {
    let name = lang.pick(&location.name_ja, &location.name_en).to_owned();
    let id = format!("location-{}", location.location_id);
    let totals = figure_rows(&location.totals, lang)
        .into_iter()
        .map(|(label, value)| view! { <tr><th scope="row">{label}</th><td>{value}</td></tr> })
        .collect_view();
    let procedures = location
        .by_procedure
        .iter()
        .map(|p| view! {
            <tr><th scope="row">{lang.pick(&p.name_ja, &p.name_en).to_owned()}</th><td>{p.people}</td></tr>
        })
        .collect_view();
    let labels: Vec<String> = location
        .days
        .iter()
        .map(|d| d.date.day().to_string())
        .collect();
    let made: Vec<u64> = location
        .days
        .iter()
        .map(|d| d.figures.made.total())
        .collect();
    let people: Vec<u64> = location
        .days
        .iter()
        .map(|d| d.figures.people_booked)
        .collect();
    let visits: Vec<u64> = location.days.iter().map(|d| d.figures.visits).collect();
    let description = match lang {
        Lang::Ja => format!(
            "{}日分。予約 合計{}件、予約人数 合計{}人、来庁 合計{}件。数値は下の表にあります。",
            location.days.len(),
            made.iter().sum::<u64>(),
            people.iter().sum::<u64>(),
            visits.iter().sum::<u64>()
        ),
        Lang::En => format!(
            "{} days. {} reservations, {} people booked, {} visits in total. The figures are in the table below.",
            location.days.len(),
            made.iter().sum::<u64>(),
            people.iter().sum::<u64>(),
            visits.iter().sum::<u64>()
        ),
    };
    let day_rows = location
        .days
        .iter()
        .map(|d| {
            view! {
                <tr>
                    <th scope="row">{lang.date(d.date)}</th>
                    <td>{d.figures.made.total()}</td>
                    <td>{d.figures.people_booked}</td>
                    <td>{d.figures.visits}</td>
                    <td>{percent(d.figures.utilisation_percent)}</td>
                </tr>
            }
        })
        .collect_view();
    let chart = (period == ReportPeriod::Monthly || location.days.len() > 1).then(|| {
        view! {
            <figure>
                <BarChart
                    id=format!("{id}-chart")
                    title=format!("{name} {}", lang.pick("日ごとの予約・人数・来庁", "reservations, people and visits per day"))
                    description=description
                    labels=labels
                    series=vec![
                        BarSeries { class: "bar-reservations", values: made },
                        BarSeries { class: "bar-people", values: people },
                        BarSeries { class: "bar-visits", values: visits },
                    ]
                />
                <figcaption>
                    <ul class="chart-legend">
                        <li><span class="swatch reservations" aria-hidden="true"></span>{lang.pick("予約（左の棒）", "Reservations (left bar)")}</li>
                        <li><span class="swatch people" aria-hidden="true"></span>{lang.pick("予約人数（中の棒）", "People booked (middle bar)")}</li>
                        <li><span class="swatch visits" aria-hidden="true"></span>{lang.pick("来庁（右の棒）", "Visits (right bar)")}</li>
                    </ul>
                </figcaption>
            </figure>
        }
    });
    view! {
        <section class="panel" aria-labelledby=format!("{id}-heading") data-testid=id.clone()>
            <h3 id=format!("{id}-heading")>{name.clone()}</h3>
            <ScrollBox>
                <table class="data-table" data-testid="report-totals">
                    <caption>{lang.pick("期間の合計", "Totals of the period")}</caption>
                    <tbody>{totals}</tbody>
                </table>
            </ScrollBox>
            {chart}
            <ScrollBox>
                <table class="data-table">
                    <caption>{lang.pick("日ごとの数値", "Day by day")}</caption>
                    <thead>
                        <tr>
                            <th scope="col">{lang.pick("日付", "Day")}</th>
                            <th scope="col">{lang.pick("予約", "Reservations")}</th>
                            <th scope="col">{lang.pick("予約人数", "People")}</th>
                            <th scope="col">{lang.pick("来庁", "Visits")}</th>
                            <th scope="col">{lang.pick("利用率", "Utilisation")}</th>
                        </tr>
                    </thead>
                    <tbody>{day_rows}</tbody>
                </table>
            </ScrollBox>
            <ScrollBox>
                <table class="data-table">
                    <caption>{lang.pick("手続き別の人数（来庁日）", "People per procedure (visit day)")}</caption>
                    <tbody>{procedures}</tbody>
                </table>
            </ScrollBox>
        </section>
    }
}

fn calls_view(
    calls: CallFigures,
    days: Vec<madoguchi_shared::dto::report::DayCallFigures>,
    lang: Lang,
) -> impl IntoView {
    let target = match calls.meets_target {
        Some(true) => lang.pick("目標（80%）達成", "Target (80 %) met"),
        Some(false) => lang.pick("目標（80%）未達", "Target (80 %) missed"),
        None => lang.pick("記録なし", "No calls recorded"),
    };
    let labels: Vec<String> = days.iter().map(|d| d.date.day().to_string()).collect();
    let values: Vec<Option<f64>> = days.iter().map(|d| d.figures.answer_rate_percent).collect();
    let below = days
        .iter()
        .filter(|d| d.figures.meets_target == Some(false))
        .count();
    let description = match lang {
        Lang::Ja => format!(
            "期間の応答率 {}。目標80%を下回った日は{}日。数値は下の表にあります。",
            percent(calls.answer_rate_percent),
            below
        ),
        Lang::En => format!(
            "Answer rate of the period {}. {} days below the 80 % target. The figures are in the table below.",
            percent(calls.answer_rate_percent),
            below
        ),
    };
    let rows = days
        .iter()
        .map(|d| view! {
            <tr>
                <th scope="row">{lang.date(d.date)}</th>
                <td>{d.figures.offered}</td>
                <td>{d.figures.answered}</td>
                <td>{percent(d.figures.answer_rate_percent)}</td>
                <td>{match d.figures.meets_target { Some(true) => lang.pick("達成", "Met"), Some(false) => lang.pick("未達", "Missed"), None => "—" }}</td>
            </tr>
        })
        .collect_view();
    let chart = (days.len() > 1).then(|| view! {
        <figure>
            <RateChart
                id="answer-rate-chart".to_owned()
                title=lang.pick("日ごとの応答率", "Answer rate per day").to_owned()
                description=description
                labels=labels
                values=values
                target=ANSWER_RATE_TARGET_PERCENT
                target_label=lang.pick("目標 80%", "Target 80 %").to_owned()
            />
            <figcaption>
                <ul class="chart-legend">
                    <li><span class="swatch rate" aria-hidden="true"></span>{lang.pick("応答率（実線と点）", "Answer rate (solid line with dots)")}</li>
                    <li><span class="swatch target" aria-hidden="true"></span>{lang.pick("目標 80%（破線）", "Target 80 % (dashed line)")}</li>
                </ul>
            </figcaption>
        </figure>
    });
    view! {
        <section class="panel" aria-labelledby="calls-heading" data-testid="calls">
            <h3 id="calls-heading">{lang.pick("コールセンターの応答", "Call center answering")}</h3>
            <dl class="summary two-columns">
                <dt>{lang.pick("着信", "Calls offered")}</dt><dd>{calls.offered}</dd>
                <dt>{lang.pick("応答", "Answered")}</dt><dd>{calls.answered}</dd>
                <dt>{lang.pick("放棄", "Abandoned")}</dt><dd>{calls.abandoned}</dd>
                <dt>{lang.pick("応答率", "Answer rate")}</dt><dd data-testid="answer-rate">{percent(calls.answer_rate_percent)}" ("{target}")"</dd>
                <dt>{lang.pick("平均待ち時間（秒）", "Average wait (s)")}</dt><dd>{seconds(calls.average_wait_seconds)}</dd>
                <dt>{lang.pick("平均通話時間（秒）", "Average talk (s)")}</dt><dd>{seconds(calls.average_talk_seconds)}</dd>
            </dl>
            {chart}
            <ScrollBox>
                <table class="data-table">
                    <caption>{lang.pick("日ごとの応答", "Answering day by day")}</caption>
                    <thead>
                        <tr>
                            <th scope="col">{lang.pick("日付", "Day")}</th>
                            <th scope="col">{lang.pick("着信", "Offered")}</th>
                            <th scope="col">{lang.pick("応答", "Answered")}</th>
                            <th scope="col">{lang.pick("応答率", "Rate")}</th>
                            <th scope="col">{lang.pick("目標80%", "80 % target")}</th>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            </ScrollBox>
        </section>
    }
}

/// Upload of the phone system's call records.
#[component]
fn CallImport(on_done: Callback<()>) -> impl IntoView {
    let lang = expect_context::<RwSignal<Lang>>();
    let error = RwSignal::new(None::<ApiError>);
    let summary = RwSignal::new(None::<CallImportSummary>);
    let unreadable = RwSignal::new(false);
    let busy = RwSignal::new(false);
    let input_ref = NodeRef::<leptos::html::Input>::new();
    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        let Some(file) = input_ref
            .get_untracked()
            .and_then(|input| input.files())
            .and_then(|files| files.get(0))
        else {
            unreadable.set(true);
            return;
        };
        unreadable.set(false);
        busy.set(true);
        read_text(file, move |text| {
            let Some(text) = text else {
                unreadable.set(true);
                busy.set(false);
                return;
            };
            spawn_local(async move {
                let result =
                    api::post_text::<CallImportSummary>("/api/v1/call-records", "text/csv", text)
                        .await;
                busy.set(false);
                match result {
                    Ok(done) => {
                        summary.set(Some(done));
                        error.set(None);
                        on_done.run(());
                    }
                    Err(failure) => {
                        summary.set(None);
                        error.set(Some(failure));
                    }
                }
            });
        });
    };
    view! {
        <section class="panel" aria-labelledby="call-import-heading">
            <h2 id="call-import-heading">{move || lang.get().pick("通話記録の取込み（CSV）", "Import call records (CSV)")}</h2>
            <p class="note" id="call-import-help">{move || lang.get().pick(
                "電話システムから出力したCSVを選びます。1行目は started_at,answered,wait_seconds,talk_seconds です。同じ記録は二重に取り込まれません。",
                "Choose the CSV exported by the phone system. Its header is started_at,answered,wait_seconds,talk_seconds. Records already imported are skipped.",
            )}</p>
            <CityProblem error=error.into()/>
            <form on:submit=submit data-testid="call-import">
                <div class="field">
                    <label for="call-records-file">{move || lang.get().pick("CSVファイル", "CSV file")}</label>
                    <input id="call-records-file" type="file" accept=".csv,text/csv" node_ref=input_ref
                        aria-describedby="call-import-help call-import-error" data-testid="call-records-file"/>
                    <p class="field-error" id="call-import-error">
                        {move || unreadable.get().then(|| lang.get().pick("ファイルを選んでください。", "Choose a file first."))}
                    </p>
                </div>
                <button type="submit" class="primary" data-testid="import-calls" prop:disabled=move || busy.get()>
                    {move || lang.get().pick("取り込む", "Import")}
                </button>
            </form>
            <p role="status" class="notice" data-testid="import-summary">
                {move || summary.get().map(|done| match lang.get() {
                    Lang::Ja => format!("{}件を取り込みました（重複{}件は除外）。", done.imported, done.duplicates),
                    Lang::En => format!("{} records imported ({} duplicates skipped).", done.imported, done.duplicates),
                })}
            </p>
        </section>
    }
}
