//! The rules on the incident and the classification: date, location, grounds, conduct,
//! description.

use super::*;

#[test]
fn address_and_district_need_a_location_text() {
    for kind in [
        ComplaintLocationKind::Address,
        ComplaintLocationKind::District,
    ] {
        for text in [None, Some("   ".to_owned())] {
            let mut draft = draft();
            draft.incident.location = Location {
                kind,
                text: text.clone(),
            };
            let (pointer, message) = only_error(draft);
            assert_eq!(pointer, "/incident/location/text", "{kind} {text:?}");
            assert!(message.contains(kind.to_string().as_str()), "{message}");
        }
    }
}

#[test]
fn online_and_unknown_locations_need_no_text() {
    for kind in [
        ComplaintLocationKind::Online,
        ComplaintLocationKind::Unknown,
    ] {
        let mut draft = draft();
        draft.incident.location = Location { kind, text: None };
        assert!(NewComplaint::validate(draft, staff(), today()).is_ok());
    }
}

#[test]
fn a_location_text_has_at_most_500_characters() {
    let mut draft = draft();
    draft.incident.location.text = Some("x".repeat(MAX_LOCATION_TEXT_CHARS + 1));
    assert_eq!(only_error(draft).0, "/incident/location/text");
}

#[test]
fn an_involved_service_has_at_most_200_characters() {
    let mut draft = draft();
    draft.incident.involved_service = Some("x".repeat(MAX_INVOLVED_SERVICE_CHARS));
    assert!(NewComplaint::validate(draft.clone(), staff(), today()).is_ok());
    draft.incident.involved_service = Some("x".repeat(MAX_INVOLVED_SERVICE_CHARS + 1));
    assert_eq!(only_error(draft).0, "/incident/involvedService");
}

#[test]
fn grounds_are_required() {
    let mut draft = draft();
    draft.grounds = vec![];
    assert_eq!(only_error(draft).0, "/grounds");
}

#[test]
fn grounds_are_given_once_each() {
    let mut draft = draft();
    draft.grounds = vec![Ground::Sex, Ground::Sex];
    assert_eq!(only_error(draft).0, "/grounds/1");
}

#[test]
fn unknown_grounds_stand_alone() {
    let mut draft = draft();
    draft.grounds = vec![Ground::Unknown];
    assert!(NewComplaint::validate(draft.clone(), staff(), today()).is_ok());
    draft.grounds = vec![Ground::Age, Ground::Unknown];
    let (pointer, message) = only_error(draft);
    assert_eq!(pointer, "/grounds/1");
    assert!(
        message.contains("`unknown` cannot be combined"),
        "{message}"
    );
}

#[test]
fn several_grounds_at_once_are_accepted() {
    let mut draft = draft();
    draft.grounds = vec![Ground::SkinColour, Ground::Sex, Ground::ReligionOrBelief];
    let new = NewComplaint::validate(draft, staff(), today()).unwrap();
    assert_eq!(new.grounds().len(), 3);
}

#[test]
fn conduct_is_required_and_given_once_each() {
    let mut draft = draft();
    draft.conduct = vec![];
    assert_eq!(only_error(draft.clone()).0, "/conduct");
    draft.conduct = vec![Conduct::Harassment, Conduct::Other, Conduct::Harassment];
    assert_eq!(only_error(draft).0, "/conduct/2");
}

#[test]
fn a_description_has_10_to_10000_characters_after_trimming() {
    let mut draft = draft();
    for ok in ["x".repeat(10), "x".repeat(MAX_DESCRIPTION_CHARS)] {
        draft.description = format!("  {ok}  ");
        assert!(NewComplaint::validate(draft.clone(), staff(), today()).is_ok());
    }
    for bad in [
        String::new(),
        format!("  {}  ", "x".repeat(9)),
        "x".repeat(MAX_DESCRIPTION_CHARS + 1),
    ] {
        draft.description = bad;
        let (pointer, message) = only_error(draft.clone());
        assert_eq!(pointer, "/description");
        assert!(message.contains("10 to 10,000"), "{message}");
    }
}
