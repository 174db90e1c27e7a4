//! What an administrator does: officers, enrolment codes, assignments, revocation.

use chrono::{Duration, Utc};
use sqlx::Row;
use uuid::Uuid;

use crate::changes;
use crate::db::{instant_text, now_text, placeholders, Db};
use crate::error::Error;
use crate::secrets;

/// How long an enrolment code may wait to be used.
pub const CODE_LIFETIME_DAYS: i64 = 7;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OfficerRow {
    pub id: Uuid,
    pub name: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeviceRow {
    pub id: Uuid,
    pub officer_name: String,
    pub name: String,
    pub enrolled_at: String,
    pub revoked_at: Option<String>,
    pub last_seen_at: Option<String>,
}

pub async fn create_officer(db: &Db, name: &str) -> Result<OfficerRow, Error> {
    let name = name.trim();
    if name.is_empty() {
        return Err(Error::Invalid("an officer needs a name".into()));
    }
    let id = Uuid::now_v7();
    sqlx::query("INSERT INTO officers (id, name, created_at) VALUES ($1, $2, $3)")
        .bind(id.to_string())
        .bind(name)
        .bind(now_text())
        .execute(db.pool())
        .await?;
    Ok(OfficerRow {
        id,
        name: name.to_string(),
    })
}

pub async fn officers(db: &Db) -> Result<Vec<OfficerRow>, Error> {
    let rows = sqlx::query("SELECT id, name FROM officers ORDER BY name")
        .fetch_all(db.pool())
        .await?;
    rows.iter()
        .map(|row| {
            Ok(OfficerRow {
                id: parse_id(&row.try_get::<String, _>("id")?)?,
                name: row.try_get("name")?,
            })
        })
        .collect()
}

/// Finds an officer by id or by exact name, so an administrator can type either.
pub async fn find_officer(db: &Db, id_or_name: &str) -> Result<OfficerRow, Error> {
    let matches: Vec<OfficerRow> = officers(db)
        .await?
        .into_iter()
        .filter(|officer| officer.id.to_string() == id_or_name || officer.name == id_or_name)
        .collect();
    match matches.as_slice() {
        [one] => Ok(one.clone()),
        [] => Err(Error::NotFound(format!(
            "no officer is called {id_or_name}"
        ))),
        _ => Err(Error::Invalid(format!(
            "more than one officer is called {id_or_name}: use the id"
        ))),
    }
}

/// A new one-time code for one officer's device, valid for a week. Only its hash is kept.
pub async fn issue_enrolment_code(db: &Db, officer: &OfficerRow) -> Result<String, Error> {
    let code = secrets::new_code()?;
    let issued = Utc::now();
    sqlx::query(
        "INSERT INTO enrolment_codes (code_hash, officer_id, issued_at, expires_at) \
         VALUES ($1, $2, $3, $4)",
    )
    .bind(secrets::hash(&secrets::normalise_code(&code)))
    .bind(officer.id.to_string())
    .bind(instant_text(issued))
    .bind(instant_text(issued + Duration::days(CODE_LIFETIME_DAYS)))
    .execute(db.pool())
    .await?;
    Ok(code)
}

/// Gives accounts to an officer. Each account's previous officer (if another) is told it has
/// gone; the new one receives it in full at the next pull.
pub async fn assign(db: &Db, officer: &OfficerRow, references: &[String]) -> Result<usize, Error> {
    let mut transaction = db.write().await?;
    let known: Vec<String> = if references.is_empty() {
        Vec::new()
    } else {
        let query = format!(
            "SELECT payment_reference FROM accounts WHERE payment_reference IN ({})",
            placeholders(1, references.len())
        );
        let mut select = sqlx::query_scalar(&query);
        for reference in references {
            select = select.bind(reference);
        }
        select.fetch_all(&mut *transaction).await?
    };
    if let Some(missing) = references
        .iter()
        .find(|reference| !known.contains(reference))
    {
        return Err(Error::NotFound(format!(
            "head office has no account {missing}: import it first"
        )));
    }
    let mut changed = 0;
    for reference in references {
        if changes::assign(&mut transaction, reference, &officer.id.to_string()).await? {
            changed += 1;
        }
    }
    transaction.commit().await?;
    Ok(changed)
}

/// Revokes a device: its token is refused from now on, and the device erases its store the
/// next time it reaches head office.
pub async fn revoke_device(db: &Db, device_id: &str) -> Result<(), Error> {
    let updated =
        sqlx::query("UPDATE devices SET revoked_at = $1 WHERE id = $2 AND revoked_at IS NULL")
            .bind(now_text())
            .bind(device_id)
            .execute(db.pool())
            .await?;
    if updated.rows_affected() == 0 {
        return Err(Error::NotFound(format!(
            "no device {device_id} is enrolled (or it is already revoked)"
        )));
    }
    Ok(())
}

pub async fn devices(db: &Db) -> Result<Vec<DeviceRow>, Error> {
    let rows = sqlx::query(
        "SELECT devices.id, officers.name AS officer_name, devices.name, enrolled_at, \
         revoked_at, last_seen_at FROM devices JOIN officers ON officers.id = devices.officer_id \
         ORDER BY enrolled_at",
    )
    .fetch_all(db.pool())
    .await?;
    rows.iter()
        .map(|row| {
            Ok(DeviceRow {
                id: parse_id(&row.try_get::<String, _>("id")?)?,
                officer_name: row.try_get("officer_name")?,
                name: row.try_get("name")?,
                enrolled_at: row.try_get("enrolled_at")?,
                revoked_at: row.try_get("revoked_at")?,
                last_seen_at: row.try_get("last_seen_at")?,
            })
        })
        .collect()
}

pub(crate) fn parse_id(text: &str) -> Result<Uuid, Error> {
    Uuid::parse_str(text)
        .map_err(|_| Error::Unavailable(format!("a stored id is not a UUID: {text}")))
}

/// A command head office rejected or holds, for a person at head office to look at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AttentionRow {
    pub received_at: String,
    pub officer_name: String,
    pub kind: String,
    pub payment_reference: Option<String>,
    pub outcome: String,
    pub reason: String,
    /// For a held command: the conflict a person must settle ("reassigned", …).
    pub conflict: Option<String>,
}

/// Every command not applied, oldest first, with any open conflict.
pub async fn needs_attention(db: &Db) -> Result<Vec<AttentionRow>, Error> {
    let rows = sqlx::query(
        "SELECT commands.received_at, officers.name AS officer_name, commands.kind, \
         commands.payment_reference, commands.outcome, commands.reason, \
         (SELECT conflict FROM conflicts WHERE conflicts.command_id = commands.command_id \
          AND conflicts.resolved_at IS NULL LIMIT 1) AS conflict \
         FROM commands JOIN officers ON officers.id = commands.officer_id \
         WHERE commands.outcome <> 'applied' ORDER BY commands.received_at",
    )
    .fetch_all(db.pool())
    .await?;
    rows.iter()
        .map(|row| {
            Ok(AttentionRow {
                received_at: row.try_get("received_at")?,
                officer_name: row.try_get("officer_name")?,
                kind: row.try_get("kind")?,
                payment_reference: row.try_get("payment_reference")?,
                outcome: row.try_get("outcome")?,
                reason: row
                    .try_get::<Option<String>, _>("reason")?
                    .unwrap_or_default(),
                conflict: row.try_get("conflict")?,
            })
        })
        .collect()
}
