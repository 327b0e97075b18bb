//! The contact fields of the booking form, which the city decides (R7.4-ケ).

use madoguchi_shared::dto::form::{FieldKind, FormField};
use madoguchi_shared::error::FieldErrorCode;
use madoguchi_shared::validate::Violations;
use sea_orm::{ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, Set};

use crate::db::form_field;
use crate::db::transaction::begin_writing;
use crate::service::error::ServiceError;
use crate::service::form_fields::active_fields;
use crate::service::settings_cache::SettingsCache;

/// Replaces the form: the listed fields in this order; fields left out are dropped from
/// the form (values already stored stay with their reservations).
pub async fn replace_fields(
    db: &DatabaseConnection,
    cache: &SettingsCache,
    fields: Vec<FormField>,
) -> Result<Vec<FormField>, ServiceError> {
    let mut violations = Violations::default();
    for (index, field) in fields.iter().enumerate() {
        let valid_key = (1..=32).contains(&field.key.len())
            && field
                .key
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_');
        if !valid_key {
            violations.add(
                &format!("[{index}].key"),
                FieldErrorCode::InvalidFormat,
                "1-32 characters of a-z, 0-9 and _",
            );
        }
        if fields[..index].iter().any(|other| other.key == field.key) {
            violations.add(
                &format!("[{index}].key"),
                FieldErrorCode::Duplicate,
                "each key once",
            );
        }
        for (name, label) in [("label_ja", &field.label_ja), ("label_en", &field.label_en)] {
            let at = format!("[{index}].{name}");
            if label.trim().is_empty() {
                violations.add(&at, FieldErrorCode::Required, "must not be empty");
            } else {
                violations.length(&at, label.trim(), 1..=64);
                violations.text(&at, label, false);
            }
        }
    }
    violations.into_result().map_err(ServiceError::Validation)?;
    let txn = begin_writing(db).await?;
    form_field::Entity::update_many()
        .col_expr(
            form_field::Column::Active,
            sea_orm::sea_query::Expr::value(false),
        )
        .exec(&txn)
        .await?;
    for (order, field) in (1..).zip(fields.iter()) {
        let existing = form_field::Entity::find()
            .filter(form_field::Column::Key.eq(field.key.as_str()))
            .one(&txn)
            .await?;
        let mut row = form_field::ActiveModel {
            key: Set(field.key.clone()),
            label_ja: Set(field.label_ja.trim().to_owned()),
            label_en: Set(field.label_en.trim().to_owned()),
            kind: Set(field.kind.as_str().to_owned()),
            required: Set(field.required),
            sort_order: Set(order * 10),
            active: Set(true),
            ..Default::default()
        };
        match existing {
            Some(existing) => {
                row.id = Set(existing.id);
                row.update(&txn).await?;
            }
            None => {
                row.insert(&txn).await?;
            }
        }
    }
    txn.commit().await?;
    cache.clear();
    active_fields(db).await
}

/// The form the city starts with: name, kana, address, phone, email, date of birth.
pub fn default_fields() -> Vec<FormField> {
    let field =
        |key: &str, label_ja: &str, label_en: &str, kind: FieldKind, required: bool| FormField {
            key: key.to_owned(),
            label_ja: label_ja.to_owned(),
            label_en: label_en.to_owned(),
            kind,
            required,
        };
    vec![
        field("name", "氏名", "Name", FieldKind::Text, true),
        field(
            "name_kana",
            "フリガナ",
            "Name in katakana",
            FieldKind::Katakana,
            true,
        ),
        field("address", "住所", "Address", FieldKind::Text, false),
        field("phone", "電話番号", "Phone number", FieldKind::Phone, true),
        field("email", "メールアドレス", "Email", FieldKind::Email, false),
        field(
            "birth_date",
            "生年月日",
            "Date of birth",
            FieldKind::Date,
            true,
        ),
    ]
}
