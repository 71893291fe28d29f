//! The reporter's tracking code: a bearer secret for the status page and the two-way messages.

use sha2::{Digest, Sha256};

/// Every code starts with this, so a leaked code is recognisable.
pub const PREFIX: &str = "trk_";
/// Random bytes in a code: 256 bits from the OS generator.
pub const RANDOM_BYTES: usize = 32;

/// A tracking code as the reporter holds it: `trk_` and 64 lowercase hex digits. Shown once,
/// stored only as its SHA-256.
#[derive(Clone, PartialEq, Eq)]
pub struct TrackingCode(String);

impl std::fmt::Debug for TrackingCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("TrackingCode(…)")
    }
}

impl TrackingCode {
    /// A code from random bytes the caller drew from the OS generator.
    pub fn from_random(bytes: [u8; RANDOM_BYTES]) -> Self {
        let hex: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
        Self(format!("{PREFIX}{hex}"))
    }

    /// Accepts a code of the right shape only.
    pub fn parse(text: &str) -> Option<Self> {
        let hex = text.strip_prefix(PREFIX)?;
        (hex.len() == RANDOM_BYTES * 2
            && hex.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f')))
        .then(|| Self(text.to_owned()))
    }

    /// Its SHA-256, the only form stored. A fast hash suffices: 256 random bits cannot be
    /// guessed.
    pub fn hash(&self) -> Vec<u8> {
        Sha256::digest(self.0.as_bytes()).to_vec()
    }

    /// The code, for the one response that shows it.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip_and_hide_in_debug() {
        let code = TrackingCode::from_random([0x5a; RANDOM_BYTES]);
        assert_eq!(code.expose().len(), 4 + 64);
        assert_eq!(TrackingCode::parse(code.expose()), Some(code.clone()));
        assert!(!format!("{code:?}").contains("5a"));
        assert_eq!(code.hash().len(), 32);
    }

    #[test]
    fn malformed_codes_are_refused() {
        let good = TrackingCode::from_random([1; RANDOM_BYTES])
            .expose()
            .to_owned();
        for bad in [
            "",
            "trk_",
            &good[1..],
            &good.to_uppercase(),
            &format!("{good}0"),
            &good.replace("trk_", "slk_"),
        ] {
            assert!(TrackingCode::parse(bad).is_none(), "{bad}");
        }
    }
}
