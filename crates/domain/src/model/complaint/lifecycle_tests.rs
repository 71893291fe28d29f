//! The transition table, exhaustively, and each guard and request rule.

use super::lifecycle::*;
use crate::error::FieldError;
use crate::reference::{
    ComplaintKind, ComplaintOutcome, ComplaintStatus, Enumeration, ReferralBody,
};

use ComplaintKind::{Complaint, Report};
use ComplaintStatus::{Acknowledged, Closed, InTreatment, Received, Referred};

/// DESIGN §11 written out independently of the implementation's table.
fn expected(kind: ComplaintKind, from: ComplaintStatus) -> Vec<ComplaintStatus> {
    match (kind, from) {
        (_, Received) => vec![Acknowledged],
        (Report, Acknowledged) => vec![Closed],
        (Complaint, Acknowledged) => vec![InTreatment, Closed],
        (Complaint, InTreatment) => vec![Referred, Closed],
        (Complaint, Referred) => vec![InTreatment, Closed],
        (Report, InTreatment | Referred) | (_, Closed) => vec![],
    }
}

fn state(kind: ComplaintKind, status: ComplaintStatus) -> ComplaintState {
    ComplaintState {
        kind,
        status,
        assigned_handler: Some("handler-1".to_owned()),
        consent_to_share_with: ReferralBody::ALL.to_vec(),
    }
}

fn request(to: ComplaintStatus) -> TransitionRequest {
    TransitionRequest {
        to,
        outcome: None,
        referred_to: None,
        reason: None,
    }
}

/// A request for `to` that carries exactly the fields it needs.
fn good_request(kind: ComplaintKind, to: ComplaintStatus) -> TransitionRequest {
    TransitionRequest {
        outcome: (to == Closed).then_some(match kind {
            Report => ComplaintOutcome::Registered,
            Complaint => ComplaintOutcome::Resolved,
        }),
        referred_to: (to == Referred).then_some(ReferralBody::Unia),
        ..request(to)
    }
}

fn invalid(result: Result<TransitionOutcome, TransitionError>) -> Vec<FieldError> {
    match result {
        Err(TransitionError::Invalid(errors)) => errors,
        other => panic!("expected a 422, got {other:?}"),
    }
}

fn precondition(result: Result<TransitionOutcome, TransitionError>) -> String {
    match result {
        Err(TransitionError::Precondition(message)) => message,
        other => panic!("expected a 409 precondition, got {other:?}"),
    }
}

fn only_pointer(errors: &[FieldError]) -> &str {
    assert_eq!(errors.len(), 1, "{errors:?}");
    &errors[0].pointer
}

#[test]
fn allowed_transitions_follow_the_table_for_both_kinds() {
    for kind in [Report, Complaint] {
        for &from in ComplaintStatus::ALL {
            assert_eq!(
                allowed_transitions(kind, from),
                expected(kind, from),
                "{kind} {from}"
            );
        }
    }
}

#[test]
fn every_pair_of_statuses_is_allowed_or_refused_with_the_allowed_list() {
    let mut legal = 0;
    for kind in [Report, Complaint] {
        for &from in ComplaintStatus::ALL {
            for &to in ComplaintStatus::ALL {
                let result = transition(&state(kind, from), &good_request(kind, to));
                if expected(kind, from).contains(&to) {
                    legal += 1;
                    let outcome = result.unwrap_or_else(|e| panic!("{kind} {from}→{to}: {e}"));
                    assert_eq!(outcome.status, to);
                    assert_eq!(outcome.closed, to == Closed);
                } else {
                    assert_eq!(
                        result,
                        Err(TransitionError::NotAllowed {
                            kind,
                            from,
                            to,
                            allowed: expected(kind, from),
                        }),
                        "{kind} {from}→{to}"
                    );
                }
            }
        }
    }
    assert_eq!(legal, 2 + 7);
}

#[test]
fn the_table_is_checked_before_the_request() {
    // Closing a received complaint without an outcome: 409, not 422.
    let result = transition(&state(Complaint, Received), &request(Closed));
    assert!(matches!(result, Err(TransitionError::NotAllowed { .. })));
    // A report cannot be referred, whatever the request says.
    let result = transition(&state(Report, Acknowledged), &request(Referred));
    assert!(matches!(result, Err(TransitionError::NotAllowed { .. })));
}

#[test]
fn the_request_is_checked_before_the_state() {
    let mut no_handler = state(Complaint, Acknowledged);
    no_handler.assigned_handler = None;
    let wrong = TransitionRequest {
        outcome: Some(ComplaintOutcome::Resolved),
        ..request(InTreatment)
    };
    assert_eq!(
        only_pointer(&invalid(transition(&no_handler, &wrong))),
        "/outcome"
    );
}

#[test]
fn treatment_needs_an_assigned_handler() {
    for from in [Acknowledged, Referred] {
        for handler in [None, Some("  ".to_owned())] {
            let mut state = state(Complaint, from);
            state.assigned_handler = handler;
            let message = precondition(transition(&state, &request(InTreatment)));
            assert!(message.contains("no assigned handler"), "{message}");
        }
    }
}

#[test]
fn referral_needs_consent_to_share_with_that_body() {
    let mut state = state(Complaint, InTreatment);
    state.consent_to_share_with = vec![ReferralBody::Vmri, ReferralBody::Police];
    let refer = |body| TransitionRequest {
        referred_to: Some(body),
        ..request(Referred)
    };
    let message = precondition(transition(&state, &refer(ReferralBody::Unia)));
    assert!(message.contains("`unia`"), "{message}");
    assert!(message.contains("`vmri`, `police`"), "{message}");
    let outcome = transition(&state, &refer(ReferralBody::Vmri)).unwrap();
    assert_eq!(outcome.referred_to, Some(ReferralBody::Vmri));

    state.consent_to_share_with = vec![];
    let message = precondition(transition(&state, &refer(ReferralBody::Vmri)));
    assert!(message.contains("no body"), "{message}");
}

#[test]
fn closing_needs_an_outcome() {
    for kind in [Report, Complaint] {
        let errors = invalid(transition(&state(kind, Acknowledged), &request(Closed)));
        assert_eq!(only_pointer(&errors), "/outcome");
        assert!(errors[0].message.starts_with("is required"));
    }
}

#[test]
fn a_report_is_closed_as_registered_only() {
    for &outcome in ComplaintOutcome::ALL {
        let close = TransitionRequest {
            outcome: Some(outcome),
            ..request(Closed)
        };
        let result = transition(&state(Report, Acknowledged), &close);
        if outcome == ComplaintOutcome::Registered {
            assert_eq!(result.unwrap().outcome, Some(outcome));
        } else {
            assert_eq!(only_pointer(&invalid(result)), "/outcome", "{outcome}");
        }
    }
}

#[test]
fn registered_is_for_reports_only() {
    for from in [Acknowledged, InTreatment, Referred] {
        let close = TransitionRequest {
            outcome: Some(ComplaintOutcome::Registered),
            ..request(Closed)
        };
        let errors = invalid(transition(&state(Complaint, from), &close));
        assert_eq!(only_pointer(&errors), "/outcome");
        assert!(errors[0].message.contains("reports only"));
    }
    for &outcome in ComplaintOutcome::ALL {
        if outcome != ComplaintOutcome::Registered {
            let close = TransitionRequest {
                outcome: Some(outcome),
                ..request(Closed)
            };
            assert!(transition(&state(Complaint, InTreatment), &close).is_ok());
        }
    }
}

#[test]
fn referral_needs_referred_to() {
    let errors = invalid(transition(
        &state(Complaint, InTreatment),
        &request(Referred),
    ));
    assert_eq!(only_pointer(&errors), "/referredTo");
}

#[test]
fn only_closing_takes_an_outcome_and_only_referring_takes_referred_to() {
    let extra = |to, kind| TransitionRequest {
        outcome: Some(match kind {
            Report => ComplaintOutcome::Registered,
            Complaint => ComplaintOutcome::Resolved,
        }),
        referred_to: Some(ReferralBody::Unia),
        ..request(to)
    };
    let cases = [
        (
            Report,
            Received,
            Acknowledged,
            vec!["/outcome", "/referredTo"],
        ),
        (
            Complaint,
            Acknowledged,
            InTreatment,
            vec!["/outcome", "/referredTo"],
        ),
        (Complaint, InTreatment, Referred, vec!["/outcome"]),
        (Complaint, Referred, Closed, vec!["/referredTo"]),
        (Report, Acknowledged, Closed, vec!["/referredTo"]),
    ];
    for (kind, from, to, pointers) in cases {
        let errors = invalid(transition(&state(kind, from), &extra(to, kind)));
        let got: Vec<_> = errors.iter().map(|e| e.pointer.as_str()).collect();
        assert_eq!(got, pointers, "{kind} {from}→{to}");
    }
}

#[test]
fn a_reason_is_trimmed_and_bounded() {
    let with_reason = |reason: String| TransitionRequest {
        reason: Some(reason),
        ..request(Acknowledged)
    };
    let outcome = transition(
        &state(Complaint, Received),
        &with_reason("  called the reporter ".to_owned()),
    )
    .unwrap();
    assert_eq!(outcome.reason.as_deref(), Some("called the reporter"));
    let outcome = transition(&state(Complaint, Received), &with_reason(" ".to_owned())).unwrap();
    assert_eq!(outcome.reason, None);
    let errors = invalid(transition(
        &state(Complaint, Received),
        &with_reason("x".repeat(MAX_REASON_CHARS + 1)),
    ));
    assert_eq!(only_pointer(&errors), "/reason");
}

#[test]
fn the_outcome_says_what_to_store() {
    let closed = transition(
        &state(Complaint, Referred),
        &good_request(Complaint, Closed),
    )
    .unwrap();
    assert_eq!(
        closed,
        TransitionOutcome {
            status: Closed,
            outcome: Some(ComplaintOutcome::Resolved),
            referred_to: None,
            reason: None,
            closed: true,
        }
    );
    let referred = transition(
        &state(Complaint, InTreatment),
        &good_request(Complaint, Referred),
    )
    .unwrap();
    assert_eq!(referred.referred_to, Some(ReferralBody::Unia));
    assert_eq!((referred.outcome, referred.closed), (None, false));
}

#[test]
fn a_refusal_explains_itself() {
    let error = transition(&state(Report, Acknowledged), &request(InTreatment)).unwrap_err();
    assert_eq!(
        error.to_string(),
        "a report cannot go from `acknowledged` to `in_treatment`; allowed: `closed`"
    );
    let error = transition(&state(Complaint, Closed), &request(Received)).unwrap_err();
    assert_eq!(
        error.to_string(),
        "a complaint cannot go from `closed` to `received`; no transition is allowed from there"
    );
    let error = transition(&state(Complaint, Acknowledged), &request(Referred)).unwrap_err();
    assert!(
        error
            .to_string()
            .ends_with("allowed: `in_treatment`, `closed`")
    );
}
