//! What a page shows while its data loads, and when it could not: one `Transition` fallback
//! and one way to turn a failed load into the problem view of the citizen site, the
//! console, or the city's settings pages.

use leptos::prelude::*;

use crate::api::ApiError;
use crate::components::city_problem::CityProblem;
use crate::components::problem::ProblemMessage;
use crate::components::staff_problem::StaffProblem;
use crate::i18n::Lang;

/// "Loading…", announced politely.
#[component]
pub fn Loading() -> impl IntoView {
    let lang = expect_context::<RwSignal<Lang>>();
    view! { <p role="status">{move || lang.get().text().loading}</p> }
}

/// Where a failed load is shown: the words differ for citizens, operators and the city.
#[derive(Clone, Copy, Debug)]
pub enum Audience {
    /// The citizen site.
    Citizen,
    /// The call center's pages of the console.
    Staff,
    /// The city's settings pages.
    City,
}

/// The problem view of a load that failed.
pub fn load_failed(audience: Audience, failure: ApiError) -> AnyView {
    let error = Signal::derive(move || Some(failure.clone()));
    match audience {
        Audience::Citizen => view! { <ProblemMessage error/> }.into_any(),
        Audience::Staff => view! { <StaffProblem error/> }.into_any(),
        Audience::City => view! { <CityProblem error/> }.into_any(),
    }
}
