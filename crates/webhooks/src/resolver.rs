//! Name resolution that refuses the addresses webhooks may not reach, so that a host name
//! accepted at subscription time cannot later resolve to the service's own network.

use std::io;
use std::net::SocketAddr;

use reqwest::dns::{Addrs, Name, Resolve, Resolving};
use samenleven_domain::model::webhook::AddressPolicy;

/// Resolves with the operating system, keeping only the addresses the policy allows.
#[derive(Debug, Clone, Copy)]
pub struct GuardedResolver {
    policy: AddressPolicy,
}

impl GuardedResolver {
    /// A resolver for `policy`.
    pub fn new(policy: AddressPolicy) -> Self {
        Self { policy }
    }
}

impl Resolve for GuardedResolver {
    fn resolve(&self, name: Name) -> Resolving {
        let policy = self.policy;
        let host = name.as_str().to_owned();
        Box::pin(async move {
            let allowed: Vec<SocketAddr> = tokio::net::lookup_host((host.as_str(), 0))
                .await?
                .filter(|address| policy.allows(address.ip()))
                .collect();
            if allowed.is_empty() {
                return Err(io::Error::new(
                    io::ErrorKind::PermissionDenied,
                    "the host resolves to no address that webhooks may reach",
                )
                .into());
            }
            Ok(Box::new(allowed.into_iter()) as Addrs)
        })
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use std::str::FromStr;

    use super::*;

    #[tokio::test]
    async fn production_resolution_refuses_a_name_that_points_at_loopback() {
        let resolver = GuardedResolver::new(AddressPolicy::Production);
        let name = Name::from_str("localhost").unwrap();
        assert!(resolver.resolve(name).await.is_err());
    }

    #[tokio::test]
    async fn dev_resolution_keeps_loopback() {
        let resolver = GuardedResolver::new(AddressPolicy::Dev);
        let name = Name::from_str("localhost").unwrap();
        let addresses: Vec<_> = resolver.resolve(name).await.unwrap().collect();
        assert!(addresses.iter().all(|a| a.ip().is_loopback()));
        assert!(!addresses.is_empty());
    }
}
