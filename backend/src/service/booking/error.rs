//! Why the seat ledger refused a booking or a change: the citizen or operator can act on
//! each of these (choose another band, change the existing booking, start again).

/// A refusal by the booking rules.
#[derive(Debug, thiserror::Error)]
pub enum BookingError {
    /// No seat left for the party.
    #[error("slot full")]
    SlotFull,
    /// No such band that day.
    #[error("slot not offered")]
    SlotNotOffered,
    /// Outside the booking window.
    #[error("outside the booking window: {0}")]
    OutsideBookingWindow(&'static str),
    /// The reservation cannot change any more.
    #[error("reservation not changeable")]
    ReservationNotChangeable,
    /// The idempotency key was reused with another request.
    #[error("idempotency key reused")]
    IdempotencyKeyReused,
    /// The contact has too many active reservations (their numbers, never logged).
    #[error("too many active reservations")]
    TooManyActiveReservations(Vec<String>),
    /// The hold is gone or does not match.
    #[error("hold invalid")]
    HoldInvalid,
}
