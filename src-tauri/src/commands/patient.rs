//! `patient`: the logged-in patient's data, for the summary screen.

use cup_api::PatientView;

use crate::AppError;
use crate::state::{BackendHandle, SessionState};

pub async fn patient_with(
    backend: &BackendHandle,
    session: &SessionState,
) -> Result<PatientView, AppError> {
    let client = backend.client().await?;
    let token = session.token().await?;
    session
        .check(client.patient(&token).await.map_err(AppError::from))
        .await
}

#[tauri::command]
#[tracing::instrument(name = "patient", skip_all)]
pub async fn patient(
    backend: tauri::State<'_, BackendHandle>,
    session: tauri::State<'_, SessionState>,
) -> Result<PatientView, AppError> {
    patient_with(&backend, &session).await
}
