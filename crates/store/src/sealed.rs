//! Bank details sealed inside the encrypted database.
//!
//! SQLCipher already encrypts every page on disk. Bank details are sealed once more so that a
//! query, an export or a support dump of the open database shows only the masked forms: the
//! clear details leave the store only through `Store::mandate_bank_details`, on their way to
//! head office. The field key is derived from the database key (SHA-256 with a label, so the
//! two keys are never the same bytes) and lives only while the store is open.

use chacha20poly1305::aead::{Aead, KeyInit, Payload};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};
use sha2::{Digest, Sha256};
use uuid::Uuid;
use zeroize::Zeroizing;

use crate::field_work::BankDetails;
use crate::key_vault::DatabaseKey;
use crate::StoreError;

const NONCE_BYTES: usize = 24;
/// Changing the derivation or the sealed layout needs a new label.
const FIELD_KEY_LABEL: &[u8] = b"doorstep/bank-details/v1";

/// The key bank details are sealed under. Zeroed when dropped; never printed.
pub struct FieldKey(Zeroizing<[u8; 32]>);

impl std::fmt::Debug for FieldKey {
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        formatter.write_str("FieldKey(..)")
    }
}

impl FieldKey {
    pub(crate) fn derive(database_key: &DatabaseKey) -> FieldKey {
        let mut hasher = Sha256::new();
        hasher.update(FIELD_KEY_LABEL);
        hasher.update(database_key.bytes());
        FieldKey(Zeroizing::new(hasher.finalize().into()))
    }
}

/// Seals the details bound to the mandate id, so sealed details cannot be moved to another
/// mandate unnoticed. Layout: nonce, then ciphertext of "sort code|account number".
pub(crate) fn seal(
    key: &FieldKey,
    mandate_id: &Uuid,
    details: &BankDetails,
) -> Result<Vec<u8>, StoreError> {
    let mut nonce = [0u8; NONCE_BYTES];
    getrandom::getrandom(&mut nonce).map_err(|error| StoreError::Randomness {
        reason: error.to_string(),
    })?;
    let clear = Zeroizing::new(format!("{}|{}", details.sort_code, details.account_number));
    let cipher = XChaCha20Poly1305::new(key.0.as_slice().into());
    let ciphertext = cipher
        .encrypt(
            XNonce::from_slice(&nonce),
            Payload {
                msg: clear.as_bytes(),
                aad: mandate_id.as_bytes(),
            },
        )
        .map_err(|_| StoreError::Randomness {
            reason: "sealing bank details failed".into(),
        })?;
    let mut sealed = nonce.to_vec();
    sealed.extend_from_slice(&ciphertext);
    Ok(sealed)
}

pub(crate) fn unseal(
    key: &FieldKey,
    mandate_id: &Uuid,
    sealed: &[u8],
) -> Result<BankDetails, StoreError> {
    let corrupt = || StoreError::Corrupt {
        what: "sealed bank details".into(),
    };
    if sealed.len() <= NONCE_BYTES {
        return Err(corrupt());
    }
    let (nonce, ciphertext) = sealed.split_at(NONCE_BYTES);
    let cipher = XChaCha20Poly1305::new(key.0.as_slice().into());
    let clear = Zeroizing::new(
        cipher
            .decrypt(
                XNonce::from_slice(nonce),
                Payload {
                    msg: ciphertext,
                    aad: mandate_id.as_bytes(),
                },
            )
            .map_err(|_| corrupt())?,
    );
    let text = std::str::from_utf8(&clear).map_err(|_| corrupt())?;
    let (sort_code, account_number) = text.split_once('|').ok_or_else(corrupt)?;
    Ok(BankDetails {
        sort_code: sort_code.to_string(),
        account_number: account_number.to_string(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sealed_details_open_only_with_their_key_and_mandate() {
        let key = FieldKey::derive(&DatabaseKey::from_bytes([7; 32]));
        let other_key = FieldKey::derive(&DatabaseKey::from_bytes([8; 32]));
        let mandate = Uuid::from_u128(1);
        let details = BankDetails {
            sort_code: "089999".into(),
            account_number: "66374958".into(),
        };
        let sealed = seal(&key, &mandate, &details).expect("sealed");
        assert!(!sealed.windows(8).any(|window| window == b"66374958"));
        assert_eq!(unseal(&key, &mandate, &sealed).expect("opens"), details);
        assert!(unseal(&other_key, &mandate, &sealed).is_err());
        assert!(unseal(&key, &Uuid::from_u128(2), &sealed).is_err());
    }
}
