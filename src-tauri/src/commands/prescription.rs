//! `prescription`: the prescription read by NRE, with each line's bookability.

use cup_api::PrescriptionView;

use crate::AppError;
use crate::state::{BackendHandle, SessionState};

pub async fn prescription_with(
    backend: &BackendHandle,
    session: &SessionState,
    nre: &str,
) -> Result<PrescriptionView, AppError> {
    let client = backend.client().await?;
    let token = session.token().await?;
    let result = client.prescription(&token, nre).await;
    session.check(result.map_err(AppError::from)).await
}

#[tauri::command]
#[tracing::instrument(name = "prescription", skip_all)]
pub async fn prescription(
    backend: tauri::State<'_, BackendHandle>,
    session: tauri::State<'_, SessionState>,
    nre: String,
) -> Result<PrescriptionView, AppError> {
    prescription_with(&backend, &session, &nre).await
}
