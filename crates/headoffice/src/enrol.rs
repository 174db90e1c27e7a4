//! Enrolment: a one-time code becomes a device token. Wrong codes are counted per source
//! address in the database; past the limit, that address waits.

use chrono::{Duration, Utc};
use doorstep_sync::{EnrolRequest, EnrolResponse, Officer};
use sqlx::Row;
use uuid::Uuid;

use crate::admin::parse_id;
use crate::db::{instant_text, now_text, Db};
use crate::error::Error;
use crate::secrets;

/// Wrong codes allowed from one address within the window.
pub const FAILURES_ALLOWED: i64 = 5;
pub const FAILURE_WINDOW_MINUTES: i64 = 15;

pub async fn enrol(db: &Db, source: &str, request: &EnrolRequest) -> Result<EnrolResponse, Error> {
    let device_name = request.device_name.trim();
    if device_name.is_empty() || device_name.chars().count() > 100 {
        return Err(Error::BadRequest(
            "give the laptop a name of 1 to 100 characters".into(),
        ));
    }
    let window_start = instant_text(Utc::now() - Duration::minutes(FAILURE_WINDOW_MINUTES));
    let failures: i64 =
        sqlx::query_scalar("SELECT count(*) FROM enrolment_failures WHERE source = $1 AND at > $2")
            .bind(source)
            .bind(&window_start)
            .fetch_one(db.pool())
            .await?;
    if failures >= FAILURES_ALLOWED {
        return Err(Error::Throttled(format!(
            "too many wrong enrolment codes from this address: wait {FAILURE_WINDOW_MINUTES} \
             minutes and try again"
        )));
    }

    let mut transaction = db.write().await?;
    let code_hash = secrets::hash(&secrets::normalise_code(&request.code));
    let row = sqlx::query(
        "SELECT enrolment_codes.officer_id, officers.name, expires_at, used_at \
         FROM enrolment_codes JOIN officers ON officers.id = enrolment_codes.officer_id \
         WHERE code_hash = $1",
    )
    .bind(&code_hash)
    .fetch_optional(&mut *transaction)
    .await?;
    let now = now_text();
    let refusal = match &row {
        None => {
            Some("that enrolment code is not right: check it, or ask head office for a new one")
        }
        Some(row) if row.try_get::<Option<String>, _>("used_at")?.is_some() => {
            Some("that enrolment code has already been used: ask head office for a new one")
        }
        Some(row) if row.try_get::<String, _>("expires_at")? <= now => {
            Some("that enrolment code has expired: ask head office for a new one")
        }
        Some(_) => None,
    };
    if let Some(refusal) = refusal {
        transaction.rollback().await?;
        sqlx::query("INSERT INTO enrolment_failures (source, at) VALUES ($1, $2)")
            .bind(source)
            .bind(&now)
            .execute(db.pool())
            .await?;
        return Err(Error::Unauthorised(refusal.to_string()));
    }
    let Some(row) = row else {
        return Err(Error::Unauthorised(
            "that enrolment code is not right".into(),
        ));
    };
    let officer = Officer {
        id: parse_id(&row.try_get::<String, _>("officer_id")?)?,
        name: row.try_get("name")?,
    };
    let device_id = Uuid::now_v7();
    let token = secrets::new_token()?;
    sqlx::query(
        "INSERT INTO devices (id, officer_id, name, token_hash, enrolled_at) \
         VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(device_id.to_string())
    .bind(officer.id.to_string())
    .bind(device_name)
    .bind(secrets::hash(&token))
    .bind(&now)
    .execute(&mut *transaction)
    .await?;
    sqlx::query("UPDATE enrolment_codes SET used_at = $1, device_id = $2 WHERE code_hash = $3")
        .bind(&now)
        .bind(device_id.to_string())
        .bind(&code_hash)
        .execute(&mut *transaction)
        .await?;
    transaction.commit().await?;
    Ok(EnrolResponse {
        device_id,
        token,
        officer,
    })
}
