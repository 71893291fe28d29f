//! sea-orm entities, one module per table.

pub mod api_key;
pub mod municipality;
pub mod partner;
