//! Seeded subsidy schemes (one a municipality a year) with their applications, every award
//! within its scheme's budget.

use chrono::{DateTime, Datelike, NaiveDate, TimeZone, Utc};
use rand::seq::IndexedRandom;
use rand::{Rng, RngCore};
use samenleven_domain::DomainError;
use samenleven_domain::model::complaint::{receipt_day, reference_year};
use samenleven_domain::model::subsidy::{
    Applicant, Application, ApplicationReference, Budget, BudgetLine, Cents, Contact, Criterion,
    EnteredBy, EnterpriseNumber, FinalReport, Iban, Project, Scheme,
};
use samenleven_domain::reference::{
    ApplicantKind, ApplicationStatus, Enumeration, FundingSource, TargetGroup,
};
use sea_orm::DatabaseConnection;

use super::complaints::uuid_at;
use super::incidents::{created_event, invalid};
use super::{Counters, Place, commit_batch, insert_all, span};

/// A Belgian IBAN from ten account digits, with both check numbers right.
fn belgian_iban(account: u64) -> Result<Iban, DomainError> {
    let first = account % 10_000_000_000;
    let national = match first % 97 {
        0 => 97,
        n => n,
    };
    let bban = format!("{first:010}{national:02}");
    // "BE00" moved to the end, letters as numbers: B = 11, E = 14.
    let rearranged = format!("{bban}111400");
    let remainder = rearranged
        .bytes()
        .fold(0u32, |acc, b| (acc * 10 + u32::from(b - b'0')) % 97);
    Iban::parse(&format!("BE{:02}{bban}", 98 - remainder)).map_err(invalid)
}

/// A valid enterprise number from seven digits.
fn enterprise_number(digits: u32) -> Result<EnterpriseNumber, DomainError> {
    let body = format!("0{:07}", digits % 10_000_000);
    let rest = body
        .bytes()
        .fold(0u32, |acc, b| (acc * 10 + u32::from(b - b'0')) % 97);
    EnterpriseNumber::parse(&format!("{body}{:02}", 97 - rest)).map_err(invalid)
}

fn cents(value: i64) -> Result<Cents, DomainError> {
    Cents::new(value).map_err(invalid)
}

const KINDS: [ApplicantKind; 4] = [
    ApplicantKind::NonprofitAssociation,
    ApplicantKind::DeFactoAssociation,
    ApplicantKind::CitizenInitiative,
    ApplicantKind::School,
];

const PROJECTS: [&str; 6] = [
    "Buurtfeest over de grenzen heen",
    "Taalcafé voor nieuwkomers",
    "Sportkamp voor iedereen",
    "Verhalen van de wijk",
    "Digitale hulp voor senioren",
    "Toegankelijke jeugdwerking",
];

/// One scheme of `place` for `year`, open the whole year, with `budget` cents.
fn scheme(
    place: &Place,
    year: i32,
    budget: i64,
    rng: &mut impl RngCore,
) -> Result<Scheme, DomainError> {
    let opens_at = Utc
        .with_ymd_and_hms(year, 1, 1, 0, 0, 0)
        .single()
        .ok_or_else(|| invalid("year".into()))?;
    let closes_at = Utc
        .with_ymd_and_hms(year + 1, 1, 1, 0, 0, 0)
        .single()
        .ok_or_else(|| invalid("year".into()))?;
    Ok(Scheme {
        id: uuid_at(opens_at, rng),
        municipality: place.nis.clone(),
        title: format!("Projectsubsidie samenleven {} {year}", place.name),
        description: "Projecten die ontmoeting, gelijke kansen en diversiteit versterken."
            .to_owned(),
        legal_basis: format!(
            "Reglement projectsubsidies samenleven {}, gemeenteraad",
            place.name
        ),
        funding_source: FundingSource::PlanSamenleven,
        eligible_applicants: KINDS.to_vec(),
        target_groups: TargetGroup::ALL.to_vec(),
        budget_cents: cents(budget)?,
        max_award_cents: cents(500_000)?,
        max_share_of_costs_percent: 80,
        opens_at,
        closes_at,
        criteria: vec![
            Criterion {
                code: "impact".to_owned(),
                description: "Bereik en impact".to_owned(),
                weight: 3,
            },
            Criterion {
                code: "feasibility".to_owned(),
                description: "Haalbaarheid".to_owned(),
                weight: 2,
            },
        ],
        version: 1,
    })
}

/// The status an application of this age (days) most likely has.
fn application_status(age: i64, rng: &mut impl Rng) -> ApplicationStatus {
    let roll = rng.random_range(0..100);
    let table: &[(u32, ApplicationStatus)] = if age > 120 {
        &[
            (5, ApplicationStatus::Draft),
            (13, ApplicationStatus::Withdrawn),
            (38, ApplicationStatus::Rejected),
            (50, ApplicationStatus::Approved),
            (62, ApplicationStatus::AdvancePaid),
            (70, ApplicationStatus::ReportSubmitted),
            (97, ApplicationStatus::Settled),
            (100, ApplicationStatus::Reclaimed),
        ]
    } else {
        &[
            (20, ApplicationStatus::Draft),
            (45, ApplicationStatus::Submitted),
            (70, ApplicationStatus::InReview),
            (80, ApplicationStatus::NeedsInformation),
            (90, ApplicationStatus::Approved),
            (100, ApplicationStatus::Rejected),
        ]
    };
    table
        .iter()
        .find(|(upto, _)| roll < *upto)
        .map_or(ApplicationStatus::Draft, |(_, s)| *s)
}

/// Writes a scheme for every municipality and year of the span, then `count` applications to
/// them in batches. Returns (schemes, applications).
pub(super) async fn seed_subsidies(
    db: &DatabaseConnection,
    places: &[Place],
    count: u64,
    now: DateTime<Utc>,
    rng: &mut (impl Rng + Send),
    counters: &mut Counters,
    mut progress: impl FnMut(u64),
) -> Result<(u64, u64), DomainError> {
    if count == 0 {
        return Ok((0, 0));
    }
    let (start, length) = span(now);
    let years: Vec<i32> = (start.year()..=now.year()).collect();
    // Budgets leave room for about one award in three at the largest amount.
    let per_scheme = i64::try_from(count).unwrap_or(i64::MAX)
        / i64::try_from(places.len() * years.len()).unwrap_or(1)
        + 1;
    let budget = (per_scheme * 500_000 / 3).max(2_000_000);
    let mut schemes = Vec::new();
    for place in places {
        for year in &years {
            schemes.push((scheme(place, *year, budget, rng)?, budget));
        }
    }
    let rows: Vec<_> = schemes
        .iter()
        .map(|(s, _)| crate::repo::subsidy_scheme::to_row(s, true, s.opens_at))
        .collect();
    commit_batch(db, |tx| async move {
        insert_all(&tx, rows).await?;
        Ok(tx)
    })
    .await?;
    let step = length.num_seconds() / i64::try_from(count).unwrap_or(i64::MAX);
    let mut done = 0u64;
    while done < count {
        let batch = (count - done).min(super::BATCH as u64);
        let (mut rows, mut timeline) = (Vec::new(), Vec::new());
        for i in done..done + batch {
            let at = start
                + chrono::Duration::seconds(
                    i64::try_from(i).unwrap_or(0) * step + rng.random_range(0..step.max(1)),
                );
            let place_index = rng.random_range(0..places.len());
            let year_index = years.iter().position(|y| *y == at.year()).unwrap_or(0);
            let (scheme, remaining) = &mut schemes[place_index * years.len() + year_index];
            let number = counters.take(&scheme.municipality, reference_year(at));
            let application = application(scheme, remaining, at, now, number, rng)?;
            timeline.push(created_event(
                "application",
                application.id,
                "loket.seed",
                application.reference.to_string(),
                application.status.code(),
                at,
                rng,
            ));
            rows.push(crate::repo::subsidy_application::to_row(&application, at));
        }
        commit_batch(db, |tx| async move {
            insert_all(&tx, rows).await?;
            insert_all(&tx, timeline).await?;
            Ok(tx)
        })
        .await?;
        done += batch;
        progress(done);
    }
    Ok((schemes.len() as u64, done))
}

/// One application to `scheme` created at `at`; an award that would not fit `remaining`
/// becomes a rejection.
fn application(
    scheme: &Scheme,
    remaining: &mut i64,
    at: DateTime<Utc>,
    now: DateTime<Utc>,
    number: u32,
    rng: &mut impl Rng,
) -> Result<Application, DomainError> {
    let kind = *KINDS
        .choose(rng)
        .unwrap_or(&ApplicantKind::CitizenInitiative);
    let costs = rng.random_range(2_000..=12_000) * 100;
    let income = if rng.random_bool(0.4) { costs / 10 } else { 0 };
    let requested = (costs * 80 / 100).min(costs - income).min(500_000) / 100 * 100;
    let mut status = application_status((now - at).num_days(), rng);
    let awarded = requested * rng.random_range(60..=100) / 100;
    let awards = matches!(
        status,
        ApplicationStatus::Approved
            | ApplicationStatus::AdvancePaid
            | ApplicationStatus::ReportSubmitted
            | ApplicationStatus::Settled
            | ApplicationStatus::Reclaimed
    );
    if awards && awarded > *remaining {
        status = ApplicationStatus::Rejected;
    }
    let awarded = (awards && status != ApplicationStatus::Rejected).then_some(awarded);
    if let Some(a) = awarded {
        *remaining -= a;
    }
    let paid = match (status, awarded) {
        (
            ApplicationStatus::AdvancePaid
            | ApplicationStatus::ReportSubmitted
            | ApplicationStatus::Reclaimed,
            Some(a),
        ) => a * 6 / 10,
        (ApplicationStatus::Settled, Some(a)) => a,
        _ => 0,
    };
    let decided_on = awarded
        .map(|_| receipt_day(at) + chrono::Duration::days(30))
        .map(|d| d.min(receipt_day(now)));
    let starts_on = NaiveDate::from_ymd_opt(at.year(), at.month(), 1).unwrap_or(receipt_day(at))
        + chrono::Duration::days(45);
    let title = PROJECTS.choose(rng).copied().unwrap_or("Project");
    Ok(Application {
        id: uuid_at(at, rng),
        reference: ApplicationReference::new(reference_year(at), number).map_err(invalid)?,
        scheme_id: scheme.id,
        municipality: scheme.municipality.clone(),
        status,
        applicant: Applicant {
            kind,
            name: Some(match kind {
                ApplicantKind::CitizenInitiative => format!("Bewonersgroep {number}"),
                ApplicantKind::School => format!("Basisschool De Regenboog {number}"),
                _ => format!("Vereniging Samen Sterk {number}"),
            }),
            enterprise_number: matches!(
                kind,
                ApplicantKind::NonprofitAssociation | ApplicantKind::School
            )
            .then(|| enterprise_number(rng.random()))
            .transpose()?,
            contact: Some(Contact {
                name: "Contactpersoon".to_owned(),
                email: format!("aanvraag{number}@example.org"),
                iban: belgian_iban(rng.random())?,
            }),
        },
        project: Project {
            title: title.to_owned(),
            summary: format!("{title}: activiteiten die mensen uit de buurt samenbrengen."),
            target_groups: vec![TargetGroup::Everyone],
            starts_on,
            ends_on: starts_on + chrono::Duration::days(120),
        },
        budget: Budget {
            cost_lines: vec![
                BudgetLine {
                    label: "Zaalhuur en materiaal".to_owned(),
                    amount: cents(costs / 2)?,
                },
                BudgetLine {
                    label: "Begeleiding en communicatie".to_owned(),
                    amount: cents(costs - costs / 2)?,
                },
            ],
            income_lines: if income > 0 {
                vec![BudgetLine {
                    label: "Inkomgelden".to_owned(),
                    amount: cents(income)?,
                }]
            } else {
                vec![]
            },
        },
        requested_cents: cents(requested)?,
        entered_by: EnteredBy::Staff {
            subject: "loket.seed".to_owned(),
        },
        created_at: at,
        submitted_at: (status != ApplicationStatus::Draft)
            .then(|| at + chrono::Duration::days(2))
            .map(|t| t.min(now)),
        awarded_cents: awarded.map(cents).transpose()?,
        decision_reference: awarded.map(|_| format!("CBS-{}-{number:04}", at.year())),
        decided_on,
        paid_cents: cents(paid)?,
        reclaimed_cents: (status == ApplicationStatus::Reclaimed)
            .then(|| cents(paid / 2))
            .transpose()?,
        report: matches!(
            status,
            ApplicationStatus::ReportSubmitted
                | ApplicationStatus::Settled
                | ApplicationStatus::Reclaimed
        )
        .then(|| FinalReport {
            summary: "Het project liep zoals gepland.".to_owned(),
            actual_costs: Cents::new(costs).unwrap_or(Cents::ZERO),
            actual_income: Cents::new(income).unwrap_or(Cents::ZERO),
        }),
        version: 1,
    })
}
