//! The `municipalities` claim, list scopes, the 403 and 404 errors and the texts of the actions.

use super::*;

fn claim(values: &[&str]) -> Result<MunicipalityGrant, String> {
    let values: Vec<String> = values.iter().map(|v| (*v).to_owned()).collect();
    MunicipalityGrant::parse_claim(&values)
}

fn only(codes: &[&str]) -> MunicipalityGrant {
    MunicipalityGrant::Only(codes.iter().map(|code| nis(code)).collect())
}

#[test]
fn the_municipalities_claim_is_nis_codes_or_a_wildcard() {
    let cases: Vec<(&[&str], Result<MunicipalityGrant, ()>)> = vec![
        (&["*"], Ok(MunicipalityGrant::All)),
        (&["36008", "*"], Ok(MunicipalityGrant::All)),
        (&["not a code", "*"], Ok(MunicipalityGrant::All)),
        (&["36008"], Ok(only(&["36008"]))),
        (&["36008", "12025"], Ok(only(&["12025", "36008"]))),
        (&["36008", "36008"], Ok(only(&["36008"]))),
        (&[], Err(())),
        (&[""], Err(())),
        (&["36008", "3600"], Err(())),
        (&["**"], Err(())),
        (&[" *"], Err(())),
        (&["all"], Err(())),
    ];
    for (values, expected) in cases {
        assert_eq!(claim(values).map_err(|_| ()), expected, "{values:?}");
    }
    let message = claim(&["36008", "3600x"]).unwrap_err();
    assert!(message.contains("`3600x`"), "{message}");
    assert!(claim(&[]).unwrap_err().contains("empty"));
}

#[test]
fn a_grant_covers_its_municipalities() {
    let grant = only(&["36008", "12025"]);
    assert!(grant.covers(&nis("36008")));
    assert!(!grant.covers(&nis("46021")));
    assert!(grant.covers_any(&[nis("46021"), nis("12025")]));
    assert!(!grant.covers_all(&[nis("46021"), nis("12025")]));
    assert!(grant.covers_all(&[nis("36008"), nis("12025")]));
    assert!(!grant.covers_any(&[]) && !grant.covers_all(&[]));
    assert!(MunicipalityGrant::All.covers(&nis("41011")));
    assert!(MunicipalityGrant::All.covers_all(&[nis("41011"), nis("46021")]));
    assert!(!MunicipalityGrant::All.covers_all(&[]));
}

fn scope(
    grant: MunicipalityGrant,
    submitted: Option<Uuid>,
    participant: Option<Uuid>,
) -> ListScope {
    ListScope {
        municipalities: grant,
        only_submitted_by: submitted,
        only_participant: participant,
    }
}

#[test]
#[rustfmt::skip]
fn list_scopes_filter_on_municipalities_and_on_what_is_the_partners() {
    let (home_only, nothing, us) = (only(&[HOME]), only(&[]), Some(our_partner()));
    let cases: Vec<(&str, Principal, Action, ListScope)> = vec![
        ("staff see their grant", staff(&[Role::ComplaintHandler]), ListComplaints, scope(home_only.clone(), None, None)),
        ("a wildcard sees everything", staff_everywhere(&[Role::Admin]), ListApplications, scope(MunicipalityGrant::All, None, None)),
        ("a reviewer lists applications", staff(&[Role::SubsidyReviewer]), ListApplications, scope(home_only.clone(), None, None)),
        ("staff without the role see nothing", staff(&[Role::SubsidyReviewer]), ListComplaints, scope(nothing.clone(), None, None)),
        ("a partner sees its own complaints", partner(&[Scope::ComplaintsReadOwn]), ListComplaints, scope(home_only.clone(), us, None)),
        ("a partner sees its own applications", partner(&[Scope::SubsidiesReadOwn]), ListApplications, scope(home_only.clone(), us, None)),
        ("a partner sees every incident of its municipalities", partner(&[Scope::IncidentsRead]), ListIncidents, scope(home_only.clone(), None, None)),
        ("a partner sees the consultations it takes part in", partner(&[Scope::ConsultationsRead]), ListConsultations, scope(home_only.clone(), None, us)),
        ("statistics cover the partner's municipalities", partner(&[Scope::IncidentsRead]), ReadOdihrSummary, scope(home_only, None, None)),
        ("a partner without the scope sees nothing", partner(&[Scope::ComplaintsSubmit]), ListComplaints, scope(nothing, None, None)),
    ];
    for (name, principal, action, expected) in cases {
        assert_eq!(list_scope(&principal, action), expected, "{name}");
    }
}

#[test]
fn a_list_scope_admits_what_decide_allows_one_by_one() {
    let owners = [
        home(),
        neighbour(),
        home().submitted_by(our_partner()),
        home().submitted_by(other_partner()),
        neighbour().submitted_by(our_partner()),
        Owner::in_municipalities([nis(NEIGHBOUR), nis(HOME)]).with_participants([our_partner()]),
        home().with_participants([other_partner()]),
    ];
    let lists = [
        (ListComplaints, ReadComplaint),
        (ListIncidents, ReadIncident),
        (ListConsultations, ReadConsultation),
        (ListApplications, ReadApplication),
    ];
    let principals = [
        staff(&[Role::Admin]),
        staff_everywhere(&[Role::ComplaintHandler, Role::HateCrimeCoordinator]),
        staff(&[Role::SubsidyReviewer]),
        partner(Scope::ALL),
        partner(&[
            Scope::ComplaintsSubmit,
            Scope::IncidentsSubmit,
            Scope::SubsidiesApply,
        ]),
    ];
    for principal in &principals {
        for (list, read) in lists {
            if !decide(principal, list, None).is_allowed() {
                assert!(
                    owners
                        .iter()
                        .all(|o| !list_scope(principal, list).admits(o))
                );
                continue;
            }
            for owner in &owners {
                assert_eq!(
                    list_scope(principal, list).admits(owner),
                    decide(principal, read, Some(owner)).is_allowed(),
                    "{} {list:?} {owner:?}",
                    principal.actor()
                );
            }
        }
    }
}

#[test]
fn authorize_names_the_action_and_what_it_needs() {
    let forbidden = authorize(
        &partner(&[Scope::ComplaintsSubmit]),
        ReadComplaint,
        None,
        "complaint",
    );
    match forbidden {
        Err(DomainError::Forbidden(message)) => assert_eq!(
            message,
            "you may not read a complaint: that needs role complaint_handler, or scope complaints:read_own"
        ),
        other => panic!("{other:?}"),
    }
    let elsewhere = authorize(
        &staff(&[Role::ComplaintHandler]),
        CreateComplaint,
        Some(&neighbour()),
        "complaint",
    );
    match elsewhere {
        Err(DomainError::Forbidden(message)) => {
            assert!(
                message.contains("register a complaint") && message.contains(NEIGHBOUR),
                "{message}"
            )
        }
        other => panic!("{other:?}"),
    }
    let not_creator = authorize(
        &staff(&[Role::SubsidyOfficer]),
        ApplicantTransition,
        Some(&home()),
        "subsidy application",
    );
    assert!(matches!(not_creator, Err(DomainError::Forbidden(m)) if m.contains("counter")));
    let hidden = authorize(
        &staff(&[Role::ComplaintHandler]),
        ReadComplaint,
        Some(&neighbour()),
        "complaint",
    );
    assert!(matches!(hidden, Err(DomainError::NotFound("complaint"))));
    assert!(
        authorize(
            &staff(&[Role::ComplaintHandler]),
            ReadComplaint,
            Some(&home()),
            "complaint"
        )
        .is_ok()
    );
}

#[test]
fn each_requirement_names_exactly_the_roles_and_scopes_that_may() {
    for &action in Action::ALL {
        let requirement = action.requirement();
        let who = who(action);
        assert!(!action.describe().is_empty() && !requirement.is_empty());
        if who.is_empty() {
            assert_eq!(requirement, "role admin", "{action:?}");
        } else if who == ANY_STAFF {
            assert_eq!(requirement, "any staff role", "{action:?}");
        } else {
            let codes = Role::ALL
                .iter()
                .map(|r| r.code())
                .chain(Scope::ALL.iter().map(|s| s.code()));
            for code in codes {
                assert_eq!(
                    requirement.contains(code),
                    who.contains(&code),
                    "{code} in {action:?}: {requirement}"
                );
            }
        }
    }
}

#[test]
fn each_action_describes_itself_differently() {
    let described: BTreeSet<&str> = Action::ALL.iter().map(|a| a.describe()).collect();
    assert_eq!(described.len(), Action::ALL.len());
}

#[test]
fn principals_name_themselves_as_actors() {
    assert_eq!(staff(&[Role::Admin]).actor(), "staff:alice");
    assert_eq!(
        partner(&[]).actor(),
        "partner:00000000-0000-0000-0000-000000000001"
    );
    assert!(staff(&[Role::Admin, Role::Analyst]).is_admin());
    assert!(!staff(&[Role::ComplaintHandler]).is_admin());
    assert!(!partner(Scope::ALL).is_admin());
    assert_eq!(partner(&[]).partner_id(), Some(our_partner()));
    assert_eq!(staff(&[]).staff_subject(), Some(ALICE));
}
