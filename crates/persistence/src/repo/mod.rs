//! Repositories: the domain's ports implemented on sea-orm.

pub mod api_key;
pub mod complaint;
pub mod complaint_batch;
pub mod complaint_counts;
pub mod complaint_exchange;
mod complaint_list;
pub mod complaint_statistics;
pub mod consultation;
pub mod incident;
pub mod incident_counts;
pub mod municipality;
pub mod partner;
pub mod retention;
pub mod shared;
pub mod subsidy_application;
pub mod subsidy_review;
pub mod subsidy_scheme;
pub mod webhook;

use std::collections::BTreeSet;

use samenleven_domain::DomainError;
use samenleven_domain::access::{ListScope, MunicipalityGrant};
use samenleven_domain::model::municipality::NisCode;
use sea_orm::{ColumnTrait, Condition, DbErr, SqlErr};

/// Maps a database error to the domain: a unique-key violation is a conflict described by
/// `on_duplicate`; anything else is internal, its text kept for the log only.
pub(crate) fn map_db_err(err: DbErr, on_duplicate: &str) -> DomainError {
    match err.sql_err() {
        Some(SqlErr::UniqueConstraintViolation(_)) => {
            DomainError::Conflict(on_duplicate.to_owned())
        }
        _ => internal(err),
    }
}

/// Maps a database error that no constraint explains.
pub(crate) fn internal(err: DbErr) -> DomainError {
    if crate::database::is_unavailable(&err) {
        DomainError::Unavailable(Box::new(err))
    } else {
        DomainError::Internal(Box::new(err))
    }
}

/// The rows a list's `scope` admits, in the municipality `named` when the caller names one, on
/// a table with these municipality and submitter columns.
pub(crate) fn within_scope(
    scope: &ListScope,
    named: Option<&NisCode>,
    municipality: impl ColumnTrait,
    submitted_by: impl ColumnTrait,
) -> Condition {
    let mut condition = Condition::all();
    if let MunicipalityGrant::Only(codes) = &scope.municipalities {
        condition = condition.add(municipality.is_in(codes.iter().map(NisCode::as_str)));
    }
    if let Some(m) = named {
        condition = condition.add(municipality.eq(m.as_str()));
    }
    if let Some(partner) = scope.only_submitted_by {
        condition = condition.add(submitted_by.eq(partner));
    }
    condition
}

/// A stored row that no longer reads as a domain value: a fault, never the caller's.
pub(crate) fn corrupt(record: &str, field: &str) -> DomainError {
    DomainError::Internal(format!("stored {record} has an invalid {field}").into())
}

/// Enumeration values as a JSON array of their codes, the form stored in JSON columns.
pub(crate) fn codes<E: samenleven_domain::reference::Enumeration>(
    values: &[E],
) -> serde_json::Value {
    values.iter().map(|v| v.code()).collect()
}

/// A JSON array of codes read back; anything else is a corrupt `record`.
pub(crate) fn parse_codes<E: samenleven_domain::reference::Enumeration>(
    value: &serde_json::Value,
    record: &str,
    field: &str,
) -> Result<Vec<E>, DomainError> {
    value
        .as_array()
        .ok_or_else(|| corrupt(record, field))?
        .iter()
        .map(|v| {
            v.as_str()
                .and_then(E::from_code)
                .ok_or_else(|| corrupt(record, field))
        })
        .collect()
}

/// A set of municipalities as stored: a JSON array of NIS codes.
pub(crate) fn municipalities_json(municipalities: &BTreeSet<NisCode>) -> serde_json::Value {
    municipalities.iter().map(NisCode::as_str).collect()
}

/// The municipalities of `record` stored by [`municipalities_json`].
pub(crate) fn parse_municipalities(
    value: &serde_json::Value,
    record: &str,
) -> Result<BTreeSet<NisCode>, DomainError> {
    value
        .as_array()
        .ok_or_else(|| corrupt(record, "municipalities"))?
        .iter()
        .map(|v| {
            v.as_str()
                .and_then(|s| NisCode::parse(s).ok())
                .ok_or_else(|| corrupt(record, "municipalities"))
        })
        .collect()
}
