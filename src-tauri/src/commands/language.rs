//! `set_language`: the UI tells the language the citizen chose (Italiano / English), which the
//! documents written after a booking and the reminders' notifications then speak.

use cup_domain::Lang;

use crate::AppError;
use crate::state::UiLanguage;

#[tauri::command]
#[tracing::instrument(name = "set_language", skip_all, fields(?lang))]
pub fn set_language(language: tauri::State<'_, UiLanguage>, lang: Lang) -> Result<(), AppError> {
    language.set(lang);
    Ok(())
}
