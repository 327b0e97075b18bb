//! One report on screen: the booking figures per location and day, and the call center's.

use chrono::Datelike;
use leptos::prelude::*;
use madoguchi_shared::dto::report::{
    ANSWER_RATE_TARGET_PERCENT, BookingFigures, CallFigures, LocationReport, Report, ReportPeriod,
};

use super::query::{percent, seconds};
use crate::components::report_charts::{BarChart, BarSeries, RateChart};
use crate::components::scroll_box::ScrollBox;
use crate::i18n::Lang;

pub(super) fn figure_rows(figures: &BookingFigures, lang: Lang) -> Vec<(&'static str, String)> {
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
pub(super) fn ReportView(report: Report) -> impl IntoView {
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
pub(super) fn location_view(
    location: LocationReport,
    period: ReportPeriod,
    lang: Lang,
) -> impl IntoView {
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
pub(super) fn calls_view(
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
