//! The app's configuration: where the regional backend is, the embedded backend's hold
//! time (short in end-to-end tests), and whether this device keeps anything.

use std::time::Duration;

use cup_api::Channel;

use crate::kiosk::KioskConfig;

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
    /// A kiosk in a waiting room: it keeps nothing of the citizen (no device store, no
    /// keyring, no reminders) and forgets the session at each reset. Set only by
    /// [`AppConfig::into_kiosk`], together with [`AppConfig::kiosk_config`].
    pub kiosk: bool,
    /// The kiosk's settings when [`AppConfig::kiosk`] is on.
    pub kiosk_config: Option<KioskConfig>,
}

impl Default for AppConfig {
    fn default() -> Self {
        Self {
            backend_url: None,
            hold_ttl: DEFAULT_HOLD_TTL,
            device_store: true,
            kiosk: false,
            kiosk_config: None,
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

    /// This configuration as a kiosk's: its backend URL if it names one (else the one
    /// configured already, or the demo region), channel `kiosk`, nothing kept on the device.
    pub fn into_kiosk(self, kiosk: KioskConfig) -> Self {
        Self {
            backend_url: kiosk.backend_url.clone().or(self.backend_url),
            device_store: false,
            kiosk: true,
            kiosk_config: Some(kiosk),
            ..self
        }
    }

    /// The channel every backend call names: `kiosk` on a kiosk, `app` otherwise.
    pub fn channel(&self) -> Channel {
        if self.kiosk {
            Channel::Kiosk
        } else {
            Channel::App
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
    fn a_kiosk_keeps_nothing_and_names_its_channel() {
        let plain = AppConfig::from_backend_url(Some("https://env.example/".into()));
        assert_eq!(plain.channel(), Channel::App);
        assert!(!plain.kiosk && plain.device_store);
        let kiosk = plain.clone().into_kiosk(KioskConfig::default());
        assert!(kiosk.kiosk && !kiosk.device_store);
        assert_eq!(kiosk.channel(), Channel::Kiosk);
        assert_eq!(kiosk.backend_url.as_deref(), Some("https://env.example/"));
        let own = plain.into_kiosk(KioskConfig {
            backend_url: Some("https://kiosk.example/".into()),
            ..KioskConfig::default()
        });
        assert_eq!(own.backend_url.as_deref(), Some("https://kiosk.example/"));
        let demo = AppConfig::default().into_kiosk(KioskConfig::default());
        assert!(demo.is_demo(), "a kiosk in demo");
    }

    #[test]
    fn hold_ttl_from_env_value() {
        assert_eq!(parse_hold_ttl(None), DEFAULT_HOLD_TTL);
        assert_eq!(parse_hold_ttl(Some("20")), Duration::from_secs(20));
        assert_eq!(parse_hold_ttl(Some("0")), DEFAULT_HOLD_TTL);
        assert_eq!(parse_hold_ttl(Some("x")), DEFAULT_HOLD_TTL);
    }
}
