//! `remembered_card` and `forget_card`: "remember me" for the card access, read from and
//! removed from the OS keyring (see [`CardVault`]); with it, whether this device keeps the
//! bookings for when the CUP cannot be reached, and if not why (see [`DeviceStore`]).

use serde::Serialize;

use crate::AppError;
use crate::error::codes;
use crate::state::card_vault::{CardCredentials, VaultError};
use crate::state::device_store::NotKept;
use crate::state::{CardVault, DeviceStore};

/// What the access form can offer.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct RememberState {
    /// A usable keyring exists (and this device may keep things): offer "remember me".
    pub available: bool,
    /// The remembered card, to prefill the form.
    pub card: Option<CardCredentials>,
    /// Why this device keeps no bookings to show when the CUP cannot be reached (`no_keyring`:
    /// their key would have nowhere safe to live); `null`: it keeps them, encrypted.
    pub bookings_not_kept: Option<NotKept>,
}

/// The plain function: a keyring failure reads as "nothing remembered".
pub async fn remembered_card_with(vault: &CardVault, store: &DeviceStore) -> RememberState {
    let bookings_not_kept = store.not_kept().await;
    if !vault.available().await {
        return RememberState {
            available: false,
            card: None,
            bookings_not_kept,
        };
    }
    let card = vault.recall().await.unwrap_or_else(|error| {
        tracing::warn!(%error, "the keyring could not be read");
        None
    });
    RememberState {
        available: true,
        card,
        bookings_not_kept,
    }
}

/// Forgets the remembered card; with no keyring there is nothing to forget.
pub async fn forget_card_with(vault: &CardVault) -> Result<(), AppError> {
    match vault.forget().await {
        Ok(()) | Err(VaultError::NoKeyring) => Ok(()),
        Err(error) => Err(AppError::Other {
            code: codes::KEYRING_FAILED,
            message: error.to_string(),
        }),
    }
}

#[tauri::command]
#[tracing::instrument(name = "remembered_card", skip_all)]
pub async fn remembered_card(
    vault: tauri::State<'_, CardVault>,
    store: tauri::State<'_, DeviceStore>,
) -> Result<RememberState, AppError> {
    Ok(remembered_card_with(&vault, &store).await)
}

#[tauri::command]
#[tracing::instrument(name = "forget_card", skip_all)]
pub async fn forget_card(vault: tauri::State<'_, CardVault>) -> Result<(), AppError> {
    forget_card_with(&vault).await
}
