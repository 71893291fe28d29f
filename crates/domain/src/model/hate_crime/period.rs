//! Half-year periods (`2026-H1`, `2026-H2`): what a consultation covers and what the overview
//! counts. H1 is 1 January to 30 June, H2 is 1 July to 31 December.

use std::fmt;
use std::str::FromStr;

use chrono::{Datelike, NaiveDate};

/// One half of a calendar year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Half {
    /// 1 January to 30 June.
    H1,
    /// 1 July to 31 December.
    H2,
}

impl Half {
    /// `H1` or `H2`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::H1 => "H1",
            Self::H2 => "H2",
        }
    }

    /// The half a month (1 to 12) falls in.
    fn of_month(month: u32) -> Self {
        if month <= 6 { Self::H1 } else { Self::H2 }
    }
}

/// A half-year such as `2026-H1`; ordered in time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct HalfYear {
    year: i32,
    half: Half,
}

impl HalfYear {
    /// The first year a period can be in (the register's earliest date is 1 January 1900).
    pub const MIN_YEAR: i32 = 1900;
    /// The last year a period can be in (four digits).
    pub const MAX_YEAR: i32 = 9999;

    /// The half `half` of `year`, which must be [`Self::MIN_YEAR`] to [`Self::MAX_YEAR`].
    pub fn new(year: i32, half: Half) -> Result<Self, String> {
        if (Self::MIN_YEAR..=Self::MAX_YEAR).contains(&year) {
            Ok(Self { year, half })
        } else {
            Err(format!(
                "a period's year is {} to {}, not {year}",
                Self::MIN_YEAR,
                Self::MAX_YEAR
            ))
        }
    }

    /// Parses `YYYY-H1` or `YYYY-H2`: four digits, a dash, an upper-case `H` and the half.
    pub fn parse(text: &str) -> Result<Self, String> {
        let malformed = || {
            format!(
                "`{text}` is not a period: YYYY-H1 (January to June) or YYYY-H2 (July to \
                 December), e.g. 2026-H1"
            )
        };
        let (year, half) = text.split_once('-').ok_or_else(malformed)?;
        if year.len() != 4 || !year.bytes().all(|b| b.is_ascii_digit()) {
            return Err(malformed());
        }
        let half = match half {
            "H1" => Half::H1,
            "H2" => Half::H2,
            _ => return Err(malformed()),
        };
        let year = year.parse().map_err(|_| malformed())?;
        Self::new(year, half).map_err(|_| malformed())
    }

    /// The period `date` falls in; `None` for a date outside the years a period can have.
    pub fn containing(date: NaiveDate) -> Option<Self> {
        Self::new(date.year(), Half::of_month(date.month())).ok()
    }

    /// Its year.
    pub fn year(self) -> i32 {
        self.year
    }

    /// Its half.
    pub fn half(self) -> Half {
        self.half
    }

    /// Its first day: 1 January or 1 July.
    pub fn first_day(self) -> NaiveDate {
        match self.half {
            Half::H1 => ymd(self.year, 1, 1),
            Half::H2 => ymd(self.year, 7, 1),
        }
    }

    /// Its last day: 30 June or 31 December.
    pub fn last_day(self) -> NaiveDate {
        match self.half {
            Half::H1 => ymd(self.year, 6, 30),
            Half::H2 => ymd(self.year, 12, 31),
        }
    }

    /// Whether `date` falls in it.
    pub fn contains(self, date: NaiveDate) -> bool {
        (self.first_day()..=self.last_day()).contains(&date)
    }

    /// The half-year before it; `None` before the first year a period can have.
    pub fn previous(self) -> Option<Self> {
        match self.half {
            Half::H2 => Some(Self {
                half: Half::H1,
                ..self
            }),
            Half::H1 => Self::new(self.year - 1, Half::H2).ok(),
        }
    }

    /// The half-year after it; `None` after the last year a period can have.
    pub fn next(self) -> Option<Self> {
        match self.half {
            Half::H1 => Some(Self {
                half: Half::H2,
                ..self
            }),
            Half::H2 => Self::new(self.year + 1, Half::H1).ok(),
        }
    }

    /// The days the overview of this period reads: from the first day of the previous period
    /// (shown beside it) to its own last day, both included.
    pub fn with_previous_days(self) -> (NaiveDate, NaiveDate) {
        let first = self.previous().unwrap_or(self).first_day();
        (first, self.last_day())
    }

    /// Every period from `self` to `last`, both included, in order; empty when `last` is earlier.
    pub fn through(self, last: Self) -> Vec<Self> {
        let mut periods = Vec::new();
        let mut period = Some(self);
        while let Some(current) = period.filter(|p| *p <= last) {
            periods.push(current);
            period = current.next();
        }
        periods
    }
}

/// A date of a year in range; the years a [`HalfYear`] can have make every call valid.
fn ymd(year: i32, month: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(year, month, day).unwrap_or(NaiveDate::MIN)
}

impl fmt::Display for HalfYear {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{}", self.year, self.half.as_str())
    }
}

impl FromStr for HalfYear {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::parse(s)
    }
}

impl serde::Serialize for HalfYear {
    /// As its text, `2026-H1`.
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> serde::Deserialize<'de> for HalfYear {
    /// From its text, `2026-H1`.
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = <std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
        Self::parse(&text).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn period(text: &str) -> HalfYear {
        HalfYear::parse(text).unwrap()
    }

    fn day(text: &str) -> NaiveDate {
        text.parse().unwrap()
    }

    #[test]
    fn periods_parse_and_display_as_year_and_half() {
        let h1 = period("2026-H1");
        assert_eq!((h1.year(), h1.half()), (2026, Half::H1));
        assert_eq!(h1.to_string(), "2026-H1");
        assert_eq!(period("2026-H2").to_string(), "2026-H2");
        assert_eq!("1900-H1".parse::<HalfYear>().unwrap().year(), 1900);
    }

    #[test]
    fn malformed_periods_are_refused() {
        for bad in [
            "",
            "2026",
            "2026-",
            "2026-H",
            "2026-H0",
            "2026-H3",
            "2026-h1",
            "2026-S1",
            "26-H1",
            "02026-H1",
            "+026-H1",
            "2026-H1 ",
            " 2026-H1",
            "2026_H1",
            "2026-H1-H2",
            "1899-H2",
            "２０２６-H1",
        ] {
            let error = HalfYear::parse(bad).unwrap_err();
            assert!(error.contains("YYYY-H1"), "{bad:?}: {error}");
        }
        assert!(HalfYear::new(10_000, Half::H1).is_err());
    }

    #[test]
    fn halves_run_from_january_to_june_and_july_to_december() {
        let h1 = period("2026-H1");
        assert_eq!(
            (h1.first_day(), h1.last_day()),
            (day("2026-01-01"), day("2026-06-30"))
        );
        let h2 = period("2026-H2");
        assert_eq!(
            (h2.first_day(), h2.last_day()),
            (day("2026-07-01"), day("2026-12-31"))
        );
        assert!(h1.contains(day("2026-06-30")));
        assert!(!h1.contains(day("2026-07-01")));
        assert!(h2.contains(day("2026-07-01")));
        assert!(!h2.contains(day("2027-01-01")));
    }

    #[test]
    fn the_period_containing_a_date_follows_its_month() {
        assert_eq!(
            HalfYear::containing(day("2026-01-01")),
            Some(period("2026-H1"))
        );
        assert_eq!(
            HalfYear::containing(day("2026-06-30")),
            Some(period("2026-H1"))
        );
        assert_eq!(
            HalfYear::containing(day("2026-07-01")),
            Some(period("2026-H2"))
        );
        assert_eq!(
            HalfYear::containing(day("2026-12-31")),
            Some(period("2026-H2"))
        );
        assert_eq!(HalfYear::containing(day("1899-12-31")), None);
    }

    #[test]
    fn previous_and_next_cross_the_year() {
        assert_eq!(period("2026-H1").previous(), Some(period("2025-H2")));
        assert_eq!(period("2026-H2").previous(), Some(period("2026-H1")));
        assert_eq!(period("2026-H1").next(), Some(period("2026-H2")));
        assert_eq!(period("2026-H2").next(), Some(period("2027-H1")));
        assert_eq!(period("1900-H1").previous(), None);
        assert_eq!(period("9999-H2").next(), None);
    }

    #[test]
    fn periods_order_in_time() {
        assert!(period("2025-H2") < period("2026-H1"));
        assert!(period("2026-H1") < period("2026-H2"));
    }

    #[test]
    fn the_overview_reads_the_previous_period_too() {
        assert_eq!(
            period("2026-H1").with_previous_days(),
            (day("2025-07-01"), day("2026-06-30"))
        );
        assert_eq!(
            period("1900-H1").with_previous_days(),
            (day("1900-01-01"), day("1900-06-30"))
        );
    }

    #[test]
    fn through_lists_every_period_between() {
        let list = period("2025-H1").through(period("2026-H1"));
        let texts: Vec<_> = list.iter().map(ToString::to_string).collect();
        assert_eq!(texts, ["2025-H1", "2025-H2", "2026-H1"]);
        assert!(period("2026-H1").through(period("2025-H2")).is_empty());
        assert_eq!(period("9999-H2").through(period("9999-H2")).len(), 1);
    }

    #[test]
    fn periods_are_json_strings() {
        let json = serde_json::to_string(&period("2026-H2")).unwrap();
        assert_eq!(json, r#""2026-H2""#);
        let back: HalfYear = serde_json::from_str(&json).unwrap();
        assert_eq!(back, period("2026-H2"));
        assert!(serde_json::from_str::<HalfYear>(r#""2026-H3""#).is_err());
    }
}
