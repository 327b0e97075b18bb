//! What can be booked and where: procedures (R5.1, R5.4, R7.4-キ) and locations.

use chrono::{DateTime, Datelike, NaiveDate, NaiveTime, Utc};
use madoguchi_shared::dto::catalog::{Location, LocationInput, Procedure, ProcedureInput};
use madoguchi_shared::dto::schedule::{DayOfWeek, TimeBand, WeekdayBands, WeeklyTemplateInput};
use madoguchi_shared::time::japan;
use madoguchi_shared::validate::catalog::{validate_location, validate_procedure};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait,
    PaginatorTrait, QueryFilter, QueryOrder, Set,
};

use crate::db::transaction::begin_writing;
use crate::db::{day_override, form_field, location, procedure, weekly_template};
use crate::service::error::ServiceError;
use crate::service::forms;
use crate::service::settings_cache::SettingsCache;

fn procedure_dto(model: procedure::Model) -> Procedure {
    Procedure {
        id: model.id,
        code: model.code,
        name_ja: model.name_ja,
        name_en: model.name_en,
        what_to_bring_ja: model.what_to_bring_ja,
        what_to_bring_en: model.what_to_bring_en,
        notes_ja: model.notes_ja,
        notes_en: model.notes_en,
        units_per_person: model.units_per_person,
        active: model.active,
        sort_order: model.sort_order,
    }
}

fn location_dto(model: location::Model) -> Location {
    Location {
        id: model.id,
        code: model.code,
        name_ja: model.name_ja,
        name_en: model.name_en,
        address_ja: model.address_ja,
        active: model.active,
        sort_order: model.sort_order,
    }
}

/// Procedures in display order: those citizens can book now, or all of them.
pub async fn procedures(
    db: &impl ConnectionTrait,
    include_inactive: bool,
) -> Result<Vec<Procedure>, ServiceError> {
    let mut query = procedure::Entity::find();
    if !include_inactive {
        query = query.filter(procedure::Column::Active.eq(true));
    }
    Ok(query
        .order_by_asc(procedure::Column::SortOrder)
        .order_by_asc(procedure::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(procedure_dto)
        .collect())
}

/// Locations in display order: those open for booking, or all of them.
pub async fn locations(
    db: &impl ConnectionTrait,
    include_inactive: bool,
) -> Result<Vec<Location>, ServiceError> {
    let mut query = location::Entity::find();
    if !include_inactive {
        query = query.filter(location::Column::Active.eq(true));
    }
    Ok(query
        .order_by_asc(location::Column::SortOrder)
        .order_by_asc(location::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(location_dto)
        .collect())
}

/// Creates (`id` None) or replaces a procedure; a taken code is a conflict.
pub async fn save_procedure(
    db: &impl ConnectionTrait,
    cache: &SettingsCache,
    id: Option<i64>,
    input: ProcedureInput,
    now: DateTime<Utc>,
) -> Result<Procedure, ServiceError> {
    validate_procedure(&input).map_err(ServiceError::Validation)?;
    let mut row = procedure::ActiveModel {
        code: Set(input.code),
        name_ja: Set(input.name_ja.trim().to_owned()),
        name_en: Set(input.name_en.trim().to_owned()),
        what_to_bring_ja: Set(input.what_to_bring_ja.trim().to_owned()),
        what_to_bring_en: Set(input.what_to_bring_en.trim().to_owned()),
        notes_ja: Set(input.notes_ja.trim().to_owned()),
        notes_en: Set(input.notes_en.trim().to_owned()),
        units_per_person: Set(input.units_per_person),
        active: Set(input.active),
        sort_order: Set(input.sort_order),
        ..Default::default()
    };
    let saved = match id {
        Some(id) => {
            procedure::Entity::find_by_id(id)
                .one(db)
                .await?
                .ok_or_else(|| ServiceError::NotFound("The procedure".to_owned()))?;
            row.id = Set(id);
            row.update(db).await?
        }
        None => {
            row.created_at = Set(now);
            row.insert(db).await?
        }
    };
    cache.clear();
    Ok(procedure_dto(saved))
}

/// Creates (`id` None) or replaces a location; a taken code is a conflict.
pub async fn save_location(
    db: &impl ConnectionTrait,
    cache: &SettingsCache,
    id: Option<i64>,
    input: LocationInput,
    now: DateTime<Utc>,
) -> Result<Location, ServiceError> {
    validate_location(&input).map_err(ServiceError::Validation)?;
    let mut row = location::ActiveModel {
        code: Set(input.code),
        name_ja: Set(input.name_ja.trim().to_owned()),
        name_en: Set(input.name_en.trim().to_owned()),
        address_ja: Set(input.address_ja.trim().to_owned()),
        active: Set(input.active),
        sort_order: Set(input.sort_order),
        ..Default::default()
    };
    let saved = match id {
        Some(id) => {
            location::Entity::find_by_id(id)
                .one(db)
                .await?
                .ok_or_else(|| ServiceError::NotFound("The location".to_owned()))?;
            row.id = Set(id);
            row.update(db).await?
        }
        None => {
            row.created_at = Set(now);
            row.insert(db).await?
        }
    };
    cache.clear();
    Ok(location_dto(saved))
}

struct DemoProcedure {
    code: &'static str,
    name_ja: &'static str,
    name_en: &'static str,
    what_to_bring_ja: &'static str,
    what_to_bring_en: &'static str,
    notes_ja: &'static str,
    notes_en: &'static str,
}

/// The five procedures of R5.1 with the texts operators read out (R5.4).
const DEMO_PROCEDURES: [DemoProcedure; 5] = [
    DemoProcedure {
        code: "card_pickup",
        name_ja: "カードの受取り",
        name_en: "Card pickup",
        what_to_bring_ja: "交付通知書、本人確認書類（運転免許証など）、通知カードまたは住基カード（お持ちの方）",
        what_to_bring_en: "The card issuance notice, photo ID (e.g. driver's licence), and your notification card or Juki card if you have one",
        notes_ja: "必ずご本人がお越しください。暗証番号を決めてからお越しください。",
        notes_en: "The card holder must come in person. Decide your PINs before you come.",
    },
    DemoProcedure {
        code: "certificate_renewal",
        name_ja: "電子証明書の更新・新規発行",
        name_en: "E-certificate renewal or new issuance",
        what_to_bring_ja: "マイナンバーカード",
        what_to_bring_en: "Your My Number Card",
        notes_ja: "4桁の暗証番号が必要です。有効期限通知書をお持ちの方はご持参ください。",
        notes_en: "You need your 4-digit PIN. Bring the expiry notice if you have it.",
    },
    DemoProcedure {
        code: "pin_reset",
        name_ja: "暗証番号の再設定",
        name_en: "PIN reset",
        what_to_bring_ja: "マイナンバーカード、本人確認書類",
        what_to_bring_en: "Your My Number Card and photo ID",
        notes_ja: "ご本人がお越しください。",
        notes_en: "The card holder must come in person.",
    },
    DemoProcedure {
        code: "card_application",
        name_ja: "カードの申請",
        name_en: "Card application",
        what_to_bring_ja: "交付申請書（お持ちの方）、本人確認書類",
        what_to_bring_en: "The application form if you have one, and photo ID",
        notes_ja: "顔写真は窓口で撮影できます。",
        notes_en: "Your photo can be taken at the counter.",
    },
    DemoProcedure {
        code: "other",
        name_ja: "その他",
        name_en: "Other card matters",
        what_to_bring_ja: "マイナンバーカード（お持ちの方）、本人確認書類",
        what_to_bring_en: "Your My Number Card if you have one, and photo ID",
        notes_ja: "ご用件を備考欄にご記入ください。",
        notes_en: "Describe your matter in the notes field.",
    },
];

/// (code, name_ja, name_en, address_ja)
const DEMO_LOCATIONS: [(&str, &str, &str, &str); 5] = [
    (
        "main_office",
        "本庁 市民課",
        "City Hall, Citizens Division",
        "広島県廿日市市下平良一丁目11番1号",
    ),
    (
        "ono_branch",
        "大野支所",
        "Ono Branch Office",
        "広島県廿日市市大野",
    ),
    (
        "saiki_branch",
        "佐伯支所",
        "Saiki Branch Office",
        "広島県廿日市市津田",
    ),
    (
        "yoshiwa_branch",
        "吉和支所",
        "Yoshiwa Branch Office",
        "広島県廿日市市吉和",
    ),
    (
        "miyajima_branch",
        "宮島支所",
        "Miyajima Branch Office",
        "広島県廿日市市宮島町",
    ),
];

/// Loads the demo configuration when the catalog is empty, in one transaction: the five
/// procedures, five locations with their weekly templates (and a monthly Saturday
/// opening at the main office), and the default booking form. Returns whether anything was written; running it again
/// changes nothing, so it is safe on every start.
pub async fn seed_demo(db: &DatabaseConnection, now: DateTime<Utc>) -> Result<bool, ServiceError> {
    let txn = begin_writing(db).await?;
    // Replicas starting together must not both seed.
    crate::db::lock_for_startup(&txn).await?;
    if procedure::Entity::find().count(&txn).await? > 0
        || location::Entity::find().count(&txn).await? > 0
    {
        return Ok(false);
    }
    let today = now.with_timezone(&japan()).date_naive();
    // The demo's templates start with the service period, or with the month
    // the demo is seeded in if that is earlier, and have no end: the city sets the end when
    // it knows it, and the demo works whenever it is seeded.
    let valid_from = std::cmp::Ord::min(SERVICE_PERIOD_START, today.with_day(1).unwrap_or(today));
    for (order, demo) in (1..).zip(DEMO_PROCEDURES.iter()) {
        procedure::ActiveModel {
            code: Set(demo.code.to_owned()),
            name_ja: Set(demo.name_ja.to_owned()),
            name_en: Set(demo.name_en.to_owned()),
            what_to_bring_ja: Set(demo.what_to_bring_ja.to_owned()),
            what_to_bring_en: Set(demo.what_to_bring_en.to_owned()),
            notes_ja: Set(demo.notes_ja.to_owned()),
            notes_en: Set(demo.notes_en.to_owned()),
            units_per_person: Set(1),
            active: Set(true),
            sort_order: Set(order * 10),
            created_at: Set(now),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
    }
    for (order, (code, name_ja, name_en, address_ja)) in (1..).zip(DEMO_LOCATIONS.iter()) {
        let location = location::ActiveModel {
            code: Set((*code).to_owned()),
            name_ja: Set((*name_ja).to_owned()),
            name_en: Set((*name_en).to_owned()),
            address_ja: Set((*address_ja).to_owned()),
            active: Set(true),
            sort_order: Set(order * 10),
            created_at: Set(now),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
        let template = if *code == "main_office" {
            main_office_template(valid_from)
        } else {
            branch_template(valid_from)
        };
        weekly_template::ActiveModel {
            location_id: Set(location.id),
            name: Set(template.name),
            valid_from: Set(template.valid_from),
            valid_to: Set(template.valid_to),
            days_json: Set(serde_json::to_string(&template.days)
                .map_err(|error| ServiceError::Internal(error.into()))?),
            updated_at: Set(now),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
        if *code == "main_office" {
            for saturday in monthly_saturday_openings(today, 3) {
                day_override::ActiveModel {
                    location_id: Set(location.id),
                    date: Set(saturday),
                    closed: Set(false),
                    label: Set("休日臨時開庁".to_owned()),
                    bands_json: Set(
                        serde_json::to_string(&half_hour_bands((9, 0), (12, 0), 4, 0))
                            .map_err(|error| ServiceError::Internal(error.into()))?,
                    ),
                    updated_at: Set(now),
                    ..Default::default()
                }
                .insert(&txn)
                .await?;
            }
        }
    }
    if form_field::Entity::find().count(&txn).await? == 0 {
        for (order, field) in (1..).zip(forms::default_fields()) {
            form_field::ActiveModel {
                key: Set(field.key),
                label_ja: Set(field.label_ja),
                label_en: Set(field.label_en),
                kind: Set(field.kind.as_str().to_owned()),
                required: Set(field.required),
                sort_order: Set(order * 10),
                active: Set(true),
                ..Default::default()
            }
            .insert(&txn)
            .await?;
        }
    }
    txn.commit().await?;
    Ok(true)
}

fn time(hour: u32, minute: u32) -> NaiveTime {
    NaiveTime::from_hms_opt(hour, minute, 0).unwrap_or_default()
}

/// Consecutive 30-minute bands from `from` to `to`.
fn half_hour_bands(
    from: (u32, u32),
    to: (u32, u32),
    capacity: u32,
    phone_quota: u32,
) -> Vec<TimeBand> {
    let end = time(to.0, to.1);
    let mut bands = Vec::new();
    let mut start = time(from.0, from.1);
    while start < end {
        let next = start + chrono::Duration::minutes(30);
        bands.push(TimeBand {
            start,
            end: next.min(end),
            capacity,
            phone_quota,
        });
        start = next;
    }
    bands
}

/// The first day of the service period (2026-07-01 to 2028-06-30).
const SERVICE_PERIOD_START: NaiveDate = match NaiveDate::from_ymd_opt(2026, 7, 1) {
    Some(day) => day,
    None => panic!("2026-07-01 is a date"),
};

/// 本庁: weekdays 08:30-17:00 in 30-minute bands, 4 seats (one kept for phone bookings),
/// 2 over lunch; on Thursdays also the weekday-night counter 17:15-19:00.
fn main_office_template(valid_from: NaiveDate) -> WeeklyTemplateInput {
    let day_bands = || {
        let mut bands = half_hour_bands((8, 30), (12, 0), 4, 1);
        bands.extend(half_hour_bands((12, 0), (13, 0), 2, 0));
        bands.extend(half_hour_bands((13, 0), (17, 0), 4, 1));
        bands
    };
    let days = [
        DayOfWeek::Mon,
        DayOfWeek::Tue,
        DayOfWeek::Wed,
        DayOfWeek::Thu,
        DayOfWeek::Fri,
    ]
    .into_iter()
    .map(|weekday| {
        let mut bands = day_bands();
        if weekday == DayOfWeek::Thu {
            bands.push(TimeBand {
                start: time(17, 15),
                end: time(18, 0),
                capacity: 3,
                phone_quota: 0,
            });
            bands.push(TimeBand {
                start: time(18, 0),
                end: time(19, 0),
                capacity: 3,
                phone_quota: 0,
            });
        }
        WeekdayBands { weekday, bands }
    })
    .collect();
    WeeklyTemplateInput {
        name: "通常（平日・木曜夜間）".to_owned(),
        valid_from,
        valid_to: None,
        days,
    }
}

/// 支所: weekdays 09:00-12:00 and 13:00-16:00 in hourly bands of 2 seats.
fn branch_template(valid_from: NaiveDate) -> WeeklyTemplateInput {
    let hourly = |from: u32, to: u32| {
        (from..to).map(|hour| TimeBand {
            start: time(hour, 0),
            end: time(hour + 1, 0),
            capacity: 2,
            phone_quota: 0,
        })
    };
    let days = [
        DayOfWeek::Mon,
        DayOfWeek::Tue,
        DayOfWeek::Wed,
        DayOfWeek::Thu,
        DayOfWeek::Fri,
    ]
    .into_iter()
    .map(|weekday| WeekdayBands {
        weekday,
        bands: hourly(9, 12).chain(hourly(13, 16)).collect(),
    })
    .collect();
    WeeklyTemplateInput {
        name: "通常（平日）".to_owned(),
        valid_from,
        valid_to: None,
        days,
    }
}

/// The second Saturday of each of the next `months` months from `today`.
fn monthly_saturday_openings(today: NaiveDate, months: u32) -> Vec<NaiveDate> {
    (0..=months)
        .filter_map(|offset| {
            let first = today
                .with_day(1)?
                .checked_add_months(chrono::Months::new(offset))?;
            let first_saturday = first
                .iter_days()
                .find(|day| day.weekday() == chrono::Weekday::Sat)?;
            first_saturday.checked_add_days(chrono::Days::new(7))
        })
        .filter(|saturday| *saturday > today)
        .take(months as usize)
        .collect()
}
