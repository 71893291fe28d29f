//! Complaints in the `complaints` table, with their grounds and conduct rows, notes, messages
//! and timeline; every change commits together with its timeline event.

use chrono::{DateTime, NaiveDate, Utc};
use samenleven_domain::DomainError;
use samenleven_domain::model::complaint::{
    Complaint, ComplaintReference, Contact, Incident, Location, NewComplaint, Reporter,
};
use samenleven_domain::model::municipality::{ComplaintDeadlines, NisCode};
use samenleven_domain::model::reference_number::ReferencePrefix;
use samenleven_domain::model::webhook::Subject;
use samenleven_domain::reference::{
    Channel, ComplaintContext, ComplaintKind, ComplaintLocationKind, ComplaintOutcome,
    ComplaintStatus, Conduct, Enumeration, Ground, PreferredLanguage, ReferralBody, ReporterRole,
};
use samenleven_domain::timeline::{NewEvent, Register};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter, Select, Set,
    TransactionTrait,
};
use uuid::Uuid;

use super::complaint_batch::{ComplaintWriter, Job};
use super::shared::{
    IdempotencyRecord, allocate_reference, record_access, record_change, remember_keyed,
};
use super::{codes, complaint_counts, corrupt, internal, parse_codes};
use crate::access_log::{AccessLogWriter, MayRead};
use crate::entity::{complaint as row, complaint_conduct, complaint_ground};
use crate::reader::Reader;

/// What a complaint list is filtered on, besides the caller's scope.
#[derive(Debug, Clone, Default)]
pub struct ComplaintFilter {
    /// Only in this municipality.
    pub municipality: Option<NisCode>,
    /// Only in this status.
    pub status: Option<ComplaintStatus>,
    /// Only with this ground.
    pub ground: Option<Ground>,
    /// Only in this context.
    pub context: Option<ComplaintContext>,
    /// Only assigned to this handler.
    pub handler: Option<String>,
    /// Received on or after.
    pub from: Option<NaiveDate>,
    /// Received on or before.
    pub to: Option<NaiveDate>,
    /// Only those past a deadline on this day.
    pub overdue_on: Option<NaiveDate>,
    /// Only those submitted by this partner.
    pub submitted_by_partner: Option<Uuid>,
    /// Only the one with this reference.
    pub reference: Option<String>,
}

/// The complaint repository on a sea-orm connection.
#[derive(Debug, Clone)]
pub struct ComplaintStore {
    db: DatabaseConnection,
    /// Reads outside a transaction; the same pool as `db` unless given one.
    reader: Reader,
    /// Commits access events in batches; each read is written on its own without it.
    access_log: Option<AccessLogWriter>,
    /// Commits registrations in batches; each is written on its own without it.
    writer: Option<ComplaintWriter>,
}

/// The complaint `query` finds on `db`, if any.
async fn one(
    db: &impl ConnectionTrait,
    query: Select<row::Entity>,
) -> Result<Option<Complaint>, DomainError> {
    query
        .into_model::<row::Read>()
        .one(db)
        .await
        .map_err(internal)?
        .map(|r| Complaint::try_from(r.0))
        .transpose()
}

fn code<E: Enumeration>(text: &str, field: &str) -> Result<E, DomainError> {
    E::from_code(text).ok_or_else(|| corrupt("complaint", field))
}

fn optional_code<E: Enumeration>(
    text: Option<&str>,
    field: &str,
) -> Result<Option<E>, DomainError> {
    text.map(|t| code(t, field)).transpose()
}

impl TryFrom<row::Model> for Complaint {
    type Error = DomainError;

    fn try_from(m: row::Model) -> Result<Self, DomainError> {
        let contact =
            (m.contact_name.is_some() || m.contact_email.is_some() || m.contact_phone.is_some())
                .then(|| -> Result<Contact, DomainError> {
                    Ok(Contact {
                        name: m.contact_name.clone(),
                        email: m.contact_email.clone(),
                        phone: m.contact_phone.clone(),
                        preferred_language: optional_code::<PreferredLanguage>(
                            m.preferred_language.as_deref(),
                            "language",
                        )?,
                    })
                })
                .transpose()?;
        Ok(Complaint {
            id: m.id,
            reference: ComplaintReference::parse(&m.reference)
                .map_err(|_| corrupt("complaint", "reference"))?,
            municipality: NisCode::parse(&m.municipality)
                .map_err(|_| corrupt("complaint", "municipality"))?,
            kind: code::<ComplaintKind>(&m.kind, "kind")?,
            channel: code::<Channel>(&m.channel, "channel")?,
            status: code::<ComplaintStatus>(&m.status, "status")?,
            reporter: Reporter {
                role: code::<ReporterRole>(&m.reporter_role, "reporter role")?,
                contact,
                consent_to_contact: m.consent_to_contact,
                consent_to_share_with: parse_codes::<ReferralBody>(
                    &m.consent_to_share_with,
                    "complaint",
                    "consent",
                )?,
            },
            incident: Incident {
                occurred_on: m.occurred_on,
                location: Location {
                    kind: code::<ComplaintLocationKind>(&m.location_kind, "location kind")?,
                    text: m.location_text,
                },
                context: code::<ComplaintContext>(&m.context, "context")?,
                involved_service: m.involved_service,
            },
            grounds: parse_codes::<Ground>(&m.grounds, "complaint", "grounds")?,
            conduct: parse_codes::<Conduct>(&m.conduct, "complaint", "conduct")?,
            description: m.description.unwrap_or_default(),
            possible_hate_crime: m.possible_hate_crime,
            submitted_by_partner: m.submitted_by_partner,
            created_by: m.created_by,
            assigned_handler: m.assigned_handler,
            outcome: optional_code::<ComplaintOutcome>(m.outcome.as_deref(), "outcome")?,
            referred_to: optional_code::<ReferralBody>(m.referred_to.as_deref(), "referral")?,
            received_at: m.received_at,
            received_on: m.received_on,
            acknowledge_by: m.acknowledge_by,
            resolve_by: m.resolve_by,
            closed_at: m.closed_at,
            version: m.version,
        })
    }
}

/// The row of `c`, with the tracking code's hash.
pub(crate) fn to_row(
    c: &Complaint,
    tracking_code_hash: Vec<u8>,
    now: DateTime<Utc>,
) -> row::ActiveModel {
    let contact = c.reporter.contact.clone().unwrap_or_default();
    row::ActiveModel {
        id: Set(c.id),
        reference: Set(c.reference.to_string()),
        municipality: Set(c.municipality.to_string()),
        kind: Set(c.kind.code().to_owned()),
        channel: Set(c.channel.code().to_owned()),
        status: Set(c.status.code().to_owned()),
        reporter_role: Set(c.reporter.role.code().to_owned()),
        contact_name: Set(contact.name),
        contact_email: Set(contact.email),
        contact_phone: Set(contact.phone),
        preferred_language: Set(contact.preferred_language.map(|l| l.code().to_owned())),
        consent_to_contact: Set(c.reporter.consent_to_contact),
        consent_to_share_with: Set(codes(&c.reporter.consent_to_share_with)),
        occurred_on: Set(c.incident.occurred_on),
        location_kind: Set(c.incident.location.kind.code().to_owned()),
        location_text: Set(c.incident.location.text.clone()),
        context: Set(c.incident.context.code().to_owned()),
        involved_service: Set(c.incident.involved_service.clone()),
        grounds: Set(codes(&c.grounds)),
        conduct: Set(codes(&c.conduct)),
        description: Set(Some(c.description.clone())),
        possible_hate_crime: Set(c.possible_hate_crime),
        submitted_by_partner: Set(c.submitted_by_partner),
        created_by: Set(c.created_by.clone()),
        assigned_handler: Set(c.assigned_handler.clone()),
        outcome: Set(c.outcome.map(|o| o.code().to_owned())),
        referred_to: Set(c.referred_to.map(|r| r.code().to_owned())),
        tracking_code_hash: Set(tracking_code_hash),
        received_at: Set(c.received_at),
        received_on: Set(c.received_on),
        acknowledge_by: Set(c.acknowledge_by),
        resolve_by: Set(c.resolve_by),
        closed_at: Set(c.closed_at),
        version: Set(c.version),
        updated_at: Set(now),
    }
}

/// Writes the grounds and conduct rows of `c`, replacing those it had unless it is `new`.
async fn write_classification(
    db: &impl ConnectionTrait,
    c: &Complaint,
    new: bool,
) -> Result<(), DomainError> {
    if !new {
        complaint_ground::Entity::delete_many()
            .filter(complaint_ground::Column::ComplaintId.eq(c.id))
            .exec(db)
            .await
            .map_err(internal)?;
        complaint_conduct::Entity::delete_many()
            .filter(complaint_conduct::Column::ComplaintId.eq(c.id))
            .exec(db)
            .await
            .map_err(internal)?;
    }
    let grounds = c.grounds.iter().map(|g| complaint_ground::ActiveModel {
        complaint_id: Set(c.id),
        ground: Set(g.code().to_owned()),
        municipality: Set(c.municipality.to_string()),
        received_on: Set(c.received_on),
    });
    complaint_ground::Entity::insert_many(grounds)
        .exec_without_returning(db)
        .await
        .map_err(internal)?;
    let conduct = c.conduct.iter().map(|k| complaint_conduct::ActiveModel {
        complaint_id: Set(c.id),
        conduct: Set(k.code().to_owned()),
        municipality: Set(c.municipality.to_string()),
        received_on: Set(c.received_on),
    });
    complaint_conduct::Entity::insert_many(conduct)
        .exec_without_returning(db)
        .await
        .map_err(internal)?;
    Ok(())
}

impl ComplaintStore {
    /// A repository on `db`.
    pub fn new(db: DatabaseConnection) -> Self {
        Self {
            reader: Reader::from(db.clone()),
            db,
            access_log: None,
            writer: None,
        }
    }

    /// The repository registering complaints (those without an idempotency key) through
    /// `writer`.
    pub fn with_writer(mut self, writer: ComplaintWriter) -> Self {
        self.writer = Some(writer);
        self
    }

    /// The repository logging reads through `writer`.
    pub fn with_access_log(mut self, writer: AccessLogWriter) -> Self {
        self.access_log = Some(writer);
        self
    }

    /// The repository reading (outside transactions) from `reader`.
    pub fn with_reader(mut self, reader: Reader) -> Self {
        self.reader = reader;
        self
    }

    /// Registers `new` in one transaction: numbers it, stores it with its grounds and conduct,
    /// appends `created` to its timeline, and remembers the response `respond` builds for a
    /// keyed request.
    pub async fn create(
        &self,
        new: NewComplaint,
        settings: ComplaintDeadlines,
        tracking_code_hash: Vec<u8>,
        actor: &str,
        keyed: Option<(IdempotencyRecord, Vec<u8>)>,
        respond: impl FnOnce(&Complaint) -> Result<(u16, String), DomainError>,
    ) -> Result<Complaint, DomainError> {
        if let (Some(writer), None) = (&self.writer, &keyed) {
            return writer
                .register(Job {
                    new,
                    settings,
                    tracking_code_hash,
                    actor: actor.to_owned(),
                    done: tokio::sync::oneshot::channel().0,
                })
                .await;
        }
        let now = Utc::now();
        let year = samenleven_domain::model::complaint::reference_year(now);
        let tx = self.db.begin().await.map_err(internal)?;
        let number =
            allocate_reference(&tx, ReferencePrefix::Complaint, new.municipality(), year).await?;
        let reference =
            ComplaintReference::new(year, number.number()).map_err(DomainError::Conflict)?;
        let complaint = Complaint::register(new, Uuid::now_v7(), reference, now, settings);
        row::Entity::insert(to_row(&complaint, tracking_code_hash, now))
            .exec_without_returning(&tx)
            .await
            .map_err(internal)?;
        write_classification(&tx, &complaint, true).await?;
        complaint_counts::adjust(&tx, None, Some(&complaint)).await?;
        record_change(
            &tx,
            Register::Complaint,
            &subject(&complaint),
            NewEvent::new(actor, "created")
                .status("", complaint.status.code())
                .detail(complaint.reference.to_string()),
            now,
        )
        .await?;
        remember_keyed(&tx, keyed, &complaint, respond, now).await?;
        tx.commit().await.map_err(internal)?;
        Ok(complaint)
    }

    /// The complaint with this id.
    pub async fn find(&self, id: Uuid) -> Result<Option<Complaint>, DomainError> {
        one(&self.reader, row::Entity::find_by_id(id)).await
    }

    /// The complaint whose tracking code hashes to `hash`.
    pub async fn find_by_tracking_hash(
        &self,
        hash: &[u8],
    ) -> Result<Option<Complaint>, DomainError> {
        one(
            &self.reader,
            row::Entity::find().filter(row::Column::TrackingCodeHash.eq(hash.to_vec())),
        )
        .await
    }

    /// Stores `next` when the stored version is still `next.version`, with `event` on its
    /// timeline; [`DomainError::PreconditionFailed`] when it changed in between.
    pub async fn update(
        &self,
        next: &Complaint,
        event: NewEvent,
        reclassified: bool,
    ) -> Result<Complaint, DomainError> {
        let now = Utc::now();
        let tx = self.db.begin().await.map_err(internal)?;
        // The stored version, to move the statistics' counts from it.
        let before = one(
            &tx,
            row::Entity::find_by_id(next.id).filter(row::Column::Version.eq(next.version)),
        )
        .await?
        .ok_or(DomainError::PreconditionFailed)?;
        let status = next.status.code();
        let result = row::Entity::update_many()
            .col_expr(row::Column::Status, Expr::value(status))
            .col_expr(row::Column::Grounds, Expr::value(codes(&next.grounds)))
            .col_expr(row::Column::Conduct, Expr::value(codes(&next.conduct)))
            .col_expr(
                row::Column::Context,
                Expr::value(next.incident.context.code()),
            )
            .col_expr(
                row::Column::PossibleHateCrime,
                Expr::value(next.possible_hate_crime),
            )
            .col_expr(
                row::Column::AssignedHandler,
                Expr::value(next.assigned_handler.clone()),
            )
            .col_expr(
                row::Column::Outcome,
                Expr::value(next.outcome.map(|o| o.code())),
            )
            .col_expr(
                row::Column::ReferredTo,
                Expr::value(next.referred_to.map(|r| r.code())),
            )
            .col_expr(row::Column::ClosedAt, Expr::value(next.closed_at))
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
        if reclassified {
            write_classification(&tx, next, false).await?;
        }
        complaint_counts::adjust(&tx, Some(&before), Some(next)).await?;
        record_change(&tx, Register::Complaint, &subject(next), event, now).await?;
        tx.commit().await.map_err(internal)?;
        Ok(Complaint {
            version: next.version + 1,
            ..next.clone()
        })
    }

    /// The complaint `id`, its read by `actor` logged in the same transaction when `may_read`
    /// allows it; `None` when there is no such complaint. Answers once the log entry is
    /// committed.
    pub async fn read_logged(
        &self,
        id: Uuid,
        actor: &str,
        may_read: MayRead,
    ) -> Result<Option<Complaint>, DomainError> {
        if let Some(writer) = &self.access_log {
            return writer.read(id, actor, may_read).await;
        }
        let tx = self.db.begin().await.map_err(internal)?;
        let Some(complaint) = one(&tx, row::Entity::find_by_id(id)).await? else {
            return Ok(None);
        };
        if may_read(&complaint) {
            record_access(&tx, Register::Complaint, id, actor, Utc::now()).await?;
        }
        tx.commit().await.map_err(internal)?;
        Ok(Some(complaint))
    }

    /// The database connection, for the shared timeline and idempotency queries.
    pub fn connection(&self) -> &DatabaseConnection {
        &self.db
    }

    /// The connection for reads outside a transaction.
    pub(crate) fn reader(&self) -> &Reader {
        &self.reader
    }
}

/// What the webhook events of a change may tell about the complaint.
pub(super) fn subject(c: &Complaint) -> Subject {
    Subject {
        id: c.id,
        reference: Some(c.reference.to_string()),
        municipalities: vec![c.municipality.clone()],
    }
}
