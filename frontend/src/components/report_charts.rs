//! Report charts drawn as inline SVG: grouped bars per day, and a line per day against a
//! dashed target. Each chart carries a title and a description for screen readers, and the
//! page shows the same figures as a table next to it; series differ by position and legend
//! text as well as by colour.

use leptos::prelude::*;

const WIDTH: f64 = 640.0;
const HEIGHT: f64 = 220.0;
const LEFT: f64 = 44.0;
const RIGHT: f64 = 8.0;
const TOP: f64 = 12.0;
const BOTTOM: f64 = 28.0;

fn plot_width() -> f64 {
    WIDTH - LEFT - RIGHT
}

fn plot_height() -> f64 {
    HEIGHT - TOP - BOTTOM
}

/// One series of a bar chart.
#[derive(Clone, Debug)]
pub struct BarSeries {
    /// CSS class of its bars (`bar-reservations`, ...).
    pub class: &'static str,
    /// One value per label.
    pub values: Vec<u64>,
}

/// Labels shown under every n-th group so they never crowd.
fn label_step(count: usize) -> usize {
    count.div_ceil(16).max(1)
}

fn nice_max(max: f64) -> f64 {
    if max <= 0.0 {
        return 1.0;
    }
    let magnitude = 10f64.powf(max.log10().floor());
    let steps = [2.0, 4.0, 10.0];
    steps
        .iter()
        .map(|step| step * magnitude)
        .find(|candidate| *candidate >= max)
        .unwrap_or(max)
}

/// Grouped bars per label.
#[component]
pub fn BarChart(
    /// Unique id prefix (title and description ids).
    id: String,
    /// The chart's title.
    title: String,
    /// A sentence that says what the chart shows.
    description: String,
    /// Labels under the groups (e.g. day numbers).
    labels: Vec<String>,
    /// The series, drawn side by side in each group.
    series: Vec<BarSeries>,
) -> impl IntoView {
    let count = labels.len().max(1);
    let max = series
        .iter()
        .flat_map(|s| s.values.iter().copied())
        .max()
        .unwrap_or(0) as f64;
    let top = nice_max(max);
    let group = plot_width() / count as f64;
    let bar = (group * 0.8) / series.len().max(1) as f64;
    let y = move |value: f64| TOP + plot_height() * (1.0 - value / top);
    let step = label_step(count);
    let ticks = [0.0, top / 2.0, top]
        .into_iter()
        .map(|tick| {
            let at = y(tick);
            view! {
                <line class="grid" x1=LEFT y1=at x2=WIDTH - RIGHT y2=at/>
                <text x=LEFT - 4.0 y=at + 4.0 text-anchor="end">{format!("{tick:.0}")}</text>
            }
        })
        .collect_view();
    let bars = series
        .iter()
        .enumerate()
        .flat_map(|(index, s)| {
            s.values.iter().enumerate().map(move |(day, value)| {
                let x = LEFT + group * day as f64 + group * 0.1 + bar * index as f64;
                let top_y = y(*value as f64);
                view! {
                    <rect class=s.class x=x y=top_y width=bar.max(1.0) height=(TOP + plot_height() - top_y).max(0.0)/>
                }
            })
        })
        .collect_view();
    let label_views = labels
        .iter()
        .enumerate()
        .filter(|(index, _)| index % step == 0)
        .map(|(index, label)| {
            let x = LEFT + group * index as f64 + group / 2.0;
            view! { <text x=x y=HEIGHT - 10.0 text-anchor="middle">{label.clone()}</text> }
        })
        .collect_view();
    let title_id = format!("{id}-title");
    let desc_id = format!("{id}-desc");
    let labelled_by = format!("{title_id} {desc_id}");
    view! {
        <svg
            class="chart"
            viewBox=format!("0 0 {WIDTH} {HEIGHT}")
            role="img"
            aria-labelledby=labelled_by
            data-testid=id
        >
            <title id=title_id>{title}</title>
            <desc id=desc_id>{description}</desc>
            {ticks}
            {bars}
            <line class="axis" x1=LEFT y1=TOP + plot_height() x2=WIDTH - RIGHT y2=TOP + plot_height()/>
            {label_views}
        </svg>
    }
}

/// A percentage per label as a line, with a dashed target line.
#[component]
pub fn RateChart(
    /// Unique id prefix.
    id: String,
    /// The chart's title.
    title: String,
    /// A sentence that says what the chart shows.
    description: String,
    /// Labels along the bottom.
    labels: Vec<String>,
    /// The percentage per label; `None` where there is nothing to show.
    values: Vec<Option<f64>>,
    /// The target percentage, drawn dashed.
    target: f64,
    /// The target's label, e.g. `目標 80%`.
    target_label: String,
) -> impl IntoView {
    let count = labels.len().max(1);
    let group = plot_width() / count as f64;
    let y = |value: f64| TOP + plot_height() * (1.0 - value.clamp(0.0, 100.0) / 100.0);
    let x = move |index: usize| LEFT + group * index as f64 + group / 2.0;
    let step = label_step(count);
    let points: Vec<(f64, f64)> = values
        .iter()
        .enumerate()
        .filter_map(|(index, value)| value.map(|value| (x(index), y(value))))
        .collect();
    let line = points
        .iter()
        .map(|(px, py)| format!("{px:.1},{py:.1}"))
        .collect::<Vec<_>>()
        .join(" ");
    let dots = points
        .iter()
        .map(|(px, py)| view! { <circle class="rate-dot" cx=*px cy=*py r="3"/> })
        .collect_view();
    let ticks = [0.0, 50.0, 100.0]
        .into_iter()
        .map(|tick| {
            let at = y(tick);
            view! {
                <line class="grid" x1=LEFT y1=at x2=WIDTH - RIGHT y2=at/>
                <text x=LEFT - 4.0 y=at + 4.0 text-anchor="end">{format!("{tick:.0}%")}</text>
            }
        })
        .collect_view();
    let label_views = labels
        .iter()
        .enumerate()
        .filter(|(index, _)| index % step == 0)
        .map(|(index, label)| {
            view! { <text x=x(index) y=HEIGHT - 10.0 text-anchor="middle">{label.clone()}</text> }
        })
        .collect_view();
    let target_y = y(target);
    let title_id = format!("{id}-title");
    let desc_id = format!("{id}-desc");
    let labelled_by = format!("{title_id} {desc_id}");
    view! {
        <svg
            class="chart"
            viewBox=format!("0 0 {WIDTH} {HEIGHT}")
            role="img"
            aria-labelledby=labelled_by
            data-testid=id
        >
            <title id=title_id>{title}</title>
            <desc id=desc_id>{description}</desc>
            {ticks}
            <line class="target-line" x1=LEFT y1=target_y x2=WIDTH - RIGHT y2=target_y data-testid="target-line"/>
            <text x=WIDTH - RIGHT - 2.0 y=target_y - 4.0 text-anchor="end">{target_label}</text>
            <polyline class="rate-line" points=line/>
            {dots}
            <line class="axis" x1=LEFT y1=TOP + plot_height() x2=WIDTH - RIGHT y2=TOP + plot_height()/>
            {label_views}
        </svg>
    }
}
