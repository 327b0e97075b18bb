//! `/staff/jobs`: runs of the scheduled jobs (reminders, retention, reports), newest first,
//! so city staff can see that they ran and why one failed.

use leptos::prelude::*;

use crate::api::reports;
use crate::components::city_problem::CityProblem;
use crate::components::scroll_box::ScrollBox;
use crate::i18n::Lang;

fn job_label(job: &str, lang: Lang) -> String {
    match job {
        "reminders" => lang
            .pick("前日のお知らせメール", "Day-before reminders")
            .to_owned(),
        "retention" => lang
            .pick(
                "保存期間を過ぎた個人情報の削除",
                "Removing expired personal data",
            )
            .to_owned(),
        "daily_report" => lang.pick("日報の作成", "Daily report").to_owned(),
        "monthly_report" => lang.pick("月報の作成", "Monthly report").to_owned(),
        other => other.to_owned(),
    }
}

fn outcome_label(outcome: &str, lang: Lang) -> String {
    match outcome {
        "ok" => lang.pick("成功", "Succeeded").to_owned(),
        "failed" => lang.pick("失敗", "Failed").to_owned(),
        "running" => lang.pick("実行中", "Running").to_owned(),
        other => other.to_owned(),
    }
}

/// The page.
#[component]
pub fn JobsPage() -> impl IntoView {
    let lang = expect_context::<RwSignal<Lang>>();
    let runs = LocalResource::new(reports::job_runs);
    let error = Signal::derive(move || runs.get().and_then(Result::err));
    let rows = move || {
        let lang = lang.get();
        let list = runs.get().and_then(Result::ok).unwrap_or_default();
        if list.is_empty() {
            return view! {
                <tr><td colspan="6">{lang.pick("まだ記録がありません。", "No runs yet.")}</td></tr>
            }
            .into_any();
        }
        list.into_iter()
            .map(|run| {
                let failed = run.outcome == "failed";
                view! {
                    <tr data-testid="job-run" class=if failed { "failed" } else { "" }>
                        <th scope="row">{job_label(&run.job, lang)}</th>
                        <td class="mono">{run.run_key}</td>
                        <td>{lang.moment(run.started_at)}</td>
                        <td>{run.finished_at.map(|at| lang.moment(at)).unwrap_or_default()}</td>
                        <td>
                            {if failed { "⚠ " } else { "" }}
                            {outcome_label(&run.outcome, lang)}
                        </td>
                        <td>{run.detail.unwrap_or_default()}</td>
                    </tr>
                }
            })
            .collect_view()
            .into_any()
    };
    view! {
        <h1>{move || lang.get().pick("定期処理の記録", "Job runs")}</h1>
        <CityProblem error/>
        <div class="actions">
            <button type="button" class="secondary" on:click=move |_| runs.refetch()>
                {move || lang.get().pick("最新の状態に更新", "Refresh")}
            </button>
        </div>
        <ScrollBox>
            <table class="data-table" data-testid="job-runs" aria-busy=move || runs.get().is_none().to_string()>
                <caption>{move || lang.get().pick("新しい順", "Newest first")}</caption>
                <thead>
                    <tr>
                        <th scope="col">{move || lang.get().pick("処理", "Job")}</th>
                        <th scope="col">{move || lang.get().pick("対象", "Run for")}</th>
                        <th scope="col">{move || lang.get().pick("開始", "Started")}</th>
                        <th scope="col">{move || lang.get().pick("終了", "Finished")}</th>
                        <th scope="col">{move || lang.get().pick("結果", "Outcome")}</th>
                        <th scope="col">{move || lang.get().pick("内容", "Detail")}</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </ScrollBox>
    }
}
