//! The message catalogue: every UI string, Japanese first, English second.

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

    /// The other language, for the switch.
    pub fn other(self) -> Lang {
        match self {
            Lang::Ja => Lang::En,
            Lang::En => Lang::Ja,
        }
    }
}

/// Every string the UI shows.
#[derive(Debug)]
pub struct Messages {
    pub site_name: &'static str,
    pub switch_language: &'static str,
    pub welcome_heading: &'static str,
    pub welcome_lead: &'static str,
    pub procedures_heading: &'static str,
    pub what_to_bring: &'static str,
    pub notes: &'static str,
    pub loading: &'static str,
    pub load_failed: &'static str,
    pub call_center_heading: &'static str,
    pub call_center_open: &'static str,
    pub call_center_closed: &'static str,
}

const JA: Messages = Messages {
    site_name: "廿日市市 マイナンバーカード窓口予約",
    switch_language: "English",
    welcome_heading: "マイナンバーカードの窓口予約",
    welcome_lead: "市役所の窓口に来る日と時間を予約できます。24時間いつでも予約できます。",
    procedures_heading: "予約できる手続き",
    what_to_bring: "持ってくるもの",
    notes: "注意すること",
    loading: "読み込んでいます…",
    load_failed: "情報を読み込めませんでした。時間をおいてもう一度お試しください。",
    call_center_heading: "電話での予約（コールセンター）",
    call_center_open: "ただいま受付中です。",
    call_center_closed: "ただいま受付時間外です。",
};

const EN: Messages = Messages {
    site_name: "Hatsukaichi City My Number Card Appointments",
    switch_language: "日本語",
    welcome_heading: "Book a visit to the My Number Card counter",
    welcome_lead: "Choose the day and time of your visit to City Hall. Booking is open 24 hours a day.",
    procedures_heading: "What you can book",
    what_to_bring: "What to bring",
    notes: "Notes",
    loading: "Loading…",
    load_failed: "Could not load the information. Please try again later.",
    call_center_heading: "Booking by phone (call center)",
    call_center_open: "We are answering calls now.",
    call_center_closed: "The call center is closed now.",
};

/// The catalogue for `lang`.
pub fn messages(lang: Lang) -> &'static Messages {
    match lang {
        Lang::Ja => &JA,
        Lang::En => &EN,
    }
}
