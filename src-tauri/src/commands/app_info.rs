//! `app_info`: what the UI needs to know about this build and its backend.

use serde::Serialize;

use crate::{AppConfig, AppError};

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct AppInfo {
    pub version: String,
    /// Running on the embedded, synthetic demo region (show the "demo" badge).
    pub demo: bool,
    /// The configured remote backend; `null` in the demo run.
    pub backend_url: Option<String>,
}

/// The plain function behind the command, testable without Tauri.
pub fn app_info_for(config: &AppConfig) -> AppInfo {
    AppInfo {
        version: env!("CARGO_PKG_VERSION").to_owned(),
        demo: config.is_demo(),
        backend_url: config.backend_url.clone(),
    }
}

#[tauri::command]
pub fn app_info(config: tauri::State<'_, AppConfig>) -> Result<AppInfo, AppError> {
    Ok(app_info_for(&config))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reports_demo_without_backend() {
        let info = app_info_for(&AppConfig::default());
        assert!(info.demo);
        assert_eq!(info.version, env!("CARGO_PKG_VERSION"));
        let json = serde_json::to_value(&info).unwrap();
        assert_eq!(json["backendUrl"], serde_json::Value::Null);
    }
}
