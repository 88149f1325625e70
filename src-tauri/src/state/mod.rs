//! The app's managed state: a few structs, each with one owner and one purpose.

pub mod backend;
pub mod card_vault;
pub mod device_store;
pub mod documents;
pub mod keyring_slot;
pub mod language;
pub mod reminders;
pub mod session;
pub mod store_key;

pub use backend::BackendHandle;
pub use card_vault::CardVault;
pub use device_store::DeviceStore;
pub use documents::DocumentsState;
pub use language::UiLanguage;
pub use reminders::Reminders;
pub use session::SessionState;

/// What this device keeps, behind the one switch ([`crate::AppConfig::device_store`]): the
/// bookings store in `data_dir`, encrypted with a key held in the OS keyring, and the
/// remembered card in the OS keyring, or nothing at all (kiosk; or, for the store, no data
/// directory or no usable keyring).
pub fn kept_on_device(
    enabled: bool,
    data_dir: Option<&std::path::Path>,
) -> (DeviceStore, CardVault) {
    if !enabled {
        return (DeviceStore::disabled(), CardVault::off());
    }
    let store = match data_dir {
        Some(dir) => {
            close_if_open(dir);
            DeviceStore::new(dir, store_key::StoreKey::os())
        }
        None => DeviceStore::keeping_nothing(device_store::NotKept::NoDataDir),
    };
    (store, CardVault::os())
}

/// The booking documents' folder and the reminders in `data_dir`, or neither (`None`: the
/// device keeps nothing — kiosk, device store off — or there is no data directory).
pub fn documents_and_reminders(
    data_dir: Option<&std::path::Path>,
    language: &UiLanguage,
) -> (DocumentsState, Reminders) {
    match data_dir {
        Some(dir) => (
            DocumentsState::new(dir, language.clone()),
            Reminders::new(dir, language.clone()),
        ),
        None => (
            DocumentsState::disabled(language.clone()),
            Reminders::off(language.clone()),
        ),
    }
}

/// The app's data directory made private (0700 on Unix) when it is there already with more
/// (an older version, or another program, may have made it 0755): everything the device
/// keeps lives under it. Nothing is created here.
fn close_if_open(data_dir: &std::path::Path) {
    if data_dir.is_dir()
        && let Err(error) = crate::private_files::create_dir(data_dir)
    {
        tracing::warn!(kind = ?error.kind(), "the data directory could not be made private");
    }
}

#[cfg(all(test, unix))]
mod tests {
    use std::os::unix::fs::PermissionsExt;

    use super::*;
    use crate::private_files::mode_of;

    #[test]
    fn an_open_data_directory_is_made_private_and_a_missing_one_is_not_made() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
        let _kept = kept_on_device(true, Some(dir.path()));
        assert_eq!(mode_of(dir.path()), 0o700);
        let missing = dir.path().join("missing");
        let _kept = kept_on_device(true, Some(&missing));
        assert!(!missing.exists());
        // Switched off (kiosk): not touched.
        std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
        let _kept = kept_on_device(false, Some(dir.path()));
        assert_eq!(mode_of(dir.path()), 0o755);
    }
}
