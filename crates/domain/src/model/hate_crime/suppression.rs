//! Small-cell suppression for the hate-crime aggregates: the rule lives once, in
//! [`crate::statistics`].

pub use crate::statistics::{Count, SUPPRESSION_THRESHOLD, shown};
