//! Subsidy applications in `subsidy_applications`. Every change commits with its timeline
//! event; an approval locks its scheme's row first, so that concurrent approvals (from any
//! number of service instances) are checked against the budget one after the other.

use chrono::{DateTime, Utc};
use samenleven_domain::DomainError;
use samenleven_domain::access::ListScope;
use samenleven_domain::model::complaint::reference_year;
use samenleven_domain::model::municipality::NisCode;
use samenleven_domain::model::reference_number::ReferencePrefix;
use samenleven_domain::model::subsidy::{
    Applicant, Application, ApplicationReference, Budget, BudgetLine, Cents, Contact, EnteredBy,
    EnterpriseNumber, FinalReport, Iban, NewApplication, Project, check_award_fits,
    remaining_budget,
};
use samenleven_domain::model::webhook::Subject;
use samenleven_domain::reference::{ApplicantKind, ApplicationStatus, Enumeration};
use samenleven_domain::timeline::{NewEvent, Register};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect, Set, TransactionTrait,
};
use serde_json::{Value, json};
use uuid::Uuid;

use super::shared::{IdempotencyRecord, allocate_reference, record_change, remember_keyed};
use super::subsidy_scheme::{awarded_codes, cents, codes, money_of, parse_codes};
use super::{corrupt, internal, within_scope};
use crate::entity::{subsidy_application as row, subsidy_scheme};
use crate::reader::Reader;

/// What an application list is filtered on, besides the caller's scope.
#[derive(Debug, Clone, Default)]
pub struct ApplicationFilter {
    /// Only of this scheme.
    pub scheme: Option<Uuid>,
    /// Only in this status.
    pub status: Option<ApplicationStatus>,
    /// Only the one with this reference.
    pub reference: Option<String>,
}

/// An approval refused because the award does not fit what the scheme has left.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OverBudget {
    /// What the scheme can still award.
    pub remaining: Cents,
    /// The sentence for the problem's detail.
    pub detail: String,
}

/// The application repository on a sea-orm connection.
#[derive(Debug, Clone)]
pub struct ApplicationStore {
    db: DatabaseConnection,
    /// Reads outside a transaction; the same pool as `db` unless given one.
    reader: Reader,
}

fn lines_json(lines: &[BudgetLine]) -> Value {
    lines
        .iter()
        .map(|l| json!({"label": l.label, "amountCents": l.amount.get()}))
        .collect()
}

fn parse_lines(value: &Value) -> Result<Vec<BudgetLine>, DomainError> {
    let bad = || corrupt("subsidy application", "budget");
    value
        .as_array()
        .ok_or_else(bad)?
        .iter()
        .map(|l| {
            Ok(BudgetLine {
                label: l["label"].as_str().ok_or_else(bad)?.to_owned(),
                amount: cents(l["amountCents"].as_i64().ok_or_else(bad)?, "budget")?,
            })
        })
        .collect()
}

fn project_json(p: &Project) -> Value {
    json!({
        "title": p.title,
        "summary": p.summary,
        "targetGroups": codes(&p.target_groups),
        "startsOn": p.starts_on,
        "endsOn": p.ends_on,
    })
}

fn parse_project(v: &Value) -> Result<Project, DomainError> {
    let bad = || corrupt("subsidy application", "project");
    let day = |member: &str| {
        v[member]
            .as_str()
            .and_then(|d| d.parse().ok())
            .ok_or_else(bad)
    };
    Ok(Project {
        title: v["title"].as_str().ok_or_else(bad)?.to_owned(),
        summary: v["summary"].as_str().ok_or_else(bad)?.to_owned(),
        target_groups: parse_codes(&v["targetGroups"], "target groups")?,
        starts_on: day("startsOn")?,
        ends_on: day("endsOn")?,
    })
}

fn report_json(r: &FinalReport) -> Value {
    json!({
        "summary": r.summary,
        "actualCostsCents": r.actual_costs.get(),
        "actualIncomeCents": r.actual_income.get(),
    })
}

fn parse_report(v: &Value) -> Result<FinalReport, DomainError> {
    let bad = || corrupt("subsidy application", "report");
    Ok(FinalReport {
        summary: v["summary"].as_str().ok_or_else(bad)?.to_owned(),
        actual_costs: cents(v["actualCostsCents"].as_i64().ok_or_else(bad)?, "report")?,
        actual_income: cents(v["actualIncomeCents"].as_i64().ok_or_else(bad)?, "report")?,
    })
}

impl TryFrom<row::Model> for Application {
    type Error = DomainError;

    fn try_from(m: row::Model) -> Result<Self, DomainError> {
        let bad = |what| corrupt("subsidy application", what);
        let entered_by = match (m.submitted_by_partner, m.created_by) {
            (Some(partner_id), _) => EnteredBy::Partner { partner_id },
            (None, Some(subject)) => EnteredBy::Staff { subject },
            (None, None) => return Err(bad("creator")),
        };
        Ok(Application {
            id: m.id,
            reference: ApplicationReference::parse(&m.reference).map_err(|_| bad("reference"))?,
            scheme_id: m.scheme_id,
            municipality: NisCode::parse(&m.municipality).map_err(|_| bad("municipality"))?,
            status: ApplicationStatus::from_code(&m.status).ok_or_else(|| bad("status"))?,
            applicant: Applicant {
                kind: ApplicantKind::from_code(&m.applicant_kind).ok_or_else(|| bad("kind"))?,
                name: m.applicant_name,
                enterprise_number: m
                    .enterprise_number
                    .as_deref()
                    .map(EnterpriseNumber::parse)
                    .transpose()
                    .map_err(|_| bad("enterprise number"))?,
                contact: match (m.contact_name, m.email, m.iban) {
                    (Some(name), Some(email), Some(iban)) => Some(Contact {
                        name,
                        email,
                        iban: Iban::parse(&iban).map_err(|_| bad("iban"))?,
                    }),
                    (None, None, None) => None,
                    _ => return Err(bad("contact")),
                },
            },
            project: parse_project(&m.project)?,
            budget: Budget {
                cost_lines: parse_lines(&m.budget["costLines"])?,
                income_lines: parse_lines(&m.budget["incomeLines"])?,
            },
            requested_cents: cents(m.requested_cents, "requested amount")?,
            entered_by,
            created_at: m.created_at,
            submitted_at: m.submitted_at,
            awarded_cents: m.awarded_cents.map(|a| cents(a, "award")).transpose()?,
            decision_reference: m.decision_reference,
            decided_on: m.decided_on,
            paid_cents: cents(m.paid_cents, "payment")?,
            reclaimed_cents: m.reclaim_cents.map(|a| cents(a, "reclaim")).transpose()?,
            report: m.report.as_ref().map(parse_report).transpose()?,
            version: m.version,
        })
    }
}

pub(crate) fn to_row(a: &Application, now: DateTime<Utc>) -> row::ActiveModel {
    let (partner, staff) = match &a.entered_by {
        EnteredBy::Partner { partner_id } => (Some(*partner_id), None),
        EnteredBy::Staff { subject } => (None, Some(subject.clone())),
    };
    row::ActiveModel {
        id: Set(a.id),
        reference: Set(a.reference.to_string()),
        municipality: Set(a.municipality.to_string()),
        scheme_id: Set(a.scheme_id),
        status: Set(a.status.code().to_owned()),
        applicant_kind: Set(a.applicant.kind.code().to_owned()),
        applicant_name: Set(a.applicant.name.clone()),
        enterprise_number: Set(a
            .applicant
            .enterprise_number
            .as_ref()
            .map(|n| n.as_digits().to_owned())),
        contact_name: Set(a.applicant.contact.as_ref().map(|c| c.name.clone())),
        email: Set(a.applicant.contact.as_ref().map(|c| c.email.clone())),
        iban: Set(a
            .applicant
            .contact
            .as_ref()
            .map(|c| c.iban.as_str().to_owned())),
        project: Set(project_json(&a.project)),
        budget: Set(json!({
            "costLines": lines_json(&a.budget.cost_lines),
            "incomeLines": lines_json(&a.budget.income_lines),
        })),
        requested_cents: Set(a.requested_cents.get()),
        awarded_cents: Set(a.awarded_cents.map(Cents::get)),
        decision_reference: Set(a.decision_reference.clone()),
        decided_on: Set(a.decided_on),
        paid_cents: Set(a.paid_cents.get()),
        reclaim_cents: Set(a.reclaimed_cents.map(Cents::get)),
        report: Set(a.report.as_ref().map(report_json)),
        submitted_at: Set(a.submitted_at),
        submitted_by_partner: Set(partner),
        created_by: Set(staff),
        version: Set(a.version),
        created_at: Set(a.created_at),
        updated_at: Set(now),
    }
}

impl ApplicationStore {
    /// The connection.
    pub fn connection(&self) -> &DatabaseConnection {
        &self.db
    }

    /// The connection for reads outside a transaction.
    pub(crate) fn reader(&self) -> &Reader {
        &self.reader
    }

    /// A repository on `db`.
    pub fn new(db: DatabaseConnection) -> Self {
        Self {
            reader: Reader::from(db.clone()),
            db,
        }
    }

    /// The repository reading (outside transactions) from `reader`.
    pub fn with_reader(mut self, reader: Reader) -> Self {
        self.reader = reader;
        self
    }

    /// Stores `new` as a draft in one transaction: numbers it, stores it, appends `created` to
    /// its timeline and remembers the response under the idempotency key, if any.
    pub async fn create(
        &self,
        new: NewApplication,
        entered_by: EnteredBy,
        actor: &str,
        keyed: Option<(IdempotencyRecord, Vec<u8>)>,
        respond: impl FnOnce(&Application) -> Result<(u16, String), DomainError>,
    ) -> Result<Application, DomainError> {
        let now = Utc::now();
        let year = reference_year(now);
        let tx = self.db.begin().await.map_err(internal)?;
        let number =
            allocate_reference(&tx, ReferencePrefix::Application, new.municipality(), year).await?;
        let reference =
            ApplicationReference::new(year, number.number()).map_err(DomainError::Conflict)?;
        let application = Application::create(new, Uuid::now_v7(), reference, entered_by, now);
        to_row(&application, now)
            .insert(&tx)
            .await
            .map_err(internal)?;
        let event = NewEvent::new(actor, "created").status("", application.status.code());
        record_change(
            &tx,
            Register::Application,
            &subject(&application),
            event,
            now,
        )
        .await?;
        remember_keyed(&tx, keyed, &application, respond, now).await?;
        tx.commit().await.map_err(internal)?;
        Ok(application)
    }

    /// The application with this id.
    pub async fn find(&self, id: Uuid) -> Result<Option<Application>, DomainError> {
        row::Entity::find_by_id(id)
            .one(&self.reader)
            .await
            .map_err(internal)?
            .map(Application::try_from)
            .transpose()
    }

    /// Up to `limit` applications within `scope` matching `filter`, newest first, older than
    /// `before`.
    pub async fn list(
        &self,
        scope: &ListScope,
        filter: &ApplicationFilter,
        before: Option<Uuid>,
        limit: u64,
    ) -> Result<Vec<Application>, DomainError> {
        let mut condition = within_scope(
            scope,
            None,
            row::Column::Municipality,
            row::Column::SubmittedByPartner,
        );
        if let Some(scheme) = filter.scheme {
            condition = condition.add(row::Column::SchemeId.eq(scheme));
        }
        if let Some(status) = filter.status {
            condition = condition.add(row::Column::Status.eq(status.code()));
        }
        if let Some(reference) = &filter.reference {
            condition = condition.add(row::Column::Reference.eq(reference.as_str()));
        }
        if let Some(before) = before {
            condition = condition.add(row::Column::Id.lt(before));
        }
        row::Entity::find()
            .filter(condition)
            .order_by_desc(row::Column::Id)
            .limit(limit)
            .all(&self.reader)
            .await
            .map_err(internal)?
            .into_iter()
            .map(Application::try_from)
            .collect()
    }

    /// The applications of `scheme` in one of `statuses` (all of them when empty), oldest first.
    pub async fn of_scheme(
        &self,
        scheme: Uuid,
        awarded_only: bool,
    ) -> Result<Vec<Application>, DomainError> {
        let mut query = row::Entity::find().filter(row::Column::SchemeId.eq(scheme));
        if awarded_only {
            query = query.filter(row::Column::Status.is_in(awarded_codes()));
        }
        query
            .order_by_asc(row::Column::Id)
            .all(&self.reader)
            .await
            .map_err(internal)?
            .into_iter()
            .map(Application::try_from)
            .collect()
    }

    /// Every application approved or later, oldest first, up to `limit`: the open-data awards.
    pub async fn awarded(&self, limit: u64) -> Result<Vec<Application>, DomainError> {
        row::Entity::find()
            .filter(row::Column::Status.is_in(awarded_codes()))
            .order_by_asc(row::Column::Id)
            .limit(limit)
            .all(&self.reader)
            .await
            .map_err(internal)?
            .into_iter()
            .map(Application::try_from)
            .collect()
    }

    /// Stores `next` (a revision or a transition of the stored version `next.version`) with
    /// `event`, in one transaction. With `approval`, the scheme's row is locked first and the
    /// award checked against what the scheme still has: `Ok(Err(OverBudget))` when it does not
    /// fit. A submission locks the scheme's money for good.
    pub async fn save(
        &self,
        next: &Application,
        event: NewEvent,
        approval: bool,
    ) -> Result<Result<Application, OverBudget>, DomainError> {
        let now = Utc::now();
        let tx = self.db.begin().await.map_err(internal)?;
        if approval {
            // The row lock (PostgreSQL) or the write lock (SQLite) is held until commit, so the
            // sum below cannot change under us.
            let locked = subsidy_scheme::Entity::update_many()
                .col_expr(
                    subsidy_scheme::Column::Version,
                    Expr::col(subsidy_scheme::Column::Version),
                )
                .filter(subsidy_scheme::Column::Id.eq(next.scheme_id))
                .exec(&tx)
                .await
                .map_err(internal)?;
            if locked.rows_affected == 0 {
                return Err(corrupt("subsidy application", "scheme"));
            }
            let budget: i64 = subsidy_scheme::Entity::find_by_id(next.scheme_id)
                .select_only()
                .column(subsidy_scheme::Column::BudgetCents)
                .into_tuple()
                .one(&tx)
                .await
                .map_err(internal)?
                .ok_or_else(|| corrupt("subsidy application", "scheme"))?;
            let budget = cents(budget, "budget")?;
            let (awarded, _) = money_of(&tx, next.scheme_id).await?;
            let award = next.awarded_cents.unwrap_or(Cents::ZERO);
            if let Err(DomainError::Conflict(detail)) = check_award_fits(budget, awarded, award) {
                return Ok(Err(OverBudget {
                    remaining: remaining_budget(budget, awarded),
                    detail,
                }));
            }
        }
        if next.status == ApplicationStatus::Submitted {
            subsidy_scheme::Entity::update_many()
                .col_expr(subsidy_scheme::Column::HasSubmissions, Expr::value(true))
                .filter(subsidy_scheme::Column::Id.eq(next.scheme_id))
                .exec(&tx)
                .await
                .map_err(internal)?;
        }
        let stored = Application {
            version: next.version + 1,
            ..next.clone()
        };
        let mut model = to_row(&stored, now);
        model.id = sea_orm::ActiveValue::Unchanged(stored.id);
        model.created_at = sea_orm::ActiveValue::NotSet;
        let result = row::Entity::update_many()
            .set(model)
            .filter(row::Column::Id.eq(next.id))
            .filter(row::Column::Version.eq(next.version))
            .exec(&tx)
            .await
            .map_err(internal)?;
        if result.rows_affected == 0 {
            return Err(DomainError::PreconditionFailed);
        }
        record_change(&tx, Register::Application, &subject(next), event, now).await?;
        tx.commit().await.map_err(internal)?;
        Ok(Ok(stored))
    }
}

/// What the webhook events of a change may tell about the application.
fn subject(a: &Application) -> Subject {
    Subject {
        id: a.id,
        reference: Some(a.reference.to_string()),
        municipalities: vec![a.municipality.clone()],
    }
}
