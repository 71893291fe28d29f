//! The pure core of samenleven: enumerations, value objects and the rules that decide.
//!
//! Nothing here performs I/O; the persistence and HTTP crates translate to and from these types.

pub mod access;
pub mod error;
pub mod model;
pub mod ports;
pub mod reference;
pub mod statistics;
pub mod timeline;

pub use error::DomainError;
