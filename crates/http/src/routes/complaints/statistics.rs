//! `GET /api/v1/complaints/statistics`: counts by ground, context, conduct, status and month.

use std::collections::BTreeMap;

use actix_web::{HttpResponse, get, web};
use chrono::{Datelike, NaiveDate};
use samenleven_domain::access::{Action, MunicipalityGrant, Owner, authorize, list_scope};
use samenleven_domain::model::municipality::NisCode;
use samenleven_domain::ports::MunicipalityRepository;
use samenleven_domain::reference::Role;
use samenleven_domain::statistics::Count;
use samenleven_persistence::repo::complaint_statistics::StatisticsScope;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::app::AppState;
use crate::auth::Caller;
use crate::error::{ApiError, Problem};
use crate::extract::Query;
use crate::openapi::count_schema;

/// The selection of the statistics.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub(super) struct StatisticsParams {
    /// One municipality (NIS code); all the caller is granted when left out.
    municipality: Option<String>,
    /// Received on or after this day.
    from: Option<NaiveDate>,
    /// Received on or before this day.
    to: Option<NaiveDate>,
}

/// A count per code.
#[derive(Debug, Serialize, ToSchema)]
pub struct CodeCount {
    /// The code.
    pub code: String,
    /// The count; `"<3"` for 1 or 2 when the caller may not see exact small counts.
    #[schema(schema_with = count_schema)]
    pub count: Count,
}

/// A count per month of receipt.
#[derive(Debug, Serialize, ToSchema)]
pub struct MonthCount {
    /// `YYYY-MM`.
    #[schema(example = "2026-11")]
    pub month: String,
    /// The count, or `"<3"`.
    #[schema(schema_with = count_schema)]
    pub count: Count,
}

/// Complaint statistics (DESIGN §11).
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct ComplaintStatisticsView {
    /// Complaints and reports in the selection.
    #[schema(schema_with = count_schema)]
    pub total: Count,
    /// Per alleged ground (a complaint with two grounds counts under each).
    pub by_ground: Vec<CodeCount>,
    /// Per context.
    pub by_context: Vec<CodeCount>,
    /// Per conduct.
    pub by_conduct: Vec<CodeCount>,
    /// Per status.
    pub by_status: Vec<CodeCount>,
    /// Per month of receipt.
    pub by_month: Vec<MonthCount>,
}

/// Read complaint statistics
///
/// Counts by ground, context, conduct, status and month of receipt, for one municipality or
/// all the caller is granted, optionally for a period of receipt. For an `analyst`, counts of
/// 1 and 2 read `"<3"`, so that no person can be singled out. Needs role `complaint_handler` or
/// `analyst`.
#[utoipa::path(
    tag = "complaints",
    operation_id = "getComplaintStatistics",
    security(("bearerAuth" = [])),
    params(StatisticsParams),
    responses(
        (status = 200, description = "The counts", body = ComplaintStatisticsView),
        (status = 400, description = "A query parameter is invalid", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "No valid credentials", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not allowed, or not for this municipality", body = Problem, content_type = "application/problem+json"),
    ),
)]
#[get("/complaints/statistics")]
pub(super) async fn get_complaint_statistics(
    caller: Caller,
    state: web::Data<AppState>,
    params: Query<StatisticsParams>,
) -> Result<HttpResponse, ApiError> {
    authorize(&caller, Action::ReadComplaintStatistics, None, "statistics")?;
    let params = params.0;
    if let (Some(from), Some(to)) = (params.from, params.to)
        && from > to
    {
        return Err(ApiError::invalid_parameter(
            "to",
            "must not be before `from`",
        ));
    }
    let municipalities: Vec<NisCode> = match &params.municipality {
        Some(code) => {
            let nis = NisCode::parse(code)
                .map_err(|m| ApiError::invalid_parameter("municipality", &m))?;
            authorize(
                &caller,
                Action::ReadComplaintStatistics,
                Some(&Owner::in_municipality(nis.clone())),
                "statistics",
            )?;
            vec![nis]
        }
        None => match list_scope(&caller, Action::ReadComplaintStatistics).municipalities {
            MunicipalityGrant::Only(codes) => codes.into_iter().collect(),
            MunicipalityGrant::All => {
                let all = state.municipalities().list(None, None, 10_000).await?;
                all.into_iter().map(|m| m.nis_code).collect()
            }
        },
    };
    let counts = state
        .complaints()
        .statistics(&StatisticsScope {
            municipalities: &municipalities,
            from: params.from,
            to: params.to,
        })
        .await?;
    // Handlers work with single records anyway; analysts and everyone else see suppressed counts.
    let exact = matches!(&caller.0, samenleven_domain::access::Principal::Staff(s)
        if s.has_role(Role::ComplaintHandler) || s.is_admin());
    let codes = |rows: Vec<(String, u64)>| {
        rows.into_iter()
            .map(|(code, n)| CodeCount {
                code,
                count: Count::shown(n, exact),
            })
            .collect()
    };
    let mut months: BTreeMap<String, u64> = BTreeMap::new();
    for (day, n) in counts.by_day {
        *months
            .entry(format!("{:04}-{:02}", day.year(), day.month()))
            .or_default() += n;
    }
    Ok(HttpResponse::Ok().json(ComplaintStatisticsView {
        total: Count::shown(counts.total, exact),
        by_ground: codes(counts.by_ground),
        by_context: codes(counts.by_context),
        by_conduct: codes(counts.by_conduct),
        by_status: codes(counts.by_status),
        by_month: months
            .into_iter()
            .map(|(month, n)| MonthCount {
                month,
                count: Count::shown(n, exact),
            })
            .collect(),
    }))
}
