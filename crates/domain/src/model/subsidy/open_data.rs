//! Awards as open data in the 360Giving shape (DESIGN §7): organisations by their enterprise
//! number, and, like the Flemish subsidy register, no natural person ever named.

use super::identifiers::EnterpriseNumber;
use crate::reference::ApplicantKind;

/// The org-id.guide prefix of the Belgian Crossroads Bank for Enterprises.
pub const ORG_ID_PREFIX: &str = "BE-BCE_KBO-";

/// The 360Giving organisation id of an enterprise: `BE-BCE_KBO-0417497106`.
pub fn org_id(number: &EnterpriseNumber) -> String {
    format!("{ORG_ID_PREFIX}{}", number.as_digits())
}

/// The recipient's name as published: `None` for a citizen initiative or a de-facto
/// association, whose name may be that of a person, so that no natural person is ever named.
pub fn recipient_name(kind: ApplicantKind, name: &str) -> Option<&str> {
    match kind {
        ApplicantKind::CitizenInitiative | ApplicantKind::DeFactoAssociation => None,
        ApplicantKind::NonprofitAssociation
        | ApplicantKind::Company
        | ApplicantKind::School
        | ApplicantKind::PublicBody => Some(name),
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::reference::Enumeration;

    #[test]
    fn organisation_ids_carry_the_ten_digits_of_the_enterprise_number() {
        let number = EnterpriseNumber::parse("BE 0417.497.106").unwrap();
        assert_eq!(org_id(&number), "BE-BCE_KBO-0417497106");
        let number = EnterpriseNumber::parse("0203.201.340").unwrap();
        assert_eq!(org_id(&number), "BE-BCE_KBO-0203201340");
    }

    #[test]
    fn citizen_initiatives_and_de_facto_associations_are_never_named() {
        for &kind in ApplicantKind::ALL {
            let expected = match kind {
                ApplicantKind::CitizenInitiative | ApplicantKind::DeFactoAssociation => None,
                _ => Some("Vzw De Brug"),
            };
            assert_eq!(recipient_name(kind, "Vzw De Brug"), expected, "{kind}");
        }
    }
}
