//! The complaint record: registration and the operations applied to it.

use chrono::{DateTime, NaiveDate, Utc};
use uuid::Uuid;

use super::*;
use crate::reference::{ComplaintContext, ComplaintLocationKind, PreferredLanguage, ReporterRole};

fn day(text: &str) -> NaiveDate {
    text.parse().unwrap()
}

fn instant(text: &str) -> DateTime<Utc> {
    text.parse().unwrap()
}

fn draft(kind: ComplaintKind) -> ComplaintDraft {
    ComplaintDraft {
        kind,
        municipality: "12025".to_owned(),
        channel: Some(Channel::Counter),
        reporter: Reporter {
            role: ReporterRole::Witness,
            contact: Some(Contact {
                name: None,
                email: None,
                phone: Some("015 29 76 00".to_owned()),
                preferred_language: Some(PreferredLanguage::Fr),
            }),
            consent_to_contact: true,
            consent_to_share_with: vec![ReferralBody::Unia],
        },
        incident: Incident {
            occurred_on: day("2026-03-20"),
            location: Location {
                kind: ComplaintLocationKind::Online,
                text: None,
            },
            context: ComplaintContext::GoodsAndServices,
            involved_service: None,
        },
        grounds: vec![Ground::SkinColour],
        conduct: vec![Conduct::DirectDiscrimination],
        description: "Refused entry to the shop because of skin colour.".to_owned(),
        possible_hate_crime: false,
    }
}

fn registered(kind: ComplaintKind, submitter: Submitter) -> Complaint {
    let new = NewComplaint::validate(draft(kind), submitter, day("2026-03-28")).unwrap();
    Complaint::register(
        new,
        Uuid::nil(),
        ComplaintReference::new(2026, 7).unwrap(),
        // 00:30 in Brussels on Sunday 29 March, the night of the change to summer time.
        instant("2026-03-28T23:30:00Z"),
        ComplaintDeadlines::DEFAULT,
    )
}

fn staff() -> Submitter {
    Submitter::Staff {
        subject: "handler-1".to_owned(),
    }
}

fn to(status: ComplaintStatus) -> TransitionRequest {
    TransitionRequest {
        to: status,
        outcome: None,
        referred_to: None,
        reason: None,
    }
}

#[test]
fn a_registered_complaint_is_received_with_deadlines_from_the_brussels_day() {
    let complaint = registered(ComplaintKind::Complaint, staff());
    assert_eq!(complaint.status, ComplaintStatus::Received);
    assert_eq!(complaint.received_on, day("2026-03-29"));
    assert_eq!(complaint.acknowledge_by, day("2026-04-03"));
    assert_eq!(complaint.resolve_by, Some(day("2026-05-13")));
    assert_eq!(complaint.channel, Channel::Counter);
    assert_eq!(complaint.created_by.as_deref(), Some("handler-1"));
    assert_eq!(complaint.submitted_by_partner, None);
    assert_eq!(
        (
            complaint.assigned_handler.clone(),
            complaint.outcome,
            complaint.closed_at
        ),
        (None, None, None)
    );
    assert_eq!(complaint.version, 1);
    assert_eq!(complaint.reference.to_string(), "MLD-2026-000007");
}

#[test]
fn a_report_by_a_partner_has_no_resolve_by_and_names_the_partner() {
    let partner_id = Uuid::from_u128(42);
    let report = registered(ComplaintKind::Report, Submitter::Partner { partner_id });
    assert_eq!(report.resolve_by, None);
    assert_eq!(report.channel, Channel::Partner);
    assert_eq!(report.submitted_by_partner, Some(partner_id));
    assert_eq!(report.created_by, None);
}

#[test]
fn a_complaint_goes_through_its_whole_lifecycle() {
    let at = instant("2026-04-01T09:00:00Z");
    let complaint = registered(ComplaintKind::Complaint, staff());
    assert_eq!(
        complaint.allowed_transitions(),
        [ComplaintStatus::Acknowledged]
    );
    let (complaint, _) = complaint
        .transition(&to(ComplaintStatus::Acknowledged), at)
        .unwrap();
    let refused = complaint.transition(&to(ComplaintStatus::InTreatment), at);
    assert!(matches!(refused, Err(TransitionError::Precondition(_))));
    let complaint = complaint.assign(" handler-2 ").unwrap();
    assert_eq!(complaint.assigned_handler.as_deref(), Some("handler-2"));
    let (complaint, _) = complaint
        .transition(&to(ComplaintStatus::InTreatment), at)
        .unwrap();
    let refer = TransitionRequest {
        referred_to: Some(ReferralBody::Unia),
        ..to(ComplaintStatus::Referred)
    };
    let (complaint, _) = complaint.transition(&refer, at).unwrap();
    assert_eq!(complaint.referred_to, Some(ReferralBody::Unia));
    let (complaint, _) = complaint
        .transition(&to(ComplaintStatus::InTreatment), at)
        .unwrap();
    assert_eq!(complaint.referred_to, Some(ReferralBody::Unia));
    let close = TransitionRequest {
        outcome: Some(ComplaintOutcome::Mediated),
        reason: Some("agreement reached".to_owned()),
        ..to(ComplaintStatus::Closed)
    };
    let (complaint, decision) = complaint.transition(&close, at).unwrap();
    assert_eq!(complaint.status, ComplaintStatus::Closed);
    assert_eq!(complaint.outcome, Some(ComplaintOutcome::Mediated));
    assert_eq!(complaint.closed_at, Some(at));
    assert_eq!(decision.reason.as_deref(), Some("agreement reached"));
    assert!(complaint.allowed_transitions().is_empty());
    assert!(!complaint.is_overdue(day("2027-01-01")));
}

#[test]
fn an_unacknowledged_complaint_becomes_overdue_after_acknowledge_by() {
    let complaint = registered(ComplaintKind::Complaint, staff());
    assert!(!complaint.is_overdue(day("2026-04-03")));
    assert!(complaint.is_overdue(day("2026-04-04")));
}

#[test]
fn reclassifying_changes_only_the_classification() {
    let complaint = registered(ComplaintKind::Complaint, staff());
    let patch = ClassificationPatch {
        context: PatchValue::Set(ComplaintContext::Housing),
        possible_hate_crime: PatchValue::Set(true),
        ..ClassificationPatch::default()
    };
    let next = complaint.reclassify(patch).unwrap();
    assert_eq!(next.incident.context, ComplaintContext::Housing);
    assert!(next.possible_hate_crime);
    assert_eq!(next.grounds, complaint.grounds);
    assert_eq!(next.description, complaint.description);
    let refused = complaint.reclassify(ClassificationPatch {
        grounds: PatchValue::Set(vec![]),
        ..ClassificationPatch::default()
    });
    assert!(matches!(refused, Err(DomainError::Validation(_))));
}

#[test]
fn suggested_referrals_follow_the_current_classification() {
    let complaint = registered(ComplaintKind::Complaint, staff());
    let bodies: Vec<_> = complaint
        .suggested_referrals()
        .iter()
        .map(|s| s.body)
        .collect();
    assert_eq!(bodies, [ReferralBody::Unia]);
}

#[test]
fn a_handler_is_a_non_empty_sub() {
    let complaint = registered(ComplaintKind::Complaint, staff());
    for bad in [
        String::new(),
        "   ".to_owned(),
        "x".repeat(MAX_HANDLER_CHARS + 1),
    ] {
        match complaint.assign(&bad) {
            Err(DomainError::Validation(errors)) => assert_eq!(errors[0].pointer, "/handler"),
            other => panic!("expected a 422 for {bad:?}, got {other:?}"),
        }
    }
}

#[test]
fn a_complaint_in_treatment_keeps_its_handler() {
    let at = instant("2026-04-01T09:00:00Z");
    let complaint = registered(ComplaintKind::Complaint, staff())
        .assign("h")
        .unwrap();
    assert_eq!(complaint.unassign().unwrap().assigned_handler, None);
    let (complaint, _) = complaint
        .transition(&to(ComplaintStatus::Acknowledged), at)
        .unwrap();
    let (complaint, _) = complaint
        .transition(&to(ComplaintStatus::InTreatment), at)
        .unwrap();
    assert!(matches!(
        complaint.unassign(),
        Err(DomainError::Conflict(_))
    ));
    assert_eq!(
        complaint
            .assign("other")
            .unwrap()
            .assigned_handler
            .as_deref(),
        Some("other")
    );
}
