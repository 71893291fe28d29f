//! The complaints' index of a municipality's reception dates also carries the id, so that a
//! list over a period finds its newest page from the index alone: it sorts the period's ids
//! and reads the rows of one page, where it read every row of the period before sorting them
//! (15,470 rows for a month of the largest municipality of the benchmark's million).

use super::ReplaceIndex;

pub(super) const MIGRATION: ReplaceIndex = ReplaceIndex {
    name: "m20261203_000012_widen_complaints_received_index",
    table: "complaints",
    old: (
        "complaints_municipality_received_idx",
        &["municipality", "received_on"],
    ),
    new: (
        "complaints_municipality_received_id_idx",
        &["municipality", "received_on", "id"],
    ),
};
