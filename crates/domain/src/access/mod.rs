//! The authorisation decision (DESIGN §3, §10, §11): principal, action and the record's owner →
//! allow, forbid (403) or not found (404).
//!
//! Two steps. First the role or scope: may this caller *ever* do this action? If not, 403.
//! Then, when the record is known, the object: is it within the caller's municipalities and,
//! for a partner, its own record (or a consultation it takes part in)? If not, 404, exactly as
//! for an id that does not exist, so that nobody learns what another tenant holds. Creating a
//! record, or asking for statistics, in a municipality the caller is not granted is 403: the
//! caller names that municipality itself, so there is nothing to hide.
//!
//! Lists are decided without an owner; [`list_scope`] then says what the query must filter on.

mod action;
mod principal;

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests;

use uuid::Uuid;

use crate::error::DomainError;
use crate::model::municipality::NisCode;

pub use action::{Action, ActionKind};
pub use principal::{MunicipalityGrant, PartnerCaller, Principal, Staff};

use action::{PartnerReach, StaffReach};

/// Who owns a record: its municipality (several for a consultation), the partner that submitted
/// it, the staff member who created it (applications entered at the counter) and, for a
/// consultation, the partners among its participants.
///
/// ```
/// # use samenleven_domain::access::Owner;
/// # use samenleven_domain::model::municipality::NisCode;
/// # fn main() -> Result<(), String> {
/// # let (partner, officer) = (uuid::Uuid::nil(), Some("officer-1".to_owned()));
/// let owner = Owner::in_municipality(NisCode::parse("36008")?)
///     .submitted_by(partner)
///     .created_by(officer);
/// # Ok(())
/// # }
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Owner {
    /// The record's municipality; a consultation may cover several.
    pub municipalities: Vec<NisCode>,
    /// The partner that submitted the record, if a partner did.
    pub submitted_by_partner: Option<Uuid>,
    /// The `sub` of the staff member who created the record, where that matters (applications).
    pub created_by_staff: Option<String>,
    /// The partners among a consultation's participants.
    pub participant_partners: Vec<Uuid>,
}

impl Owner {
    /// A record of one municipality, submitted by no partner.
    pub fn in_municipality(nis_code: NisCode) -> Self {
        Self::in_municipalities([nis_code])
    }

    /// A record of several municipalities (a consultation for a region).
    pub fn in_municipalities(nis_codes: impl IntoIterator<Item = NisCode>) -> Self {
        Self {
            municipalities: nis_codes.into_iter().collect(),
            submitted_by_partner: None,
            created_by_staff: None,
            participant_partners: Vec::new(),
        }
    }

    /// The partner that submitted the record: takes a `Uuid` or the record's `Option<Uuid>`.
    pub fn submitted_by(mut self, partner_id: impl Into<Option<Uuid>>) -> Self {
        self.submitted_by_partner = partner_id.into();
        self
    }

    /// The staff member who created the record: takes a `String` or the record's
    /// `Option<String>`.
    pub fn created_by(mut self, subject: impl Into<Option<String>>) -> Self {
        self.created_by_staff = subject.into();
        self
    }

    /// The partners among the consultation's participants (those with a `partnerId`).
    pub fn with_participants(mut self, partner_ids: impl IntoIterator<Item = Uuid>) -> Self {
        self.participant_partners = partner_ids.into_iter().collect();
        self
    }
}

/// The outcome.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Decision {
    /// Go ahead.
    Allow,
    /// The caller's role or scope never allows this here: 403.
    Forbid,
    /// The record is not the caller's to see: 404, as for an id that does not exist.
    NotFound,
}

impl Decision {
    /// Whether the caller may go ahead.
    pub fn is_allowed(self) -> bool {
        self == Self::Allow
    }
}

/// Why a caller may or may not: the detail behind a [`Decision`], for the 403 message.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Verdict {
    Allow,
    /// Neither a role nor a scope of the caller allows the action.
    NoRole,
    /// The caller names a municipality it is not granted (`None`: it names none at all).
    NotGranted(Option<NisCode>),
    /// An officer making the applicant's transition of an application it did not enter.
    NotCreator,
    /// The record is outside the caller's reach.
    Hidden,
}

impl Verdict {
    fn decision(&self) -> Decision {
        match self {
            Self::Allow => Decision::Allow,
            Self::NoRole | Self::NotGranted(_) | Self::NotCreator => Decision::Forbid,
            Self::Hidden => Decision::NotFound,
        }
    }
}

/// The one decision function: may `principal` do `action` on the record `owner` owns?
///
/// Give the owner of the route's record (for a create, the target municipality; for statistics,
/// the municipalities asked for); `None` decides on the role or scope alone, as for lists.
pub fn decide(principal: &Principal, action: Action, owner: Option<&Owner>) -> Decision {
    evaluate(principal, action, owner).decision()
}

/// [`decide`] as a `Result`: [`DomainError::Forbidden`] with a message naming the action and
/// what it needs, or [`DomainError::NotFound`] naming `what` (e.g. `"complaint"`).
pub fn authorize(
    principal: &Principal,
    action: Action,
    owner: Option<&Owner>,
    what: &'static str,
) -> Result<(), DomainError> {
    let describe = action.describe();
    match evaluate(principal, action, owner) {
        Verdict::Allow => Ok(()),
        Verdict::Hidden => Err(DomainError::NotFound(what)),
        Verdict::NoRole => Err(DomainError::Forbidden(format!(
            "you may not {describe}: that needs {}",
            action.requirement()
        ))),
        Verdict::NotGranted(Some(nis_code)) => Err(DomainError::Forbidden(format!(
            "you may not {describe} for municipality {nis_code}: it is not among the \
             municipalities you are granted"
        ))),
        Verdict::NotGranted(None) => Err(DomainError::Forbidden(format!(
            "you may not {describe} without naming a municipality you are granted"
        ))),
        Verdict::NotCreator => Err(DomainError::Forbidden(format!(
            "you may not {describe}: staff make the applicant's transitions only for \
             applications they entered at the counter"
        ))),
    }
}

fn evaluate(principal: &Principal, action: Action, owner: Option<&Owner>) -> Verdict {
    let rule = action.rule();
    match principal {
        Principal::Staff(staff) => {
            let has_role = staff.is_admin() || rule.roles.iter().any(|&role| staff.has_role(role));
            if !has_role {
                return Verdict::NoRole;
            }
            let Some(owner) = owner else {
                return Verdict::Allow;
            };
            let within = within(rule.kind, owner, |nis| staff.municipalities.covers(nis));
            if within != Verdict::Allow {
                return within;
            }
            let creator_only = rule.staff == StaffReach::Creator && is_single_record(rule.kind);
            if creator_only && owner.created_by_staff.as_deref() != Some(staff.subject.as_str()) {
                return Verdict::NotCreator;
            }
            Verdict::Allow
        }
        Principal::Partner(partner) => {
            let Some((scope, reach)) = rule.partner else {
                return Verdict::NoRole;
            };
            if !partner.has_scope(scope) {
                return Verdict::NoRole;
            }
            let Some(owner) = owner else {
                return Verdict::Allow;
            };
            let within = within(rule.kind, owner, |nis| partner.covers(nis));
            if within != Verdict::Allow || !is_single_record(rule.kind) {
                return within;
            }
            let theirs = match reach {
                PartnerReach::Municipalities => true,
                PartnerReach::Own => owner.submitted_by_partner == Some(partner.partner_id),
                PartnerReach::Participant => {
                    owner.participant_partners.contains(&partner.partner_id)
                }
            };
            if theirs {
                Verdict::Allow
            } else {
                Verdict::Hidden
            }
        }
    }
}

fn is_single_record(kind: ActionKind) -> bool {
    matches!(kind, ActionKind::Record | ActionKind::RecordSummary)
}

/// Whether the owner's municipalities are within reach: a record needs one of them (any overlap
/// suffices for a consultation of several), else it is hidden; a create, list or statistics
/// names them itself, so each must be granted, else 403.
fn within(kind: ActionKind, owner: &Owner, covers: impl Fn(&NisCode) -> bool) -> Verdict {
    if is_single_record(kind) {
        if owner.municipalities.iter().any(&covers) {
            Verdict::Allow
        } else {
            Verdict::Hidden
        }
    } else if owner.municipalities.is_empty() {
        Verdict::NotGranted(None)
    } else {
        match owner.municipalities.iter().find(|nis| !covers(nis)) {
            Some(nis_code) => Verdict::NotGranted(Some(nis_code.clone())),
            None => Verdict::Allow,
        }
    }
}

/// What a list query must filter on, so that it shows only what [`decide`] would allow one by one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListScope {
    /// Only records of these municipalities (any of them, for a consultation).
    pub municipalities: MunicipalityGrant,
    /// When set, only the records this partner submitted.
    pub only_submitted_by: Option<Uuid>,
    /// When set, only the consultations where this partner is a participant.
    pub only_participant: Option<Uuid>,
}

impl ListScope {
    /// Whether a record with this owner belongs in the list: the filter a repository applies,
    /// for in-memory repositories and tests.
    pub fn admits(&self, owner: &Owner) -> bool {
        self.municipalities.covers_any(&owner.municipalities)
            && self
                .only_submitted_by
                .is_none_or(|partner| owner.submitted_by_partner == Some(partner))
            && self
                .only_participant
                .is_none_or(|partner| owner.participant_partners.contains(&partner))
    }
}

/// What a list (or statistics) query for `action` must filter on: the caller's municipalities
/// and, for a partner, its own records or the consultations it takes part in. Ask [`decide`]
/// first; for a caller that may not do `action` at all the scope admits nothing.
pub fn list_scope(principal: &Principal, action: Action) -> ListScope {
    let mut scope = ListScope {
        municipalities: MunicipalityGrant::Only(Default::default()),
        only_submitted_by: None,
        only_participant: None,
    };
    if !decide(principal, action, None).is_allowed() {
        return scope;
    }
    scope.municipalities = principal.municipality_grant();
    if let (Principal::Partner(partner), Some((_, reach))) = (principal, action.rule().partner) {
        match reach {
            PartnerReach::Municipalities => {}
            PartnerReach::Own => scope.only_submitted_by = Some(partner.partner_id),
            PartnerReach::Participant => scope.only_participant = Some(partner.partner_id),
        }
    }
    scope
}
