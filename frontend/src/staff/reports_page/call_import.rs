//! Importing the call center's call records (R4.5) from its telephone system's CSV.

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos::wasm_bindgen::JsCast;
use madoguchi_shared::dto::report::CallImportSummary;
use wasm_bindgen::closure::Closure;

use crate::api::ApiError;
use crate::api::reports;
use crate::components::city_problem::CityProblem;
use crate::i18n::Lang;

/// Reads a chosen file as text, then calls `done` (with `None` if it could not be read).
pub(super) fn read_text(file: web_sys::File, done: impl FnOnce(Option<String>) + 'static) {
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
/// Upload of the phone system's call records.
#[component]
pub(super) fn CallImport(on_done: Callback<()>) -> impl IntoView {
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
                let result = reports::import_call_records(text).await;
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
