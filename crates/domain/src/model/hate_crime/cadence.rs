//! The cadence of consultations (DESIGN §6): the seeds ask for one every half-year. For a
//! municipality, each half-year since its first consultation says whether one was held or is
//! planned, and the current half-year is flagged when it has neither.

use super::period::HalfYear;
use crate::reference::ConsultationStatus;

/// One half-year of the cadence.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CadencePeriod {
    /// The half-year.
    pub period: HalfYear,
    /// Whether a consultation of it was held (`held` or `minutes_approved`).
    pub held: bool,
    /// Whether a consultation of it is still `planned`.
    pub planned: bool,
}

/// The cadence of one municipality's consultations.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Cadence {
    /// Every half-year from the first consultation's (or the current one, if earlier or there is
    /// none) to the current one or the last consultation's, whichever is later.
    pub periods: Vec<CadencePeriod>,
    /// The current half-year.
    pub current: HalfYear,
    /// Whether the current half-year has no consultation held or planned.
    pub flag_current_unplanned: bool,
}

/// The cadence of `consultations` (each its period and status: those of every consultation that
/// covers the municipality, alone or in a region) as of the `current` half-year. Cancelled
/// consultations count neither as held nor as planned, but the first one still starts the list.
pub fn cadence(consultations: &[(HalfYear, ConsultationStatus)], current: HalfYear) -> Cadence {
    let first = consultations
        .iter()
        .map(|(p, _)| *p)
        .chain([current])
        .min()
        .unwrap_or(current);
    let last = consultations
        .iter()
        .map(|(p, _)| *p)
        .chain([current])
        .max()
        .unwrap_or(current);
    let has = |period: HalfYear, wanted: &[ConsultationStatus]| {
        consultations
            .iter()
            .any(|(p, s)| *p == period && wanted.contains(s))
    };
    let periods: Vec<_> = first
        .through(last)
        .into_iter()
        .map(|period| CadencePeriod {
            period,
            held: has(
                period,
                &[
                    ConsultationStatus::Held,
                    ConsultationStatus::MinutesApproved,
                ],
            ),
            planned: has(period, &[ConsultationStatus::Planned]),
        })
        .collect();
    let flag_current_unplanned = !periods
        .iter()
        .any(|p| p.period == current && (p.held || p.planned));
    Cadence {
        periods,
        current,
        flag_current_unplanned,
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use ConsultationStatus::{Cancelled, Held, MinutesApproved, Planned};

    fn period(text: &str) -> HalfYear {
        HalfYear::parse(text).unwrap()
    }

    fn rows(cadence: &Cadence) -> Vec<(String, bool, bool)> {
        cadence
            .periods
            .iter()
            .map(|p| (p.period.to_string(), p.held, p.planned))
            .collect()
    }

    fn row(period: &str, held: bool, planned: bool) -> (String, bool, bool) {
        (period.to_owned(), held, planned)
    }

    #[test]
    fn every_half_year_since_the_first_consultation_is_listed_with_gaps() {
        let result = cadence(
            &[
                (period("2025-H1"), MinutesApproved),
                (period("2026-H1"), Planned),
            ],
            period("2026-H1"),
        );
        assert_eq!(
            rows(&result),
            [
                row("2025-H1", true, false),
                row("2025-H2", false, false),
                row("2026-H1", false, true),
            ]
        );
        assert!(!result.flag_current_unplanned);
    }

    #[test]
    fn the_current_half_year_is_flagged_when_nothing_is_planned_or_held() {
        let result = cadence(&[(period("2025-H2"), Held)], period("2026-H1"));
        assert_eq!(
            rows(&result),
            [row("2025-H2", true, false), row("2026-H1", false, false)]
        );
        assert!(result.flag_current_unplanned);
    }

    #[test]
    fn a_held_consultation_in_the_current_half_year_clears_the_flag() {
        for status in [Held, MinutesApproved, Planned] {
            let result = cadence(&[(period("2026-H1"), status)], period("2026-H1"));
            assert!(!result.flag_current_unplanned, "{status}");
        }
    }

    #[test]
    fn a_cancelled_consultation_is_neither_held_nor_planned() {
        let result = cadence(
            &[
                (period("2025-H2"), Cancelled),
                (period("2026-H1"), Cancelled),
            ],
            period("2026-H1"),
        );
        assert_eq!(
            rows(&result),
            [row("2025-H2", false, false), row("2026-H1", false, false)]
        );
        assert!(result.flag_current_unplanned);
    }

    #[test]
    fn without_consultations_only_the_current_half_year_is_listed_and_flagged() {
        let result = cadence(&[], period("2026-H2"));
        assert_eq!(rows(&result), [row("2026-H2", false, false)]);
        assert!(result.flag_current_unplanned);
    }

    #[test]
    fn future_planned_consultations_extend_the_list() {
        let result = cadence(
            &[(period("2026-H1"), Held), (period("2027-H1"), Planned)],
            period("2026-H1"),
        );
        assert_eq!(
            rows(&result),
            [
                row("2026-H1", true, false),
                row("2026-H2", false, false),
                row("2027-H1", false, true),
            ]
        );
        assert!(!result.flag_current_unplanned);
    }

    #[test]
    fn a_half_year_can_have_a_held_and_a_planned_consultation() {
        let result = cadence(
            &[
                (period("2026-H1"), MinutesApproved),
                (period("2026-H1"), Planned),
            ],
            period("2026-H1"),
        );
        assert_eq!(rows(&result), [row("2026-H1", true, true)]);
    }

    #[test]
    fn the_cadence_serialises_in_camel_case() {
        let json = serde_json::to_value(cadence(&[], period("2026-H2"))).unwrap();
        assert_eq!(json["current"], "2026-H2");
        assert_eq!(json["flagCurrentUnplanned"], true);
        assert_eq!(json["periods"][0]["period"], "2026-H2");
    }
}
