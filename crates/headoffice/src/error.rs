//! Head office's errors, each mapped to what the device or the administrator is told.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use doorstep_sync::{ErrorBody, ErrorCode};

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("{0}")]
    Config(String),
    #[error("{0}")]
    Unauthorised(String),
    #[error("this device has been revoked by head office")]
    DeviceRevoked,
    #[error("{0}")]
    Forbidden(String),
    #[error("{0}")]
    NotFound(String),
    #[error("{0}")]
    Throttled(String),
    #[error("{0}")]
    BadRequest(String),
    #[error("{0}")]
    Unavailable(String),
    /// A row of an import file, or an administrator's input, that cannot be used.
    #[error("{0}")]
    Invalid(String),
}

impl From<sqlx::Error> for Error {
    fn from(error: sqlx::Error) -> Error {
        // The database's own words stay in head office's log; the device is told to retry.
        Error::Unavailable(format!("database: {error}"))
    }
}

impl Error {
    fn code(&self) -> (StatusCode, ErrorCode) {
        match self {
            Error::Unauthorised(_) => (StatusCode::UNAUTHORIZED, ErrorCode::Unauthorised),
            Error::DeviceRevoked => (StatusCode::FORBIDDEN, ErrorCode::DeviceRevoked),
            Error::Forbidden(_) => (StatusCode::FORBIDDEN, ErrorCode::Forbidden),
            Error::NotFound(_) => (StatusCode::NOT_FOUND, ErrorCode::NotFound),
            Error::Throttled(_) => (StatusCode::TOO_MANY_REQUESTS, ErrorCode::Throttled),
            Error::BadRequest(_) | Error::Invalid(_) => {
                (StatusCode::BAD_REQUEST, ErrorCode::BadRequest)
            }
            Error::Config(_) | Error::Unavailable(_) => {
                (StatusCode::SERVICE_UNAVAILABLE, ErrorCode::Unavailable)
            }
        }
    }
}

impl IntoResponse for Error {
    fn into_response(self) -> Response {
        let (status, code) = self.code();
        let message = match &self {
            Error::Unavailable(detail) | Error::Config(detail) => {
                eprintln!("doorstep-headoffice: {detail}");
                "Head office cannot answer just now; try again in a minute.".to_string()
            }
            other => other.to_string(),
        };
        (status, Json(ErrorBody { code, message })).into_response()
    }
}
