//! The repositories the domain needs, as traits the persistence crate implements.

use std::future::Future;

use chrono::{DateTime, Utc};
use uuid::Uuid;

use crate::error::DomainError;
use crate::model::api_key::{ApiKey, ApiKeySecret, NewApiKey};
use crate::model::municipality::{Municipality, NisCode};
use crate::model::partner::{NewPartner, Partner};

/// Storage of the municipalities (the tenants).
pub trait MunicipalityRepository {
    /// The municipality with this NIS code, if any.
    fn find(
        &self,
        nis_code: &NisCode,
    ) -> impl Future<Output = Result<Option<Municipality>, DomainError>> + Send;

    /// Stores a new municipality; [`DomainError::Conflict`] when the NIS code is taken.
    fn insert(
        &self,
        municipality: &Municipality,
    ) -> impl Future<Output = Result<(), DomainError>> + Send;

    /// Up to `limit` municipalities after `after` in NIS-code order, among `only` when given.
    fn list(
        &self,
        only: Option<&[NisCode]>,
        after: Option<&NisCode>,
        limit: u64,
    ) -> impl Future<Output = Result<Vec<Municipality>, DomainError>> + Send;

    /// Stores `next` when the stored version is still `next.version`; returns it with its
    /// new version, or [`DomainError::PreconditionFailed`] when it changed in between.
    fn update(
        &self,
        next: &Municipality,
    ) -> impl Future<Output = Result<Municipality, DomainError>> + Send;
}

/// Storage of partner organisations.
pub trait PartnerRepository {
    /// Stores a new partner.
    fn insert(
        &self,
        partner: NewPartner,
    ) -> impl Future<Output = Result<Partner, DomainError>> + Send;

    /// The partner with this id, if any.
    fn find(&self, id: Uuid) -> impl Future<Output = Result<Option<Partner>, DomainError>> + Send;

    /// Partners after `after` in id order (oldest first).
    fn list_after(
        &self,
        after: Option<Uuid>,
    ) -> impl Future<Output = Result<Vec<Partner>, DomainError>> + Send;

    /// Stores `next` when the stored version is still `next.version` (see
    /// [`MunicipalityRepository::update`]).
    fn update(&self, next: &Partner) -> impl Future<Output = Result<Partner, DomainError>> + Send;
}

/// Storage of API keys: only their hashes.
pub trait ApiKeyRepository {
    /// Stores a key for `partner_id`; the secret's hash only.
    fn insert(
        &self,
        partner_id: Uuid,
        key: NewApiKey,
        secret: &ApiKeySecret,
    ) -> impl Future<Output = Result<ApiKey, DomainError>> + Send;

    /// The partner's keys, newest first.
    fn list(
        &self,
        partner_id: Uuid,
    ) -> impl Future<Output = Result<Vec<ApiKey>, DomainError>> + Send;

    /// Revokes a key of the partner; false when it has no such key.
    fn revoke(
        &self,
        partner_id: Uuid,
        key_id: Uuid,
        at: DateTime<Utc>,
    ) -> impl Future<Output = Result<bool, DomainError>> + Send;

    /// The key whose public prefix this is, with its stored hash and its partner.
    fn find_by_prefix(
        &self,
        prefix: &str,
    ) -> impl Future<Output = Result<Option<(ApiKey, Vec<u8>, Partner)>, DomainError>> + Send;

    /// Records that the key was used at `at`.
    fn touch(
        &self,
        key_id: Uuid,
        at: DateTime<Utc>,
    ) -> impl Future<Output = Result<(), DomainError>> + Send;
}
