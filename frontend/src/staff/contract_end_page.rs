//! `/staff/contract-end` (city administrators, R13.3): at the end of the contract, first
//! download the export archive of all data, then delete every personal record. The purge
//! needs the archive's SHA-256 (so nothing is deleted that was not exported) and the typed
//! confirmation `全件削除`; the server re-counts and reports what is left. Both steps need a
//! recent re-authentication, which the step-up dialog asks for before the step goes on.

use leptos::prelude::*;
use madoguchi_shared::dto::report::{PurgeReport, PurgeRequest};

use crate::api::ApiError;
use crate::api::contract_end;
use crate::components::city_problem::CityProblem;
use crate::components::download::save_bytes;
use crate::components::step_up::{StepUpDialog, StepUpGate};
use crate::i18n::Lang;

const CONFIRMATION: &str = "全件削除";

/// The page.
#[component]
pub fn ContractEndPage() -> impl IntoView {
    let lang = expect_context::<RwSignal<Lang>>();
    let error = RwSignal::new(None::<ApiError>);
    let sha = RwSignal::new(String::new());
    let exported = RwSignal::new(false);
    let confirmation = RwSignal::new(String::new());
    let busy = RwSignal::new(false);
    let report = RwSignal::new(None::<PurgeReport>);
    let gate = StepUpGate::new();
    let export = move |_| {
        busy.set(true);
        gate.run(
            async || contract_end::export().await,
            move |outcome| {
                match outcome {
                    Ok((bytes, digest)) => {
                        if save_bytes(
                            &bytes,
                            "application/zip",
                            "madoguchi-contract-end-export.zip",
                        ) {
                            sha.set(digest.unwrap_or_default());
                            exported.set(true);
                            error.set(None);
                        } else {
                            error.set(Some(ApiError::Network(
                                "the browser refused to save the file".to_owned(),
                            )));
                        }
                    }
                    Err(failure) => error.set(Some(failure)),
                }
                busy.set(false);
            },
        );
    };
    let ready = move || {
        let typed = confirmation.get();
        (typed.trim() == CONFIRMATION || typed.trim() == "PURGE ALL")
            && !sha.get().trim().is_empty()
    };
    let purge = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        if !ready() {
            return;
        }
        let question = lang.get_untracked().pick(
            "すべての予約と個人情報を削除します。元に戻せません。実行しますか。",
            "This deletes every reservation and all personal data, for good. Go ahead?",
        );
        if !window().confirm_with_message(question).unwrap_or(false) {
            return;
        }
        let request = PurgeRequest {
            export_sha256: sha.get_untracked().trim().to_owned(),
            confirmation: confirmation.get_untracked().trim().to_owned(),
        };
        busy.set(true);
        gate.run(
            async move || contract_end::purge(&request).await,
            move |outcome| {
                match outcome {
                    Ok(done) => {
                        report.set(Some(done));
                        error.set(None);
                        confirmation.set(String::new());
                    }
                    Err(failure) => error.set(Some(failure)),
                }
                busy.set(false);
            },
        );
    };
    view! {
        <h1>{move || lang.get().pick("契約終了処理", "Contract end")}</h1>
        <p class="alert">{move || lang.get().pick(
            "契約終了時に、すべてのデータを書き出して市に引き渡したあと、個人情報を含む記録をすべて削除します。削除は元に戻せません。",
            "At the end of the contract, export all data for the city, then delete every record holding personal data. Deleting cannot be undone.",
        )}</p>
        <CityProblem error=error.into()/>
        <StepUpDialog gate/>
        <section class="panel" aria-labelledby="export-heading">
            <h2 id="export-heading">{move || lang.get().pick("1. データを書き出す", "1. Export the data")}</h2>
            <p>{move || lang.get().pick(
                "ZIP形式の書出しファイルをダウンロードします。ファイルの SHA-256 が下に表示されます。",
                "Downloads the export as a ZIP file. Its SHA-256 is shown below.",
            )}</p>
            <button type="button" class="primary" data-testid="export-archive" on:click=export prop:disabled=move || busy.get()>
                {move || lang.get().pick("書出しファイルをダウンロード", "Download the export")}
            </button>
            <p role="status" data-testid="export-status">
                {move || exported.get().then(|| lang.get().pick("ダウンロードしました。", "Downloaded."))}
            </p>
        </section>
        <section class="panel" aria-labelledby="purge-heading">
            <h2 id="purge-heading">{move || lang.get().pick("2. 個人情報を全件削除する", "2. Delete all personal data")}</h2>
            <form on:submit=purge data-testid="purge-form">
                <div class="field">
                    <label for="purge-sha">{move || lang.get().pick("書出しファイルの SHA-256", "SHA-256 of the export")}</label>
                    <input id="purge-sha" type="text" class="sha" data-testid="purge-sha" autocomplete="off" spellcheck="false"
                        aria-describedby="purge-sha-help"
                        prop:value=move || sha.get()
                        on:input=move |event| sha.set(event_target_value(&event))/>
                    <p class="note" id="purge-sha-help">{move || lang.get().pick(
                        "最後に書き出したファイルと一致するときだけ削除できます。",
                        "The purge runs only for the latest export.",
                    )}</p>
                </div>
                <div class="field">
                    <label for="purge-confirmation">{move || lang.get().pick(
                        "確認のため「全件削除」と入力してください",
                        "To confirm, type 全件削除 (or PURGE ALL)",
                    )}</label>
                    <input id="purge-confirmation" type="text" data-testid="purge-confirmation" autocomplete="off"
                        prop:value=move || confirmation.get()
                        on:input=move |event| confirmation.set(event_target_value(&event))/>
                </div>
                <button type="submit" class="danger" data-testid="purge" prop:disabled=move || busy.get() || !ready()>
                    {move || lang.get().pick("全件削除を実行", "Delete everything")}
                </button>
            </form>
        </section>
        <div role="status">
            {move || report.get().map(|done| {
                let lang = lang.get();
                view! {
                    <section class="panel" data-testid="purge-report" aria-labelledby="purge-report-heading">
                        <h2 id="purge-report-heading">{lang.pick("削除の結果", "What was deleted")}</h2>
                        <dl class="summary two-columns">
                            <dt>{lang.pick("実行日時", "At")}</dt><dd>{lang.moment(done.purged_at)}</dd>
                            <dt>{lang.pick("書出しファイル", "Export")}</dt><dd class="sha">{done.export_sha256.clone()}</dd>
                            <dt>{lang.pick("予約", "Reservations")}</dt><dd>{done.reservations}</dd>
                            <dt>{lang.pick("来庁者", "Party members")}</dt><dd>{done.members}</dd>
                            <dt>{lang.pick("履歴", "History rows")}</dt><dd>{done.history_rows}</dd>
                            <dt>{lang.pick("問合せ記録", "Inquiries")}</dt><dd>{done.inquiries}</dd>
                            <dt>{lang.pick("メール", "Mails")}</dt><dd>{done.mails}</dd>
                            <dt>{lang.pick("通話記録", "Call records")}</dt><dd>{done.call_records}</dd>
                            <dt>{lang.pick("職員アカウント(実行した管理者以外)", "Staff accounts (all but yours)")}</dt><dd>{done.staff_accounts}</dd>
                            <dt>{lang.pick("監査ログ", "Audit events")}</dt><dd>{done.audit_events}</dd>
                            <dt>{lang.pick("データベースの圧縮", "Database compacted")}</dt>
                            <dd>{if done.compacted { lang.pick("実施済み(削除したデータは読み出せません)", "Yes: deleted data cannot be read back") } else { lang.pick("未実施", "No") }}</dd>
                            <dt>{lang.pick("削除後に残った個人情報", "Personal rows left")}</dt><dd data-testid="purge-remaining">{done.remaining_personal_rows}</dd>
                            <dt>{lang.pick("確認", "Verified")}</dt>
                            <dd data-testid="purge-verified">{if done.verified { lang.pick("確認済み（残りなし）", "Verified: nothing left") } else { lang.pick("要確認（残りあり）", "Check: rows left") }}</dd>
                        </dl>
                    </section>
                }
            })}
        </div>
    }
}
