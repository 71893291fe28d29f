//! Entities and value objects, one module per concept.

pub mod api_key;
pub mod complaint;
pub mod hate_crime;
pub mod municipality;
pub mod partner;
pub mod reference_number;
pub mod subsidy;
pub mod tracking_code;
pub mod webhook;
