//! Small-cell suppression: the one place where a count of 1 or 2 becomes `"<3"`, so that no
//! person can be singled out in statistics and open data (DESIGN §8).

use serde::{Serialize, Serializer};

/// Counts below this are suppressed for callers who may not see exact figures.
pub const SUPPRESS_BELOW: u64 = 3;

/// A count as a caller may see it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Count {
    /// The exact figure.
    Exact(u64),
    /// 1 or 2, shown as `"<3"`.
    Suppressed,
}

impl Count {
    /// `count` as shown: exact for callers who may see exact figures (`exact`), and for 0 and
    /// 3 or more; otherwise suppressed.
    pub fn shown(count: u64, exact: bool) -> Self {
        if exact || count == 0 || count >= SUPPRESS_BELOW {
            Self::Exact(count)
        } else {
            Self::Suppressed
        }
    }
}

impl Serialize for Count {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Self::Exact(n) => serializer.serialize_u64(*n),
            Self::Suppressed => serializer.serialize_str("<3"),
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn one_and_two_are_suppressed_unless_exact() {
        let shown: Vec<_> = (0..5).map(|n| Count::shown(n, false)).collect();
        assert_eq!(
            shown,
            [
                Count::Exact(0),
                Count::Suppressed,
                Count::Suppressed,
                Count::Exact(3),
                Count::Exact(4)
            ]
        );
        assert_eq!(Count::shown(2, true), Count::Exact(2));
        assert_eq!(serde_json::to_string(&Count::Suppressed).unwrap(), "\"<3\"");
        assert_eq!(serde_json::to_string(&Count::Exact(7)).unwrap(), "7");
    }
}
