//! Municipalities: the tenants of the service, identified by their NIS code.

use std::fmt;

use crate::error::{DomainError, FieldError};

/// The five-digit code Statbel gives a Belgian municipality (e.g. Izegem `36008`).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct NisCode(String);

impl NisCode {
    /// Accepts exactly five ASCII digits, the first not zero (NIS codes start at 1 to 9 by province).
    pub fn parse(code: &str) -> Result<Self, String> {
        let well_formed =
            code.len() == 5 && code.bytes().all(|b| b.is_ascii_digit()) && !code.starts_with('0');
        if well_formed {
            Ok(Self(code.to_owned()))
        } else {
            Err(format!(
                "`{code}` is not a NIS code: five digits, e.g. 36008 for Izegem"
            ))
        }
    }

    /// The code as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for NisCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Calendar days a municipality gives itself to acknowledge and to resolve a complaint.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ComplaintDeadlines {
    /// Days from the day of receipt to the acknowledgement.
    pub acknowledge_days: u16,
    /// Days from the day of receipt to the resolution of a complaint (not of a report).
    pub resolve_days: u16,
}

impl ComplaintDeadlines {
    /// The longest deadline accepted, in days: two years.
    pub const MAX_DAYS: u16 = 730;

    /// Five days to acknowledge and 45 to resolve, as DESIGN §11 sets them.
    pub const DEFAULT: Self = Self {
        acknowledge_days: 5,
        resolve_days: 45,
    };

    /// Checks that both deadlines are 1 to [`Self::MAX_DAYS`] days and that resolving does
    /// not come before acknowledging.
    pub fn new(acknowledge_days: u16, resolve_days: u16) -> Result<Self, Vec<FieldError>> {
        let mut errors = Vec::new();
        for (pointer, days) in [
            ("/acknowledgeDays", acknowledge_days),
            ("/resolveDays", resolve_days),
        ] {
            if !(1..=Self::MAX_DAYS).contains(&days) {
                errors.push(FieldError::new(
                    pointer,
                    format!("must be between 1 and {} days", Self::MAX_DAYS),
                ));
            }
        }
        if errors.is_empty() && resolve_days < acknowledge_days {
            errors.push(FieldError::new(
                "/resolveDays",
                "must not be shorter than acknowledgeDays",
            ));
        }
        if errors.is_empty() {
            Ok(Self {
                acknowledge_days,
                resolve_days,
            })
        } else {
            Err(errors)
        }
    }
}

/// A municipality served by this deployment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Municipality {
    /// Its NIS code, the tenant key of every record.
    pub nis_code: NisCode,
    /// Its official name, e.g. `Izegem`.
    pub name: String,
    /// Its complaint deadlines.
    pub deadlines: ComplaintDeadlines,
    /// Bumped on every change; the ETag.
    pub version: i32,
}

/// Changes to a municipality; `None` leaves a field as it is.
#[derive(Debug, Clone, Default)]
pub struct MunicipalityChanges {
    /// A new name.
    pub name: Option<String>,
    /// New days to acknowledge.
    pub acknowledge_days: Option<u16>,
    /// New days to resolve.
    pub resolve_days: Option<u16>,
}

/// The longest municipality name accepted.
pub const MAX_NAME_CHARS: usize = 200;

/// Checks a municipality's name: 1 to [`MAX_NAME_CHARS`] characters after trimming.
pub fn check_name(name: &str) -> Result<String, FieldError> {
    let trimmed = name.trim();
    if trimmed.is_empty() || trimmed.chars().count() > MAX_NAME_CHARS {
        Err(FieldError::new(
            "/name",
            format!("must be 1 to {MAX_NAME_CHARS} characters"),
        ))
    } else {
        Ok(trimmed.to_owned())
    }
}

impl Municipality {
    /// The demo municipality that dev mode creates on first start.
    pub fn demo() -> Result<Self, DomainError> {
        Ok(Self {
            nis_code: NisCode::parse("36008").map_err(|m| DomainError::invalid("/nisCode", m))?,
            name: "Izegem".to_owned(),
            deadlines: ComplaintDeadlines::DEFAULT,
            version: 1,
        })
    }

    /// This municipality with `changes` applied, checked as a whole.
    pub fn apply(&self, changes: MunicipalityChanges) -> Result<Self, DomainError> {
        let mut errors = Vec::new();
        let name = match changes.name.as_deref().map(check_name) {
            Some(Ok(name)) => name,
            Some(Err(error)) => {
                errors.push(error);
                self.name.clone()
            }
            None => self.name.clone(),
        };
        let deadlines = ComplaintDeadlines::new(
            changes
                .acknowledge_days
                .unwrap_or(self.deadlines.acknowledge_days),
            changes.resolve_days.unwrap_or(self.deadlines.resolve_days),
        );
        match deadlines {
            Ok(deadlines) if errors.is_empty() => Ok(Self {
                nis_code: self.nis_code.clone(),
                name,
                deadlines,
                version: self.version,
            }),
            Ok(_) => Err(DomainError::Validation(errors)),
            Err(more) => {
                errors.extend(more);
                Err(DomainError::Validation(errors))
            }
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn nis_codes_are_five_digits() {
        for good in ["36008", "12025", "46021", "41011", "11001"] {
            assert!(NisCode::parse(good).is_ok(), "{good}");
        }
        for bad in [
            "",
            "3600",
            "360080",
            "3600a",
            "01234",
            " 36008",
            "３６００８",
        ] {
            assert!(NisCode::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn deadlines_must_be_positive_bounded_and_ordered() {
        assert_eq!(
            ComplaintDeadlines::new(5, 45),
            Ok(ComplaintDeadlines::DEFAULT)
        );
        let errors = ComplaintDeadlines::new(0, 800).unwrap_err();
        let pointers: Vec<_> = errors.iter().map(|e| e.pointer.as_str()).collect();
        assert_eq!(pointers, ["/acknowledgeDays", "/resolveDays"]);
        let errors = ComplaintDeadlines::new(10, 5).unwrap_err();
        assert_eq!(errors[0].pointer, "/resolveDays");
    }
}
