//! Server settings: flags and environment (see `main.rs`), with defaults for the embedded run.

use std::time::Duration;

#[derive(Debug, Clone)]
pub struct ServerConfig {
    /// How long a hold lasts (the seed's countdown shows ten minutes).
    pub hold_ttl: Duration,
    /// Sliding session lifetime.
    pub session_ttl: Duration,
    /// Absolute session lifetime: however active, a session ends this long after its login.
    pub session_max_lifetime: Duration,
    pub throttle: ThrottleConfig,
    /// Bearer token for `/ops/*`; `None` closes them.
    pub ops_token: Option<String>,
    /// The reverse proxies whose `X-Forwarded-For` is believed: from a peer in this list,
    /// the client is the rightmost address of the header that is not itself a trusted proxy;
    /// from any other peer, the header is ignored. Empty: the peer is the client.
    pub trusted_proxies: Vec<ipnet::IpNet>,
    /// How long a client may take to send a request's headers (slowloris).
    pub header_read_timeout: Duration,
}

impl Default for ServerConfig {
    fn default() -> Self {
        Self {
            hold_ttl: Duration::from_secs(600),
            session_ttl: Duration::from_secs(1800),
            session_max_lifetime: Duration::from_secs(8 * 3600),
            throttle: ThrottleConfig::default(),
            ops_token: None,
            trusted_proxies: Vec::new(),
            header_read_timeout: Duration::from_secs(10),
        }
    }
}

/// Failed-login throttling. Three counters: per identity and client address (locks only
/// that pair, so an attacker locks out only themselves), per identity across addresses (a
/// short lock against distributed guessing), and per client address.
#[derive(Debug, Clone)]
pub struct ThrottleConfig {
    pub window: Duration,
    pub pair_max_failures: i64,
    pub pair_lockout: Duration,
    pub identity_max_failures: i64,
    pub identity_lockout: Duration,
    pub address_max_failures: i64,
    pub address_lockout: Duration,
}

impl Default for ThrottleConfig {
    fn default() -> Self {
        Self {
            window: Duration::from_secs(15 * 60),
            pair_max_failures: 5,
            pair_lockout: Duration::from_secs(15 * 60),
            identity_max_failures: 20,
            identity_lockout: Duration::from_secs(5 * 60),
            address_max_failures: 30,
            address_lockout: Duration::from_secs(15 * 60),
        }
    }
}
