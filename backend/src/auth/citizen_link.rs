//! The citizen's way back to a booking: a token that opens one reservation, and the link
//! that carries it (in the done page and in every mail).

use chrono::{DateTime, Duration, Utc};
use madoguchi_shared::dto::reservation::{Reservation, ReservationWithAccess};

use crate::auth::TokenKeys;

/// A reservation with the token that opens it for the citizen, valid until the day after
/// the visit, and the link that carries the token.
pub fn with_access(
    tokens: &TokenKeys,
    public_url: &str,
    reservation: Reservation,
    now: DateTime<Utc>,
) -> anyhow::Result<ReservationWithAccess> {
    let visit_over = reservation
        .date
        .checked_add_days(chrono::Days::new(2))
        .and_then(|day| day.and_hms_opt(0, 0, 0))
        .and_then(|midnight| {
            midnight
                .and_local_timezone(madoguchi_shared::time::japan())
                .single()
        })
        .map(|at| at.with_timezone(&Utc))
        .unwrap_or_else(|| now + Duration::days(1));
    let valid_until = std::cmp::Ord::max(visit_over, now + Duration::hours(1));
    let access_token = tokens.issue_citizen(&reservation.number, valid_until)?;
    let manage_url = format!(
        "{public_url}/reservations/{}#token={access_token}",
        reservation.number
    );
    Ok(ReservationWithAccess {
        reservation,
        access_token,
        manage_url,
    })
}
