//! The application record: creation, transitions applied to it, revision, reference.

use super::test_support::*;
use super::*;
use crate::reference::ApplicationStatus;

fn officer_makes(application: &Application, request: TransitionRequest) -> Application {
    application
        .transition(
            &request,
            Party::Officer,
            day("2026-06-15"),
            instant("2026-06-15T10:00:00Z"),
        )
        .unwrap()
        .0
}

fn applicant_makes(application: &Application, request: TransitionRequest) -> Application {
    application
        .transition(
            &request,
            Party::Applicant,
            day("2026-06-15"),
            instant("2026-06-15T10:00:00Z"),
        )
        .unwrap()
        .0
}

#[test]
fn a_new_application_starts_as_a_draft_with_nothing_awarded() {
    let application = application();
    assert_eq!(application.status, ApplicationStatus::Draft);
    assert_eq!(application.reference.to_string(), "SUB-2026-000017");
    assert_eq!(application.requested_cents, cents(400_000));
    assert_eq!(application.paid_cents, Cents::ZERO);
    assert_eq!(
        (
            application.awarded_cents,
            application.submitted_at,
            application.version
        ),
        (None, None, 1)
    );
    assert!(application.is_editable());
    assert_eq!(
        application.allowed_transitions(Party::Applicant),
        [ApplicationStatus::Submitted, ApplicationStatus::Withdrawn]
    );
    assert!(application.allowed_transitions(Party::Officer).is_empty());
}

#[test]
fn a_whole_life_from_draft_to_settlement_keeps_the_money_straight() {
    let application = application();
    let submitted = applicant_makes(
        &application,
        TransitionRequest::to(ApplicationStatus::Submitted),
    );
    assert_eq!(
        submitted.submitted_at,
        Some(instant("2026-06-15T10:00:00Z"))
    );
    let in_review = officer_makes(
        &submitted,
        TransitionRequest::to(ApplicationStatus::InReview),
    );
    assert!(!in_review.is_editable());
    let approved = officer_makes(
        &in_review,
        TransitionRequest {
            awarded_cents: Some(350_000),
            decision_reference: Some(" CBS 2026/0412 ".to_owned()),
            decided_on: Some(day("2026-06-10")),
            ..TransitionRequest::to(ApplicationStatus::Approved)
        },
    );
    assert_eq!(approved.awarded_cents, Some(cents(350_000)));
    assert_eq!(
        approved.decision_reference.as_deref(),
        Some("CBS 2026/0412")
    );
    assert_eq!(approved.decided_on, Some(day("2026-06-10")));
    let advanced = officer_makes(
        &approved,
        TransitionRequest {
            amount_cents: Some(200_000),
            ..TransitionRequest::to(ApplicationStatus::AdvancePaid)
        },
    );
    assert_eq!(advanced.paid_cents, cents(200_000));
    let reported = applicant_makes(
        &advanced,
        TransitionRequest {
            report: Some(ReportDraft {
                summary: "Done".to_owned(),
                actual_costs_cents: 500_000,
                actual_income_cents: 50_000,
            }),
            ..TransitionRequest::to(ApplicationStatus::ReportSubmitted)
        },
    );
    assert_eq!(
        reported.report.as_ref().unwrap().actual_costs,
        cents(500_000)
    );
    // 200,000 paid of 350,000: a balance of 150,001 would pay more than the award.
    let too_much = TransitionRequest {
        amount_cents: Some(150_001),
        ..TransitionRequest::to(ApplicationStatus::Settled)
    };
    assert!(matches!(
        reported.transition(
            &too_much,
            Party::Officer,
            day("2026-06-15"),
            instant("2026-06-15T10:00:00Z")
        ),
        Err(TransitionError::Invalid(_))
    ));
    let settled = officer_makes(
        &reported,
        TransitionRequest {
            amount_cents: Some(150_000),
            ..TransitionRequest::to(ApplicationStatus::Settled)
        },
    );
    assert_eq!(settled.status, ApplicationStatus::Settled);
    assert_eq!(settled.paid_cents, cents(350_000));
    assert_eq!(settled.version, application.version);
}

#[test]
fn a_reclaim_is_recorded_without_changing_what_was_paid() {
    let mut application = application();
    application.status = ApplicationStatus::ReportSubmitted;
    application.awarded_cents = Some(cents(300_000));
    application.paid_cents = cents(100_000);
    let reclaimed = officer_makes(
        &application,
        TransitionRequest {
            amount_cents: Some(60_000),
            ..TransitionRequest::to(ApplicationStatus::Reclaimed)
        },
    );
    assert_eq!(reclaimed.reclaimed_cents, Some(cents(60_000)));
    assert_eq!(reclaimed.paid_cents, cents(100_000));
}

#[test]
fn a_refused_transition_leaves_the_application_as_it_was() {
    let application = application();
    let result = application.transition(
        &TransitionRequest::to(ApplicationStatus::Approved),
        Party::Officer,
        day("2026-06-15"),
        instant("2026-06-15T10:00:00Z"),
    );
    match result {
        Err(TransitionError::NotAllowed { allowed, .. }) => assert!(allowed.is_empty()),
        other => panic!("expected a 409, got {other:?}"),
    }
}

#[test]
fn an_application_is_revised_only_while_editable() {
    let application = application();
    let mut draft = application.to_draft();
    assert_eq!(
        NewApplication::validate(draft.clone(), &scheme()).unwrap(),
        new_application()
    );
    draft.project.title = "Buddyproject 2.0".to_owned();
    draft.requested_cents = 300_000;
    let new = NewApplication::validate(draft, &scheme()).unwrap();
    let revised = application.revise(new.clone()).unwrap();
    assert_eq!(revised.project.title, "Buddyproject 2.0");
    assert_eq!(revised.requested_cents, cents(300_000));
    assert_eq!(
        (revised.id, revised.reference),
        (application.id, application.reference)
    );

    let mut needs_information = application.clone();
    needs_information.status = ApplicationStatus::NeedsInformation;
    assert!(needs_information.revise(new.clone()).is_ok());
    for status in [
        ApplicationStatus::Submitted,
        ApplicationStatus::InReview,
        ApplicationStatus::Approved,
        ApplicationStatus::Withdrawn,
    ] {
        let mut locked = application.clone();
        locked.status = status;
        assert!(!locked.is_editable());
        let message = conflict(locked.revise(new.clone()));
        assert!(message.contains(&format!("`{status}`")), "{message}");
    }
}

#[test]
fn a_revision_cannot_move_an_application_to_another_scheme() {
    let application = application();
    let mut other = scheme();
    other.id = uuid::Uuid::from_u128(99);
    let mut draft = application.to_draft();
    draft.scheme_id = other.id;
    let new = NewApplication::validate(draft, &other).unwrap();
    assert_eq!(
        only_pointer(&field_errors(application.revise(new))),
        "/schemeId"
    );
}

#[test]
fn application_references_read_sub_year_number() {
    let reference = ApplicationReference::new(2026, 17).unwrap();
    assert_eq!(reference.to_string(), "SUB-2026-000017");
    assert_eq!(
        ApplicationReference::parse("SUB-2026-000017"),
        Ok(reference)
    );
    assert_eq!(
        "SUB-2026-000017".parse::<ApplicationReference>(),
        Ok(reference)
    );
    assert_eq!((reference.year(), reference.number()), (2026, 17));
    assert_eq!(
        reference.as_reference().prefix(),
        crate::model::reference_number::ReferencePrefix::Application
    );
    assert!(ApplicationReference::parse("MLD-2026-000017").is_err());
    assert!(ApplicationReference::new(2026, 0).is_err());
}

#[test]
fn staff_entry_is_recorded() {
    let application = Application::create(
        new_application(),
        uuid::Uuid::from_u128(8),
        ApplicationReference::new(2026, 18).unwrap(),
        EnteredBy::Staff {
            subject: "officer-1".to_owned(),
        },
        instant("2026-03-11T09:00:00Z"),
    );
    assert_eq!(
        application.entered_by,
        EnteredBy::Staff {
            subject: "officer-1".to_owned()
        }
    );
    assert_eq!(application.created_at, instant("2026-03-11T09:00:00Z"));
}
