//! The hate-crime register and its half-yearly consultation (DESIGN §6, §11).
//!
//! - [`incident`]: [`IncidentDraft`] → [`NewIncident`], every rule checked at once;
//! - [`record`]: the stored [`Incident`], its possible-duplicate link and its merge patch;
//! - [`pseudonym`]: police and prosecutor numbers normalised and kept only as keyed hashes;
//! - [`odihr`]: the yearly ODIHR figures per bias motivation;
//! - [`overview`](mod@overview): the map, municipality × bias motivation × crime type, with the previous period;
//! - [`suppression`]: the one place small counts become `"<3"`;
//! - [`period`]: half-years, `2026-H1`;
//! - [`consultation`], [`lifecycle`], [`participant`], [`action_item`], [`cadence`](mod@cadence): the
//!   consultation, its transitions, who takes part, what was agreed and what carries over, and
//!   whether one takes place every half-year.

pub mod action_item;
pub mod cadence;
mod checks;
pub mod consultation;
pub mod incident;
pub mod lifecycle;
pub mod odihr;
pub mod overview;
pub mod participant;
pub mod period;
pub mod pseudonym;
pub mod record;
pub mod reference;
pub mod suppression;

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod action_item_tests;
#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod consultation_tests;
#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod incident_tests;
#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod lifecycle_tests;
#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod overview_tests;

pub use action_item::{
    ActionItem, ActionItemDraft, ActionItemPatch, CarriedOverItem, MAX_ACTION_DESCRIPTION_CHARS,
    MAX_OWNER_ORGANISATION_CHARS, NewActionItem, carried_over, carries_into, carry_over_source,
};
pub use cadence::{Cadence, CadencePeriod, cadence};
pub use checks::EARLIEST_DATE;
pub use consultation::{
    Consultation, ConsultationDraft, ConsultationPatch, MAX_DAYS_AFTER_PERIOD, MAX_LOCATION_CHARS,
    MAX_MINUTES_CHARS, MAX_MUNICIPALITIES, NewConsultation, scheduling_window,
};
pub use incident::{
    EscalationDraft, IncidentDraft, MAX_DISTRICT_CHARS, MAX_POLICE_ZONE_CHARS, NewIncident,
    ReferenceHashes,
};
pub use lifecycle::{
    ConsultationState, ConsultationTransitionError, ConsultationTransitionOutcome,
    ConsultationTransitionRequest, allowed_transitions, transition,
};
pub use odihr::{OdihrCounts, OdihrLine, OdihrSummary, is_prosecuted, is_sentenced, odihr_summary};
pub use overview::{
    BiasMotivationTotal, CrimeTypeTotal, MunicipalityTotal, Overview, OverviewCell,
    OverviewCounted, OverviewRow, OverviewTally, OverviewTotal, PeriodCounts, overview,
};
pub use participant::{
    MAX_ORGANISATION_CHARS, NewParticipant, Participant, ParticipantDraft, ParticipantPatch,
    is_participant,
};
pub use period::{Half, HalfYear};
pub use pseudonym::{PoliceReference, ReferenceHash, ReferenceKind, pseudonymise};
pub use record::{Incident, IncidentPatch};
pub use reference::IncidentReference;
pub use suppression::{Count, SUPPRESSION_THRESHOLD, shown};
