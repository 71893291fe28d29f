//! The application rules, one test each, one that collects several at once, and the rules of
//! submission.

use super::test_support::*;
use super::*;
use crate::error::FieldError;
use crate::reference::{ApplicantKind, Enumeration, TargetGroup};

fn refused(draft: ApplicationDraft) -> Vec<FieldError> {
    field_errors(NewApplication::validate(draft, &scheme()))
}

#[test]
fn a_valid_application_is_normalised() {
    let mut draft = application_draft();
    draft.applicant.enterprise_number = Some("BE 0417 497 106".to_owned());
    draft.applicant.iban = "be68539007547034".to_owned();
    draft.applicant.name = "  vzw De Brug ".to_owned();
    let new = NewApplication::validate(draft, &scheme()).unwrap();
    let applicant = new.applicant();
    assert_eq!(applicant.name.as_deref(), Some("vzw De Brug"));
    assert_eq!(
        applicant.enterprise_number.as_ref().unwrap().to_string(),
        "0417.497.106"
    );
    let contact = applicant.contact.as_ref().unwrap();
    assert_eq!(contact.iban.to_string(), "BE68 5390 0754 7034");
    assert_eq!(contact.name, "An Peeters");
    assert_eq!(new.scheme_id(), scheme_id());
    assert_eq!(
        applicant.clone().anonymised().name.as_deref(),
        Some("vzw De Brug")
    );
    assert_eq!(applicant.clone().anonymised().contact, None);
    assert_eq!(new.municipality().as_str(), "36008");
    assert_eq!(new.requested(), cents(400_000));
    assert_eq!(new.budget().total_costs(), cents(500_000));
    assert_eq!(new.budget().total_income(), cents(50_000));
    assert_eq!(new.project().target_groups, [TargetGroup::Newcomers]);
}

#[test]
fn the_scheme_id_must_be_the_schemes() {
    let mut draft = application_draft();
    draft.scheme_id = uuid::Uuid::nil();
    assert_eq!(only_pointer(&refused(draft)), "/schemeId");
}

#[test]
fn the_applicant_kind_must_be_eligible() {
    let mut draft = application_draft();
    draft.applicant.kind = ApplicantKind::PublicBody;
    let errors = refused(draft);
    assert_eq!(only_pointer(&errors), "/applicant/kind");
    assert!(
        errors[0].message.contains("`public_body`"),
        "{}",
        errors[0].message
    );
    assert!(
        errors[0].message.contains("`school`"),
        "{}",
        errors[0].message
    );
}

#[test]
fn kinds_with_legal_personality_need_an_enterprise_number() {
    let mut scheme = scheme();
    scheme.eligible_applicants = ApplicantKind::ALL.to_vec();
    for kind in [
        ApplicantKind::Company,
        ApplicantKind::NonprofitAssociation,
        ApplicantKind::School,
        ApplicantKind::PublicBody,
    ] {
        assert!(has_enterprise_number(kind));
        for missing in [None, Some("  ".to_owned())] {
            let mut draft = application_draft();
            draft.applicant.kind = kind;
            draft.applicant.enterprise_number = missing;
            let errors = field_errors(NewApplication::validate(draft.clone(), &scheme));
            assert_eq!(
                only_pointer(&errors),
                "/applicant/enterpriseNumber",
                "{kind}"
            );
            assert!(errors[0].message.contains("required"), "{kind}");
            draft.applicant.enterprise_number = Some("0207.437.468".to_owned());
            assert!(NewApplication::validate(draft, &scheme).is_ok(), "{kind}");
        }
    }
}

#[test]
fn kinds_without_legal_personality_give_no_enterprise_number() {
    for kind in [
        ApplicantKind::DeFactoAssociation,
        ApplicantKind::CitizenInitiative,
    ] {
        assert!(!has_enterprise_number(kind));
        let mut draft = application_draft();
        draft.applicant.kind = kind;
        let errors = refused(draft.clone());
        assert_eq!(
            only_pointer(&errors),
            "/applicant/enterpriseNumber",
            "{kind}"
        );
        assert!(errors[0].message.contains("left out"), "{kind}");
        for absent in [None, Some(String::new())] {
            draft.applicant.enterprise_number = absent;
            let new = NewApplication::validate(draft.clone(), &scheme()).unwrap();
            assert_eq!(new.applicant().enterprise_number, None);
        }
    }
}

#[test]
fn the_enterprise_number_must_be_valid() {
    for bad in ["0417.497.107", "2417.497.106", "417497106", "0417.497.1O6"] {
        let mut draft = application_draft();
        draft.applicant.enterprise_number = Some(bad.to_owned());
        assert_eq!(
            only_pointer(&refused(draft)),
            "/applicant/enterpriseNumber",
            "{bad}"
        );
    }
}

#[test]
fn the_iban_must_be_valid() {
    for bad in [
        "",
        "BE69 5390 0754 7034",
        "BE68 5390 0754 703",
        "NL91 ABNA 0417 1643 01",
    ] {
        let mut draft = application_draft();
        draft.applicant.iban = bad.to_owned();
        assert_eq!(only_pointer(&refused(draft)), "/applicant/iban", "{bad}");
    }
    let mut draft = application_draft();
    draft.applicant.iban = "NL91 ABNA 0417 1643 00".to_owned();
    assert!(NewApplication::validate(draft, &scheme()).is_ok());
}

#[test]
fn the_email_address_must_have_its_shape() {
    for bad in ["", "an", "an@debrug", "an @debrug.be"] {
        let mut draft = application_draft();
        draft.applicant.email = bad.to_owned();
        assert_eq!(only_pointer(&refused(draft)), "/applicant/email", "{bad}");
    }
}

/// Sets one text member of a draft.
type Setter = fn(&mut ApplicationDraft, String);

#[test]
fn names_and_titles_are_required_and_bounded() {
    let cases: [(Setter, &str); 5] = [
        (|d, v| d.applicant.name = v, "/applicant/name"),
        (
            |d, v| d.applicant.contact_name = v,
            "/applicant/contactName",
        ),
        (|d, v| d.project.title = v, "/project/title"),
        (
            |d, v| d.budget.cost_lines[0].label = v,
            "/budget/costLines/0/label",
        ),
        (
            |d, v| d.budget.income_lines[0].label = v,
            "/budget/incomeLines/0/label",
        ),
    ];
    for (set, pointer) in cases {
        for value in [String::new(), "x".repeat(MAX_NAME_CHARS + 1)] {
            let mut draft = application_draft();
            set(&mut draft, value);
            assert_eq!(only_pointer(&refused(draft)), pointer);
        }
        let mut draft = application_draft();
        set(&mut draft, "x".repeat(MAX_NAME_CHARS));
        assert!(
            NewApplication::validate(draft, &scheme()).is_ok(),
            "{pointer}"
        );
    }
    let mut draft = application_draft();
    draft.project.summary = "x".repeat(MAX_SUMMARY_CHARS + 1);
    assert_eq!(only_pointer(&refused(draft)), "/project/summary");
}

#[test]
fn the_project_has_target_groups_each_once() {
    let mut draft = application_draft();
    draft.project.target_groups.clear();
    assert_eq!(
        only_pointer(&refused(draft.clone())),
        "/project/targetGroups"
    );
    draft.project.target_groups = vec![TargetGroup::Seniors, TargetGroup::Seniors];
    assert_eq!(only_pointer(&refused(draft)), "/project/targetGroups/1");
}

#[test]
fn the_project_ends_on_or_after_it_starts() {
    let mut draft = application_draft();
    draft.project.ends_on = draft.project.starts_on;
    assert!(NewApplication::validate(draft.clone(), &scheme()).is_ok());
    draft.project.ends_on = day("2026-05-31");
    assert_eq!(only_pointer(&refused(draft)), "/project/endsOn");
}

#[test]
fn at_least_one_cost_line_and_each_cost_more_than_zero() {
    let mut draft = application_draft();
    draft.budget.cost_lines.clear();
    assert!(pointers(&refused(draft)).contains(&"/budget/costLines"));
    for amount in [0, -1] {
        let mut draft = application_draft();
        draft.budget.cost_lines[1].amount_cents = amount;
        assert_eq!(
            only_pointer(&refused(draft)),
            "/budget/costLines/1/amountCents",
            "{amount}"
        );
    }
}

#[test]
fn income_may_be_zero_but_not_negative() {
    let mut draft = application_draft();
    draft.budget.income_lines[0].amount_cents = 0;
    assert!(NewApplication::validate(draft.clone(), &scheme()).is_ok());
    draft.budget.income_lines.clear();
    assert!(NewApplication::validate(draft.clone(), &scheme()).is_ok());
    draft.budget.income_lines = vec![line("Tickets", 10), line("Sponsoring", -10)];
    assert_eq!(
        only_pointer(&refused(draft)),
        "/budget/incomeLines/1/amountCents"
    );
}

#[test]
fn budgets_are_bounded_in_lines_and_totals() {
    let mut draft = application_draft();
    draft.budget.income_lines = (0..=MAX_BUDGET_LINES).map(|_| line("x", 1)).collect();
    assert_eq!(only_pointer(&refused(draft)), "/budget/incomeLines");
    let mut draft = application_draft();
    draft.budget.cost_lines = vec![line("a", i64::MAX), line("b", 1)];
    assert_eq!(only_pointer(&refused(draft)), "/budget/costLines");
}

#[test]
fn the_requested_amount_is_more_than_zero() {
    for requested in [0, -1] {
        let mut draft = application_draft();
        draft.requested_cents = requested;
        assert_eq!(only_pointer(&refused(draft)), "/requestedCents");
    }
}

#[test]
fn the_requested_amount_is_at_most_the_maximum_award() {
    let mut draft = application_draft();
    draft.budget.cost_lines = vec![line("Begeleiding", 2_000_000)];
    draft.requested_cents = 500_000;
    assert!(NewApplication::validate(draft.clone(), &scheme()).is_ok());
    draft.requested_cents = 500_001;
    let errors = refused(draft);
    assert_eq!(only_pointer(&errors), "/requestedCents");
    assert!(
        errors[0].message.contains("maximum award of 500000"),
        "{}",
        errors[0].message
    );
}

#[test]
fn the_requested_amount_is_at_most_the_share_of_costs_rounded_down() {
    let mut draft = application_draft();
    // 80 % of 4,999 cents is 3,999.2: at most 3,999.
    draft.budget.cost_lines = vec![line("Materiaal", 4_999)];
    draft.budget.income_lines.clear();
    draft.requested_cents = 3_999;
    assert!(NewApplication::validate(draft.clone(), &scheme()).is_ok());
    draft.requested_cents = 4_000;
    let errors = refused(draft);
    assert_eq!(only_pointer(&errors), "/requestedCents");
    assert!(errors[0].message.contains("80%"), "{}", errors[0].message);
    assert!(errors[0].message.contains("3999"), "{}", errors[0].message);
}

#[test]
fn the_requested_amount_is_at_most_the_costs_minus_the_other_income() {
    let mut draft = application_draft();
    draft.budget.income_lines = vec![line("Eigen inbreng", 100_000)];
    assert!(NewApplication::validate(draft.clone(), &scheme()).is_ok());
    draft.budget.income_lines = vec![line("Eigen inbreng", 100_001)];
    let errors = refused(draft.clone());
    assert_eq!(only_pointer(&errors), "/requestedCents");
    assert!(
        errors[0].message.contains("399999"),
        "{}",
        errors[0].message
    );
    // Income above the costs leaves nothing to ask for.
    draft.budget.income_lines = vec![line("Sponsoring", 900_000)];
    assert_eq!(only_pointer(&refused(draft)), "/requestedCents");
}

#[test]
fn every_amount_rule_broken_is_its_own_error() {
    let mut draft = application_draft();
    draft.budget.income_lines = vec![line("Sponsoring", 450_000)];
    draft.requested_cents = 600_000;
    assert_eq!(
        pointers(&refused(draft)),
        ["/requestedCents", "/requestedCents", "/requestedCents"]
    );
}

#[test]
fn every_broken_rule_is_reported_at_once() {
    let mut draft = application_draft();
    draft.scheme_id = uuid::Uuid::nil();
    draft.applicant.kind = ApplicantKind::CitizenInitiative;
    draft.applicant.name = String::new();
    draft.applicant.email = "nobody".to_owned();
    draft.applicant.iban = "BE00".to_owned();
    draft.project.ends_on = day("2026-01-01");
    draft.budget.cost_lines[0].amount_cents = 0;
    draft.requested_cents = 0;
    assert_eq!(
        pointers(&refused(draft)),
        [
            "/schemeId",
            "/applicant/name",
            "/applicant/enterpriseNumber",
            "/applicant/email",
            "/applicant/iban",
            "/project/endsOn",
            "/budget/costLines/0/amountCents",
            "/requestedCents",
        ]
    );
}

#[test]
fn submission_needs_an_open_scheme() {
    let (application, scheme) = (application(), scheme());
    assert!(check_submission(&application, &scheme, instant("2026-03-01T00:00:00Z")).is_ok());
    for (now, when) in [
        ("2026-02-28T23:59:59Z", "opens at 2026-03-01T00:00:00Z"),
        ("2026-05-01T00:00:00Z", "closed at 2026-05-01T00:00:00Z"),
    ] {
        let errors = field_errors(check_submission(&application, &scheme, instant(now)));
        assert_eq!(only_pointer(&errors), "/schemeId", "{now}");
        assert!(errors[0].message.contains(when), "{}", errors[0].message);
    }
}

#[test]
fn submission_checks_the_amounts_against_the_scheme_as_it_is_now() {
    let application = application();
    let now = instant("2026-04-01T12:00:00Z");
    let mut scheme = scheme();
    scheme.max_award_cents = cents(300_000);
    scheme.max_share_of_costs_percent = 50;
    let errors = field_errors(check_submission(&application, &scheme, now));
    assert_eq!(pointers(&errors), ["/requestedCents", "/requestedCents"]);
}

#[test]
fn submission_checks_the_applicant_kind_against_the_scheme_as_it_is_now() {
    let mut scheme = scheme();
    scheme.eligible_applicants = vec![ApplicantKind::School];
    let errors = field_errors(check_submission(
        &application(),
        &scheme,
        instant("2026-04-01T12:00:00Z"),
    ));
    assert_eq!(only_pointer(&errors), "/applicant/kind");
}

#[test]
fn submission_refuses_another_schemes_application() {
    let mut scheme = scheme();
    scheme.id = uuid::Uuid::nil();
    let errors = field_errors(check_submission(
        &application(),
        &scheme,
        instant("2026-04-01T12:00:00Z"),
    ));
    assert_eq!(only_pointer(&errors), "/schemeId");
}

#[test]
fn retention_removes_the_contact_and_the_name_of_an_applicant_without_enterprise_number() {
    let mut draft = application_draft();
    draft.applicant.kind = ApplicantKind::CitizenInitiative;
    draft.applicant.enterprise_number = None;
    let mut scheme = scheme();
    scheme
        .eligible_applicants
        .push(ApplicantKind::CitizenInitiative);
    let new = NewApplication::validate(draft, &scheme).unwrap();
    let kept = new.applicant().clone().anonymised();
    assert_eq!(kept.kind, ApplicantKind::CitizenInitiative);
    assert_eq!(kept.name, None);
    assert_eq!(kept.contact, None);
}
