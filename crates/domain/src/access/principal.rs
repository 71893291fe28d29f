//! Who calls (DESIGN §3): a staff member or front-office system with a bearer token, or a partner
//! organisation with one of its API keys, and the municipalities each may see.

use std::collections::BTreeSet;

use uuid::Uuid;

use crate::model::municipality::NisCode;
use crate::reference::{PartnerKind, Role, Scope};

/// Which municipalities a principal may see.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MunicipalityGrant {
    /// Every municipality the deployment serves: `["*"]` in the token's `municipalities` claim.
    All,
    /// Only these municipalities.
    Only(BTreeSet<NisCode>),
}

impl MunicipalityGrant {
    /// The value of the `municipalities` claim that grants every municipality.
    pub const WILDCARD: &'static str = "*";

    /// Reads the token's `municipalities` claim: [`Self::WILDCARD`] anywhere in the list grants
    /// every municipality; otherwise each value must be a NIS code. An empty list grants nothing
    /// and is refused, as a token that can see nothing is a misconfigured token.
    pub fn parse_claim(values: &[String]) -> Result<Self, String> {
        if values.is_empty() {
            return Err(
                "the `municipalities` claim is empty: give NIS codes, or `*` for every municipality"
                    .to_owned(),
            );
        }
        if values.iter().any(|value| value == Self::WILDCARD) {
            return Ok(Self::All);
        }
        values
            .iter()
            .map(|value| {
                NisCode::parse(value)
                    .map_err(|message| format!("the `municipalities` claim: {message}"))
            })
            .collect::<Result<BTreeSet<_>, _>>()
            .map(Self::Only)
    }

    /// Whether the grant includes this municipality.
    pub fn covers(&self, nis_code: &NisCode) -> bool {
        match self {
            Self::All => true,
            Self::Only(codes) => codes.contains(nis_code),
        }
    }

    /// Whether the grant includes at least one of these municipalities (none of an empty list).
    pub fn covers_any(&self, nis_codes: &[NisCode]) -> bool {
        nis_codes.iter().any(|code| self.covers(code))
    }

    /// Whether the grant includes every one of these municipalities, and there is at least one.
    pub fn covers_all(&self, nis_codes: &[NisCode]) -> bool {
        !nis_codes.is_empty() && nis_codes.iter().all(|code| self.covers(code))
    }
}

/// A staff member or front-office system with a bearer token.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Staff {
    /// The token's `sub` claim.
    pub subject: String,
    /// The roles the token's `roles` claim grants.
    pub roles: BTreeSet<Role>,
    /// The municipalities the token's `municipalities` claim grants.
    pub municipalities: MunicipalityGrant,
}

impl Staff {
    /// Whether the token grants this role.
    pub fn has_role(&self, role: Role) -> bool {
        self.roles.contains(&role)
    }

    /// Whether the token grants the `admin` role, which may do everything.
    pub fn is_admin(&self) -> bool {
        self.has_role(Role::Admin)
    }
}

/// A partner organisation calling with one of its API keys.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PartnerCaller {
    /// The partner organisation's id.
    pub partner_id: Uuid,
    /// What kind of organisation the partner is.
    pub kind: PartnerKind,
    /// The municipalities the partner works for.
    pub municipalities: BTreeSet<NisCode>,
    /// The scopes of the API key it called with.
    pub scopes: BTreeSet<Scope>,
    /// The id of the API key it called with (for the audit trail, never the secret).
    pub key_id: Uuid,
}

impl PartnerCaller {
    /// Whether the API key carries this scope.
    pub fn has_scope(&self, scope: Scope) -> bool {
        self.scopes.contains(&scope)
    }

    /// Whether the partner works for this municipality.
    pub fn covers(&self, nis_code: &NisCode) -> bool {
        self.municipalities.contains(nis_code)
    }
}

/// Who calls.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Principal {
    /// A staff member or front-office system with a bearer token.
    Staff(Staff),
    /// A partner organisation with an API key.
    Partner(PartnerCaller),
}

impl Principal {
    /// The actor as timelines and audit logs record it: `staff:<sub>` or `partner:<uuid>`.
    pub fn actor(&self) -> String {
        match self {
            Self::Staff(staff) => format!("staff:{}", staff.subject),
            Self::Partner(partner) => format!("partner:{}", partner.partner_id),
        }
    }

    /// Whether the caller is staff with the `admin` role.
    pub fn is_admin(&self) -> bool {
        matches!(self, Self::Staff(staff) if staff.is_admin())
    }

    /// The partner's id when a partner calls.
    pub fn partner_id(&self) -> Option<Uuid> {
        match self {
            Self::Staff(_) => None,
            Self::Partner(partner) => Some(partner.partner_id),
        }
    }

    /// The staff member's `sub` when staff calls.
    pub fn staff_subject(&self) -> Option<&str> {
        match self {
            Self::Staff(staff) => Some(&staff.subject),
            Self::Partner(_) => None,
        }
    }

    /// The municipalities the caller may see: a partner's are always an explicit list.
    pub fn municipality_grant(&self) -> MunicipalityGrant {
        match self {
            Self::Staff(staff) => staff.municipalities.clone(),
            Self::Partner(partner) => MunicipalityGrant::Only(partner.municipalities.clone()),
        }
    }
}

impl From<Staff> for Principal {
    fn from(staff: Staff) -> Self {
        Self::Staff(staff)
    }
}

impl From<PartnerCaller> for Principal {
    fn from(partner: PartnerCaller) -> Self {
        Self::Partner(partner)
    }
}
