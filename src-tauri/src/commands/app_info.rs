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
    /// A kiosk in a waiting room: large touch targets, "Ho finito", the idle reset.
    pub kiosk: bool,
    /// Kiosk: seconds without input before "Sei ancora lì?" (0 outside kiosk mode).
    pub idle_timeout_secs: u32,
    /// Kiosk: seconds of the "Sei ancora lì?" countdown before the reset (0 outside).
    pub countdown_secs: u32,
    /// Kiosk: a printer is configured (offer "Stampa il promemoria").
    pub kiosk_printer: bool,
}

/// The plain function behind the command, testable without Tauri.
pub fn app_info_for(config: &AppConfig) -> AppInfo {
    let kiosk = config.kiosk_config.as_ref().filter(|_| config.kiosk);
    AppInfo {
        version: env!("CARGO_PKG_VERSION").to_owned(),
        demo: config.is_demo(),
        backend_url: config.backend_url.clone(),
        kiosk: config.kiosk,
        idle_timeout_secs: kiosk.map_or(0, |k| k.idle_timeout_secs),
        countdown_secs: kiosk.map_or(0, |k| k.countdown_secs),
        kiosk_printer: kiosk.is_some_and(|k| k.printer.is_some()),
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
        assert_eq!(json["kiosk"], false);
        assert_eq!(json["idleTimeoutSecs"], 0);
    }

    #[test]
    fn reports_the_kiosk_and_its_timeouts() {
        let config = AppConfig::default().into_kiosk(crate::kiosk::KioskConfig {
            idle_timeout_secs: 5,
            countdown_secs: 3,
            printer: Some("cupfile".into()),
            ..Default::default()
        });
        let json = serde_json::to_value(app_info_for(&config)).unwrap();
        assert_eq!(json["kiosk"], true);
        assert_eq!(json["idleTimeoutSecs"], 5);
        assert_eq!(json["countdownSecs"], 3);
        assert_eq!(json["kioskPrinter"], true);
        assert_eq!(json["demo"], true);
    }
}
