//! One entry of the OS keyring (the Secret Service on Linux), as the remembered card
//! ([`super::card_vault`]) and the device store's key ([`super::store_key`]) each keep theirs.
//!
//! Three holders: off (no usable keyring, or a kiosk: nothing kept), the OS keyring under a
//! service and user, and in memory for tests of the callers' logic without a Secret Service.
//! keyring 4 picks its store once per process: [`KeyringSlot::available`] asks it once and the
//! answer stands. Keyring calls block (D-Bus, maybe an unlock prompt), so they run on the
//! blocking pool, bounded in time. Errors are reported by kind only: never the secret.

use std::fmt;

/// How long a keyring call may take before the app goes on without it.
pub const KEYRING_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(10);

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

#[derive(Clone)]
enum Holder {
    Off,
    Os {
        service: String,
        user: String,
    },
    /// Shared by clones: a caller opened again finds what it kept.
    #[cfg(test)]
    Memory(std::sync::Arc<std::sync::Mutex<Option<String>>>),
}

/// One keyring entry, or none.
#[derive(Clone)]
pub struct KeyringSlot {
    holder: Holder,
}

impl fmt::Debug for KeyringSlot {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let holder = match &self.holder {
            Holder::Off => "off",
            Holder::Os { .. } => "os keyring",
            #[cfg(test)]
            Holder::Memory(_) => "memory",
        };
        write!(f, "KeyringSlot({holder})")
    }
}

impl KeyringSlot {
    /// No keyring: keeps nothing.
    pub fn off() -> Self {
        Self {
            holder: Holder::Off,
        }
    }

    /// The OS keyring's entry of `service` and `user`.
    pub fn os(service: &str, user: &str) -> Self {
        Self {
            holder: Holder::Os {
                service: service.to_owned(),
                user: user.to_owned(),
            },
        }
    }

    #[cfg(test)]
    pub fn memory() -> Self {
        Self {
            holder: Holder::Memory(Default::default()),
        }
    }

    pub fn is_off(&self) -> bool {
        matches!(self.holder, Holder::Off)
    }

    /// Whether something can be kept: a usable keyring exists and the slot is on.
    pub async fn available(&self) -> bool {
        match &self.holder {
            Holder::Off => false,
            Holder::Os { .. } => blocking(|| keyring::Entry::store_status().is_ok())
                .await
                .unwrap_or(false),
            #[cfg(test)]
            Holder::Memory(_) => true,
        }
    }

    /// The kept secret, if any (off: none).
    pub async fn get(&self) -> Result<Option<String>, VaultError> {
        match &self.holder {
            Holder::Off => Ok(None),
            Holder::Os { service, user } => {
                let (service, user) = (service.clone(), user.clone());
                blocking(move || -> Result<Option<String>, VaultError> {
                    match keyring::Entry::new(&service, &user)?.get_password() {
                        Ok(secret) => Ok(Some(secret)),
                        Err(keyring::Error::NoEntry) => Ok(None),
                        Err(error) => Err(error.into()),
                    }
                })
                .await?
            }
            #[cfg(test)]
            Holder::Memory(cell) => Ok(cell.lock().map_err(|_| VaultError::Failed)?.clone()),
        }
    }

    /// Keeps `secret`, replacing what was kept (off: [`VaultError::NoKeyring`]).
    pub async fn set(&self, secret: String) -> Result<(), VaultError> {
        match &self.holder {
            Holder::Off => Err(VaultError::NoKeyring),
            Holder::Os { service, user } => {
                let (service, user) = (service.clone(), user.clone());
                blocking(move || -> Result<(), VaultError> {
                    keyring::Entry::new(&service, &user)?.set_password(&secret)?;
                    Ok(())
                })
                .await?
            }
            #[cfg(test)]
            Holder::Memory(cell) => {
                *cell.lock().map_err(|_| VaultError::Failed)? = Some(secret);
                Ok(())
            }
        }
    }

    /// Removes the entry; nothing kept is not an error.
    pub async fn delete(&self) -> Result<(), VaultError> {
        match &self.holder {
            Holder::Off => Ok(()),
            Holder::Os { service, user } => {
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
            Holder::Memory(cell) => {
                *cell.lock().map_err(|_| VaultError::Failed)? = None;
                Ok(())
            }
        }
    }
}

/// Runs a keyring call on the blocking pool, waiting at most [`KEYRING_TIMEOUT`] (a locked
/// keyring may show an unlock prompt; a headless one may never answer).
async fn blocking<T: Send + 'static>(
    call: impl FnOnce() -> T + Send + 'static,
) -> Result<T, VaultError> {
    match tokio::time::timeout(KEYRING_TIMEOUT, tokio::task::spawn_blocking(call)).await {
        Ok(Ok(value)) => Ok(value),
        Ok(Err(_)) => Err(VaultError::Failed),
        Err(_) => Err(VaultError::TimedOut),
    }
}
