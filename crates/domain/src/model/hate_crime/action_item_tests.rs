//! Action items: validation, the merge patch, and carry-over between consultations.

use std::collections::BTreeSet;

use chrono::NaiveDate;
use uuid::Uuid;

use super::*;
use crate::error::DomainError;
use crate::model::complaint::PatchValue;
use crate::model::municipality::NisCode;
use crate::reference::{ActionItemStatus, ConsultationStatus};

use ActionItemStatus::{Done, Dropped, InProgress, Open};
use ConsultationStatus::{Cancelled, Held, MinutesApproved, Planned};

fn day(text: &str) -> NaiveDate {
    text.parse().unwrap()
}

fn pointers(error: DomainError) -> Vec<String> {
    match error {
        DomainError::Validation(errors) => errors.into_iter().map(|e| e.pointer).collect(),
        other => panic!("expected a validation error, got {other:?}"),
    }
}

fn draft() -> ActionItemDraft {
    ActionItemDraft {
        description: "  Train the reception staff on hate-crime registration ".to_owned(),
        owner_organisation: " Politiezone Aalst ".to_owned(),
        due_on: day("2026-09-30"),
        status: None,
    }
}

fn set(codes: &[&str]) -> BTreeSet<NisCode> {
    codes.iter().map(|c| NisCode::parse(c).unwrap()).collect()
}

fn consultation(
    id: u128,
    codes: &[&str],
    period: &str,
    status: ConsultationStatus,
) -> Consultation {
    let period = HalfYear::parse(period).unwrap();
    Consultation {
        id: Uuid::from_u128(id),
        municipalities: set(codes),
        period,
        scheduled_at: period.last_day().and_hms_opt(10, 0, 0).unwrap().and_utc(),
        location: "Stadhuis".to_owned(),
        status,
        minutes: None,
        version: 1,
    }
}

fn item(id: u128, consultation: &Consultation, status: ActionItemStatus, due: &str) -> ActionItem {
    ActionItem {
        id: Uuid::from_u128(id),
        consultation_id: consultation.id,
        description: format!("item {id}"),
        owner_organisation: "Unia".to_owned(),
        due_on: day(due),
        status,
        version: 1,
    }
}

fn carried_ids(items: &[CarriedOverItem]) -> Vec<(u128, u128)> {
    items
        .iter()
        .map(|c| (c.item.id.as_u128(), c.carried_over_from.as_u128()))
        .collect()
}

const REGION: &[&str] = &["41002", "41048"];

#[test]
fn a_valid_item_is_trimmed_and_open_by_default() {
    let item = ActionItem::agree(
        NewActionItem::validate(draft()).unwrap(),
        Uuid::from_u128(5),
        Uuid::from_u128(1),
    );
    assert_eq!(
        item.description,
        "Train the reception staff on hate-crime registration"
    );
    assert_eq!(item.owner_organisation, "Politiezone Aalst");
    assert_eq!((item.status, item.version), (Open, 1));
    assert!(item.is_open());
    let done = NewActionItem::validate(ActionItemDraft {
        status: Some(Done),
        due_on: day("2020-01-01"),
        ..draft()
    });
    assert!(done.is_ok(), "a past due date is accepted");
}

#[test]
fn every_broken_rule_is_reported_at_once() {
    let bad = ActionItemDraft {
        description: " ".to_owned(),
        owner_organisation: "o".repeat(201),
        due_on: day("1899-12-31"),
        status: None,
    };
    assert_eq!(
        pointers(NewActionItem::validate(bad).unwrap_err()),
        ["/description", "/ownerOrganisation", "/dueOn"]
    );
    let long = ActionItemDraft {
        description: "d".repeat(2_001),
        ..draft()
    };
    assert_eq!(
        pointers(NewActionItem::validate(long).unwrap_err()),
        ["/description"]
    );
    let edge = ActionItemDraft {
        description: "d".repeat(2_000),
        owner_organisation: "o".repeat(200),
        ..draft()
    };
    assert!(NewActionItem::validate(edge).is_ok());
}

#[test]
fn open_means_open_or_in_progress() {
    assert!(action_item::is_open(Open));
    assert!(action_item::is_open(InProgress));
    assert!(!action_item::is_open(Done));
    assert!(!action_item::is_open(Dropped));
}

#[test]
fn an_item_is_followed_up_with_a_patch() {
    let c = consultation(1, REGION, "2026-H1", MinutesApproved);
    let original = item(5, &c, Open, "2026-09-30");
    let patch = ActionItemPatch {
        status: PatchValue::Set(Done),
        due_on: PatchValue::Set(day("2026-10-15")),
        ..ActionItemPatch::default()
    };
    let patched = original.apply(patch).unwrap();
    assert_eq!((patched.status, patched.due_on), (Done, day("2026-10-15")));
    assert_eq!(patched.description, original.description);
    let reopened = patched
        .apply(ActionItemPatch {
            status: PatchValue::Set(Open),
            ..ActionItemPatch::default()
        })
        .unwrap();
    assert_eq!(reopened.status, Open);
    let patch = ActionItemPatch {
        description: PatchValue::Remove,
        owner_organisation: PatchValue::Set(String::new()),
        due_on: PatchValue::Remove,
        status: PatchValue::Remove,
    };
    assert_eq!(
        pointers(original.apply(patch).unwrap_err()),
        ["/description", "/dueOn", "/status", "/ownerOrganisation"]
    );
}

#[test]
fn open_items_of_the_last_approved_consultation_of_the_same_set_carry_over() {
    let earlier = consultation(1, REGION, "2025-H2", MinutesApproved);
    let current = consultation(2, REGION, "2026-H1", Planned);
    let items = [
        item(10, &earlier, Open, "2026-03-01"),
        item(11, &earlier, InProgress, "2026-02-01"),
        item(12, &earlier, Done, "2026-01-01"),
        item(13, &earlier, Dropped, "2026-01-01"),
    ];
    let carried = carried_over(&current, &[(&earlier, &items)]);
    assert_eq!(carried_ids(&carried), [(11, 1), (10, 1)]);
    assert_eq!(carried[0].item.status, InProgress);
}

#[test]
fn only_minutes_approved_consultations_hand_items_on() {
    let current = consultation(9, REGION, "2026-H2", Planned);
    for status in [Planned, Held, Cancelled] {
        let earlier = consultation(1, REGION, "2026-H1", status);
        let items = [item(10, &earlier, Open, "2026-09-01")];
        assert!(
            carried_over(&current, &[(&earlier, &items)]).is_empty(),
            "{status}"
        );
        assert!(!carries_into(&earlier, &current));
    }
}

#[test]
fn another_set_of_municipalities_is_another_sequence() {
    let current = consultation(9, REGION, "2026-H2", Planned);
    let aalst_alone = consultation(1, &["41002"], "2026-H1", MinutesApproved);
    let larger = consultation(2, &["41002", "41048", "41018"], "2026-H1", MinutesApproved);
    let a = [item(10, &aalst_alone, Open, "2026-09-01")];
    let b = [item(11, &larger, Open, "2026-09-01")];
    assert!(carried_over(&current, &[(&aalst_alone, &a), (&larger, &b)]).is_empty());
}

#[test]
fn later_consultations_and_the_consultation_itself_hand_nothing_on() {
    let current = consultation(2, REGION, "2026-H1", MinutesApproved);
    let later = consultation(3, REGION, "2026-H2", MinutesApproved);
    let own = [item(10, &current, Open, "2026-09-01")];
    let next = [item(11, &later, Open, "2027-01-01")];
    assert!(carried_over(&current, &[(&current, &own), (&later, &next)]).is_empty());
}

#[test]
fn still_open_items_keep_carrying_over_and_name_where_they_were_agreed() {
    let first = consultation(1, REGION, "2025-H1", MinutesApproved);
    let second = consultation(2, REGION, "2025-H2", MinutesApproved);
    let cancelled = consultation(3, REGION, "2026-H1", Cancelled);
    let current = consultation(4, REGION, "2026-H1", Planned);
    let first_items = [
        item(10, &first, Open, "2025-12-01"),
        item(11, &first, Done, "2025-12-01"),
    ];
    let second_items = [item(20, &second, InProgress, "2026-03-01")];
    let cancelled_items = [item(30, &cancelled, Open, "2026-03-01")];
    let others = [
        (&second, &second_items[..]),
        (&cancelled, &cancelled_items[..]),
        (&first, &first_items[..]),
    ];
    let carried = carried_over(&current, &others);
    assert_eq!(carried_ids(&carried), [(10, 1), (20, 2)]);
    let source = carry_over_source(&current, [&first, &second, &cancelled]).unwrap();
    assert_eq!(source.id, second.id);
    assert!(carry_over_source(&first, [&second, &cancelled]).is_none());
}

#[test]
fn items_listed_under_another_consultation_are_not_taken_for_its_own() {
    let earlier = consultation(1, REGION, "2025-H2", MinutesApproved);
    let elsewhere = consultation(5, &["41018"], "2025-H2", MinutesApproved);
    let current = consultation(2, REGION, "2026-H1", Planned);
    let mixed = [
        item(10, &earlier, Open, "2026-01-01"),
        item(11, &elsewhere, Open, "2026-01-01"),
    ];
    assert_eq!(
        carried_ids(&carried_over(&current, &[(&earlier, &mixed)])),
        [(10, 1)]
    );
}

#[test]
fn two_consultations_in_one_half_year_follow_their_scheduled_time() {
    let morning = Consultation {
        scheduled_at: "2026-03-01T09:00:00Z".parse().unwrap(),
        ..consultation(7, REGION, "2026-H1", MinutesApproved)
    };
    let evening = Consultation {
        scheduled_at: "2026-03-01T18:00:00Z".parse().unwrap(),
        ..consultation(3, REGION, "2026-H1", Planned)
    };
    assert!(carries_into(&morning, &evening));
    let items = [item(10, &morning, Open, "2026-04-01")];
    assert_eq!(
        carried_ids(&carried_over(&evening, &[(&morning, &items)])),
        [(10, 7)]
    );
}
