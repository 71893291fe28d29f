//! The object level, for every action and every caller the matrix allows: within the caller's
//! municipalities, outside them, and someone else's record.

use super::*;

/// The actions whose owner the caller names itself (a create, a top-level list, statistics):
/// a municipality it is not granted is 403, not 404.
fn names_its_municipalities(action: Action) -> bool {
    matches!(
        action,
        CreateMunicipality
            | CreatePartner
            | CreateWebhookSubscription
            | CreateComplaint
            | CreateIncident
            | CreateConsultation
            | CreateScheme
            | CreateApplication
            | ListMunicipalities
            | ListPartners
            | ListWebhookSubscriptions
            | ListComplaints
            | ListIncidents
            | ListConsultations
            | ListSchemes
            | ListApplications
            | ReadComplaintStatistics
            | ReadOdihrSummary
            | ReadIncidentOverview
            | ReadConsultationCadence
    )
}

/// The single-record actions where a partner reaches only what it submitted.
const PARTNER_OWN: &[Action] = &[
    ReadComplaint,
    ReadApplication,
    UpdateApplication,
    ApplicantTransition,
];

/// The single-record actions where a partner reaches only consultations it takes part in.
const PARTNER_PARTICIPANT: &[Action] = &[ReadConsultation, ReadConsultationAgenda];

/// Owners as seen from the caller: `(name, owner, staff's decision, partner's decision)` once a
/// role or scope allows the action.
fn owners(action: Action) -> Vec<(&'static str, Owner, Decision, Decision)> {
    let outside = if names_its_municipalities(action) {
        Decision::Forbid
    } else {
        Decision::NotFound
    };
    let mine = |owner: Owner| {
        owner
            .submitted_by(our_partner())
            .created_by(ALICE.to_owned())
            .with_participants([our_partner()])
    };
    let someone_elses = home()
        .submitted_by(other_partner())
        .created_by("bob".to_owned())
        .with_participants([other_partner()]);
    let staff_on_others = if action == ApplicantTransition {
        Decision::Forbid
    } else {
        Decision::Allow
    };
    let partner_on_others = if names_its_municipalities(action)
        || !(PARTNER_OWN.contains(&action) || PARTNER_PARTICIPANT.contains(&action))
    {
        Decision::Allow
    } else {
        Decision::NotFound
    };
    vec![
        (
            "mine at home",
            mine(home()),
            Decision::Allow,
            Decision::Allow,
        ),
        ("mine in the neighbour", mine(neighbour()), outside, outside),
        (
            "mine in both",
            mine(Owner::in_municipalities([nis(HOME), nis(NEIGHBOUR)])),
            if names_its_municipalities(action) {
                Decision::Forbid
            } else {
                Decision::Allow
            },
            if names_its_municipalities(action) {
                Decision::Forbid
            } else {
                Decision::Allow
            },
        ),
        (
            "someone else's at home",
            someone_elses,
            staff_on_others,
            partner_on_others,
        ),
        (
            "of no municipality",
            mine(Owner::in_municipalities([])),
            outside,
            outside,
        ),
    ]
}

#[test]
fn the_kinds_agree_with_who_names_its_municipalities() {
    for &action in Action::ALL {
        let single = matches!(
            action.kind(),
            ActionKind::Record | ActionKind::RecordSummary
        );
        assert_eq!(single, !names_its_municipalities(action), "{action:?}");
    }
}

#[test]
fn every_allowed_role_meets_the_object_level_rules() {
    for &action in Action::ALL {
        let roles = Role::ALL
            .iter()
            .copied()
            .filter(|role| *role == Role::Admin || who(action).contains(&role.code()));
        for role in roles {
            for (name, owner, expected, _) in owners(action) {
                assert_eq!(
                    decide(&staff(&[role]), action, Some(&owner)),
                    expected,
                    "{role} on {action:?}, {name}"
                );
            }
        }
    }
}

#[test]
fn a_wildcard_grant_reaches_every_municipality() {
    let elsewhere = [
        neighbour(),
        Owner::in_municipality(nis("46021")),
        Owner::in_municipality(nis("41011")),
    ];
    for &action in Action::ALL {
        for owner in &elsewhere {
            let owner = owner.clone().created_by(ALICE.to_owned());
            assert_eq!(
                decide(&staff_everywhere(&[Role::Admin]), action, Some(&owner)),
                Decision::Allow,
                "{action:?} in {:?}",
                owner.municipalities
            );
        }
    }
}

#[test]
fn every_allowed_scope_meets_the_object_level_rules() {
    for &action in Action::ALL {
        let scopes = Scope::ALL
            .iter()
            .copied()
            .filter(|scope| who(action).contains(&scope.code()));
        for scope in scopes {
            for (name, owner, _, expected) in owners(action) {
                assert_eq!(
                    decide(&partner(&[scope]), action, Some(&owner)),
                    expected,
                    "{scope} on {action:?}, {name}"
                );
            }
        }
    }
}

#[test]
fn a_forbidden_caller_is_forbidden_whatever_the_record() {
    for &action in Action::ALL {
        let roles = Role::ALL
            .iter()
            .copied()
            .filter(|role| *role != Role::Admin && !who(action).contains(&role.code()));
        for role in roles {
            for (name, owner, _, _) in owners(action) {
                assert_eq!(
                    decide(&staff(&[role]), action, Some(&owner)),
                    Decision::Forbid,
                    "{role} on {action:?}, {name}"
                );
            }
        }
        let scopes = Scope::ALL
            .iter()
            .copied()
            .filter(|scope| !who(action).contains(&scope.code()));
        for scope in scopes {
            for (name, owner, _, _) in owners(action) {
                assert_eq!(
                    decide(&partner(&[scope]), action, Some(&owner)),
                    Decision::Forbid,
                    "{scope} on {action:?}, {name}"
                );
            }
        }
    }
}

#[test]
fn the_analyst_never_reads_a_single_record() {
    for &action in Action::ALL {
        if action.kind() != ActionKind::Record || action == ReadMunicipality {
            continue;
        }
        for owner in [home(), neighbour()] {
            assert_eq!(
                decide(&staff_everywhere(&[Role::Analyst]), action, Some(&owner)),
                Decision::Forbid,
                "{action:?}"
            );
        }
    }
}
