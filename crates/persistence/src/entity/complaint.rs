//! The `complaints` table. Contact data and the description are nullable: erasure and
//! retention remove them while the statistics stay.

use sea_orm::entity::prelude::*;
use sea_orm::{FromQueryResult, QueryResult};

use super::decode::{date, nullable, nullable_date};

/// One complaint or report row.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "complaints")]
pub struct Model {
    /// UUIDv7.
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    /// `MLD-YYYY-NNNNNN`, unique per municipality.
    pub reference: String,
    /// NIS code.
    pub municipality: String,
    /// `report` or `complaint`.
    pub kind: String,
    /// Channel code.
    pub channel: String,
    /// Status code.
    pub status: String,
    /// Reporter role code.
    pub reporter_role: String,
    /// Contact name.
    pub contact_name: Option<String>,
    /// Contact e-mail.
    pub contact_email: Option<String>,
    /// Contact phone.
    pub contact_phone: Option<String>,
    /// Preferred language code.
    pub preferred_language: Option<String>,
    /// Whether the reporter may be contacted.
    pub consent_to_contact: bool,
    /// JSON array of referral-body codes the reporter consented to share with.
    pub consent_to_share_with: Json,
    /// When it happened.
    pub occurred_on: Date,
    /// Location kind code.
    pub location_kind: String,
    /// Location text.
    pub location_text: Option<String>,
    /// Context code.
    pub context: String,
    /// Involved service.
    pub involved_service: Option<String>,
    /// JSON array of ground codes.
    pub grounds: Json,
    /// JSON array of conduct codes.
    pub conduct: Json,
    /// The reporter's account.
    pub description: Option<String>,
    /// Whether it may be a hate crime.
    pub possible_hate_crime: bool,
    /// The partner that submitted it.
    pub submitted_by_partner: Option<Uuid>,
    /// The staff subject that registered it.
    pub created_by: Option<String>,
    /// The assigned handler's subject.
    pub assigned_handler: Option<String>,
    /// Outcome code, when closed.
    pub outcome: Option<String>,
    /// Referral body code, when referred.
    pub referred_to: Option<String>,
    /// SHA-256 of the tracking code.
    pub tracking_code_hash: Vec<u8>,
    /// When it was received.
    pub received_at: DateTimeUtc,
    /// The day of receipt in Europe/Brussels.
    pub received_on: Date,
    /// Acknowledge by.
    pub acknowledge_by: Date,
    /// Resolve by (complaints only).
    pub resolve_by: Option<Date>,
    /// When it was closed.
    pub closed_at: Option<DateTimeUtc>,
    /// Bumped on every change.
    pub version: i32,
    /// Last change.
    pub updated_at: DateTimeUtc,
}

/// No navigable relations.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

/// A complaint row read as [`Model`], its nullable columns and dates through
/// [`super::decode`]: the form every complaint is read in.
#[derive(Debug)]
pub struct Read(pub Model);

impl FromQueryResult for Read {
    fn from_query_result(res: &QueryResult, pre: &str) -> Result<Self, DbErr> {
        if !pre.is_empty() {
            return Model::from_query_result(res, pre).map(Self);
        }
        let col = |c: Column| c.as_str();
        Ok(Self(Model {
            id: res.try_get(pre, col(Column::Id))?,
            reference: res.try_get(pre, col(Column::Reference))?,
            municipality: res.try_get(pre, col(Column::Municipality))?,
            kind: res.try_get(pre, col(Column::Kind))?,
            channel: res.try_get(pre, col(Column::Channel))?,
            status: res.try_get(pre, col(Column::Status))?,
            reporter_role: res.try_get(pre, col(Column::ReporterRole))?,
            contact_name: nullable(res, col(Column::ContactName))?,
            contact_email: nullable(res, col(Column::ContactEmail))?,
            contact_phone: nullable(res, col(Column::ContactPhone))?,
            preferred_language: nullable(res, col(Column::PreferredLanguage))?,
            consent_to_contact: res.try_get(pre, col(Column::ConsentToContact))?,
            consent_to_share_with: res.try_get(pre, col(Column::ConsentToShareWith))?,
            occurred_on: date(res, col(Column::OccurredOn))?,
            location_kind: res.try_get(pre, col(Column::LocationKind))?,
            location_text: nullable(res, col(Column::LocationText))?,
            context: res.try_get(pre, col(Column::Context))?,
            involved_service: nullable(res, col(Column::InvolvedService))?,
            grounds: res.try_get(pre, col(Column::Grounds))?,
            conduct: res.try_get(pre, col(Column::Conduct))?,
            description: nullable(res, col(Column::Description))?,
            possible_hate_crime: res.try_get(pre, col(Column::PossibleHateCrime))?,
            submitted_by_partner: nullable(res, col(Column::SubmittedByPartner))?,
            created_by: nullable(res, col(Column::CreatedBy))?,
            assigned_handler: nullable(res, col(Column::AssignedHandler))?,
            outcome: nullable(res, col(Column::Outcome))?,
            referred_to: nullable(res, col(Column::ReferredTo))?,
            tracking_code_hash: res.try_get(pre, col(Column::TrackingCodeHash))?,
            received_at: res.try_get(pre, col(Column::ReceivedAt))?,
            received_on: date(res, col(Column::ReceivedOn))?,
            acknowledge_by: date(res, col(Column::AcknowledgeBy))?,
            resolve_by: nullable_date(res, col(Column::ResolveBy))?,
            closed_at: nullable(res, col(Column::ClosedAt))?,
            version: res.try_get(pre, col(Column::Version))?,
            updated_at: res.try_get(pre, col(Column::UpdatedAt))?,
        }))
    }
}
