//! Head office's certificate. For a landlord's own server a self-signed certificate is made
//! on first start and kept in the TLS folder; devices pin its fingerprint at enrolment, so no
//! certificate authority is involved. An administrator may put their own `cert.der` and
//! `key.der` (PKCS #8) there instead.

use std::path::Path;
use std::sync::Arc;

use rustls::pki_types::{CertificateDer, PrivateKeyDer, PrivatePkcs8KeyDer};

use crate::error::Error;

pub const CERTIFICATE_FILE: &str = "cert.der";
pub const KEY_FILE: &str = "key.der";

pub struct Certificate {
    pub der: Vec<u8>,
    key_der: Vec<u8>,
}

impl Certificate {
    /// Loads the folder's certificate, or makes one for `names` (host names or addresses the
    /// devices will use) if there is none.
    pub fn load_or_create(folder: &Path, names: &[String]) -> Result<Certificate, Error> {
        let certificate_path = folder.join(CERTIFICATE_FILE);
        let key_path = folder.join(KEY_FILE);
        if certificate_path.exists() {
            let read = |path: &Path| {
                std::fs::read(path).map_err(|error| {
                    Error::Config(format!("cannot read {}: {error}", path.display()))
                })
            };
            return Ok(Certificate {
                der: read(&certificate_path)?,
                key_der: read(&key_path)?,
            });
        }
        let mut names = names.to_vec();
        for default in ["localhost", "127.0.0.1"] {
            if !names.iter().any(|name| name == default) {
                names.push(default.to_string());
            }
        }
        let made = rcgen::generate_simple_self_signed(names)
            .map_err(|error| Error::Config(format!("cannot make a certificate: {error}")))?;
        let certificate = Certificate {
            der: made.cert.der().to_vec(),
            key_der: made.key_pair.serialize_der(),
        };
        std::fs::create_dir_all(folder).map_err(|error| {
            Error::Config(format!("cannot create {}: {error}", folder.display()))
        })?;
        write_private(&key_path, &certificate.key_der)?;
        std::fs::write(&certificate_path, &certificate.der).map_err(|error| {
            Error::Config(format!(
                "cannot write {}: {error}",
                certificate_path.display()
            ))
        })?;
        Ok(certificate)
    }

    pub fn fingerprint(&self) -> String {
        doorstep_sync::certificate_fingerprint(&self.der)
    }

    pub fn server_config(&self) -> Result<Arc<rustls::ServerConfig>, Error> {
        let provider = Arc::new(rustls::crypto::ring::default_provider());
        let config = rustls::ServerConfig::builder_with_provider(provider)
            .with_safe_default_protocol_versions()
            .map_err(|error| Error::Config(format!("TLS: {error}")))?
            .with_no_client_auth()
            .with_single_cert(
                vec![CertificateDer::from(self.der.clone())],
                PrivateKeyDer::Pkcs8(PrivatePkcs8KeyDer::from(self.key_der.clone())),
            )
            .map_err(|error| {
                Error::Config(format!("the certificate or key is not usable: {error}"))
            })?;
        Ok(Arc::new(config))
    }
}

fn write_private(path: &Path, bytes: &[u8]) -> Result<(), Error> {
    use std::io::Write;
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let mut file = options
        .open(path)
        .map_err(|error| Error::Config(format!("cannot write {}: {error}", path.display())))?;
    file.write_all(bytes)
        .map_err(|error| Error::Config(format!("cannot write {}: {error}", path.display())))
}
