//! The OpenAPI 3.1 document: assembled from the handlers' annotations, then completed with
//! what holds for every operation (security schemes, the enumerations, response headers).

use utoipa::openapi::header::HeaderBuilder;
use utoipa::openapi::schema::{ObjectBuilder, Type};
use utoipa::openapi::security::{ApiKey, ApiKeyValue, HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::openapi::{Components, OpenApi as Document, RefOr};
use utoipa::{Modify, OpenApi};
use utoipa_actix_web::AppExt;

use crate::error::Problem;
use crate::routes::webhooks::{WebhookEventData, WebhookEventPayload};

/// Name of the bearer-token security scheme in the document.
pub const BEARER_AUTH: &str = "bearerAuth";
/// Name of the API-key security scheme in the document.
pub const API_KEY_AUTH: &str = "apiKeyAuth";

/// The parts of the document that no handler states.
#[derive(OpenApi)]
#[openapi(
    info(
        title = "samenleven",
        description = "The back-office API of a Flemish municipality's equal-opportunity service: \
            the complaint intake for racism and discrimination, the hate-crime registry and its \
            half-yearly consultation, and project-subsidy applications.\n\n\
            Errors are RFC 9457 problem details (`application/problem+json`). Every response \
            carries `API-Version` and `X-Correlation-Id`. Staff and front-office systems \
            authenticate with a JWT bearer token, partner organisations with an `X-API-Key`.",
        contact(name = "samenleven maintainers", email = "samenleven@example.org"),
        license(name = "EUPL-1.2", identifier = "EUPL-1.2"),
    ),
    tags(
        (name = "service", description = "Landing document, health probes and metrics"),
        (name = "reference", description = "The enumerations of the API with Dutch, French and English labels"),
        (name = "municipalities", description = "The tenants and their complaint deadlines (admin)"),
        (name = "partners", description = "Partner organisations and their API keys (admin)"),
        (name = "webhooks", description = "Subscriptions of integrating systems to the registers' events, signed as Standard Webhooks, and their delivery log (admin)"),
        (name = "complaints", description = "The reporting point for racism and discrimination: intake and careful follow-up"),
        (name = "complaint status", description = "The reporter's view, with the tracking code"),
        (name = "hate-crime incidents", description = "The registry behind the half-yearly hate-crime consultation"),
        (name = "consultations", description = "The half-yearly hate-crime consultation of police, prosecutor, Unia and associations"),
        (name = "subsidies", description = "Project-subsidy schemes, applications from draft to settlement, reviews, awards within budget and open data"),
    ),
    components(schemas(Problem, WebhookEventPayload, WebhookEventData)),
)]
struct BaseDocument;

struct SecuritySchemes;

impl Modify for SecuritySchemes {
    fn modify(&self, openapi: &mut Document) {
        let components = openapi.components.get_or_insert_with(Components::new);
        components.add_security_scheme(
            BEARER_AUTH,
            SecurityScheme::Http(
                HttpBuilder::new()
                    .scheme(HttpAuthScheme::Bearer)
                    .bearer_format("JWT")
                    .description(Some(
                        "A JWT from the city's identity provider (HS256, RS256 or ES256) with the \
                         claims `roles` and `municipalities`. In dev mode the service prints one \
                         at start; `samenleven token` prints more.",
                    ))
                    .build(),
            ),
        );
        components.add_security_scheme(
            API_KEY_AUTH,
            SecurityScheme::ApiKey(ApiKey::Header(ApiKeyValue::with_description(
                "X-API-Key",
                "A partner organisation's API key, shown once when an admin creates it.",
            ))),
        );
    }
}

/// Every enumeration of the domain becomes a named string enum in the components.
struct Enumerations;

impl Modify for Enumerations {
    fn modify(&self, openapi: &mut Document) {
        let components = openapi.components.get_or_insert_with(Components::new);
        for list in samenleven_domain::reference::reference_lists() {
            let schema = ObjectBuilder::new()
                .schema_type(Type::String)
                .description(Some(list.description))
                .enum_values(Some(list.entries.iter().map(|e| e.code)))
                .build();
            components
                .schemas
                .insert(list.schema_name.to_owned(), RefOr::T(schema.into()));
        }
    }
}

/// `API-Version` on every success response and `X-Correlation-Id` on every response.
struct CommonHeaders;

impl Modify for CommonHeaders {
    fn modify(&self, openapi: &mut Document) {
        let string = || ObjectBuilder::new().schema_type(Type::String).build();
        let version = HeaderBuilder::new()
            .schema(Some(string()))
            .description(Some("The semantic version of the API that answered"))
            .build();
        let correlation = HeaderBuilder::new()
            .schema(Some(string()))
            .description(Some(
                "The request's correlation id: the caller's `X-Correlation-Id`, or a fresh one",
            ))
            .build();
        for item in openapi.paths.paths.values_mut() {
            let operations = [
                &mut item.get,
                &mut item.put,
                &mut item.post,
                &mut item.delete,
                &mut item.patch,
            ];
            for operation in operations.into_iter().flatten() {
                for (status, response) in &mut operation.responses.responses {
                    let RefOr::T(response) = response else {
                        continue;
                    };
                    if status.starts_with('2') {
                        response
                            .headers
                            .insert("API-Version".to_owned(), version.clone().into());
                    }
                    response
                        .headers
                        .insert("X-Correlation-Id".to_owned(), correlation.clone().into());
                }
            }
        }
    }
}

/// The complete document: every route of [`crate::routes::configure`] with the parts above.
pub fn document() -> Document {
    let (_, mut document) = actix_web::App::new()
        .into_utoipa_app()
        .openapi(BaseDocument::openapi())
        .configure(crate::routes::configure)
        .split_for_parts();
    for modifier in [
        &SecuritySchemes as &dyn Modify,
        &Enumerations,
        &CommonHeaders,
    ] {
        modifier.modify(&mut document);
    }
    document
}

/// The document as pretty JSON with a trailing newline, exactly as committed in `openapi/`.
pub fn document_json() -> Result<String, serde_json::Error> {
    serde_json::to_string_pretty(&document()).map(|mut json| {
        json.push('\n');
        json
    })
}

/// A reference to the component schema of a domain enumeration, for `#[schema(schema_with)]`.
pub fn enum_ref<E: samenleven_domain::reference::Enumeration>() -> RefOr<utoipa::openapi::Schema> {
    RefOr::Ref(utoipa::openapi::Ref::from_schema_name(E::SCHEMA_NAME))
}

/// An array of a domain enumeration's codes, for `#[schema(schema_with)]`.
pub fn enum_array<E: samenleven_domain::reference::Enumeration>() -> utoipa::openapi::schema::Array
{
    utoipa::openapi::schema::ArrayBuilder::new()
        .items(enum_ref::<E>())
        .build()
}

/// A statistics count: an integer, or `"<3"` where small counts are suppressed.
pub fn count_schema() -> RefOr<utoipa::openapi::Schema> {
    let one_of = utoipa::openapi::schema::OneOfBuilder::new()
        .item(
            ObjectBuilder::new()
                .schema_type(Type::Integer)
                .minimum(Some(0))
                .build(),
        )
        .item(
            ObjectBuilder::new()
                .schema_type(Type::String)
                .enum_values(Some(["<3"]))
                .build(),
        )
        .description(Some(
            "An integer, or \"<3\" for 1 or 2 where small counts are suppressed",
        ))
        .build();
    RefOr::T(utoipa::openapi::Schema::OneOf(one_of))
}

/// A reference to a domain enumeration that may be null, for optional members.
pub fn nullable_enum_ref<E: samenleven_domain::reference::Enumeration>()
-> RefOr<utoipa::openapi::Schema> {
    let one_of = utoipa::openapi::schema::OneOfBuilder::new()
        .item(enum_ref::<E>())
        .item(ObjectBuilder::new().schema_type(Type::Null).build())
        .build();
    RefOr::T(utoipa::openapi::Schema::OneOf(one_of))
}
