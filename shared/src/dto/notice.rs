//! Notices on the citizen site and announced maintenance (R7.5).

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// What a notice is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum NoticeKind {
    /// General news (お知らせ).
    Notice,
    /// A planned stop of the system (メンテナンス), with its window.
    Maintenance,
}

impl NoticeKind {
    /// The stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            NoticeKind::Notice => "notice",
            NoticeKind::Maintenance => "maintenance",
        }
    }

    /// Parses the stored name.
    pub fn parse(name: &str) -> Option<NoticeKind> {
        [NoticeKind::Notice, NoticeKind::Maintenance]
            .into_iter()
            .find(|kind| kind.as_str() == name)
    }
}

/// Body to post or replace a notice.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NoticeInput {
    /// Notice or maintenance.
    pub kind: NoticeKind,
    /// Title, Japanese.
    #[cfg_attr(
        feature = "openapi",
        schema(example = "システムメンテナンスのお知らせ")
    )]
    pub title_ja: String,
    /// Title, English (the Japanese is shown when empty).
    #[serde(default)]
    pub title_en: String,
    /// Text, Japanese.
    #[serde(default)]
    pub body_ja: String,
    /// Text, English.
    #[serde(default)]
    pub body_en: String,
    /// Shown on the site from then.
    pub publish_from: DateTime<Utc>,
    /// Shown until then; for maintenance, default the end of the window.
    #[serde(default)]
    pub publish_until: Option<DateTime<Utc>>,
    /// Maintenance: when the stop begins.
    #[serde(default)]
    pub starts_at: Option<DateTime<Utc>>,
    /// Maintenance: when the system is back.
    #[serde(default)]
    pub ends_at: Option<DateTime<Utc>>,
}

/// A notice.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Notice {
    /// Notice id.
    pub id: i64,
    /// The notice.
    #[serde(flatten)]
    pub notice: NoticeInput,
}
