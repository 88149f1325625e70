//! The app's configuration: where the regional backend is, the embedded backend's hold
//! time (short in end-to-end tests), and whether this device keeps anything.
//!
//! A remote backend is reached over `https://` only: the citizens' codice fiscale, card
//! number and prescriptions, and the session's bearer token, cross that connection. Plain
//! `http://` is accepted for this computer alone (`localhost`, 127.0.0.0/8, `::1`: a
//! `cup-server` run beside the app, as in development and the end-to-end tests); any other
//! URL stops the app at start with a clear message ([`check_backend_url`]).

use std::net::IpAddr;
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

/// Why a backend URL is refused (the URL itself is not secret: it is said).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{BACKEND_URL_ENV}={url:?} is refused: {reason}")]
pub struct BackendUrlError {
    pub url: String,
    pub reason: String,
}

impl AppConfig {
    /// # Errors
    /// [`BackendUrlError`] when `CUP_BACKEND_URL` names a backend the app must not use: the
    /// app must then not start.
    pub fn from_env() -> Result<Self, BackendUrlError> {
        Ok(Self {
            hold_ttl: parse_hold_ttl(std::env::var(HOLD_TTL_ENV).ok().as_deref()),
            ..Self::from_backend_url(std::env::var(BACKEND_URL_ENV).ok())?
        })
    }

    /// A remote backend at `value` (blank or unset: the embedded demo region).
    ///
    /// # Errors
    /// [`BackendUrlError`] unless an `https://` URL, or an `http://` one on this computer
    /// ([`check_backend_url`]).
    pub fn from_backend_url(value: Option<String>) -> Result<Self, BackendUrlError> {
        let backend_url = value
            .map(|url| url.trim().to_owned())
            .filter(|url| !url.is_empty());
        if let Some(url) = &backend_url {
            check_backend_url(url).map_err(|reason| BackendUrlError {
                url: url.clone(),
                reason,
            })?;
        }
        Ok(Self {
            backend_url,
            ..Self::default()
        })
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

/// Whether `url` may name the regional backend: `https://` with a host, or `http://` on a
/// loopback host (`localhost`, 127.0.0.0/8, `::1`); never a user name or password in it.
///
/// # Errors
/// Why not, in words for the operator.
pub fn check_backend_url(url: &str) -> Result<(), String> {
    let parsed = tauri::Url::parse(url).map_err(|e| format!("not a URL ({e})"))?;
    if !parsed.username().is_empty() || parsed.password().is_some() {
        return Err("a URL without user name or password".into());
    }
    if parsed.host_str().is_none_or(str::is_empty) {
        return Err("a URL with a host".into());
    }
    match parsed.scheme() {
        "https" => Ok(()),
        "http" if is_loopback(&parsed) => Ok(()),
        "http" => Err(
            "a remote backend must be reached over https:// (plain http:// only on this \
             computer: localhost, 127.0.0.0/8, ::1)"
                .into(),
        ),
        _ => Err("an https:// URL".into()),
    }
}

/// `localhost`, 127.0.0.0/8 or `::1` (also as an IPv4-mapped address).
fn is_loopback(url: &tauri::Url) -> bool {
    let Some(host) = url.host_str() else {
        return false;
    };
    if host.eq_ignore_ascii_case("localhost") {
        return true;
    }
    match host.trim_start_matches('[').trim_end_matches(']').parse() {
        Ok(IpAddr::V4(ip)) => ip.is_loopback(),
        Ok(IpAddr::V6(ip)) => {
            ip.is_loopback() || ip.to_ipv4_mapped().is_some_and(|v4| v4.is_loopback())
        }
        Err(_) => false,
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

    fn from_url(url: &str) -> Result<AppConfig, BackendUrlError> {
        AppConfig::from_backend_url(Some(url.into()))
    }

    #[test]
    fn blank_backend_url_means_demo() {
        assert!(AppConfig::from_backend_url(None).unwrap().is_demo());
        assert!(
            AppConfig::from_backend_url(Some("  ".into()))
                .unwrap()
                .is_demo()
        );
        let remote = from_url(" https://cup.example/ ").unwrap();
        assert!(!remote.is_demo());
        assert_eq!(remote.backend_url.as_deref(), Some("https://cup.example/"));
    }

    #[test]
    fn a_remote_backend_is_accepted_over_https() {
        for url in [
            "https://cup.example/",
            "https://cup.example:8443/api/",
            "https://10.0.0.7/",
            "https://[2001:db8::1]/",
        ] {
            let config = from_url(url).unwrap_or_else(|e| panic!("{url}: {e}"));
            assert_eq!(config.backend_url.as_deref(), Some(url));
        }
    }

    #[test]
    fn plain_http_is_accepted_on_this_computer_only() {
        for url in [
            "http://127.0.0.1:8080",
            "http://127.1.2.3:8080/",
            "http://localhost:8080",
            "http://LOCALHOST/",
            "http://[::1]:8080/",
        ] {
            assert!(from_url(url).is_ok(), "{url}");
        }
    }

    #[test]
    fn plain_http_to_a_remote_backend_is_refused() {
        for url in [
            "http://cup.example/",
            "http://192.168.1.20:8080",
            "http://10.0.0.1/",
            "http://[2001:db8::1]/",
            // Looks local, is not: a name that merely starts with it, or a public address.
            "http://localhost.cup.example/",
            "http://128.0.0.1/",
            "http://0.0.0.0:8080/",
        ] {
            let error = from_url(url).unwrap_err();
            assert!(error.reason.contains("https://"), "{url}: {error}");
            assert!(error.to_string().contains(BACKEND_URL_ENV), "{error}");
        }
        for (url, why) in [
            ("ftp://cup.example/", "https://"),
            ("cup.example", "not a URL"),
            ("https://user:secret@cup.example/", "user name"),
            ("http://user@127.0.0.1/", "user name"),
        ] {
            let error = from_url(url).unwrap_err();
            assert!(error.reason.contains(why), "{url}: {error}");
        }
    }

    #[test]
    fn a_kiosk_keeps_nothing_and_names_its_channel() {
        let plain = from_url("https://env.example/").unwrap();
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
