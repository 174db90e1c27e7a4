//! Certificate pinning: the device keeps the SHA-256 of the certificate head office showed at
//! enrolment and refuses any other afterwards, so a self-signed certificate is as good as a
//! bought one for a landlord's own server.

use sha2::{Digest, Sha256};

/// The SHA-256 of a certificate's DER bytes, lower-case hex.
pub fn certificate_fingerprint(der: &[u8]) -> String {
    hex::encode(Sha256::digest(der))
}

/// The fingerprint as people compare it: upper-case pairs joined by colons.
pub fn format_fingerprint(fingerprint: &str) -> String {
    fingerprint
        .as_bytes()
        .chunks(2)
        .map(|pair| String::from_utf8_lossy(pair).to_uppercase())
        .collect::<Vec<_>>()
        .join(":")
}
