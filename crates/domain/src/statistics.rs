//! Small-cell suppression (DESIGN §8, §11): aggregates never show a count of 1 or 2 to callers
//! that may not see exact figures, so that no person can be singled out. This is the one place
//! the rule lives; every count of the complaint statistics and the hate-crime overview and summaries
//! passes through [`shown`].

use std::fmt;

/// The smallest count shown as it is to callers without exact figures; 1 and 2 are hidden.
pub const SUPPRESSION_THRESHOLD: u64 = 3;

/// A count as a caller sees it: exact, or hidden as `"<3"`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Count {
    /// The count itself.
    Exact(u64),
    /// A count of 1 or 2, hidden; serialised as the string `"<3"`.
    Suppressed,
}

impl Count {
    /// The text a suppressed count is shown as.
    pub const SUPPRESSED_TEXT: &'static str = "<3";

    /// The exact count, if it is shown.
    pub fn exact(self) -> Option<u64> {
        match self {
            Self::Exact(count) => Some(count),
            Self::Suppressed => None,
        }
    }

    /// Whether it is hidden.
    pub fn is_suppressed(self) -> bool {
        self == Self::Suppressed
    }
}

/// How `count` is shown: as it is when the caller may see `exact` figures (coordinators),
/// otherwise 1 and 2 become [`Count::Suppressed`]; 0 and 3 or more are always shown, since a zero
/// singles nobody out.
pub fn shown(count: u64, exact: bool) -> Count {
    if exact || count == 0 || count >= SUPPRESSION_THRESHOLD {
        Count::Exact(count)
    } else {
        Count::Suppressed
    }
}

impl fmt::Display for Count {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Exact(count) => count.fmt(f),
            Self::Suppressed => f.write_str(Self::SUPPRESSED_TEXT),
        }
    }
}

impl serde::Serialize for Count {
    /// An integer, or the string `"<3"` (DESIGN §11).
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Self::Exact(count) => serializer.serialize_u64(*count),
            Self::Suppressed => serializer.serialize_str(Self::SUPPRESSED_TEXT),
        }
    }
}

impl Count {
    /// `count` as shown (see [`shown`]).
    pub fn shown(count: u64, exact: bool) -> Self {
        shown(count, exact)
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn one_and_two_are_suppressed_unless_exact() {
        assert_eq!(shown(0, false), Count::Exact(0));
        assert_eq!(shown(1, false), Count::Suppressed);
        assert_eq!(shown(2, false), Count::Suppressed);
        assert_eq!(shown(3, false), Count::Exact(3));
        assert_eq!(shown(1_000, false), Count::Exact(1_000));
    }

    #[test]
    fn exact_callers_see_every_count() {
        for count in [0, 1, 2, 3, 4] {
            assert_eq!(shown(count, true), Count::Exact(count));
        }
    }

    #[test]
    fn counts_serialise_as_integers_or_less_than_three() {
        let json =
            serde_json::to_string(&[shown(0, false), shown(2, false), shown(7, false)]).unwrap();
        assert_eq!(json, r#"[0,"<3",7]"#);
        assert_eq!(Count::Suppressed.to_string(), "<3");
        assert_eq!(Count::Exact(5).to_string(), "5");
        assert_eq!(Count::Exact(5).exact(), Some(5));
        assert!(Count::Suppressed.is_suppressed());
        assert_eq!(Count::Suppressed.exact(), None);
    }
}
