//! What can go wrong with reminders. Messages never carry an identifier.

use crate::AppError;

#[derive(Debug, thiserror::Error)]
pub(crate) enum ReminderError {
    /// A lead time out of range (days 0..=14, hour 0..=23, minute 0..=59, minutes 1..=20160).
    #[error("a reminder time is out of range")]
    InvalidLeadTime,
    /// More lead times than a citizen needs.
    #[error("at most {max} reminder times")]
    TooManyLeadTimes { max: usize },
    /// The reminders could not be saved (they still work until the app closes).
    #[error("the reminders could not be saved: {0}")]
    Io(#[from] std::io::Error),
}

impl ReminderError {
    /// Stable machine code for the UI.
    pub(crate) fn code(&self) -> &'static str {
        match self {
            ReminderError::InvalidLeadTime => "reminder_lead_time_invalid",
            ReminderError::TooManyLeadTimes { .. } => "reminder_lead_times_too_many",
            ReminderError::Io(_) => "reminder_io",
        }
    }
}

impl From<ReminderError> for AppError {
    fn from(error: ReminderError) -> Self {
        AppError::Other {
            code: error.code(),
            message: error.to_string(),
        }
    }
}
