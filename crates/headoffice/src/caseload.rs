//! The caseload a device pulls: pages of the change log addressed to its officer, each
//! account sent whole as head office holds it now.

use doorstep_sync::{AccountChange, AccountSnapshot, CaseloadPage, PAGE_LIMIT_MAX};
use sqlx::Row;

use crate::accounts;
use crate::auth::Device;
use crate::changes::UNASSIGNED;
use crate::db::{now_text, Db};
use crate::error::Error;

pub async fn page(db: &Db, device: &Device, after: i64, limit: u32) -> Result<CaseloadPage, Error> {
    let limit = limit.clamp(1, PAGE_LIMIT_MAX);
    let officer = device.officer_id.to_string();
    // Only each account's latest change: the snapshot is the account as it is now, so an
    // account changed a thousand times since the cursor is sent once.
    let rows = sqlx::query(
        "SELECT seq, payment_reference, change, at FROM changes AS c \
         WHERE officer_id = $1 AND seq > $2 AND NOT EXISTS (SELECT 1 FROM changes AS later \
         WHERE later.officer_id = c.officer_id AND later.payment_reference = c.payment_reference \
         AND later.seq > c.seq) ORDER BY seq LIMIT $3",
    )
    .bind(&officer)
    .bind(after)
    .bind(i64::from(limit))
    .fetch_all(db.pool())
    .await?;
    let mut cursor = after;
    // The last change of each account in the page decides what is sent, in that order.
    let mut latest: Vec<(String, String, String)> = Vec::new();
    for row in &rows {
        cursor = row.try_get("seq")?;
        let reference: String = row.try_get("payment_reference")?;
        latest.retain(|(seen, _, _)| *seen != reference);
        latest.push((reference, row.try_get("change")?, row.try_get("at")?));
    }
    let wanted: Vec<String> = latest
        .iter()
        .filter(|(_, change, _)| change != UNASSIGNED)
        .map(|(reference, _, _)| reference.clone())
        .collect();
    let mut snapshots = accounts::snapshots(db, &wanted).await?;
    let mut changes = Vec::with_capacity(latest.len());
    for (reference, change, at) in latest {
        if change == UNASSIGNED {
            changes.push(AccountChange::Unassigned {
                payment_reference: reference,
                at: chrono::DateTime::parse_from_rfc3339(&at)
                    .map_err(|_| Error::Unavailable(format!("a stored instant: {at}")))?
                    .with_timezone(&chrono::Utc),
            });
        } else if let Some(position) = snapshots
            .iter()
            .position(|snapshot| snapshot.payment_reference == reference)
        {
            changes.push(AccountChange::Assigned(Box::new(
                snapshots.swap_remove(position),
            )));
        }
    }
    let remaining: i64 = sqlx::query_scalar(
        "SELECT count(DISTINCT payment_reference) FROM changes WHERE officer_id = $1 AND seq > $2",
    )
    .bind(&officer)
    .bind(cursor)
    .fetch_one(db.pool())
    .await?;
    if remaining == 0 {
        sqlx::query("UPDATE devices SET last_pulled_at = $1, last_seen_at = $1 WHERE id = $2")
            .bind(now_text())
            .bind(device.id.to_string())
            .execute(db.pool())
            .await?;
    }
    Ok(CaseloadPage {
        changes,
        cursor,
        remaining: u64::try_from(remaining).unwrap_or_default(),
    })
}

/// One account, if it is assigned to the device's officer.
pub async fn account(db: &Db, device: &Device, reference: &str) -> Result<AccountSnapshot, Error> {
    let assignee: Option<String> =
        sqlx::query_scalar("SELECT officer_id FROM assignments WHERE payment_reference = $1")
            .bind(reference)
            .fetch_optional(db.pool())
            .await?;
    if assignee.as_deref() != Some(device.officer_id.to_string().as_str()) {
        return Err(Error::Forbidden(format!(
            "account {reference} is not assigned to you"
        )));
    }
    accounts::snapshots(db, &[reference.to_string()])
        .await?
        .pop()
        .ok_or_else(|| Error::NotFound(format!("head office has no account {reference}")))
}
