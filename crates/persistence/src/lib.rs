//! samenleven's storage: sea-orm entities, the migrations, and repositories that turn rows into
//! domain types and back. One migration set runs unchanged on SQLite and PostgreSQL.

pub mod access_log;
mod checkpoint;
pub mod database;
pub mod entity;
pub mod migration;
pub mod reader;
pub mod repo;
pub mod seed;
pub mod testing;

pub use database::{Database, DatabaseOptions};
pub use reader::Reader;
