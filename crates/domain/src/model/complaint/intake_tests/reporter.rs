//! The rules on the reporter: contact, consents.

use super::*;

#[test]
fn an_anonymous_reporter_gives_no_contact() {
    let mut draft = draft();
    draft.reporter.role = ReporterRole::Anonymous;
    draft.reporter.consent_to_contact = false;
    let (pointer, message) = only_error(draft.clone());
    assert_eq!(pointer, "/reporter/contact");
    assert!(message.contains("anonymous"), "{message}");

    draft.reporter.contact = None;
    assert!(NewComplaint::validate(draft, staff(), today()).is_ok());
}

#[test]
fn an_anonymous_reporter_cannot_consent_to_contact() {
    let mut draft = draft();
    draft.reporter.role = ReporterRole::Anonymous;
    draft.reporter.contact = None;
    draft.reporter.consent_to_contact = true;
    let (pointer, message) = only_error(draft);
    assert_eq!(pointer, "/reporter/consentToContact");
    assert!(message.contains("must be false"), "{message}");
}

#[test]
fn an_empty_contact_counts_as_no_contact() {
    let mut draft = draft();
    draft.reporter.role = ReporterRole::Anonymous;
    draft.reporter.consent_to_contact = false;
    draft.reporter.contact = Some(Contact {
        name: Some(" ".to_owned()),
        email: Some(String::new()),
        phone: None,
        preferred_language: None,
    });
    let new = NewComplaint::validate(draft, staff(), today()).unwrap();
    assert_eq!(new.reporter().contact, None);
}

#[test]
fn a_contact_needs_an_email_or_a_phone() {
    let mut draft = draft();
    draft.reporter.contact = Some(Contact {
        email: None,
        ..contact()
    });
    let (pointer, message) = only_error(draft.clone());
    assert_eq!(pointer, "/reporter/contact");
    assert!(
        message.contains("email address or a phone number"),
        "{message}"
    );

    draft.reporter.contact = Some(Contact {
        email: None,
        phone: Some("+32 51 33 73 00".to_owned()),
        ..contact()
    });
    assert!(NewComplaint::validate(draft, staff(), today()).is_ok());
}

#[test]
fn consent_to_contact_needs_a_contact() {
    let mut draft = draft();
    draft.reporter.contact = None;
    let (pointer, message) = only_error(draft.clone());
    assert_eq!(pointer, "/reporter/consentToContact");
    assert!(message.contains("needs a contact"), "{message}");

    draft.reporter.consent_to_contact = false;
    assert!(NewComplaint::validate(draft, staff(), today()).is_ok());
}

#[test]
fn an_email_address_must_have_its_shape() {
    for bad in [
        "an.example.be",
        "an@example",
        "an @example.be",
        "an@@example.be",
    ] {
        let mut draft = draft();
        draft.reporter.contact = Some(Contact {
            email: Some(bad.to_owned()),
            ..contact()
        });
        let (pointer, _) = only_error(draft);
        assert_eq!(pointer, "/reporter/contact/email", "{bad}");
    }
    let mut draft = draft();
    draft.reporter.contact = Some(Contact {
        email: Some(format!("{}@example.be", "a".repeat(250))),
        ..contact()
    });
    let (pointer, message) = only_error(draft);
    assert_eq!(pointer, "/reporter/contact/email");
    assert!(message.contains("254"), "{message}");
}

#[test]
fn a_phone_number_must_have_its_shape() {
    for bad in ["12345", "call me maybe", "+32 (0)475 12 34 5678"] {
        let mut draft = draft();
        draft.reporter.contact = Some(Contact {
            phone: Some(bad.to_owned()),
            ..contact()
        });
        let (pointer, _) = only_error(draft);
        assert_eq!(pointer, "/reporter/contact/phone", "{bad}");
    }
}

#[test]
fn a_contact_name_has_at_most_200_characters() {
    let mut draft = draft();
    draft.reporter.contact = Some(Contact {
        name: Some("é".repeat(MAX_CONTACT_NAME_CHARS)),
        ..contact()
    });
    assert!(NewComplaint::validate(draft.clone(), staff(), today()).is_ok());
    draft.reporter.contact = Some(Contact {
        name: Some("é".repeat(MAX_CONTACT_NAME_CHARS + 1)),
        ..contact()
    });
    assert_eq!(only_error(draft).0, "/reporter/contact/name");
}

#[test]
fn consent_to_share_with_names_each_body_once() {
    let mut draft = draft();
    draft.reporter.consent_to_share_with =
        vec![ReferralBody::Unia, ReferralBody::Police, ReferralBody::Unia];
    let (pointer, message) = only_error(draft);
    assert_eq!(pointer, "/reporter/consentToShareWith/2");
    assert!(message.contains("`unia`"), "{message}");
}
