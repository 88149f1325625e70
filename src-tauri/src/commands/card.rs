//! `remembered_card` and `forget_card`: "remember me" for the card access, read from and
//! removed from the OS keyring (see [`CardVault`]).

use serde::Serialize;

use crate::AppError;
use crate::error::codes;
use crate::state::CardVault;
use crate::state::card_vault::{CardCredentials, VaultError};

/// What the access form can offer.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct RememberState {
    /// A usable keyring exists (and this device may keep things): offer "remember me".
    pub available: bool,
    /// The remembered card, to prefill the form.
    pub card: Option<CardCredentials>,
}

/// The plain function: a keyring failure reads as "nothing remembered".
pub async fn remembered_card_with(vault: &CardVault) -> RememberState {
    if !vault.available().await {
        return RememberState {
            available: false,
            card: None,
        };
    }
    let card = vault.recall().await.unwrap_or_else(|error| {
        tracing::warn!(%error, "the keyring could not be read");
        None
    });
    RememberState {
        available: true,
        card,
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
) -> Result<RememberState, AppError> {
    Ok(remembered_card_with(&vault).await)
}

#[tauri::command]
#[tracing::instrument(name = "forget_card", skip_all)]
pub async fn forget_card(vault: tauri::State<'_, CardVault>) -> Result<(), AppError> {
    forget_card_with(&vault).await
}
