//! `GET /api/v1/reference` and `GET /api/v1/reference/{list}`: the enumerations with labels.

use actix_web::{Responder, get, web};
use samenleven_domain::reference::{self, ReferenceList};
use serde::Serialize;
use utoipa::ToSchema;
use utoipa_actix_web::service_config::ServiceConfig;

use crate::error::{ApiError, Problem};

pub(super) fn configure(cfg: &mut ServiceConfig) {
    cfg.service(list_reference_lists)
        .service(get_reference_list);
}

/// Labels of a code.
#[derive(Debug, Serialize, ToSchema)]
pub struct LabelsView {
    /// Dutch.
    #[schema(example = "huidskleur")]
    pub nl: &'static str,
    /// French.
    #[schema(example = "couleur de peau")]
    pub fr: &'static str,
    /// English.
    #[schema(example = "skin colour")]
    pub en: &'static str,
}

/// One code of a reference list.
#[derive(Debug, Serialize, ToSchema)]
pub struct ReferenceEntryView {
    /// The stable code used in requests and responses.
    #[schema(example = "skin_colour")]
    pub code: &'static str,
    /// Its labels.
    pub labels: LabelsView,
}

/// A reference list with all its codes.
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct ReferenceListView {
    /// The list's name, as in the path.
    #[schema(example = "grounds")]
    pub name: &'static str,
    /// The name of the schema in the OpenAPI document that holds these codes.
    #[schema(example = "Ground")]
    pub schema_name: &'static str,
    /// What the codes are.
    pub description: &'static str,
    /// The codes, in their stable order.
    pub items: Vec<ReferenceEntryView>,
}

/// A reference list, without its codes.
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct ReferenceListSummary {
    /// The list's name.
    #[schema(example = "grounds")]
    pub name: &'static str,
    /// The name of the schema that holds its codes.
    #[schema(example = "Ground")]
    pub schema_name: &'static str,
    /// What the codes are.
    pub description: &'static str,
    /// Where to read the list.
    #[schema(example = "/api/v1/reference/grounds")]
    pub href: String,
    /// How many codes it has.
    #[schema(example = 25)]
    pub count: usize,
}

/// All reference lists.
#[derive(Debug, Serialize, ToSchema)]
pub struct ReferenceListsView {
    /// The lists, in a stable order.
    pub items: Vec<ReferenceListSummary>,
}

impl From<ReferenceList> for ReferenceListView {
    fn from(list: ReferenceList) -> Self {
        Self {
            name: list.name,
            schema_name: list.schema_name,
            description: list.description,
            items: list
                .entries
                .into_iter()
                .map(|entry| ReferenceEntryView {
                    code: entry.code,
                    labels: LabelsView {
                        nl: entry.labels.nl,
                        fr: entry.labels.fr,
                        en: entry.labels.en,
                    },
                })
                .collect(),
        }
    }
}

/// List the reference lists
///
/// Every enumeration of the API, with a link to its codes and labels. Public.
#[utoipa::path(
    tag = "reference",
    operation_id = "listReferenceLists",
    responses((status = 200, description = "The reference lists", body = ReferenceListsView)),
)]
#[get("/reference")]
async fn list_reference_lists() -> impl Responder {
    let items = reference::reference_lists()
        .into_iter()
        .map(|list| ReferenceListSummary {
            href: format!("/api/v1/reference/{}", list.name),
            count: list.entries.len(),
            name: list.name,
            schema_name: list.schema_name,
            description: list.description,
        })
        .collect();
    web::Json(ReferenceListsView { items })
}

/// Read a reference list
///
/// The codes of one enumeration with their Dutch, French and English labels. Public.
#[utoipa::path(
    tag = "reference",
    operation_id = "getReferenceList",
    params(("list" = String, Path, description = "The list's name, as `GET /api/v1/reference` gives it", example = "grounds")),
    responses(
        (status = 200, description = "The list", body = ReferenceListView),
        (status = 404, description = "No list by that name", body = Problem, content_type = "application/problem+json"),
    ),
)]
#[get("/reference/{list}")]
async fn get_reference_list(list: web::Path<String>) -> Result<impl Responder, ApiError> {
    let name = list.into_inner();
    reference::reference_list(&name)
        .map(|list| web::Json(ReferenceListView::from(list)))
        .ok_or_else(|| {
            ApiError::not_found(format!(
                "there is no reference list `{name}`; GET /api/v1/reference lists them"
            ))
        })
}
