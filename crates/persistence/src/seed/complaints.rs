//! Seeded complaints and reports: spread over two years in the order they came in, each in a
//! status its age makes likely, with its grounds and conduct rows and its timeline.

use chrono::{DateTime, Utc};
use rand::seq::IndexedRandom;
use rand::{Rng, RngCore};
use samenleven_domain::DomainError;
use samenleven_domain::model::complaint::{
    Complaint, ComplaintReference, Contact, Incident, Location, Reporter, deadlines, receipt_day,
    reference_year,
};
use samenleven_domain::reference::{
    Channel, ComplaintContext, ComplaintKind, ComplaintLocationKind, ComplaintOutcome,
    ComplaintStatus, Conduct, Enumeration, Ground, PreferredLanguage, ReferralBody, ReporterRole,
};
use sea_orm::{DatabaseConnection, Set};
use uuid::Uuid;

use super::{Counters, Pick, Place, commit_batch, insert_all, span};
use crate::entity::{complaint_conduct, complaint_ground, retention_entry, timeline_event};
use crate::repo::complaint::to_row;
use crate::repo::retention::RetentionPeriods;

/// The choices a complaint is drawn from.
struct Choices {
    grounds: Pick<Ground>,
    conduct: Pick<Conduct>,
    context: Pick<ComplaintContext>,
    channel: Pick<Channel>,
    role: Pick<ReporterRole>,
    location: Pick<ComplaintLocationKind>,
    outcome: Pick<ComplaintOutcome>,
    language: Pick<PreferredLanguage>,
}

impl Choices {
    fn new() -> Self {
        Self {
            grounds: Pick::weighted(
                &[
                    ("national_or_ethnic_origin", 40),
                    ("skin_colour", 30),
                    ("alleged_race", 15),
                    ("nationality", 14),
                    ("descent", 8),
                    ("religion_or_belief", 25),
                    ("disability", 14),
                    ("sexual_orientation", 10),
                    ("age", 8),
                    ("sex", 9),
                    ("health_status", 6),
                    ("wealth", 5),
                    ("social_position", 5),
                    ("language", 6),
                    ("gender_identity", 4),
                    ("unknown", 4),
                    ("other", 3),
                ],
                &[],
            ),
            conduct: Pick::weighted(
                &[
                    ("direct_discrimination", 45),
                    ("harassment", 20),
                    ("hate_speech", 12),
                    ("indirect_discrimination", 8),
                    ("refusal_of_reasonable_accommodation", 5),
                    ("violence", 4),
                    ("incitement", 3),
                    ("other", 3),
                ],
                &[],
            ),
            context: Pick::weighted(
                &[
                    ("goods_and_services", 20),
                    ("housing", 16),
                    ("employment", 18),
                    ("public_space", 12),
                    ("online", 10),
                    ("education", 8),
                    ("city_service", 6),
                    ("police", 4),
                    ("leisure_and_sport", 4),
                    ("healthcare", 3),
                    ("care_company", 2),
                    ("media", 2),
                    ("other", 3),
                ],
                &[],
            ),
            channel: Pick::weighted(
                &[
                    ("web_form", 45),
                    ("email", 20),
                    ("phone", 15),
                    ("counter", 15),
                    ("letter", 2),
                ],
                &["partner"],
            ),
            role: Pick::weighted(
                &[
                    ("victim", 55),
                    ("witness", 22),
                    ("representative", 10),
                    ("anonymous", 13),
                ],
                &[],
            ),
            location: Pick::weighted(
                &[
                    ("address", 45),
                    ("district", 20),
                    ("online", 20),
                    ("unknown", 15),
                ],
                &[],
            ),
            outcome: Pick::weighted(
                &[
                    ("resolved", 25),
                    ("mediated", 15),
                    ("founded_no_remedy", 10),
                    ("unfounded", 12),
                    ("referred_out", 15),
                    ("withdrawn", 8),
                    ("no_contact", 10),
                    ("outside_competence", 5),
                ],
                &["registered"],
            ),
            language: Pick::weighted(&[("nl", 80), ("fr", 10), ("en", 8)], &[]),
        }
    }
}

const DESCRIPTIONS: [&str; 8] = [
    "Refused entry to a café at the door; others were let in at the same time.",
    "The landlord ended the viewing once he heard my name on the phone.",
    "Insulting remarks about my headscarf on the bus, in front of other passengers.",
    "The job advert asked for native Dutch speakers only, for a warehouse job.",
    "Hateful comments under a post of the youth club on social media.",
    "The sports club would not adapt the entrance for a wheelchair user.",
    "At the counter I was told to come back with someone who speaks proper Dutch.",
    "Graffiti with a slur on the front door, the second time this month.",
];

const HANDLERS: [&str; 4] = [
    "an.peeters",
    "karim.elamrani",
    "lies.desmet",
    "tom.vercruysse",
];

/// The status a complaint of this kind and age (days since receipt) most likely has.
fn status_for(kind: ComplaintKind, age: i64, rng: &mut impl Rng) -> ComplaintStatus {
    let roll = rng.random_range(0..100);
    match kind {
        ComplaintKind::Report => match age {
            0..=2 => ComplaintStatus::Received,
            3..=9 if roll < 50 => ComplaintStatus::Acknowledged,
            3..=9 => ComplaintStatus::Received,
            _ if roll < 95 => ComplaintStatus::Closed,
            _ => ComplaintStatus::Acknowledged,
        },
        ComplaintKind::Complaint => match age {
            0..=3 if roll < 60 => ComplaintStatus::Received,
            0..=3 => ComplaintStatus::Acknowledged,
            4..=60 if roll < 15 => ComplaintStatus::Acknowledged,
            4..=60 if roll < 70 => ComplaintStatus::InTreatment,
            4..=60 if roll < 85 => ComplaintStatus::Referred,
            4..=60 => ComplaintStatus::Closed,
            _ if roll < 85 => ComplaintStatus::Closed,
            _ if roll < 95 => ComplaintStatus::InTreatment,
            _ => ComplaintStatus::Referred,
        },
    }
}

/// A complaint received at `at` in `place`, numbered `number`.
fn complaint(
    place: &Place,
    at: DateTime<Utc>,
    now: DateTime<Utc>,
    number: u32,
    choices: &Choices,
    rng: &mut impl Rng,
) -> Result<Complaint, DomainError> {
    let received_on = receipt_day(at);
    let kind = if rng.random_range(0..100) < 60 {
        ComplaintKind::Report
    } else {
        ComplaintKind::Complaint
    };
    let role = choices.role.one(rng);
    let contact = (role != ReporterRole::Anonymous).then(|| Contact {
        name: rng.random_bool(0.6).then(|| format!("Melder {number}")),
        email: Some(format!("melder{number}@example.org")),
        phone: rng.random_bool(0.3).then(|| "+32470123456".to_owned()),
        preferred_language: Some(choices.language.one(rng)),
    });
    let consent_to_share_with = match (contact.is_some(), rng.random_range(0..10)) {
        (false, _) | (true, 0..=3) => vec![],
        (true, 4..=7) => vec![ReferralBody::Unia],
        _ => vec![ReferralBody::Unia, ReferralBody::Vmri],
    };
    let location_kind = choices.location.one(rng);
    let location_text = match location_kind {
        ComplaintLocationKind::Address => place.streets.choose(rng).map(|s| (*s).to_owned()),
        ComplaintLocationKind::District => place.districts.choose(rng).map(|s| (*s).to_owned()),
        ComplaintLocationKind::Online => Some("sociale media".to_owned()),
        ComplaintLocationKind::Unknown => None,
    };
    let context = choices.context.one(rng);
    let mut grounds = choices.grounds.some(rng, 3);
    if grounds.contains(&Ground::Unknown) {
        grounds = vec![Ground::Unknown];
    }
    let conduct = choices.conduct.some(rng, 2);
    let (acknowledge_by, resolve_by) = deadlines(kind, received_on, place.deadlines);
    let age = (receipt_day(now) - received_on).num_days();
    let mut status = status_for(kind, age, rng);
    if status == ComplaintStatus::Referred && consent_to_share_with.is_empty() {
        status = ComplaintStatus::InTreatment;
    }
    let treated = kind == ComplaintKind::Complaint
        && matches!(
            status,
            ComplaintStatus::InTreatment | ComplaintStatus::Referred | ComplaintStatus::Closed
        );
    let outcome = (status == ComplaintStatus::Closed).then(|| match kind {
        ComplaintKind::Report => ComplaintOutcome::Registered,
        ComplaintKind::Complaint => choices.outcome.one(rng),
    });
    let closed_at = outcome.map(|_| {
        let days = rng.random_range(1..=age.clamp(1, 90));
        (at + chrono::Duration::days(days)).min(now)
    });
    let reference =
        ComplaintReference::new(reference_year(at), number).map_err(DomainError::Conflict)?;
    Ok(Complaint {
        id: uuid_at(at, rng),
        reference,
        municipality: place.nis.clone(),
        kind,
        channel: choices.channel.one(rng),
        status,
        reporter: Reporter {
            role,
            consent_to_contact: contact.is_some(),
            contact,
            consent_to_share_with: consent_to_share_with.clone(),
        },
        incident: Incident {
            occurred_on: received_on - chrono::Duration::days(rng.random_range(0..21)),
            location: Location {
                kind: location_kind,
                text: location_text,
            },
            context,
            involved_service: (context == ComplaintContext::CityService)
                .then(|| "Dienst Burgerzaken".to_owned()),
        },
        possible_hate_crime: conduct.iter().any(|c| {
            matches!(
                c,
                Conduct::Violence | Conduct::HateSpeech | Conduct::Incitement
            )
        }),
        grounds,
        conduct,
        description: DESCRIPTIONS
            .choose(rng)
            .copied()
            .unwrap_or_default()
            .to_owned(),
        submitted_by_partner: None,
        created_by: Some(format!("onthaal.{}", place.name.to_lowercase())),
        assigned_handler: treated
            .then(|| HANDLERS.choose(rng).copied().unwrap_or_default().to_owned()),
        outcome,
        referred_to: (status == ComplaintStatus::Referred)
            .then(|| consent_to_share_with.first().copied())
            .flatten(),
        received_at: at,
        received_on,
        acknowledge_by,
        resolve_by,
        closed_at,
        version: match status {
            ComplaintStatus::Received => 1,
            ComplaintStatus::Acknowledged => 2,
            _ => 4,
        },
    })
}

/// A UUIDv7 carrying the time `at`, so that ids sort as the records came in.
pub(crate) fn uuid_at(at: DateTime<Utc>, rng: &mut (impl RngCore + ?Sized)) -> Uuid {
    let millis = u64::try_from(at.timestamp_millis()).unwrap_or(0);
    let mut random = [0u8; 10];
    rng.fill_bytes(&mut random);
    uuid::Builder::from_unix_timestamp_millis(millis, &random).into_uuid()
}

/// The timeline of a seeded complaint: its creation, and the last change when there was one.
fn events(c: &Complaint, rng: &mut impl RngCore) -> Vec<timeline_event::ActiveModel> {
    let event =
        |action: &str, from: Option<&str>, to: &str, at: DateTime<Utc>, rng: &mut dyn RngCore| {
            timeline_event::ActiveModel {
                id: Set(uuid_at(at, rng)),
                register: Set("complaint".to_owned()),
                record_id: Set(c.id),
                actor: Set(c.created_by.clone().unwrap_or_default()),
                action: Set(action.to_owned()),
                from_status: Set(from.map(str::to_owned)),
                to_status: Set(Some(to.to_owned())),
                detail: Set(Some(serde_json::Value::String(c.reference.to_string()))),
                at: Set(at),
            }
        };
    let mut rows = vec![event(
        "created",
        Some(""),
        ComplaintStatus::Received.code(),
        c.received_at,
        rng,
    )];
    if c.status != ComplaintStatus::Received {
        let at = c
            .closed_at
            .unwrap_or(c.received_at + chrono::Duration::hours(20));
        rows.push(event("status_changed", None, c.status.code(), at, rng));
    }
    rows
}

/// A closed complaint whose retention period has passed is stored as the retention worker
/// leaves it: without contact data, description or location text, and in the ledger. Seeded
/// data then looks like a register that has been running, and the worker finds nothing due.
fn retain(
    c: &mut Complaint,
    periods: RetentionPeriods,
    now: DateTime<Utc>,
    rng: &mut impl RngCore,
) -> Option<retention_entry::ActiveModel> {
    let outcome = c.outcome?;
    let closed_at = c.closed_at?;
    let months = match outcome {
        ComplaintOutcome::Registered | ComplaintOutcome::Withdrawn => periods.short_months,
        _ => periods.long_months,
    };
    let due = closed_at.checked_add_months(chrono::Months::new(months))?;
    if due >= now {
        return None;
    }
    c.reporter.contact = None;
    c.description = String::new();
    c.incident.location.text = None;
    c.incident.involved_service = None;
    let at = Ord::min(due + chrono::Duration::days(1), now);
    Some(retention_entry::ActiveModel {
        id: Set(uuid_at(at, rng)),
        register: Set("complaint".to_owned()),
        record_id: Set(c.id),
        reference: Set(c.reference.to_string()),
        reason: Set(format!(
            "closed as {} more than {months} months ago",
            outcome.code()
        )),
        anonymised_at: Set(at),
    })
}

/// Writes `count` complaints in batches, calling `progress` with the number written so far.
#[allow(clippy::too_many_arguments)]
pub(super) async fn seed(
    db: &DatabaseConnection,
    places: &[Place],
    count: u64,
    now: DateTime<Utc>,
    rng: &mut (impl Rng + Send),
    counters: &mut Counters,
    retention: RetentionPeriods,
    mut progress: impl FnMut(u64),
) -> Result<u64, DomainError> {
    let choices = Choices::new();
    let weights: u32 = places.iter().map(|p| p.weight).sum();
    let (start, length) = span(now);
    let step_ms = length.num_milliseconds() / i64::try_from(count.max(1)).unwrap_or(i64::MAX);
    let mut done = 0u64;
    while done < count {
        let batch = (count - done).min(super::BATCH as u64);
        let mut complaints = Vec::with_capacity(batch as usize);
        let mut grounds = Vec::new();
        let mut conduct = Vec::new();
        let mut timeline = Vec::new();
        let mut ledger = Vec::new();
        for i in done..done + batch {
            // In order of arrival, a little jitter within each record's slot.
            let offset =
                i64::try_from(i).unwrap_or(0) * step_ms + rng.random_range(0..step_ms.max(1));
            let at = start + chrono::Duration::milliseconds(offset);
            let mut ticket = rng.random_range(0..weights);
            let place = places
                .iter()
                .find(|p| {
                    let hit = ticket < p.weight;
                    ticket = ticket.saturating_sub(p.weight);
                    hit
                })
                .unwrap_or(&places[0]);
            let number = counters.take(&place.nis, reference_year(at));
            let mut c = complaint(place, at, now, number, &choices, rng)?;
            ledger.extend(retain(&mut c, retention, now, rng));
            let mut hash = vec![0u8; 32];
            rng.fill_bytes(&mut hash);
            grounds.extend(c.grounds.iter().map(|g| complaint_ground::ActiveModel {
                complaint_id: Set(c.id),
                ground: Set(g.code().to_owned()),
                municipality: Set(c.municipality.to_string()),
                received_on: Set(c.received_on),
            }));
            conduct.extend(c.conduct.iter().map(|k| complaint_conduct::ActiveModel {
                complaint_id: Set(c.id),
                conduct: Set(k.code().to_owned()),
                municipality: Set(c.municipality.to_string()),
                received_on: Set(c.received_on),
            }));
            timeline.extend(events(&c, rng));
            let mut row = to_row(&c, hash, c.closed_at.unwrap_or(c.received_at));
            if c.description.is_empty() {
                row.description = Set(None);
            }
            complaints.push(row);
        }
        commit_batch(db, |tx| async move {
            insert_all(&tx, complaints).await?;
            insert_all(&tx, grounds).await?;
            insert_all(&tx, conduct).await?;
            insert_all(&tx, timeline).await?;
            insert_all(&tx, ledger).await?;
            Ok(tx)
        })
        .await?;
        done += batch;
        progress(done);
    }
    Ok(done)
}
