//! Panel 4 of the phone screen: what the operator reads back to the caller before booking.

use leptos::prelude::*;

use super::call::PhoneCall;
use super::contact::focus;

/// The panel, shown once the check passed.
#[component]
pub(super) fn ConfirmPanel(call: PhoneCall) -> impl IntoView {
    let lang = call.lang;
    view! {
        <section class="panel confirm-panel" aria-labelledby="phone-confirm-heading" data-testid="phone-confirm">
            <h2 id="phone-confirm-heading" tabindex="-1">{move || lang.get().pick("4. 読み上げて確認", "4. Read back and confirm")}</h2>
            <dl class="summary">
                <dt>{move || lang.get().text().place}</dt>
                <dd>{move || call.location_name()}</dd>
                <dt>{move || lang.get().text().when}</dt>
                <dd>{move || {
                    let lang = lang.get();
                    match (call.chosen_date.get(), call.chosen_band.get()) {
                        (Some(date), Some((start, end))) => format!("{} {}", lang.date(date), lang.band(start, end)),
                        _ => String::new(),
                    }
                }}</dd>
                <dt>{move || lang.get().text().people}</dt>
                <dd>
                    <ul>
                        {move || call.members.get().into_iter().map(|m| {
                            let procedure = call.procedure_name(m.procedure_id);
                            view! { <li>{m.name}"（"{procedure}"）"</li> }
                        }).collect_view()}
                    </ul>
                </dd>
                <dt>{move || lang.get().text().contact}</dt>
                <dd>
                    <ul>
                        {move || {
                            let labels = call.fields.get().and_then(Result::ok).unwrap_or_default();
                            call.contact.get().into_iter().map(|(key, value)| {
                                let label = labels.iter().find(|f| f.key == key).map(|f| lang.get().pick(&f.label_ja, &f.label_en).to_owned()).unwrap_or(key);
                                view! { <li>{label}": "{value}</li> }
                            }).collect_view()
                        }}
                    </ul>
                </dd>
            </dl>
            <div class="actions">
                <button type="button" class="primary" data-testid="phone-submit" prop:disabled=move || call.busy.get() on:click=move |_| call.submit()>
                    {move || if call.busy.get() { lang.get().text().submitting } else { lang.get().pick("この内容で予約する", "Book it") }}
                </button>
                <button type="button" class="secondary" on:click=move |_| { call.confirming.set(false); focus("phone-check"); }>
                    {move || lang.get().pick("入力に戻る", "Back to the form")}
                </button>
            </div>
        </section>
    }
}
