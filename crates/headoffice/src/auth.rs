//! Who is asking: every request but enrolment carries a device token, checked here against
//! the database (so every instance agrees, and a revocation takes effect at once).

use axum::extract::{FromRef, FromRequestParts};
use axum::http::request::Parts;
use sqlx::Row;
use uuid::Uuid;

use crate::admin::parse_id;
use crate::db::Db;
use crate::error::Error;
use crate::secrets;

/// An enrolled, unrevoked device and its officer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Device {
    pub id: Uuid,
    pub officer_id: Uuid,
    pub officer_name: String,
}

pub async fn device_for_token(db: &Db, token: &str) -> Result<Device, Error> {
    let row = sqlx::query(
        "SELECT devices.id, devices.officer_id, officers.name, devices.revoked_at \
         FROM devices JOIN officers ON officers.id = devices.officer_id \
         WHERE devices.token_hash = $1",
    )
    .bind(secrets::hash(token))
    .fetch_optional(db.pool())
    .await?;
    let Some(row) = row else {
        return Err(Error::Unauthorised(
            "head office does not know this device: enrol it again".into(),
        ));
    };
    if row.try_get::<Option<String>, _>("revoked_at")?.is_some() {
        return Err(Error::DeviceRevoked);
    }
    Ok(Device {
        id: parse_id(&row.try_get::<String, _>("id")?)?,
        officer_id: parse_id(&row.try_get::<String, _>("officer_id")?)?,
        officer_name: row.try_get("name")?,
    })
}

impl<S> FromRequestParts<S> for Device
where
    S: Send + Sync,
    Db: FromRef<S>,
{
    type Rejection = Error;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Device, Error> {
        let token = parts
            .headers
            .get(axum::http::header::AUTHORIZATION)
            .and_then(|value| value.to_str().ok())
            .and_then(|value| value.strip_prefix("Bearer "))
            .map(str::trim)
            .filter(|token| !token.is_empty())
            .ok_or_else(|| {
                Error::Unauthorised("this request carries no device token: enrol first".into())
            })?;
        let db = Db::from_ref(state);
        device_for_token(&db, token).await
    }
}
