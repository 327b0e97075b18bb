//! What every handler shares: the connection pool, the clock, the keys and the policies the
//! server was started with. `startup` builds it once; handlers take it as `web::Data`.

use madoguchi_shared::dto::staff::StaffRole;
use sea_orm::DatabaseConnection;

use crate::auth::TokenKeys;
use crate::auth::password::Hasher;
use crate::client::{self, TrustedProxies};
use crate::clock::Clock;
use crate::mail::Notifier;
use crate::service::actor::Actor;
use crate::service::auth::SignInPolicy;
use crate::service::booking::{BookingDesk, BookingLimits, ChangeDesk};
use crate::service::settings_cache::SettingsCache;

/// What handlers share.
#[derive(Debug)]
pub struct AppState {
    /// The connection pool.
    pub db: DatabaseConnection,
    /// Where "now" comes from.
    pub clock: Clock,
    /// Staff token keys.
    pub tokens: TokenKeys,
    /// The rules of signing in.
    pub sign_in: SignInPolicy,
    /// The password hashing gate every hash and verification goes through.
    pub hasher: Hasher,
    /// The roles that may export reservations in bulk.
    pub export_roles: Vec<StaffRole>,
    /// Booking limits beyond the window.
    pub limits: BookingLimits,
    /// The address citizens reach, for links.
    pub public_url: String,
    /// Slot settings for the calendar, briefly cached.
    pub settings_cache: SettingsCache,
    /// Writes mails to the outbox.
    pub notifier: Notifier,
    /// The reverse proxies whose `X-Forwarded-For` names the client.
    pub trusted_proxies: TrustedProxies,
    /// Salt of the client keys, derived from the server's secret.
    pub client_salt: Vec<u8>,
}

impl AppState {
    /// What a change by `actor` to an existing reservation works with, now.
    pub fn change_desk(&self, actor: Actor) -> ChangeDesk<'_> {
        ChangeDesk {
            db: &self.db,
            notifier: &self.notifier,
            actor,
            now: self.clock.now(),
        }
    }

    /// What a new booking works with.
    pub fn booking_desk(&self) -> BookingDesk<'_> {
        BookingDesk {
            db: &self.db,
            cache: &self.settings_cache,
            notifier: &self.notifier,
            limits: self.limits,
        }
    }

    /// The address of the client a request comes from: the peer, or what a trusted proxy
    /// forwarded (see `crate::client`).
    pub fn client_address(&self, request: &actix_web::HttpRequest) -> std::net::IpAddr {
        let forwarded: Vec<&str> = request
            .headers()
            .get_all("x-forwarded-for")
            .filter_map(|value| value.to_str().ok())
            .collect();
        let peer = request.peer_addr().map_or(
            std::net::IpAddr::V4(std::net::Ipv4Addr::UNSPECIFIED),
            |address| address.ip(),
        );
        client::client_address(peer, &forwarded, &self.trusted_proxies)
    }

    /// The key of the client a request comes from, for per-client limits: its address,
    /// hashed with the server's salt.
    pub fn client_key(&self, request: &actix_web::HttpRequest) -> String {
        client::client_key(self.client_address(request), &self.client_salt)
    }
}
