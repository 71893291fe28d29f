//! The repositories the domain needs, as traits the persistence crate implements.

use std::future::Future;

use crate::error::DomainError;
use crate::model::municipality::{Municipality, NisCode};

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
}
