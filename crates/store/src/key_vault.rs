//! The database key and how it is kept.
//!
//! The SQLCipher key is 256 random bits. It is never stored in clear: it is sealed with
//! XChaCha20-Poly1305 under a key derived from the officer's passphrase by Argon2id, and the
//! sealed form is kept in a credential store — the operating system's (Secret Service, macOS
//! Keychain, Windows Credential Manager) or, only when explicitly chosen for tests and CI, a
//! file. Opening the store therefore needs both the credential store and the passphrase.

use std::path::PathBuf;

use argon2::{Algorithm, Argon2, Params, Version};
use chacha20poly1305::aead::{Aead, KeyInit, Payload};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};
use serde::{Deserialize, Serialize};
use zeroize::Zeroizing;

use crate::StoreError;

const DATABASE_KEY_BYTES: usize = 32;
const SALT_BYTES: usize = 16;
const NONCE_BYTES: usize = 24;
const WRAPPED_KEY_FORMAT: u32 = 1;

/// Argon2id cost, RFC 9106's second recommended option (64 MiB, 3 passes, 4 lanes): about a
/// third of a second on a field laptop, which is paid once per unlock.
const KDF_MEMORY_KIB: u32 = 64 * 1024;
const KDF_ITERATIONS: u32 = 3;
const KDF_LANES: u32 = 4;

/// The service name under which Doorstep's entries sit in the OS credential store.
const KEYRING_SERVICE: &str = "uk.doorstep.store-key";

/// The raw SQLCipher key. Zeroed when dropped.
pub struct DatabaseKey(Zeroizing<[u8; DATABASE_KEY_BYTES]>);

impl DatabaseKey {
    pub fn generate() -> Result<DatabaseKey, StoreError> {
        let mut bytes = Zeroizing::new([0u8; DATABASE_KEY_BYTES]);
        getrandom::getrandom(bytes.as_mut_slice()).map_err(|error| StoreError::Randomness {
            reason: error.to_string(),
        })?;
        Ok(DatabaseKey(bytes))
    }

    /// The value of `PRAGMA key`: a raw key in SQLCipher's blob syntax, quoted because sqlx
    /// emits pragma values verbatim. A raw key skips SQLCipher's own PBKDF2: our key is already
    /// uniformly random.
    pub(crate) fn sqlcipher_pragma_value(&self) -> Zeroizing<String> {
        Zeroizing::new(format!("\"x'{}'\"", hex::encode(self.0.as_slice())))
    }

    pub(crate) fn bytes(&self) -> &[u8] {
        self.0.as_slice()
    }

    #[cfg(test)]
    pub(crate) fn from_bytes(bytes: [u8; DATABASE_KEY_BYTES]) -> DatabaseKey {
        DatabaseKey(Zeroizing::new(bytes))
    }
}

/// The database key sealed under the passphrase. Safe to store: without the passphrase it is
/// random bytes. The store id is bound in as associated data, so a sealed key cannot be moved
/// to another officer's store.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WrappedKey {
    format: u32,
    kdf_memory_kib: u32,
    kdf_iterations: u32,
    kdf_lanes: u32,
    salt_hex: String,
    nonce_hex: String,
    ciphertext_hex: String,
}

pub fn wrap_key(
    key: &DatabaseKey,
    passphrase: &str,
    store_id: &str,
) -> Result<WrappedKey, StoreError> {
    let mut salt = [0u8; SALT_BYTES];
    let mut nonce = [0u8; NONCE_BYTES];
    for buffer in [salt.as_mut_slice(), nonce.as_mut_slice()] {
        getrandom::getrandom(buffer).map_err(|error| StoreError::Randomness {
            reason: error.to_string(),
        })?;
    }
    let wrapping_key =
        derive_wrapping_key(passphrase, &salt, KDF_MEMORY_KIB, KDF_ITERATIONS, KDF_LANES)?;
    let cipher = XChaCha20Poly1305::new(wrapping_key.as_slice().into());
    let payload = Payload {
        msg: key.0.as_slice(),
        aad: store_id.as_bytes(),
    };
    let ciphertext = cipher
        .encrypt(XNonce::from_slice(&nonce), payload)
        .map_err(|_| StoreError::Randomness {
            reason: "sealing the database key failed".into(),
        })?;
    Ok(WrappedKey {
        format: WRAPPED_KEY_FORMAT,
        kdf_memory_kib: KDF_MEMORY_KIB,
        kdf_iterations: KDF_ITERATIONS,
        kdf_lanes: KDF_LANES,
        salt_hex: hex::encode(salt),
        nonce_hex: hex::encode(nonce),
        ciphertext_hex: hex::encode(ciphertext),
    })
}

/// Opens the sealed key. A wrong passphrase fails authentication and yields
/// [`StoreError::WrongPassphrase`]; nothing is opened.
pub fn unwrap_key(
    wrapped: &WrappedKey,
    passphrase: &str,
    store_id: &str,
) -> Result<DatabaseKey, StoreError> {
    let corrupt = |what: &str| StoreError::Corrupt {
        what: format!("the sealed database key: {what}"),
    };
    if wrapped.format != WRAPPED_KEY_FORMAT {
        return Err(corrupt("unknown format"));
    }
    let salt = hex::decode(&wrapped.salt_hex).map_err(|_| corrupt("salt is not hex"))?;
    let nonce = hex::decode(&wrapped.nonce_hex).map_err(|_| corrupt("nonce is not hex"))?;
    let ciphertext =
        hex::decode(&wrapped.ciphertext_hex).map_err(|_| corrupt("ciphertext is not hex"))?;
    if nonce.len() != NONCE_BYTES {
        return Err(corrupt("nonce has the wrong length"));
    }
    let wrapping_key = derive_wrapping_key(
        passphrase,
        &salt,
        wrapped.kdf_memory_kib,
        wrapped.kdf_iterations,
        wrapped.kdf_lanes,
    )?;
    let cipher = XChaCha20Poly1305::new(wrapping_key.as_slice().into());
    let payload = Payload {
        msg: &ciphertext,
        aad: store_id.as_bytes(),
    };
    let plaintext = Zeroizing::new(
        cipher
            .decrypt(XNonce::from_slice(&nonce), payload)
            .map_err(|_| StoreError::WrongPassphrase)?,
    );
    let bytes: [u8; DATABASE_KEY_BYTES] = plaintext
        .as_slice()
        .try_into()
        .map_err(|_| corrupt("key has the wrong length"))?;
    Ok(DatabaseKey(Zeroizing::new(bytes)))
}

fn derive_wrapping_key(
    passphrase: &str,
    salt: &[u8],
    memory_kib: u32,
    iterations: u32,
    lanes: u32,
) -> Result<Zeroizing<[u8; 32]>, StoreError> {
    let params = Params::new(memory_kib, iterations, lanes, Some(32)).map_err(|error| {
        StoreError::Corrupt {
            what: format!("the key derivation parameters: {error}"),
        }
    })?;
    let argon2 = Argon2::new(Algorithm::Argon2id, Version::V0x13, params);
    let mut output = Zeroizing::new([0u8; 32]);
    argon2
        .hash_password_into(passphrase.as_bytes(), salt, output.as_mut_slice())
        .map_err(|error| StoreError::Corrupt {
            what: format!("the key derivation: {error}"),
        })?;
    Ok(output)
}

/// Where the sealed key is kept.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CredentialStore {
    /// The operating system's credential store, through `keyring`. The normal choice.
    Os,
    /// A file in the data folder. Only for tests and CI, and only when explicitly selected:
    /// the key is still sealed by the passphrase, but it sits beside the database.
    File { path: PathBuf },
}

impl CredentialStore {
    pub fn save(&self, store_id: &str, wrapped: &WrappedKey) -> Result<(), StoreError> {
        let json = serde_json::to_string(wrapped).map_err(|error| StoreError::Corrupt {
            what: format!("the sealed database key: {error}"),
        })?;
        match self {
            CredentialStore::Os => keyring_entry(store_id)?
                .set_password(&json)
                .map_err(credential_store_error),
            CredentialStore::File { path } => crate::data_dir::write_atomically(path, &json),
        }
    }

    pub fn load(&self, store_id: &str) -> Result<WrappedKey, StoreError> {
        let json = match self {
            CredentialStore::Os => match keyring_entry(store_id)?.get_password() {
                Ok(json) => json,
                Err(keyring::Error::NoEntry) => {
                    return Err(StoreError::KeyMissing {
                        store_id: store_id.to_string(),
                    })
                }
                Err(error) => return Err(credential_store_error(error)),
            },
            CredentialStore::File { path } => match std::fs::read_to_string(path) {
                Ok(json) => json,
                Err(error) if error.kind() == std::io::ErrorKind::NotFound => {
                    return Err(StoreError::KeyMissing {
                        store_id: store_id.to_string(),
                    })
                }
                Err(source) => {
                    return Err(StoreError::Io {
                        path: path.clone(),
                        source,
                    })
                }
            },
        };
        serde_json::from_str(&json).map_err(|error| StoreError::Corrupt {
            what: format!("the sealed database key: {error}"),
        })
    }
}

impl CredentialStore {
    /// Keeps another secret beside the sealed key, under its own name (head office's device
    /// token). Unlike the key it is not sealed by the passphrase: the device must reach head
    /// office to learn it has been revoked even while the officer is away.
    pub fn save_secret(&self, store_id: &str, name: &str, secret: &str) -> Result<(), StoreError> {
        match self {
            CredentialStore::Os => keyring_entry(&format!("{store_id}/{name}"))?
                .set_password(secret)
                .map_err(credential_store_error),
            CredentialStore::File { path } => {
                crate::data_dir::write_atomically(&secret_file(path, name), secret)
            }
        }
    }

    pub fn load_secret(&self, store_id: &str, name: &str) -> Result<Option<String>, StoreError> {
        match self {
            CredentialStore::Os => {
                match keyring_entry(&format!("{store_id}/{name}"))?.get_password() {
                    Ok(secret) => Ok(Some(secret)),
                    Err(keyring::Error::NoEntry) => Ok(None),
                    Err(error) => Err(credential_store_error(error)),
                }
            }
            CredentialStore::File { path } => {
                let path = secret_file(path, name);
                match std::fs::read_to_string(&path) {
                    Ok(secret) => Ok(Some(secret)),
                    Err(error) if error.kind() == std::io::ErrorKind::NotFound => Ok(None),
                    Err(source) => Err(StoreError::Io { path, source }),
                }
            }
        }
    }

    /// Forgets the sealed key and the named secrets: without the key, the database file is
    /// noise even if a copy of it survives.
    pub fn forget(&self, store_id: &str, secret_names: &[&str]) -> Result<(), StoreError> {
        match self {
            CredentialStore::Os => {
                let mut users = vec![store_id.to_string()];
                users.extend(secret_names.iter().map(|name| format!("{store_id}/{name}")));
                for user in users {
                    match keyring_entry(&user)?.delete_credential() {
                        Ok(()) | Err(keyring::Error::NoEntry) => {}
                        Err(error) => return Err(credential_store_error(error)),
                    }
                }
                Ok(())
            }
            CredentialStore::File { path } => {
                let mut paths = vec![path.clone()];
                paths.extend(secret_names.iter().map(|name| secret_file(path, name)));
                for path in paths {
                    match std::fs::remove_file(&path) {
                        Ok(()) => {}
                        Err(error) if error.kind() == std::io::ErrorKind::NotFound => {}
                        Err(source) => return Err(StoreError::Io { path, source }),
                    }
                }
                Ok(())
            }
        }
    }
}

fn secret_file(key_path: &std::path::Path, name: &str) -> PathBuf {
    key_path.with_file_name(format!("{name}.secret"))
}

fn keyring_entry(store_id: &str) -> Result<keyring::Entry, StoreError> {
    keyring::Entry::new(KEYRING_SERVICE, store_id).map_err(credential_store_error)
}

fn credential_store_error(error: keyring::Error) -> StoreError {
    let reason = match error {
        keyring::Error::NoStorageAccess(inner) => format!(
            "the credential store refused access ({inner}). Unlock your desktop keyring (for \
             example GNOME Keyring or KWallet) and try again."
        ),
        keyring::Error::PlatformFailure(inner) => format!(
            "no credential service answered ({inner}). Doorstep keeps its key in the desktop \
             keyring: install and start one (for example gnome-keyring), then try again."
        ),
        other => other.to_string(),
    };
    StoreError::CredentialStoreUnavailable { reason }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_right_passphrase_opens_the_sealed_key() {
        let key = DatabaseKey::from_bytes([7; 32]);
        let wrapped = wrap_key(&key, "correct horse battery", "store-a").unwrap();
        let opened = unwrap_key(&wrapped, "correct horse battery", "store-a").unwrap();
        assert_eq!(opened.0.as_slice(), key.0.as_slice());
    }

    #[test]
    fn a_wrong_passphrase_or_store_opens_nothing() {
        let key = DatabaseKey::from_bytes([7; 32]);
        let wrapped = wrap_key(&key, "correct horse battery", "store-a").unwrap();
        assert!(matches!(
            unwrap_key(&wrapped, "correct horse batterY", "store-a"),
            Err(StoreError::WrongPassphrase)
        ));
        assert!(matches!(
            unwrap_key(&wrapped, "correct horse battery", "store-b"),
            Err(StoreError::WrongPassphrase)
        ));
    }

    #[test]
    fn the_sealed_form_does_not_contain_the_key() {
        let key = DatabaseKey::from_bytes([0xAB; 32]);
        let wrapped = wrap_key(&key, "correct horse battery", "store-a").unwrap();
        let json = serde_json::to_string(&wrapped).unwrap();
        assert!(!json.contains(&hex::encode([0xAB; 32])));
    }
}
