//! Planning a consultation, changing it, its minutes and its participants.

use chrono::{DateTime, Utc};
use uuid::Uuid;

use super::*;
use crate::error::DomainError;
use crate::model::complaint::PatchValue;
use crate::reference::{ConsultationStatus, ParticipantKind};

fn instant(text: &str) -> DateTime<Utc> {
    text.parse().unwrap()
}

fn draft() -> ConsultationDraft {
    ConsultationDraft {
        municipalities: vec!["41002".to_owned(), "41048".to_owned(), "41018".to_owned()],
        period: "2026-H1".to_owned(),
        scheduled_at: instant("2026-06-15T12:00:00Z"),
        location: "  Stadhuis Aalst ".to_owned(),
    }
}

fn pointers(error: DomainError) -> Vec<String> {
    match error {
        DomainError::Validation(errors) => errors.into_iter().map(|e| e.pointer).collect(),
        other => panic!("expected a validation error, got {other:?}"),
    }
}

fn planned() -> Consultation {
    Consultation::plan(
        NewConsultation::validate(draft()).unwrap(),
        Uuid::from_u128(1),
    )
}

fn with_status(status: ConsultationStatus) -> Consultation {
    Consultation {
        status,
        ..planned()
    }
}

#[test]
fn a_valid_draft_plans_a_consultation_for_a_region() {
    let new = NewConsultation::validate(draft()).unwrap();
    let codes: Vec<_> = new.municipalities().iter().map(|c| c.as_str()).collect();
    assert_eq!(codes, ["41002", "41018", "41048"]);
    assert_eq!(new.period().to_string(), "2026-H1");
    assert_eq!(new.location(), "Stadhuis Aalst");
    assert_eq!(new.scheduled_at(), instant("2026-06-15T12:00:00Z"));
    let consultation = Consultation::plan(new, Uuid::from_u128(1));
    assert_eq!(consultation.status, ConsultationStatus::Planned);
    assert_eq!((consultation.minutes, consultation.version), (None, 1));
}

#[test]
fn every_broken_rule_is_reported_at_once() {
    let bad = ConsultationDraft {
        municipalities: vec!["41002".to_owned(), "4100".to_owned(), " 41002 ".to_owned()],
        period: "2026-H3".to_owned(),
        location: " ".to_owned(),
        ..draft()
    };
    assert_eq!(
        pointers(NewConsultation::validate(bad).unwrap_err()),
        [
            "/municipalities/1",
            "/municipalities/2",
            "/period",
            "/location"
        ]
    );
    let none = ConsultationDraft {
        municipalities: vec![],
        location: "l".repeat(301),
        ..draft()
    };
    assert_eq!(
        pointers(NewConsultation::validate(none).unwrap_err()),
        ["/municipalities", "/location"]
    );
    let too_many = ConsultationDraft {
        municipalities: (0..101).map(|i| format!("{}", 41_000 + i)).collect(),
        ..draft()
    };
    assert_eq!(
        pointers(NewConsultation::validate(too_many).unwrap_err()),
        ["/municipalities"]
    );
}

#[test]
fn it_is_scheduled_in_its_period_or_up_to_31_days_after_in_brussels() {
    for (at, ok) in [
        // Midnight on 1 January in Brussels is 23:00 UTC the day before.
        ("2025-12-31T23:00:00Z", true),
        ("2025-12-31T22:59:59Z", false),
        ("2026-06-30T12:00:00Z", true),
        ("2026-07-31T12:00:00Z", true),
        // 23:30 UTC on 31 July is 1 August in Brussels (summer time).
        ("2026-07-31T23:30:00Z", false),
        ("2026-08-01T10:00:00Z", false),
    ] {
        let result = NewConsultation::validate(ConsultationDraft {
            scheduled_at: instant(at),
            ..draft()
        });
        match result {
            Ok(_) => assert!(ok, "{at} was accepted"),
            Err(error) => {
                assert!(!ok, "{at} was refused");
                assert_eq!(pointers(error), ["/scheduledAt"]);
            }
        }
    }
    let (first, last) = scheduling_window(HalfYear::parse("2026-H2").unwrap());
    assert_eq!(
        (first.to_string(), last.to_string()),
        ("2026-07-01".into(), "2027-01-31".into())
    );
}

#[test]
fn a_planned_consultation_can_be_moved_and_renamed() {
    let patch = ConsultationPatch {
        scheduled_at: PatchValue::Set(instant("2026-06-20T12:00:00Z")),
        location: PatchValue::Set(" Stadhuis Ninove ".to_owned()),
        ..ConsultationPatch::default()
    };
    let patched = planned().apply(patch).unwrap();
    assert_eq!(patched.location, "Stadhuis Ninove");
    assert_eq!(patched.scheduled_at, instant("2026-06-20T12:00:00Z"));
    assert_eq!(patched.municipalities, planned().municipalities);
    assert_eq!(
        planned().apply(ConsultationPatch::default()).unwrap(),
        planned()
    );
}

#[test]
fn a_patch_is_checked_as_a_whole() {
    // Moving the period without moving the date leaves the date outside the new period.
    let patch = ConsultationPatch {
        period: PatchValue::Set("2026-H2".to_owned()),
        ..ConsultationPatch::default()
    };
    assert_eq!(
        pointers(planned().apply(patch).unwrap_err()),
        ["/scheduledAt"]
    );
    let patch = ConsultationPatch {
        municipalities: PatchValue::Remove,
        period: PatchValue::Remove,
        scheduled_at: PatchValue::Remove,
        location: PatchValue::Set(String::new()),
    };
    assert_eq!(
        pointers(planned().apply(patch).unwrap_err()),
        ["/municipalities", "/period", "/scheduledAt", "/location"]
    );
    let patch = ConsultationPatch {
        municipalities: PatchValue::Set(vec!["41002".to_owned()]),
        ..ConsultationPatch::default()
    };
    assert_eq!(planned().apply(patch).unwrap().municipalities.len(), 1);
}

#[test]
fn only_a_planned_consultation_can_be_changed() {
    for status in [
        ConsultationStatus::Held,
        ConsultationStatus::MinutesApproved,
        ConsultationStatus::Cancelled,
    ] {
        let error = with_status(status)
            .apply(ConsultationPatch::default())
            .unwrap_err();
        assert!(matches!(error, DomainError::Conflict(_)), "{status}");
    }
}

#[test]
fn minutes_are_written_once_held_and_until_approved() {
    let held = with_status(ConsultationStatus::Held);
    let with_minutes = held
        .set_minutes("  Agreed: a joint awareness campaign.  ")
        .unwrap();
    assert_eq!(
        with_minutes.minutes.as_deref(),
        Some("Agreed: a joint awareness campaign.")
    );
    assert_eq!(pointers(held.set_minutes("  ").unwrap_err()), ["/text"]);
    assert_eq!(
        pointers(held.set_minutes(&"m".repeat(50_001)).unwrap_err()),
        ["/text"]
    );
    for status in [
        ConsultationStatus::Planned,
        ConsultationStatus::MinutesApproved,
        ConsultationStatus::Cancelled,
    ] {
        let error = with_status(status).set_minutes("text").unwrap_err();
        assert!(matches!(error, DomainError::Conflict(_)), "{status}");
    }
}

#[test]
fn participants_and_new_items_are_refused_once_closed() {
    assert!(
        with_status(ConsultationStatus::Planned)
            .check_open_for_changes()
            .is_ok()
    );
    assert!(
        with_status(ConsultationStatus::Held)
            .check_open_for_changes()
            .is_ok()
    );
    for status in [
        ConsultationStatus::MinutesApproved,
        ConsultationStatus::Cancelled,
    ] {
        let error = with_status(status).check_open_for_changes().unwrap_err();
        assert!(matches!(error, DomainError::Conflict(_)), "{status}");
    }
}

fn participant_draft() -> ParticipantDraft {
    ParticipantDraft {
        organisation: "  Politiezone Aalst ".to_owned(),
        kind: ParticipantKind::Police,
        present: true,
        partner_id: Some(Uuid::from_u128(9)),
    }
}

#[test]
fn participants_name_an_organisation_of_up_to_200_characters() {
    let new = NewParticipant::validate(participant_draft()).unwrap();
    assert_eq!(new.organisation(), "Politiezone Aalst");
    assert_eq!(new.kind(), ParticipantKind::Police);
    assert!(new.present());
    assert_eq!(new.partner_id(), Some(Uuid::from_u128(9)));
    for bad in [String::new(), "  ".to_owned(), "o".repeat(201)] {
        let draft = ParticipantDraft {
            organisation: bad,
            ..participant_draft()
        };
        assert_eq!(
            pointers(NewParticipant::validate(draft).unwrap_err()),
            ["/organisation"]
        );
    }
    let draft = ParticipantDraft {
        organisation: "o".repeat(200),
        ..participant_draft()
    };
    assert!(NewParticipant::validate(draft).is_ok());
}

#[test]
fn a_participant_is_patched_and_the_partner_link_can_be_removed() {
    let participant = Participant::add(
        NewParticipant::validate(participant_draft()).unwrap(),
        Uuid::from_u128(2),
        Uuid::from_u128(1),
    );
    assert!(is_participant(
        std::slice::from_ref(&participant),
        Uuid::from_u128(9)
    ));
    assert!(!is_participant(
        std::slice::from_ref(&participant),
        Uuid::from_u128(8)
    ));
    let patch = ParticipantPatch {
        present: PatchValue::Set(false),
        partner_id: PatchValue::Remove,
        kind: PatchValue::Set(ParticipantKind::CityService),
        ..ParticipantPatch::default()
    };
    let patched = participant.apply(patch).unwrap();
    assert!(!patched.present);
    assert_eq!(patched.partner_id, None);
    assert_eq!(patched.kind, ParticipantKind::CityService);
    assert_eq!(patched.organisation, "Politiezone Aalst");
    let patch = ParticipantPatch {
        organisation: PatchValue::Remove,
        kind: PatchValue::Remove,
        present: PatchValue::Remove,
        partner_id: PatchValue::Keep,
    };
    assert_eq!(
        pointers(participant.apply(patch).unwrap_err()),
        ["/organisation", "/kind", "/present"]
    );
    let patch = ParticipantPatch {
        organisation: PatchValue::Set(" ".to_owned()),
        ..ParticipantPatch::default()
    };
    assert_eq!(
        pointers(participant.apply(patch).unwrap_err()),
        ["/organisation"]
    );
}
