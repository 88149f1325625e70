//! What can go wrong making or storing a booking's documents. Messages never carry an
//! identifier or a path (the folder of a booking is named by its CUP number).

use crate::AppError;

#[derive(Debug, thiserror::Error)]
pub(crate) enum DocumentError {
    /// An embedded font could not be read (a build defect, not the citizen's).
    #[error("the embedded font could not be read")]
    Font,
    /// The payment notice's QR code could not be made (payload too long).
    #[error("the payment notice's QR code could not be made")]
    Qr,
    /// The payment notice's QR payload does not match its notice number, creditor and amount.
    #[error("the payment notice is not consistent")]
    PaymentNotice,
    /// The CUP number that names a booking's folder is not 12 digits.
    #[error("the booking number is not valid")]
    CupNumber,
    /// Writing or removing a file failed.
    #[error("the documents could not be written: {0}")]
    Io(#[from] std::io::Error),
    /// Building the archive failed.
    #[error("the documents archive could not be written")]
    Archive(#[from] zip::result::ZipError),
}

impl DocumentError {
    /// Stable machine code for the UI.
    pub(crate) fn code(&self) -> &'static str {
        match self {
            DocumentError::Font => "document_font",
            DocumentError::Qr => "document_qr",
            DocumentError::PaymentNotice => "payment_notice_inconsistent",
            DocumentError::CupNumber => "cup_number_format",
            DocumentError::Io(_) => "document_io",
            DocumentError::Archive(_) => "document_archive",
        }
    }
}

impl From<DocumentError> for AppError {
    fn from(error: DocumentError) -> Self {
        AppError::Other {
            code: error.code(),
            message: error.to_string(),
        }
    }
}
