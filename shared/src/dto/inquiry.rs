//! The inquiry log (R5.6-R5.7, R9): one row per call an operator takes.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// What a call was about; the categories of the city's monthly report.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum InquiryCategory {
    /// 予約: a new booking.
    Booking,
    /// 変更: changing a booking.
    Change,
    /// 取消: cancelling a booking.
    Cancellation,
    /// 問合せ: a question.
    Question,
    /// 苦情: a complaint.
    Complaint,
    /// その他: anything else.
    Other,
}

impl InquiryCategory {
    /// Every category, in report order.
    pub const ALL: [InquiryCategory; 6] = [
        InquiryCategory::Booking,
        InquiryCategory::Change,
        InquiryCategory::Cancellation,
        InquiryCategory::Question,
        InquiryCategory::Complaint,
        InquiryCategory::Other,
    ];

    /// The stored and wire name.
    pub fn as_str(self) -> &'static str {
        match self {
            InquiryCategory::Booking => "booking",
            InquiryCategory::Change => "change",
            InquiryCategory::Cancellation => "cancellation",
            InquiryCategory::Question => "question",
            InquiryCategory::Complaint => "complaint",
            InquiryCategory::Other => "other",
        }
    }

    /// Parses the stored name.
    pub fn parse(name: &str) -> Option<InquiryCategory> {
        InquiryCategory::ALL
            .into_iter()
            .find(|category| category.as_str() == name)
    }

    /// Japanese label, as in the city's specification.
    pub fn label_ja(self) -> &'static str {
        match self {
            InquiryCategory::Booking => "予約",
            InquiryCategory::Change => "変更",
            InquiryCategory::Cancellation => "取消",
            InquiryCategory::Question => "問合せ",
            InquiryCategory::Complaint => "苦情",
            InquiryCategory::Other => "その他",
        }
    }

    /// English label.
    pub fn label_en(self) -> &'static str {
        match self {
            InquiryCategory::Booking => "Booking",
            InquiryCategory::Change => "Change",
            InquiryCategory::Cancellation => "Cancellation",
            InquiryCategory::Question => "Question",
            InquiryCategory::Complaint => "Complaint",
            InquiryCategory::Other => "Other",
        }
    }
}

/// How a call ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum InquiryOutcome {
    /// 対応完了: handled on the call.
    Resolved,
    /// 折り返し: someone must call back.
    CallBack,
    /// 市へ引継ぎ: handed over to the city.
    HandedToCity,
}

impl InquiryOutcome {
    /// Every outcome.
    pub const ALL: [InquiryOutcome; 3] = [
        InquiryOutcome::Resolved,
        InquiryOutcome::CallBack,
        InquiryOutcome::HandedToCity,
    ];

    /// The stored and wire name.
    pub fn as_str(self) -> &'static str {
        match self {
            InquiryOutcome::Resolved => "resolved",
            InquiryOutcome::CallBack => "call_back",
            InquiryOutcome::HandedToCity => "handed_to_city",
        }
    }

    /// Parses the stored name.
    pub fn parse(name: &str) -> Option<InquiryOutcome> {
        InquiryOutcome::ALL
            .into_iter()
            .find(|outcome| outcome.as_str() == name)
    }

    /// Japanese label.
    pub fn label_ja(self) -> &'static str {
        match self {
            InquiryOutcome::Resolved => "対応完了",
            InquiryOutcome::CallBack => "折り返し",
            InquiryOutcome::HandedToCity => "市へ引継ぎ",
        }
    }

    /// English label.
    pub fn label_en(self) -> &'static str {
        match self {
            InquiryOutcome::Resolved => "Resolved",
            InquiryOutcome::CallBack => "Call back",
            InquiryOutcome::HandedToCity => "Handed to the city",
        }
    }
}

/// Body of `POST /api/v1/inquiries`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CreateInquiryRequest {
    /// When the call came in; now when omitted.
    #[serde(default)]
    pub received_at: Option<DateTime<Utc>>,
    /// What the call was about.
    pub category: InquiryCategory,
    /// What was asked and answered, 1-1000 characters; no more personal data than needed.
    #[cfg_attr(
        feature = "openapi",
        schema(example = "家族2人の予約。持参物を説明済み。")
    )]
    pub summary: String,
    /// How the call ended.
    pub outcome: InquiryOutcome,
    /// The reservation the call was about, if any.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(example = "ACK7-9WXY"))]
    pub reservation_number: Option<String>,
}

/// One logged call.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Inquiry {
    /// Inquiry id.
    pub id: i64,
    /// When the call came in.
    pub received_at: DateTime<Utc>,
    /// What the call was about.
    pub category: InquiryCategory,
    /// What was asked and answered.
    pub summary: String,
    /// How the call ended.
    pub outcome: InquiryOutcome,
    /// The linked reservation, normalised (`ACK7-9WXY`).
    pub reservation_number: Option<String>,
    /// Who logged it.
    pub staff_id: i64,
    /// Their display name.
    pub staff_name: String,
}
