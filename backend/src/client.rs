//! Who a request comes from, for the per-client limits.
//!
//! The client is the peer of the connection — unless the peer is one of the reverse proxies
//! the operator listed in `MADOGUCHI_TRUSTED_PROXIES`. Then it is the right-most address in
//! `X-Forwarded-For` that is not a trusted proxy: each proxy appends the address it saw, so
//! everything left of that hop is whatever the client chose to write and counts for
//! nothing. An IPv6 client counts by its /64, which one subscriber gets whole and can fill
//! with addresses at will. The key stored for the limits is a salted SHA-256 of that, 64
//! hex characters whatever the address: fixed in length, and no address in the database.

use std::net::IpAddr;

use ipnet::IpNet;
use sha2::{Digest, Sha256};

/// The reverse proxies whose `X-Forwarded-For` is believed.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TrustedProxies(Vec<IpNet>);

impl TrustedProxies {
    /// Parses a comma-separated list of addresses and networks (`10.0.0.0/8, ::1`).
    pub fn parse(list: &str) -> Result<Self, String> {
        list.split(',')
            .map(str::trim)
            .filter(|entry| !entry.is_empty())
            .map(|entry| {
                entry
                    .parse::<IpNet>()
                    .or_else(|_| entry.parse::<IpAddr>().map(IpNet::from))
                    .map_err(|_| format!("not an address or network: {entry:?}"))
            })
            .collect::<Result<Vec<_>, _>>()
            .map(Self)
    }

    fn trusts(&self, address: IpAddr) -> bool {
        let address = canonical(address);
        self.0.iter().any(|network| network.contains(&address))
    }
}

/// An IPv4-mapped IPv6 address as the IPv4 address it is.
fn canonical(address: IpAddr) -> IpAddr {
    match address {
        IpAddr::V6(v6) => v6.to_ipv4_mapped().map_or(IpAddr::V6(v6), IpAddr::V4),
        v4 => v4,
    }
}

/// One hop of `X-Forwarded-For`: an address, possibly bracketed or with a port.
fn parse_hop(hop: &str) -> Option<IpAddr> {
    let hop = hop.trim();
    if let Ok(address) = hop.parse::<IpAddr>() {
        return Some(address);
    }
    if let Ok(socket) = hop.parse::<std::net::SocketAddr>() {
        return Some(socket.ip());
    }
    // `1.2.3.4:5678`
    hop.rsplit_once(':')
        .and_then(|(address, _)| address.parse::<std::net::Ipv4Addr>().ok())
        .map(IpAddr::V4)
}

/// The client's address: see the module documentation. `forwarded_for` holds the values of
/// every `X-Forwarded-For` header, in order.
pub fn client_address(peer: IpAddr, forwarded_for: &[&str], trusted: &TrustedProxies) -> IpAddr {
    let mut client = canonical(peer);
    if !trusted.trusts(client) {
        return client;
    }
    let hops = forwarded_for
        .iter()
        .flat_map(|value| value.split(','))
        .rev();
    for hop in hops {
        match parse_hop(hop) {
            Some(address) => {
                client = canonical(address);
                if !trusted.trusts(client) {
                    return client;
                }
            }
            // Garbage before any untrusted hop was written by a proxy we trust or by the
            // client; either way the last trusted proxy is as far as the chain is known.
            None => return client,
        }
    }
    client
}

/// The bucket a client's limits count in: the address itself, or an IPv6 /64.
fn bucket(address: IpAddr) -> String {
    match canonical(address) {
        IpAddr::V4(v4) => format!("v4:{v4}"),
        IpAddr::V6(v6) => {
            let network = ipnet::Ipv6Net::new(v6, 64)
                .map(|network| network.trunc())
                .map_or_else(|_| v6.to_string(), |network| network.to_string());
            format!("v6:{network}")
        }
    }
}

/// The key the per-client limits store for `address`: 64 hex characters.
pub fn client_key(address: IpAddr, salt: &[u8]) -> String {
    let mut hasher = Sha256::new();
    hasher.update(b"madoguchi-client\0");
    hasher.update(salt);
    hasher.update(b"\0");
    hasher.update(bucket(address).as_bytes());
    hasher
        .finalize()
        .iter()
        .map(|byte| format!("{byte:02x}"))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ip(text: &str) -> IpAddr {
        text.parse().expect("an address")
    }

    fn proxies(list: &str) -> TrustedProxies {
        TrustedProxies::parse(list).expect("a list")
    }

    #[test]
    fn without_trusted_proxies_the_peer_is_the_client_whatever_it_writes() {
        let none = TrustedProxies::default();
        assert_eq!(
            client_address(ip("198.51.100.7"), &["203.0.113.1"], &none),
            ip("198.51.100.7")
        );
    }

    #[test]
    fn behind_trusted_proxies_the_right_most_untrusted_hop_is_the_client() {
        let nginx = proxies("10.0.0.0/8, 127.0.0.1");
        // The client forged the left-most entry; nginx appended what it saw.
        let header = ["1.1.1.1, 203.0.113.9"];
        assert_eq!(
            client_address(ip("127.0.0.1"), &header, &nginx),
            ip("203.0.113.9")
        );
        // Two proxies in a row: the load balancer's own address is skipped too.
        let header = ["1.1.1.1, 203.0.113.9, 10.1.2.3"];
        assert_eq!(
            client_address(ip("10.0.0.5"), &header, &nginx),
            ip("203.0.113.9")
        );
        // Several headers are one list, in order.
        let headers = ["1.1.1.1", "203.0.113.9:41234"];
        assert_eq!(
            client_address(ip("127.0.0.1"), &headers, &nginx),
            ip("203.0.113.9")
        );
        // A proxy that forwarded nothing: the proxy is all that is known.
        assert_eq!(
            client_address(ip("127.0.0.1"), &[], &nginx),
            ip("127.0.0.1")
        );
        assert_eq!(
            client_address(ip("127.0.0.1"), &["garbage"], &nginx),
            ip("127.0.0.1")
        );
    }

    #[test]
    fn an_ipv6_client_counts_by_its_64_and_every_key_has_the_same_length() {
        let salt = b"salt";
        let one = client_key(ip("2001:db8:1:2::1"), salt);
        let same_subscriber = client_key(ip("2001:db8:1:2:ffff:ffff:ffff:ffff"), salt);
        let neighbour = client_key(ip("2001:db8:1:3::1"), salt);
        assert_eq!(one, same_subscriber);
        assert_ne!(one, neighbour);
        assert_eq!(
            client_key(ip("::ffff:192.0.2.1"), salt),
            client_key(ip("192.0.2.1"), salt),
            "an IPv4-mapped address is the IPv4 address"
        );
        for key in [one, neighbour, client_key(ip("192.0.2.1"), salt)] {
            assert_eq!(key.len(), 64);
        }
        assert_ne!(
            client_key(ip("192.0.2.1"), b"one"),
            client_key(ip("192.0.2.1"), b"two"),
            "salted"
        );
    }

    #[test]
    fn a_bad_proxy_list_is_refused() {
        assert!(TrustedProxies::parse("10.0.0.0/8, nonsense").is_err());
        assert_eq!(
            TrustedProxies::parse(" ").expect("empty"),
            TrustedProxies::default()
        );
    }
}
