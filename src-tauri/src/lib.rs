//! The CUP Toscana app: a thin Tauri shell. Commands are adapters over the domain and the
//! backend client; the UI (ui/) reaches them only through `ui/src/backend/`.

mod commands;
mod config;
mod error;

pub use config::AppConfig;
pub use error::AppError;

use tauri::Runtime;

/// Entry point of the desktop binary and of the Android/iOS libraries.
#[cfg_attr(mobile, tauri::mobile_entry_point)]
pub fn run() {
    init_tracing();
    let config = AppConfig::from_env();
    if let Err(error) = run_app(
        tauri::Builder::default(),
        tauri::generate_context!(),
        config,
    ) {
        tracing::error!(%error, "the app stopped with an error");
        std::process::exit(1);
    }
}

/// Builds and runs the app on any runtime, so a test can pass `tauri::test::mock_builder()`.
pub fn run_app<R: Runtime>(
    builder: tauri::Builder<R>,
    context: tauri::Context<R>,
    config: AppConfig,
) -> tauri::Result<()> {
    builder
        .plugin(tauri_plugin_notification::init())
        .manage(config)
        .invoke_handler(tauri::generate_handler![commands::app_info::app_info])
        .run(context)
}

fn init_tracing() {
    let filter = tracing_subscriber::EnvFilter::try_from_env("CUP_LOG")
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info"));
    // A second initialisation (tests) is harmless: keep the first subscriber.
    let _ = tracing_subscriber::fmt().with_env_filter(filter).try_init();
}
