//! Entities and value objects, one module per concept.

pub mod api_key;
pub mod municipality;
pub mod partner;
