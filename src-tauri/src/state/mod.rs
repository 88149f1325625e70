//! The app's managed state: a few structs, each with one owner and one purpose.

pub mod backend;
pub mod card_vault;
pub mod device_store;
pub mod session;

pub use backend::BackendHandle;
pub use card_vault::CardVault;
pub use device_store::DeviceStore;
pub use session::SessionState;
