//! "Remember me": the citizen's codice fiscale and card number kept in the OS keyring (the
//! Secret Service on Linux), never in a plain file. One entry, service `cup-toscana`.
//!
//! keyring 4 picks its store once per process: [`CardVault::available`] asks it once and the
//! answer stands. Keyring calls block (D-Bus, maybe an unlock prompt), so they run on the
//! blocking pool, bounded in time. Errors are reported by kind only: they never carry the
//! secret.

use serde::{Deserialize, Serialize};

/// The keyring service of the app's entry.
pub const SERVICE: &str = "cup-toscana";
/// The entry's user name: one remembered card per OS user.
pub const USER: &str = "remembered-card";
/// How long a keyring call may take before the app goes on without it.
pub const KEYRING_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(10);

/// The remembered identity (camelCase for the UI).
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct CardCredentials {
    pub codice_fiscale: String,
    /// The 20-digit number of the tessera sanitaria.
    pub tessera: String,
}

impl std::fmt::Debug for CardCredentials {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("CardCredentials(<redacted>)")
    }
}

/// Why the keyring did not do what was asked: a kind, never the secret.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum VaultError {
    #[error("no usable keyring on this system")]
    NoKeyring,
    #[error("the keyring refused access (locked?)")]
    NoAccess,
    #[error("the keyring failed")]
    Failed,
    #[error("the keyring did not answer in time")]
    TimedOut,
}

impl From<keyring::Error> for VaultError {
    fn from(error: keyring::Error) -> Self {
        match error {
            keyring::Error::NoDefaultStore => VaultError::NoKeyring,
            keyring::Error::NoStorageAccess(_) => VaultError::NoAccess,
            _ => VaultError::Failed,
        }
    }
}

#[derive(Debug, Clone)]
enum Backend {
    /// Switched off (kiosk): remembers nothing, reports no keyring.
    Off,
    /// The OS keyring, under this service and user.
    Os { service: String, user: String },
    /// In memory, for tests of the commands' logic without a Secret Service.
    #[cfg(test)]
    Memory(std::sync::Arc<std::sync::Mutex<Option<String>>>),
}

/// Where the remembered card lives (managed by Tauri).
#[derive(Debug, Clone)]
pub struct CardVault {
    backend: Backend,
}

impl CardVault {
    /// The OS keyring's `cup-toscana` entry.
    pub fn os() -> Self {
        Self::os_entry(SERVICE, USER)
    }

    /// Another entry of the OS keyring (tests use their own, so they never meet the app's).
    pub fn os_entry(service: &str, user: &str) -> Self {
        Self {
            backend: Backend::Os {
                service: service.to_owned(),
                user: user.to_owned(),
            },
        }
    }

    /// A vault that remembers nothing.
    pub fn off() -> Self {
        Self {
            backend: Backend::Off,
        }
    }

    #[cfg(test)]
    pub fn memory() -> Self {
        Self {
            backend: Backend::Memory(Default::default()),
        }
    }

    /// Whether a card can be remembered here: a usable keyring exists and the vault is on.
    pub async fn available(&self) -> bool {
        match &self.backend {
            Backend::Off => false,
            Backend::Os { .. } => blocking(|| keyring::Entry::store_status().is_ok())
                .await
                .unwrap_or(false),
            #[cfg(test)]
            Backend::Memory(_) => true,
        }
    }

    /// Keeps the card, replacing any remembered one.
    pub async fn remember(&self, card: &CardCredentials) -> Result<(), VaultError> {
        let secret = serde_json::to_string(card).map_err(|_| VaultError::Failed)?;
        match &self.backend {
            Backend::Off => Ok(()),
            Backend::Os { service, user } => {
                let (service, user) = (service.clone(), user.clone());
                blocking(move || -> Result<(), VaultError> {
                    keyring::Entry::new(&service, &user)?.set_password(&secret)?;
                    Ok(())
                })
                .await?
            }
            #[cfg(test)]
            Backend::Memory(cell) => {
                *cell.lock().map_err(|_| VaultError::Failed)? = Some(secret);
                Ok(())
            }
        }
    }

    /// The remembered card, if any (an entry that is not a valid card counts as none).
    pub async fn recall(&self) -> Result<Option<CardCredentials>, VaultError> {
        let secret = match &self.backend {
            Backend::Off => None,
            Backend::Os { service, user } => {
                let (service, user) = (service.clone(), user.clone());
                blocking(move || -> Result<Option<String>, VaultError> {
                    match keyring::Entry::new(&service, &user)?.get_password() {
                        Ok(secret) => Ok(Some(secret)),
                        Err(keyring::Error::NoEntry) => Ok(None),
                        Err(error) => Err(error.into()),
                    }
                })
                .await??
            }
            #[cfg(test)]
            Backend::Memory(cell) => cell.lock().map_err(|_| VaultError::Failed)?.clone(),
        };
        Ok(secret.and_then(|secret| serde_json::from_str(&secret).ok()))
    }

    /// Forgets the remembered card; nothing remembered is not an error.
    pub async fn forget(&self) -> Result<(), VaultError> {
        match &self.backend {
            Backend::Off => Ok(()),
            Backend::Os { service, user } => {
                let (service, user) = (service.clone(), user.clone());
                blocking(move || -> Result<(), VaultError> {
                    match keyring::Entry::new(&service, &user)?.delete_credential() {
                        Ok(()) | Err(keyring::Error::NoEntry) => Ok(()),
                        Err(error) => Err(error.into()),
                    }
                })
                .await?
            }
            #[cfg(test)]
            Backend::Memory(cell) => {
                *cell.lock().map_err(|_| VaultError::Failed)? = None;
                Ok(())
            }
        }
    }
}

/// Runs a keyring call on the blocking pool, waiting at most [`KEYRING_TIMEOUT`] (a locked
/// keyring may show an unlock prompt; a headless one may never answer). The device store's
/// key holder ([`crate::state::store_key`]) uses it too.
pub(crate) async fn blocking<T: Send + 'static>(
    call: impl FnOnce() -> T + Send + 'static,
) -> Result<T, VaultError> {
    match tokio::time::timeout(KEYRING_TIMEOUT, tokio::task::spawn_blocking(call)).await {
        Ok(Ok(value)) => Ok(value),
        Ok(Err(_)) => Err(VaultError::Failed),
        Err(_) => Err(VaultError::TimedOut),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn card() -> CardCredentials {
        CardCredentials {
            codice_fiscale: "BNCGLI85D52D612X".into(),
            tessera: "80380000001234560016".into(),
        }
    }

    #[tokio::test]
    async fn off_remembers_nothing_and_memory_round_trips() {
        let off = CardVault::off();
        assert!(!off.available().await);
        off.remember(&card()).await.unwrap();
        assert_eq!(off.recall().await.unwrap(), None);

        let memory = CardVault::memory();
        assert!(memory.available().await);
        memory.remember(&card()).await.unwrap();
        assert_eq!(memory.recall().await.unwrap(), Some(card()));
        memory.forget().await.unwrap();
        assert_eq!(memory.recall().await.unwrap(), None);
        memory.forget().await.unwrap();
    }

    #[test]
    fn debug_shows_no_identifier() {
        assert!(!format!("{:?}", card()).contains("BNCGLI"));
    }
}
