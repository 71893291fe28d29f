//! Money in integer euro cents (DESIGN §4), never negative: a debt or a refund is a separate
//! amount with its own name, not a sign.

use std::fmt;

/// An amount of euro cents, zero or more.
#[derive(
    Debug,
    Clone,
    Copy,
    Default,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    serde::Serialize,
    serde::Deserialize,
)]
#[serde(try_from = "i64", into = "i64")]
pub struct Cents(i64);

impl Cents {
    /// No money.
    pub const ZERO: Self = Self(0);
    /// The largest amount representable.
    pub const MAX: Self = Self(i64::MAX);

    /// The amount of `cents`; refused when negative.
    pub fn new(cents: i64) -> Result<Self, String> {
        if cents < 0 {
            Err(format!("an amount is zero or more cents, not {cents}"))
        } else {
            Ok(Self(cents))
        }
    }

    /// The number of cents.
    pub fn get(self) -> i64 {
        self.0
    }

    /// Whether it is zero.
    pub fn is_zero(self) -> bool {
        self.0 == 0
    }

    /// `self + other`, or `None` when it overflows.
    pub fn checked_add(self, other: Self) -> Option<Self> {
        self.0.checked_add(other.0).map(Self)
    }

    /// `self - other`, or `None` when it would be negative.
    pub fn checked_sub(self, other: Self) -> Option<Self> {
        self.0.checked_sub(other.0).and_then(|c| Self::new(c).ok())
    }

    /// `self - other`, or zero when `other` is larger.
    pub fn saturating_sub(self, other: Self) -> Self {
        self.checked_sub(other).unwrap_or(Self::ZERO)
    }

    /// The sum of `amounts`, or `None` when it overflows.
    pub fn checked_sum(amounts: impl IntoIterator<Item = Self>) -> Option<Self> {
        amounts
            .into_iter()
            .try_fold(Self::ZERO, |sum, amount| sum.checked_add(amount))
    }

    /// `percent` per cent of `total`, rounded down to the cent (a share of costs never grants
    /// a fraction of a cent more than the rule allows).
    pub fn percent_of(total: Self, percent: u8) -> Self {
        let share = i128::from(total.0) * i128::from(percent) / 100;
        // Above 100 % the share can outgrow i64; the largest amount is then the honest answer.
        Self(i64::try_from(share).unwrap_or(i64::MAX))
    }
}

impl TryFrom<i64> for Cents {
    type Error = String;

    fn try_from(cents: i64) -> Result<Self, Self::Error> {
        Self::new(cents)
    }
}

impl From<Cents> for i64 {
    fn from(cents: Cents) -> Self {
        cents.0
    }
}

impl fmt::Display for Cents {
    /// Euros with two decimals and thousands separators, for messages: `€1,234.56`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let euros = (self.0 / 100).to_string();
        let mut grouped = String::with_capacity(euros.len() + euros.len() / 3);
        for (index, digit) in euros.chars().enumerate() {
            if index > 0 && (euros.len() - index).is_multiple_of(3) {
                grouped.push(',');
            }
            grouped.push(digit);
        }
        write!(f, "€{grouped}.{:02}", self.0 % 100)
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn c(cents: i64) -> Cents {
        Cents::new(cents).unwrap()
    }

    #[test]
    fn amounts_are_zero_or_more() {
        assert_eq!(c(0), Cents::ZERO);
        assert_eq!(c(12_345).get(), 12_345);
        assert!(c(0).is_zero() && !c(1).is_zero());
        assert!(Cents::new(-1).is_err());
        assert!(Cents::try_from(i64::MIN).is_err());
        assert_eq!(i64::from(c(7)), 7);
    }

    #[test]
    fn addition_and_subtraction_are_checked() {
        assert_eq!(c(150).checked_add(c(50)), Some(c(200)));
        assert_eq!(Cents::MAX.checked_add(c(1)), None);
        assert_eq!(c(150).checked_sub(c(50)), Some(c(100)));
        assert_eq!(c(50).checked_sub(c(50)), Some(Cents::ZERO));
        assert_eq!(c(50).checked_sub(c(51)), None);
        assert_eq!(c(50).saturating_sub(c(51)), Cents::ZERO);
        assert_eq!(Cents::checked_sum([c(1), c(2), c(3)]), Some(c(6)));
        assert_eq!(Cents::checked_sum([]), Some(Cents::ZERO));
        assert_eq!(Cents::checked_sum([Cents::MAX, c(1)]), None);
    }

    #[test]
    fn percentages_round_down_to_the_cent() {
        assert_eq!(Cents::percent_of(c(10_000), 80), c(8_000));
        assert_eq!(Cents::percent_of(c(999), 50), c(499));
        assert_eq!(Cents::percent_of(c(1), 99), Cents::ZERO);
        assert_eq!(Cents::percent_of(c(12_345), 100), c(12_345));
        assert_eq!(Cents::percent_of(c(12_345), 0), Cents::ZERO);
        assert_eq!(Cents::percent_of(Cents::MAX, 100), Cents::MAX);
        assert_eq!(Cents::percent_of(Cents::MAX, 50), c(i64::MAX / 2));
        assert_eq!(Cents::percent_of(Cents::MAX, 255), Cents::MAX);
    }

    #[test]
    fn amounts_show_as_euros() {
        assert_eq!(c(0).to_string(), "€0.00");
        assert_eq!(c(5).to_string(), "€0.05");
        assert_eq!(c(123_456).to_string(), "€1,234.56");
        assert_eq!(c(100_000_000).to_string(), "€1,000,000.00");
        assert_eq!(c(99_999).to_string(), "€999.99");
    }

    #[test]
    fn amounts_serialise_as_integer_cents_and_refuse_negatives() {
        assert_eq!(serde_json::to_string(&c(1_250)).unwrap(), "1250");
        assert_eq!(serde_json::from_str::<Cents>("1250").unwrap(), c(1_250));
        assert!(serde_json::from_str::<Cents>("-1").is_err());
    }
}
