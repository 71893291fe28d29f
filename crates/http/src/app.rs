//! The one place that wires state, routes and middleware into an actix-web application.

use std::sync::Arc;

use actix_web::body::MessageBody;
use actix_web::dev::{ResourceDef, ServiceFactory, ServiceRequest, ServiceResponse};
use actix_web::http::header;
use actix_web::middleware::from_fn;
use actix_web::{App, HttpRequest, HttpResponse, web};
use metrics_exporter_prometheus::PrometheusHandle;
use samenleven_persistence::Database;
use utoipa::openapi::OpenApi as Document;
use utoipa_actix_web::AppExt;
use utoipa_swagger_ui::{Config, SwaggerUi};

use samenleven_domain::model::webhook::AddressPolicy;
use samenleven_persistence::repo::api_key::ApiKeyStore;
use samenleven_persistence::repo::complaint::ComplaintStore;
use samenleven_persistence::repo::consultation::ConsultationStore;
use samenleven_persistence::repo::incident::IncidentStore;
use samenleven_persistence::repo::municipality::MunicipalityStore;
use samenleven_persistence::repo::partner::PartnerStore;
use samenleven_persistence::repo::webhook::WebhookStore;

use crate::auth::TokenVerifier;
use crate::error::ApiError;
use crate::limits::{self, RequestLimits};
use crate::ratelimit::{RateLimitSettings, RateLimits};
use crate::{extract, middleware, openapi, ratelimit};

/// What every handler may reach: the database and the service's shared, read-only parts.
#[derive(Clone)]
pub struct AppState {
    /// The database pool.
    pub database: Database,
    /// Renders the Prometheus metrics.
    pub metrics: PrometheusHandle,
    /// Verifies bearer tokens.
    pub tokens: Arc<TokenVerifier>,
    /// The rate limiters.
    pub limits: RateLimits,
    /// The key of the keyed hashes of police and prosecutor references.
    pub pseudonym_key: Arc<[u8]>,
    /// Body size and time limits.
    pub request_limits: RequestLimits,
    /// Which webhook URLs subscriptions may name; production's unless set otherwise.
    pub webhook_policy: AddressPolicy,
    /// The OpenAPI document, serialised once; the structure it came from is not kept.
    document_json: web::Bytes,
    routes: Arc<[(ResourceDef, Vec<&'static str>)]>,
}

impl AppState {
    /// The state for a service on `database`.
    pub fn new(
        database: Database,
        tokens: TokenVerifier,
        limits: RateLimitSettings,
        pseudonym_key: &[u8],
    ) -> Result<Self, serde_json::Error> {
        let document = openapi::document();
        let document_json = web::Bytes::from(serde_json::to_vec(&document)?);
        let routes = route_table(&document);
        Ok(Self {
            database,
            metrics: middleware::metrics_handle(),
            tokens: Arc::new(tokens),
            limits: RateLimits::new(limits),
            pseudonym_key: pseudonym_key.into(),
            request_limits: RequestLimits::default(),
            webhook_policy: AddressPolicy::Production,
            document_json,
            routes: routes.into(),
        })
    }
}

impl AppState {
    /// The same state with other body size and time limits.
    #[must_use]
    pub fn with_request_limits(self, request_limits: RequestLimits) -> Self {
        Self {
            request_limits,
            ..self
        }
    }

    /// This state with `policy` for webhook URLs (dev mode also takes `http://` on loopback).
    pub fn with_webhook_policy(mut self, policy: AddressPolicy) -> Self {
        self.webhook_policy = policy;
        self
    }

    /// The webhook repository.
    pub fn webhooks(&self) -> WebhookStore {
        WebhookStore::new(self.database.connection().clone())
    }

    /// The pool for reads outside transactions.
    fn reader(&self) -> samenleven_persistence::Reader {
        self.database.reader().clone()
    }

    /// The municipality repository.
    pub fn municipalities(&self) -> MunicipalityStore {
        MunicipalityStore::new(self.database.connection().clone()).with_reader(self.reader())
    }

    /// The partner repository.
    pub fn partners(&self) -> PartnerStore {
        PartnerStore::new(self.database.connection().clone())
    }

    /// The complaint repository.
    pub fn complaints(&self) -> ComplaintStore {
        ComplaintStore::new(self.database.connection().clone())
            .with_reader(self.reader())
            .with_access_log(self.database.access_log().clone())
            .with_writer(self.database.complaint_writer().clone())
    }

    /// The consultation repository.
    pub fn consultations(&self) -> ConsultationStore {
        ConsultationStore::new(self.database.connection().clone())
    }

    /// The hate-crime incident repository.
    pub fn incidents(&self) -> IncidentStore {
        IncidentStore::new(self.database.connection().clone()).with_reader(self.reader())
    }

    /// The API-key repository.
    pub fn api_keys(&self) -> ApiKeyStore {
        ApiKeyStore::new(self.database.connection().clone()).with_reader(self.reader())
    }

    /// The subsidy scheme repository.
    pub fn subsidy_schemes(&self) -> samenleven_persistence::repo::subsidy_scheme::SchemeStore {
        samenleven_persistence::repo::subsidy_scheme::SchemeStore::new(
            self.database.connection().clone(),
        )
        .with_reader(self.reader())
    }

    /// The subsidy application repository.
    pub fn subsidy_applications(
        &self,
    ) -> samenleven_persistence::repo::subsidy_application::ApplicationStore {
        samenleven_persistence::repo::subsidy_application::ApplicationStore::new(
            self.database.connection().clone(),
        )
        .with_reader(self.reader())
    }

    /// The subsidy review repository.
    pub fn subsidy_reviews(&self) -> samenleven_persistence::repo::subsidy_review::ReviewStore {
        samenleven_persistence::repo::subsidy_review::ReviewStore::new(
            self.database.connection().clone(),
        )
    }
}

/// Each documented path with the methods it answers, to tell 405 from 404.
fn route_table(document: &Document) -> Vec<(ResourceDef, Vec<&'static str>)> {
    let mut routes: Vec<_> = document
        .paths
        .paths
        .iter()
        .map(|(path, item)| {
            let methods = [
                ("GET", item.get.is_some()),
                ("POST", item.post.is_some()),
                ("PUT", item.put.is_some()),
                ("PATCH", item.patch.is_some()),
                ("DELETE", item.delete.is_some()),
            ]
            .into_iter()
            .filter_map(|(method, present)| present.then_some(method))
            .collect();
            (ResourceDef::new(path.as_str()), methods)
        })
        .collect();
    for path in ["/api-docs/openapi.json", "/api/v1/openapi.json", "/docs"] {
        routes.push((ResourceDef::new(path), vec!["GET"]));
    }
    routes
}

/// The application: the API routes, the document and Swagger UI, problem+json for every
/// error actix raises itself, and the request middleware.
pub fn build_app(
    state: AppState,
) -> App<
    impl ServiceFactory<
        ServiceRequest,
        Config = (),
        Response = ServiceResponse<impl MessageBody>,
        Error = actix_web::Error,
        InitError = (),
    >,
> {
    let payload = extract::payload_config(state.request_limits.max_body_bytes);
    // Swagger UI fetches the document from the route below, served from the bytes serialised
    // once, rather than holding a copy of the document in every worker.
    let swagger = SwaggerUi::new("/docs/{_:.*}").config(Config::new(["/api-docs/openapi.json"]));
    App::new()
        // Before the `/api/v1` scope, which would otherwise claim this path.
        .route("/api/v1/openapi.json", web::get().to(openapi_with_cors))
        .route("/api-docs/openapi.json", web::get().to(openapi_with_cors))
        .into_utoipa_app()
        .configure(crate::routes::configure)
        .into_app()
        .app_data(web::Data::new(state))
        .app_data(payload)
        .app_data(extract::query_config())
        .app_data(extract::path_config())
        .service(swagger)
        .route("/docs", web::get().to(redirect_to_docs))
        .default_service(web::to(no_route))
        .wrap(from_fn(limits::deadline))
        .wrap(from_fn(ratelimit::limit))
        .wrap(from_fn(middleware::observe))
}

async fn redirect_to_docs() -> HttpResponse {
    HttpResponse::PermanentRedirect()
        .insert_header((header::LOCATION, "/docs/"))
        .finish()
}

async fn openapi_with_cors(state: web::Data<AppState>) -> HttpResponse {
    HttpResponse::Ok()
        .content_type("application/json")
        .insert_header((header::ACCESS_CONTROL_ALLOW_ORIGIN, "*"))
        .body(state.document_json.clone())
}

/// No route matched: 405 when the path exists with other methods, else 404.
async fn no_route(req: HttpRequest, state: web::Data<AppState>) -> Result<HttpResponse, ApiError> {
    let path = req.path();
    Err(
        match state.routes.iter().find(|(def, _)| def.is_match(path)) {
            Some((_, methods)) => ApiError::method_not_allowed(methods),
            None => ApiError::not_found(format!(
                "no resource at {path}; the API is described at /api-docs/openapi.json"
            )),
        },
    )
}
