//! What to bring and the notes for a procedure (R5.4).

use leptos::prelude::*;
use madoguchi_shared::dto::reservation::ProcedureGuide;

use crate::i18n::Lang;

/// The guide of one procedure: what to bring, and the notes.
#[component]
pub fn GuideList(guide: ProcedureGuide) -> impl IntoView {
    let lang = expect_context::<RwSignal<Lang>>();
    view! {
        <dl class="guide">
            <dt>{move || lang.get().text().what_to_bring}</dt>
            <dd>{move || lang.get().pick(&guide.what_to_bring_ja, &guide.what_to_bring_en).to_owned()}</dd>
            <dt>{move || lang.get().text().notes}</dt>
            <dd>{move || lang.get().pick(&guide.notes_ja, &guide.notes_en).to_owned()}</dd>
        </dl>
    }
}
