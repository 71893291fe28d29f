//! Which URLs and addresses may receive webhooks: the rule that keeps the service from being
//! used to reach its own network (server-side request forgery).

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

/// The longest subscription URL accepted.
pub const MAX_URL_CHARS: usize = 2000;

/// Where webhooks may go.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AddressPolicy {
    /// Dev mode: `https://` anywhere, and `http://` to the loopback interface only.
    Dev,
    /// Production: `https://` only, and never to a loopback, private, link-local, unique-local
    /// or unspecified address — neither written in the URL nor resolved from its host name.
    Production,
}

impl AddressPolicy {
    /// Whether a delivery may connect to `address`, once the host name has been resolved.
    pub fn allows(self, address: IpAddr) -> bool {
        match self {
            Self::Dev => true,
            Self::Production => is_public_address(address),
        }
    }
}

/// Checks a subscription URL against `policy` and returns it as it will be called; the error
/// says what is wrong.
pub fn check_url(text: &str, policy: AddressPolicy) -> Result<String, String> {
    let text = text.trim();
    if text.chars().count() > MAX_URL_CHARS {
        return Err(format!("must be at most {MAX_URL_CHARS} characters"));
    }
    let url = url::Url::parse(text).map_err(|e| format!("is not an absolute URL: {e}"))?;
    if !url.username().is_empty() || url.password().is_some() {
        return Err("must not hold a user name or password".to_owned());
    }
    let host = url
        .host()
        .ok_or_else(|| "must name a host".to_owned())?
        .to_owned();
    let literal = match &host {
        url::Host::Ipv4(ip) => Some(IpAddr::V4(*ip)),
        url::Host::Ipv6(ip) => Some(IpAddr::V6(*ip)),
        url::Host::Domain(_) => None,
    };
    let loopback_name = matches!(&host, url::Host::Domain(name) if is_localhost(name));
    let loopback = loopback_name || literal.is_some_and(|ip| canonical(ip).is_loopback());
    match (url.scheme(), policy) {
        ("https", AddressPolicy::Dev) => {}
        ("http", AddressPolicy::Dev) if loopback => {}
        ("http", AddressPolicy::Dev) => {
            return Err(
                "must use https:// (http:// is accepted only for a loopback address in dev mode)"
                    .to_owned(),
            );
        }
        ("https", AddressPolicy::Production) => {
            if loopback_name || literal.is_some_and(|ip| !is_public_address(ip)) {
                return Err(
                    "must not point at a loopback, private, link-local, unique-local or \
                     unspecified address"
                        .to_owned(),
                );
            }
        }
        (_, AddressPolicy::Production) => return Err("must use https://".to_owned()),
        (_, AddressPolicy::Dev) => return Err("must use https:// or http://".to_owned()),
    }
    Ok(url.to_string())
}

fn is_localhost(name: &str) -> bool {
    let name = name.trim_end_matches('.').to_ascii_lowercase();
    name == "localhost" || name.ends_with(".localhost")
}

/// An IPv4 address written as IPv6 (`::ffff:10.0.0.1`) is judged as the IPv4 address.
fn canonical(ip: IpAddr) -> IpAddr {
    match ip {
        IpAddr::V6(v6) => v6.to_ipv4_mapped().map_or(IpAddr::V6(v6), IpAddr::V4),
        v4 => v4,
    }
}

/// Whether `ip` is an address on the public internet: not loopback, private, link-local,
/// unique-local, shared (carrier-grade NAT), unspecified, broadcast, multicast or reserved for
/// documentation.
pub fn is_public_address(ip: IpAddr) -> bool {
    match canonical(ip) {
        IpAddr::V4(v4) => is_public_v4(v4),
        IpAddr::V6(v6) => is_public_v6(v6),
    }
}

fn is_public_v4(ip: Ipv4Addr) -> bool {
    let [a, b, c, _] = ip.octets();
    let shared = a == 100 && (64..128).contains(&b);
    let this_network = a == 0;
    let reserved = a >= 240;
    let documentation = matches!((a, b, c), (192, 0, 2) | (198, 51, 100) | (203, 0, 113));
    let benchmarking = a == 198 && (b == 18 || b == 19);
    let protocol = a == 192 && b == 0 && c == 0;
    !(ip.is_loopback()
        || ip.is_private()
        || ip.is_link_local()
        || ip.is_unspecified()
        || ip.is_broadcast()
        || ip.is_multicast()
        || shared
        || this_network
        || reserved
        || documentation
        || benchmarking
        || protocol)
}

fn is_public_v6(ip: Ipv6Addr) -> bool {
    let first = ip.segments()[0];
    let unique_local = (first & 0xfe00) == 0xfc00;
    let link_local = (first & 0xffc0) == 0xfe80;
    let site_local = (first & 0xffc0) == 0xfec0;
    let documentation = first == 0x2001 && ip.segments()[1] == 0x0db8;
    // NAT64 (64:ff9b::/96) and 6to4 (2002::/16) could carry a private IPv4 address.
    let translated = first == 0x0064 || first == 0x2002;
    !(ip.is_loopback()
        || ip.is_unspecified()
        || ip.is_multicast()
        || unique_local
        || link_local
        || site_local
        || documentation
        || translated)
}
