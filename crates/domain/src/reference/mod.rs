//! The enumerations of the service, each declared once: stable English `snake_case` codes with
//! labels in Dutch, French and English.
//!
//! Each enumeration is declared with `enumerations!` in the module of its register, which
//! generates the enum, its [`Enumeration`] impl, `Display`, `FromStr`, serde impls on the code
//! strings, and registers it in [`reference_lists`]: the HTTP layer builds the OpenAPI enums, the
//! `/api/v1/reference/{list}` endpoint and request validation from these, so declaring an
//! enumeration here is all it takes to publish it.

use std::fmt;

#[macro_use]
mod macros;

mod access;
mod complaint_handling;
mod complaint_intake;
mod grounds;
mod hate_crime;
mod subsidies;
mod webhooks;

#[cfg(test)]
mod tests;

pub use access::{PartnerKind, Role, Scope};
pub use complaint_handling::{ComplaintOutcome, ComplaintStatus, PreferredLanguage, ReferralBody};
pub use complaint_intake::{
    Channel, ComplaintContext, ComplaintKind, ComplaintLocationKind, ReporterRole,
};
pub use grounds::{Conduct, Ground};
pub use hate_crime::{
    ActionItemStatus, BiasMotivation, ConsultationStatus, CrimeType, IncidentLocationKind,
    IncidentSource, ParticipantKind, ProsecutionStatus,
};
pub use subsidies::{ApplicantKind, ApplicationStatus, FundingSource, TargetGroup};
pub use webhooks::{WebhookDeliveryStatus, WebhookEventType};

/// Labels of a code in the three languages of the service's users.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct Labels {
    /// Dutch label.
    pub nl: &'static str,
    /// French label.
    pub fr: &'static str,
    /// English label.
    pub en: &'static str,
}

/// An enumeration of stable codes with labels in Dutch, French and English.
pub trait Enumeration: Sized + Copy + Eq + fmt::Debug + 'static {
    /// The list's name in `/api/v1/reference/{list}`: kebab-case plural, e.g. `grounds`.
    const LIST: &'static str;
    /// The OpenAPI schema name, PascalCase, e.g. `Ground`.
    const SCHEMA_NAME: &'static str;
    /// One English sentence saying what the codes are (becomes the schema and list description).
    const DESCRIPTION: &'static str;
    /// Every value, in the order DESIGN.md gives them.
    const ALL: &'static [Self];

    /// The stable code of this value, as it appears in JSON.
    fn code(self) -> &'static str;

    /// The labels of this value in Dutch, French and English.
    fn labels(self) -> Labels;

    /// The value with this code, if the list has it.
    fn from_code(code: &str) -> Option<Self> {
        Self::ALL.iter().copied().find(|v| v.code() == code)
    }
}

/// One reference list as the API shows it.
#[derive(Debug, Clone, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ReferenceList {
    /// The list's name in `/api/v1/reference/{list}`.
    pub name: &'static str,
    /// The OpenAPI schema name of the enumeration.
    pub schema_name: &'static str,
    /// What the codes are, in one English sentence.
    pub description: &'static str,
    /// Every code with its labels, in the enumeration's order.
    pub entries: Vec<ReferenceEntry>,
}

/// One code of a reference list with its labels.
#[derive(Debug, Clone, Copy, serde::Serialize)]
pub struct ReferenceEntry {
    /// The stable code.
    pub code: &'static str,
    /// Its labels in Dutch, French and English.
    pub labels: Labels,
}

/// A text that is not a code of the list it was parsed for.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown code `{code}` in the `{list}` list, expected {}", AllowedCodes(.list))]
pub struct UnknownCode {
    /// The name of the list (e.g. `grounds`).
    pub list: &'static str,
    /// The text that was given.
    pub code: String,
}

/// Formats the codes of a list as serde's derive does:
/// `` `a` ``, `` `a` or `b` ``, `` one of `a`, `b`, `c` ``.
struct AllowedCodes<'a>(&'a str);

impl fmt::Display for AllowedCodes<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let codes = registrations()
            .find(|r| r.name == self.0)
            .map_or(&[][..], |r| r.codes);
        match codes {
            [] => f.write_str("no code at all"),
            [only] => write!(f, "`{only}`"),
            [first, second] => write!(f, "`{first}` or `{second}`"),
            [first, rest @ ..] => {
                write!(f, "one of `{first}`")?;
                rest.iter().try_for_each(|code| write!(f, ", `{code}`"))
            }
        }
    }
}

/// The reference list of one enumeration.
pub fn list_of<E: Enumeration>() -> ReferenceList {
    ReferenceList {
        name: E::LIST,
        schema_name: E::SCHEMA_NAME,
        description: E::DESCRIPTION,
        entries: E::ALL
            .iter()
            .map(|v| ReferenceEntry {
                code: v.code(),
                labels: v.labels(),
            })
            .collect(),
    }
}

/// Every reference list, in a stable order (by register: access, complaints, hate crime,
/// subsidies, webhooks).
pub fn reference_lists() -> Vec<ReferenceList> {
    registrations().map(|r| (r.build)()).collect()
}

/// One list by its name.
pub fn reference_list(name: &str) -> Option<ReferenceList> {
    registrations()
        .find(|r| r.name == name)
        .map(|r| (r.build)())
}

/// An enumeration as `enumerations!` registers it: enough to find it by name without building it.
struct Registration {
    name: &'static str,
    codes: &'static [&'static str],
    build: fn() -> ReferenceList,
}

/// Every registered enumeration; each register's module contributes its own `LISTS`.
fn registrations() -> impl Iterator<Item = &'static Registration> {
    [
        access::LISTS,
        complaint_intake::LISTS,
        grounds::LISTS,
        complaint_handling::LISTS,
        hate_crime::LISTS,
        subsidies::LISTS,
        webhooks::LISTS,
    ]
    .into_iter()
    .flatten()
}
