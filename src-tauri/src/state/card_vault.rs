//! "Remember me": the citizen's codice fiscale and card number kept in the OS keyring (the
//! Secret Service on Linux), never in a plain file. One entry, service `cup-toscana`
//! ([`KeyringSlot`]: off on a kiosk, bounded blocking calls, errors by kind only).

use serde::{Deserialize, Serialize};

use super::keyring_slot::KeyringSlot;
pub use super::keyring_slot::VaultError;

/// The keyring service of the app's entry.
pub const SERVICE: &str = "cup-toscana";
/// The entry's user name: one remembered card per OS user.
pub const USER: &str = "remembered-card";
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

/// Where the remembered card lives (managed by Tauri).
#[derive(Debug, Clone)]
pub struct CardVault {
    slot: KeyringSlot,
}

impl CardVault {
    /// The OS keyring's `cup-toscana` entry.
    pub fn os() -> Self {
        Self::os_entry(SERVICE, USER)
    }

    /// Another entry of the OS keyring (tests use their own, so they never meet the app's).
    pub fn os_entry(service: &str, user: &str) -> Self {
        Self {
            slot: KeyringSlot::os(service, user),
        }
    }

    /// A vault that remembers nothing.
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

    /// Whether a card can be remembered here: a usable keyring exists and the vault is on.
    pub async fn available(&self) -> bool {
        self.slot.available().await
    }

    /// Keeps the card, replacing any remembered one (switched off: remembers nothing).
    pub async fn remember(&self, card: &CardCredentials) -> Result<(), VaultError> {
        if self.slot.is_off() {
            return Ok(());
        }
        let secret = serde_json::to_string(card).map_err(|_| VaultError::Failed)?;
        self.slot.set(secret).await
    }

    /// The remembered card, if any (an entry that is not a valid card counts as none).
    pub async fn recall(&self) -> Result<Option<CardCredentials>, VaultError> {
        Ok(self
            .slot
            .get()
            .await?
            .and_then(|secret| serde_json::from_str(&secret).ok()))
    }

    /// Forgets the remembered card; nothing remembered is not an error.
    pub async fn forget(&self) -> Result<(), VaultError> {
        self.slot.delete().await
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
