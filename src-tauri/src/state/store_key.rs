//! The device store's secrets: the 32-byte data key its patient files are encrypted with and
//! the salt of its patients' keys, held in the OS keyring (the Secret Service on Linux) and
//! never on disk. One entry of its own, service [`SERVICE`], apart from the remembered card's.
//!
//! As for the card ([`super::card_vault`]): three holders — off (no usable keyring: the store
//! keeps nothing), the OS keyring, and in memory for the tests of the store's logic without a
//! Secret Service — keyring calls on the blocking pool, bounded in time, and errors reported
//! by kind only.

use std::fmt;

use serde::{Deserialize, Serialize};

use super::card_vault::{VaultError, blocking};

/// The keyring service of the store's entry (the card has its own, `cup-toscana`).
pub const SERVICE: &str = "cup-toscana-device-store";
/// The entry's user name: one store per OS user.
pub const USER: &str = "data-key";
/// The version of the entry's contents.
const ENTRY_VERSION: u32 = 1;
/// The salt drawn for a new store.
const SALT_LEN: usize = 32;

/// The store's data key and salt. Never printed, never written to a file.
#[derive(Clone, PartialEq, Eq)]
pub struct StoreSecrets {
    key: [u8; 32],
    salt: Vec<u8>,
}

impl fmt::Debug for StoreSecrets {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("StoreSecrets(<redacted>)")
    }
}

/// The entry as kept in the keyring (hex, versioned).
#[derive(Serialize, Deserialize)]
struct Entry {
    version: u32,
    key: String,
    salt: String,
}

impl StoreSecrets {
    /// A new key and a new salt (the thread's CSPRNG, seeded from the OS).
    pub fn draw() -> Self {
        Self::with_salt(rand::random::<[u8; SALT_LEN]>().to_vec())
    }

    /// A new key over an existing salt (a plain store being migrated keeps its file names).
    pub fn with_salt(salt: Vec<u8>) -> Self {
        Self {
            key: rand::random(),
            salt,
        }
    }

    pub fn key(&self) -> &[u8; 32] {
        &self.key
    }

    pub fn salt(&self) -> &[u8] {
        &self.salt
    }

    fn encode(&self) -> Result<String, VaultError> {
        serde_json::to_string(&Entry {
            version: ENTRY_VERSION,
            key: hex::encode(self.key),
            salt: hex::encode(&self.salt),
        })
        .map_err(|_| VaultError::Failed)
    }

    fn decode(secret: &str) -> Option<Self> {
        let entry: Entry = serde_json::from_str(secret).ok()?;
        if entry.version != ENTRY_VERSION {
            return None;
        }
        let key = hex::decode(entry.key).ok()?.try_into().ok()?;
        let salt = hex::decode(entry.salt)
            .ok()
            .filter(|salt| salt.len() >= 16)?;
        Some(Self { key, salt })
    }
}

#[derive(Clone)]
enum Holder {
    /// No usable keyring (or none wanted): the store keeps nothing.
    Off,
    /// The OS keyring, under this service and user.
    Os { service: String, user: String },
    /// In memory, for tests of the store without a Secret Service (shared by clones: a store
    /// opened again on the same folder finds its key).
    #[cfg(test)]
    Memory(std::sync::Arc<std::sync::Mutex<Option<String>>>),
}

/// Where the device store's secrets live (one per store).
#[derive(Clone)]
pub struct StoreKey {
    holder: Holder,
}

impl fmt::Debug for StoreKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let holder = match &self.holder {
            Holder::Off => "off",
            Holder::Os { .. } => "os keyring",
            #[cfg(test)]
            Holder::Memory(_) => "memory",
        };
        write!(f, "StoreKey({holder})")
    }
}

impl StoreKey {
    /// The OS keyring's [`SERVICE`] entry.
    pub fn os() -> Self {
        Self::os_entry(SERVICE, USER)
    }

    /// Another entry of the OS keyring (tests use their own, so they never meet the app's).
    pub fn os_entry(service: &str, user: &str) -> Self {
        Self {
            holder: Holder::Os {
                service: service.to_owned(),
                user: user.to_owned(),
            },
        }
    }

    /// No keyring: nothing can be kept safely.
    pub fn off() -> Self {
        Self {
            holder: Holder::Off,
        }
    }

    #[cfg(test)]
    pub fn memory() -> Self {
        Self {
            holder: Holder::Memory(Default::default()),
        }
    }

    /// The entry as the holder keeps it (tests: to look for it in the app's files).
    #[cfg(test)]
    pub async fn held_for_tests(&self) -> Option<StoreSecrets> {
        self.load().await.ok().flatten()
    }

    /// Whether a usable keyring exists (keyring 4 picks its store once per process: the
    /// answer stands).
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

    /// The kept secrets, if any (an entry that cannot be read as ours counts as none: the
    /// store then starts anew).
    pub async fn load(&self) -> Result<Option<StoreSecrets>, VaultError> {
        let secret = match &self.holder {
            Holder::Off => return Err(VaultError::NoKeyring),
            Holder::Os { service, user } => {
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
            Holder::Memory(cell) => cell.lock().map_err(|_| VaultError::Failed)?.clone(),
        };
        let Some(secret) = secret else {
            return Ok(None);
        };
        let decoded = StoreSecrets::decode(&secret);
        if decoded.is_none() {
            tracing::warn!("the device store's keyring entry is not readable; a new key is drawn");
        }
        Ok(decoded)
    }

    /// Keeps `secrets`, replacing any kept ones.
    pub async fn keep(&self, secrets: &StoreSecrets) -> Result<(), VaultError> {
        let secret = secrets.encode()?;
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

    /// Removes the entry (tests clean up after themselves; nothing kept is not an error).
    #[cfg(test)]
    pub async fn forget(&self) -> Result<(), VaultError> {
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
            Holder::Memory(cell) => {
                *cell.lock().map_err(|_| VaultError::Failed)? = None;
                Ok(())
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn memory_round_trips_and_off_keeps_nothing() {
        let off = StoreKey::off();
        assert!(!off.available().await);
        assert_eq!(
            off.keep(&StoreSecrets::draw()).await,
            Err(VaultError::NoKeyring)
        );
        assert_eq!(off.load().await, Err(VaultError::NoKeyring));

        let memory = StoreKey::memory();
        assert!(memory.available().await);
        assert_eq!(memory.load().await, Ok(None));
        let secrets = StoreSecrets::draw();
        memory.keep(&secrets).await.unwrap();
        assert_eq!(memory.clone().load().await, Ok(Some(secrets.clone())));
        assert_ne!(
            StoreSecrets::draw().key(),
            secrets.key(),
            "a new key each time"
        );
        memory.forget().await.unwrap();
        assert_eq!(memory.load().await, Ok(None));
    }

    #[test]
    fn the_entry_round_trips_and_debug_shows_no_secret() {
        let secrets = StoreSecrets::with_salt(vec![7; 20]);
        let encoded = secrets.encode().unwrap();
        assert_eq!(StoreSecrets::decode(&encoded), Some(secrets.clone()));
        assert_eq!(StoreSecrets::decode("{}"), None);
        assert_eq!(StoreSecrets::decode("not json"), None);
        let printed = format!("{secrets:?}");
        assert!(!printed.contains(&hex::encode(secrets.key())), "{printed}");
    }
}
