//! The human reference of a hate-crime incident: `HC-YYYY-NNNNNN`.

use std::fmt;
use std::str::FromStr;

use crate::model::reference_number::{Reference, ReferencePrefix};

/// An incident's reference, e.g. `HC-2026-000045`: unique per municipality and year of
/// registration (the Brussels calendar year, as for complaints).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct IncidentReference(Reference);

impl IncidentReference {
    /// The reference with this year (four digits) and number (1 to 999,999).
    pub fn new(year: i32, number: u32) -> Result<Self, String> {
        Reference::new(ReferencePrefix::Incident, year, number).map(Self)
    }

    /// Parses `HC-YYYY-NNNNNN`; a complaint's or application's reference is refused.
    pub fn parse(text: &str) -> Result<Self, String> {
        Reference::parse_as(ReferencePrefix::Incident, text).map(Self)
    }

    /// The year it carries.
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

impl fmt::Display for IncidentReference {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

impl FromStr for IncidentReference {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::parse(s)
    }
}

impl From<IncidentReference> for Reference {
    fn from(reference: IncidentReference) -> Self {
        reference.0
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn incident_references_read_hc_year_number() {
        let reference = IncidentReference::new(2026, 45).unwrap();
        assert_eq!(reference.to_string(), "HC-2026-000045");
        assert_eq!(IncidentReference::parse("HC-2026-000045"), Ok(reference));
        assert_eq!((reference.year(), reference.number()), (2026, 45));
        assert_eq!(
            Reference::from(reference).prefix(),
            ReferencePrefix::Incident
        );
    }

    #[test]
    fn other_registers_references_are_not_incident_references() {
        assert!(IncidentReference::parse("MLD-2026-000123").is_err());
        assert!(IncidentReference::parse("SUB-2026-000017").is_err());
        assert!(IncidentReference::new(2026, 0).is_err());
    }
}
