//! The transition table, exhaustively for both parties, and each request rule and guard.

use super::lifecycle::*;
use super::test_support::{cents, day};
use crate::error::FieldError;
use crate::reference::{ApplicationStatus, Enumeration};

use ApplicationStatus::{
    AdvancePaid, Approved, Draft, InReview, NeedsInformation, Reclaimed, Rejected, ReportSubmitted,
    Settled, Submitted, Withdrawn,
};
use Party::{Applicant, Officer};

/// DESIGN §11 written out independently of the implementation's table.
fn expected(from: ApplicationStatus, party: Party) -> Vec<ApplicationStatus> {
    match (party, from) {
        (Applicant, Draft) => vec![Submitted, Withdrawn],
        (Applicant, Submitted | InReview) => vec![Withdrawn],
        (Applicant, NeedsInformation) => vec![InReview, Withdrawn],
        (Applicant, AdvancePaid) => vec![ReportSubmitted],
        (Officer, Submitted) => vec![InReview],
        (Officer, InReview) => vec![NeedsInformation, Approved, Rejected],
        (Officer, Approved) => vec![AdvancePaid],
        (Officer, ReportSubmitted) => vec![Settled, Reclaimed],
        _ => vec![],
    }
}

pub(super) fn today() -> chrono::NaiveDate {
    day("2026-06-15")
}

/// An application in `status` that asked €4,000, was awarded €3,000 and got €1,000 paid.
pub(super) fn state(status: ApplicationStatus) -> ApplicationState {
    ApplicationState {
        status,
        requested: cents(400_000),
        awarded: Some(cents(300_000)),
        paid: cents(100_000),
    }
}

/// A request for `to` that carries exactly the members it needs.
pub(super) fn good_request(to: ApplicationStatus) -> TransitionRequest {
    let mut request = TransitionRequest::to(to);
    match to {
        Approved => {
            request.awarded_cents = Some(300_000);
            request.decision_reference = Some("CBS 2026/0412".to_owned());
            request.decided_on = Some(today());
        }
        AdvancePaid => request.amount_cents = Some(100_000),
        Settled => request.amount_cents = Some(200_000),
        Reclaimed => request.amount_cents = Some(100_000),
        ReportSubmitted => {
            request.report = Some(ReportDraft {
                summary: "Forty newcomers were accompanied.".to_owned(),
                actual_costs_cents: 480_000,
                actual_income_cents: 50_000,
            });
        }
        NeedsInformation | Rejected => request.reason = Some("Budget unclear".to_owned()),
        _ => {}
    }
    request
}

pub(super) fn run(
    status: ApplicationStatus,
    request: &TransitionRequest,
    party: Party,
) -> Result<TransitionOutcome, TransitionError> {
    transition(&state(status), request, party, today())
}

pub(super) fn invalid(result: Result<TransitionOutcome, TransitionError>) -> Vec<FieldError> {
    match result {
        Err(TransitionError::Invalid(errors)) => errors,
        other => panic!("expected a 422, got {other:?}"),
    }
}

pub(super) fn only_pointer(errors: &[FieldError]) -> &str {
    assert_eq!(errors.len(), 1, "{errors:?}");
    &errors[0].pointer
}

#[test]
fn allowed_transitions_follow_the_table_for_both_parties() {
    for party in [Applicant, Officer] {
        for &from in ApplicationStatus::ALL {
            assert_eq!(
                allowed_transitions(from, party),
                expected(from, party),
                "{party:?} {from}"
            );
        }
    }
}

#[test]
fn every_transition_in_the_table_succeeds_with_a_good_request() {
    for party in [Applicant, Officer] {
        for &from in ApplicationStatus::ALL {
            for to in expected(from, party) {
                let outcome = run(from, &good_request(to), party)
                    .unwrap_or_else(|e| panic!("{party:?} {from} → {to}: {e}"));
                assert_eq!(outcome.status, to);
            }
        }
    }
}

#[test]
fn every_transition_outside_the_table_is_not_allowed_with_the_allowed_list() {
    for party in [Applicant, Officer] {
        for &from in ApplicationStatus::ALL {
            for &to in ApplicationStatus::ALL {
                if expected(from, party).contains(&to) {
                    continue;
                }
                match run(from, &good_request(to), party) {
                    Err(TransitionError::NotAllowed {
                        party: p,
                        from: f,
                        to: t,
                        allowed,
                    }) => {
                        assert_eq!((p, f, t), (party, from, to));
                        assert_eq!(allowed, expected(from, party));
                    }
                    other => panic!("{party:?} {from} → {to}: expected 409, got {other:?}"),
                }
            }
        }
    }
}

#[test]
fn each_party_is_refused_the_other_partys_transitions() {
    for (from, to, owner) in [
        (Draft, Submitted, Applicant),
        (NeedsInformation, InReview, Applicant),
        (AdvancePaid, ReportSubmitted, Applicant),
        (InReview, Withdrawn, Applicant),
        (Submitted, InReview, Officer),
        (InReview, Approved, Officer),
        (InReview, Rejected, Officer),
        (InReview, NeedsInformation, Officer),
        (Approved, AdvancePaid, Officer),
        (ReportSubmitted, Settled, Officer),
        (ReportSubmitted, Reclaimed, Officer),
    ] {
        let other = if owner == Applicant {
            Officer
        } else {
            Applicant
        };
        assert!(run(from, &good_request(to), owner).is_ok(), "{from} → {to}");
        assert!(
            matches!(
                run(from, &good_request(to), other),
                Err(TransitionError::NotAllowed { .. })
            ),
            "{other:?} {from} → {to}"
        );
        assert_eq!(
            Party::for_transition(from, to),
            Some(owner),
            "{from} → {to}"
        );
    }
    assert_eq!(Party::for_transition(Draft, InReview), None);
    assert_eq!(Party::for_transition(Submitted, InReview), Some(Officer));
    assert_eq!(
        Party::for_transition(NeedsInformation, InReview),
        Some(Applicant)
    );
}

#[test]
fn the_not_allowed_message_names_the_allowed_transitions() {
    let error = run(Draft, &good_request(Approved), Officer).unwrap_err();
    assert_eq!(
        error.to_string(),
        "an officer cannot take an application from `draft` to `approved`; no transition is \
         allowed from there"
    );
    let error = run(InReview, &good_request(Approved), Applicant).unwrap_err();
    assert_eq!(
        error.to_string(),
        "the applicant cannot take an application from `in_review` to `approved`; allowed: \
         `withdrawn`"
    );
}

#[test]
fn withdrawal_is_possible_only_before_a_decision() {
    for &from in ApplicationStatus::ALL {
        let ok = matches!(from, Draft | Submitted | InReview | NeedsInformation);
        assert_eq!(
            run(from, &good_request(Withdrawn), Applicant).is_ok(),
            ok,
            "{from}"
        );
    }
}
