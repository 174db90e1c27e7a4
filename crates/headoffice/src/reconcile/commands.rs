//! The commands devices sent, as the reports read them, with the payload parsed. What a
//! payload field means is each report's business.

use sqlx::Row;

use crate::db::Db;
use crate::error::Error;

/// One command as intake stored it.
#[derive(Debug, Clone)]
pub struct StoredCommand {
    pub command_id: String,
    pub kind: String,
    pub payment_reference: Option<String>,
    pub payload: serde_json::Value,
    pub created_at: String,
    pub received_at: String,
    /// `applied`, `rejected` or `held`.
    pub outcome: String,
}

impl StoredCommand {
    /// A text field of the payload, trimmed; None when absent, empty or not text.
    pub fn text(&self, key: &str) -> Option<String> {
        payload_text(&self.payload, key)
    }

    /// The officer's name as the device wrote it (the command's own record of who).
    pub fn officer(&self) -> String {
        self.text("officer").unwrap_or_default()
    }
}

pub fn payload_text(payload: &serde_json::Value, key: &str) -> Option<String> {
    payload
        .get(key)
        .and_then(|value| value.as_str())
        .map(str::trim)
        .filter(|text| !text.is_empty())
        .map(str::to_string)
}

/// Applied commands of these kinds, oldest received first.
pub async fn applied_of_kinds(db: &Db, kinds: &[&str]) -> Result<Vec<StoredCommand>, Error> {
    of_kinds(db, kinds, "=").await
}

/// Commands of these kinds head office held for a person or rejected, oldest received first:
/// an officer still took the money they record.
pub async fn not_applied_of_kinds(db: &Db, kinds: &[&str]) -> Result<Vec<StoredCommand>, Error> {
    of_kinds(db, kinds, "<>").await
}

async fn of_kinds(
    db: &Db,
    kinds: &[&str],
    applied_comparison: &str,
) -> Result<Vec<StoredCommand>, Error> {
    assert!(["=", "<>"].contains(&applied_comparison));
    let sql = format!(
        "SELECT command_id, kind, payment_reference, payload, created_at, received_at, outcome \
         FROM commands WHERE outcome {applied_comparison} 'applied' AND kind IN ({}) \
         ORDER BY received_at, command_id",
        crate::db::placeholders(1, kinds.len())
    );
    let mut query = sqlx::query(&sql);
    for kind in kinds {
        query = query.bind(*kind);
    }
    query
        .fetch_all(db.pool())
        .await?
        .iter()
        .map(command_of)
        .collect()
}

/// Applied commands received from `from_text` (inclusive) to `to_text` (exclusive), as
/// instants or dates in text: text order is time order for head office's instants.
pub async fn applied_received_between(
    db: &Db,
    from_text: &str,
    to_text: &str,
) -> Result<Vec<StoredCommand>, Error> {
    sqlx::query(
        "SELECT command_id, kind, payment_reference, payload, created_at, received_at, outcome \
         FROM commands WHERE outcome = 'applied' AND received_at >= $1 AND received_at < $2 \
         ORDER BY received_at, command_id",
    )
    .bind(from_text)
    .bind(to_text)
    .fetch_all(db.pool())
    .await?
    .iter()
    .map(command_of)
    .collect()
}

fn command_of(row: &sqlx::any::AnyRow) -> Result<StoredCommand, Error> {
    let command_id: String = row.try_get("command_id")?;
    let payload: String = row.try_get("payload")?;
    // Intake stored the payload from parsed JSON, so failing to parse it is head office's
    // own fault, not a device's.
    let payload = serde_json::from_str(&payload).map_err(|error| {
        Error::Unavailable(format!(
            "stored command {command_id} has unreadable JSON: {error}"
        ))
    })?;
    Ok(StoredCommand {
        command_id,
        kind: row.try_get("kind")?,
        payment_reference: row.try_get("payment_reference")?,
        payload,
        created_at: row.try_get("created_at")?,
        received_at: row.try_get("received_at")?,
        outcome: row.try_get("outcome")?,
    })
}
