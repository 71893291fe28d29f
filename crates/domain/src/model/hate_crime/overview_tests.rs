//! The overview's arithmetic on a hand-built data set, and its suppression.

use std::collections::BTreeSet;

use chrono::NaiveDate;

use super::*;
use crate::model::municipality::NisCode;
use crate::reference::{BiasMotivation, CrimeType};

use BiasMotivation::{AntiLgbti, AntiMuslim, RacismXenophobia};
use CrimeType::{DamageToProperty, HateSpeech, PhysicalAssault, Threat};

const AALST: &str = "41002";
const NINOVE: &str = "41048";
const GERAARDSBERGEN: &str = "41018";

fn nis(code: &str) -> NisCode {
    NisCode::parse(code).unwrap()
}

fn row(
    municipality: &str,
    motivations: &[BiasMotivation],
    crime_types: &[CrimeType],
    occurred_on: &str,
) -> OverviewRow {
    OverviewRow {
        municipality: nis(municipality),
        bias_motivations: motivations.to_vec(),
        crime_types: crime_types.to_vec(),
        occurred_on: occurred_on.parse::<NaiveDate>().unwrap(),
    }
}

fn region() -> BTreeSet<NisCode> {
    [AALST, NINOVE].into_iter().map(nis).collect()
}

/// 2026-H1 is asked for; 2025-H2 is the previous period.
fn rows() -> Vec<OverviewRow> {
    vec![
        // Aalst, this period: four incidents.
        row(AALST, &[RacismXenophobia], &[Threat], "2026-01-05"),
        row(AALST, &[RacismXenophobia], &[Threat], "2026-02-10"),
        row(AALST, &[RacismXenophobia], &[Threat], "2026-06-30"),
        row(
            AALST,
            &[RacismXenophobia, AntiMuslim],
            &[Threat, DamageToProperty],
            "2026-03-01",
        ),
        // Aalst, previous period: one.
        row(AALST, &[RacismXenophobia], &[Threat], "2025-07-01"),
        // Ninove, this period: one; previous period: three.
        row(NINOVE, &[AntiLgbti], &[PhysicalAssault], "2026-04-01"),
        row(NINOVE, &[AntiLgbti], &[HateSpeech], "2025-08-01"),
        row(NINOVE, &[AntiLgbti], &[HateSpeech], "2025-09-01"),
        row(NINOVE, &[AntiLgbti], &[HateSpeech], "2025-12-31"),
        // Outside the two periods, or outside the region: not counted.
        row(AALST, &[RacismXenophobia], &[Threat], "2026-07-01"),
        row(AALST, &[RacismXenophobia], &[Threat], "2025-06-30"),
        row(GERAARDSBERGEN, &[AntiLgbti], &[Threat], "2026-02-01"),
    ]
}

fn period() -> HalfYear {
    HalfYear::parse("2026-H1").unwrap()
}

fn cell(
    overview: &Overview,
    municipality: &str,
    motivation: BiasMotivation,
    crime_type: CrimeType,
) -> (Count, Count) {
    overview
        .cells
        .iter()
        .find(|c| {
            c.municipality.as_str() == municipality
                && c.bias_motivation == motivation
                && c.crime_type == crime_type
        })
        .map_or((Count::Exact(0), Count::Exact(0)), |c| {
            (c.count, c.previous)
        })
}

#[test]
fn exact_counts_add_up_by_cell_and_once_per_incident_in_the_totals() {
    let overview = overview(&region(), &rows(), period(), true);
    assert_eq!(overview.previous_period, HalfYear::parse("2025-H2").ok());
    use Count::Exact;
    assert_eq!(
        cell(&overview, AALST, RacismXenophobia, Threat),
        (Exact(4), Exact(1))
    );
    assert_eq!(
        cell(&overview, AALST, RacismXenophobia, DamageToProperty),
        (Exact(1), Exact(0))
    );
    assert_eq!(
        cell(&overview, AALST, AntiMuslim, Threat),
        (Exact(1), Exact(0))
    );
    assert_eq!(
        cell(&overview, AALST, AntiMuslim, DamageToProperty),
        (Exact(1), Exact(0))
    );
    assert_eq!(
        cell(&overview, NINOVE, AntiLgbti, HateSpeech),
        (Exact(0), Exact(3))
    );
    assert_eq!(
        cell(&overview, NINOVE, AntiLgbti, PhysicalAssault),
        (Exact(1), Exact(0))
    );
    assert_eq!(
        overview.cells.len(),
        6,
        "only cells with incidents are listed"
    );

    let by_municipality: Vec<_> = overview
        .by_municipality
        .iter()
        .map(|t| (t.municipality.as_str().to_owned(), t.count, t.previous))
        .collect();
    assert_eq!(
        by_municipality,
        [
            (AALST.to_owned(), Exact(4), Exact(1)),
            (NINOVE.to_owned(), Exact(1), Exact(3)),
        ]
    );
    let motivation = |m| {
        let t = overview
            .by_bias_motivation
            .iter()
            .find(|t| t.bias_motivation == m)
            .unwrap();
        (t.count, t.previous)
    };
    assert_eq!(motivation(RacismXenophobia), (Exact(4), Exact(1)));
    assert_eq!(motivation(AntiMuslim), (Exact(1), Exact(0)));
    assert_eq!(motivation(AntiLgbti), (Exact(1), Exact(3)));
    let crime = |c| {
        let t = overview
            .by_crime_type
            .iter()
            .find(|t| t.crime_type == c)
            .unwrap();
        (t.count, t.previous)
    };
    assert_eq!(crime(Threat), (Exact(4), Exact(1)));
    assert_eq!(crime(DamageToProperty), (Exact(1), Exact(0)));
    assert_eq!(crime(HateSpeech), (Exact(0), Exact(3)));
    assert_eq!(
        overview.total,
        OverviewTotal {
            count: Exact(5),
            previous: Exact(4)
        }
    );
}

#[test]
fn every_municipality_motivation_and_crime_type_is_listed_in_the_totals() {
    let overview = overview(&region(), &[], period(), false);
    assert!(overview.cells.is_empty());
    assert_eq!(overview.by_municipality.len(), 2);
    let motivations: Vec<_> = overview
        .by_bias_motivation
        .iter()
        .map(|t| t.bias_motivation)
        .collect();
    assert_eq!(
        motivations,
        <BiasMotivation as crate::reference::Enumeration>::ALL
    );
    assert_eq!(overview.by_crime_type.len(), 10);
    assert!(
        overview
            .by_municipality
            .iter()
            .all(|t| t.count == Count::Exact(0) && t.previous == Count::Exact(0))
    );
}

#[test]
fn small_counts_are_suppressed_for_callers_without_exact_figures() {
    let overview = overview(&region(), &rows(), period(), false);
    use Count::{Exact, Suppressed};
    assert_eq!(
        cell(&overview, AALST, RacismXenophobia, Threat),
        (Exact(4), Suppressed)
    );
    assert_eq!(
        cell(&overview, NINOVE, AntiLgbti, HateSpeech),
        (Exact(0), Exact(3))
    );
    assert_eq!(
        cell(&overview, NINOVE, AntiLgbti, PhysicalAssault),
        (Suppressed, Exact(0))
    );
    let ninove = &overview.by_municipality[1];
    assert_eq!((ninove.count, ninove.previous), (Suppressed, Exact(3)));
    assert_eq!(
        overview.total,
        OverviewTotal {
            count: Exact(5),
            previous: Exact(4)
        }
    );
}

#[test]
fn a_tally_from_sql_gives_the_same_overview() {
    let mut tally = OverviewTally::new(period(), region());
    for row in rows() {
        tally.add(&row);
    }
    assert_eq!(
        tally.total,
        PeriodCounts {
            current: 5,
            previous: 4
        }
    );
    assert_eq!(
        tally.shown(false),
        overview(&region(), &rows(), period(), false)
    );
}

#[test]
fn running_totals_summed_per_half_year_give_the_same_overview() {
    let mut rows = rows();
    rows.push(row(
        NINOVE,
        &[AntiLgbti, AntiLgbti],
        &[HateSpeech, Threat, HateSpeech],
        "2026-05-05",
    ));
    // What a store keeps: per half-year and total, the sum over every incident it holds.
    let mut totals = std::collections::BTreeMap::<(HalfYear, OverviewCounted), u64>::new();
    for row in &rows {
        let (half, counted) = row.counted().unwrap();
        for c in counted {
            *totals.entry((half, c)).or_default() += 1;
        }
    }
    assert_eq!(
        totals[&(
            period(),
            OverviewCounted::Cell(nis(NINOVE), AntiLgbti, Threat)
        )],
        1
    );
    for exact in [true, false] {
        let mut tally = OverviewTally::new(period(), region());
        for ((half, counted), n) in &totals {
            tally.add_counted(counted, *half, *n);
        }
        assert_eq!(
            tally.shown(exact),
            overview(&region(), &rows, period(), exact)
        );
    }
}

#[test]
fn a_code_repeated_in_a_row_counts_once() {
    let rows = [row(
        AALST,
        &[AntiMuslim, AntiMuslim],
        &[Threat, Threat],
        "2026-01-01",
    )];
    let overview = overview(&region(), &rows, period(), true);
    assert_eq!(overview.cells.len(), 1);
    assert_eq!(overview.cells[0].count, Count::Exact(1));
}

#[test]
fn the_overview_serialises_with_codes_and_less_than_three() {
    let overview = overview(&region(), &rows(), period(), false);
    let json = serde_json::to_value(&overview).unwrap();
    assert_eq!(json["period"], "2026-H1");
    assert_eq!(json["previousPeriod"], "2025-H2");
    assert_eq!(json["cells"][0]["municipality"], AALST);
    assert_eq!(json["cells"][0]["biasMotivation"], "racism_xenophobia");
    assert_eq!(json["cells"][0]["crimeType"], "threat");
    assert_eq!(json["cells"][0]["count"], 4);
    assert_eq!(json["cells"][0]["previous"], "<3");
    assert_eq!(json["byMunicipality"][1]["count"], "<3");
    assert_eq!(json["total"]["count"], 5);
}
