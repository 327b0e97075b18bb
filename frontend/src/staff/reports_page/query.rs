//! What the reports page asks for: a period, a day or month, a format; and the numbers it shows.

use chrono::NaiveDate;
use madoguchi_shared::dto::report::ReportPeriod;

use crate::api::reports;

pub(super) fn today() -> NaiveDate {
    crate::clock::today()
}
pub(super) fn percent(value: Option<f64>) -> String {
    value
        .map(|v| format!("{v:.1}%"))
        .unwrap_or_else(|| "—".to_owned())
}
pub(super) fn seconds(value: Option<f64>) -> String {
    value
        .map(|v| format!("{v:.0}"))
        .unwrap_or_else(|| "—".to_owned())
}
/// What to ask the server for.
#[derive(Clone, Debug, PartialEq)]
pub(super) struct Query {
    pub(super) period: ReportPeriod,
    pub(super) day: String,
    pub(super) month: String,
    pub(super) location: Option<i64>,
}
impl Query {
    pub(super) fn path(&self, format: Option<&str>) -> String {
        let mut path = match self.period {
            ReportPeriod::Daily => reports::daily_path(&self.day),
            ReportPeriod::Monthly => reports::monthly_path(&self.month),
        };
        if let Some(location) = self.location {
            path.push_str(&format!("&location_id={location}"));
        }
        if let Some(format) = format {
            path.push_str(&format!("&format={format}"));
        }
        path
    }
}
