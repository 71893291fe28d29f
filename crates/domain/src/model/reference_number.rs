//! Human references of the registers (DESIGN §4): `MLD-2026-000123` (complaint), `HC-2026-000045`
//! (incident), `SUB-2026-000017` (application), numbered per municipality and year.
//!
//! The number is allocated by persistence, without gaps or duplicates; this module only says what
//! a well-formed reference is.

use std::fmt;
use std::str::FromStr;

/// The register a reference belongs to, which gives its prefix.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ReferencePrefix {
    /// `MLD`: a report or complaint ("melding").
    Complaint,
    /// `HC`: a hate-crime incident.
    Incident,
    /// `SUB`: a subsidy application.
    Application,
}

impl ReferencePrefix {
    /// Every prefix.
    pub const ALL: [Self; 3] = [Self::Complaint, Self::Incident, Self::Application];

    /// The prefix as it appears in the reference: `MLD`, `HC` or `SUB`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Complaint => "MLD",
            Self::Incident => "HC",
            Self::Application => "SUB",
        }
    }
}

impl fmt::Display for ReferencePrefix {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A human reference `PREFIX-YYYY-NNNNNN`: a four-digit year and a six-digit number from 1.
///
/// Ordered by prefix, then year, then number, so references of one register sort as allocated.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Reference {
    prefix: ReferencePrefix,
    year: i32,
    number: u32,
}

impl Reference {
    /// The first year a reference can carry.
    pub const MIN_YEAR: i32 = 1000;
    /// The last year a reference can carry (four digits).
    pub const MAX_YEAR: i32 = 9999;
    /// The highest number in a year (six digits).
    pub const MAX_NUMBER: u32 = 999_999;

    /// A reference of `prefix`'s register; the year must have four digits and the number be
    /// 1 to [`Self::MAX_NUMBER`].
    pub fn new(prefix: ReferencePrefix, year: i32, number: u32) -> Result<Self, String> {
        if !(Self::MIN_YEAR..=Self::MAX_YEAR).contains(&year) {
            return Err(format!(
                "the year of a reference has four digits, not `{year}`"
            ));
        }
        if !(1..=Self::MAX_NUMBER).contains(&number) {
            return Err(format!(
                "the number of a reference is 1 to {}, not `{number}`",
                Self::MAX_NUMBER
            ));
        }
        Ok(Self {
            prefix,
            year,
            number,
        })
    }

    /// Parses `MLD-2026-000123`, `HC-2026-000045` or `SUB-2026-000017` (any prefix).
    pub fn parse(text: &str) -> Result<Self, String> {
        let prefix = ReferencePrefix::ALL
            .into_iter()
            .find(|p| {
                text.strip_prefix(p.as_str())
                    .is_some_and(|rest| rest.starts_with('-'))
            })
            .ok_or_else(|| Self::malformed(text, None))?;
        Self::parse_as(prefix, text)
    }

    /// Parses a reference that must belong to `prefix`'s register.
    pub fn parse_as(prefix: ReferencePrefix, text: &str) -> Result<Self, String> {
        let malformed = || Self::malformed(text, Some(prefix));
        let rest = text
            .strip_prefix(prefix.as_str())
            .and_then(|rest| rest.strip_prefix('-'))
            .ok_or_else(malformed)?;
        let (year, number) = rest.split_once('-').ok_or_else(malformed)?;
        let digits = |s: &str, n: usize| s.len() == n && s.bytes().all(|b| b.is_ascii_digit());
        if !digits(year, 4) || !digits(number, 6) {
            return Err(malformed());
        }
        let year = year.parse().map_err(|_| malformed())?;
        let number = number.parse().map_err(|_| malformed())?;
        Self::new(prefix, year, number).map_err(|_| malformed())
    }

    fn malformed(text: &str, prefix: Option<ReferencePrefix>) -> String {
        let example = prefix.map_or("MLD", ReferencePrefix::as_str);
        format!(
            "`{text}` is not a reference: {example}-YYYY-NNNNNN with a four-digit year and a \
             six-digit number from 000001, e.g. {example}-2026-000123"
        )
    }

    /// The register it belongs to.
    pub fn prefix(self) -> ReferencePrefix {
        self.prefix
    }

    /// Its year, the year of receipt or creation.
    pub fn year(self) -> i32 {
        self.year
    }

    /// Its number within the municipality and year, from 1.
    pub fn number(self) -> u32 {
        self.number
    }
}

impl fmt::Display for Reference {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}-{:04}-{:06}", self.prefix, self.year, self.number)
    }
}

impl FromStr for Reference {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::parse(s)
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn references_display_zero_padded_with_their_prefix() {
        let cases = [
            (ReferencePrefix::Complaint, 2026, 123, "MLD-2026-000123"),
            (ReferencePrefix::Incident, 2026, 45, "HC-2026-000045"),
            (ReferencePrefix::Application, 2026, 17, "SUB-2026-000017"),
            (ReferencePrefix::Complaint, 1999, 999_999, "MLD-1999-999999"),
        ];
        for (prefix, year, number, text) in cases {
            let reference = Reference::new(prefix, year, number).unwrap();
            assert_eq!(reference.to_string(), text);
            assert_eq!(Reference::parse(text).unwrap(), reference);
            assert_eq!(Reference::parse_as(prefix, text).unwrap(), reference);
            assert_eq!(
                (reference.prefix(), reference.year(), reference.number()),
                (prefix, year, number)
            );
        }
    }

    #[test]
    fn out_of_range_parts_are_refused() {
        let prefix = ReferencePrefix::Complaint;
        assert!(Reference::new(prefix, 2026, 0).is_err());
        assert!(Reference::new(prefix, 2026, 1_000_000).is_err());
        assert!(Reference::new(prefix, 999, 1).is_err());
        assert!(Reference::new(prefix, 10_000, 1).is_err());
        assert!(Reference::new(prefix, -2026, 1).is_err());
    }

    #[test]
    fn malformed_references_are_refused() {
        for bad in [
            "",
            "MLD",
            "MLD-2026",
            "MLD-2026-",
            "MLD-2026-000000",
            "MLD-2026-123",
            "MLD-2026-0001234",
            "MLD-26-000123",
            "MLD-+026-000123",
            "MLD-2026-+00123",
            "mld-2026-000123",
            "MLD2026-000123",
            "MLD-2026-000123 ",
            " MLD-2026-000123",
            "XYZ-2026-000123",
            "MLDX-2026-000123",
            "MLD-2026-000123-1",
            "MLD-２０２６-000123",
        ] {
            assert!(Reference::parse(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn parse_as_refuses_another_registers_reference() {
        let error = Reference::parse_as(ReferencePrefix::Complaint, "HC-2026-000045").unwrap_err();
        assert!(error.contains("MLD-2026-000123"), "{error}");
        assert!(Reference::parse_as(ReferencePrefix::Incident, "HC-2026-000045").is_ok());
    }

    #[test]
    fn references_sort_by_register_year_and_number() {
        let parse = |s| Reference::parse(s).unwrap();
        assert!(parse("MLD-2026-000002") < parse("MLD-2026-000010"));
        assert!(parse("MLD-2025-999999") < parse("MLD-2026-000001"));
        assert_eq!(
            "MLD-2026-000123".parse::<Reference>().unwrap().number(),
            123
        );
    }
}
