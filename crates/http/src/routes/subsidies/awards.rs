//! `GET /api/v1/subsidy-awards`: the awarded grants as open data, in the 360Giving shape or
//! as CSV. No natural person is ever named: a citizen initiative or de-facto association
//! appears without a recipient name or id.

use std::collections::HashMap;

use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse, get, web};
use samenleven_domain::model::subsidy::{Application, org_id, recipient_name};
use samenleven_domain::ports::MunicipalityRepository;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::app::AppState;
use crate::error::{ApiError, Problem};
use crate::extract::Query;

/// The most awards one answer holds.
const MAX_AWARDS: u64 = 10_000;

/// An organisation in a grant.
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct OrganisationView {
    /// Its org-id: `BE-BCE_KBO-<ten digits>` for a recipient, `BE-NIS-<nis>` for the funder;
    /// absent for a recipient without an enterprise number.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// Its name; absent for a citizen initiative or de-facto association.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
}

/// One grant, in the 360Giving standard.
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct GrantView {
    /// The grant's identifier: `360G-samenleven-<nis>-<reference>`.
    pub id: String,
    /// The project's title.
    pub title: String,
    /// What the project does.
    pub description: String,
    /// Always `EUR`.
    pub currency: String,
    /// The amount awarded in euros, with two decimals.
    pub amount_awarded: f64,
    /// The day of the decision.
    pub award_date: Option<chrono::NaiveDate>,
    /// The recipient.
    pub recipient_organization: Vec<OrganisationView>,
    /// The municipality that funds it.
    pub funding_organization: Vec<OrganisationView>,
}

/// The awards in the 360Giving JSON shape.
#[derive(Debug, Serialize, ToSchema)]
pub struct GrantsView {
    /// The grants, oldest first.
    pub grants: Vec<GrantView>,
}

/// How to answer.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub(super) struct AwardParams {
    /// `json` (default) or `csv`; `Accept: text/csv` asks for CSV too.
    format: Option<String>,
}

fn grant(a: Application, municipality_name: &str) -> GrantView {
    let kind = a.applicant.kind;
    let name = a
        .applicant
        .name
        .as_deref()
        .and_then(|name| recipient_name(kind, name))
        .map(str::to_owned);
    let id = name
        .as_ref()
        .and(a.applicant.enterprise_number.as_ref())
        .map(org_id);
    let cents = a.awarded_cents.map_or(0, |c| c.get());
    GrantView {
        id: format!("360G-samenleven-{}-{}", a.municipality, a.reference),
        title: a.project.title,
        description: a.project.summary,
        currency: "EUR".to_owned(),
        amount_awarded: cents as f64 / 100.0,
        award_date: a.decided_on,
        recipient_organization: vec![OrganisationView { id, name }],
        funding_organization: vec![OrganisationView {
            id: Some(format!("BE-NIS-{}", a.municipality)),
            name: Some(municipality_name.to_owned()),
        }],
    }
}

/// A CSV field, quoted when it holds a comma, quote or line break (RFC 4180).
fn field(text: &str) -> String {
    if text.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.to_owned()
    }
}

fn csv(grants: &[GrantView]) -> String {
    let mut out = String::from(
        "Identifier,Title,Description,Currency,Amount Awarded,Award Date,Recipient Org:Identifier,Recipient Org:Name,Funding Org:Identifier,Funding Org:Name\r\n",
    );
    for g in grants {
        let recipient = g.recipient_organization.first();
        let funder = g.funding_organization.first();
        let cells = [
            g.id.clone(),
            g.title.clone(),
            g.description.clone(),
            g.currency.clone(),
            format!("{:.2}", g.amount_awarded),
            g.award_date.map(|d| d.to_string()).unwrap_or_default(),
            recipient.and_then(|r| r.id.clone()).unwrap_or_default(),
            recipient.and_then(|r| r.name.clone()).unwrap_or_default(),
            funder.and_then(|r| r.id.clone()).unwrap_or_default(),
            funder.and_then(|r| r.name.clone()).unwrap_or_default(),
        ];
        let line: Vec<String> = cells.iter().map(|c| field(c)).collect();
        out.push_str(&line.join(","));
        out.push_str("\r\n");
    }
    out
}

/// List the awarded subsidies as open data
///
/// Public. Every application approved or later, in the 360Giving JSON shape, or as CSV with
/// `Accept: text/csv` or `?format=csv`. Organisations are identified by their enterprise
/// number (`BE-BCE_KBO-…`); like the Flemish subsidy register, no natural person is ever
/// named: a citizen initiative or de-facto association appears without a recipient name.
#[utoipa::path(
    tag = "subsidies",
    operation_id = "listSubsidyAwards",
    params(AwardParams),
    responses(
        (status = 200, description = "The grants", content(
            (GrantsView = "application/json"),
            (String = "text/csv"),
        )),
        (status = 400, description = "A query parameter is invalid", body = Problem, content_type = "application/problem+json"),
    ),
)]
#[get("/subsidy-awards")]
pub(super) async fn list_awards(
    req: HttpRequest,
    state: web::Data<AppState>,
    params: Query<AwardParams>,
) -> Result<HttpResponse, ApiError> {
    let as_csv = match params.0.format.as_deref() {
        Some("csv") => true,
        Some("json") => false,
        Some(_) => {
            return Err(ApiError::invalid_parameter(
                "format",
                "must be `json` or `csv`",
            ));
        }
        None => req
            .headers()
            .get(header::ACCEPT)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.contains("text/csv")),
    };
    let awarded = state.subsidy_applications().awarded(MAX_AWARDS).await?;
    let mut names: HashMap<String, String> = HashMap::new();
    let mut grants = Vec::with_capacity(awarded.len());
    for a in awarded {
        let nis = a.municipality.to_string();
        if !names.contains_key(&nis) {
            let name = state
                .municipalities()
                .find(&a.municipality)
                .await?
                .map(|m| m.name)
                .unwrap_or_default();
            names.insert(nis.clone(), name);
        }
        let name = names.get(&nis).cloned().unwrap_or_default();
        grants.push(grant(a, &name));
    }
    if as_csv {
        Ok(HttpResponse::Ok()
            .content_type("text/csv; charset=utf-8")
            .body(csv(&grants)))
    } else {
        Ok(HttpResponse::Ok().json(GrantsView { grants }))
    }
}
