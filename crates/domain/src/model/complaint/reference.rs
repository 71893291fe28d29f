//! The human reference of a report or complaint: `MLD-YYYY-NNNNNN`.

use std::fmt;
use std::str::FromStr;

use crate::model::reference_number::{Reference, ReferencePrefix};

/// A complaint's reference, e.g. `MLD-2026-000123`: unique per municipality and year of receipt.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ComplaintReference(Reference);

impl ComplaintReference {
    /// The reference with this year (four digits) and number (1 to 999,999).
    pub fn new(year: i32, number: u32) -> Result<Self, String> {
        Reference::new(ReferencePrefix::Complaint, year, number).map(Self)
    }

    /// Parses `MLD-YYYY-NNNNNN`; an incident's or application's reference is refused.
    pub fn parse(text: &str) -> Result<Self, String> {
        Reference::parse_as(ReferencePrefix::Complaint, text).map(Self)
    }

    /// The year of receipt it carries.
    pub fn year(self) -> i32 {
        self.0.year()
    }

    /// Its number within the municipality and year.
    pub fn number(self) -> u32 {
        self.0.number()
    }

    /// The generic reference it is.
    pub fn as_reference(self) -> Reference {
        self.0
    }
}

impl fmt::Display for ComplaintReference {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

impl FromStr for ComplaintReference {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::parse(s)
    }
}

impl From<ComplaintReference> for Reference {
    fn from(reference: ComplaintReference) -> Self {
        reference.0
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn complaint_references_read_mld_year_number() {
        let reference = ComplaintReference::new(2026, 123).unwrap();
        assert_eq!(reference.to_string(), "MLD-2026-000123");
        assert_eq!(ComplaintReference::parse("MLD-2026-000123"), Ok(reference));
        assert_eq!((reference.year(), reference.number()), (2026, 123));
        assert_eq!(
            Reference::from(reference).prefix(),
            ReferencePrefix::Complaint
        );
    }

    #[test]
    fn other_registers_references_are_not_complaint_references() {
        assert!(ComplaintReference::parse("HC-2026-000045").is_err());
        assert!(ComplaintReference::parse("SUB-2026-000017").is_err());
        assert!(ComplaintReference::new(2026, 0).is_err());
    }
}
