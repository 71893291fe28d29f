//! Reading columns of a row without sea-orm's cost for NULL, where a table is read often.
//!
//! sea-orm reads an `Option<T>` column by reading a `T` and turning the error it gets for
//! NULL into `None`; that error carries the column's name, formatted into a new string for
//! every NULL it meets. A complaint has a dozen nullable columns, most of them NULL, and a list
//! reads fifty complaints: in the load benchmark's profile of the list scenario these strings
//! took 4% of the service's time (`tests/bench/HISTORY.md`). [`nullable`] asks sqlx for the
//! `Option<T>` itself, as sea-orm does for a value that is there.

use std::sync::Arc;

use chrono::NaiveDate;
use sea_orm::sqlx::{self, Postgres, Row, Sqlite};
use sea_orm::{DbErr, QueryResult, RuntimeErr, TryGetable};

/// The value of the nullable column `name` of `res`, `None` for NULL: decoded by sqlx exactly
/// as sea-orm decodes a `T` that is there.
pub(crate) fn nullable<T>(res: &QueryResult, name: &str) -> Result<Option<T>, DbErr>
where
    T: TryGetable
        + for<'r> sqlx::Decode<'r, Sqlite>
        + sqlx::Type<Sqlite>
        + for<'r> sqlx::Decode<'r, Postgres>
        + sqlx::Type<Postgres>,
{
    if let Some(row) = res.try_as_sqlite_row() {
        return row.try_get::<Option<T>, _>(name).map_err(query_error);
    }
    if let Some(row) = res.try_as_pg_row() {
        return row.try_get::<Option<T>, _>(name).map_err(query_error);
    }
    res.try_get("", name)
}

/// The value of the date column `name` of `res`, `None` for NULL.
///
/// On SQLite sqlx stores a date as text, `YYYY-MM-DD`, and reads it back with
/// `NaiveDate::parse_from_str(text, "%F")`, which parses its format string again for every
/// value (3% of the list scenario's profile); chrono's own ISO 8601 reader takes the same
/// text with its format parsed once. PostgreSQL's dates are binary and read as sea-orm does.
pub(crate) fn nullable_date(res: &QueryResult, name: &str) -> Result<Option<NaiveDate>, DbErr> {
    let Some(row) = res.try_as_sqlite_row() else {
        return nullable(res, name);
    };
    row.try_get::<Option<&str>, _>(name)
        .map_err(query_error)?
        .map(|text| {
            text.parse::<NaiveDate>()
                .map_err(|e| DbErr::Type(format!("column {name}: not a date ({e})")))
        })
        .transpose()
}

/// The value of the date column `name` of `res`, which is never NULL.
pub(crate) fn date(res: &QueryResult, name: &str) -> Result<NaiveDate, DbErr> {
    nullable_date(res, name)?.ok_or_else(|| DbErr::Type(format!("column {name} is NULL")))
}

/// A failed read of a column, as sea-orm reports one.
fn query_error(err: sqlx::Error) -> DbErr {
    DbErr::Query(RuntimeErr::SqlxError(Arc::new(err)))
}
