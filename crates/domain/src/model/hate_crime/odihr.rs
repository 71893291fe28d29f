//! The yearly figures Belgium reports to OSCE/ODIHR (DESIGN §6, §11), per bias motivation:
//! recorded (every incident of the year by `occurredOn`), prosecuted (`prosecuted`, `convicted`
//! or `acquitted`) and sentenced (`convicted`). An incident with several motivations counts
//! under each of them, and once in the total.

use std::collections::BTreeSet;

use super::suppression::{Count, shown};
use crate::reference::{BiasMotivation, Enumeration, ProsecutionStatus};

/// Whether a case in `status` counts as prosecuted: `prosecuted`, `convicted` or `acquitted`.
pub fn is_prosecuted(status: ProsecutionStatus) -> bool {
    matches!(
        status,
        ProsecutionStatus::Prosecuted | ProsecutionStatus::Convicted | ProsecutionStatus::Acquitted
    )
}

/// Whether a case in `status` counts as sentenced: `convicted`.
pub fn is_sentenced(status: ProsecutionStatus) -> bool {
    status == ProsecutionStatus::Convicted
}

/// Recorded, prosecuted and sentenced incidents; `C` is `u64`, or [`Count`] once suppressed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct OdihrCounts<C = u64> {
    /// Incidents recorded.
    pub recorded: C,
    /// Incidents prosecuted (prosecuted, convicted or acquitted).
    pub prosecuted: C,
    /// Incidents sentenced (convicted).
    pub sentenced: C,
}

/// The counts of one bias motivation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct OdihrLine<C = u64> {
    /// The bias motivation.
    pub motivation: BiasMotivation,
    /// Its counts.
    #[serde(flatten)]
    pub counts: OdihrCounts<C>,
}

/// The ODIHR summary: every bias motivation in list order, zeros included, and the total.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct OdihrSummary<C = u64> {
    /// One line per bias motivation, in the order of the list.
    pub per_motivation: Vec<OdihrLine<C>>,
    /// Every incident once, whatever its number of motivations.
    pub total: OdihrCounts<C>,
}

impl OdihrCounts<u64> {
    fn add(&mut self, status: ProsecutionStatus) {
        self.recorded += 1;
        self.prosecuted += u64::from(is_prosecuted(status));
        self.sentenced += u64::from(is_sentenced(status));
    }

    /// The counts as a caller may see them (see [`shown`]).
    pub fn shown(self, exact: bool) -> OdihrCounts<Count> {
        OdihrCounts {
            recorded: shown(self.recorded, exact),
            prosecuted: shown(self.prosecuted, exact),
            sentenced: shown(self.sentenced, exact),
        }
    }
}

impl OdihrSummary<u64> {
    /// The summary as a caller may see it: exact for coordinators, small counts hidden for the
    /// others (see [`shown`]).
    pub fn shown(&self, exact: bool) -> OdihrSummary<Count> {
        OdihrSummary {
            per_motivation: self
                .per_motivation
                .iter()
                .map(|line| OdihrLine {
                    motivation: line.motivation,
                    counts: line.counts.shown(exact),
                })
                .collect(),
            total: self.total.shown(exact),
        }
    }
}

/// The summary of `incidents` (each its bias motivations and prosecution status), which the
/// caller has limited to the year and municipalities asked for. A motivation given twice for
/// one incident counts once.
pub fn odihr_summary(incidents: &[(Vec<BiasMotivation>, ProsecutionStatus)]) -> OdihrSummary {
    let mut per_motivation: Vec<OdihrLine> = BiasMotivation::ALL
        .iter()
        .map(|&motivation| OdihrLine {
            motivation,
            counts: OdihrCounts::default(),
        })
        .collect();
    let mut total = OdihrCounts::default();
    for (motivations, status) in incidents {
        total.add(*status);
        let distinct: BTreeSet<_> = motivations.iter().collect();
        for line in &mut per_motivation {
            if distinct.contains(&line.motivation) {
                line.counts.add(*status);
            }
        }
    }
    OdihrSummary {
        per_motivation,
        total,
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use BiasMotivation::{AntiLgbti, AntiMuslim, Antisemitism, RacismXenophobia};
    use ProsecutionStatus::{
        Acquitted, Convicted, Dismissed, Prosecuted, UnderInvestigation, Unknown,
    };

    fn counts(recorded: u64, prosecuted: u64, sentenced: u64) -> OdihrCounts {
        OdihrCounts {
            recorded,
            prosecuted,
            sentenced,
        }
    }

    fn line(summary: &OdihrSummary, motivation: BiasMotivation) -> OdihrCounts {
        summary
            .per_motivation
            .iter()
            .find(|l| l.motivation == motivation)
            .unwrap()
            .counts
    }

    #[test]
    fn prosecuted_means_prosecuted_convicted_or_acquitted_and_sentenced_means_convicted() {
        let prosecuted: Vec<_> = ProsecutionStatus::ALL
            .iter()
            .copied()
            .filter(|&s| is_prosecuted(s))
            .collect();
        assert_eq!(prosecuted, [Prosecuted, Convicted, Acquitted]);
        let sentenced: Vec<_> = ProsecutionStatus::ALL
            .iter()
            .copied()
            .filter(|&s| is_sentenced(s))
            .collect();
        assert_eq!(sentenced, [Convicted]);
    }

    #[test]
    fn an_incident_with_two_motivations_counts_under_each_and_once_in_the_total() {
        let summary = odihr_summary(&[
            (vec![RacismXenophobia, AntiMuslim], Convicted),
            (vec![RacismXenophobia], Dismissed),
            (vec![AntiLgbti], Acquitted),
            (vec![AntiMuslim], UnderInvestigation),
        ]);
        assert_eq!(line(&summary, RacismXenophobia), counts(2, 1, 1));
        assert_eq!(line(&summary, AntiMuslim), counts(2, 1, 1));
        assert_eq!(line(&summary, AntiLgbti), counts(1, 1, 0));
        assert_eq!(line(&summary, Antisemitism), counts(0, 0, 0));
        assert_eq!(summary.total, counts(4, 2, 1));
        let sum: u64 = summary
            .per_motivation
            .iter()
            .map(|l| l.counts.recorded)
            .sum();
        assert_eq!(sum, 5, "the lines add up to more than the total");
    }

    #[test]
    fn every_motivation_is_listed_in_list_order_even_without_incidents() {
        let summary = odihr_summary(&[]);
        let listed: Vec<_> = summary
            .per_motivation
            .iter()
            .map(|l| l.motivation)
            .collect();
        assert_eq!(listed, BiasMotivation::ALL);
        assert!(
            summary
                .per_motivation
                .iter()
                .all(|l| l.counts == counts(0, 0, 0))
        );
        assert_eq!(summary.total, counts(0, 0, 0));
    }

    #[test]
    fn a_repeated_motivation_counts_once_for_its_incident() {
        let summary = odihr_summary(&[(vec![Antisemitism, Antisemitism], Prosecuted)]);
        assert_eq!(line(&summary, Antisemitism), counts(1, 1, 0));
        assert_eq!(summary.total, counts(1, 1, 0));
    }

    #[test]
    fn small_counts_are_hidden_unless_exact() {
        let incidents: Vec<_> = [Convicted, Convicted, Convicted, Unknown]
            .into_iter()
            .map(|s| (vec![AntiLgbti], s))
            .collect();
        let summary = odihr_summary(&incidents);
        let hidden = summary.shown(false);
        assert_eq!(
            hidden.total,
            OdihrCounts {
                recorded: Count::Exact(4),
                prosecuted: Count::Exact(3),
                sentenced: Count::Exact(3),
            }
        );
        let one = odihr_summary(&incidents[3..]).shown(false);
        assert_eq!(one.total.recorded, Count::Suppressed);
        assert_eq!(one.total.prosecuted, Count::Exact(0));
        let exact = odihr_summary(&incidents[3..]).shown(true);
        assert_eq!(exact.total.recorded, Count::Exact(1));
    }

    #[test]
    fn the_summary_serialises_flat_in_camel_case() {
        let summary = odihr_summary(&[(vec![AntiLgbti], Convicted)]).shown(false);
        let json = serde_json::to_value(&summary).unwrap();
        assert_eq!(json["perMotivation"][6]["motivation"], "anti_lgbti");
        assert_eq!(json["perMotivation"][6]["recorded"], "<3");
        assert_eq!(json["perMotivation"][0]["sentenced"], 0);
        assert_eq!(json["total"]["prosecuted"], "<3");
    }
}
