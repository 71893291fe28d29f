//! API keys of partner organisations: the secret's format, its hash, and the key's state.

use std::collections::BTreeSet;

use chrono::{DateTime, Utc};
use sha2::{Digest, Sha256};
use uuid::Uuid;

use crate::reference::Scope;

/// Every key starts with this, so a leaked key is recognisable (secret scanners, logs).
pub const KEY_PREFIX: &str = "slk_";
/// Hex digits of the public identifier after [`KEY_PREFIX`].
const ID_HEX_LEN: usize = 12;
/// Hex digits of the secret part (32 bytes, 256 bits from the OS generator).
const SECRET_HEX_LEN: usize = 64;

/// A key as the partner holds it: `slk_<12 hex id>_<64 hex secret>`. Shown once, never stored.
#[derive(Clone, PartialEq, Eq)]
pub struct ApiKeySecret(String);

impl std::fmt::Debug for ApiKeySecret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "ApiKeySecret({}…)", self.lookup_prefix())
    }
}

impl ApiKeySecret {
    /// Builds a key from random bytes the caller drew from the OS generator.
    pub fn from_random(id: [u8; ID_HEX_LEN / 2], secret: [u8; SECRET_HEX_LEN / 2]) -> Self {
        Self(format!("{KEY_PREFIX}{}_{}", hex(&id), hex(&secret)))
    }

    /// Accepts a key of the right shape; anything else is not a key of this service.
    pub fn parse(text: &str) -> Option<Self> {
        let rest = text.strip_prefix(KEY_PREFIX)?;
        let (id, secret) = rest.split_once('_')?;
        let lower_hex = |s: &str| s.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'));
        (id.len() == ID_HEX_LEN
            && secret.len() == SECRET_HEX_LEN
            && lower_hex(id)
            && lower_hex(secret))
        .then(|| Self(text.to_owned()))
    }

    /// The public part (`slk_<id>`), stored in clear to find the key and shown in lists.
    pub fn lookup_prefix(&self) -> &str {
        &self.0[..KEY_PREFIX.len() + ID_HEX_LEN]
    }

    /// The SHA-256 of the whole key, the only form in which it is stored. A fast hash is
    /// enough: the key carries 256 random bits, so there is nothing to brute-force.
    pub fn hash(&self) -> Vec<u8> {
        Sha256::digest(self.0.as_bytes()).to_vec()
    }

    /// The key itself, for the one response that shows it.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// A partner's API key as stored: everything but the secret.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiKey {
    /// Its id.
    pub id: Uuid,
    /// The partner it belongs to.
    pub partner_id: Uuid,
    /// Its public prefix, `slk_<id>`.
    pub prefix: String,
    /// A label the admin gave it (e.g. which system uses it).
    pub label: Option<String>,
    /// What it may do.
    pub scopes: BTreeSet<Scope>,
    /// When it stops working, if ever.
    pub expires_at: Option<DateTime<Utc>>,
    /// When it was created.
    pub created_at: DateTime<Utc>,
    /// When it was last used (kept to the minute).
    pub last_used_at: Option<DateTime<Utc>>,
    /// When it was revoked.
    pub revoked_at: Option<DateTime<Utc>>,
}

/// Whether a key works now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ApiKeyStatus {
    /// It works.
    Active,
    /// Its expiry has passed.
    Expired,
    /// An admin revoked it.
    Revoked,
}

impl ApiKeyStatus {
    /// The status as its wire code.
    pub fn code(self) -> &'static str {
        match self {
            Self::Active => "active",
            Self::Expired => "expired",
            Self::Revoked => "revoked",
        }
    }
}

impl ApiKey {
    /// The key's status at `now`.
    pub fn status(&self, now: DateTime<Utc>) -> ApiKeyStatus {
        if self.revoked_at.is_some() {
            ApiKeyStatus::Revoked
        } else if self.expires_at.is_some_and(|at| at <= now) {
            ApiKeyStatus::Expired
        } else {
            ApiKeyStatus::Active
        }
    }

    /// Whether `last_used_at` is old enough to be written again (once a minute at most).
    pub fn last_use_is_stale(&self, now: DateTime<Utc>) -> bool {
        self.last_used_at
            .is_none_or(|at| now - at >= chrono::Duration::seconds(60))
    }
}

/// A new key's settings, as an admin asks for them.
#[derive(Debug, Clone)]
pub struct NewApiKey {
    /// A label.
    pub label: Option<String>,
    /// Its scopes; at least one.
    pub scopes: BTreeSet<Scope>,
    /// Its expiry, in the future.
    pub expires_at: Option<DateTime<Utc>>,
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn a_key_round_trips_and_exposes_only_its_prefix_in_debug() {
        let key = ApiKeySecret::from_random([0xab; 6], [0x01; 32]);
        assert!(key.expose().starts_with("slk_abababababab_0101"));
        assert_eq!(key.expose().len(), 4 + 12 + 1 + 64);
        assert_eq!(ApiKeySecret::parse(key.expose()), Some(key.clone()));
        assert_eq!(key.lookup_prefix(), "slk_abababababab");
        assert!(!format!("{key:?}").contains("0101"));
        assert_eq!(key.hash().len(), 32);
    }

    #[test]
    fn malformed_keys_are_refused() {
        let good = ApiKeySecret::from_random([1; 6], [2; 32])
            .expose()
            .to_owned();
        for bad in [
            "",
            "slk_",
            &good[..good.len() - 1],
            &format!("{good}0"),
            &good.replace("slk_", "sk_"),
            &good.to_uppercase(),
            &good.replace('_', "-"),
        ] {
            assert!(ApiKeySecret::parse(bad).is_none(), "{bad}");
        }
    }

    #[test]
    fn status_follows_revocation_then_expiry() {
        let now = Utc::now();
        let mut key = ApiKey {
            id: Uuid::now_v7(),
            partner_id: Uuid::now_v7(),
            prefix: "slk_000000000000".into(),
            label: None,
            scopes: BTreeSet::new(),
            expires_at: None,
            created_at: now,
            last_used_at: None,
            revoked_at: None,
        };
        assert_eq!(key.status(now), ApiKeyStatus::Active);
        key.expires_at = Some(now);
        assert_eq!(key.status(now), ApiKeyStatus::Expired);
        key.revoked_at = Some(now);
        assert_eq!(key.status(now), ApiKeyStatus::Revoked);
    }

    #[test]
    fn last_use_is_written_at_most_once_a_minute() {
        let now = Utc::now();
        let mut key = ApiKey {
            id: Uuid::now_v7(),
            partner_id: Uuid::now_v7(),
            prefix: "slk_000000000000".into(),
            label: None,
            scopes: BTreeSet::new(),
            expires_at: None,
            created_at: now,
            last_used_at: None,
            revoked_at: None,
        };
        assert!(key.last_use_is_stale(now));
        key.last_used_at = Some(now - chrono::Duration::seconds(30));
        assert!(!key.last_use_is_stale(now));
        key.last_used_at = Some(now - chrono::Duration::seconds(61));
        assert!(key.last_use_is_stale(now));
    }
}
