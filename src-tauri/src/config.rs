//! The app's configuration: where the regional backend is.

/// Environment variable naming a remote regional backend. Unset: the embedded demo backend.
pub const BACKEND_URL_ENV: &str = "CUP_BACKEND_URL";

/// Read once at start and managed by Tauri; never mutated afterwards.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AppConfig {
    /// A configured remote backend, or `None` for the embedded demo region.
    pub backend_url: Option<String>,
}

impl AppConfig {
    pub fn from_env() -> Self {
        Self::from_backend_url(std::env::var(BACKEND_URL_ENV).ok())
    }

    pub fn from_backend_url(value: Option<String>) -> Self {
        let backend_url = value
            .map(|url| url.trim().to_owned())
            .filter(|url| !url.is_empty());
        Self { backend_url }
    }

    /// True when the app runs on the embedded, synthetic demo region.
    pub fn is_demo(&self) -> bool {
        self.backend_url.is_none()
    }
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
}
