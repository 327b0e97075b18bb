//! `/staff/reports` (supervisors and the city, R9.1, R9.2, R4.5): the daily or monthly
//! report per location with charts (reservations, people and visits per day; the answer
//! rate against the 80 % target), each followed by its figures as a table; CSV and XLSX
//! downloads; and the upload of the phone system's call records (CSV).

mod call_import;
mod figures;
mod query;
use chrono::{Datelike, Duration};
use leptos::prelude::*;
use leptos::task::spawn_local;
use madoguchi_shared::dto::catalog::Location;
use madoguchi_shared::dto::report::{Report, ReportPeriod};

use self::call_import::CallImport;
use self::figures::ReportView;
use self::query::{Query, today};
use crate::api::{ApiError, staff as api};
use crate::components::city_problem::CityProblem;
use crate::components::download::{file_name_from_disposition, save_bytes};
use crate::i18n::Lang;

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
