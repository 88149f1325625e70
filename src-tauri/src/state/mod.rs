//! The app's managed state: a few structs, each with one owner and one purpose.

pub mod backend;
pub mod card_vault;
pub mod device_store;
pub mod documents;
pub mod language;
pub mod reminders;
pub mod session;

pub use backend::BackendHandle;
pub use card_vault::CardVault;
pub use device_store::DeviceStore;
pub use documents::DocumentsState;
pub use language::UiLanguage;
pub use reminders::Reminders;
pub use session::SessionState;

/// What this device keeps, behind the one switch ([`crate::AppConfig::device_store`]): the
/// bookings store in `data_dir` and the remembered card in the OS keyring, or nothing at all
/// (kiosk; or no data directory, for the store).
pub fn kept_on_device(
    enabled: bool,
    data_dir: Option<&std::path::Path>,
) -> (DeviceStore, CardVault) {
    if !enabled {
        return (DeviceStore::disabled(), CardVault::off());
    }
    let store = match data_dir {
        Some(dir) => DeviceStore::new(dir, true),
        None => DeviceStore::disabled(),
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
