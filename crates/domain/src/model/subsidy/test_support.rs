//! Fixtures shared by the subsidy tests: one valid scheme and one valid application to it,
//! which each test breaks in one place.

use chrono::{DateTime, NaiveDate, Utc};
use uuid::Uuid;

use super::*;
use crate::error::{DomainError, FieldError};
use crate::reference::{ApplicantKind, FundingSource, TargetGroup};

pub fn instant(text: &str) -> DateTime<Utc> {
    text.parse().unwrap()
}

pub fn day(text: &str) -> NaiveDate {
    text.parse().unwrap()
}

pub fn cents(value: i64) -> Cents {
    Cents::new(value).unwrap()
}

pub fn scheme_id() -> Uuid {
    Uuid::from_u128(0x0190_0000_0000_7000_8000_0000_0000_0001)
}

pub fn criterion(code: &str, weight: i64) -> CriterionDraft {
    CriterionDraft {
        code: code.to_owned(),
        description: format!("How well the project does on {code}"),
        weight,
    }
}

/// €50,000 in all, at most €5,000 and 80 % of the costs per project, open March and April 2026;
/// every kind but `public_body` may apply.
pub fn scheme_draft() -> SchemeDraft {
    SchemeDraft {
        municipality: "36008".to_owned(),
        title: "Projectsubsidie Samenleven 2026".to_owned(),
        description: "Projects that bring residents of Izegem together.".to_owned(),
        legal_basis: "Reglement projectsubsidies, gemeenteraad 16 december 2025".to_owned(),
        funding_source: FundingSource::PlanSamenleven,
        eligible_applicants: vec![
            ApplicantKind::NonprofitAssociation,
            ApplicantKind::DeFactoAssociation,
            ApplicantKind::CitizenInitiative,
            ApplicantKind::Company,
            ApplicantKind::School,
        ],
        target_groups: vec![TargetGroup::Newcomers, TargetGroup::ChildrenAndYouth],
        budget_cents: 5_000_000,
        max_award_cents: 500_000,
        max_share_of_costs_percent: 80,
        opens_at: instant("2026-03-01T00:00:00Z"),
        closes_at: instant("2026-05-01T00:00:00Z"),
        criteria: vec![
            criterion("reach_of_target_group", 3),
            criterion("quality_of_plan", 2),
            criterion("sustainability", 1),
        ],
    }
}

pub fn scheme() -> Scheme {
    Scheme::create(NewScheme::validate(scheme_draft()).unwrap(), scheme_id())
}

pub fn line(label: &str, amount_cents: i64) -> BudgetLineDraft {
    BudgetLineDraft {
        label: label.to_owned(),
        amount_cents,
    }
}

/// A vzw asking €4,000 for €5,000 of costs with €500 of its own: every limit just met
/// (80 % of the costs is exactly €4,000).
pub fn application_draft() -> ApplicationDraft {
    ApplicationDraft {
        scheme_id: scheme_id(),
        applicant: ApplicantDraft {
            kind: ApplicantKind::NonprofitAssociation,
            name: "vzw De Brug".to_owned(),
            enterprise_number: Some("0417.497.106".to_owned()),
            contact_name: "An Peeters".to_owned(),
            email: "an@debrug.be".to_owned(),
            iban: "BE68 5390 0754 7034".to_owned(),
        },
        project: ProjectDraft {
            title: "Buddyproject nieuwkomers".to_owned(),
            summary: "Volunteers accompany newcomers during their first year.".to_owned(),
            target_groups: vec![TargetGroup::Newcomers],
            starts_on: day("2026-06-01"),
            ends_on: day("2026-12-31"),
        },
        budget: BudgetDraft {
            cost_lines: vec![line("Begeleiding", 400_000), line("Materiaal", 100_000)],
            income_lines: vec![line("Eigen inbreng", 50_000)],
        },
        requested_cents: 400_000,
    }
}

pub fn new_application() -> NewApplication {
    NewApplication::validate(application_draft(), &scheme()).unwrap()
}

pub fn application() -> Application {
    Application::create(
        new_application(),
        Uuid::from_u128(7),
        ApplicationReference::new(2026, 17).unwrap(),
        EnteredBy::Partner {
            partner_id: Uuid::from_u128(9),
        },
        instant("2026-03-10T09:00:00Z"),
    )
}

/// The field errors of a 422, or a panic.
pub fn field_errors<T: std::fmt::Debug>(result: Result<T, DomainError>) -> Vec<FieldError> {
    match result {
        Err(DomainError::Validation(errors)) => errors,
        other => panic!("expected a 422, got {other:?}"),
    }
}

/// The message of a 409 conflict, or a panic.
pub fn conflict<T: std::fmt::Debug>(result: Result<T, DomainError>) -> String {
    match result {
        Err(DomainError::Conflict(message)) => message,
        other => panic!("expected a 409, got {other:?}"),
    }
}

pub fn pointers(errors: &[FieldError]) -> Vec<&str> {
    errors.iter().map(|e| e.pointer.as_str()).collect()
}

/// The one error's pointer, asserting there is exactly one.
pub fn only_pointer(errors: &[FieldError]) -> &str {
    assert_eq!(errors.len(), 1, "{errors:?}");
    &errors[0].pointer
}
