//! `book`: confirms a held slot ("Sì, prenoto!"). One idempotency key per confirmation,
//! retried on transport failures: a booking is never doubled nor lost. The SMS phone number
//! is checked locally first (the domain's rules: an error on the field `phone`). The new
//! booking is kept on this device, with its documents data, its documents written as files
//! and its reminders set ([`follow::booked`]).

use cup_api::{BookRequest, BookingView};
use cup_client::IdempotencyKey;

use cup_domain::PhoneNumber;

use crate::AppError;
use crate::commands::bookings::keep_bookings;
use crate::commands::follow;
use crate::retry::{RetryPolicy, with_same_key};
use crate::state::{BackendHandle, DeviceStore, DocumentsState, Reminders, SessionState};

/// The SMS phone number by the domain's rules, when one is given (blank means no SMS).
///
/// # Errors
/// `phone_format`, `phone_country`, `phone_prefix` or `phone_length`, on the field `phone`.
pub fn check_phone(phone: Option<&str>) -> Result<(), AppError> {
    match phone.map(str::trim).filter(|p| !p.is_empty()) {
        Some(p) => PhoneNumber::parse(p)
            .map(|_| ())
            .map_err(|error| AppError::Invalid {
                code: error.code(),
                field: "phone",
                message: error.to_string(),
            }),
        None => Ok(()),
    }
}

#[allow(clippy::too_many_arguments)]
pub async fn book_with(
    backend: &BackendHandle,
    session: &SessionState,
    store: &DeviceStore,
    documents: &DocumentsState,
    reminders: &Reminders,
    policy: RetryPolicy,
    key: &IdempotencyKey,
    request: &BookRequest,
) -> Result<BookingView, AppError> {
    check_phone(request.phone.as_deref())?;
    let client = backend.client().await?;
    let token = session.token().await?;
    let result = with_same_key(policy, key, |key| {
        let (client, token) = (&client, &token);
        async move { client.book(token, &key, request).await }
    })
    .await;
    let booked = session
        .check(result.map(|booked| booked.value).map_err(AppError::from))
        .await?;
    session.hold_done(request.hold_id).await;
    let now = cup_clock::now();
    keep_bookings(
        &client,
        &token,
        session,
        store,
        std::slice::from_ref(&booked),
        now,
    )
    .await;
    follow::booked(session, store, documents, reminders, &booked, now).await;
    Ok(booked)
}

#[tauri::command]
#[tracing::instrument(name = "book", skip_all)]
pub async fn book(
    backend: tauri::State<'_, BackendHandle>,
    session: tauri::State<'_, SessionState>,
    store: tauri::State<'_, DeviceStore>,
    documents: tauri::State<'_, DocumentsState>,
    reminders: tauri::State<'_, Reminders>,
    hold_id: i64,
    phone: Option<String>,
) -> Result<BookingView, AppError> {
    let key = IdempotencyKey::new();
    let request = BookRequest { hold_id, phone };
    book_with(
        &backend,
        &session,
        &store,
        &documents,
        &reminders,
        RetryPolicy::DEFAULT,
        &key,
        &request,
    )
    .await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_sms_phone_follows_the_domain_rules_on_its_field() {
        assert_eq!(check_phone(None), Ok(()));
        assert_eq!(check_phone(Some("  ")), Ok(()));
        assert_eq!(check_phone(Some("333 123 4567")), Ok(()));
        assert_eq!(check_phone(Some("+39 055 890209")), Ok(()));
        for (phone, code) in [
            ("333-12a4567", "phone_format"),
            ("+44 20 7946 0000", "phone_country"),
            ("5551234567", "phone_prefix"),
            ("33312", "phone_length"),
        ] {
            let error = check_phone(Some(phone)).unwrap_err();
            assert_eq!(error.code(), code, "{phone}");
            assert_eq!(error.field(), Some("phone"));
        }
    }
}
