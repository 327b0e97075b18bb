//! Notices and announced maintenance windows on the citizen site (R7.5).

use chrono::{DateTime, Utc};
use madoguchi_shared::dto::notice::{Notice, NoticeInput, NoticeKind};
use madoguchi_shared::validate::validate_notice;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, EntityTrait, QueryFilter,
    QueryOrder, Set,
};

use crate::db::notice;
use crate::service::error::ServiceError;
use crate::service::stored::stored;

fn to_dto(row: notice::Model) -> Result<Notice, ServiceError> {
    Ok(Notice {
        id: row.id,
        notice: NoticeInput {
            kind: stored("notice.kind", &row.kind, NoticeKind::parse)?,
            title_ja: row.title_ja,
            title_en: row.title_en,
            body_ja: row.body_ja,
            body_en: row.body_en,
            publish_from: row.publish_from,
            publish_until: row.publish_until,
            starts_at: row.starts_at,
            ends_at: row.ends_at,
        },
    })
}

/// Notices to show at `now`: maintenance first, then the newest news. With
/// `include_unpublished`, every notice (for the staff console).
pub async fn list(
    db: &impl ConnectionTrait,
    now: DateTime<Utc>,
    include_unpublished: bool,
) -> Result<Vec<Notice>, ServiceError> {
    let mut query = notice::Entity::find()
        .order_by_desc(notice::Column::Kind)
        .order_by_desc(notice::Column::PublishFrom);
    if !include_unpublished {
        query = query.filter(notice::Column::PublishFrom.lte(now)).filter(
            Condition::any()
                .add(notice::Column::PublishUntil.is_null())
                .add(notice::Column::PublishUntil.gt(now)),
        );
    }
    query.all(db).await?.into_iter().map(to_dto).collect()
}

/// Posts (`id` None) or replaces a notice. A maintenance notice stays up until its window
/// ends unless told otherwise.
pub async fn save(
    db: &impl ConnectionTrait,
    id: Option<i64>,
    input: NoticeInput,
    now: DateTime<Utc>,
) -> Result<Notice, ServiceError> {
    validate_notice(&input).map_err(ServiceError::Validation)?;
    let publish_until = match (input.kind, input.publish_until) {
        (NoticeKind::Maintenance, None) => input.ends_at,
        (_, until) => until,
    };
    let mut row = notice::ActiveModel {
        kind: Set(input.kind.as_str().to_owned()),
        title_ja: Set(input.title_ja.trim().to_owned()),
        title_en: Set(input.title_en.trim().to_owned()),
        body_ja: Set(input.body_ja.trim().to_owned()),
        body_en: Set(input.body_en.trim().to_owned()),
        publish_from: Set(input.publish_from),
        publish_until: Set(publish_until),
        starts_at: Set(input.starts_at),
        ends_at: Set(input.ends_at),
        updated_at: Set(now),
        ..Default::default()
    };
    let saved = match id {
        Some(id) => {
            notice::Entity::find_by_id(id)
                .one(db)
                .await?
                .ok_or_else(|| ServiceError::NotFound("The notice".to_owned()))?;
            row.id = Set(id);
            row.update(db).await?
        }
        None => row.insert(db).await?,
    };
    to_dto(saved)
}

/// Removes a notice.
pub async fn delete(db: &impl ConnectionTrait, id: i64) -> Result<(), ServiceError> {
    let deleted = notice::Entity::delete_by_id(id)
        .exec(db)
        .await?
        .rows_affected;
    if deleted == 0 {
        return Err(ServiceError::NotFound("The notice".to_owned()));
    }
    Ok(())
}
