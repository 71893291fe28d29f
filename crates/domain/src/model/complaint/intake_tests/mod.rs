//! The intake rules, one test each, and one that collects several errors at once.

mod incident;
mod reporter;

use chrono::NaiveDate;
use uuid::Uuid;

use super::intake::*;
use crate::error::{DomainError, FieldError};
use crate::reference::{
    Channel, ComplaintContext, ComplaintKind, ComplaintLocationKind, Conduct, Ground,
    PreferredLanguage, ReferralBody, ReporterRole,
};

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 3, 15).unwrap()
}

fn staff() -> Submitter {
    Submitter::Staff {
        subject: "handler-1".to_owned(),
    }
}

fn partner() -> Submitter {
    Submitter::Partner {
        partner_id: Uuid::nil(),
    }
}

fn contact() -> Contact {
    Contact {
        name: Some("An Peeters".to_owned()),
        email: Some("an@example.be".to_owned()),
        phone: None,
        preferred_language: Some(PreferredLanguage::Nl),
    }
}

fn draft() -> ComplaintDraft {
    ComplaintDraft {
        kind: ComplaintKind::Complaint,
        municipality: "36008".to_owned(),
        channel: Some(Channel::WebForm),
        reporter: Reporter {
            role: ReporterRole::Victim,
            contact: Some(contact()),
            consent_to_contact: true,
            consent_to_share_with: vec![ReferralBody::Unia, ReferralBody::Vmri],
        },
        incident: Incident {
            occurred_on: NaiveDate::from_ymd_opt(2026, 3, 1).unwrap(),
            location: Location {
                kind: ComplaintLocationKind::Address,
                text: Some("Grote Markt 1".to_owned()),
            },
            context: ComplaintContext::Housing,
            involved_service: None,
        },
        grounds: vec![Ground::SkinColour],
        conduct: vec![Conduct::DirectDiscrimination],
        description: "The landlord refused to rent the flat to me.".to_owned(),
        possible_hate_crime: false,
    }
}

/// The field errors of validating `draft` as staff.
fn errors(draft: ComplaintDraft) -> Vec<FieldError> {
    errors_as(draft, staff())
}

fn errors_as(draft: ComplaintDraft, submitter: Submitter) -> Vec<FieldError> {
    match NewComplaint::validate(draft, submitter, today()) {
        Err(DomainError::Validation(errors)) => errors,
        other => panic!("expected field errors, got {other:?}"),
    }
}

/// The one field error of validating `draft` as staff, as (pointer, message).
fn only_error(draft: ComplaintDraft) -> (String, String) {
    let mut errors = errors(draft);
    assert_eq!(errors.len(), 1, "{errors:?}");
    let error = errors.remove(0);
    (error.pointer, error.message)
}

fn pointers(errors: &[FieldError]) -> Vec<&str> {
    errors.iter().map(|e| e.pointer.as_str()).collect()
}

#[test]
fn a_valid_draft_becomes_a_new_complaint_with_trimmed_texts() {
    let mut draft = draft();
    draft.municipality = " 36008 ".to_owned();
    draft.description = "  The landlord refused to rent the flat to me.\n".to_owned();
    draft.reporter.contact = Some(Contact {
        name: Some("  ".to_owned()),
        email: Some(" an@example.be ".to_owned()),
        phone: Some(String::new()),
        preferred_language: None,
    });
    draft.incident.location.text = Some("  Grote Markt 1 ".to_owned());
    draft.incident.involved_service = Some(" ".to_owned());
    let new = NewComplaint::validate(draft, staff(), today()).unwrap();
    assert_eq!(new.municipality().as_str(), "36008");
    assert_eq!(new.kind(), ComplaintKind::Complaint);
    assert_eq!(new.channel(), Channel::WebForm);
    assert_eq!(
        new.description(),
        "The landlord refused to rent the flat to me."
    );
    let contact = new.reporter().contact.clone().unwrap();
    assert_eq!(contact.name, None);
    assert_eq!(contact.email.as_deref(), Some("an@example.be"));
    assert_eq!(contact.phone, None);
    assert_eq!(
        new.incident().location.text.as_deref(),
        Some("Grote Markt 1")
    );
    assert_eq!(new.incident().involved_service, None);
    assert_eq!(new.grounds(), [Ground::SkinColour]);
    assert_eq!(new.conduct(), [Conduct::DirectDiscrimination]);
    assert!(!new.possible_hate_crime());
    assert_eq!(new.submitter(), &staff());
}

#[test]
fn municipality_must_be_a_nis_code() {
    let mut draft = draft();
    draft.municipality = "Izegem".to_owned();
    let (pointer, message) = only_error(draft);
    assert_eq!(pointer, "/municipality");
    assert!(message.contains("NIS code"), "{message}");
}

#[test]
fn staff_must_give_a_channel() {
    let mut draft = draft();
    draft.channel = None;
    let (pointer, message) = only_error(draft);
    assert_eq!(pointer, "/channel");
    assert!(message.starts_with("is required"), "{message}");
}

#[test]
fn staff_cannot_use_the_partner_channel() {
    let mut draft = draft();
    draft.channel = Some(Channel::Partner);
    let (pointer, message) = only_error(draft);
    assert_eq!(pointer, "/channel");
    assert!(message.contains("API key"), "{message}");
}

#[test]
fn a_partners_channel_is_always_partner() {
    for channel in [None, Some(Channel::Phone), Some(Channel::Partner)] {
        let mut draft = draft();
        draft.channel = channel;
        let new = NewComplaint::validate(draft, partner(), today()).unwrap();
        assert_eq!(new.channel(), Channel::Partner);
    }
}

#[test]
fn occurred_on_may_be_today_but_not_in_the_future() {
    let mut draft = draft();
    draft.incident.occurred_on = today();
    assert!(NewComplaint::validate(draft.clone(), staff(), today()).is_ok());
    draft.incident.occurred_on = today().succ_opt().unwrap();
    let (pointer, message) = only_error(draft);
    assert_eq!(pointer, "/incident/occurredOn");
    assert!(message.contains("future"), "{message}");
}

#[test]
fn occurred_on_may_not_be_before_1900() {
    let mut draft = draft();
    draft.incident.occurred_on = EARLIEST_OCCURRED_ON;
    assert!(NewComplaint::validate(draft.clone(), staff(), today()).is_ok());
    draft.incident.occurred_on = NaiveDate::from_ymd_opt(1899, 12, 31).unwrap();
    let (pointer, message) = only_error(draft);
    assert_eq!(pointer, "/incident/occurredOn");
    assert!(message.contains("1900"), "{message}");
}

#[test]
fn every_broken_rule_is_reported_at_once_in_request_order() {
    let mut draft = draft();
    draft.municipality = "0000".to_owned();
    draft.channel = None;
    draft.reporter.contact = Some(Contact {
        email: Some("not-an-email".to_owned()),
        phone: Some("abc".to_owned()),
        ..contact()
    });
    draft.reporter.consent_to_share_with = vec![ReferralBody::Igvm, ReferralBody::Igvm];
    draft.incident.occurred_on = NaiveDate::from_ymd_opt(2030, 1, 1).unwrap();
    draft.incident.location = Location {
        kind: ComplaintLocationKind::District,
        text: None,
    };
    draft.grounds = vec![Ground::Unknown, Ground::Age, Ground::Age];
    draft.conduct = vec![];
    draft.description = "short".to_owned();
    let errors = errors(draft);
    assert_eq!(
        pointers(&errors),
        [
            "/municipality",
            "/channel",
            "/reporter/contact/email",
            "/reporter/contact/phone",
            "/reporter/consentToShareWith/1",
            "/incident/occurredOn",
            "/incident/location/text",
            "/grounds/2",
            "/grounds/0",
            "/conduct",
            "/description",
        ]
    );
    assert!(errors.iter().all(|e| !e.message.is_empty()));
}

#[test]
fn a_partner_gets_the_same_rules() {
    let mut draft = draft();
    draft.reporter.role = ReporterRole::Anonymous;
    let errors = errors_as(draft, partner());
    assert_eq!(
        pointers(&errors),
        ["/reporter/contact", "/reporter/consentToContact"]
    );
}
