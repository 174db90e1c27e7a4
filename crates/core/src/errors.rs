//! Every lower error becomes an `ApiError` here, and only here.

use doorstep_api::{ApiError, PASSPHRASE_CHARS_MIN};
use doorstep_store::StoreError;

pub(crate) fn api_error(error: StoreError) -> ApiError {
    match error {
        StoreError::NotSetUp => ApiError::NotSetUp,
        StoreError::AlreadySetUp => ApiError::AlreadySetUp,
        StoreError::WrongPassphrase => ApiError::WrongPassphrase,
        StoreError::CredentialStoreUnavailable { reason } => {
            ApiError::CredentialStoreUnavailable { reason }
        }
        StoreError::KeyMissing { .. } => ApiError::KeyMissing {
            hint: "It may have been removed from the keyring, or this folder was copied from \
                   another computer. Ask support to restore the key or re-enrol this laptop."
                .into(),
        },
        StoreError::WrongKey => ApiError::KeyMissing {
            hint: "The key in the credential store belongs to a different Doorstep store. \
                   Ask support to restore the right key."
                .into(),
        },
        // Storage messages describe files and SQL, never the data in them.
        other => ApiError::Storage {
            message: other.to_string(),
        },
    }
}

pub(crate) fn check_new_passphrase(passphrase: &str, repeated: &str) -> Result<(), ApiError> {
    if passphrase.chars().count() < PASSPHRASE_CHARS_MIN {
        return Err(ApiError::PassphraseTooShort {
            chars_min: PASSPHRASE_CHARS_MIN,
        });
    }
    if passphrase != repeated {
        return Err(ApiError::PassphraseMismatch);
    }
    Ok(())
}
