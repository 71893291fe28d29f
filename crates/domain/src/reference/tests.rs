#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::HashSet;
use std::fmt::Display;
use std::str::FromStr;

use serde::Serialize;
use serde::de::DeserializeOwned;

use super::*;

/// Every enumeration with the checks that need its type; `every_enumeration_is_checked` keeps
/// this in step with the registry.
const CHECKS: &[(&str, fn())] = &[
    (Role::LIST, check::<Role>),
    (PartnerKind::LIST, check::<PartnerKind>),
    (Scope::LIST, check::<Scope>),
    (ComplaintKind::LIST, check::<ComplaintKind>),
    (Channel::LIST, check::<Channel>),
    (ReporterRole::LIST, check::<ReporterRole>),
    (ComplaintLocationKind::LIST, check::<ComplaintLocationKind>),
    (ComplaintContext::LIST, check::<ComplaintContext>),
    (Ground::LIST, check::<Ground>),
    (Conduct::LIST, check::<Conduct>),
    (ComplaintStatus::LIST, check::<ComplaintStatus>),
    (ReferralBody::LIST, check::<ReferralBody>),
    (ComplaintOutcome::LIST, check::<ComplaintOutcome>),
    (PreferredLanguage::LIST, check::<PreferredLanguage>),
    (IncidentLocationKind::LIST, check::<IncidentLocationKind>),
    (BiasMotivation::LIST, check::<BiasMotivation>),
    (CrimeType::LIST, check::<CrimeType>),
    (IncidentSource::LIST, check::<IncidentSource>),
    (ProsecutionStatus::LIST, check::<ProsecutionStatus>),
    (ConsultationStatus::LIST, check::<ConsultationStatus>),
    (ParticipantKind::LIST, check::<ParticipantKind>),
    (ActionItemStatus::LIST, check::<ActionItemStatus>),
    (FundingSource::LIST, check::<FundingSource>),
    (ApplicantKind::LIST, check::<ApplicantKind>),
    (TargetGroup::LIST, check::<TargetGroup>),
    (ApplicationStatus::LIST, check::<ApplicationStatus>),
    (WebhookEventType::LIST, check::<WebhookEventType>),
    (WebhookDeliveryStatus::LIST, check::<WebhookDeliveryStatus>),
];

fn check<E>()
where
    E: Enumeration + Serialize + DeserializeOwned + Display + FromStr<Err = UnknownCode> + Ord,
{
    assert!(!E::ALL.is_empty(), "{} is empty", E::LIST);
    assert!(
        E::ALL.windows(2).all(|w| w[0] < w[1]),
        "{}: Ord must follow the declared order",
        E::LIST
    );
    for &value in E::ALL {
        let code = value.code();
        assert_eq!(
            E::from_code(code),
            Some(value),
            "{}: from_code({code})",
            E::LIST
        );
        assert_eq!(value.to_string(), code);
        assert_eq!(code.parse::<E>(), Ok(value));

        let json = serde_json::to_string(&value).unwrap();
        assert_eq!(json, format!("\"{code}\""));
        assert_eq!(serde_json::from_str::<E>(&json).unwrap(), value);
    }

    let list = reference_list(E::LIST).unwrap();
    assert_eq!(list.schema_name, E::SCHEMA_NAME);
    assert_eq!(list.description, E::DESCRIPTION);
    let codes: Vec<_> = list.entries.iter().map(|e| e.code).collect();
    let expected: Vec<_> = E::ALL.iter().map(|v| v.code()).collect();
    assert_eq!(codes, expected);

    let error = serde_json::from_str::<E>("\"no_such_code\"")
        .unwrap_err()
        .to_string();
    // As serde's derive words it: "`a` or `b`" for two codes, "one of `a`, `b`, `c`" for more.
    let quoted: Vec<_> = expected.iter().map(|c| format!("`{c}`")).collect();
    let allowed = match quoted.as_slice() {
        [first, second] => format!("{first} or {second}"),
        _ => format!("one of {}", quoted.join(", ")),
    };
    assert!(
        error.contains(&format!(
            "unknown variant `no_such_code`, expected {allowed}"
        )),
        "{error}"
    );
    let error = "no_such_code".parse::<E>().unwrap_err();
    assert_eq!(error.list, E::LIST);
    assert_eq!(
        error.to_string(),
        format!(
            "unknown code `no_such_code` in the `{}` list, expected {allowed}",
            E::LIST
        )
    );
}

fn is_snake_case(code: &str) -> bool {
    let mut bytes = code.bytes();
    bytes.next().is_some_and(|b| b.is_ascii_lowercase())
        && bytes.all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
}

#[test]
fn every_enumeration_is_checked() {
    let checked: Vec<_> = CHECKS.iter().map(|(name, _)| *name).collect();
    let registered: Vec<_> = reference_lists().iter().map(|l| l.name).collect();
    assert_eq!(checked, registered);
}

#[test]
fn every_value_round_trips_through_its_code_display_from_str_and_json() {
    for (_, check) in CHECKS {
        check();
    }
}

#[test]
fn list_names_and_schema_names_are_unique() {
    let lists = reference_lists();
    let names: HashSet<_> = lists.iter().map(|l| l.name).collect();
    let schemas: HashSet<_> = lists.iter().map(|l| l.schema_name).collect();
    assert_eq!(names.len(), lists.len());
    assert_eq!(schemas.len(), lists.len());
    for list in &lists {
        assert!(
            list.name.split('-').all(is_snake_case) && !list.name.contains('_'),
            "{} is not kebab-case",
            list.name
        );
        assert!(
            list.schema_name
                .starts_with(|c: char| c.is_ascii_uppercase())
        );
        assert!(list.schema_name.chars().all(|c| c.is_ascii_alphanumeric()));
        assert!(list.description.ends_with('.'), "{}", list.name);
    }
}

#[test]
fn codes_are_unique_within_a_list_and_snake_case() {
    for list in reference_lists() {
        let codes: HashSet<_> = list.entries.iter().map(|e| e.code).collect();
        assert_eq!(
            codes.len(),
            list.entries.len(),
            "duplicate code in {}",
            list.name
        );
        if list.name == Scope::LIST || list.name == WebhookEventType::LIST {
            continue;
        }
        for entry in &list.entries {
            assert!(is_snake_case(entry.code), "{}: `{}`", list.name, entry.code);
        }
    }
}

#[test]
fn scope_codes_are_a_resource_and_an_action() {
    for scope in Scope::ALL {
        let (resource, action) = scope.code().split_once(':').unwrap();
        assert!(is_snake_case(resource) && is_snake_case(action), "{scope}");
    }
}

#[test]
fn webhook_event_types_are_a_register_and_a_change() {
    for event in WebhookEventType::ALL {
        let (register, change) = event.code().split_once('.').unwrap();
        assert!(is_snake_case(register) && is_snake_case(change), "{event}");
    }
}

#[test]
fn every_label_is_non_empty_and_trimmed() {
    for list in reference_lists() {
        for entry in &list.entries {
            let Labels { nl, fr, en } = entry.labels;
            for label in [nl, fr, en] {
                assert!(!label.is_empty(), "{}: `{}`", list.name, entry.code);
                assert_eq!(label.trim(), label, "{}: `{}`", list.name, entry.code);
            }
        }
    }
}

#[test]
fn grounds_carry_the_terms_of_the_law() {
    let grounds = reference_list("grounds").unwrap();
    assert_eq!(grounds.entries.len(), 25);
    let labels = |code: &str| {
        grounds
            .entries
            .iter()
            .find(|e| e.code == code)
            .unwrap()
            .labels
    };
    assert_eq!(
        labels("alleged_race"),
        Labels {
            nl: "zogenaamd ras",
            fr: "prétendue race",
            en: "alleged race"
        }
    );
    assert_eq!(
        labels("health_status"),
        Labels {
            nl: "huidige of toekomstige gezondheidstoestand",
            fr: "état de santé actuel ou futur",
            en: "current or future state of health",
        }
    );
    assert_eq!(
        labels("social_position"),
        Labels {
            nl: "sociale positie",
            fr: "condition sociale",
            en: "social position"
        }
    );
    assert_eq!(
        labels("sex"),
        Labels {
            nl: "geslacht (ook zwangerschap, bevalling, moederschap, vaderschap, meemoederschap, \
                adoptie, borstvoeding)",
            fr: "sexe (y compris grossesse, accouchement, maternité, paternité, comaternité, \
                adoption, allaitement)",
            en: "sex (including pregnancy, childbirth, maternity, paternity, co-maternity, \
                adoption, breastfeeding)",
        }
    );
    assert_eq!(
        labels("sex_characteristics"),
        Labels {
            nl: "geslachtskenmerken",
            fr: "caractéristiques sexuelles",
            en: "sex characteristics",
        }
    );
    assert_eq!(grounds.entries.first().unwrap().code, "nationality");
    assert_eq!(grounds.entries.last().unwrap().code, "unknown");
}

#[test]
fn an_unknown_list_is_none() {
    assert!(reference_list("nope").is_none());
    assert!(reference_list("").is_none());
    assert!(reference_list("Grounds").is_none());
}

#[test]
fn lists_have_the_sizes_of_the_design() {
    assert_eq!(Ground::ALL.len(), 25);
    assert_eq!(Conduct::ALL.len(), 9);
    assert_eq!(ComplaintContext::ALL.len(), 13);
    assert_eq!(Role::ALL.len(), 6);
    assert_eq!(Scope::ALL.len(), 7);
    assert_eq!(ComplaintOutcome::ALL.len(), 9);
    assert_eq!(BiasMotivation::ALL.len(), 10);
    assert_eq!(ApplicationStatus::ALL.len(), 11);
    assert_eq!(WebhookEventType::ALL.len(), 8);
    assert_eq!(reference_lists().len(), 28);
}

#[test]
fn lists_come_in_register_order() {
    let names: Vec<_> = reference_lists().iter().map(|l| l.name).collect();
    assert_eq!(names.first(), Some(&"roles"));
    assert_eq!(names.last(), Some(&"webhook-delivery-statuses"));
    let position = |name| names.iter().position(|n| *n == name).unwrap();
    assert!(position("api-key-scopes") < position("complaint-kinds"));
    assert!(position("languages") < position("incident-location-kinds"));
    assert!(position("action-item-statuses") < position("funding-sources"));
    assert!(position("application-statuses") < position("webhook-event-types"));
}

#[test]
fn codes_with_colons_and_two_letters_work_like_any_other() {
    assert_eq!(
        Scope::from_code("complaints:read_own"),
        Some(Scope::ComplaintsReadOwn)
    );
    assert_eq!(
        serde_json::to_string(&Scope::SubsidiesApply).unwrap(),
        "\"subsidies:apply\""
    );
    assert_eq!("de".parse::<PreferredLanguage>(), Ok(PreferredLanguage::De));
    assert_eq!(Ground::CODES.len(), Ground::ALL.len());
}

#[test]
fn an_unknown_ground_lists_the_allowed_codes() {
    let error = serde_json::from_str::<Ground>("\"race\"")
        .unwrap_err()
        .to_string();
    assert!(
        error
            .starts_with("unknown variant `race`, expected one of `nationality`, `alleged_race`, "),
        "{error}"
    );
    let error = "race".parse::<Ground>().unwrap_err().to_string();
    assert!(
        error.starts_with(
            "unknown code `race` in the `grounds` list, expected one of `nationality`, "
        ),
        "{error}"
    );
    assert!(error.ends_with(", `other`, `unknown`"), "{error}");
}

#[test]
fn a_code_must_be_a_json_string_in_exact_case() {
    let error = serde_json::from_str::<Channel>("3")
        .unwrap_err()
        .to_string();
    assert!(error.contains("a code of the `channels` list"), "{error}");
    assert!(serde_json::from_str::<Channel>("\"Phone\"").is_err());
    assert!(serde_json::from_str::<Vec<Ground>>(r#"["age", "sex"]"#).is_ok());
}

#[test]
fn a_reference_list_serialises_in_camel_case() {
    let json = serde_json::to_value(list_of::<ComplaintKind>()).unwrap();
    assert_eq!(
        json,
        serde_json::json!({
            "name": "complaint-kinds",
            "schemaName": "ComplaintKind",
            "description": ComplaintKind::DESCRIPTION,
            "entries": [
                {
                    "code": "report",
                    "labels": {"nl": "melding", "fr": "signalement", "en": "report"},
                },
                {
                    "code": "complaint",
                    "labels": {"nl": "klacht", "fr": "plainte", "en": "complaint"},
                },
            ],
        })
    );
}
