//! The `complaints` table. Contact data and the description are nullable: erasure and
//! retention remove them while the statistics stay.

use sea_orm::entity::prelude::*;

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
