//! Incident intake, registration, possible duplicates and the merge patch.

use chrono::{DateTime, NaiveDate, Utc};
use uuid::Uuid;

use super::*;
use crate::error::DomainError;
use crate::model::complaint::{self, ComplaintReference, PatchValue, Submitter};
use crate::model::municipality::{ComplaintDeadlines, NisCode};
use crate::reference::{
    BiasMotivation, Channel, ComplaintContext, ComplaintKind, ComplaintLocationKind, Conduct,
    CrimeType, Ground, IncidentLocationKind, IncidentSource, ProsecutionStatus, ReporterRole,
};

const KEY: &[u8] = b"test-key";

fn day(text: &str) -> NaiveDate {
    text.parse().unwrap()
}

fn instant(text: &str) -> DateTime<Utc> {
    text.parse().unwrap()
}

fn today() -> NaiveDate {
    day("2026-05-10")
}

fn draft() -> IncidentDraft {
    IncidentDraft {
        municipality: "41002".to_owned(),
        occurred_on: day("2026-05-01"),
        location_kind: IncidentLocationKind::PublicSpace,
        district: Some("  Centrum ".to_owned()),
        bias_motivations: vec![BiasMotivation::AntiLgbti],
        crime_types: vec![CrimeType::PhysicalAssault, CrimeType::HateSpeech],
        source: IncidentSource::Police,
        police_reference: Some("GE.55.L1.012345/2026".to_owned()),
        prosecutor_reference: None,
        police_zone: Some("PZ Aalst".to_owned()),
        prosecution_status: None,
        linked_complaint: None,
    }
}

fn pointers(error: DomainError) -> Vec<String> {
    match error {
        DomainError::Validation(errors) => errors.into_iter().map(|e| e.pointer).collect(),
        other => panic!("expected a validation error, got {other:?}"),
    }
}

fn police() -> Submitter {
    Submitter::Partner {
        partner_id: Uuid::from_u128(7),
    }
}

fn registered(draft: IncidentDraft, id: u128, at: &str) -> Incident {
    let new = NewIncident::validate(draft, today()).unwrap();
    Incident::register(
        new,
        KEY,
        Uuid::from_u128(id),
        IncidentReference::new(2026, u32::try_from(id).unwrap()).unwrap(),
        police(),
        instant(at),
    )
}

#[test]
fn a_valid_draft_is_normalised() {
    let new = NewIncident::validate(draft(), today()).unwrap();
    assert_eq!(new.municipality().as_str(), "41002");
    assert_eq!(new.district(), Some("Centrum"));
    assert_eq!(new.police_zone(), Some("PZ Aalst"));
    assert_eq!(new.prosecution_status(), ProsecutionStatus::Unknown);
    assert!(new.has_police_reference());
    assert!(!new.has_prosecutor_reference());
    assert_eq!(new.source(), IncidentSource::Police);
    assert_eq!(new.crime_types().len(), 2);
    assert_eq!(new.bias_motivations(), [BiasMotivation::AntiLgbti]);
    assert_eq!(new.location_kind(), IncidentLocationKind::PublicSpace);
    assert_eq!(new.occurred_on(), day("2026-05-01"));
    assert_eq!(new.linked_complaint(), None);
}

#[test]
fn every_broken_rule_is_reported_at_once() {
    let bad = IncidentDraft {
        municipality: "4100".to_owned(),
        occurred_on: day("2026-05-11"),
        district: Some("d".repeat(201)),
        bias_motivations: vec![],
        crime_types: vec![CrimeType::Threat, CrimeType::Threat],
        police_reference: Some("GE#55".to_owned()),
        prosecutor_reference: Some(" ./ ".to_owned()),
        police_zone: Some("z".repeat(201)),
        ..draft()
    };
    assert_eq!(
        pointers(NewIncident::validate(bad, today()).unwrap_err()),
        [
            "/municipality",
            "/occurredOn",
            "/district",
            "/biasMotivations",
            "/crimeTypes/1",
            "/policeReference",
            "/prosecutorReference",
            "/policeZone",
        ]
    );
}

#[test]
fn occurred_on_is_today_at_the_latest_and_not_before_1900() {
    for (date, ok) in [
        ("2026-05-10", true),
        ("2026-05-11", false),
        ("1900-01-01", true),
        ("1899-12-31", false),
    ] {
        let result = NewIncident::validate(
            IncidentDraft {
                occurred_on: day(date),
                ..draft()
            },
            today(),
        );
        assert_eq!(result.is_ok(), ok, "{date}");
    }
}

#[test]
fn lists_need_a_code_and_no_repetition() {
    let bad = IncidentDraft {
        bias_motivations: vec![
            BiasMotivation::Gender,
            BiasMotivation::Other,
            BiasMotivation::Gender,
        ],
        crime_types: vec![],
        ..draft()
    };
    assert_eq!(
        pointers(NewIncident::validate(bad, today()).unwrap_err()),
        ["/biasMotivations/2", "/crimeTypes"]
    );
}

#[test]
fn texts_at_their_limits_pass_and_blank_optionals_are_absent() {
    let edge = IncidentDraft {
        district: Some("é".repeat(200)),
        police_zone: Some("   ".to_owned()),
        police_reference: Some("  ".to_owned()),
        prosecutor_reference: Some("A".repeat(64)),
        prosecution_status: Some(ProsecutionStatus::Convicted),
        ..draft()
    };
    let new = NewIncident::validate(edge, today()).unwrap();
    assert_eq!(new.police_zone(), None);
    assert!(!new.has_police_reference());
    assert!(new.has_prosecutor_reference());
    assert_eq!(new.prosecution_status(), ProsecutionStatus::Convicted);
}

#[test]
fn reference_errors_and_debug_output_never_show_the_number() {
    let bad = IncidentDraft {
        police_reference: Some("SECRET#1".to_owned()),
        ..draft()
    };
    let DomainError::Validation(errors) = NewIncident::validate(bad.clone(), today()).unwrap_err()
    else {
        panic!("expected a validation error");
    };
    assert!(errors.iter().all(|e| !e.message.contains("SECRET")));
    let debug = format!("{bad:?}");
    assert!(!debug.contains("SECRET"), "{debug}");
    assert!(debug.contains("police_reference: Some(\"…\")"), "{debug}");
    let new = NewIncident::validate(draft(), today()).unwrap();
    assert!(!format!("{new:?}").contains("012345"));
}

#[test]
fn registration_keeps_only_the_hashes_and_the_submitter() {
    let incident = registered(draft(), 1, "2026-05-10T10:00:00Z");
    let reference = PoliceReference::parse("ge55l1012345-2026").unwrap();
    assert_eq!(
        incident.police_reference_hash,
        Some(pseudonymise(KEY, ReferenceKind::Police, &reference))
    );
    assert_eq!(incident.prosecutor_reference_hash, None);
    assert_eq!(incident.submitted_by_partner, Some(Uuid::from_u128(7)));
    assert_eq!(incident.created_by, None);
    assert_eq!(incident.reference.to_string(), "HC-2026-000001");
    assert_eq!(incident.version, 1);
    assert_eq!(incident.possible_duplicate_of, None);
    assert_eq!(incident.district.as_deref(), Some("Centrum"));
    let debug = format!("{incident:?}");
    assert!(
        !debug.contains("012345") && !debug.contains("GE55"),
        "{debug}"
    );
}

#[test]
fn reference_hashes_before_registration_match_the_stored_ones() {
    let new = NewIncident::validate(draft(), today()).unwrap();
    let hashes = new.reference_hashes(KEY);
    let incident = registered(draft(), 1, "2026-05-10T10:00:00Z");
    assert_eq!(hashes.police, incident.police_reference_hash);
    assert_eq!(hashes.prosecutor, None);
}

#[test]
fn a_second_report_of_the_same_number_is_a_possible_duplicate_of_the_first() {
    let first = registered(draft(), 1, "2026-05-02T08:00:00Z");
    let second = registered(draft(), 2, "2026-05-03T08:00:00Z");
    let ngo = registered(
        IncidentDraft {
            source: IncidentSource::Ngo,
            police_reference: Some("ge55l1012345-2026".to_owned()),
            ..draft()
        },
        3,
        "2026-05-04T08:00:00Z",
    );
    assert_eq!(
        ngo.find_possible_duplicate([&second, &first, &ngo]),
        Some(first.id)
    );
    assert_eq!(first.find_possible_duplicate([&first]), None);
}

#[test]
fn numbers_match_only_numbers_of_their_kind_in_the_same_municipality() {
    let police = registered(draft(), 1, "2026-05-02T08:00:00Z");
    let as_prosecutor = registered(
        IncidentDraft {
            police_reference: None,
            prosecutor_reference: Some("GE.55.L1.012345/2026".to_owned()),
            ..draft()
        },
        2,
        "2026-05-03T08:00:00Z",
    );
    assert_eq!(as_prosecutor.find_possible_duplicate([&police]), None);
    let elsewhere = registered(
        IncidentDraft {
            municipality: "41048".to_owned(),
            ..draft()
        },
        3,
        "2026-05-03T08:00:00Z",
    );
    assert_eq!(elsewhere.find_possible_duplicate([&police]), None);
    let without = registered(
        IncidentDraft {
            police_reference: None,
            ..draft()
        },
        4,
        "2026-05-04T08:00:00Z",
    );
    let also_without = registered(
        IncidentDraft {
            police_reference: None,
            ..draft()
        },
        5,
        "2026-05-05T08:00:00Z",
    );
    assert_eq!(also_without.find_possible_duplicate([&without]), None);
}

#[test]
fn a_patch_changes_status_and_classification_and_nothing_else() {
    let incident = registered(draft(), 1, "2026-05-10T10:00:00Z");
    assert_eq!(incident.apply(IncidentPatch::default()).unwrap(), incident);
    assert!(IncidentPatch::default().is_empty());
    let patch = IncidentPatch {
        prosecution_status: PatchValue::Set(ProsecutionStatus::Prosecuted),
        bias_motivations: PatchValue::Set(vec![BiasMotivation::AntiLgbti, BiasMotivation::Gender]),
        crime_types: PatchValue::Set(vec![CrimeType::Threat]),
        location_kind: PatchValue::Set(IncidentLocationKind::Nightlife),
        district: PatchValue::Remove,
    };
    assert!(!patch.is_empty());
    let patched = incident.apply(patch).unwrap();
    assert_eq!(patched.prosecution_status, ProsecutionStatus::Prosecuted);
    assert_eq!(patched.bias_motivations.len(), 2);
    assert_eq!(patched.crime_types, [CrimeType::Threat]);
    assert_eq!(patched.location_kind, IncidentLocationKind::Nightlife);
    assert_eq!(patched.district, None);
    assert_eq!(
        patched.police_reference_hash,
        incident.police_reference_hash
    );
    assert_eq!(patched.version, incident.version);
}

#[test]
fn a_patch_follows_the_intake_rules_and_keeps_required_members() {
    let incident = registered(draft(), 1, "2026-05-10T10:00:00Z");
    let patch = IncidentPatch {
        prosecution_status: PatchValue::Remove,
        bias_motivations: PatchValue::Set(vec![]),
        crime_types: PatchValue::Remove,
        location_kind: PatchValue::Remove,
        district: PatchValue::Set("x".repeat(201)),
    };
    assert_eq!(
        pointers(incident.apply(patch).unwrap_err()),
        [
            "/prosecutionStatus",
            "/biasMotivations",
            "/crimeTypes",
            "/locationKind",
            "/district"
        ]
    );
    let patch = IncidentPatch {
        crime_types: PatchValue::Set(vec![CrimeType::Arson, CrimeType::Arson]),
        district: PatchValue::Set("  ".to_owned()),
        ..IncidentPatch::default()
    };
    assert_eq!(
        pointers(incident.apply(patch).unwrap_err()),
        ["/crimeTypes/1"]
    );
    let patch = IncidentPatch {
        district: PatchValue::Set("  Noord ".to_owned()),
        ..IncidentPatch::default()
    };
    assert_eq!(
        incident.apply(patch).unwrap().district.as_deref(),
        Some("Noord")
    );
}

#[test]
fn an_escalated_complaint_gives_municipality_day_and_link_and_nothing_personal() {
    let complaint_draft = complaint::ComplaintDraft {
        kind: ComplaintKind::Complaint,
        municipality: "41002".to_owned(),
        channel: Some(Channel::Counter),
        reporter: complaint::Reporter {
            role: ReporterRole::Victim,
            contact: None,
            consent_to_contact: false,
            consent_to_share_with: vec![],
        },
        incident: complaint::Incident {
            occurred_on: day("2026-04-20"),
            location: complaint::Location {
                kind: ComplaintLocationKind::Online,
                text: None,
            },
            context: ComplaintContext::PublicSpace,
            involved_service: None,
        },
        grounds: vec![Ground::SexualOrientation],
        conduct: vec![Conduct::Harassment],
        description: "Insulted and pushed in the street.".to_owned(),
        possible_hate_crime: true,
    };
    let staff = Submitter::Staff {
        subject: "handler-1".to_owned(),
    };
    let new = complaint::NewComplaint::validate(complaint_draft, staff, today()).unwrap();
    let complaint = complaint::Complaint::register(
        new,
        Uuid::from_u128(42),
        ComplaintReference::new(2026, 9).unwrap(),
        instant("2026-04-21T09:00:00Z"),
        ComplaintDeadlines::DEFAULT,
    );
    let escalated = IncidentDraft::escalation(
        &complaint,
        EscalationDraft {
            bias_motivations: vec![BiasMotivation::AntiLgbti],
            crime_types: vec![CrimeType::PhysicalAssault],
            location_kind: IncidentLocationKind::PublicSpace,
        },
    );
    assert_eq!(escalated.municipality, "41002");
    assert_eq!(escalated.occurred_on, day("2026-04-20"));
    assert_eq!(escalated.source, IncidentSource::Meldpunt);
    assert_eq!(
        escalated.prosecution_status,
        Some(ProsecutionStatus::Unknown)
    );
    assert_eq!(escalated.linked_complaint, Some(Uuid::from_u128(42)));
    assert_eq!(escalated.police_reference, None);
    let new = NewIncident::validate(escalated, today()).unwrap();
    assert_eq!(new.municipality(), &NisCode::parse("41002").unwrap());
    assert_eq!(new.linked_complaint(), Some(Uuid::from_u128(42)));
}
