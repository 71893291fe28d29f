//! The complaints' keyset index by municipality also carries the status and the two deadlines,
//! for the list's `overdue` filter: SQLite tests them on the index entry and reads a complaint's
//! row only when it is overdue, where it read the row of every complaint it walked past (all the
//! recent ones, all the closed ones) before. It replaces the narrower index of the same order.

use super::ReplaceIndex;

pub(super) const MIGRATION: ReplaceIndex = ReplaceIndex {
    name: "m20261123_000011_widen_complaints_municipality_index",
    table: "complaints",
    old: ("complaints_municipality_id_idx", &["municipality", "id"]),
    new: (
        "complaints_municipality_deadlines_idx",
        &[
            "municipality",
            "id",
            "status",
            "acknowledge_by",
            "resolve_by",
        ],
    ),
};
