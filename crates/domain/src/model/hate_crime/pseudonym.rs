//! Police report numbers ("PV") and prosecutor's file numbers ("notitienummer") are never
//! stored: only a keyed hash of the normalised number (DESIGN §6), so that the same incident
//! reported twice is recognised without keeping the number.
//!
//! [`PoliceReference`] normalises the number (`GE.55.L1.012345/2026` and `ge55l1012345-2026`
//! are the same number) and never shows it: it has no `Display`, its `Debug` hides the value and
//! its error messages never repeat the input. [`pseudonymise`] computes
//! HMAC-SHA256(key, `kind ":" normalised`); the kind keeps a PV and a notitienummer with the same
//! text apart.

use std::fmt;

use hmac::{Hmac, Mac};
use sha2::Sha256;

/// A keyed hash of a normalised reference, as stored.
pub type ReferenceHash = [u8; 32];

/// Which official number a reference is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ReferenceKind {
    /// The police report number ("proces-verbaal", `policeReference`).
    Police,
    /// The prosecutor's file number ("notitienummer", `prosecutorReference`).
    Prosecutor,
}

impl ReferenceKind {
    /// The text hashed before the number: `police` or `prosecutor`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Police => "police",
            Self::Prosecutor => "prosecutor",
        }
    }
}

/// A police report number or a prosecutor's file number, normalised: upper case, without
/// whitespace, dots, slashes and dashes; 1 to 64 ASCII letters and digits. Never displayed.
#[derive(Clone, PartialEq, Eq)]
pub struct PoliceReference(String);

impl PoliceReference {
    /// The most characters a normalised reference has.
    pub const MAX_CHARS: usize = 64;

    /// Normalises `raw` (trims, upper-cases, removes whitespace, `.`, `/` and `-`) and checks
    /// that 1 to [`Self::MAX_CHARS`] ASCII letters and digits remain. The error never repeats
    /// the input.
    pub fn parse(raw: &str) -> Result<Self, String> {
        let normalised: String = raw
            .chars()
            .filter(|c| !(c.is_whitespace() || matches!(c, '.' | '/' | '-')))
            .map(|c| c.to_ascii_uppercase())
            .collect();
        if normalised.is_empty() {
            return Err(
                "must contain letters or digits; spaces, dots, slashes and dashes are ignored"
                    .to_owned(),
            );
        }
        if !normalised.chars().all(|c| c.is_ascii_alphanumeric()) {
            return Err(
                "must consist of letters A-Z and digits; spaces, dots, slashes and dashes are \
                 ignored, other characters are refused"
                    .to_owned(),
            );
        }
        let count = normalised.chars().count();
        if count > Self::MAX_CHARS {
            return Err(format!(
                "must have at most {} letters and digits once spaces, dots, slashes and dashes \
                 are removed, not {count}",
                Self::MAX_CHARS
            ));
        }
        Ok(Self(normalised))
    }
}

impl fmt::Debug for PoliceReference {
    /// `PoliceReference(…)`: the number stays out of logs and panic messages.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("PoliceReference(…)")
    }
}

/// HMAC-SHA256 under `key` of `kind ":" reference` (the normalised text): what is stored and
/// compared instead of the number.
pub fn pseudonymise(key: &[u8], kind: ReferenceKind, reference: &PoliceReference) -> ReferenceHash {
    let mut mac = match <Hmac<Sha256> as Mac>::new_from_slice(key) {
        Ok(mac) => mac,
        // HMAC takes keys of any length: hmac 0.12 never returns this error for it.
        Err(_) => unreachable!("HMAC-SHA256 accepts a key of any length"),
    };
    mac.update(kind.as_str().as_bytes());
    mac.update(b":");
    mac.update(reference.0.as_bytes());
    mac.finalize().into_bytes().into()
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn hex(bytes: &[u8]) -> String {
        bytes.iter().map(|b| format!("{b:02x}")).collect()
    }

    fn normalised(raw: &str) -> String {
        PoliceReference::parse(raw).unwrap().0
    }

    #[test]
    fn notations_of_one_number_normalise_alike() {
        for raw in [
            "GE.55.L1.012345/2026",
            "ge55l1012345-2026",
            "  GE 55 L1 012345 / 2026 ",
            "GE-55-L1-012345-2026",
            "ge.55.l1.012345/2026\t",
        ] {
            assert_eq!(normalised(raw), "GE55L10123452026", "{raw:?}");
        }
    }

    #[test]
    fn empty_long_or_odd_references_are_refused() {
        for bad in ["", "   ", "./-", " . / - "] {
            assert!(PoliceReference::parse(bad).is_err(), "{bad:?}");
        }
        for bad in ["GE_55", "GE55#1", "GÉ55", "GE55:1", "GE55,1", "ＧＥ55"] {
            assert!(PoliceReference::parse(bad).is_err(), "{bad:?}");
        }
        let max = "A".repeat(64);
        assert!(PoliceReference::parse(&max).is_ok());
        assert!(PoliceReference::parse(&format!("{max}.")).is_ok());
        assert!(PoliceReference::parse(&format!("{max}1")).is_err());
    }

    #[test]
    fn errors_and_debug_never_show_the_number() {
        for bad in ["SECRET_1", &"SECRET".repeat(20), "SECRET#"] {
            let error = PoliceReference::parse(bad).unwrap_err();
            assert!(!error.contains("SECRET"), "{error}");
        }
        let reference = PoliceReference::parse("SECRET123").unwrap();
        assert_eq!(format!("{reference:?}"), "PoliceReference(…)");
        assert_eq!(
            format!("{:?}", Some(&reference)),
            "Some(PoliceReference(…))"
        );
    }

    #[test]
    fn pseudonyms_are_hmac_sha256_of_kind_and_number() {
        // Vectors computed independently with Python's hmac and hashlib.
        let reference = PoliceReference::parse("GE.55.L1.012345/2026").unwrap();
        assert_eq!(
            hex(&pseudonymise(
                b"test-key",
                ReferenceKind::Police,
                &reference
            )),
            "aa633ad729dc0d10276d732c4391a0adcbabc3c0d90f6f908c7379944e3d06f4"
        );
        assert_eq!(
            hex(&pseudonymise(
                b"test-key",
                ReferenceKind::Prosecutor,
                &reference
            )),
            "80aa1db524d6ef1ffcbbe8f1d305cebf8a401f68eb6895850b74994a945d80b2"
        );
        let short = PoliceReference::parse("ab-123").unwrap();
        assert_eq!(
            hex(&pseudonymise(b"key", ReferenceKind::Police, &short)),
            "abc3c0e783fa9cc8fbd7ae82bcc8be80d87725f2e66c903fd19c3e739911df54"
        );
    }

    #[test]
    fn the_same_number_in_another_notation_gets_the_same_pseudonym() {
        let a = PoliceReference::parse("GE.55.L1.012345/2026").unwrap();
        let b = PoliceReference::parse("ge55l1012345-2026").unwrap();
        let kind = ReferenceKind::Police;
        assert_eq!(pseudonymise(b"k", kind, &a), pseudonymise(b"k", kind, &b));
    }

    #[test]
    fn the_kind_and_the_key_change_the_pseudonym() {
        let reference = PoliceReference::parse("AB123").unwrap();
        let police = pseudonymise(b"k", ReferenceKind::Police, &reference);
        assert_ne!(
            police,
            pseudonymise(b"k", ReferenceKind::Prosecutor, &reference)
        );
        assert_ne!(
            police,
            pseudonymise(b"other", ReferenceKind::Police, &reference)
        );
        let empty_key = pseudonymise(b"", ReferenceKind::Police, &reference);
        assert_ne!(police, empty_key);
    }
}
