//! Seeded hate-crime incidents: spread over two years, each with its motivation and
//! crime-type rows and its timeline.

use chrono::{DateTime, Utc};
use rand::seq::IndexedRandom;
use rand::{Rng, RngCore};
use samenleven_domain::DomainError;
use samenleven_domain::model::complaint::{receipt_day, reference_year};
use samenleven_domain::model::hate_crime::{Incident, IncidentReference};
use samenleven_domain::reference::{
    BiasMotivation, CrimeType, Enumeration, IncidentLocationKind, IncidentSource, ProsecutionStatus,
};
use sea_orm::{DatabaseConnection, Set};

use super::complaints::uuid_at;
use super::{Counters, Pick, Place, commit_batch, insert_all, span};
use crate::entity::{incident_bias_motivation, incident_crime_type, timeline_event};

pub(super) fn invalid(message: String) -> DomainError {
    DomainError::Internal(message.into())
}

pub(super) fn place_of<'a>(places: &'a [Place], rng: &mut impl Rng) -> &'a Place {
    let total: u32 = places.iter().map(|p| p.weight).sum();
    let mut ticket = rng.random_range(0..total.max(1));
    places
        .iter()
        .find(|p| {
            let hit = ticket < p.weight;
            ticket = ticket.saturating_sub(p.weight);
            hit
        })
        .unwrap_or(&places[0])
}

pub(super) fn created_event(
    register: &str,
    id: uuid::Uuid,
    actor: &str,
    reference: String,
    status: &str,
    at: DateTime<Utc>,
    rng: &mut impl RngCore,
) -> timeline_event::ActiveModel {
    timeline_event::ActiveModel {
        id: Set(uuid_at(at, rng)),
        register: Set(register.to_owned()),
        record_id: Set(id),
        actor: Set(actor.to_owned()),
        action: Set("created".to_owned()),
        from_status: Set(Some(String::new())),
        to_status: Set(Some(status.to_owned())),
        detail: Set(Some(serde_json::Value::String(reference))),
        at: Set(at),
    }
}

/// Writes `count` incidents in batches.
pub(super) async fn seed_incidents(
    db: &DatabaseConnection,
    places: &[Place],
    count: u64,
    now: DateTime<Utc>,
    rng: &mut (impl Rng + Send),
    counters: &mut Counters,
    mut progress: impl FnMut(u64),
) -> Result<u64, DomainError> {
    let motivations = Pick::<BiasMotivation>::weighted(
        &[
            ("racism_xenophobia", 40),
            ("anti_muslim", 12),
            ("anti_lgbti", 14),
            ("antisemitism", 6),
            ("anti_roma", 4),
            ("disability", 4),
            ("gender", 5),
        ],
        &[],
    );
    let crimes = Pick::<CrimeType>::weighted(
        &[
            ("hate_speech", 30),
            ("harassment", 20),
            ("threat", 15),
            ("physical_assault", 14),
            ("damage_to_property", 10),
            ("homicide", 0),
        ],
        &["homicide"],
    );
    let locations = Pick::<IncidentLocationKind>::weighted(
        &[
            ("public_space", 35),
            ("online", 25),
            ("home", 10),
            ("nightlife", 8),
            ("public_transport", 8),
        ],
        &[],
    );
    let sources = Pick::<IncidentSource>::weighted(
        &[
            ("police", 50),
            ("prosecutor", 10),
            ("unia", 15),
            ("ngo", 15),
        ],
        &["meldpunt"],
    );
    let prosecution = Pick::<ProsecutionStatus>::weighted(
        &[
            ("unknown", 30),
            ("under_investigation", 25),
            ("dismissed", 20),
            ("prosecuted", 12),
            ("convicted", 9),
            ("acquitted", 4),
        ],
        &[],
    );
    let (start, length) = span(now);
    let step = length.num_seconds() / i64::try_from(count.max(1)).unwrap_or(i64::MAX);
    let mut done = 0u64;
    while done < count {
        let batch = (count - done).min(super::BATCH as u64);
        let (mut rows, mut motivation_rows, mut crime_rows, mut timeline) =
            (Vec::new(), Vec::new(), Vec::new(), Vec::new());
        for i in done..done + batch {
            let at = start
                + chrono::Duration::seconds(
                    i64::try_from(i).unwrap_or(0) * step + rng.random_range(0..step.max(1)),
                );
            let place = place_of(places, rng);
            let number = counters.take(&place.nis, reference_year(at));
            let reference = IncidentReference::new(reference_year(at), number).map_err(invalid)?;
            let mut hash = [0u8; 32];
            rng.fill_bytes(&mut hash);
            let source = sources.one(rng);
            let incident = Incident {
                id: uuid_at(at, rng),
                reference,
                municipality: place.nis.clone(),
                occurred_on: receipt_day(at) - chrono::Duration::days(rng.random_range(0..14)),
                location_kind: locations.one(rng),
                district: place.districts.choose(rng).map(|d| (*d).to_owned()),
                bias_motivations: motivations.some(rng, 2),
                crime_types: crimes.some(rng, 2),
                source,
                police_reference_hash: (source == IncidentSource::Police).then_some(hash),
                prosecutor_reference_hash: None,
                police_zone: Some(place.police_zone.to_owned()),
                prosecution_status: prosecution.one(rng),
                linked_complaint: None,
                possible_duplicate_of: None,
                submitted_by_partner: None,
                created_by: Some("coordinator.seed".to_owned()),
                created_at: at,
                version: 1,
            };
            motivation_rows.extend(incident.bias_motivations.iter().map(|m| {
                incident_bias_motivation::ActiveModel {
                    incident_id: Set(incident.id),
                    bias_motivation: Set(m.code().to_owned()),
                    municipality: Set(incident.municipality.to_string()),
                    occurred_on: Set(incident.occurred_on),
                }
            }));
            crime_rows.extend(incident.crime_types.iter().map(|c| {
                incident_crime_type::ActiveModel {
                    incident_id: Set(incident.id),
                    crime_type: Set(c.code().to_owned()),
                    municipality: Set(incident.municipality.to_string()),
                    occurred_on: Set(incident.occurred_on),
                }
            }));
            timeline.push(created_event(
                "incident",
                incident.id,
                "coordinator.seed",
                incident.reference.to_string(),
                incident.prosecution_status.code(),
                at,
                rng,
            ));
            rows.push(crate::repo::incident::to_row(&incident, at));
        }
        commit_batch(db, |tx| async move {
            insert_all(&tx, rows).await?;
            insert_all(&tx, motivation_rows).await?;
            insert_all(&tx, crime_rows).await?;
            insert_all(&tx, timeline).await?;
            Ok(tx)
        })
        .await?;
        done += batch;
        progress(done);
    }
    Ok(done)
}
