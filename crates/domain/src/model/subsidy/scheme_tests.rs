//! The scheme rules, one test each, one that collects them all, and the merge patch.

use super::test_support::*;
use super::*;
use crate::reference::{ApplicantKind, FundingSource, TargetGroup};

fn refused(draft: SchemeDraft) -> Vec<crate::error::FieldError> {
    field_errors(NewScheme::validate(draft))
}

#[test]
fn a_valid_scheme_is_created_trimmed_at_version_one() {
    let mut draft = scheme_draft();
    draft.title = "  Projectsubsidie Samenleven 2026 ".to_owned();
    let new = NewScheme::validate(draft).unwrap();
    assert_eq!(new.municipality().as_str(), "36008");
    assert_eq!(new.title(), "Projectsubsidie Samenleven 2026");
    let scheme = Scheme::create(new, scheme_id());
    assert_eq!(scheme.version, 1);
    assert_eq!(scheme.budget_cents, cents(5_000_000));
    assert_eq!(scheme.max_award_cents, cents(500_000));
    assert_eq!(scheme.max_share_of_costs_percent, 80);
    assert_eq!(scheme.criteria[0].code, "reach_of_target_group");
    assert_eq!(scheme.criteria[0].weight, 3);
    assert_eq!(scheme.funding_source, FundingSource::PlanSamenleven);
    assert_eq!(
        NewScheme::validate(scheme.to_draft())
            .map(|n| Scheme::create(n, scheme_id()))
            .unwrap(),
        scheme
    );
}

#[test]
fn the_municipality_is_a_nis_code() {
    let mut draft = scheme_draft();
    draft.municipality = "3600".to_owned();
    assert_eq!(only_pointer(&refused(draft)), "/municipality");
}

#[test]
fn the_title_is_one_to_two_hundred_characters() {
    for (title, ok) in [("", false), ("   ", false), ("x", true)] {
        let mut draft = scheme_draft();
        draft.title = title.to_owned();
        assert_eq!(NewScheme::validate(draft).is_ok(), ok, "{title:?}");
    }
    let mut draft = scheme_draft();
    draft.title = "é".repeat(200);
    assert!(NewScheme::validate(draft.clone()).is_ok());
    draft.title.push('é');
    assert_eq!(only_pointer(&refused(draft)), "/title");
}

#[test]
fn the_description_is_at_most_ten_thousand_characters_and_required() {
    let mut draft = scheme_draft();
    draft.description = "a".repeat(10_000);
    assert!(NewScheme::validate(draft.clone()).is_ok());
    draft.description.push('a');
    assert_eq!(only_pointer(&refused(draft.clone())), "/description");
    draft.description = " ".to_owned();
    assert_eq!(only_pointer(&refused(draft)), "/description");
}

#[test]
fn the_legal_basis_is_at_most_five_hundred_characters_and_required() {
    let mut draft = scheme_draft();
    draft.legal_basis = "a".repeat(500);
    assert!(NewScheme::validate(draft.clone()).is_ok());
    draft.legal_basis.push('a');
    assert_eq!(only_pointer(&refused(draft.clone())), "/legalBasis");
    draft.legal_basis = String::new();
    assert_eq!(only_pointer(&refused(draft)), "/legalBasis");
}

#[test]
fn at_least_one_eligible_applicant_kind_each_once() {
    let mut draft = scheme_draft();
    draft.eligible_applicants.clear();
    assert_eq!(only_pointer(&refused(draft.clone())), "/eligibleApplicants");
    draft.eligible_applicants = vec![ApplicantKind::School, ApplicantKind::School];
    assert_eq!(only_pointer(&refused(draft)), "/eligibleApplicants/1");
}

#[test]
fn at_least_one_target_group_each_once() {
    let mut draft = scheme_draft();
    draft.target_groups.clear();
    assert_eq!(only_pointer(&refused(draft.clone())), "/targetGroups");
    draft.target_groups = vec![TargetGroup::Everyone, TargetGroup::Everyone];
    assert_eq!(only_pointer(&refused(draft)), "/targetGroups/1");
}

#[test]
fn the_budget_is_more_than_zero() {
    for budget in [0, -1] {
        let mut draft = scheme_draft();
        draft.budget_cents = budget;
        assert_eq!(only_pointer(&refused(draft)), "/budgetCents", "{budget}");
    }
}

#[test]
fn the_maximum_award_is_more_than_zero_and_at_most_the_budget() {
    for max in [0, -5] {
        let mut draft = scheme_draft();
        draft.max_award_cents = max;
        assert_eq!(only_pointer(&refused(draft)), "/maxAwardCents", "{max}");
    }
    let mut draft = scheme_draft();
    draft.max_award_cents = draft.budget_cents;
    assert!(NewScheme::validate(draft.clone()).is_ok());
    draft.max_award_cents += 1;
    let errors = refused(draft);
    assert_eq!(only_pointer(&errors), "/maxAwardCents");
    assert!(
        errors[0].message.contains("5000000"),
        "{}",
        errors[0].message
    );
}

#[test]
fn the_maximum_share_of_costs_is_one_to_a_hundred_percent() {
    for (percent, ok) in [
        (0, false),
        (1, true),
        (100, true),
        (101, false),
        (-1, false),
        (300, false),
    ] {
        let mut draft = scheme_draft();
        draft.max_share_of_costs_percent = percent;
        assert_eq!(NewScheme::validate(draft).is_ok(), ok, "{percent}");
    }
    let mut draft = scheme_draft();
    draft.max_share_of_costs_percent = 0;
    assert_eq!(only_pointer(&refused(draft)), "/maxShareOfCostsPercent");
}

#[test]
fn the_scheme_closes_after_it_opens() {
    let mut draft = scheme_draft();
    draft.closes_at = draft.opens_at;
    assert_eq!(only_pointer(&refused(draft.clone())), "/closesAt");
    draft.closes_at = instant("2026-02-01T00:00:00Z");
    assert_eq!(only_pointer(&refused(draft)), "/closesAt");
}

#[test]
fn at_least_one_criterion() {
    let mut draft = scheme_draft();
    draft.criteria.clear();
    assert_eq!(only_pointer(&refused(draft)), "/criteria");
    let mut draft = scheme_draft();
    draft.criteria = (0..=MAX_CRITERIA)
        .map(|i| criterion(&format!("c{i}"), 1))
        .collect();
    assert_eq!(only_pointer(&refused(draft)), "/criteria");
}

#[test]
fn criterion_codes_are_unique_snake_case() {
    for good in ["reach", "reach_of_target_group", "c2", "phase_2_reach"] {
        assert!(is_snake_case(good), "{good}");
    }
    for bad in [
        "",
        "Reach",
        "reach-of",
        "_reach",
        "reach_",
        "reach__of",
        "2reach",
        "réach",
        "reach of",
    ] {
        assert!(!is_snake_case(bad), "{bad:?}");
        let mut draft = scheme_draft();
        draft.criteria[1].code = bad.to_owned();
        assert_eq!(only_pointer(&refused(draft)), "/criteria/1/code", "{bad:?}");
    }
    let mut draft = scheme_draft();
    draft.criteria[2].code = "a".repeat(MAX_CRITERION_CODE_CHARS + 1);
    assert_eq!(only_pointer(&refused(draft)), "/criteria/2/code");
    let mut draft = scheme_draft();
    draft.criteria[2].code = "reach_of_target_group".to_owned();
    let errors = refused(draft);
    assert_eq!(only_pointer(&errors), "/criteria/2/code");
    assert!(errors[0].message.contains("more than once"));
}

#[test]
fn criterion_weights_are_one_to_a_hundred() {
    for (weight, ok) in [
        (0, false),
        (1, true),
        (100, true),
        (101, false),
        (-3, false),
    ] {
        let mut draft = scheme_draft();
        draft.criteria[0].weight = weight;
        let result = NewScheme::validate(draft);
        assert_eq!(result.is_ok(), ok, "{weight}");
        if !ok {
            assert_eq!(only_pointer(&field_errors(result)), "/criteria/0/weight");
        }
    }
}

#[test]
fn criterion_descriptions_are_required() {
    let mut draft = scheme_draft();
    draft.criteria[0].description = "  ".to_owned();
    assert_eq!(only_pointer(&refused(draft)), "/criteria/0/description");
}

#[test]
fn every_broken_rule_is_reported_at_once() {
    let draft = SchemeDraft {
        municipality: "x".to_owned(),
        title: String::new(),
        description: String::new(),
        legal_basis: String::new(),
        eligible_applicants: vec![],
        target_groups: vec![],
        budget_cents: 0,
        max_award_cents: 0,
        max_share_of_costs_percent: 0,
        closes_at: instant("2026-01-01T00:00:00Z"),
        criteria: vec![criterion("Bad", 0)],
        ..scheme_draft()
    };
    assert_eq!(
        pointers(&refused(draft)),
        [
            "/municipality",
            "/title",
            "/description",
            "/legalBasis",
            "/eligibleApplicants",
            "/targetGroups",
            "/budgetCents",
            "/maxAwardCents",
            "/maxShareOfCostsPercent",
            "/closesAt",
            "/criteria/0/code",
            "/criteria/0/weight",
        ]
    );
}

#[test]
fn a_scheme_is_open_from_its_opening_until_before_its_closing() {
    let scheme = scheme();
    assert!(!scheme.is_open(instant("2026-02-28T23:59:59Z")));
    assert!(scheme.is_open(instant("2026-03-01T00:00:00Z")));
    assert!(scheme.is_open(instant("2026-04-30T23:59:59Z")));
    assert!(!scheme.is_open(instant("2026-05-01T00:00:00Z")));
    assert!(scheme.accepts(ApplicantKind::School));
    assert!(!scheme.accepts(ApplicantKind::PublicBody));
}
