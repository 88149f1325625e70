//! The app's managed state: a few structs, each with one owner and one purpose.

pub mod backend;
pub mod session;

pub use backend::BackendHandle;
pub use session::SessionState;
