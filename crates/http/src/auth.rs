//! Bearer tokens: the claims samenleven reads, and signing for `samenleven token`.

use chrono::{Duration, Utc};
use jsonwebtoken::{Algorithm, DecodingKey, EncodingKey, Header, Validation};
use samenleven_domain::reference::Role;
use serde::{Deserialize, Serialize};

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
