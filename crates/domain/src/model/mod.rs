//! Entities and value objects, one module per concept.

pub mod municipality;
