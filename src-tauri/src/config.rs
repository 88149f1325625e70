//! The app's configuration: where the regional backend is, the embedded backend's hold
//! time (short in end-to-end tests), and whether this device keeps anything.

use std::time::Duration;

/// Environment variable naming a remote regional backend. Unset: the embedded demo backend.
pub const BACKEND_URL_ENV: &str = "CUP_BACKEND_URL";
/// Environment variable setting the embedded backend's hold time, in seconds (tests).
pub const HOLD_TTL_ENV: &str = "CUP_HOLD_TTL_SECS";
/// The embedded backend's hold time by default: the seed's ten-minute countdown.
pub const DEFAULT_HOLD_TTL: Duration = Duration::from_secs(600);

/// Read once at start and managed by Tauri; never mutated afterwards.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AppConfig {
    /// A configured remote backend, or `None` for the embedded demo region.
    pub backend_url: Option<String>,
    /// How long the embedded backend holds a slot.
    pub hold_ttl: Duration,
    /// The one switch of what this device keeps: the bookings store (offline view) and the
    /// remembered card in the keyring. On by default; a kiosk turns it off.
    pub device_store: bool,
}

impl Default for AppConfig {
    fn default() -> Self {
        Self {
            backend_url: None,
            hold_ttl: DEFAULT_HOLD_TTL,
            device_store: true,
        }
    }
}

impl AppConfig {
    pub fn from_env() -> Self {
        Self {
            hold_ttl: parse_hold_ttl(std::env::var(HOLD_TTL_ENV).ok().as_deref()),
            ..Self::from_backend_url(std::env::var(BACKEND_URL_ENV).ok())
        }
    }

    pub fn from_backend_url(value: Option<String>) -> Self {
        let backend_url = value
            .map(|url| url.trim().to_owned())
            .filter(|url| !url.is_empty());
        Self {
            backend_url,
            ..Self::default()
        }
    }

    /// True when the app runs on the embedded, synthetic demo region.
    pub fn is_demo(&self) -> bool {
        self.backend_url.is_none()
    }
}

/// A positive number of seconds, or the default.
fn parse_hold_ttl(value: Option<&str>) -> Duration {
    value
        .and_then(|v| v.trim().parse::<u64>().ok())
        .filter(|secs| *secs > 0)
        .map(Duration::from_secs)
        .unwrap_or(DEFAULT_HOLD_TTL)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blank_backend_url_means_demo() {
        assert!(AppConfig::from_backend_url(None).is_demo());
        assert!(AppConfig::from_backend_url(Some("  ".into())).is_demo());
        let remote = AppConfig::from_backend_url(Some(" https://cup.example/ ".into()));
        assert!(!remote.is_demo());
        assert_eq!(remote.backend_url.as_deref(), Some("https://cup.example/"));
    }

    #[test]
    fn hold_ttl_from_env_value() {
        assert_eq!(parse_hold_ttl(None), DEFAULT_HOLD_TTL);
        assert_eq!(parse_hold_ttl(Some("20")), Duration::from_secs(20));
        assert_eq!(parse_hold_ttl(Some("0")), DEFAULT_HOLD_TTL);
        assert_eq!(parse_hold_ttl(Some("x")), DEFAULT_HOLD_TTL);
    }
}
