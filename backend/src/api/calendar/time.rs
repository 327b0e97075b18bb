//! `GET /api/v1/time`

use actix_web::{get, web};
use madoguchi_shared::dto::calendar::ServerTime;
use madoguchi_shared::time::TIME_ZONE_NAME;

use crate::api::state::AppState;
use crate::api::tags;

/// The server's current time and today's date in Japan. The SPA dates its calendars by it,
/// so a phone with a wrong clock still sees the right days.
#[utoipa::path(
    tag = tags::CALENDAR,
    operation_id = "get_server_time",
    responses(
        (status = 200, description = "The server's now", body = ServerTime)
    )
)]
#[get("/time")]
pub async fn get_server_time(state: web::Data<AppState>) -> web::Json<ServerTime> {
    web::Json(ServerTime {
        now: state.clock.now(),
        today: state.clock.today(),
        time_zone: TIME_ZONE_NAME.to_owned(),
    })
}
