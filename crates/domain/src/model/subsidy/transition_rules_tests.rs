//! The rules on a transition request's own members (422) and the state's guards (409).

use super::lifecycle::*;
use super::lifecycle_tests::{good_request, invalid, only_pointer, run, state, today};
use super::test_support::{cents, day};
use crate::reference::ApplicationStatus::{
    AdvancePaid, Approved, Draft, InReview, NeedsInformation, Reclaimed, Rejected, ReportSubmitted,
    Settled, Submitted, Withdrawn,
};

use Party::{Applicant, Officer};

#[test]
fn approval_records_the_decision() {
    let outcome = run(InReview, &good_request(Approved), Officer).unwrap();
    let decision = outcome.decision.unwrap();
    assert_eq!(decision.awarded, cents(300_000));
    assert_eq!(decision.reference, "CBS 2026/0412");
    assert_eq!(decision.decided_on, today());
}

#[test]
fn approval_needs_an_award_a_reference_and_a_date() {
    let errors = invalid(run(InReview, &TransitionRequest::to(Approved), Officer));
    let pointers: Vec<_> = errors.iter().map(|e| e.pointer.as_str()).collect();
    assert_eq!(
        pointers,
        ["/awardedCents", "/decisionReference", "/decidedOn"]
    );
}

#[test]
fn the_award_is_more_than_zero_and_at_most_the_requested_amount() {
    for (awarded, ok) in [
        (400_000, true),
        (1, true),
        (400_001, false),
        (0, false),
        (-1, false),
    ] {
        let mut request = good_request(Approved);
        request.awarded_cents = Some(awarded);
        let result = run(InReview, &request, Officer);
        assert_eq!(result.is_ok(), ok, "{awarded}");
        if !ok {
            assert_eq!(only_pointer(&invalid(result)), "/awardedCents");
        }
    }
    let mut request = good_request(Approved);
    request.awarded_cents = Some(400_001);
    let errors = invalid(run(InReview, &request, Officer));
    assert!(
        errors[0].message.contains("requested amount of 400000"),
        "{}",
        errors[0].message
    );
}

#[test]
fn the_decision_reference_is_one_to_a_hundred_characters() {
    for (reference, ok) in [
        (" ".to_owned(), false),
        ("x".repeat(100), true),
        ("x".repeat(101), false),
    ] {
        let mut request = good_request(Approved);
        request.decision_reference = Some(reference.clone());
        let result = run(InReview, &request, Officer);
        assert_eq!(result.is_ok(), ok, "{}", reference.len());
        if !ok {
            assert_eq!(only_pointer(&invalid(result)), "/decisionReference");
        }
    }
}

#[test]
fn the_decision_is_not_dated_in_the_future() {
    let mut request = good_request(Approved);
    request.decided_on = Some(day("2026-06-16"));
    assert_eq!(
        only_pointer(&invalid(run(InReview, &request, Officer))),
        "/decidedOn"
    );
    request.decided_on = Some(day("2025-12-01"));
    assert!(run(InReview, &request, Officer).is_ok());
}

#[test]
fn asking_for_information_and_rejecting_need_a_reason() {
    for to in [NeedsInformation, Rejected] {
        for reason in [None, Some("   ".to_owned())] {
            let mut request = good_request(to);
            request.reason = reason;
            assert_eq!(
                only_pointer(&invalid(run(InReview, &request, Officer))),
                "/reason",
                "{to}"
            );
        }
        let outcome = run(InReview, &good_request(to), Officer).unwrap();
        assert_eq!(outcome.reason.as_deref(), Some("Budget unclear"));
    }
}

#[test]
fn reasons_are_optional_elsewhere_trimmed_and_bounded() {
    let mut request = good_request(Withdrawn);
    assert_eq!(run(Draft, &request, Applicant).unwrap().reason, None);
    request.reason = Some("  Project cancelled ".to_owned());
    assert_eq!(
        run(Draft, &request, Applicant).unwrap().reason.as_deref(),
        Some("Project cancelled")
    );
    request.reason = Some("x".repeat(MAX_REASON_CHARS + 1));
    assert_eq!(
        only_pointer(&invalid(run(Draft, &request, Applicant))),
        "/reason"
    );
}

#[test]
fn the_advance_is_more_than_zero_and_at_most_the_award() {
    for (amount, ok) in [
        (300_000, true),
        (1, true),
        (300_001, false),
        (0, false),
        (-5, false),
    ] {
        let mut request = good_request(AdvancePaid);
        request.amount_cents = Some(amount);
        let result = run(Approved, &request, Officer);
        assert_eq!(result.is_ok(), ok, "{amount}");
        match result {
            Ok(outcome) => assert_eq!(outcome.payment, Some(cents(amount))),
            Err(error) => assert_eq!(only_pointer(&invalid(Err(error))), "/amountCents"),
        }
    }
    assert_eq!(
        only_pointer(&invalid(run(
            Approved,
            &TransitionRequest::to(AdvancePaid),
            Officer
        ))),
        "/amountCents"
    );
}

#[test]
fn the_balance_may_be_zero_and_keeps_the_paid_total_within_the_award() {
    // €1,000 paid of €3,000 awarded: the balance is at most €2,000.
    for (amount, ok) in [(0, true), (200_000, true), (200_001, false), (-1, false)] {
        let mut request = good_request(Settled);
        request.amount_cents = Some(amount);
        let result = run(ReportSubmitted, &request, Officer);
        assert_eq!(result.is_ok(), ok, "{amount}");
        match result {
            Ok(outcome) => assert_eq!(outcome.payment, Some(cents(amount))),
            Err(error) => assert_eq!(only_pointer(&invalid(Err(error))), "/amountCents"),
        }
    }
    assert_eq!(
        only_pointer(&invalid(run(
            ReportSubmitted,
            &TransitionRequest::to(Settled),
            Officer
        ))),
        "/amountCents"
    );
}

#[test]
fn a_reclaim_is_more_than_zero_and_at_most_what_was_paid() {
    for (amount, ok) in [(100_000, true), (1, true), (100_001, false), (0, false)] {
        let mut request = good_request(Reclaimed);
        request.amount_cents = Some(amount);
        let result = run(ReportSubmitted, &request, Officer);
        assert_eq!(result.is_ok(), ok, "{amount}");
        match result {
            Ok(outcome) => {
                assert_eq!(outcome.reclaim, Some(cents(amount)));
                assert_eq!(outcome.payment, None);
            }
            Err(error) => assert_eq!(only_pointer(&invalid(Err(error))), "/amountCents"),
        }
    }
}

#[test]
fn paying_without_a_recorded_award_is_a_precondition_failure() {
    for (from, to) in [(Approved, AdvancePaid), (ReportSubmitted, Settled)] {
        let mut state = state(from);
        state.awarded = None;
        assert!(matches!(
            transition(&state, &good_request(to), Officer, today()),
            Err(TransitionError::Precondition(_))
        ));
    }
}

#[test]
fn the_final_report_is_required_and_checked() {
    let outcome = run(AdvancePaid, &good_request(ReportSubmitted), Applicant).unwrap();
    let report = outcome.report.unwrap();
    assert_eq!(report.actual_costs, cents(480_000));
    assert_eq!(report.actual_income, cents(50_000));
    assert_eq!(
        only_pointer(&invalid(run(
            AdvancePaid,
            &TransitionRequest::to(ReportSubmitted),
            Applicant
        ))),
        "/report"
    );
    let request = TransitionRequest {
        report: Some(ReportDraft {
            summary: " ".to_owned(),
            actual_costs_cents: -1,
            actual_income_cents: -1,
        }),
        ..TransitionRequest::to(ReportSubmitted)
    };
    let errors = invalid(run(AdvancePaid, &request, Applicant));
    let pointers: Vec<_> = errors.iter().map(|e| e.pointer.as_str()).collect();
    assert_eq!(
        pointers,
        [
            "/report/summary",
            "/report/actualCostsCents",
            "/report/actualIncomeCents"
        ]
    );
}

#[test]
fn members_a_transition_does_not_take_are_refused() {
    let request = TransitionRequest {
        awarded_cents: Some(1),
        decision_reference: Some("x".to_owned()),
        decided_on: Some(today()),
        amount_cents: Some(1),
        report: good_request(ReportSubmitted).report,
        ..TransitionRequest::to(InReview)
    };
    let errors = invalid(run(Submitted, &request, Officer));
    let pointers: Vec<_> = errors.iter().map(|e| e.pointer.as_str()).collect();
    assert_eq!(
        pointers,
        [
            "/awardedCents",
            "/decisionReference",
            "/decidedOn",
            "/amountCents",
            "/report"
        ]
    );
    let mut request = good_request(AdvancePaid);
    request.awarded_cents = Some(1);
    assert_eq!(
        only_pointer(&invalid(run(Approved, &request, Officer))),
        "/awardedCents"
    );
}

#[test]
fn the_table_is_checked_before_the_request() {
    // A broken request for a transition the table does not hold is a 409, not a 422.
    let request = TransitionRequest {
        awarded_cents: Some(-1),
        ..TransitionRequest::to(Approved)
    };
    assert!(matches!(
        run(Submitted, &request, Officer),
        Err(TransitionError::NotAllowed { .. })
    ));
}
