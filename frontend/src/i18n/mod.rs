//! The message catalogue: every UI string, Japanese first, English second. Components
//! hold no literal UI text; they read it from here.

use chrono::{NaiveDate, NaiveTime};
use madoguchi_shared::availability::Mark;
use madoguchi_shared::error::{ErrorCode, FieldErrorCode};
use madoguchi_shared::time::{format_date_ja, weekday_ja};

/// A UI language.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Lang {
    /// 日本語
    Ja,
    /// English
    En,
}

impl Lang {
    /// The BCP 47 code for `<html lang>`.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Ja => "ja",
            Lang::En => "en",
        }
    }

    /// The language for a stored code.
    pub fn from_code(code: &str) -> Lang {
        if code == "en" { Lang::En } else { Lang::Ja }
    }

    /// The other language, for the switch.
    pub fn other(self) -> Lang {
        match self {
            Lang::Ja => Lang::En,
            Lang::En => Lang::Ja,
        }
    }

    /// Picks the Japanese or the English of a pair.
    pub fn pick<'a>(self, ja: &'a str, en: &'a str) -> &'a str {
        match self {
            Lang::Ja => ja,
            Lang::En => en,
        }
    }

    /// `2026年7月1日(水)` / `Wed 1 Jul 2026`
    pub fn date(self, date: NaiveDate) -> String {
        match self {
            Lang::Ja => format_date_ja(date),
            Lang::En => date.format("%a %-d %b %Y").to_string(),
        }
    }

    /// `9:00〜9:30` / `9:00–9:30`
    pub fn band(self, start: NaiveTime, end: NaiveTime) -> String {
        let separator = self.pick("〜", "–");
        format!(
            "{}{separator}{}",
            start.format("%-H:%M"),
            end.format("%-H:%M")
        )
    }

    /// `2026年12月` / `December 2026`
    pub fn month(self, first: NaiveDate) -> String {
        match self {
            Lang::Ja => first.format("%Y年%-m月").to_string(),
            Lang::En => first.format("%B %Y").to_string(),
        }
    }

    /// Short weekday names, Monday first.
    pub fn weekdays(self) -> [&'static str; 7] {
        use chrono::Weekday::*;
        match self {
            Lang::Ja => [Mon, Tue, Wed, Thu, Fri, Sat, Sun].map(weekday_ja),
            Lang::En => ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"],
        }
    }

    /// The text that goes with a mark, for everyone and for screen readers.
    pub fn mark(self, mark: Mark) -> &'static str {
        match self {
            Lang::Ja => mark.label_ja(),
            Lang::En => mark.label_en(),
        }
    }

    /// A moment in Japan time: `2026年12月13日(日) 22:00` / `Sun 13 Dec 2026 22:00`.
    pub fn moment(self, at: chrono::DateTime<chrono::Utc>) -> String {
        let local = at
            .with_timezone(&madoguchi_shared::time::japan())
            .naive_local();
        format!("{} {}", self.date(local.date()), local.format("%-H:%M"))
    }

    /// `残り 3 席` / `3 seats left`
    pub fn seats_left(self, seats: u32) -> String {
        match self {
            Lang::Ja => format!("残り {seats} 席"),
            Lang::En if seats == 1 => "1 seat left".to_owned(),
            Lang::En => format!("{seats} seats left"),
        }
    }

    /// `2人目` / `Person 2`
    pub fn person(self, index: usize) -> String {
        match self {
            Lang::Ja if index == 0 => "1人目（申込者）".to_owned(),
            Lang::Ja => format!("{}人目", index + 1),
            Lang::En if index == 0 => "Person 1 (applicant)".to_owned(),
            Lang::En => format!("Person {}", index + 1),
        }
    }

    /// A friendly sentence for an error code from the server.
    pub fn problem(self, code: ErrorCode) -> &'static str {
        use ErrorCode::*;
        match (self, code) {
            (Lang::Ja, SlotFull) => {
                "申し訳ありません。この時間帯は、ほかの方が先に予約しました。別の日時を選んでください。"
            }
            (Lang::En, SlotFull) => {
                "Sorry, someone else has just booked this time. Please choose another day or time."
            }
            (Lang::Ja, OutsideBookingWindow) => {
                "この日時は、いまは予約できません（受付期間外です）。お急ぎの方はコールセンターへお電話ください。"
            }
            (Lang::En, OutsideBookingWindow) => {
                "This time cannot be booked now (outside the booking period). Please call the call center."
            }
            (Lang::Ja, RateLimited) => {
                "入力の回数が多すぎます。しばらく待ってから、もう一度お試しください。"
            }
            (Lang::En, RateLimited) => "Too many attempts. Please wait a while and try again.",
            (Lang::Ja, NotFound) => {
                "予約が見つかりません。予約番号と電話番号（またはメールアドレス）を確かめてください。"
            }
            (Lang::En, NotFound) => {
                "No reservation found. Please check the reservation number and the phone number or email."
            }
            (Lang::Ja, TooManyActiveReservations) => {
                "この電話番号・メールアドレスでは、すでに予約があります。「予約の確認・変更」から変更してください。"
            }
            (Lang::En, TooManyActiveReservations) => {
                "There is already a reservation with this phone number or email. Please change that one instead."
            }
            (Lang::Ja, ReservationNotChangeable) => {
                "この予約は取り消し済みか、終了しているため変更できません。"
            }
            (Lang::En, ReservationNotChangeable) => {
                "This reservation was cancelled or is over and cannot be changed."
            }
            (Lang::Ja, SlotNotOffered) => {
                "この時間帯は受け付けていません。別の時間を選んでください。"
            }
            (Lang::En, SlotNotOffered) => "This time is not offered. Please choose another.",
            (Lang::Ja, ValidationFailed) => "入力内容を確かめてください。",
            (Lang::En, ValidationFailed) => "Please check what you entered.",
            (Lang::Ja, Unauthorized) => {
                "確認の期限が切れました。もう一度、予約番号で開いてください。"
            }
            (Lang::En, Unauthorized) => {
                "Your access has expired. Please open the reservation with its number again."
            }
            (Lang::Ja, _) => "エラーが起きました。時間をおいて、もう一度お試しください。",
            (Lang::En, _) => "Something went wrong. Please try again later.",
        }
    }

    /// A friendly sentence for a field rule that failed.
    pub fn field_problem(self, code: FieldErrorCode) -> &'static str {
        match (self, code) {
            (Lang::Ja, FieldErrorCode::Required) => "入力してください。",
            (Lang::En, FieldErrorCode::Required) => "Please fill this in.",
            (Lang::Ja, FieldErrorCode::InvalidFormat) => "形式が正しくありません。",
            (Lang::En, FieldErrorCode::InvalidFormat) => "This is not in the right format.",
            (Lang::Ja, FieldErrorCode::TooLong) => "長すぎます。",
            (Lang::En, FieldErrorCode::TooLong) => "This is too long.",
            (Lang::Ja, FieldErrorCode::Unknown) => "選び直してください。",
            (Lang::En, FieldErrorCode::Unknown) => "Please choose again.",
            (Lang::Ja, _) => "入力内容を確かめてください。",
            (Lang::En, _) => "Please check this.",
        }
    }

    /// The catalogue for this language.
    pub fn text(self) -> &'static Messages {
        match self {
            Lang::Ja => &JA,
            Lang::En => &EN,
        }
    }
}

/// Every fixed string the UI shows.
#[derive(Debug)]
pub struct Messages {
    pub site_name: &'static str,
    pub switch_language: &'static str,
    pub skip_to_content: &'static str,
    pub welcome_heading: &'static str,
    pub welcome_lead: &'static str,
    pub book_button: &'static str,
    pub manage_button: &'static str,
    pub procedures_heading: &'static str,
    pub notices_heading: &'static str,
    pub maintenance_heading: &'static str,
    pub maintenance_when: &'static str,
    pub what_to_bring: &'static str,
    pub notes: &'static str,
    pub loading: &'static str,
    pub load_failed: &'static str,
    pub call_center_heading: &'static str,
    pub call_center_open: &'static str,
    pub call_center_closed: &'static str,
    pub steps: [&'static str; 6],
    pub step_label: &'static str,
    pub back: &'static str,
    pub next: &'static str,
    pub location_heading: &'static str,
    pub party_heading: &'static str,
    pub party_lead: &'static str,
    pub member_name: &'static str,
    pub member_procedure: &'static str,
    pub choose: &'static str,
    pub add_member: &'static str,
    pub remove_member: &'static str,
    pub date_heading: &'static str,
    pub date_lead: &'static str,
    pub previous_month: &'static str,
    pub next_month: &'static str,
    pub legend: &'static str,
    pub time_heading: &'static str,
    pub no_times: &'static str,
    pub contact_heading: &'static str,
    pub required: &'static str,
    pub optional: &'static str,
    pub error_summary: &'static str,
    pub confirm_heading: &'static str,
    pub confirm_lead: &'static str,
    pub place: &'static str,
    pub when: &'static str,
    pub people: &'static str,
    pub contact: &'static str,
    pub submit_booking: &'static str,
    pub submitting: &'static str,
    pub choose_again: &'static str,
    pub done_heading: &'static str,
    pub done_lead: &'static str,
    pub reservation_number: &'static str,
    pub add_to_calendar: &'static str,
    pub how_to_change: &'static str,
    pub open_reservation: &'static str,
    pub lookup_heading: &'static str,
    pub lookup_lead: &'static str,
    pub phone_or_email: &'static str,
    pub open: &'static str,
    pub manage_heading: &'static str,
    pub status: &'static str,
    pub status_booked: &'static str,
    pub status_cancelled: &'static str,
    pub status_visited: &'static str,
    pub status_no_show: &'static str,
    pub change_time: &'static str,
    pub change_done: &'static str,
    pub cancel_reservation: &'static str,
    pub cancel_confirm: &'static str,
    pub cancel_yes: &'static str,
    pub cancel_no: &'static str,
    pub cancelled_message: &'static str,
    pub add_member_heading: &'static str,
    pub member_added: &'static str,
    pub member_removed: &'static str,
    pub not_found_heading: &'static str,
    pub to_top: &'static str,
    pub held_until: &'static str,
}

const JA: Messages = Messages {
    site_name: "廿日市市 マイナンバーカード窓口予約",
    switch_language: "English",
    skip_to_content: "本文へ移動",
    welcome_heading: "マイナンバーカードの窓口予約",
    welcome_lead: "市役所の窓口に来る日と時間を予約できます。24時間いつでも予約できます。",
    book_button: "予約する",
    manage_button: "予約の確認・変更・キャンセル",
    procedures_heading: "予約できる手続き",
    notices_heading: "お知らせ",
    maintenance_heading: "メンテナンスのお知らせ",
    maintenance_when: "停止する時間",
    what_to_bring: "持ってくるもの",
    notes: "注意すること",
    loading: "読み込んでいます…",
    load_failed: "情報を読み込めませんでした。時間をおいてもう一度お試しください。",
    call_center_heading: "電話での予約（コールセンター）",
    call_center_open: "ただいま受付中です。",
    call_center_closed: "ただいま受付時間外です。",
    steps: ["場所", "来る人", "日にち", "時間", "連絡先", "確認"],
    step_label: "予約の手順",
    back: "戻る",
    next: "次へ",
    location_heading: "どこの窓口に行きますか",
    party_heading: "来る人と手続き",
    party_lead: "一緒に来る家族も、まとめて予約できます（最大5人）。",
    member_name: "氏名",
    member_procedure: "手続き",
    choose: "選んでください",
    add_member: "家族を追加する",
    remove_member: "この人を外す",
    date_heading: "日にちを選ぶ",
    date_lead: "○は空きあり、△は残りわずか、×は満席です。",
    previous_month: "前の月",
    next_month: "次の月",
    legend: "記号の意味",
    time_heading: "時間を選ぶ",
    no_times: "この日は予約できる時間がありません。別の日を選んでください。",
    contact_heading: "連絡先を入力する",
    required: "必須",
    optional: "任意",
    error_summary: "入力内容に誤りがあります",
    confirm_heading: "予約内容の確認",
    confirm_lead: "内容を確かめて「予約する」を押してください。",
    place: "場所",
    when: "日時",
    people: "来る人",
    contact: "連絡先",
    submit_booking: "予約する",
    submitting: "送信しています…",
    choose_again: "日にちを選び直す",
    done_heading: "予約が完了しました",
    done_lead: "予約番号を控えてください。確認・変更・キャンセルのときに必要です。",
    reservation_number: "予約番号",
    add_to_calendar: "カレンダーに追加する（.ics）",
    how_to_change: "変更やキャンセルは「予約の確認・変更・キャンセル」から、予約番号と電話番号（またはメールアドレス）で行えます。",
    open_reservation: "この予約を開く",
    lookup_heading: "予約の確認・変更・キャンセル",
    lookup_lead: "予約番号と、予約のときに入力した電話番号またはメールアドレスを入力してください。",
    phone_or_email: "電話番号またはメールアドレス",
    open: "予約を開く",
    manage_heading: "予約の内容",
    status: "状態",
    status_booked: "予約済み",
    status_cancelled: "キャンセル済み",
    status_visited: "来庁済み",
    status_no_show: "来庁なし",
    change_time: "日時を変更する",
    change_done: "日時を変更しました。",
    cancel_reservation: "予約をキャンセルする",
    cancel_confirm: "本当にキャンセルしますか。キャンセルすると元に戻せません。",
    cancel_yes: "はい、キャンセルします",
    cancel_no: "いいえ",
    cancelled_message: "予約をキャンセルしました。",
    add_member_heading: "家族を追加する",
    member_added: "追加しました。",
    member_removed: "外しました。",
    not_found_heading: "ページが見つかりません",
    to_top: "トップページへ",
    held_until: "この時間の席を確保しています。次の時刻までに予約を完了してください：",
};

const EN: Messages = Messages {
    site_name: "Hatsukaichi City My Number Card Appointments",
    switch_language: "日本語",
    skip_to_content: "Skip to content",
    welcome_heading: "Book a visit to the My Number Card counter",
    welcome_lead: "Choose the day and time of your visit to City Hall. Booking is open 24 hours a day.",
    book_button: "Book a visit",
    manage_button: "View, change or cancel a booking",
    procedures_heading: "What you can book",
    notices_heading: "Notices",
    maintenance_heading: "Planned maintenance",
    maintenance_when: "Unavailable",
    what_to_bring: "What to bring",
    notes: "Notes",
    loading: "Loading…",
    load_failed: "Could not load the information. Please try again later.",
    call_center_heading: "Booking by phone (call center)",
    call_center_open: "We are answering calls now.",
    call_center_closed: "The call center is closed now.",
    steps: ["Place", "People", "Day", "Time", "Contact", "Confirm"],
    step_label: "Booking steps",
    back: "Back",
    next: "Next",
    location_heading: "Which office will you visit?",
    party_heading: "Who is coming, and for what",
    party_lead: "You can book family members who come with you (up to 5 people).",
    member_name: "Name",
    member_procedure: "Procedure",
    choose: "Please choose",
    add_member: "Add a family member",
    remove_member: "Remove this person",
    date_heading: "Choose a day",
    date_lead: "○ available, △ few left, × full.",
    previous_month: "Previous month",
    next_month: "Next month",
    legend: "What the marks mean",
    time_heading: "Choose a time",
    no_times: "No time can be booked on this day. Please choose another day.",
    contact_heading: "Your contact details",
    required: "Required",
    optional: "Optional",
    error_summary: "Please correct the following",
    confirm_heading: "Check your booking",
    confirm_lead: "Check the details and press \"Book\".",
    place: "Place",
    when: "Date and time",
    people: "People",
    contact: "Contact",
    submit_booking: "Book",
    submitting: "Sending…",
    choose_again: "Choose another day",
    done_heading: "Your visit is booked",
    done_lead: "Please keep your reservation number. You need it to view, change or cancel.",
    reservation_number: "Reservation number",
    add_to_calendar: "Add to calendar (.ics)",
    how_to_change: "To change or cancel, use \"View, change or cancel a booking\" with your reservation number and phone number or email.",
    open_reservation: "Open this booking",
    lookup_heading: "View, change or cancel a booking",
    lookup_lead: "Enter your reservation number and the phone number or email you gave when booking.",
    phone_or_email: "Phone number or email",
    open: "Open",
    manage_heading: "Your booking",
    status: "Status",
    status_booked: "Booked",
    status_cancelled: "Cancelled",
    status_visited: "Visited",
    status_no_show: "Did not come",
    change_time: "Change the day or time",
    change_done: "The day and time were changed.",
    cancel_reservation: "Cancel this booking",
    cancel_confirm: "Do you really want to cancel? This cannot be undone.",
    cancel_yes: "Yes, cancel",
    cancel_no: "No",
    cancelled_message: "The booking was cancelled.",
    add_member_heading: "Add a family member",
    member_added: "Added.",
    member_removed: "Removed.",
    not_found_heading: "Page not found",
    to_top: "Back to the top page",
    held_until: "Your seats are held. Please finish booking by:",
};
