//! Hate-crime incidents in `hate_crime_incidents`, with their motivation and crime-type rows.
//! Every change commits with its timeline event; an escalation also marks the complaint's
//! timeline.

use std::collections::BTreeSet;

use chrono::{DateTime, NaiveDate, Utc};
use samenleven_domain::DomainError;
use samenleven_domain::access::ListScope;
use samenleven_domain::model::complaint::{Submitter, reference_year};
use samenleven_domain::model::hate_crime::{
    HalfYear, Incident, IncidentReference, NewIncident, OverviewTally,
};
use samenleven_domain::model::municipality::NisCode;
use samenleven_domain::model::reference_number::ReferencePrefix;
use samenleven_domain::model::webhook::Subject;
use samenleven_domain::reference::{
    BiasMotivation, Enumeration, IncidentLocationKind, IncidentSource, ProsecutionStatus,
};
use samenleven_domain::timeline::{NewEvent, Register};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, DatabaseConnection, EntityTrait,
    QueryFilter, QueryOrder, QuerySelect, Set, TransactionTrait,
};
use uuid::Uuid;

use super::shared::{
    IdempotencyRecord, allocate_reference, append_event, record_change, remember_keyed,
};
use super::{codes, corrupt, internal, parse_codes, within_scope};
use crate::entity::{hate_crime_incident as row, incident_bias_motivation, incident_crime_type};
use crate::reader::Reader;

/// What an incident list is filtered on, besides the caller's scope.
#[derive(Debug, Clone, Default)]
pub struct IncidentFilter {
    /// Only in this municipality.
    pub municipality: Option<NisCode>,
    /// Only with this bias motivation.
    pub bias_motivation: Option<BiasMotivation>,
    /// Only with this prosecution status.
    pub prosecution_status: Option<ProsecutionStatus>,
    /// Happened on or after.
    pub from: Option<NaiveDate>,
    /// Happened on or before.
    pub to: Option<NaiveDate>,
    /// Only the one with this reference.
    pub reference: Option<String>,
}

/// The incident repository on a sea-orm connection.
#[derive(Debug, Clone)]
pub struct IncidentStore {
    db: DatabaseConnection,
    /// Reads outside a transaction; the same pool as `db` unless given one.
    reader: Reader,
}

fn hash(bytes: Option<Vec<u8>>) -> Result<Option<[u8; 32]>, DomainError> {
    bytes
        .map(|b| {
            <[u8; 32]>::try_from(b.as_slice()).map_err(|_| corrupt("incident", "reference hash"))
        })
        .transpose()
}

impl TryFrom<row::Model> for Incident {
    type Error = DomainError;

    fn try_from(m: row::Model) -> Result<Self, DomainError> {
        Ok(Incident {
            id: m.id,
            reference: IncidentReference::parse(&m.reference)
                .map_err(|_| corrupt("incident", "reference"))?,
            municipality: NisCode::parse(&m.municipality)
                .map_err(|_| corrupt("incident", "municipality"))?,
            occurred_on: m.occurred_on,
            location_kind: IncidentLocationKind::from_code(&m.location_kind)
                .ok_or_else(|| corrupt("incident", "location"))?,
            district: m.district,
            bias_motivations: parse_codes(&m.bias_motivations, "incident", "bias motivations")?,
            crime_types: parse_codes(&m.crime_types, "incident", "crime types")?,
            source: IncidentSource::from_code(&m.source)
                .ok_or_else(|| corrupt("incident", "source"))?,
            police_reference_hash: hash(m.police_reference_hash)?,
            prosecutor_reference_hash: hash(m.prosecutor_reference_hash)?,
            police_zone: m.police_zone,
            prosecution_status: ProsecutionStatus::from_code(&m.prosecution_status)
                .ok_or_else(|| corrupt("incident", "prosecution status"))?,
            linked_complaint: m.linked_complaint,
            possible_duplicate_of: m.possible_duplicate_of,
            submitted_by_partner: m.submitted_by_partner,
            created_by: m.created_by,
            created_at: m.created_at,
            version: m.version,
        })
    }
}

pub(crate) fn to_row(i: &Incident, now: DateTime<Utc>) -> row::ActiveModel {
    row::ActiveModel {
        id: Set(i.id),
        reference: Set(i.reference.to_string()),
        municipality: Set(i.municipality.to_string()),
        occurred_on: Set(i.occurred_on),
        location_kind: Set(i.location_kind.code().to_owned()),
        district: Set(i.district.clone()),
        bias_motivations: Set(codes(&i.bias_motivations)),
        crime_types: Set(codes(&i.crime_types)),
        source: Set(i.source.code().to_owned()),
        police_reference_hash: Set(i.police_reference_hash.map(|h| h.to_vec())),
        prosecutor_reference_hash: Set(i.prosecutor_reference_hash.map(|h| h.to_vec())),
        police_zone: Set(i.police_zone.clone()),
        prosecution_status: Set(i.prosecution_status.code().to_owned()),
        linked_complaint: Set(i.linked_complaint),
        possible_duplicate_of: Set(i.possible_duplicate_of),
        submitted_by_partner: Set(i.submitted_by_partner),
        created_by: Set(i.created_by.clone()),
        created_at: Set(i.created_at),
        version: Set(i.version),
        updated_at: Set(now),
    }
}

async fn write_classification(db: &impl ConnectionTrait, i: &Incident) -> Result<(), DomainError> {
    incident_bias_motivation::Entity::delete_many()
        .filter(incident_bias_motivation::Column::IncidentId.eq(i.id))
        .exec(db)
        .await
        .map_err(internal)?;
    incident_crime_type::Entity::delete_many()
        .filter(incident_crime_type::Column::IncidentId.eq(i.id))
        .exec(db)
        .await
        .map_err(internal)?;
    incident_bias_motivation::Entity::insert_many(i.bias_motivations.iter().map(|m| {
        incident_bias_motivation::ActiveModel {
            incident_id: Set(i.id),
            bias_motivation: Set(m.code().to_owned()),
            municipality: Set(i.municipality.to_string()),
            occurred_on: Set(i.occurred_on),
        }
    }))
    .exec(db)
    .await
    .map_err(internal)?;
    incident_crime_type::Entity::insert_many(i.crime_types.iter().map(|c| {
        incident_crime_type::ActiveModel {
            incident_id: Set(i.id),
            crime_type: Set(c.code().to_owned()),
            municipality: Set(i.municipality.to_string()),
            occurred_on: Set(i.occurred_on),
        }
    }))
    .exec(db)
    .await
    .map_err(internal)?;
    Ok(())
}

impl IncidentStore {
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

    /// Registers `new` in one transaction: numbers it, hashes its official numbers with `key`,
    /// links it to an earlier incident with the same number as a possible duplicate, stores it,
    /// and appends `created` to its timeline (and `escalated` to the linked complaint's).
    pub async fn create(
        &self,
        new: NewIncident,
        key: &[u8],
        submitter: Submitter,
        actor: &str,
        keyed: Option<(IdempotencyRecord, Vec<u8>)>,
        respond: impl FnOnce(&Incident) -> Result<(u16, String), DomainError>,
    ) -> Result<Incident, DomainError> {
        let now = Utc::now();
        let year = reference_year(now);
        let tx = self.db.begin().await.map_err(internal)?;
        let number =
            allocate_reference(&tx, ReferencePrefix::Incident, new.municipality(), year).await?;
        let reference =
            IncidentReference::new(year, number.number()).map_err(DomainError::Conflict)?;
        let mut incident = Incident::register(new, key, Uuid::now_v7(), reference, submitter, now);
        let mut same_number = Condition::any();
        if let Some(h) = incident.police_reference_hash {
            same_number = same_number.add(row::Column::PoliceReferenceHash.eq(h.to_vec()));
        }
        if let Some(h) = incident.prosecutor_reference_hash {
            same_number = same_number.add(row::Column::ProsecutorReferenceHash.eq(h.to_vec()));
        }
        if incident.police_reference_hash.is_some() || incident.prosecutor_reference_hash.is_some()
        {
            let candidates: Vec<Incident> = row::Entity::find()
                .filter(row::Column::Municipality.eq(incident.municipality.as_str()))
                .filter(same_number)
                .all(&tx)
                .await
                .map_err(internal)?
                .into_iter()
                .map(Incident::try_from)
                .collect::<Result<_, _>>()?;
            incident.possible_duplicate_of = incident.find_possible_duplicate(&candidates);
        }
        to_row(&incident, now).insert(&tx).await.map_err(internal)?;
        write_classification(&tx, &incident).await?;
        super::incident_counts::adjust(&tx, None, &incident).await?;
        let mut created =
            NewEvent::new(actor, "created").status("", incident.prosecution_status.code());
        if let Some(duplicate) = incident.possible_duplicate_of {
            created = created.detail(format!("possible duplicate of incident {duplicate}"));
        }
        record_change(&tx, Register::Incident, &subject(&incident), created, now).await?;
        if let Some(complaint) = incident.linked_complaint {
            let event = NewEvent::new(actor, "escalated")
                .detail(format!("hate-crime incident {}", incident.reference));
            append_event(&tx, Register::Complaint, complaint, event, now).await?;
        }
        remember_keyed(&tx, keyed, &incident, respond, now).await?;
        tx.commit().await.map_err(internal)?;
        Ok(incident)
    }

    /// The incident with this id.
    pub async fn find(&self, id: Uuid) -> Result<Option<Incident>, DomainError> {
        row::Entity::find_by_id(id)
            .one(&self.reader)
            .await
            .map_err(internal)?
            .map(Incident::try_from)
            .transpose()
    }

    /// The incident escalated from `complaint`, if any.
    pub async fn find_by_complaint(
        &self,
        complaint: Uuid,
    ) -> Result<Option<Incident>, DomainError> {
        row::Entity::find()
            .filter(row::Column::LinkedComplaint.eq(complaint))
            .one(&self.reader)
            .await
            .map_err(internal)?
            .map(Incident::try_from)
            .transpose()
    }

    /// Up to `limit` incidents within `scope` matching `filter`, newest first, older than
    /// `before`.
    pub async fn list(
        &self,
        scope: &ListScope,
        filter: &IncidentFilter,
        before: Option<Uuid>,
        limit: u64,
    ) -> Result<Vec<Incident>, DomainError> {
        let mut condition = within_scope(
            scope,
            filter.municipality.as_ref(),
            row::Column::Municipality,
            row::Column::SubmittedByPartner,
        );
        if let Some(s) = filter.prosecution_status {
            condition = condition.add(row::Column::ProsecutionStatus.eq(s.code()));
        }
        if let Some(from) = filter.from {
            condition = condition.add(row::Column::OccurredOn.gte(from));
        }
        if let Some(to) = filter.to {
            condition = condition.add(row::Column::OccurredOn.lte(to));
        }
        if let Some(r) = &filter.reference {
            condition = condition.add(row::Column::Reference.eq(r.as_str()));
        }
        if let Some(motivation) = filter.bias_motivation {
            use sea_orm::sea_query::{ExprTrait, Query};
            condition = condition.add(
                row::Column::Id.in_subquery(
                    Query::select()
                        .column(incident_bias_motivation::Column::IncidentId)
                        .from(incident_bias_motivation::Entity)
                        .and_where(
                            Expr::col(incident_bias_motivation::Column::BiasMotivation)
                                .eq(motivation.code()),
                        )
                        .to_owned(),
                ),
            );
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
            .map(Incident::try_from)
            .collect()
    }

    /// Stores `next` when the stored version is still `next.version`, with `event`.
    pub async fn update(&self, next: &Incident, event: NewEvent) -> Result<Incident, DomainError> {
        let now = Utc::now();
        let tx = self.db.begin().await.map_err(internal)?;
        let before = row::Entity::find_by_id(next.id)
            .one(&tx)
            .await
            .map_err(internal)?
            .map(Incident::try_from)
            .transpose()?
            .ok_or(DomainError::PreconditionFailed)?;
        let result = row::Entity::update_many()
            .col_expr(
                row::Column::LocationKind,
                Expr::value(next.location_kind.code()),
            )
            .col_expr(row::Column::District, Expr::value(next.district.clone()))
            .col_expr(
                row::Column::BiasMotivations,
                Expr::value(codes(&next.bias_motivations)),
            )
            .col_expr(
                row::Column::CrimeTypes,
                Expr::value(codes(&next.crime_types)),
            )
            .col_expr(
                row::Column::ProsecutionStatus,
                Expr::value(next.prosecution_status.code()),
            )
            .col_expr(row::Column::Version, Expr::value(next.version + 1))
            .col_expr(row::Column::UpdatedAt, Expr::value(now))
            .filter(row::Column::Id.eq(next.id))
            .filter(row::Column::Version.eq(next.version))
            .exec(&tx)
            .await
            .map_err(internal)?;
        if result.rows_affected == 0 {
            return Err(DomainError::PreconditionFailed);
        }
        write_classification(&tx, next).await?;
        super::incident_counts::adjust(&tx, Some(&before), next).await?;
        record_change(&tx, Register::Incident, &subject(next), event, now).await?;
        tx.commit().await.map_err(internal)?;
        Ok(Incident {
            version: next.version + 1,
            ..next.clone()
        })
    }

    /// The bias motivations and prosecution status of each incident of `municipalities` that
    /// happened between `from` and `to`: the input of the ODIHR summary.
    pub async fn motivations_and_status(
        &self,
        municipalities: &[NisCode],
        from: NaiveDate,
        to: NaiveDate,
    ) -> Result<Vec<(Vec<BiasMotivation>, ProsecutionStatus)>, DomainError> {
        let rows: Vec<(serde_json::Value, String)> = row::Entity::find()
            .select_only()
            .column(row::Column::BiasMotivations)
            .column(row::Column::ProsecutionStatus)
            .filter(row::Column::Municipality.is_in(municipalities.iter().map(NisCode::as_str)))
            .filter(row::Column::OccurredOn.between(from, to))
            .into_tuple()
            .all(&self.reader)
            .await
            .map_err(internal)?;
        rows.into_iter()
            .map(|(motivations, status)| {
                Ok((
                    parse_codes(&motivations, "incident", "bias motivations")?,
                    ProsecutionStatus::from_code(&status)
                        .ok_or_else(|| corrupt("incident", "prosecution status"))?,
                ))
            })
            .collect()
    }

    /// The exact counts of the overview of `municipalities` in `period` (with the previous
    /// half-year), from the running totals.
    pub async fn overview(
        &self,
        municipalities: BTreeSet<NisCode>,
        period: HalfYear,
    ) -> Result<OverviewTally, DomainError> {
        let codes: Vec<NisCode> = municipalities.iter().cloned().collect();
        let periods: Vec<HalfYear> = [Some(period), period.previous()]
            .into_iter()
            .flatten()
            .collect();
        let counts = super::incident_counts::read(&self.reader, &codes, &periods).await?;
        let mut tally = OverviewTally::new(period, municipalities);
        for (counted, half, n) in &counts {
            tally.add_counted(counted, *half, *n);
        }
        Ok(tally)
    }
}

/// What the webhook events of a change may tell about the incident.
fn subject(i: &Incident) -> Subject {
    Subject {
        id: i.id,
        reference: Some(i.reference.to_string()),
        municipalities: vec![i.municipality.clone()],
    }
}
