//! The consultation transition table, exhaustively, and its guard.

use uuid::Uuid;

use super::*;
use crate::error::FieldError;
use crate::reference::{ConsultationStatus, Enumeration};

use ConsultationStatus::{Cancelled, Held, MinutesApproved, Planned};

/// DESIGN §11 written out independently of the implementation's table.
fn expected(from: ConsultationStatus) -> Vec<ConsultationStatus> {
    match from {
        Planned => vec![Held, Cancelled],
        Held => vec![MinutesApproved],
        MinutesApproved | Cancelled => vec![],
    }
}

fn state(status: ConsultationStatus, has_minutes: bool) -> ConsultationState {
    ConsultationState {
        status,
        has_minutes,
    }
}

fn to(status: ConsultationStatus) -> ConsultationTransitionRequest {
    ConsultationTransitionRequest {
        to: status,
        reason: None,
    }
}

fn consultation(status: ConsultationStatus, minutes: Option<&str>) -> Consultation {
    Consultation {
        id: Uuid::from_u128(1),
        municipalities: ["41002"]
            .into_iter()
            .map(|c| crate::model::municipality::NisCode::parse(c).unwrap())
            .collect(),
        period: HalfYear::parse("2026-H1").unwrap(),
        scheduled_at: "2026-06-15T12:00:00Z".parse().unwrap(),
        location: "Stadhuis Aalst".to_owned(),
        status,
        minutes: minutes.map(str::to_owned),
        version: 3,
    }
}

#[test]
fn the_table_allows_exactly_design_11() {
    for &from in ConsultationStatus::ALL {
        assert_eq!(allowed_transitions(from), expected(from), "{from}");
    }
}

#[test]
fn every_pair_is_decided_by_the_table() {
    for &from in ConsultationStatus::ALL {
        for &target in ConsultationStatus::ALL {
            let result = transition(&state(from, true), &to(target));
            if expected(from).contains(&target) {
                assert_eq!(result.unwrap().status, target, "{from} → {target}");
            } else {
                assert_eq!(
                    result.unwrap_err(),
                    ConsultationTransitionError::NotAllowed {
                        from,
                        to: target,
                        allowed: expected(from),
                    },
                    "{from} → {target}"
                );
            }
        }
    }
}

#[test]
fn a_refusal_names_the_allowed_transitions() {
    let error = transition(&state(Planned, false), &to(MinutesApproved)).unwrap_err();
    assert_eq!(
        error.to_string(),
        "a consultation cannot go from `planned` to `minutes_approved`; allowed: `held`, \
         `cancelled`"
    );
    let error = transition(&state(Cancelled, false), &to(Planned)).unwrap_err();
    assert!(
        error
            .to_string()
            .ends_with("no transition is allowed from there")
    );
}

#[test]
fn approving_minutes_needs_minutes() {
    let error = transition(&state(Held, false), &to(MinutesApproved)).unwrap_err();
    assert!(matches!(
        error,
        ConsultationTransitionError::Precondition(_)
    ));
    assert!(transition(&state(Held, true), &to(MinutesApproved)).is_ok());
}

#[test]
fn the_table_is_checked_before_the_request_and_the_request_before_the_state() {
    let long = ConsultationTransitionRequest {
        to: MinutesApproved,
        reason: Some("r".repeat(2_001)),
    };
    assert!(matches!(
        transition(&state(Planned, false), &long).unwrap_err(),
        ConsultationTransitionError::NotAllowed { .. }
    ));
    assert_eq!(
        transition(&state(Held, false), &long).unwrap_err(),
        ConsultationTransitionError::Invalid(vec![FieldError::new(
            "/reason",
            "must be at most 2000 characters, not 2001"
        )])
    );
}

#[test]
fn reasons_are_trimmed_and_blank_ones_dropped() {
    let request = ConsultationTransitionRequest {
        to: Cancelled,
        reason: Some("  no quorum ".to_owned()),
    };
    let outcome = transition(&state(Planned, false), &request).unwrap();
    assert_eq!(outcome.reason.as_deref(), Some("no quorum"));
    let request = ConsultationTransitionRequest {
        to: Cancelled,
        reason: Some("  ".to_owned()),
    };
    assert_eq!(
        transition(&state(Planned, false), &request).unwrap().reason,
        None
    );
}

#[test]
fn a_consultation_moves_through_its_lifecycle() {
    let planned = consultation(Planned, None);
    assert_eq!(planned.allowed_transitions(), [Held, Cancelled]);
    let (held, outcome) = planned.transition(&to(Held)).unwrap();
    assert_eq!((held.status, outcome.status), (Held, Held));
    assert_eq!(held.version, planned.version);
    assert!(matches!(
        held.transition(&to(MinutesApproved)).unwrap_err(),
        ConsultationTransitionError::Precondition(_)
    ));
    let with_minutes = held
        .set_minutes("  Present: police, Unia. Agreed: … ")
        .unwrap();
    assert!(with_minutes.has_minutes());
    let (approved, _) = with_minutes.transition(&to(MinutesApproved)).unwrap();
    assert_eq!(approved.status, MinutesApproved);
    assert!(approved.allowed_transitions().is_empty());
}

#[test]
fn blank_minutes_do_not_count_as_minutes() {
    assert!(!consultation(Held, Some("   ")).has_minutes());
    assert!(!consultation(Held, None).has_minutes());
    assert!(consultation(Held, Some("x")).has_minutes());
    assert!(!consultation(Held, Some(" \n")).state().has_minutes);
}
