//! Who calls: bearer tokens (verified and, for `samenleven token`, signed) and partners' API
//! keys, turned into the domain's [`Principal`] by the [`Caller`] extractor.

use std::future::Future;
use std::pin::Pin;

use actix_web::dev::Payload;
use actix_web::http::header;
use actix_web::{FromRequest, HttpRequest, web};
use chrono::{Duration, Utc};
use jsonwebtoken::{Algorithm, DecodingKey, EncodingKey, Header, Validation};
use rand::TryRngCore;
use rand::rngs::OsRng;
use samenleven_domain::access::{MunicipalityGrant, PartnerCaller, Principal, Staff};
use samenleven_domain::model::api_key::{ApiKeySecret, ApiKeyStatus};
use samenleven_domain::model::tracking_code::TrackingCode;
use samenleven_domain::ports::ApiKeyRepository;
use samenleven_domain::reference::Role;
use serde::{Deserialize, Serialize};
use subtle::ConstantTimeEq;

use crate::app::AppState;
use crate::error::{ApiError, ErrorCode};

/// The claims of a staff token (DESIGN §3).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Claims {
    /// Who the token is for (a user or a front-office system).
    pub sub: String,
    /// Who issued it; must equal the configured issuer.
    pub iss: String,
    /// For whom it is meant; must equal the configured audience.
    pub aud: String,
    /// Expiry, Unix seconds.
    pub exp: i64,
    /// Issued at, Unix seconds.
    pub iat: i64,
    /// Not valid before, Unix seconds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub nbf: Option<i64>,
    /// The roles granted.
    pub roles: Vec<Role>,
    /// NIS codes of the municipalities granted, or `*` for all.
    pub municipalities: Vec<String>,
}

/// What a new token says and for how long it holds.
#[derive(Debug, Clone)]
pub struct TokenRequest {
    /// The subject.
    pub subject: String,
    /// Roles to grant.
    pub roles: Vec<Role>,
    /// Municipalities to grant (`*` for all).
    pub municipalities: Vec<String>,
    /// How long the token holds.
    pub valid_for: Duration,
}

/// Signs HS256 tokens with the configured secret, for the given issuer and audience.
#[derive(Clone)]
pub struct TokenSigner {
    key: EncodingKey,
    issuer: String,
    audience: String,
}

impl std::fmt::Debug for TokenSigner {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TokenSigner")
            .field("issuer", &self.issuer)
            .field("audience", &self.audience)
            .finish_non_exhaustive()
    }
}

impl TokenSigner {
    /// A signer with the HS256 `secret`.
    pub fn hs256(secret: &[u8], issuer: &str, audience: &str) -> Self {
        Self {
            key: EncodingKey::from_secret(secret),
            issuer: issuer.to_owned(),
            audience: audience.to_owned(),
        }
    }

    /// A signed token for `request`, valid from now.
    pub fn sign(&self, request: &TokenRequest) -> Result<String, jsonwebtoken::errors::Error> {
        let now = Utc::now();
        let claims = Claims {
            sub: request.subject.clone(),
            iss: self.issuer.clone(),
            aud: self.audience.clone(),
            exp: (now + request.valid_for).timestamp(),
            iat: now.timestamp(),
            nbf: Some(now.timestamp()),
            roles: request.roles.clone(),
            municipalities: request.municipalities.clone(),
        };
        jsonwebtoken::encode(&Header::new(Algorithm::HS256), &claims, &self.key)
    }
}

/// Clock skew tolerated on `exp` and `nbf`, in seconds.
const LEEWAY_SECONDS: u64 = 30;

/// Verifies bearer tokens: one configured algorithm, signature, `exp`, `nbf`, `iss`, `aud`.
#[derive(Clone)]
pub struct TokenVerifier {
    key: DecodingKey,
    validation: Validation,
}

impl std::fmt::Debug for TokenVerifier {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TokenVerifier")
            .field("algorithms", &self.validation.algorithms)
            .finish_non_exhaustive()
    }
}

impl TokenVerifier {
    /// Verifies HS256 tokens signed with `secret`.
    pub fn hs256(secret: &[u8], issuer: &str, audience: &str) -> Self {
        Self::with(
            DecodingKey::from_secret(secret),
            Algorithm::HS256,
            issuer,
            audience,
        )
    }

    /// Verifies RS256 tokens (an RSA key) or ES256 tokens (a P-256 key) with a PEM public key.
    pub fn from_public_key_pem(
        pem: &[u8],
        issuer: &str,
        audience: &str,
    ) -> Result<Self, jsonwebtoken::errors::Error> {
        match DecodingKey::from_rsa_pem(pem) {
            Ok(key) => Ok(Self::with(key, Algorithm::RS256, issuer, audience)),
            Err(_) => DecodingKey::from_ec_pem(pem)
                .map(|key| Self::with(key, Algorithm::ES256, issuer, audience)),
        }
    }

    fn with(key: DecodingKey, algorithm: Algorithm, issuer: &str, audience: &str) -> Self {
        let mut validation = Validation::new(algorithm);
        validation.leeway = LEEWAY_SECONDS;
        validation.validate_nbf = true;
        validation.set_issuer(&[issuer]);
        validation.set_audience(&[audience]);
        validation.set_required_spec_claims(&["exp", "sub", "iss", "aud"]);
        Self { key, validation }
    }

    /// The claims of `token` when it verifies.
    pub fn verify(&self, token: &str) -> Result<Claims, jsonwebtoken::errors::Error> {
        jsonwebtoken::decode::<Claims>(token, &self.key, &self.validation).map(|data| data.claims)
    }
}

/// The header that carries a partner's API key.
pub const API_KEY_HEADER: &str = "x-api-key";

/// The authenticated caller of a request: a staff member (bearer token) or a partner (API
/// key). Extracting it answers 401 when the credentials are missing or do not hold.
#[derive(Debug, Clone)]
pub struct Caller(pub Principal);

impl std::ops::Deref for Caller {
    type Target = Principal;

    fn deref(&self) -> &Principal {
        &self.0
    }
}

fn unauthenticated(detail: impl Into<String>) -> ApiError {
    ApiError::new(ErrorCode::Unauthenticated, detail)
}

impl FromRequest for Caller {
    type Error = ApiError;
    type Future = Pin<Box<dyn Future<Output = Result<Self, ApiError>>>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let state = req.app_data::<web::Data<AppState>>().cloned();
        let header_text = |name| {
            req.headers()
                .get(name)
                .map(|v| v.to_str().map(str::to_owned).unwrap_or_default())
        };
        let bearer = header_text(header::AUTHORIZATION.as_str());
        let api_key = header_text(API_KEY_HEADER);
        Box::pin(async move {
            let state = state.ok_or_else(|| ApiError::internal("the app state is missing"))?;
            match (bearer, api_key) {
                (Some(_), Some(_)) => Err(unauthenticated(
                    "send either a bearer token or an API key, not both",
                )),
                (Some(authorization), None) => staff(&state, &authorization).map(Caller),
                (None, Some(key)) => partner(&state, &key).await.map(Caller),
                (None, None) => Err(unauthenticated(
                    "this operation needs credentials: `Authorization: Bearer <token>` or `X-API-Key`",
                )),
            }
        })
    }
}

fn staff(state: &AppState, authorization: &str) -> Result<Principal, ApiError> {
    let token = authorization
        .split_once(' ')
        .filter(|(scheme, _)| scheme.eq_ignore_ascii_case("bearer"))
        .map(|(_, token)| token.trim())
        .ok_or_else(|| unauthenticated("the Authorization header must be `Bearer <token>`"))?;
    let claims = state.tokens.verify(token).map_err(|error| {
        use jsonwebtoken::errors::ErrorKind;
        let reason = match error.kind() {
            ErrorKind::ExpiredSignature => "it has expired",
            ErrorKind::ImmatureSignature => "it is not valid yet",
            ErrorKind::InvalidIssuer => "it is from another issuer",
            ErrorKind::InvalidAudience => "it is meant for another audience",
            ErrorKind::InvalidAlgorithm => "it is signed with another algorithm",
            ErrorKind::InvalidSignature => "its signature does not verify",
            ErrorKind::MissingRequiredClaim(_) => "a required claim is missing",
            _ => "it is malformed",
        };
        unauthenticated(format!("the bearer token is not accepted: {reason}"))
    })?;
    let municipalities = MunicipalityGrant::parse_claim(&claims.municipalities).map_err(|e| {
        unauthenticated(format!("the token's municipalities claim is invalid: {e}"))
    })?;
    Ok(Principal::Staff(Staff {
        subject: claims.sub,
        roles: claims.roles.into_iter().collect(),
        municipalities,
    }))
}

async fn partner(state: &AppState, key: &str) -> Result<Principal, ApiError> {
    let rejected = || unauthenticated("the API key is not valid");
    let secret = ApiKeySecret::parse(key.trim()).ok_or_else(rejected)?;
    let (key, stored_hash, partner) = state
        .api_keys()
        .find_by_prefix(secret.lookup_prefix())
        .await?
        .ok_or_else(rejected)?;
    if !bool::from(secret.hash().ct_eq(&stored_hash)) {
        return Err(rejected());
    }
    let now = Utc::now();
    match key.status(now) {
        ApiKeyStatus::Active => {}
        ApiKeyStatus::Expired => return Err(unauthenticated("the API key has expired")),
        ApiKeyStatus::Revoked => return Err(unauthenticated("the API key has been revoked")),
    }
    if !partner.active {
        return Err(unauthenticated("the API key's organisation is deactivated"));
    }
    if key.last_use_is_stale(now) {
        // Losing one last-use time is harmless; failing the request for it would not be.
        if let Err(error) = state.api_keys().touch(key.id, now).await {
            tracing::warn!(error = %error, "could not record the API key's last use");
        }
    }
    Ok(Principal::Partner(PartnerCaller {
        partner_id: partner.id,
        kind: partner.kind,
        municipalities: partner.municipalities,
        scopes: key.scopes,
        key_id: key.id,
    }))
}

/// A new API key from 48 bytes of the operating system's generator.
pub fn generate_api_key() -> Result<ApiKeySecret, ApiError> {
    let mut id = [0u8; 6];
    let mut secret = [0u8; 32];
    OsRng
        .try_fill_bytes(&mut id)
        .and_then(|()| OsRng.try_fill_bytes(&mut secret))
        .map_err(ApiError::internal)?;
    Ok(ApiKeySecret::from_random(id, secret))
}

/// A new tracking code from 32 bytes of the operating system's generator.
pub fn generate_tracking_code() -> Result<TrackingCode, ApiError> {
    let mut bytes = [0u8; 32];
    OsRng
        .try_fill_bytes(&mut bytes)
        .map_err(ApiError::internal)?;
    Ok(TrackingCode::from_random(bytes))
}
