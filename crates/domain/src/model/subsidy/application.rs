//! Applications (DESIGN §7): the request of `POST /api/v1/subsidy-applications` as an
//! [`ApplicationDraft`], [`NewApplication`] once every rule holds against its scheme, and
//! [`check_submission`], the rules that hold again when it is submitted.

use chrono::NaiveDate;
use uuid::Uuid;

use super::application_rules::{check_applicant, check_budget, check_project, check_requested};
use super::identifiers::{EnterpriseNumber, Iban};
use super::money::Cents;
use super::scheme::Scheme;
use crate::error::{DomainError, FieldError};
use crate::model::municipality::NisCode;
use crate::reference::{ApplicantKind, TargetGroup};

pub use super::application_rules::check_submission;

/// The longest applicant name, contact name, project title or budget line label accepted.
pub const MAX_NAME_CHARS: usize = 200;
/// The longest project summary accepted.
pub const MAX_SUMMARY_CHARS: usize = 10_000;
/// The most cost lines, and the most income lines, in a budget.
pub const MAX_BUDGET_LINES: usize = 100;

/// Whether an applicant of `kind` has an enterprise number (KBO): companies, non-profit
/// associations, schools and public bodies do; de-facto associations and citizen initiatives,
/// which have no legal personality, do not.
pub fn has_enterprise_number(kind: ApplicantKind) -> bool {
    !matches!(
        kind,
        ApplicantKind::DeFactoAssociation | ApplicantKind::CitizenInitiative
    )
}

/// The applicant as sent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApplicantDraft {
    /// Its legal form.
    pub kind: ApplicantKind,
    /// The organisation's or initiative's name.
    pub name: String,
    /// Its enterprise number, as sent (required or refused depending on `kind`).
    pub enterprise_number: Option<String>,
    /// The person to contact about the application.
    pub contact_name: String,
    /// The contact's email address.
    pub email: String,
    /// The account the subsidy is paid into, as sent.
    pub iban: String,
}

/// The project as sent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProjectDraft {
    /// Its title.
    pub title: String,
    /// What it does.
    pub summary: String,
    /// The groups it reaches.
    pub target_groups: Vec<TargetGroup>,
    /// Its first day.
    pub starts_on: NaiveDate,
    /// Its last day.
    pub ends_on: NaiveDate,
}

/// A cost or income line as sent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BudgetLineDraft {
    /// What it is for.
    pub label: String,
    /// How much, in cents.
    pub amount_cents: i64,
}

/// The project budget as sent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BudgetDraft {
    /// The costs.
    pub cost_lines: Vec<BudgetLineDraft>,
    /// The other income (own means, other subsidies, tickets).
    pub income_lines: Vec<BudgetLineDraft>,
}

/// The request of `POST /api/v1/subsidy-applications`, as the HTTP layer parsed it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApplicationDraft {
    /// The scheme applied to.
    pub scheme_id: Uuid,
    /// Who applies.
    pub applicant: ApplicantDraft,
    /// What for.
    pub project: ProjectDraft,
    /// The project budget.
    pub budget: BudgetDraft,
    /// The amount asked for, in cents.
    pub requested_cents: i64,
}

/// A checked applicant.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Applicant {
    /// Its legal form, eligible for the scheme.
    pub kind: ApplicantKind,
    /// Its name, trimmed; `None` once retention removed the name of an applicant without an
    /// enterprise number (a citizen initiative or de-facto association may bear a person's
    /// name).
    pub name: Option<String>,
    /// Its enterprise number: present exactly when [`has_enterprise_number`] its kind.
    pub enterprise_number: Option<EnterpriseNumber>,
    /// How to reach it and where to pay it; `None` once retention removed it.
    pub contact: Option<Contact>,
}

/// An applicant's contact data: personal data, removed by retention.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Contact {
    /// The contact person, trimmed.
    pub name: String,
    /// The contact's email address, trimmed.
    pub email: String,
    /// The account the subsidy is paid into.
    pub iban: Iban,
}

impl Applicant {
    /// The applicant without its contact data, and without its name when it has no
    /// enterprise number: what retention keeps.
    #[must_use]
    pub fn anonymised(self) -> Self {
        Self {
            name: self.name.filter(|_| has_enterprise_number(self.kind)),
            contact: None,
            ..self
        }
    }
}

/// A checked project.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Project {
    /// Its title, trimmed.
    pub title: String,
    /// What it does, trimmed.
    pub summary: String,
    /// The groups it reaches: at least one, each once.
    pub target_groups: Vec<TargetGroup>,
    /// Its first day.
    pub starts_on: NaiveDate,
    /// Its last day, on or after `starts_on`.
    pub ends_on: NaiveDate,
}

/// A checked cost or income line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BudgetLine {
    /// What it is for, trimmed.
    pub label: String,
    /// How much.
    pub amount: Cents,
}

/// A checked project budget: at least one cost line, every cost more than zero, and totals
/// that fit in an `i64`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Budget {
    /// The costs.
    pub cost_lines: Vec<BudgetLine>,
    /// The other income.
    pub income_lines: Vec<BudgetLine>,
}

impl Budget {
    /// The sum of the costs.
    pub fn total_costs(&self) -> Cents {
        Cents::checked_sum(self.cost_lines.iter().map(|l| l.amount)).unwrap_or(Cents::MAX)
    }

    /// The sum of the other income.
    pub fn total_income(&self) -> Cents {
        Cents::checked_sum(self.income_lines.iter().map(|l| l.amount)).unwrap_or(Cents::MAX)
    }
}

/// An application that passed every rule against its scheme; the only way to get one is
/// [`NewApplication::validate`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewApplication {
    pub(super) scheme_id: Uuid,
    pub(super) municipality: NisCode,
    pub(super) applicant: Applicant,
    pub(super) project: Project,
    pub(super) budget: Budget,
    pub(super) requested: Cents,
}

impl NewApplication {
    /// Checks `draft` against `scheme` (the one `draft.scheme_id` names) and returns every
    /// broken rule at once, each at its JSON pointer (`/applicant/iban`,
    /// `/budget/costLines/0/amountCents`, `/requestedCents`, …). Whether the scheme is open is
    /// checked at submission ([`check_submission`]), so a draft can be prepared before.
    pub fn validate(draft: ApplicationDraft, scheme: &Scheme) -> Result<Self, DomainError> {
        let mut errors = Vec::new();
        if draft.scheme_id != scheme.id {
            errors.push(FieldError::new(
                "/schemeId",
                format!("does not name the scheme {}", scheme.id),
            ));
        }
        let applicant = check_applicant(draft.applicant, scheme, &mut errors);
        let project = check_project(draft.project, &mut errors);
        let budget = check_budget(draft.budget, &mut errors);
        let requested = Cents::new(draft.requested_cents)
            .ok()
            .filter(|r| !r.is_zero());
        match (requested, &budget) {
            (None, _) => errors.push(FieldError::new(
                "/requestedCents",
                format!("must be more than 0 cents, not {}", draft.requested_cents),
            )),
            (Some(requested), Some(budget)) => {
                check_requested(requested, budget, scheme, &mut errors);
            }
            (Some(_), None) => {}
        }
        match (applicant, budget, requested) {
            (Some(applicant), Some(budget), Some(requested)) if errors.is_empty() => Ok(Self {
                scheme_id: scheme.id,
                municipality: scheme.municipality.clone(),
                applicant,
                project,
                budget,
                requested,
            }),
            _ => Err(DomainError::Validation(errors)),
        }
    }

    /// The scheme applied to.
    pub fn scheme_id(&self) -> Uuid {
        self.scheme_id
    }

    /// The scheme's municipality, which the application belongs to.
    pub fn municipality(&self) -> &NisCode {
        &self.municipality
    }

    /// The applicant, checked.
    pub fn applicant(&self) -> &Applicant {
        &self.applicant
    }

    /// The project, checked.
    pub fn project(&self) -> &Project {
        &self.project
    }

    /// The budget, checked.
    pub fn budget(&self) -> &Budget {
        &self.budget
    }

    /// The amount asked for.
    pub fn requested(&self) -> Cents {
        self.requested
    }
}
