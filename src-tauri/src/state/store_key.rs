//! The device store's secrets: the 32-byte data key its patient files are encrypted with and
//! the salt of its patients' keys, held in the OS keyring (the Secret Service on Linux) and
//! never on disk. One entry of its own, service [`SERVICE`], apart from the remembered card's.
//!
//! Kept as the card is ([`KeyringSlot`]): off (no usable keyring: the store keeps nothing),
//! the OS keyring, or in memory for the tests of the store's logic without a Secret Service.

use std::fmt;

use serde::{Deserialize, Serialize};

use super::keyring_slot::{KeyringSlot, VaultError};

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

/// Where the device store's secrets live (one per store).
#[derive(Clone, Debug)]
pub struct StoreKey {
    slot: KeyringSlot,
}

impl StoreKey {
    /// The OS keyring's [`SERVICE`] entry.
    pub fn os() -> Self {
        Self::os_entry(SERVICE, USER)
    }

    /// Another entry of the OS keyring (tests use their own, so they never meet the app's).
    pub fn os_entry(service: &str, user: &str) -> Self {
        Self {
            slot: KeyringSlot::os(service, user),
        }
    }

    /// No keyring: nothing can be kept safely.
    pub fn off() -> Self {
        Self {
            slot: KeyringSlot::off(),
        }
    }

    #[cfg(test)]
    pub fn memory() -> Self {
        Self {
            slot: KeyringSlot::memory(),
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
        self.slot.available().await
    }

    /// The kept secrets, if any (an entry that cannot be read as ours counts as none: the
    /// store then starts anew). Off: [`VaultError::NoKeyring`].
    pub async fn load(&self) -> Result<Option<StoreSecrets>, VaultError> {
        if self.slot.is_off() {
            return Err(VaultError::NoKeyring);
        }
        let Some(secret) = self.slot.get().await? else {
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
        self.slot.set(secrets.encode()?).await
    }

    /// Removes the entry (tests clean up after themselves; nothing kept is not an error).
    #[cfg(test)]
    pub async fn forget(&self) -> Result<(), VaultError> {
        self.slot.delete().await
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
