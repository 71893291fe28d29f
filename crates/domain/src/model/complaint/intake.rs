//! Intake (DESIGN §5): the request of `POST /api/v1/complaints` as a [`ComplaintDraft`], and
//! [`NewComplaint`], the draft once every rule holds.

use chrono::NaiveDate;
use uuid::Uuid;

use super::checks::{
    check_conduct, check_email, check_grounds, check_max_chars, check_phone, check_unique,
    optional_text,
};
use crate::error::{DomainError, FieldError};
use crate::model::municipality::NisCode;
use crate::reference::{
    Channel, ComplaintContext, ComplaintKind, ComplaintLocationKind, Conduct, Ground,
    PreferredLanguage, ReferralBody, ReporterRole,
};

/// The longest contact name accepted.
pub const MAX_CONTACT_NAME_CHARS: usize = 200;
/// The longest location text accepted.
pub const MAX_LOCATION_TEXT_CHARS: usize = 500;
/// The longest `involvedService` accepted.
pub const MAX_INVOLVED_SERVICE_CHARS: usize = 200;
/// The shortest description accepted, after trimming.
pub const MIN_DESCRIPTION_CHARS: usize = 10;
/// The longest description accepted, after trimming.
pub const MAX_DESCRIPTION_CHARS: usize = 10_000;

/// The earliest `occurredOn` accepted: 1 January 1900.
pub const EARLIEST_OCCURRED_ON: NaiveDate = match NaiveDate::from_ymd_opt(1900, 1, 1) {
    Some(date) => date,
    None => NaiveDate::MIN,
};

/// Who submits a report or complaint.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Submitter {
    /// A staff member or front-office system with a JWT (role `complaint_handler`).
    Staff {
        /// The token's `sub`.
        subject: String,
    },
    /// A partner organisation with an API key (scope `complaints:submit`).
    Partner {
        /// The partner's id.
        partner_id: Uuid,
    },
}

/// How to reach the reporter. In a [`ComplaintDraft`] as sent; in a [`NewComplaint`] trimmed,
/// with blank texts as `None`, and with an email address or a phone number.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Contact {
    /// The reporter's name, at most 200 characters.
    pub name: Option<String>,
    /// An email address.
    pub email: Option<String>,
    /// A phone number.
    pub phone: Option<String>,
    /// The language in which the reporter wants to be contacted.
    pub preferred_language: Option<PreferredLanguage>,
}

/// The reporter of a report or complaint.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reporter {
    /// How the reporter relates to the incident; `anonymous` gives no contact.
    pub role: ReporterRole,
    /// How to reach the reporter, if given.
    pub contact: Option<Contact>,
    /// Whether the reporter agrees to be contacted (needs a contact).
    pub consent_to_contact: bool,
    /// The bodies the reporter agrees the complaint is shared with, each once.
    pub consent_to_share_with: Vec<ReferralBody>,
}

/// Where the incident took place.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Location {
    /// What kind of place.
    pub kind: ComplaintLocationKind,
    /// The address or district (required for those kinds), or a description; at most 500
    /// characters.
    pub text: Option<String>,
}

/// What happened, when and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Incident {
    /// The day it happened: not in the future, not before 1900.
    pub occurred_on: NaiveDate,
    /// Where it happened.
    pub location: Location,
    /// The domain of life it happened in.
    pub context: ComplaintContext,
    /// The service involved (e.g. a city department), at most 200 characters.
    pub involved_service: Option<String>,
}

/// The request of `POST /api/v1/complaints`, as the HTTP layer parsed it: nothing checked yet
/// beyond the types.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ComplaintDraft {
    /// A report or a complaint.
    pub kind: ComplaintKind,
    /// The municipality's NIS code, as sent.
    pub municipality: String,
    /// The channel; required for staff, ignored (always `partner`) for partners.
    pub channel: Option<Channel>,
    /// The reporter.
    pub reporter: Reporter,
    /// The incident.
    pub incident: Incident,
    /// The alleged grounds of the discrimination.
    pub grounds: Vec<Ground>,
    /// The alleged conduct.
    pub conduct: Vec<Conduct>,
    /// What happened, in the reporter's words.
    pub description: String,
    /// Whether the incident may be a hate crime.
    pub possible_hate_crime: bool,
}

/// A report or complaint that passed every intake rule, ready to be registered: the only way to
/// get one is [`NewComplaint::validate`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewComplaint {
    pub(super) kind: ComplaintKind,
    pub(super) municipality: NisCode,
    pub(super) channel: Channel,
    pub(super) reporter: Reporter,
    pub(super) incident: Incident,
    pub(super) grounds: Vec<Ground>,
    pub(super) conduct: Vec<Conduct>,
    pub(super) description: String,
    pub(super) possible_hate_crime: bool,
    pub(super) submitter: Submitter,
}

impl NewComplaint {
    /// Checks `draft` as submitted by `submitter` on `today` (the calendar day in Brussels) and
    /// returns every broken rule at once, each at the JSON pointer of its request member.
    ///
    /// Texts are trimmed and blank optional texts become `None`; a contact with nothing in it
    /// counts as no contact. A partner's channel is always `partner`, whatever it sent.
    pub fn validate(
        draft: ComplaintDraft,
        submitter: Submitter,
        today: NaiveDate,
    ) -> Result<Self, DomainError> {
        let mut errors = Vec::new();

        let municipality = match NisCode::parse(draft.municipality.trim()) {
            Ok(code) => Some(code),
            Err(message) => {
                errors.push(FieldError::new("/municipality", message));
                None
            }
        };
        let channel = check_channel(&submitter, draft.channel, &mut errors);
        let reporter = check_reporter(draft.reporter, &mut errors);
        let incident = check_incident(draft.incident, today, &mut errors);
        check_grounds(&draft.grounds, &mut errors);
        check_conduct(&draft.conduct, &mut errors);
        let description = draft.description.trim().to_owned();
        let count = description.chars().count();
        if !(MIN_DESCRIPTION_CHARS..=MAX_DESCRIPTION_CHARS).contains(&count) {
            errors.push(FieldError::new(
                "/description",
                format!(
                    "must be {MIN_DESCRIPTION_CHARS} to 10,000 characters after trimming, not \
                     {count}"
                ),
            ));
        }

        match (municipality, channel) {
            (Some(municipality), Some(channel)) if errors.is_empty() => Ok(Self {
                kind: draft.kind,
                municipality,
                channel,
                reporter,
                incident,
                grounds: draft.grounds,
                conduct: draft.conduct,
                description,
                possible_hate_crime: draft.possible_hate_crime,
                submitter,
            }),
            _ => Err(DomainError::Validation(errors)),
        }
    }

    /// A report or a complaint.
    pub fn kind(&self) -> ComplaintKind {
        self.kind
    }

    /// The municipality it is registered in.
    pub fn municipality(&self) -> &NisCode {
        &self.municipality
    }

    /// The channel it came in through (`partner` for partners).
    pub fn channel(&self) -> Channel {
        self.channel
    }

    /// The reporter, normalised.
    pub fn reporter(&self) -> &Reporter {
        &self.reporter
    }

    /// The incident, normalised.
    pub fn incident(&self) -> &Incident {
        &self.incident
    }

    /// The alleged grounds: at least one, each once, `unknown` alone.
    pub fn grounds(&self) -> &[Ground] {
        &self.grounds
    }

    /// The alleged conduct: at least one, each once.
    pub fn conduct(&self) -> &[Conduct] {
        &self.conduct
    }

    /// The description, trimmed, 10 to 10,000 characters.
    pub fn description(&self) -> &str {
        &self.description
    }

    /// Whether the incident may be a hate crime.
    pub fn possible_hate_crime(&self) -> bool {
        self.possible_hate_crime
    }

    /// Who submitted it.
    pub fn submitter(&self) -> &Submitter {
        &self.submitter
    }
}

/// A partner always comes in through `partner`; staff name the real channel, never `partner`.
fn check_channel(
    submitter: &Submitter,
    channel: Option<Channel>,
    errors: &mut Vec<FieldError>,
) -> Option<Channel> {
    const STAFF_CHANNELS: &str = "`web_form`, `phone`, `counter`, `email` or `letter`";
    match (submitter, channel) {
        (Submitter::Partner { .. }, _) => Some(Channel::Partner),
        (Submitter::Staff { .. }, Some(Channel::Partner)) => {
            errors.push(FieldError::new(
                "/channel",
                format!(
                    "`partner` is set for submissions with an API key; give the channel the \
                     report came in through: {STAFF_CHANNELS}"
                ),
            ));
            None
        }
        (Submitter::Staff { .. }, Some(channel)) => Some(channel),
        (Submitter::Staff { .. }, None) => {
            errors.push(FieldError::new(
                "/channel",
                format!("is required: the channel the report came in through, {STAFF_CHANNELS}"),
            ));
            None
        }
    }
}

fn check_reporter(reporter: Reporter, errors: &mut Vec<FieldError>) -> Reporter {
    let contact = reporter
        .contact
        .map(|contact| Contact {
            name: optional_text(contact.name),
            email: optional_text(contact.email),
            phone: optional_text(contact.phone),
            preferred_language: contact.preferred_language,
        })
        .filter(|contact| *contact != Contact::default());

    let anonymous = reporter.role == ReporterRole::Anonymous;
    if let Some(contact) = &contact {
        if anonymous {
            errors.push(FieldError::new(
                "/reporter/contact",
                "an anonymous reporter gives no contact data; leave contact out or choose the \
                 role `victim`, `witness` or `representative`",
            ));
        } else {
            check_contact(contact, errors);
        }
    }
    if reporter.consent_to_contact {
        if anonymous {
            errors.push(FieldError::new(
                "/reporter/consentToContact",
                "an anonymous reporter cannot be contacted; consentToContact must be false",
            ));
        } else if contact.is_none() {
            errors.push(FieldError::new(
                "/reporter/consentToContact",
                "consent to contact needs a contact with an email address or a phone number",
            ));
        }
    }
    check_unique(
        &reporter.consent_to_share_with,
        "/reporter/consentToShareWith",
        "body",
        errors,
    );
    Reporter {
        role: reporter.role,
        contact,
        consent_to_contact: reporter.consent_to_contact,
        consent_to_share_with: reporter.consent_to_share_with,
    }
}

fn check_contact(contact: &Contact, errors: &mut Vec<FieldError>) {
    check_max_chars(
        contact.name.as_deref(),
        MAX_CONTACT_NAME_CHARS,
        "/reporter/contact/name",
        errors,
    );
    if let Some(Err(message)) = contact.email.as_deref().map(check_email) {
        errors.push(FieldError::new("/reporter/contact/email", message));
    }
    if let Some(Err(message)) = contact.phone.as_deref().map(check_phone) {
        errors.push(FieldError::new("/reporter/contact/phone", message));
    }
    if contact.email.is_none() && contact.phone.is_none() {
        errors.push(FieldError::new(
            "/reporter/contact",
            "a contact needs an email address or a phone number",
        ));
    }
}

fn check_incident(incident: Incident, today: NaiveDate, errors: &mut Vec<FieldError>) -> Incident {
    if incident.occurred_on > today {
        errors.push(FieldError::new(
            "/incident/occurredOn",
            format!("must not be in the future: {today} at the latest"),
        ));
    } else if incident.occurred_on < EARLIEST_OCCURRED_ON {
        errors.push(FieldError::new(
            "/incident/occurredOn",
            format!("must not be before {EARLIEST_OCCURRED_ON}"),
        ));
    }

    let text = optional_text(incident.location.text);
    let needs_text = matches!(
        incident.location.kind,
        ComplaintLocationKind::Address | ComplaintLocationKind::District
    );
    if needs_text && text.is_none() {
        errors.push(FieldError::new(
            "/incident/location/text",
            format!(
                "is required for a location of kind `{}`: give the address or district",
                incident.location.kind
            ),
        ));
    }
    check_max_chars(
        text.as_deref(),
        MAX_LOCATION_TEXT_CHARS,
        "/incident/location/text",
        errors,
    );

    let involved_service = optional_text(incident.involved_service);
    check_max_chars(
        involved_service.as_deref(),
        MAX_INVOLVED_SERVICE_CHARS,
        "/incident/involvedService",
        errors,
    );

    Incident {
        occurred_on: incident.occurred_on,
        location: Location {
            kind: incident.location.kind,
            text,
        },
        context: incident.context,
        involved_service,
    }
}
