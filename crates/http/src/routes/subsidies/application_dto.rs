//! Request and response bodies of the subsidy applications.

use chrono::{DateTime, NaiveDate, Utc};
use samenleven_domain::model::subsidy::{
    ApplicantDraft, Application, ApplicationDraft, BudgetDraft, BudgetLine, BudgetLineDraft,
    EnteredBy, ProjectDraft, ReportDraft, TransitionRequest,
};
use samenleven_domain::reference::{ApplicantKind, ApplicationStatus, TargetGroup};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

use crate::openapi::{enum_array, enum_ref};

/// Who applies.
#[derive(Debug, Clone, Deserialize, Serialize, ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ApplicantBody {
    /// Its legal form; one the scheme accepts.
    #[schema(schema_with = enum_ref::<ApplicantKind>)]
    pub kind: ApplicantKind,
    /// The organisation's or initiative's name.
    #[schema(max_length = 200)]
    pub name: String,
    /// The Belgian enterprise number (KBO/BCE), e.g. `0417.497.106`: required for companies,
    /// non-profit associations, schools and public bodies; absent for de-facto associations
    /// and citizen initiatives.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schema(example = "0417.497.106")]
    pub enterprise_number: Option<String>,
    /// The person to contact about the application.
    #[schema(max_length = 200)]
    pub contact_name: String,
    /// The contact's email address.
    #[schema(max_length = 254)]
    pub email: String,
    /// The account the subsidy is paid into (checksum verified).
    #[schema(example = "BE68 5390 0754 7034", min_length = 15, max_length = 34)]
    pub iban: String,
}

/// What the subsidy is for.
#[derive(Debug, Clone, Deserialize, Serialize, ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ProjectBody {
    /// Its title.
    #[schema(max_length = 200)]
    pub title: String,
    /// What it does.
    #[schema(max_length = 10000)]
    pub summary: String,
    /// The groups it reaches.
    #[schema(schema_with = enum_array::<TargetGroup>)]
    pub target_groups: Vec<TargetGroup>,
    /// Its first day.
    pub starts_on: NaiveDate,
    /// Its last day.
    pub ends_on: NaiveDate,
}

/// A cost or income line.
#[derive(Debug, Clone, Deserialize, Serialize, ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct BudgetLineBody {
    /// What it is for.
    #[schema(max_length = 200)]
    pub label: String,
    /// How much, in cents.
    pub amount_cents: i64,
}

/// The project budget.
#[derive(Debug, Clone, Deserialize, Serialize, ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct BudgetBody {
    /// The costs: at least one line.
    pub cost_lines: Vec<BudgetLineBody>,
    /// The other income (own means, other subsidies, tickets).
    #[serde(default)]
    pub income_lines: Vec<BudgetLineBody>,
}

/// A subsidy application, created as a draft.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[schema(example = json!({
    "schemeId": "0192f0c1-7a1e-7b3c-9d2e-1f2a3b4c5d6e",
    "applicant": {"kind": "nonprofit_association", "name": "Vzw De Brug", "enterpriseNumber": "0417.497.106",
                  "contactName": "An Peeters", "email": "an@debrug.example", "iban": "BE68 5390 0754 7034"},
    "project": {"title": "Buurtfeest", "summary": "A neighbourhood party.", "targetGroups": ["everyone"],
                "startsOn": "2027-05-01", "endsOn": "2027-06-30"},
    "budget": {"costLines": [{"label": "Tent", "amountCents": 300000}], "incomeLines": [{"label": "Own means", "amountCents": 50000}]},
    "requestedCents": 200000
}))]
pub struct CreateApplicationRequest {
    /// The scheme applied to.
    pub scheme_id: Uuid,
    /// Who applies.
    pub applicant: ApplicantBody,
    /// What for.
    pub project: ProjectBody,
    /// The project budget.
    pub budget: BudgetBody,
    /// The amount asked for, in cents: at most the scheme's maximum award, its share of the
    /// costs, and the costs minus the other income.
    pub requested_cents: i64,
}

fn lines(lines: Vec<BudgetLineBody>) -> Vec<BudgetLineDraft> {
    lines
        .into_iter()
        .map(|l| BudgetLineDraft {
            label: l.label,
            amount_cents: l.amount_cents,
        })
        .collect()
}

impl From<ApplicantBody> for ApplicantDraft {
    fn from(a: ApplicantBody) -> Self {
        Self {
            kind: a.kind,
            name: a.name,
            enterprise_number: a.enterprise_number,
            contact_name: a.contact_name,
            email: a.email,
            iban: a.iban,
        }
    }
}

impl From<ProjectBody> for ProjectDraft {
    fn from(p: ProjectBody) -> Self {
        Self {
            title: p.title,
            summary: p.summary,
            target_groups: p.target_groups,
            starts_on: p.starts_on,
            ends_on: p.ends_on,
        }
    }
}

impl From<BudgetBody> for BudgetDraft {
    fn from(b: BudgetBody) -> Self {
        Self {
            cost_lines: lines(b.cost_lines),
            income_lines: lines(b.income_lines),
        }
    }
}

impl From<CreateApplicationRequest> for ApplicationDraft {
    fn from(r: CreateApplicationRequest) -> Self {
        Self {
            scheme_id: r.scheme_id,
            applicant: r.applicant.into(),
            project: r.project.into(),
            budget: r.budget.into(),
            requested_cents: r.requested_cents,
        }
    }
}

/// A change of an application (JSON merge patch at the top level: a member sent replaces the
/// whole `applicant`, `project` or `budget`). Only in `draft` and `needs_information` (else 409).
#[derive(Debug, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct UpdateApplicationRequest {
    /// Who applies.
    pub applicant: Option<ApplicantBody>,
    /// What for.
    pub project: Option<ProjectBody>,
    /// The project budget.
    pub budget: Option<BudgetBody>,
    /// The amount asked for, in cents.
    pub requested_cents: Option<i64>,
}

impl UpdateApplicationRequest {
    /// `current` with the members sent replacing its own.
    pub fn merge_into(self, mut current: ApplicationDraft) -> ApplicationDraft {
        if let Some(a) = self.applicant {
            current.applicant = a.into();
        }
        if let Some(p) = self.project {
            current.project = p.into();
        }
        if let Some(b) = self.budget {
            current.budget = b.into();
        }
        if let Some(r) = self.requested_cents {
            current.requested_cents = r;
        }
        current
    }
}

/// The final report sent with `advance_paid → report_submitted`.
#[derive(Debug, Clone, Deserialize, Serialize, ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ReportBody {
    /// What the project did.
    #[schema(max_length = 10000)]
    pub summary: String,
    /// What it actually cost, in cents.
    pub actual_costs_cents: i64,
    /// What other income it actually had, in cents.
    pub actual_income_cents: i64,
}

/// A transition of an application (DESIGN §11). Applicant: `draft → submitted`,
/// `needs_information → in_review`, `advance_paid → report_submitted` (`report`), and
/// `withdrawn` before a decision. Officer: `submitted → in_review`, `in_review →
/// needs_information` (`reason`), `in_review → approved` (`awardedCents` ≤ requested,
/// `decisionReference`, `decidedOn`), `in_review → rejected` (`reason`), `approved →
/// advance_paid` (`amountCents` ≤ awarded), `report_submitted → settled` (`amountCents`: the
/// balance paid) or `→ reclaimed` (`amountCents` to recover).
#[derive(Debug, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[schema(example = json!({"to": "approved", "awardedCents": 200000, "decisionReference": "CBS-2027-041", "decidedOn": "2027-04-15"}))]
pub struct ApplicationTransitionRequest {
    /// The status to go to.
    #[schema(schema_with = enum_ref::<ApplicationStatus>)]
    pub to: ApplicationStatus,
    /// The amount awarded (approval).
    pub awarded_cents: Option<i64>,
    /// The decision's reference (approval).
    #[schema(max_length = 100)]
    pub decision_reference: Option<String>,
    /// The day of the decision (approval).
    pub decided_on: Option<NaiveDate>,
    /// The amount paid (`advance_paid`, `settled`) or to recover (`reclaimed`).
    pub amount_cents: Option<i64>,
    /// The final report (`report_submitted`).
    pub report: Option<ReportBody>,
    /// Why (required for `needs_information` and `rejected`).
    #[schema(max_length = 2000)]
    pub reason: Option<String>,
}

impl From<ApplicationTransitionRequest> for TransitionRequest {
    fn from(r: ApplicationTransitionRequest) -> Self {
        Self {
            to: r.to,
            awarded_cents: r.awarded_cents,
            decision_reference: r.decision_reference,
            decided_on: r.decided_on,
            amount_cents: r.amount_cents,
            report: r.report.map(|r| ReportDraft {
                summary: r.summary,
                actual_costs_cents: r.actual_costs_cents,
                actual_income_cents: r.actual_income_cents,
            }),
            reason: r.reason,
        }
    }
}

/// Who applies, as stored. Retention removes the contact data of a rejected, withdrawn or
/// settled application after its period, and the name of an applicant without an enterprise
/// number: those members are then `null`.
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct ApplicantView {
    /// Its legal form.
    #[schema(schema_with = enum_ref::<ApplicantKind>)]
    pub kind: ApplicantKind,
    /// The organisation's or initiative's name.
    pub name: Option<String>,
    /// The enterprise number as its ten digits, for organisations.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(example = "0417497106")]
    pub enterprise_number: Option<String>,
    /// The person to contact about the application.
    pub contact_name: Option<String>,
    /// The contact's email address.
    pub email: Option<String>,
    /// The account the subsidy is paid into, compact.
    #[schema(example = "BE68539007547034")]
    pub iban: Option<String>,
}

/// A subsidy application.
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct ApplicationView {
    /// Its id.
    pub id: Uuid,
    /// Its reference, e.g. `SUB-2026-000017`.
    #[schema(example = "SUB-2026-000017")]
    pub reference: String,
    /// The scheme applied to.
    pub scheme_id: Uuid,
    /// The scheme's municipality.
    pub municipality: String,
    /// Where it is in its lifecycle.
    #[schema(schema_with = enum_ref::<ApplicationStatus>)]
    pub status: ApplicationStatus,
    /// Who applies (enterprise number as its ten digits, IBAN compact).
    pub applicant: ApplicantView,
    /// What for.
    pub project: ProjectBody,
    /// The project budget.
    pub budget: BudgetBody,
    /// The amount asked for, in cents.
    pub requested_cents: i64,
    /// The amount awarded, once approved.
    pub awarded_cents: Option<i64>,
    /// The decision's reference, once approved.
    pub decision_reference: Option<String>,
    /// The day of the decision, once approved.
    pub decided_on: Option<NaiveDate>,
    /// The total paid out (advance and balance), in cents.
    pub paid_cents: i64,
    /// The amount to recover, once reclaimed.
    pub reclaimed_cents: Option<i64>,
    /// The final report, once submitted.
    pub report: Option<ReportBody>,
    /// When it was created.
    pub created_at: DateTime<Utc>,
    /// When it was (last) submitted.
    pub submitted_at: Option<DateTime<Utc>>,
    /// Whether an officer entered it at the counter.
    pub entered_at_counter: bool,
    /// The version, as in the ETag.
    pub version: i32,
}

fn line_bodies(lines: Vec<BudgetLine>) -> Vec<BudgetLineBody> {
    lines
        .into_iter()
        .map(|l| BudgetLineBody {
            label: l.label,
            amount_cents: l.amount.get(),
        })
        .collect()
}

impl From<Application> for ApplicationView {
    fn from(a: Application) -> Self {
        Self {
            id: a.id,
            reference: a.reference.to_string(),
            scheme_id: a.scheme_id,
            municipality: a.municipality.to_string(),
            status: a.status,
            applicant: ApplicantView {
                kind: a.applicant.kind,
                name: a.applicant.name,
                enterprise_number: a
                    .applicant
                    .enterprise_number
                    .map(|n| n.as_digits().to_owned()),
                contact_name: a.applicant.contact.as_ref().map(|c| c.name.clone()),
                email: a.applicant.contact.as_ref().map(|c| c.email.clone()),
                iban: a.applicant.contact.map(|c| c.iban.as_str().to_owned()),
            },
            project: ProjectBody {
                title: a.project.title,
                summary: a.project.summary,
                target_groups: a.project.target_groups,
                starts_on: a.project.starts_on,
                ends_on: a.project.ends_on,
            },
            budget: BudgetBody {
                cost_lines: line_bodies(a.budget.cost_lines),
                income_lines: line_bodies(a.budget.income_lines),
            },
            requested_cents: a.requested_cents.get(),
            awarded_cents: a.awarded_cents.map(|c| c.get()),
            decision_reference: a.decision_reference,
            decided_on: a.decided_on,
            paid_cents: a.paid_cents.get(),
            reclaimed_cents: a.reclaimed_cents.map(|c| c.get()),
            report: a.report.map(|r| ReportBody {
                summary: r.summary,
                actual_costs_cents: r.actual_costs.get(),
                actual_income_cents: r.actual_income.get(),
            }),
            created_at: a.created_at,
            submitted_at: a.submitted_at,
            entered_at_counter: matches!(a.entered_by, EnteredBy::Staff { .. }),
            version: a.version,
        }
    }
}
