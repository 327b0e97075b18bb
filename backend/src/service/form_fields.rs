//! The form's fields as the booking reads them; the city's changes are in `forms`.

use madoguchi_shared::dto::form::{FieldKind, FormField};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};

use crate::db::form_field;
use crate::service::error::ServiceError;

/// The API view of a stored field.
pub fn to_dto(row: form_field::Model) -> Result<FormField, ServiceError> {
    Ok(FormField {
        kind: FieldKind::parse(&row.kind).ok_or_else(|| {
            ServiceError::Internal(anyhow::anyhow!("form field {} has an unknown kind", row.id))
        })?,
        key: row.key,
        label_ja: row.label_ja,
        label_en: row.label_en,
        required: row.required,
    })
}
/// The fields citizens and operators fill in, in form order.
pub async fn active_fields(db: &impl ConnectionTrait) -> Result<Vec<FormField>, ServiceError> {
    form_field::Entity::find()
        .filter(form_field::Column::Active.eq(true))
        .order_by_asc(form_field::Column::SortOrder)
        .all(db)
        .await?
        .into_iter()
        .map(to_dto)
        .collect()
}
