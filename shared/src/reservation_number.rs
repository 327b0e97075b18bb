//! Reservation numbers (予約番号): short, unambiguous when read out on the phone, hard to guess.
//!
//! Eight characters from an alphabet without look-alikes (no 0/O/Q/D, 1/I/L, 2/Z, 5/S, 8/B,
//! U/V), shown as `XXXX-XXXX`. 21 symbols give 21^8 ≈ 3.8 × 10^10 numbers: a guess hits one of
//! 100,000 live reservations with odds of one in 380,000, and a lookup also needs the phone
//! number or email given at booking, and is rate-limited.

/// The symbols a reservation number is made of.
pub const ALPHABET: &[u8; 21] = b"34679ACEFGHJKMNPRTWXY";

/// Characters in a number, without the hyphen.
pub const LENGTH: usize = 8;

/// Builds a number from eight random bytes, each reduced to a symbol.
///
/// Callers pass bytes from a cryptographic RNG; rejection sampling keeps every symbol
/// equally likely (bytes at or above the largest multiple of the alphabet size are skipped).
pub fn from_random_bytes(bytes: impl IntoIterator<Item = u8>) -> Option<String> {
    let limit = (256 / ALPHABET.len() * ALPHABET.len()) as u8;
    let symbols: String = bytes
        .into_iter()
        .filter(|byte| *byte < limit)
        .take(LENGTH)
        .map(|byte| char::from(ALPHABET[usize::from(byte) % ALPHABET.len()]))
        .collect();
    (symbols.len() == LENGTH).then(|| format!("{}-{}", &symbols[..4], &symbols[4..]))
}

/// Normalises what a person typed or said (lower case, spaces, missing or full-width
/// hyphen) into `XXXX-XXXX`, or `None` if it cannot be a reservation number.
pub fn normalize(input: &str) -> Option<String> {
    let symbols: String = input
        .chars()
        .filter(|c| !matches!(c, '-' | '－' | 'ー' | ' ' | '　'))
        .map(|c| c.to_ascii_uppercase())
        .collect();
    let valid = symbols.len() == LENGTH && symbols.bytes().all(|byte| ALPHABET.contains(&byte));
    valid.then(|| format!("{}-{}", &symbols[..4], &symbols[4..]))
}

/// A reservation number parsed once, where it enters (a path, a form): always in the
/// normalised `XXXX-XXXX` form, so nothing after has to normalise or check it again.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct ReservationNumber(String);

impl ReservationNumber {
    /// What a person typed or said, if it can be a reservation number (see [`normalize`]).
    pub fn parse(input: &str) -> Option<ReservationNumber> {
        normalize(input).map(ReservationNumber)
    }

    /// The number as `XXXX-XXXX`.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for ReservationNumber {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_alphabet_has_no_look_alikes() {
        for confusing in b"0O1IL2Z5S8BQDUV" {
            assert!(!ALPHABET.contains(confusing), "{}", char::from(*confusing));
        }
    }

    #[test]
    fn numbers_are_eight_symbols_with_a_hyphen() {
        let number =
            from_random_bytes((0..=255).cycle().step_by(7).take(64)).expect("enough bytes");
        assert_eq!(number.len(), 9);
        assert_eq!(&number[4..5], "-");
        assert_eq!(normalize(&number), Some(number.clone()));
    }

    #[test]
    fn too_few_usable_bytes_give_no_number() {
        assert_eq!(from_random_bytes([255; 8]), None);
    }

    #[test]
    fn typed_numbers_are_normalised() {
        assert_eq!(normalize("ack7 - 9wxy").as_deref(), Some("ACK7-9WXY"));
        assert_eq!(normalize("ACK7－9WXY").as_deref(), Some("ACK7-9WXY"));
        assert_eq!(normalize("ACK79WX"), None, "too short");
        assert_eq!(normalize("ACK7-9WX0"), None, "0 is not a symbol");
    }

    #[test]
    fn a_number_is_parsed_once_into_its_normal_form() {
        let parsed = ReservationNumber::parse("ack7 9wxy").map(|number| number.to_string());
        assert_eq!(parsed.as_deref(), Some("ACK7-9WXY"));
        assert_eq!(ReservationNumber::parse("ACK7-9WX"), None);
    }
}
