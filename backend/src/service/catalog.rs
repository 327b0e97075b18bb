//! What can be booked and where: procedures (R5.1, R5.4, R7.4-キ) and locations.

use chrono::Utc;
use madoguchi_shared::dto::catalog::{Location, Procedure};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait,
    PaginatorTrait, QueryFilter, QueryOrder, Set, TransactionTrait,
};

use crate::db::{location, procedure};
use crate::error::AppError;

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

/// Procedures citizens can book now, in display order.
pub async fn active_procedures(db: &impl ConnectionTrait) -> Result<Vec<Procedure>, AppError> {
    Ok(procedure::Entity::find()
        .filter(procedure::Column::Active.eq(true))
        .order_by_asc(procedure::Column::SortOrder)
        .order_by_asc(procedure::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(procedure_dto)
        .collect())
}

/// Locations open for booking, in display order.
pub async fn active_locations(db: &impl ConnectionTrait) -> Result<Vec<Location>, AppError> {
    Ok(location::Entity::find()
        .filter(location::Column::Active.eq(true))
        .order_by_asc(location::Column::SortOrder)
        .order_by_asc(location::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(location_dto)
        .collect())
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

/// Loads the demo configuration (five procedures, five locations) when the catalog is
/// empty, in one transaction. Returns whether anything was written; running it again
/// changes nothing, so it is safe on every start.
pub async fn seed_demo(db: &DatabaseConnection) -> Result<bool, AppError> {
    let txn = db.begin().await?;
    if procedure::Entity::find().count(&txn).await? > 0
        || location::Entity::find().count(&txn).await? > 0
    {
        return Ok(false);
    }
    let now = Utc::now();
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
        location::ActiveModel {
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
    }
    txn.commit().await?;
    Ok(true)
}
