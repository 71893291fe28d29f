//! Table tests of the decision: first who may ever do what (the matrix of DESIGN §10), then the
//! object level per action, then named cases, claims, list scopes and messages.

use std::collections::BTreeSet;

use uuid::Uuid;

use super::*;
use crate::reference::{Enumeration, PartnerKind, Role, Scope};

mod cases;
mod claims;
mod objects;

use Action::*;

/// The caller's own municipality.
const HOME: &str = "36008";
/// A municipality of the same deployment that the callers below are not granted.
const NEIGHBOUR: &str = "12025";
/// The subject of the staff callers.
const ALICE: &str = "alice";

fn nis(code: &str) -> NisCode {
    NisCode::parse(code).unwrap()
}

/// The partner that calls.
fn our_partner() -> Uuid {
    Uuid::from_u128(0x0001)
}

/// Another partner of the same municipality.
fn other_partner() -> Uuid {
    Uuid::from_u128(0x0002)
}

fn staff_with(roles: &[Role], municipalities: MunicipalityGrant) -> Principal {
    Principal::Staff(Staff {
        subject: ALICE.to_owned(),
        roles: roles.iter().copied().collect(),
        municipalities,
    })
}

/// Staff granted only [`HOME`].
fn staff(roles: &[Role]) -> Principal {
    staff_with(roles, MunicipalityGrant::Only(BTreeSet::from([nis(HOME)])))
}

/// Staff granted `["*"]`.
fn staff_everywhere(roles: &[Role]) -> Principal {
    staff_with(roles, MunicipalityGrant::All)
}

/// [`our_partner`] working for [`HOME`] with a key of these scopes.
fn partner(scopes: &[Scope]) -> Principal {
    Principal::Partner(PartnerCaller {
        partner_id: our_partner(),
        kind: PartnerKind::Ngo,
        municipalities: BTreeSet::from([nis(HOME)]),
        scopes: scopes.iter().copied().collect(),
        key_id: Uuid::from_u128(0x00ff),
    })
}

fn home() -> Owner {
    Owner::in_municipality(nis(HOME))
}

fn neighbour() -> Owner {
    Owner::in_municipality(nis(NEIGHBOUR))
}

const ANY_STAFF: &[&str] = &[
    "complaint_handler",
    "hate_crime_coordinator",
    "subsidy_officer",
    "subsidy_reviewer",
    "analyst",
];

/// Who may ever do each action besides `admin`, by role and scope code: DESIGN §10, written out
/// again here rather than read from the rule table.
const MATRIX: &[(Action, &[&str])] = &[
    (ListMunicipalities, ANY_STAFF),
    (CreateMunicipality, &[]),
    (ReadMunicipality, ANY_STAFF),
    (UpdateMunicipality, &[]),
    (ListPartners, &[]),
    (CreatePartner, &[]),
    (ReadPartner, &[]),
    (UpdatePartner, &[]),
    (ListApiKeys, &[]),
    (CreateApiKey, &[]),
    (RevokeApiKey, &[]),
    (ListWebhookSubscriptions, &[]),
    (CreateWebhookSubscription, &[]),
    (ReadWebhookSubscription, &[]),
    (UpdateWebhookSubscription, &[]),
    (DeleteWebhookSubscription, &[]),
    (ListWebhookDeliveries, &[]),
    (RedeliverWebhook, &[]),
    (CreateComplaint, &["complaint_handler", "complaints:submit"]),
    (
        ListComplaints,
        &["complaint_handler", "complaints:read_own"],
    ),
    (ReadComplaint, &["complaint_handler", "complaints:read_own"]),
    (UpdateComplaintClassification, &["complaint_handler"]),
    (TransitionComplaint, &["complaint_handler"]),
    (AssignComplaint, &["complaint_handler"]),
    (ListComplaintNotes, &["complaint_handler"]),
    (AddComplaintNote, &["complaint_handler"]),
    (ListComplaintMessages, &["complaint_handler"]),
    (SendComplaintMessage, &["complaint_handler"]),
    (ReadComplaintTimeline, &["complaint_handler"]),
    (ReadComplaintAccessLog, &[]),
    (EscalateComplaint, &["complaint_handler"]),
    (EraseComplaint, &[]),
    (ReadComplaintStatistics, &["complaint_handler", "analyst"]),
    (
        CreateIncident,
        &["hate_crime_coordinator", "incidents:submit"],
    ),
    (ListIncidents, &["hate_crime_coordinator", "incidents:read"]),
    (ReadIncident, &["hate_crime_coordinator", "incidents:read"]),
    (UpdateIncident, &["hate_crime_coordinator"]),
    (ReadIncidentTimeline, &["hate_crime_coordinator"]),
    (
        ReadOdihrSummary,
        &["hate_crime_coordinator", "analyst", "incidents:read"],
    ),
    (
        ReadIncidentOverview,
        &["hate_crime_coordinator", "analyst", "incidents:read"],
    ),
    (CreateConsultation, &["hate_crime_coordinator"]),
    (
        ListConsultations,
        &["hate_crime_coordinator", "consultations:read"],
    ),
    (
        ReadConsultation,
        &["hate_crime_coordinator", "consultations:read"],
    ),
    (UpdateConsultation, &["hate_crime_coordinator"]),
    (TransitionConsultation, &["hate_crime_coordinator"]),
    (ReadConsultationTimeline, &["hate_crime_coordinator"]),
    (ListParticipants, &["hate_crime_coordinator"]),
    (AddParticipant, &["hate_crime_coordinator"]),
    (UpdateParticipant, &["hate_crime_coordinator"]),
    (RemoveParticipant, &["hate_crime_coordinator"]),
    (RecordMinutes, &["hate_crime_coordinator"]),
    (ListActionItems, &["hate_crime_coordinator"]),
    (AddActionItem, &["hate_crime_coordinator"]),
    (UpdateActionItem, &["hate_crime_coordinator"]),
    (
        ReadConsultationAgenda,
        &["hate_crime_coordinator", "consultations:read"],
    ),
    (
        ReadConsultationCadence,
        &["hate_crime_coordinator", "analyst"],
    ),
    (CreateScheme, &["subsidy_officer"]),
    (ListSchemes, &["subsidy_officer"]),
    (ReadScheme, &["subsidy_officer"]),
    (UpdateScheme, &["subsidy_officer"]),
    (ReadSchemeBudget, &["subsidy_officer", "analyst"]),
    (ReadSchemeRanking, &["subsidy_officer", "subsidy_reviewer"]),
    (CreateApplication, &["subsidy_officer", "subsidies:apply"]),
    (
        ListApplications,
        &["subsidy_officer", "subsidy_reviewer", "subsidies:read_own"],
    ),
    (
        ReadApplication,
        &["subsidy_officer", "subsidy_reviewer", "subsidies:read_own"],
    ),
    (UpdateApplication, &["subsidy_officer", "subsidies:apply"]),
    (ApplicantTransition, &["subsidy_officer", "subsidies:apply"]),
    (OfficerTransition, &["subsidy_officer"]),
    (ListReviews, &["subsidy_officer", "subsidy_reviewer"]),
    (SubmitReview, &["subsidy_reviewer"]),
    (ReadApplicationTimeline, &["subsidy_officer"]),
];

fn who(action: Action) -> &'static [&'static str] {
    MATRIX
        .iter()
        .find(|(a, _)| *a == action)
        .map(|(_, who)| *who)
        .unwrap()
}

#[test]
fn the_matrix_names_every_action_once_in_order() {
    let in_matrix: Vec<Action> = MATRIX.iter().map(|(a, _)| *a).collect();
    assert_eq!(in_matrix, Action::ALL);
}

#[test]
fn each_role_may_do_what_the_matrix_says_and_nothing_else() {
    for &action in Action::ALL {
        for &role in Role::ALL {
            let expected = if role == Role::Admin || who(action).contains(&role.code()) {
                Decision::Allow
            } else {
                Decision::Forbid
            };
            let principal = staff_everywhere(&[role]);
            assert_eq!(
                decide(&principal, action, None),
                expected,
                "{role} on {action:?}"
            );
        }
    }
}

#[test]
fn each_scope_allows_what_the_matrix_says_and_nothing_else() {
    for &action in Action::ALL {
        for &scope in Scope::ALL {
            let expected = if who(action).contains(&scope.code()) {
                Decision::Allow
            } else {
                Decision::Forbid
            };
            assert_eq!(
                decide(&partner(&[scope]), action, None),
                expected,
                "{scope} on {action:?}"
            );
        }
    }
}

#[test]
fn callers_without_roles_or_scopes_are_forbidden_everything() {
    for &action in Action::ALL {
        assert_eq!(
            decide(&staff_everywhere(&[]), action, None),
            Decision::Forbid
        );
        assert_eq!(decide(&partner(&[]), action, None), Decision::Forbid);
        assert_eq!(
            decide(&staff(&[]), action, Some(&home())),
            Decision::Forbid,
            "the role step comes before the record: {action:?}"
        );
    }
}

#[test]
fn several_roles_add_up() {
    let principal = staff(&[Role::ComplaintHandler, Role::SubsidyReviewer]);
    for &action in Action::ALL {
        let allowed = who(action)
            .iter()
            .any(|code| ["complaint_handler", "subsidy_reviewer"].contains(code));
        assert_eq!(
            decide(&principal, action, None).is_allowed(),
            allowed,
            "{action:?}"
        );
    }
}

#[test]
fn partners_never_manage_anything_beyond_their_scopes() {
    let principal = partner(Scope::ALL);
    for &action in Action::ALL {
        let allowed = who(action).iter().any(|code| code.contains(':'));
        assert_eq!(
            decide(&principal, action, None).is_allowed(),
            allowed,
            "{action:?}"
        );
    }
}
