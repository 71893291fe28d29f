//! Changing a scheme with a merge patch: locked members after the first submission (409), the
//! rules of creation again (422).

use super::test_support::*;
use super::*;
use crate::reference::{ApplicantKind, FundingSource, TargetGroup};

#[test]
fn before_any_submission_every_member_can_change() {
    let scheme = scheme();
    let changes = SchemeChanges {
        title: Some(" New title ".to_owned()),
        budget_cents: Some(6_000_000),
        max_award_cents: Some(600_000),
        max_share_of_costs_percent: Some(90),
        eligible_applicants: Some(vec![ApplicantKind::PublicBody]),
        criteria: Some(vec![criterion("impact", 5)]),
        ..SchemeChanges::default()
    };
    let changed = scheme.apply(changes, false).unwrap();
    assert_eq!(changed.title, "New title");
    assert_eq!(changed.budget_cents, cents(6_000_000));
    assert_eq!(changed.max_award_cents, cents(600_000));
    assert_eq!(changed.max_share_of_costs_percent, 90);
    assert_eq!(changed.eligible_applicants, [ApplicantKind::PublicBody]);
    assert_eq!(changed.criteria.len(), 1);
    assert_eq!((changed.id, changed.version), (scheme.id, scheme.version));
    assert_eq!(changed.description, scheme.description);
}

#[test]
fn an_empty_patch_changes_nothing() {
    let scheme = scheme();
    assert_eq!(
        scheme.apply(SchemeChanges::default(), true).unwrap(),
        scheme
    );
}

#[test]
fn after_a_submission_the_money_and_the_rules_are_locked() {
    let scheme = scheme();
    let locked = [
        (
            "budgetCents",
            SchemeChanges {
                budget_cents: Some(6_000_000),
                ..Default::default()
            },
        ),
        (
            "maxAwardCents",
            SchemeChanges {
                max_award_cents: Some(400_000),
                ..Default::default()
            },
        ),
        (
            "maxShareOfCostsPercent",
            SchemeChanges {
                max_share_of_costs_percent: Some(50),
                ..Default::default()
            },
        ),
        (
            "eligibleApplicants",
            SchemeChanges {
                eligible_applicants: Some(vec![ApplicantKind::Company]),
                ..Default::default()
            },
        ),
        (
            "criteria",
            SchemeChanges {
                criteria: Some(vec![criterion("impact", 1)]),
                ..Default::default()
            },
        ),
    ];
    for (member, changes) in locked {
        let message = conflict(scheme.apply(changes.clone(), true));
        assert!(message.contains(member), "{member}: {message}");
        assert!(scheme.apply(changes, false).is_ok(), "{member}");
    }
    let both = SchemeChanges {
        budget_cents: Some(1),
        criteria: Some(vec![]),
        ..Default::default()
    };
    let message = conflict(scheme.apply(both, true));
    assert!(message.contains("budgetCents, criteria"), "{message}");
}

#[test]
fn after_a_submission_sending_the_current_values_is_no_change() {
    let scheme = scheme();
    let mut reordered = scheme.eligible_applicants.clone();
    reordered.reverse();
    let same = SchemeChanges {
        budget_cents: Some(scheme.budget_cents.get()),
        max_award_cents: Some(scheme.max_award_cents.get()),
        max_share_of_costs_percent: Some(80),
        eligible_applicants: Some(reordered.clone()),
        criteria: Some(scheme.to_draft().criteria),
        ..Default::default()
    };
    let changed = scheme.apply(same, true).unwrap();
    assert_eq!(changed.eligible_applicants, reordered);
    assert_eq!(changed.criteria, scheme.criteria);
}

#[test]
fn after_a_submission_the_other_members_still_change() {
    let scheme = scheme();
    let changes = SchemeChanges {
        title: Some("Verlengd".to_owned()),
        description: Some("Now until June.".to_owned()),
        legal_basis: Some("Wijziging reglement, 2026".to_owned()),
        funding_source: Some(FundingSource::Municipal),
        target_groups: Some(vec![TargetGroup::Everyone]),
        opens_at: Some(instant("2026-03-02T00:00:00Z")),
        closes_at: Some(instant("2026-07-01T00:00:00Z")),
        ..Default::default()
    };
    let changed = scheme.apply(changes, true).unwrap();
    assert_eq!(changed.title, "Verlengd");
    assert_eq!(changed.funding_source, FundingSource::Municipal);
    assert_eq!(changed.target_groups, [TargetGroup::Everyone]);
    assert_eq!(changed.closes_at, instant("2026-07-01T00:00:00Z"));
}

#[test]
fn a_change_is_checked_with_the_rules_of_creation() {
    let scheme = scheme();
    let changes = SchemeChanges {
        title: Some(String::new()),
        closes_at: Some(instant("2026-01-01T00:00:00Z")),
        max_award_cents: Some(scheme.budget_cents.get() + 1),
        ..Default::default()
    };
    assert_eq!(
        pointers(&field_errors(scheme.apply(changes, false))),
        ["/title", "/maxAwardCents", "/closesAt"]
    );
}
