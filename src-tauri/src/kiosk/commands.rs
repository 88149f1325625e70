//! The kiosk's own commands: `kiosk_reset` (the next citizen starts clean),
//! `kiosk_print_promemoria` and `kiosk_qr` (taking the booking home). Thin adapters over
//! plain functions that tests call without Tauri.

use cup_domain::Lang;

use crate::AppError;
use crate::commands::session::logout_with;
use crate::commands::validate_access::parse_cup_number;
use crate::documents::promemoria_pdf;
use crate::kiosk::{KioskState, print, qr};
use crate::state::{BackendHandle, CardVault, SessionState};

/// Codes of the kiosk's own failures.
pub mod codes {
    /// A kiosk command outside kiosk mode.
    pub const NOT_KIOSK: &str = "not_kiosk";
    /// The session's private folder could not be wiped.
    pub const WIPE_FAILED: &str = "kiosk_wipe_failed";
}

fn not_kiosk() -> AppError {
    AppError::Other {
        code: codes::NOT_KIOSK,
        message: "this is not a kiosk".into(),
    }
}

/// Forgets the citizen: the session ends here and on the server (revoked there: best effort,
/// it expires anyway when the backend cannot be reached), and the session's private folder
/// is removed with everything in it. Always all of it, whatever fails first.
///
/// # Errors
/// `kiosk_wipe_failed` when the folder could not be removed (the session is gone anyway).
pub async fn kiosk_reset_with(
    backend: &BackendHandle,
    session: &SessionState,
    vault: &CardVault,
    kiosk: &KioskState,
) -> Result<(), AppError> {
    if !kiosk.is_kiosk() {
        return Err(not_kiosk());
    }
    // Never fails: a server that cannot be reached leaves the session to expire there.
    logout_with(backend, session, vault, true).await?;
    let wiped = kiosk.folder.wipe().await;
    match wiped {
        Ok(()) => {
            tracing::info!("kiosk: reset, the session and its files are gone");
            Ok(())
        }
        Err(error) => {
            tracing::error!(kind = ?error.kind(), "kiosk: the session folder could not be wiped");
            Err(AppError::Other {
                code: codes::WIPE_FAILED,
                message: format!("the session folder could not be wiped ({:?})", error.kind()),
            })
        }
    }
}

/// Prints the promemoria of one of the session's bookings on the kiosk's printer: its data
/// from the backend, the PDF made here, handed to CUPS, nothing kept.
///
/// # Errors
/// `print_unavailable` without a printer, the CUP number's and the backend's errors, and
/// `print_failed` when CUPS does not take the job.
pub async fn kiosk_print_promemoria_with(
    backend: &BackendHandle,
    session: &SessionState,
    kiosk: &KioskState,
    cup_number: &str,
    lang: Lang,
) -> Result<(), AppError> {
    if !kiosk.is_kiosk() {
        return Err(not_kiosk());
    }
    let Some(printer) = kiosk.printer() else {
        return Err(AppError::Other {
            code: print::codes::NO_PRINTER,
            message: "this kiosk has no printer".into(),
        });
    };
    let cup = parse_cup_number(cup_number)?;
    let read = async {
        let client = backend.client().await?;
        let token = session.token().await?;
        Ok::<_, AppError>(client.documents(&token, cup.as_str()).await?)
    }
    .await;
    let view = session.check(read).await?;
    let pdf = promemoria_pdf(&view, lang, cup_clock::now())?;
    print::print_pdf(printer, &kiosk.folder, &pdf).await
}

/// The QR code of a CUP number, as SVG text.
///
/// # Errors
/// The CUP number's format errors.
pub fn kiosk_qr_for(cup_number: &str) -> Result<String, AppError> {
    let cup = parse_cup_number(cup_number)?;
    Ok(qr::svg(&cup))
}

fn lang_of(lang: Option<&str>) -> Lang {
    match lang {
        Some("en") => Lang::En,
        _ => Lang::It,
    }
}

#[tauri::command]
#[tracing::instrument(name = "kiosk_reset", skip_all)]
pub async fn kiosk_reset(
    backend: tauri::State<'_, BackendHandle>,
    session: tauri::State<'_, SessionState>,
    vault: tauri::State<'_, CardVault>,
    kiosk: tauri::State<'_, KioskState>,
) -> Result<(), AppError> {
    kiosk_reset_with(&backend, &session, &vault, &kiosk).await
}

#[tauri::command]
#[tracing::instrument(name = "kiosk_print_promemoria", skip_all)]
pub async fn kiosk_print_promemoria(
    backend: tauri::State<'_, BackendHandle>,
    session: tauri::State<'_, SessionState>,
    kiosk: tauri::State<'_, KioskState>,
    cup_number: String,
    lang: Option<String>,
) -> Result<(), AppError> {
    kiosk_print_promemoria_with(
        &backend,
        &session,
        &kiosk,
        &cup_number,
        lang_of(lang.as_deref()),
    )
    .await
}

#[tauri::command]
#[tracing::instrument(name = "kiosk_qr", skip_all)]
pub fn kiosk_qr(cup_number: String) -> Result<String, AppError> {
    kiosk_qr_for(&cup_number)
}
