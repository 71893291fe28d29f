//! The money of a scheme (DESIGN §7, §11): the sum awarded never exceeds the budget. The sum
//! comes from the database, in the transaction that records the award; these rules decide.

use super::money::Cents;
use crate::error::DomainError;

/// What is left of `budget` once `awarded_sum` is awarded; zero, never negative, when more
/// was awarded.
pub fn remaining_budget(budget: Cents, awarded_sum: Cents) -> Cents {
    budget.saturating_sub(awarded_sum)
}

/// Whether `award` fits in what `budget` leaves after `awarded_so_far`; a 409 conflict naming
/// the remaining amount (`remainingCents`) when it does not.
pub fn check_award_fits(
    budget: Cents,
    awarded_so_far: Cents,
    award: Cents,
) -> Result<(), DomainError> {
    let remaining = remaining_budget(budget, awarded_so_far);
    if award <= remaining {
        Ok(())
    } else {
        Err(DomainError::Conflict(format!(
            "the award of {} cents ({award}) exceeds the scheme's remaining budget: \
             remainingCents {} ({remaining}) of a budget of {} cents",
            award.get(),
            remaining.get(),
            budget.get()
        )))
    }
}

/// The figures of `GET /api/v1/subsidy-schemes/{id}/budget`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SchemeBudget {
    /// The scheme's budget.
    pub budget: Cents,
    /// The sum awarded.
    pub awarded: Cents,
    /// The sum paid out.
    pub paid: Cents,
    /// What can still be awarded.
    pub remaining: Cents,
}

impl SchemeBudget {
    /// The figures of a scheme with `budget`, of which `awarded` is awarded and `paid` paid out.
    pub fn new(budget: Cents, awarded: Cents, paid: Cents) -> Self {
        Self {
            budget,
            awarded,
            paid,
            remaining: remaining_budget(budget, awarded),
        }
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
    fn the_remaining_budget_is_the_budget_minus_the_awards_and_never_negative() {
        assert_eq!(remaining_budget(c(100_000), c(0)), c(100_000));
        assert_eq!(remaining_budget(c(100_000), c(60_000)), c(40_000));
        assert_eq!(remaining_budget(c(100_000), c(100_000)), c(0));
        assert_eq!(remaining_budget(c(100_000), c(100_001)), c(0));
    }

    #[test]
    fn an_award_that_fits_the_remaining_budget_is_accepted_to_the_cent() {
        assert!(check_award_fits(c(100_000), c(60_000), c(40_000)).is_ok());
        assert!(check_award_fits(c(100_000), c(0), c(100_000)).is_ok());
        assert!(check_award_fits(c(100_000), c(100_000), c(0)).is_ok());
    }

    #[test]
    fn an_award_beyond_the_remaining_budget_is_a_conflict_naming_what_remains() {
        match check_award_fits(c(100_000), c(60_000), c(40_001)) {
            Err(DomainError::Conflict(message)) => {
                assert!(message.contains("remainingCents 40000"), "{message}");
                assert!(message.contains("€400.00"), "{message}");
            }
            other => panic!("expected a conflict, got {other:?}"),
        }
        assert!(matches!(
            check_award_fits(c(100_000), c(100_001), c(1)),
            Err(DomainError::Conflict(_))
        ));
    }

    #[test]
    fn the_budget_figures_derive_the_remaining_amount() {
        let figures = SchemeBudget::new(c(500_000), c(320_000), c(100_000));
        assert_eq!(figures.remaining, c(180_000));
        assert_eq!((figures.awarded, figures.paid), (c(320_000), c(100_000)));
    }
}
