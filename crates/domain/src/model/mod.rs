//! Entities and value objects, one module per concept.

pub mod api_key;
pub mod complaint;
pub mod municipality;
pub mod partner;
pub mod reference_number;
pub mod tracking_code;
