//! The device's HTTP client for head office, with head office's certificate pinned: the
//! SHA-256 of the certificate seen at enrolment is the only one accepted afterwards, so a
//! landlord's self-signed certificate needs no certificate authority and a look-alike server
//! is refused. Plain HTTP is allowed only to this machine (tests, a local proxy).

use std::sync::{Arc, Mutex};
use std::time::Duration;

use doorstep_sync::{
    CaseloadPage, CommandEnvelope, DeviceStatus, EnrolRequest, EnrolResponse, ErrorBody, ErrorCode,
    UploadRequest, UploadResponse,
};
use rustls::client::danger::{HandshakeSignatureValid, ServerCertVerified, ServerCertVerifier};
use rustls::crypto::CryptoProvider;
use rustls::pki_types::{CertificateDer, ServerName, UnixTime};
use rustls::{DigitallySignedStruct, SignatureScheme};

/// A request that takes longer than this has failed; the next sync tries again.
const REQUEST_TIMEOUT: Duration = Duration::from_secs(60);
const CONNECT_TIMEOUT: Duration = Duration::from_secs(15);

/// What went wrong talking to head office.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Failure {
    /// The network, a timeout, a cut connection, head office down: try again later.
    Unreachable(String),
    /// Head office answered with a refusal, in its words.
    Refused { code: ErrorCode, message: String },
    /// The certificate is not the one pinned at enrolment.
    WrongCertificate,
    /// Head office's answer could not be read.
    BadAnswer(String),
}

impl Failure {
    pub fn message(&self, server_url: &str) -> String {
        match self {
            Failure::Unreachable(detail) => format!(
                "Head office at {server_url} could not be reached ({detail}). Everything recorded \
                 here is kept and will be sent next time."
            ),
            Failure::Refused { message, .. } => format!(
                "Head office refused: {}. Everything recorded here is kept.",
                message.trim_end_matches('.')
            ),
            Failure::WrongCertificate => format!(
                "The server at {server_url} is not the head office this laptop enrolled with \
                 (its certificate is different). Nothing was sent. Tell head office."
            ),
            Failure::BadAnswer(detail) => {
                format!("Head office's answer could not be read ({detail}); nothing was lost.")
            }
        }
    }

    pub fn is_revoked(&self) -> bool {
        matches!(
            self,
            Failure::Refused {
                code: ErrorCode::DeviceRevoked,
                ..
            }
        )
    }
}

pub struct HeadOffice {
    client: reqwest::Client,
    base: String,
    token: Option<String>,
    seen_fingerprint: Arc<Mutex<Option<String>>>,
}

impl HeadOffice {
    /// A client for `server_url`. With `pinned`, only that certificate is accepted; without,
    /// the certificate shown is accepted and remembered (enrolment: `seen_fingerprint`).
    pub fn new(
        server_url: &str,
        pinned: Option<&str>,
        token: Option<String>,
    ) -> Result<HeadOffice, String> {
        let base = server_url.trim().trim_end_matches('/').to_string();
        let url = reqwest::Url::parse(&base)
            .map_err(|_| format!("\"{base}\" is not a web address (https://host:port)"))?;
        match url.scheme() {
            "https" => {}
            "http" if is_this_machine(&url) => {}
            "http" => {
                return Err(
                    "head office must be reached over https:// (plain http only to this machine)"
                        .into(),
                )
            }
            other => return Err(format!("\"{other}:\" is not a head office address")),
        }
        let seen_fingerprint = Arc::new(Mutex::new(None));
        let provider = Arc::new(rustls::crypto::ring::default_provider());
        let verifier = PinnedCertificate {
            pinned: pinned.map(str::to_string),
            seen: seen_fingerprint.clone(),
            provider: provider.clone(),
        };
        let tls = rustls::ClientConfig::builder_with_provider(provider)
            .with_safe_default_protocol_versions()
            .map_err(|error| format!("TLS: {error}"))?
            .dangerous()
            .with_custom_certificate_verifier(Arc::new(verifier))
            .with_no_client_auth();
        let client = reqwest::Client::builder()
            .use_preconfigured_tls(tls)
            .timeout(REQUEST_TIMEOUT)
            .connect_timeout(CONNECT_TIMEOUT)
            .build()
            .map_err(|error| format!("cannot start the connection: {error}"))?;
        Ok(HeadOffice {
            client,
            base,
            token,
            seen_fingerprint,
        })
    }

    /// The certificate head office showed on the last connection (for pinning at enrolment).
    pub fn seen_fingerprint(&self) -> Option<String> {
        self.seen_fingerprint
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .clone()
    }

    pub fn is_plain_http(&self) -> bool {
        self.base.starts_with("http:")
    }

    pub async fn enrol(&self, request: &EnrolRequest) -> Result<EnrolResponse, Failure> {
        self.send(
            self.client
                .post(format!("{}/v1/enrol", self.base))
                .json(request),
        )
        .await
    }

    pub async fn device(&self) -> Result<DeviceStatus, Failure> {
        self.send(self.authorised(self.client.get(format!("{}/v1/device", self.base))))
            .await
    }

    pub async fn upload(&self, commands: &[CommandEnvelope]) -> Result<UploadResponse, Failure> {
        let request = UploadRequest {
            commands: commands.to_vec(),
        };
        self.send(
            self.authorised(self.client.post(format!("{}/v1/commands", self.base)))
                .json(&request),
        )
        .await
    }

    pub async fn caseload_page(&self, after: i64, limit: u32) -> Result<CaseloadPage, Failure> {
        self.send(self.authorised(self.client.get(format!(
            "{}/v1/caseload?after={after}&limit={limit}",
            self.base
        ))))
        .await
    }

    fn authorised(&self, request: reqwest::RequestBuilder) -> reqwest::RequestBuilder {
        match &self.token {
            Some(token) => request.bearer_auth(token),
            None => request,
        }
    }

    async fn send<T: serde::de::DeserializeOwned>(
        &self,
        request: reqwest::RequestBuilder,
    ) -> Result<T, Failure> {
        let response = request
            .send()
            .await
            .map_err(|error| self.transport(&error))?;
        let status = response.status();
        let body = response
            .bytes()
            .await
            .map_err(|error| self.transport(&error))?;
        if status.is_success() {
            return serde_json::from_slice(&body)
                .map_err(|error| Failure::BadAnswer(error.to_string()));
        }
        match serde_json::from_slice::<ErrorBody>(&body) {
            Ok(refusal) if refusal.code == ErrorCode::Unavailable => {
                Err(Failure::Unreachable(refusal.message))
            }
            Ok(refusal) => Err(Failure::Refused {
                code: refusal.code,
                message: refusal.message,
            }),
            // Not head office's own answer: a proxy or load balancer in the way.
            Err(_) if status.is_server_error() => {
                Err(Failure::Unreachable(format!("it answered {status}")))
            }
            Err(_) => Err(Failure::BadAnswer(format!("it answered {status}"))),
        }
    }

    fn transport(&self, error: &reqwest::Error) -> Failure {
        let mut text = error.to_string();
        let mut source = std::error::Error::source(error);
        while let Some(inner) = source {
            text.push_str(": ");
            text.push_str(&inner.to_string());
            source = inner.source();
        }
        if text.contains(PIN_REFUSAL) {
            Failure::WrongCertificate
        } else if error.is_timeout() {
            Failure::Unreachable("no answer in time".into())
        } else if error.is_connect() {
            Failure::Unreachable("no connection".into())
        } else {
            Failure::Unreachable("the connection was cut".into())
        }
    }
}

fn is_this_machine(url: &reqwest::Url) -> bool {
    matches!(
        url.host_str(),
        Some("localhost") | Some("127.0.0.1") | Some("[::1]")
    )
}

const PIN_REFUSAL: &str = "not the certificate pinned at enrolment";

#[derive(Debug)]
struct PinnedCertificate {
    pinned: Option<String>,
    seen: Arc<Mutex<Option<String>>>,
    provider: Arc<CryptoProvider>,
}

impl ServerCertVerifier for PinnedCertificate {
    fn verify_server_cert(
        &self,
        end_entity: &CertificateDer<'_>,
        _intermediates: &[CertificateDer<'_>],
        _server_name: &ServerName<'_>,
        _ocsp_response: &[u8],
        _now: UnixTime,
    ) -> Result<ServerCertVerified, rustls::Error> {
        let fingerprint = doorstep_sync::certificate_fingerprint(end_entity.as_ref());
        *self
            .seen
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner()) = Some(fingerprint.clone());
        match &self.pinned {
            Some(pinned) if *pinned != fingerprint => {
                Err(rustls::Error::General(PIN_REFUSAL.into()))
            }
            _ => Ok(ServerCertVerified::assertion()),
        }
    }

    // The handshake's signatures are still checked: pinning replaces the chain of trust,
    // not proof that the server holds the certificate's key.
    fn verify_tls12_signature(
        &self,
        message: &[u8],
        certificate: &CertificateDer<'_>,
        signature: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        rustls::crypto::verify_tls12_signature(
            message,
            certificate,
            signature,
            &self.provider.signature_verification_algorithms,
        )
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        certificate: &CertificateDer<'_>,
        signature: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        rustls::crypto::verify_tls13_signature(
            message,
            certificate,
            signature,
            &self.provider.signature_verification_algorithms,
        )
    }

    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        self.provider
            .signature_verification_algorithms
            .supported_schemes()
    }
}
