//! The CUP Toscana app: a thin Tauri shell. Commands are adapters over the domain and the
//! backend client; the UI (ui/) reaches them only through `ui/src/backend/`.
//!
//! State (managed by Tauri, one owner each): [`AppConfig`] (read once at start),
//! [`state::BackendHandle`] (the client, and the embedded server of the default run),
//! [`state::SessionState`] (the bearer token: it never leaves Rust), [`state::DeviceStore`]
//! (the bookings kept on this device), [`state::CardVault`] (the remembered card, in the OS
//! keyring), [`state::DocumentsState`] (the booking documents' files), [`state::Reminders`]
//! (the appointment reminders and their scheduler task), [`state::UiLanguage`] and the demo
//! showcase.

#[cfg(test)]
mod command_names;
mod commands;
mod config;
mod documents;
mod embedded;
mod error;
mod external_links;
mod kiosk;
mod private_files;
mod reminders;
mod retry;
mod state;
#[cfg(test)]
mod tests;
#[cfg(test)]
mod typescript;

pub use config::{AppConfig, BackendUrlError};
pub use error::AppError;

use cup_client::CupClient;
use tauri::{Manager, Runtime};

use crate::commands::demo_citizens::DemoShowcase;
use crate::state::{BackendHandle, SessionState};

/// How long the app waits at exit for the embedded backend to finish and close its database.
const STOP_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(3);

/// Entry point of the desktop binary and of the Android/iOS libraries.
#[cfg_attr(mobile, tauri::mobile_entry_point)]
pub fn run() {
    init_tracing();
    // CUP_TODAY (cup-clock) moves the app and its embedded backend to another day; a value
    // that is not a date must not silently run on today.
    match cup_clock::SystemClock::from_env() {
        Ok(clock) => {
            if let Some(day) = clock.moved_to() {
                tracing::info!(%day, "running as if today were {day} ({})", cup_clock::TODAY_VAR);
            }
        }
        Err(error) => {
            eprintln!("cup-toscana: {error}");
            std::process::exit(2);
        }
    }
    // A backend the app must not use (plain http:// to another computer) stops it here,
    // rather than sending the citizens' data in clear.
    let mut config = match AppConfig::from_env() {
        Ok(config) => config,
        Err(error) => {
            eprintln!("cup-toscana: {error}");
            std::process::exit(2);
        }
    };
    // A kiosk whose configuration is wrong must not start as an ordinary, escapable window.
    match kiosk::config::from_args_and_env(
        std::env::args_os().skip(1),
        std::env::var_os(kiosk::config::KIOSK_CONFIG_ENV),
    ) {
        Ok(Some(settings)) => {
            tracing::info!(kiosk_id = %settings.kiosk_id, "starting in kiosk mode");
            config = config.into_kiosk(settings);
        }
        Ok(None) => {}
        Err(error) => {
            eprintln!("cup-toscana: {error}");
            std::process::exit(2);
        }
    }
    if let Err(error) = run_app(
        tauri::Builder::default(),
        tauri::generate_context!(),
        config,
    ) {
        tracing::error!(%error, "the app stopped with an error");
        std::process::exit(1);
    }
}

/// Builds and runs the app on any runtime.
pub fn run_app<R: Runtime>(
    builder: tauri::Builder<R>,
    context: tauri::Context<R>,
    config: AppConfig,
) -> tauri::Result<()> {
    let app = build_app(builder, context, config)?;
    app.run(|handle, event| {
        if let tauri::RunEvent::Exit = event {
            if let Some(reminders) = handle.try_state::<state::Reminders>() {
                reminders.stop();
            }
            // Let in-flight requests finish and close the demo database cleanly.
            let backend = handle.state::<BackendHandle>();
            let stopped = tauri::async_runtime::block_on(async {
                tokio::time::timeout(STOP_TIMEOUT, backend.stop()).await
            });
            if stopped.is_err() {
                tracing::warn!("the embedded backend did not stop in time");
            }
        }
    });
    Ok(())
}

/// Builds the app (state, commands, the backend's start) without running it, so a test can
/// pass `tauri::test::mock_builder()`.
pub fn build_app<R: Runtime>(
    builder: tauri::Builder<R>,
    context: tauri::Context<R>,
    config: AppConfig,
) -> tauri::Result<tauri::App<R>> {
    let channel = config.channel();
    let backend = match &config.backend_url {
        Some(url) => match CupClient::new(url, channel) {
            Ok(client) => BackendHandle::ready(client, None),
            Err(error) => {
                tracing::error!(
                    code = error.code(),
                    "the configured backend URL is not usable"
                );
                BackendHandle::failed(error.into())
            }
        },
        None => BackendHandle::starting(),
    };
    let demo = config.is_demo();
    let hold_ttl = config.hold_ttl;
    let keep_on_device = config.device_store;
    let kiosk_mode = config.kiosk;
    let kiosk_state = kiosk::KioskState::new(config.kiosk_config.clone());
    builder
        .plugin(tauri_plugin_notification::init())
        .manage(config)
        .manage(backend)
        .manage(SessionState::new())
        .manage(DemoShowcase::default())
        .manage(kiosk_state)
        .setup(move |app| {
            let (store, vault) = kept_on_device(app.handle(), keep_on_device);
            app.manage(store);
            app.manage(vault);
            // The store's key from the keyring, and a plain store of an older version
            // migrated (encrypted, its plain files removed), in the background.
            let handle = app.handle().clone();
            tauri::async_runtime::spawn(async move {
                handle.state::<state::DeviceStore>().open().await;
            });
            let (language, documents, reminders) =
                documents_and_reminders(app.handle(), keep_on_device && !kiosk_mode);
            app.manage(language);
            app.manage(documents);
            app.manage(reminders);
            if demo {
                start_embedded(app.handle().clone(), hold_ttl, channel)?;
            }
            kiosk::window::open(app.handle(), kiosk_mode)?;
            Ok(())
        })
        .on_window_event(|window, event| {
            // A kiosk is not closed by its citizens (the operator stops the service).
            if let tauri::WindowEvent::CloseRequested { api, .. } = event
                && window.label() == kiosk::WINDOW_LABEL
            {
                api.prevent_close();
            }
        })
        .invoke_handler(tauri::generate_handler![
            commands::app_info::app_info,
            commands::demo_citizens::demo_citizens,
            commands::validate_access::validate_access,
            commands::session::login_prescription,
            commands::session::logout,
            commands::patient::patient,
            commands::prescription::prescription,
            commands::availability::availability,
            commands::availability::calendar,
            commands::availability::combined_availability,
            commands::hold::hold,
            commands::hold::extend_hold,
            commands::hold::release_hold,
            commands::book::book,
            commands::session::login_card,
            commands::card::remembered_card,
            commands::card::forget_card,
            commands::bookings::my_bookings,
            commands::bookings::lookup_bookings,
            commands::bookings::saved_bookings,
            commands::bookings::booking_documents,
            commands::manage::cancel_booking,
            commands::manage::reschedule_booking,
            commands::documents::booking_files,
            commands::documents::open_booking_file,
            commands::reminders::reminder_settings,
            commands::reminders::set_reminder_lead_times,
            commands::reminders::missed_reminders,
            commands::reminders::test_notification,
            commands::language::set_language,
            kiosk::commands::kiosk_reset,
            kiosk::commands::kiosk_print_promemoria,
            kiosk::commands::kiosk_qr,
        ])
        .build(context)
}

/// The bookings store (in the app's data directory) and the remembered card's vault, or
/// nothing when switched off.
fn kept_on_device<R: Runtime>(
    app: &tauri::AppHandle<R>,
    enabled: bool,
) -> (state::DeviceStore, state::CardVault) {
    let data_dir = if enabled {
        app.path()
            .app_data_dir()
            .inspect_err(|error| {
                tracing::warn!(%error, "no data directory: no bookings are kept on this device");
            })
            .ok()
    } else {
        None
    };
    state::kept_on_device(enabled, data_dir.as_deref())
}

/// The UI's language, the booking documents' folder and the reminders, whose scheduler starts
/// here (after taking the reminders missed while the app was closed); nothing kept and no
/// scheduler when the device keeps nothing (the device store off) or on a kiosk.
fn documents_and_reminders<R: Runtime>(
    app: &tauri::AppHandle<R>,
    enabled: bool,
) -> (state::UiLanguage, state::DocumentsState, state::Reminders) {
    let language = state::UiLanguage::default();
    let data_dir = if enabled {
        app.path()
            .app_data_dir()
            .inspect_err(|error| {
                tracing::warn!(%error, "no data directory: no documents or reminders are kept");
            })
            .ok()
    } else {
        None
    };
    let (documents, reminders) = state::documents_and_reminders(data_dir.as_deref(), &language);
    reminders.start(
        std::sync::Arc::new(state::reminders::TauriNotifier(app.clone())),
        std::sync::Arc::new(crate::reminders::SystemClock),
    );
    (language, documents, reminders)
}

/// Starts the embedded backend on Tauri's async runtime; commands wait for it (bounded). The
/// app's client names `channel` (a kiosk in demo is still a kiosk).
fn start_embedded<R: Runtime>(
    app: tauri::AppHandle<R>,
    hold_ttl: std::time::Duration,
    channel: cup_api::Channel,
) -> tauri::Result<()> {
    let data_dir = app.path().app_data_dir()?;
    tauri::async_runtime::spawn(async move {
        let backend = app.state::<BackendHandle>();
        let started = embedded::start(&data_dir, hold_ttl)
            .await
            .and_then(|(client, running)| {
                if client.channel() == channel {
                    Ok((client, running))
                } else {
                    Ok((CupClient::new(&running.url(), channel)?, running))
                }
            });
        match started {
            Ok((client, running)) => backend.set_ready(client, Some(running)).await,
            Err(error) => {
                tracing::error!(code = error.code(), %error, "the embedded backend did not start");
                backend.set_failed(AppError::Unreachable);
            }
        }
    });
    Ok(())
}

fn init_tracing() {
    let filter = tracing_subscriber::EnvFilter::try_from_env("CUP_LOG")
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info"));
    // A second initialisation (tests) is harmless: keep the first subscriber.
    let _ = tracing_subscriber::fmt().with_env_filter(filter).try_init();
}
