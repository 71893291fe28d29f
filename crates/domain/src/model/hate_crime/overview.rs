//! The map (DESIGN §6): incident counts by municipality × bias motivation × crime type for a
//! half-year, with the previous half-year beside it, and totals. Every count passes through
//! [`shown`], so small counts are `"<3"` for callers without exact figures.
//!
//! An incident with two motivations and two crime types counts in four cells; the totals per
//! municipality, per motivation, per crime type and overall count each incident once. The HTTP
//! layer may compute the same [`OverviewTally`] in SQL and call [`OverviewTally::shown`].

use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDate;

use super::period::HalfYear;
use super::suppression::{Count, shown};
use crate::model::municipality::NisCode;
use crate::reference::{BiasMotivation, CrimeType, Enumeration};

/// What the overview needs of one incident.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OverviewRow {
    /// Its municipality.
    pub municipality: NisCode,
    /// Its bias motivations.
    pub bias_motivations: Vec<BiasMotivation>,
    /// Its crime types.
    pub crime_types: Vec<CrimeType>,
    /// The day it happened, which gives its half-year.
    pub occurred_on: NaiveDate,
}

/// What one running total of the overview counts: incidents of a municipality, of one of its
/// cells, or with one motivation or one crime type there. Summed over incidents, per
/// half-year, these totals are all an overview needs ([`OverviewTally::add_counted`]).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum OverviewCounted {
    /// Incidents with this motivation and this crime type.
    Cell(NisCode, BiasMotivation, CrimeType),
    /// Incidents with this motivation.
    Motivation(NisCode, BiasMotivation),
    /// Incidents with this crime type.
    CrimeType(NisCode, CrimeType),
    /// Incidents of the municipality.
    Municipality(NisCode),
}

impl OverviewRow {
    /// The running totals this incident adds one to, each once (a code repeated in the row
    /// counts once), with its half-year; `None` for a day outside every half-year.
    pub fn counted(&self) -> Option<(HalfYear, Vec<OverviewCounted>)> {
        let period = HalfYear::containing(self.occurred_on)?;
        let motivations: BTreeSet<_> = self.bias_motivations.iter().copied().collect();
        let crime_types: BTreeSet<_> = self.crime_types.iter().copied().collect();
        let m = &self.municipality;
        let mut out = Vec::with_capacity((motivations.len() + 1) * (crime_types.len() + 1));
        for &motivation in &motivations {
            out.extend(
                crime_types
                    .iter()
                    .map(|&crime_type| OverviewCounted::Cell(m.clone(), motivation, crime_type)),
            );
            out.push(OverviewCounted::Motivation(m.clone(), motivation));
        }
        out.extend(
            crime_types
                .iter()
                .map(|&crime_type| OverviewCounted::CrimeType(m.clone(), crime_type)),
        );
        out.push(OverviewCounted::Municipality(m.clone()));
        Some((period, out))
    }
}

/// Exact counts of the period and of the previous one.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct PeriodCounts {
    /// In the period asked for.
    pub current: u64,
    /// In the half-year before it.
    pub previous: u64,
}

impl PeriodCounts {
    fn add(&mut self, in_current: bool) {
        self.add_n(in_current, 1);
    }

    fn add_n(&mut self, in_current: bool, n: u64) {
        if in_current {
            self.current += n;
        } else {
            self.previous += n;
        }
    }

    fn shown(self, exact: bool) -> (Count, Count) {
        (shown(self.current, exact), shown(self.previous, exact))
    }
}

/// The exact counts of an overview, before suppression.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OverviewTally {
    /// The half-year asked for.
    pub period: HalfYear,
    /// The municipalities asked for; each is listed in the totals, zeros included.
    pub municipalities: BTreeSet<NisCode>,
    /// Per municipality, motivation and crime type; combinations without incidents are absent.
    pub cells: BTreeMap<(NisCode, BiasMotivation, CrimeType), PeriodCounts>,
    /// Incidents per municipality.
    pub by_municipality: BTreeMap<NisCode, PeriodCounts>,
    /// Incidents per bias motivation.
    pub by_bias_motivation: BTreeMap<BiasMotivation, PeriodCounts>,
    /// Incidents per crime type.
    pub by_crime_type: BTreeMap<CrimeType, PeriodCounts>,
    /// Every incident once.
    pub total: PeriodCounts,
}

impl OverviewTally {
    /// An empty tally of `period` for `municipalities`.
    pub fn new(period: HalfYear, municipalities: BTreeSet<NisCode>) -> Self {
        Self {
            period,
            municipalities,
            cells: BTreeMap::new(),
            by_municipality: BTreeMap::new(),
            by_bias_motivation: BTreeMap::new(),
            by_crime_type: BTreeMap::new(),
            total: PeriodCounts::default(),
        }
    }

    /// Counts `row` if it is in one of the municipalities and in the period or the previous
    /// one; other rows are ignored. A code repeated in a row counts once.
    pub fn add(&mut self, row: &OverviewRow) {
        if !self.municipalities.contains(&row.municipality) {
            return;
        }
        let in_current = match HalfYear::containing(row.occurred_on) {
            Some(p) if p == self.period => true,
            Some(p) if Some(p) == self.period.previous() => false,
            _ => return,
        };
        let motivations: BTreeSet<_> = row.bias_motivations.iter().copied().collect();
        let crime_types: BTreeSet<_> = row.crime_types.iter().copied().collect();
        for &motivation in &motivations {
            for &crime_type in &crime_types {
                let key = (row.municipality.clone(), motivation, crime_type);
                self.cells.entry(key).or_default().add(in_current);
            }
            self.by_bias_motivation
                .entry(motivation)
                .or_default()
                .add(in_current);
        }
        for &crime_type in &crime_types {
            self.by_crime_type
                .entry(crime_type)
                .or_default()
                .add(in_current);
        }
        self.by_municipality
            .entry(row.municipality.clone())
            .or_default()
            .add(in_current);
        self.total.add(in_current);
    }

    /// Adds `n` incidents of `period` to the running total `counted`, as read from stored
    /// totals; totals of other municipalities or other half-years are ignored.
    pub fn add_counted(&mut self, counted: &OverviewCounted, period: HalfYear, n: u64) {
        let in_current = if period == self.period {
            true
        } else if Some(period) == self.period.previous() {
            false
        } else {
            return;
        };
        let municipality = match counted {
            OverviewCounted::Cell(m, _, _)
            | OverviewCounted::Motivation(m, _)
            | OverviewCounted::CrimeType(m, _)
            | OverviewCounted::Municipality(m) => m,
        };
        if !self.municipalities.contains(municipality) {
            return;
        }
        match counted {
            OverviewCounted::Cell(m, motivation, crime_type) => self
                .cells
                .entry((m.clone(), *motivation, *crime_type))
                .or_default()
                .add_n(in_current, n),
            OverviewCounted::Motivation(_, motivation) => self
                .by_bias_motivation
                .entry(*motivation)
                .or_default()
                .add_n(in_current, n),
            OverviewCounted::CrimeType(_, crime_type) => self
                .by_crime_type
                .entry(*crime_type)
                .or_default()
                .add_n(in_current, n),
            OverviewCounted::Municipality(m) => {
                self.by_municipality
                    .entry(m.clone())
                    .or_default()
                    .add_n(in_current, n);
                self.total.add_n(in_current, n);
            }
        }
    }

    /// The overview as a caller may see it: exact for coordinators, small counts hidden for
    /// the others. Every municipality asked for, every motivation and every crime type is
    /// listed in the totals (zeros included); cells only where either period has incidents.
    pub fn shown(&self, exact: bool) -> Overview {
        let cells = self
            .cells
            .iter()
            .map(|((municipality, bias_motivation, crime_type), counts)| {
                let (count, previous) = counts.shown(exact);
                OverviewCell {
                    municipality: municipality.clone(),
                    bias_motivation: *bias_motivation,
                    crime_type: *crime_type,
                    count,
                    previous,
                }
            })
            .collect();
        let by_municipality = self
            .municipalities
            .iter()
            .map(|municipality| {
                let (count, previous) = get(&self.by_municipality, municipality).shown(exact);
                MunicipalityTotal {
                    municipality: municipality.clone(),
                    count,
                    previous,
                }
            })
            .collect();
        let by_bias_motivation = BiasMotivation::ALL
            .iter()
            .map(|motivation| {
                let (count, previous) = get(&self.by_bias_motivation, motivation).shown(exact);
                BiasMotivationTotal {
                    bias_motivation: *motivation,
                    count,
                    previous,
                }
            })
            .collect();
        let by_crime_type = CrimeType::ALL
            .iter()
            .map(|crime_type| {
                let (count, previous) = get(&self.by_crime_type, crime_type).shown(exact);
                CrimeTypeTotal {
                    crime_type: *crime_type,
                    count,
                    previous,
                }
            })
            .collect();
        let (count, previous) = self.total.shown(exact);
        Overview {
            period: self.period,
            previous_period: self.period.previous(),
            cells,
            by_municipality,
            by_bias_motivation,
            by_crime_type,
            total: OverviewTotal { count, previous },
        }
    }
}

/// The overview of `rows` for `municipalities` in `period`, with the previous period beside it;
/// `exact` for callers that may see small counts (coordinators).
pub fn overview(
    municipalities: &BTreeSet<NisCode>,
    rows: &[OverviewRow],
    period: HalfYear,
    exact: bool,
) -> Overview {
    let mut tally = OverviewTally::new(period, municipalities.clone());
    rows.iter().for_each(|row| tally.add(row));
    tally.shown(exact)
}

/// The counts of `key`, zero when absent.
fn get<K: Ord>(map: &BTreeMap<K, PeriodCounts>, key: &K) -> PeriodCounts {
    map.get(key).copied().unwrap_or_default()
}

fn nis_code<S: serde::Serializer>(code: &NisCode, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.serialize_str(code.as_str())
}

/// The overview as shown.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Overview {
    /// The half-year asked for.
    pub period: HalfYear,
    /// The half-year shown beside it.
    pub previous_period: Option<HalfYear>,
    /// Counts per municipality, bias motivation and crime type.
    pub cells: Vec<OverviewCell>,
    /// Incidents per municipality.
    pub by_municipality: Vec<MunicipalityTotal>,
    /// Incidents per bias motivation.
    pub by_bias_motivation: Vec<BiasMotivationTotal>,
    /// Incidents per crime type.
    pub by_crime_type: Vec<CrimeTypeTotal>,
    /// Every incident once.
    pub total: OverviewTotal,
}

/// The count of one municipality × bias motivation × crime type.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct OverviewCell {
    /// The municipality.
    #[serde(serialize_with = "nis_code")]
    pub municipality: NisCode,
    /// The bias motivation.
    pub bias_motivation: BiasMotivation,
    /// The crime type.
    pub crime_type: CrimeType,
    /// Incidents in the period.
    pub count: Count,
    /// Incidents in the previous period.
    pub previous: Count,
}

/// The incidents of one municipality.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct MunicipalityTotal {
    /// The municipality.
    #[serde(serialize_with = "nis_code")]
    pub municipality: NisCode,
    /// Incidents in the period.
    pub count: Count,
    /// Incidents in the previous period.
    pub previous: Count,
}

/// The incidents of one bias motivation.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct BiasMotivationTotal {
    /// The bias motivation.
    pub bias_motivation: BiasMotivation,
    /// Incidents in the period.
    pub count: Count,
    /// Incidents in the previous period.
    pub previous: Count,
}

/// The incidents of one crime type.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CrimeTypeTotal {
    /// The crime type.
    pub crime_type: CrimeType,
    /// Incidents in the period.
    pub count: Count,
    /// Incidents in the previous period.
    pub previous: Count,
}

/// Every incident once.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct OverviewTotal {
    /// Incidents in the period.
    pub count: Count,
    /// Incidents in the previous period.
    pub previous: Count,
}
