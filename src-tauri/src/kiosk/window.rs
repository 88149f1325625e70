//! The one window of a run: the citizen's `main` window (from tauri.conf.json, where it is
//! marked `create: false` so that the app decides), or the locked `kiosk` window.

use tauri::webview::NewWindowResponse;
use tauri::{Manager, Runtime, WebviewUrl, WebviewWindowBuilder};

use crate::external_links::{self, SystemBrowser};
use crate::kiosk::{WINDOW_LABEL, navigation};

/// The label of the ordinary window (tauri.conf.json, capabilities/main.json).
pub const MAIN_LABEL: &str = "main";

/// Opens the run's window: the kiosk's, or `main` as tauri.conf.json describes it (a
/// configuration without one, as in the mock runtime's tests, opens none).
pub fn open<R: Runtime, M: Manager<R>>(manager: &M, kiosk: bool) -> tauri::Result<()> {
    if kiosk {
        open_kiosk(manager)?;
        return Ok(());
    }
    let main = manager
        .config()
        .app
        .windows
        .iter()
        .find(|w| w.label == MAIN_LABEL)
        .cloned();
    if let Some(main) = main {
        // The app's pages only; links to the Region's sites open in the system browser.
        WebviewWindowBuilder::from_config(manager, &main)?
            .on_navigation(|url| external_links::allow_navigation(&SystemBrowser, url))
            .on_new_window(|url, _features| external_links::new_window(&SystemBrowser, &url))
            .build()?;
    }
    Ok(())
}

/// Full screen, no decorations, not resizable, no devtools; navigation only within the app,
/// and no new window ever (`window.open`, `target=_blank`). The window is also sized to its
/// monitor: a kiosk's X session may have no window manager to honour "full screen".
pub fn open_kiosk<R: Runtime, M: Manager<R>>(
    manager: &M,
) -> tauri::Result<tauri::WebviewWindow<R>> {
    let window = kiosk_builder(manager).build()?;
    let monitor = window
        .current_monitor()
        .ok()
        .flatten()
        .or_else(|| window.primary_monitor().ok().flatten());
    if let Some(monitor) = monitor {
        let placed = window
            .set_position(*monitor.position())
            .and_then(|()| window.set_size(*monitor.size()));
        if let Err(error) = placed {
            tracing::warn!(%error, "kiosk: the window could not be sized to its monitor");
        }
    }
    Ok(window)
}

fn kiosk_builder<R: Runtime, M: Manager<R>>(manager: &M) -> WebviewWindowBuilder<'_, R, M> {
    WebviewWindowBuilder::new(manager, WINDOW_LABEL, WebviewUrl::default())
        .title("CUP Toscana")
        .fullscreen(true)
        .decorations(false)
        .resizable(false)
        .maximizable(false)
        .minimizable(false)
        .closable(false)
        .skip_taskbar(true)
        .devtools(false)
        .on_navigation(navigation::allow_navigation)
        .on_new_window(|url, _features| {
            tracing::warn!(scheme = url.scheme(), "kiosk: a new window was refused");
            NewWindowResponse::Deny
        })
}
