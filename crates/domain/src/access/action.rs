//! The operations of DESIGN §10 that need a decision, each declared once with who may do it.
//!
//! `admin` may do everything and is not repeated in the table; the public routes (landing,
//! probes, reference lists, the reporter's status page, open schemes, awards) need no decision
//! and have no action.

use crate::reference::{Role, Scope};

/// How an action relates to the municipalities of the record it concerns (its [`Owner`]).
///
/// [`Owner`]: super::Owner
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ActionKind {
    /// Creates a record; the owner is the target municipality (or municipalities, for a
    /// consultation). Each must be granted, else 403 (DESIGN §11).
    Create,
    /// Lists a top-level collection. Decided without an owner; the list is then filtered by
    /// [`list_scope`](super::list_scope). An owner, when given, names the municipalities the query
    /// asks for: each must be granted, else 403.
    List,
    /// Reads or changes one record, or a collection under it (notes, participants, reviews…);
    /// the owner is that record. Outside the caller's municipalities, or another partner's, it
    /// answers 404 as if it did not exist.
    Record,
    /// Aggregated figures of one record (a scheme's budget or ranking), decided as
    /// [`Self::Record`].
    RecordSummary,
    /// Statistics over the municipalities the query names (the owner): each must be granted,
    /// else 403. Without an owner the figures cover the caller's municipalities.
    Statistics,
}

/// Which of a partner's records an action reaches, beyond its municipalities.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum PartnerReach {
    /// Every record of the partner's municipalities.
    Municipalities,
    /// Only the records the partner submitted.
    Own,
    /// Only the consultations where the partner is a participant.
    Participant,
}

/// Which records of its municipalities a staff member reaches.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum StaffReach {
    /// Every record of the granted municipalities.
    Municipalities,
    /// Only the records the staff member created (applications entered at the counter).
    Creator,
}

/// Who may do an action, as the table below declares it.
#[derive(Debug, Clone, Copy)]
pub(super) struct Rule {
    pub(super) kind: ActionKind,
    /// The roles that may, besides `admin`.
    pub(super) roles: &'static [Role],
    pub(super) staff: StaffReach,
    /// The scope a partner's key needs, and what it then reaches; `None`: partners never may.
    pub(super) partner: Option<(Scope, PartnerReach)>,
}

macro_rules! staff_reach {
    () => {
        StaffReach::Municipalities
    };
    ($reach:ident) => {
        StaffReach::$reach
    };
}

macro_rules! partner_rule {
    (-) => {
        None
    };
    (($scope:ident, $reach:ident)) => {
        Some((Scope::$scope, PartnerReach::$reach))
    };
}

/// Declares the actions: `Name = kind, [roles besides admin] (by staff reach)?, partner rule,
/// "describe", "requirement";` where the partner rule is `-` or `(Scope, PartnerReach)`.
macro_rules! actions {
    ($(
        $(#[$meta:meta])*
        $name:ident = $kind:ident, [$($role:ident),*] $(by $staff:ident)?, $partner:tt,
            $describe:literal, $requirement:literal;
    )+) => {
        /// Every operation of DESIGN §10 that needs a decision (not the public ones), one per route
        /// and method; a route's `{id}` record is the [`Owner`](super::Owner) given with it.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Action {$(
            $(#[$meta])*
            $name,
        )+}

        impl Action {
            /// Every action, in the order of DESIGN §10.
            pub const ALL: &'static [Self] = &[$(Self::$name),+];

            /// What the action does, as it reads after "may": e.g. `read a complaint`.
            pub fn describe(self) -> &'static str {
                match self {$(Self::$name => $describe,)+}
            }

            /// Who may do it, for 403 messages and OpenAPI descriptions: e.g. `role
            /// complaint_handler, or scope complaints:read_own`. `admin`, which may do
            /// everything, is named only where it alone may.
            pub fn requirement(self) -> &'static str {
                match self {$(Self::$name => $requirement,)+}
            }

            /// How the action relates to its record's municipalities.
            pub fn kind(self) -> ActionKind {
                self.rule().kind
            }

            pub(super) fn rule(self) -> Rule {
                match self {$(
                    Self::$name => Rule {
                        kind: ActionKind::$kind,
                        roles: &[$(Role::$role),*],
                        staff: staff_reach!($($staff)?),
                        partner: partner_rule!($partner),
                    },
                )+}
            }
        }
    };
}

actions! {
    /// `GET /municipalities`.
    ListMunicipalities = List,
        [ComplaintHandler, HateCrimeCoordinator, SubsidyOfficer, SubsidyReviewer, Analyst], -,
        "list the municipalities", "any staff role";
    /// `POST /municipalities`; the owner is the new municipality.
    CreateMunicipality = Create, [], -, "add a municipality", "role admin";
    /// `GET /municipalities/{nis}`.
    ReadMunicipality = Record,
        [ComplaintHandler, HateCrimeCoordinator, SubsidyOfficer, SubsidyReviewer, Analyst], -,
        "read a municipality", "any staff role";
    /// `PATCH /municipalities/{nis}`.
    UpdateMunicipality = Record, [], -, "change a municipality", "role admin";
    /// `GET /partners`.
    ListPartners = List, [], -, "list the partners", "role admin";
    /// `POST /partners`; the owner names the partner's municipalities.
    CreatePartner = Create, [], -, "add a partner", "role admin";
    /// `GET /partners/{id}`.
    ReadPartner = Record, [], -, "read a partner", "role admin";
    /// `PATCH /partners/{id}`, deactivation included.
    UpdatePartner = Record, [], -, "change or deactivate a partner", "role admin";
    /// `GET /partners/{id}/api-keys`; the owner is the partner.
    ListApiKeys = Record, [], -, "list a partner's API keys", "role admin";
    /// `POST /partners/{id}/api-keys`; the owner is the partner.
    CreateApiKey = Record, [], -, "issue an API key to a partner", "role admin";
    /// `DELETE /partners/{id}/api-keys/{keyId}`; the owner is the partner.
    RevokeApiKey = Record, [], -, "revoke a partner's API key", "role admin";
    /// `GET /webhook-subscriptions`.
    ListWebhookSubscriptions = List, [], -, "list the webhook subscriptions", "role admin";
    /// `POST /webhook-subscriptions`.
    CreateWebhookSubscription = Create, [], -, "subscribe to webhooks", "role admin";
    /// `GET /webhook-subscriptions/{id}`.
    ReadWebhookSubscription = Record, [], -, "read a webhook subscription", "role admin";
    /// `PATCH /webhook-subscriptions/{id}`.
    UpdateWebhookSubscription = Record, [], -, "change a webhook subscription", "role admin";
    /// `DELETE /webhook-subscriptions/{id}`.
    DeleteWebhookSubscription = Record, [], -, "delete a webhook subscription", "role admin";
    /// `GET /webhook-subscriptions/{id}/deliveries`.
    ListWebhookDeliveries = Record, [], -,
        "list a webhook subscription's deliveries", "role admin";
    /// `POST /webhook-subscriptions/{id}/deliveries/{deliveryId}/redeliver`.
    RedeliverWebhook = Record, [], -, "redeliver a webhook", "role admin";

    /// `POST /complaints`; the owner is the complaint's municipality.
    CreateComplaint = Create, [ComplaintHandler], (ComplaintsSubmit, Municipalities),
        "register a complaint", "role complaint_handler, or scope complaints:submit";
    /// `GET /complaints`.
    ListComplaints = List, [ComplaintHandler], (ComplaintsReadOwn, Own),
        "list complaints", "role complaint_handler, or scope complaints:read_own";
    /// `GET /complaints/{id}`.
    ReadComplaint = Record, [ComplaintHandler], (ComplaintsReadOwn, Own),
        "read a complaint", "role complaint_handler, or scope complaints:read_own";
    /// `PATCH /complaints/{id}`: corrects the classification.
    UpdateComplaintClassification = Record, [ComplaintHandler], -,
        "correct a complaint's classification", "role complaint_handler";
    /// `POST /complaints/{id}/transitions`.
    TransitionComplaint = Record, [ComplaintHandler], -,
        "change a complaint's status", "role complaint_handler";
    /// `PUT` and `DELETE /complaints/{id}/assignment`.
    AssignComplaint = Record, [ComplaintHandler], -,
        "assign or unassign a complaint's handler", "role complaint_handler";
    /// `GET /complaints/{id}/notes`.
    ListComplaintNotes = Record, [ComplaintHandler], -,
        "read a complaint's internal notes", "role complaint_handler";
    /// `POST /complaints/{id}/notes`.
    AddComplaintNote = Record, [ComplaintHandler], -,
        "add an internal note to a complaint", "role complaint_handler";
    /// `GET /complaints/{id}/messages`.
    ListComplaintMessages = Record, [ComplaintHandler], -,
        "read the messages with a complaint's reporter", "role complaint_handler";
    /// `POST /complaints/{id}/messages`.
    SendComplaintMessage = Record, [ComplaintHandler], -,
        "send a message to a complaint's reporter", "role complaint_handler";
    /// `GET /complaints/{id}/timeline`.
    ReadComplaintTimeline = Record, [ComplaintHandler], -,
        "read a complaint's timeline", "role complaint_handler";
    /// `GET /complaints/{id}/access-log`.
    ReadComplaintAccessLog = Record, [], -, "read a complaint's access log", "role admin";
    /// `POST /complaints/{id}/escalations`; the owner is the complaint.
    EscalateComplaint = Record, [ComplaintHandler], -,
        "escalate a complaint to a hate-crime incident", "role complaint_handler";
    /// `POST /complaints/{id}/erasure`.
    EraseComplaint = Record, [], -, "erase a complaint's personal data", "role admin";
    /// `GET /complaints/statistics`; the owner, if any, is the `municipality` asked for.
    ReadComplaintStatistics = Statistics, [ComplaintHandler, Analyst], -,
        "read complaint statistics", "role complaint_handler or analyst";

    /// `POST /hate-crime-incidents`; the owner is the incident's municipality.
    CreateIncident = Create, [HateCrimeCoordinator], (IncidentsSubmit, Municipalities),
        "record a hate-crime incident", "role hate_crime_coordinator, or scope incidents:submit";
    /// `GET /hate-crime-incidents`.
    ListIncidents = List, [HateCrimeCoordinator], (IncidentsRead, Municipalities),
        "list hate-crime incidents", "role hate_crime_coordinator, or scope incidents:read";
    /// `GET /hate-crime-incidents/{id}`: a partner with `incidents:read` reads every incident of
    /// its municipalities, not only its own.
    ReadIncident = Record, [HateCrimeCoordinator], (IncidentsRead, Municipalities),
        "read a hate-crime incident", "role hate_crime_coordinator, or scope incidents:read";
    /// `PATCH /hate-crime-incidents/{id}`.
    UpdateIncident = Record, [HateCrimeCoordinator], -,
        "change a hate-crime incident", "role hate_crime_coordinator";
    /// `GET /hate-crime-incidents/{id}/timeline`.
    ReadIncidentTimeline = Record, [HateCrimeCoordinator], -,
        "read a hate-crime incident's timeline", "role hate_crime_coordinator";
    /// `GET /hate-crime-incidents/odihr-summary`; the owner, if any, is the `municipality`.
    ReadOdihrSummary = Statistics, [HateCrimeCoordinator, Analyst], (IncidentsRead, Municipalities),
        "read the ODIHR summary of hate-crime incidents",
        "role hate_crime_coordinator or analyst, or scope incidents:read";
    /// `GET /hate-crime-incidents/overview`; the owner, if any, is the `municipalities`.
    ReadIncidentOverview = Statistics, [HateCrimeCoordinator, Analyst],
        (IncidentsRead, Municipalities),
        "read the overview of hate-crime incidents",
        "role hate_crime_coordinator or analyst, or scope incidents:read";

    /// `POST /consultations`; the owner is the consultation's municipalities, all of which
    /// must be granted.
    CreateConsultation = Create, [HateCrimeCoordinator], -,
        "plan a hate-crime consultation", "role hate_crime_coordinator";
    /// `GET /consultations`: a partner sees those where it is a participant.
    ListConsultations = List, [HateCrimeCoordinator], (ConsultationsRead, Participant),
        "list hate-crime consultations",
        "role hate_crime_coordinator, or scope consultations:read (as a participant)";
    /// `GET /consultations/{id}`: any of its municipalities suffices; a partner must be a
    /// participant.
    ReadConsultation = Record, [HateCrimeCoordinator], (ConsultationsRead, Participant),
        "read a hate-crime consultation",
        "role hate_crime_coordinator, or scope consultations:read (as a participant)";
    /// `PATCH /consultations/{id}`.
    UpdateConsultation = Record, [HateCrimeCoordinator], -,
        "change a hate-crime consultation", "role hate_crime_coordinator";
    /// `POST /consultations/{id}/transitions`.
    TransitionConsultation = Record, [HateCrimeCoordinator], -,
        "change a consultation's status", "role hate_crime_coordinator";
    /// `GET /consultations/{id}/timeline`.
    ReadConsultationTimeline = Record, [HateCrimeCoordinator], -,
        "read a consultation's timeline", "role hate_crime_coordinator";
    /// `GET /consultations/{id}/participants`.
    ListParticipants = Record, [HateCrimeCoordinator], -,
        "list a consultation's participants", "role hate_crime_coordinator";
    /// `POST /consultations/{id}/participants`.
    AddParticipant = Record, [HateCrimeCoordinator], -,
        "add a participant to a consultation", "role hate_crime_coordinator";
    /// `PATCH /consultations/{id}/participants/{participantId}`.
    UpdateParticipant = Record, [HateCrimeCoordinator], -,
        "change a consultation's participant", "role hate_crime_coordinator";
    /// `DELETE /consultations/{id}/participants/{participantId}`.
    RemoveParticipant = Record, [HateCrimeCoordinator], -,
        "remove a participant from a consultation", "role hate_crime_coordinator";
    /// `PUT /consultations/{id}/minutes`.
    RecordMinutes = Record, [HateCrimeCoordinator], -,
        "record a consultation's minutes", "role hate_crime_coordinator";
    /// `GET /consultations/{id}/action-items`.
    ListActionItems = Record, [HateCrimeCoordinator], -,
        "list a consultation's action items", "role hate_crime_coordinator";
    /// `POST /consultations/{id}/action-items`.
    AddActionItem = Record, [HateCrimeCoordinator], -,
        "add an action item to a consultation", "role hate_crime_coordinator";
    /// `PATCH /consultations/{id}/action-items/{itemId}`.
    UpdateActionItem = Record, [HateCrimeCoordinator], -,
        "change a consultation's action item", "role hate_crime_coordinator";
    /// `GET /consultations/{id}/agenda`: a partner must be a participant.
    ReadConsultationAgenda = Record, [HateCrimeCoordinator], (ConsultationsRead, Participant),
        "read a consultation's agenda",
        "role hate_crime_coordinator, or scope consultations:read (as a participant)";
    /// `GET /consultations/cadence`; the owner, if any, is the `municipality`.
    ReadConsultationCadence = Statistics, [HateCrimeCoordinator, Analyst], -,
        "read the cadence of consultations", "role hate_crime_coordinator or analyst";

    /// `POST /subsidy-schemes`; the owner is the scheme's municipality.
    CreateScheme = Create, [SubsidyOfficer], -,
        "create a subsidy scheme", "role subsidy_officer";
    /// `GET /subsidy-schemes` with every status; other callers get the public view of the open
    /// schemes instead of a 403.
    ListSchemes = List, [SubsidyOfficer], -,
        "list subsidy schemes in every status", "role subsidy_officer";
    /// `GET /subsidy-schemes/{id}` in any status; as [`Self::ListSchemes`] for other callers.
    ReadScheme = Record, [SubsidyOfficer], -,
        "read a subsidy scheme in any status", "role subsidy_officer";
    /// `PATCH /subsidy-schemes/{id}`.
    UpdateScheme = Record, [SubsidyOfficer], -,
        "change a subsidy scheme", "role subsidy_officer";
    /// `GET /subsidy-schemes/{id}/budget`.
    ReadSchemeBudget = RecordSummary, [SubsidyOfficer, Analyst], -,
        "read a subsidy scheme's budget", "role subsidy_officer or analyst";
    /// `GET /subsidy-schemes/{id}/ranking`.
    ReadSchemeRanking = RecordSummary, [SubsidyOfficer, SubsidyReviewer], -,
        "read a subsidy scheme's ranking", "role subsidy_officer or subsidy_reviewer";

    /// `POST /subsidy-applications`: by the applicant partner, or by an officer at the counter;
    /// the owner is the application's municipality.
    CreateApplication = Create, [SubsidyOfficer], (SubsidiesApply, Municipalities),
        "create a subsidy application", "role subsidy_officer, or scope subsidies:apply";
    /// `GET /subsidy-applications`.
    ListApplications = List, [SubsidyOfficer, SubsidyReviewer], (SubsidiesReadOwn, Own),
        "list subsidy applications",
        "role subsidy_officer or subsidy_reviewer, or scope subsidies:read_own";
    /// `GET /subsidy-applications/{id}`.
    ReadApplication = Record, [SubsidyOfficer, SubsidyReviewer], (SubsidiesReadOwn, Own),
        "read a subsidy application",
        "role subsidy_officer or subsidy_reviewer, or scope subsidies:read_own";
    /// `PATCH /subsidy-applications/{id}` (only in `draft` and `needs_information`, which the
    /// application's state decides, not access).
    UpdateApplication = Record, [SubsidyOfficer], (SubsidiesApply, Own),
        "change a subsidy application", "role subsidy_officer, or scope subsidies:apply";
    /// `POST /subsidy-applications/{id}/transitions` to an applicant's status (DESIGN §11): by
    /// the applicant partner on its own application, or by the staff member who entered it at
    /// the counter.
    ApplicantTransition = Record, [SubsidyOfficer] by Creator, (SubsidiesApply, Own),
        "make an applicant's transition of a subsidy application",
        "scope subsidies:apply, or role subsidy_officer for an application it entered at the \
         counter";
    /// `POST /subsidy-applications/{id}/transitions` to an officer's status (DESIGN §11).
    OfficerTransition = Record, [SubsidyOfficer], -,
        "make an officer's transition of a subsidy application", "role subsidy_officer";
    /// `GET /subsidy-applications/{id}/reviews`.
    ListReviews = Record, [SubsidyOfficer, SubsidyReviewer], -,
        "read a subsidy application's reviews", "role subsidy_officer or subsidy_reviewer";
    /// `POST /subsidy-applications/{id}/reviews`.
    SubmitReview = Record, [SubsidyReviewer], -,
        "review a subsidy application", "role subsidy_reviewer";
    /// `GET /subsidy-applications/{id}/timeline`.
    ReadApplicationTimeline = Record, [SubsidyOfficer], -,
        "read a subsidy application's timeline", "role subsidy_officer";
}
