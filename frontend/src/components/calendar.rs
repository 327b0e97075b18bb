//! The month calendar with ○ / △ / × (R7.4-ウ). Every mark has its text (空きあり /
//! 残りわずか / 満席) for screen readers; arrow keys move between days (roving tabindex).

use chrono::{Datelike, Days, Months, NaiveDate};
use leptos::prelude::*;
use leptos::wasm_bindgen::JsCast;
use madoguchi_shared::availability::Mark;
use madoguchi_shared::dto::availability::DayAvailability;

use crate::i18n::Lang;

fn day_id(date: NaiveDate) -> String {
    format!("day-{date}")
}

fn focus_day(date: NaiveDate) {
    if let Some(element) = document()
        .get_element_by_id(&day_id(date))
        .and_then(|element| element.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let _ = element.focus();
    }
}

/// A month of days; bookable ones can be chosen.
#[component]
pub fn MonthCalendar(
    /// First day of the month shown.
    month: Signal<NaiveDate>,
    /// The month's availability, once loaded.
    days: Signal<Vec<DayAvailability>>,
    /// The chosen day.
    selected: Signal<Option<NaiveDate>>,
    /// Called with a bookable day the citizen chose.
    on_select: Callback<NaiveDate>,
    /// Called with the first day of another month.
    on_month: Callback<NaiveDate>,
) -> impl IntoView {
    let lang = expect_context::<RwSignal<Lang>>();
    let focused = RwSignal::new(None::<NaiveDate>);
    let day_of = move |date: NaiveDate| days.get().into_iter().find(|day| day.date == date);
    let bookable = move |date: NaiveDate| {
        day_of(date).is_some_and(|day| matches!(day.mark, Mark::Available | Mark::Few))
    };
    let tab_stop = move || {
        focused
            .get()
            .filter(|date| date.month() == month.get().month())
            .or(selected
                .get()
                .filter(|date| date.month() == month.get().month()))
            .or_else(|| {
                month
                    .get()
                    .iter_days()
                    .take_while(|d| d.month() == month.get().month())
                    .find(|d| bookable(*d))
            })
            .unwrap_or(month.get())
    };
    let on_keydown = move |event: leptos::ev::KeyboardEvent| {
        let from = tab_stop();
        let target = match event.key().as_str() {
            "ArrowLeft" => from.checked_sub_days(Days::new(1)),
            "ArrowRight" => from.checked_add_days(Days::new(1)),
            "ArrowUp" => from.checked_sub_days(Days::new(7)),
            "ArrowDown" => from.checked_add_days(Days::new(7)),
            "Home" => Some(month.get()),
            "End" => month
                .get()
                .checked_add_months(Months::new(1))
                .and_then(|d| d.checked_sub_days(Days::new(1))),
            _ => return,
        };
        event.prevent_default();
        let Some(target) = target else { return };
        focused.set(Some(target));
        if target.month() == month.get().month() {
            focus_day(target);
        } else if let Some(first) = target.with_day(1) {
            // Past the edge of the month: show the next (or previous) one, then focus the day
            // once it is drawn.
            on_month.run(first);
            set_timeout(
                move || focus_day(target),
                std::time::Duration::from_millis(30),
            );
        }
    };
    let weeks = move || {
        let first = month.get();
        let offset = u64::from(first.weekday().num_days_from_monday());
        let start = first.checked_sub_days(Days::new(offset)).unwrap_or(first);
        let days_in_month = first
            .checked_add_months(Months::new(1))
            .map_or(31, |next| (next - first).num_days() as u64);
        let cells = (offset + days_in_month).div_ceil(7) * 7;
        let dates: Vec<NaiveDate> = start.iter_days().take(cells as usize).collect();
        dates
            .chunks(7)
            .map(<[NaiveDate]>::to_vec)
            .collect::<Vec<_>>()
    };
    let shift = move |months: i32| {
        let first = month.get();
        let next = if months > 0 {
            first.checked_add_months(Months::new(1))
        } else {
            first.checked_sub_months(Months::new(1))
        };
        if let Some(next) = next {
            focused.set(None);
            on_select_month(on_month, next);
        }
    };
    view! {
        <div class="calendar">
            <div class="calendar-nav">
                <button type="button" class="secondary" on:click=move |_| shift(-1) data-testid="previous-month">
                    {move || lang.get().text().previous_month}
                </button>
                <h3 aria-live="polite" data-testid="month-label">{move || lang.get().month(month.get())}</h3>
                <button type="button" class="secondary" on:click=move |_| shift(1) data-testid="next-month">
                    {move || lang.get().text().next_month}
                </button>
            </div>
            <table
                role="grid"
                aria-labelledby="calendar-caption"
                aria-busy=move || {
                    // Busy until the marks of the month on screen have arrived.
                    let loaded = days.read().first().is_some_and(|day| day.date.month() == month.get().month());
                    (!loaded).to_string()
                }
                on:keydown=on_keydown
            >
                <caption id="calendar-caption" class="visually-hidden">{move || lang.get().month(month.get())}</caption>
                <thead>
                    <tr>
                        {move || lang.get().weekdays().into_iter().map(|name| view! { <th scope="col">{name}</th> }).collect_view()}
                    </tr>
                </thead>
                <tbody>
                    {move || {
                        weeks()
                            .into_iter()
                            .map(|week| {
                                view! {
                                    <tr>
                                        {week
                                            .into_iter()
                                            .map(|date| {
                                                let in_month = date.month() == month.get().month();
                                                if !in_month {
                                                    return view! { <td class="outside"></td> }.into_any();
                                                }
                                                // Marks arrive after the grid is drawn: only the attributes
                                                // follow them, so a focused day keeps its focus.
                                                let mark = move || day_of(date).map_or(Mark::Closed, |day| day.mark);
                                                let label = move || {
                                                    let lang = lang.get();
                                                    format!("{} {}", lang.date(date), lang.mark(mark()))
                                                };
                                                let choose = move |_| {
                                                    if bookable(date) {
                                                        on_select.run(date);
                                                    }
                                                };
                                                view! {
                                                    <td>
                                                        <button
                                                            type="button"
                                                            id=day_id(date)
                                                            class=move || format!("day mark-{:?}", mark()).to_lowercase()
                                                            class:selected=move || selected.get() == Some(date)
                                                            aria-label=label
                                                            aria-disabled=move || (!bookable(date)).then_some("true")
                                                            aria-pressed=move || (selected.get() == Some(date)).to_string()
                                                            tabindex=move || if tab_stop() == date { "0" } else { "-1" }
                                                            data-date=date.to_string()
                                                            data-mark=move || format!("{:?}", mark()).to_lowercase()
                                                            on:click=choose
                                                            on:focus=move |_| focused.set(Some(date))
                                                        >
                                                            <span class="day-number" aria-hidden="true">{date.day()}</span>
                                                            <span class="day-mark" aria-hidden="true">{move || mark().symbol()}</span>
                                                        </button>
                                                    </td>
                                                }
                                                    .into_any()
                                            })
                                            .collect_view()}
                                    </tr>
                                }
                            })
                            .collect_view()
                    }}
                </tbody>
            </table>
            <div class="legend">
                <h4>{move || lang.get().text().legend}</h4>
                <ul>
                    {move || {
                        [Mark::Available, Mark::Few, Mark::Full, Mark::Closed]
                            .into_iter()
                            .map(|mark| view! { <li><span aria-hidden="true">{mark.symbol()}</span>" "{lang.get().mark(mark)}</li> })
                            .collect_view()
                    }}
                </ul>
            </div>
        </div>
    }
}

fn on_select_month(on_month: Callback<NaiveDate>, first: NaiveDate) {
    on_month.run(first);
}
