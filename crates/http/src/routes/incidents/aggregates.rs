//! The ODIHR summary and the overview (the map) of hate-crime incidents.

use std::collections::BTreeSet;

use actix_web::{HttpResponse, get, web};
use chrono::{NaiveDate, Utc};
use samenleven_domain::access::{Action, MunicipalityGrant, Owner, authorize, list_scope};
use samenleven_domain::model::complaint::receipt_day;
use samenleven_domain::model::hate_crime::{HalfYear, odihr_summary};
use samenleven_domain::model::municipality::NisCode;
use samenleven_domain::ports::MunicipalityRepository;
use samenleven_domain::reference::{BiasMotivation, CrimeType};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::handlers::is_coordinator;
use crate::app::AppState;
use crate::auth::Caller;
use crate::error::{ApiError, Problem};
use crate::extract::Query;
use crate::openapi::{count_schema, enum_ref};

/// The municipalities an aggregate covers: the ones asked for (each must be granted, else
/// 403), or every one the caller is granted.
async fn covered(
    state: &AppState,
    caller: &Caller,
    action: Action,
    asked: Option<&str>,
    parameter: &str,
) -> Result<Vec<NisCode>, ApiError> {
    authorize(caller, action, None, "statistics")?;
    if let Some(asked) = asked.filter(|a| !a.trim().is_empty()) {
        let codes = asked
            .split(',')
            .map(|code| {
                NisCode::parse(code.trim()).map_err(|m| ApiError::invalid_parameter(parameter, &m))
            })
            .collect::<Result<BTreeSet<_>, _>>()?;
        authorize(
            caller,
            action,
            Some(&Owner::in_municipalities(codes.iter().cloned())),
            "statistics",
        )?;
        return Ok(codes.into_iter().collect());
    }
    Ok(match list_scope(caller, action).municipalities {
        MunicipalityGrant::Only(codes) => codes.into_iter().collect(),
        MunicipalityGrant::All => state
            .municipalities()
            .list(None, None, 10_000)
            .await?
            .into_iter()
            .map(|m| m.nis_code)
            .collect(),
    })
}

/// The selection of the ODIHR summary.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub(super) struct OdihrParams {
    /// The year (by the day the incidents happened).
    #[param(example = 2026, minimum = 1900, maximum = 9999)]
    year: i32,
    /// One municipality, or several separated by commas; all the caller is granted when left out.
    municipality: Option<String>,
}

/// Counts of one bias motivation.
#[derive(Debug, Serialize, ToSchema)]
pub struct OdihrLineView {
    /// The bias motivation.
    #[schema(schema_with = enum_ref::<BiasMotivation>)]
    pub motivation: BiasMotivation,
    /// Incidents recorded.
    #[schema(schema_with = count_schema)]
    pub recorded: samenleven_domain::statistics::Count,
    /// Incidents prosecuted (prosecuted, convicted or acquitted).
    #[schema(schema_with = count_schema)]
    pub prosecuted: samenleven_domain::statistics::Count,
    /// Incidents sentenced (convicted).
    #[schema(schema_with = count_schema)]
    pub sentenced: samenleven_domain::statistics::Count,
}

/// Totals, every incident once.
#[derive(Debug, Serialize, ToSchema)]
pub struct OdihrTotalView {
    /// Incidents recorded.
    #[schema(schema_with = count_schema)]
    pub recorded: samenleven_domain::statistics::Count,
    /// Incidents prosecuted.
    #[schema(schema_with = count_schema)]
    pub prosecuted: samenleven_domain::statistics::Count,
    /// Incidents sentenced.
    #[schema(schema_with = count_schema)]
    pub sentenced: samenleven_domain::statistics::Count,
}

/// The yearly figures Belgium reports to the OSCE, per bias motivation.
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct OdihrSummaryView {
    /// The year.
    pub year: i32,
    /// The municipalities covered.
    pub municipalities: Vec<String>,
    /// One line per bias motivation (an incident with two motivations counts under each).
    pub per_motivation: Vec<OdihrLineView>,
    /// Every incident once.
    pub total: OdihrTotalView,
}

/// ODIHR summary
///
/// Per bias motivation: incidents recorded, prosecuted (prosecuted, convicted or acquitted) and
/// sentenced (convicted) in a year; an incident with two motivations counts under each, and once
/// in the total. Counts of 1 and 2 read `"<3"` except for coordinators. Needs role
/// `hate_crime_coordinator` or `analyst`, or scope `incidents:read`.
#[utoipa::path(
    tag = "hate-crime incidents",
    operation_id = "getOdihrSummary",
    security(("bearerAuth" = []), ("apiKeyAuth" = [])),
    params(OdihrParams),
    responses(
        (status = 200, description = "The summary", body = OdihrSummaryView),
        (status = 400, description = "A query parameter is invalid", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "No valid credentials", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not allowed, or not for these municipalities", body = Problem, content_type = "application/problem+json"),
    ),
)]
#[get("/hate-crime-incidents/odihr-summary")]
pub(super) async fn get_odihr_summary(
    caller: Caller,
    state: web::Data<AppState>,
    params: Query<OdihrParams>,
) -> Result<HttpResponse, ApiError> {
    let params = params.0;
    let (Some(from), Some(to)) = (
        NaiveDate::from_ymd_opt(params.year, 1, 1),
        NaiveDate::from_ymd_opt(params.year, 12, 31),
    ) else {
        return Err(ApiError::invalid_parameter(
            "year",
            "must be a year such as 2026",
        ));
    };
    if !(1900..=9999).contains(&params.year) {
        return Err(ApiError::invalid_parameter(
            "year",
            "must be between 1900 and 9999",
        ));
    }
    let municipalities = covered(
        &state,
        &caller,
        Action::ReadOdihrSummary,
        params.municipality.as_deref(),
        "municipality",
    )
    .await?;
    let rows = state
        .incidents()
        .motivations_and_status(&municipalities, from, to)
        .await?;
    let summary = odihr_summary(&rows).shown(is_coordinator(&caller));
    Ok(HttpResponse::Ok().json(OdihrSummaryView {
        year: params.year,
        municipalities: municipalities.iter().map(ToString::to_string).collect(),
        per_motivation: summary
            .per_motivation
            .into_iter()
            .map(|line| OdihrLineView {
                motivation: line.motivation,
                recorded: line.counts.recorded,
                prosecuted: line.counts.prosecuted,
                sentenced: line.counts.sentenced,
            })
            .collect(),
        total: OdihrTotalView {
            recorded: summary.total.recorded,
            prosecuted: summary.total.prosecuted,
            sentenced: summary.total.sentenced,
        },
    }))
}

/// The selection of the overview.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub(super) struct OverviewParams {
    /// NIS codes separated by commas; all the caller is granted when left out.
    #[param(example = "41011,41002")]
    municipalities: Option<String>,
    /// The half-year, e.g. `2026-H1`; the current one when left out.
    #[param(example = "2026-H1", pattern = "^[0-9]{4}-H[12]$")]
    period: Option<String>,
}

/// A count and the count of the previous period.
#[derive(Debug, Serialize, ToSchema)]
pub struct PeriodCountView {
    /// In the period.
    #[schema(schema_with = count_schema)]
    pub count: samenleven_domain::statistics::Count,
    /// In the previous period.
    #[schema(schema_with = count_schema)]
    pub previous: samenleven_domain::statistics::Count,
}

/// One cell of the map.
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct OverviewCellView {
    /// NIS code.
    pub municipality: String,
    /// Bias motivation.
    #[schema(schema_with = enum_ref::<BiasMotivation>)]
    pub bias_motivation: BiasMotivation,
    /// Crime type.
    #[schema(schema_with = enum_ref::<CrimeType>)]
    pub crime_type: CrimeType,
    /// In the period.
    #[schema(schema_with = count_schema)]
    pub count: samenleven_domain::statistics::Count,
    /// In the previous period.
    #[schema(schema_with = count_schema)]
    pub previous: samenleven_domain::statistics::Count,
}

/// The map of hate crime in a half-year.
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct OverviewView {
    /// The half-year.
    #[schema(example = "2026-H1")]
    pub period: String,
    /// The half-year beside it.
    #[schema(example = "2025-H2")]
    pub previous_period: Option<String>,
    /// Counts by municipality × bias motivation × crime type (an incident with two motivations
    /// and two crime types counts in four cells).
    pub cells: Vec<OverviewCellView>,
    /// Incidents per municipality, each once.
    pub by_municipality: Vec<MunicipalityTotalView>,
    /// Incidents per bias motivation.
    pub by_bias_motivation: Vec<BiasMotivationTotalView>,
    /// Incidents per crime type.
    pub by_crime_type: Vec<CrimeTypeTotalView>,
    /// Every incident once.
    pub total: PeriodCountView,
}

/// Overview of hate crime (the map)
///
/// Counts by municipality × bias motivation × crime type for a half-year, the previous
/// half-year beside it, and totals. Counts of 1 and 2 read `"<3"` for partners and analysts,
/// exact for coordinators. Needs role `hate_crime_coordinator` or `analyst`, or scope
/// `incidents:read`.
#[utoipa::path(
    tag = "hate-crime incidents",
    operation_id = "getIncidentOverview",
    security(("bearerAuth" = []), ("apiKeyAuth" = [])),
    params(OverviewParams),
    responses(
        (status = 200, description = "The overview", body = OverviewView),
        (status = 400, description = "A query parameter is invalid", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "No valid credentials", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not allowed, or not for these municipalities", body = Problem, content_type = "application/problem+json"),
    ),
)]
#[get("/hate-crime-incidents/overview")]
pub(super) async fn get_incident_overview(
    caller: Caller,
    state: web::Data<AppState>,
    params: Query<OverviewParams>,
) -> Result<HttpResponse, ApiError> {
    let params = params.0;
    let today = receipt_day(Utc::now());
    let period = match params.period.as_deref() {
        Some(text) => {
            HalfYear::parse(text).map_err(|m| ApiError::invalid_parameter("period", &m))?
        }
        None => HalfYear::containing(today).ok_or_else(|| {
            ApiError::invalid_parameter("period", "give a half-year such as 2026-H1")
        })?,
    };
    let municipalities = covered(
        &state,
        &caller,
        Action::ReadIncidentOverview,
        params.municipalities.as_deref(),
        "municipalities",
    )
    .await?;
    let tally = state
        .incidents()
        .overview(municipalities.into_iter().collect(), period)
        .await?;
    Ok(HttpResponse::Ok().json(overview_view(tally.shown(is_coordinator(&caller)))))
}

/// Incidents of one municipality, each once.
#[derive(Debug, Serialize, ToSchema)]
pub struct MunicipalityTotalView {
    /// NIS code.
    pub municipality: String,
    /// In the period.
    #[schema(schema_with = count_schema)]
    pub count: samenleven_domain::statistics::Count,
    /// In the previous period.
    #[schema(schema_with = count_schema)]
    pub previous: samenleven_domain::statistics::Count,
}

/// Incidents with one bias motivation.
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct BiasMotivationTotalView {
    /// The bias motivation.
    #[schema(schema_with = enum_ref::<BiasMotivation>)]
    pub bias_motivation: BiasMotivation,
    /// In the period.
    #[schema(schema_with = count_schema)]
    pub count: samenleven_domain::statistics::Count,
    /// In the previous period.
    #[schema(schema_with = count_schema)]
    pub previous: samenleven_domain::statistics::Count,
}

/// Incidents of one crime type.
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct CrimeTypeTotalView {
    /// The crime type.
    #[schema(schema_with = enum_ref::<CrimeType>)]
    pub crime_type: CrimeType,
    /// In the period.
    #[schema(schema_with = count_schema)]
    pub count: samenleven_domain::statistics::Count,
    /// In the previous period.
    #[schema(schema_with = count_schema)]
    pub previous: samenleven_domain::statistics::Count,
}

/// The view of an overview.
pub fn overview_view(map: samenleven_domain::model::hate_crime::Overview) -> OverviewView {
    OverviewView {
        period: map.period.to_string(),
        previous_period: map.previous_period.map(|p| p.to_string()),
        cells: map
            .cells
            .into_iter()
            .map(|c| OverviewCellView {
                municipality: c.municipality.to_string(),
                bias_motivation: c.bias_motivation,
                crime_type: c.crime_type,
                count: c.count,
                previous: c.previous,
            })
            .collect(),
        by_municipality: map
            .by_municipality
            .into_iter()
            .map(|t| MunicipalityTotalView {
                municipality: t.municipality.to_string(),
                count: t.count,
                previous: t.previous,
            })
            .collect(),
        by_bias_motivation: map
            .by_bias_motivation
            .into_iter()
            .map(|t| BiasMotivationTotalView {
                bias_motivation: t.bias_motivation,
                count: t.count,
                previous: t.previous,
            })
            .collect(),
        by_crime_type: map
            .by_crime_type
            .into_iter()
            .map(|t| CrimeTypeTotalView {
                crime_type: t.crime_type,
                count: t.count,
                previous: t.previous,
            })
            .collect(),
        total: PeriodCountView {
            count: map.total.count,
            previous: map.total.previous,
        },
    }
}
