//! Error messages that screen readers announce.

use leptos::prelude::*;

use crate::api::ApiError;
use crate::i18n::Lang;

/// A friendly message for a failed call, announced as an alert.
#[component]
pub fn ProblemMessage(error: Signal<Option<ApiError>>) -> impl IntoView {
    let lang = expect_context::<RwSignal<Lang>>();
    move || {
        error.get().map(|error| {
            view! {
                <p class="alert" role="alert" data-testid="problem" data-code=format!("{:?}", error.code())>
                    {lang.get().problem(error.code())}
                </p>
            }
        })
    }
}
