//! Named cases from DESIGN §3, §10 and §11, one line each.

use super::*;

use Decision::{Allow, Forbid, NotFound};

fn coordinator() -> Principal {
    staff(&[Role::HateCrimeCoordinator])
}

fn officer() -> Principal {
    staff(&[Role::SubsidyOfficer])
}

/// A consultation of [`HOME`] and [`NEIGHBOUR`] with these participating partners.
fn regional_consultation(participants: &[Uuid]) -> Owner {
    Owner::in_municipalities([nis(HOME), nis(NEIGHBOUR)])
        .with_participants(participants.iter().copied())
}

/// An application of [`HOME`] entered at the counter by `subject`.
fn counter_application(subject: &str) -> Owner {
    home().created_by(subject.to_owned())
}

#[test]
#[rustfmt::skip]
fn named_cases() {
    let cases: Vec<(&str, Principal, Action, Option<Owner>, Decision)> = vec![
        // Tenancy: the admin and the grants.
        ("admin reads a complaint at home", staff(&[Role::Admin]), ReadComplaint, Some(home()), Allow),
        ("admin reads no complaint elsewhere", staff(&[Role::Admin]), ReadComplaint, Some(neighbour()), NotFound),
        ("admin erases a complaint at home", staff(&[Role::Admin]), EraseComplaint, Some(home()), Allow),
        ("admin adds no municipality it is not granted", staff(&[Role::Admin]), CreateMunicipality, Some(neighbour()), Forbid),
        ("a wildcard admin adds any municipality", staff_everywhere(&[Role::Admin]), CreateMunicipality, Some(neighbour()), Allow),
        ("a handler reads no municipality elsewhere", staff(&[Role::ComplaintHandler]), ReadMunicipality, Some(neighbour()), NotFound),
        ("a wildcard handler reads a complaint anywhere", staff_everywhere(&[Role::ComplaintHandler]), ReadComplaint, Some(neighbour()), Allow),
        // Complaints.
        ("a handler registers a complaint at home", staff(&[Role::ComplaintHandler]), CreateComplaint, Some(home()), Allow),
        ("a handler registers no complaint elsewhere", staff(&[Role::ComplaintHandler]), CreateComplaint, Some(neighbour()), Forbid),
        ("a handler reads a partner's complaint", staff(&[Role::ComplaintHandler]), ReadComplaint, Some(home().submitted_by(other_partner())), Allow),
        ("a handler reads no access log", staff(&[Role::ComplaintHandler]), ReadComplaintAccessLog, Some(home()), Forbid),
        ("a handler erases nothing", staff(&[Role::ComplaintHandler]), EraseComplaint, Some(home()), Forbid),
        ("a coordinator reads no complaint", coordinator(), ReadComplaint, Some(home()), Forbid),
        ("a handler asks no statistics of a neighbour", staff(&[Role::ComplaintHandler]), ReadComplaintStatistics, Some(neighbour()), Forbid),
        ("an analyst reads statistics at home", staff(&[Role::Analyst]), ReadComplaintStatistics, Some(home()), Allow),
        ("an analyst reads no complaint", staff(&[Role::Analyst]), ReadComplaint, Some(home()), Forbid),
        ("a partner submits a complaint at home", partner(&[Scope::ComplaintsSubmit]), CreateComplaint, Some(home()), Allow),
        ("a partner submits no complaint elsewhere", partner(&[Scope::ComplaintsSubmit]), CreateComplaint, Some(neighbour()), Forbid),
        ("submitting is not reading back", partner(&[Scope::ComplaintsSubmit]), ReadComplaint, Some(home().submitted_by(our_partner())), Forbid),
        ("a partner reads its own complaint", partner(&[Scope::ComplaintsReadOwn]), ReadComplaint, Some(home().submitted_by(our_partner())), Allow),
        ("a partner reads no other partner's complaint", partner(&[Scope::ComplaintsReadOwn]), ReadComplaint, Some(home().submitted_by(other_partner())), NotFound),
        ("a partner reads no complaint staff registered", partner(&[Scope::ComplaintsReadOwn]), ReadComplaint, Some(home()), NotFound),
        ("a partner reads no own complaint outside its municipalities", partner(&[Scope::ComplaintsReadOwn]), ReadComplaint, Some(neighbour().submitted_by(our_partner())), NotFound),
        ("a partner changes no classification", partner(&[Scope::ComplaintsReadOwn, Scope::ComplaintsSubmit]), UpdateComplaintClassification, Some(home().submitted_by(our_partner())), Forbid),
        // Hate-crime incidents.
        ("a partner submits an incident at home", partner(&[Scope::IncidentsSubmit]), CreateIncident, Some(home()), Allow),
        ("a partner reads another partner's incident at home", partner(&[Scope::IncidentsRead]), ReadIncident, Some(home().submitted_by(other_partner())), Allow),
        ("a partner reads no incident elsewhere", partner(&[Scope::IncidentsRead]), ReadIncident, Some(neighbour().submitted_by(our_partner())), NotFound),
        ("a partner changes no incident", partner(&[Scope::IncidentsRead, Scope::IncidentsSubmit]), UpdateIncident, Some(home().submitted_by(our_partner())), Forbid),
        ("a partner reads the ODIHR summary at home", partner(&[Scope::IncidentsRead]), ReadOdihrSummary, Some(home()), Allow),
        ("a partner asks no overview of a neighbour", partner(&[Scope::IncidentsRead]), ReadIncidentOverview, Some(Owner::in_municipalities([nis(HOME), nis(NEIGHBOUR)])), Forbid),
        ("an analyst reads the overview", staff(&[Role::Analyst]), ReadIncidentOverview, None, Allow),
        ("an analyst reads no incident", staff(&[Role::Analyst]), ReadIncident, Some(home()), Forbid),
        // Consultations.
        ("a coordinator reads a regional consultation through one municipality", coordinator(), ReadConsultation, Some(regional_consultation(&[])), Allow),
        ("a coordinator plans no consultation beyond its grant", coordinator(), CreateConsultation, Some(regional_consultation(&[])), Forbid),
        ("a wildcard coordinator plans a regional consultation", staff_everywhere(&[Role::HateCrimeCoordinator]), CreateConsultation, Some(regional_consultation(&[])), Allow),
        ("a coordinator reads no consultation of neighbours only", coordinator(), ReadConsultation, Some(Owner::in_municipalities([nis(NEIGHBOUR), nis("46021")])), NotFound),
        ("a participant reads the consultation", partner(&[Scope::ConsultationsRead]), ReadConsultation, Some(regional_consultation(&[other_partner(), our_partner()])), Allow),
        ("a participant reads the agenda", partner(&[Scope::ConsultationsRead]), ReadConsultationAgenda, Some(regional_consultation(&[our_partner()])), Allow),
        ("a partner that does not take part reads nothing", partner(&[Scope::ConsultationsRead]), ReadConsultation, Some(regional_consultation(&[other_partner()])), NotFound),
        ("a partner that does not take part reads no agenda", partner(&[Scope::ConsultationsRead]), ReadConsultationAgenda, Some(regional_consultation(&[])), NotFound),
        ("a participant reads nothing outside its municipalities", partner(&[Scope::ConsultationsRead]), ReadConsultation, Some(Owner::in_municipality(nis(NEIGHBOUR)).with_participants([our_partner()])), NotFound),
        ("a participant lists no participants", partner(&[Scope::ConsultationsRead]), ListParticipants, Some(regional_consultation(&[our_partner()])), Forbid),
        ("a participant reads no timeline", partner(&[Scope::ConsultationsRead]), ReadConsultationTimeline, Some(regional_consultation(&[our_partner()])), Forbid),
        ("a participant records no minutes", partner(&[Scope::ConsultationsRead]), RecordMinutes, Some(regional_consultation(&[our_partner()])), Forbid),
        ("an analyst reads the cadence", staff(&[Role::Analyst]), ReadConsultationCadence, Some(home()), Allow),
        ("an analyst reads no consultation", staff(&[Role::Analyst]), ReadConsultation, Some(home()), Forbid),
        // Subsidies.
        ("an officer enters an application at the counter", officer(), CreateApplication, Some(home()), Allow),
        ("an officer enters no application elsewhere", officer(), CreateApplication, Some(neighbour()), Forbid),
        ("an officer makes the applicant's transition of what it entered", officer(), ApplicantTransition, Some(counter_application(ALICE)), Allow),
        ("an officer makes no applicant's transition of what another entered", officer(), ApplicantTransition, Some(counter_application("bob")), Forbid),
        ("an officer makes no applicant's transition of a partner's application", officer(), ApplicantTransition, Some(home().submitted_by(our_partner())), Forbid),
        ("an officer's counter application elsewhere is not found", officer(), ApplicantTransition, Some(neighbour().created_by(ALICE.to_owned())), NotFound),
        ("an officer makes the officer's transitions of any application", officer(), OfficerTransition, Some(home().submitted_by(other_partner())), Allow),
        ("a reviewer makes no applicant's transition", staff(&[Role::SubsidyReviewer]), ApplicantTransition, Some(counter_application(ALICE)), Forbid),
        ("a reviewer makes no officer's transition", staff(&[Role::SubsidyReviewer]), OfficerTransition, Some(home()), Forbid),
        ("a reviewer reviews", staff(&[Role::SubsidyReviewer]), SubmitReview, Some(home()), Allow),
        ("an officer does not review", officer(), SubmitReview, Some(home()), Forbid),
        ("a reviewer reads the ranking", staff(&[Role::SubsidyReviewer]), ReadSchemeRanking, Some(home()), Allow),
        ("a reviewer reads no budget", staff(&[Role::SubsidyReviewer]), ReadSchemeBudget, Some(home()), Forbid),
        ("an analyst reads a scheme's budget", staff(&[Role::Analyst]), ReadSchemeBudget, Some(home()), Allow),
        ("an analyst reads no scheme's budget elsewhere", staff(&[Role::Analyst]), ReadSchemeBudget, Some(neighbour()), NotFound),
        ("an analyst reads no application", staff(&[Role::Analyst]), ReadApplication, Some(home()), Forbid),
        ("an applicant applies at home", partner(&[Scope::SubsidiesApply]), CreateApplication, Some(home()), Allow),
        ("an applicant submits its own draft", partner(&[Scope::SubsidiesApply]), ApplicantTransition, Some(home().submitted_by(our_partner())), Allow),
        ("an applicant submits no other applicant's draft", partner(&[Scope::SubsidiesApply]), ApplicantTransition, Some(home().submitted_by(other_partner())), NotFound),
        ("an applicant submits no counter application", partner(&[Scope::SubsidiesApply]), ApplicantTransition, Some(counter_application(ALICE)), NotFound),
        ("an applicant makes no officer's transition", partner(&[Scope::SubsidiesApply]), OfficerTransition, Some(home().submitted_by(our_partner())), Forbid),
        ("an applicant changes its own draft", partner(&[Scope::SubsidiesApply]), UpdateApplication, Some(home().submitted_by(our_partner())), Allow),
        ("an applicant reads its own application", partner(&[Scope::SubsidiesReadOwn]), ReadApplication, Some(home().submitted_by(our_partner())), Allow),
        ("an applicant reads no other application", partner(&[Scope::SubsidiesReadOwn]), ReadApplication, Some(home().submitted_by(other_partner())), NotFound),
        ("an applicant reads no reviews", partner(&[Scope::SubsidiesReadOwn, Scope::SubsidiesApply]), ListReviews, Some(home().submitted_by(our_partner())), Forbid),
        ("an applicant reads no scheme through the staff route", partner(&[Scope::SubsidiesApply]), ReadScheme, Some(home()), Forbid),
    ];
    for (name, principal, action, owner, expected) in cases {
        assert_eq!(decide(&principal, action, owner.as_ref()), expected, "{name}");
    }
}
