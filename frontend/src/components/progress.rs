//! Where the citizen is in the booking flow.

use leptos::prelude::*;

use crate::i18n::Lang;

/// The numbered steps, the current one marked for screen readers too.
#[component]
pub fn Progress(current: usize) -> impl IntoView {
    let lang = expect_context::<RwSignal<Lang>>();
    view! {
        <nav aria-label=move || lang.get().text().step_label>
            <ol class="progress">
                {move || {
                    lang.get()
                        .text()
                        .steps
                        .iter()
                        .enumerate()
                        .map(|(index, label)| {
                            let state = if index < current {
                                "done"
                            } else if index == current {
                                "current"
                            } else {
                                "todo"
                            };
                            view! {
                                <li class=state aria-current=(index == current).then_some("step")>
                                    <span class="number">{index + 1}</span>
                                    <span class="label">{*label}</span>
                                </li>
                            }
                        })
                        .collect_view()
                }}
            </ol>
        </nav>
    }
}
