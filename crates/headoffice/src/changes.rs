//! The change log devices pull from. Every write that changes what an officer should see
//! adds a row addressed to that officer, inside a transaction from `Db::write`.

use crate::db::{now_text, Conn};
use crate::error::Error;

pub const ASSIGNED: &str = "assigned";
pub const UNASSIGNED: &str = "unassigned";

/// Something about the account changed: its officer (if any) fetches it again.
pub async fn account_changed(connection: &mut Conn, payment_reference: &str) -> Result<(), Error> {
    if let Some(officer_id) = assignee(connection, payment_reference).await? {
        add(connection, &officer_id, payment_reference, ASSIGNED).await?;
    }
    Ok(())
}

/// Assigns the account to `officer_id`; false if it already was.
pub async fn assign(
    connection: &mut Conn,
    payment_reference: &str,
    officer_id: &str,
) -> Result<bool, Error> {
    let previous = assignee(connection, payment_reference).await?;
    if previous.as_deref() == Some(officer_id) {
        return Ok(false);
    }
    let now = now_text();
    match &previous {
        Some(previous) => {
            sqlx::query(
                "UPDATE assignments SET officer_id = $1, assigned_at = $2 \
                 WHERE payment_reference = $3",
            )
            .bind(officer_id)
            .bind(&now)
            .bind(payment_reference)
            .execute(&mut *connection)
            .await?;
            add(connection, previous, payment_reference, UNASSIGNED).await?;
        }
        None => {
            sqlx::query(
                "INSERT INTO assignments (payment_reference, officer_id, assigned_at) \
                 VALUES ($1, $2, $3)",
            )
            .bind(payment_reference)
            .bind(officer_id)
            .bind(&now)
            .execute(&mut *connection)
            .await?;
        }
    }
    add(connection, officer_id, payment_reference, ASSIGNED).await?;
    Ok(true)
}

pub async fn assignee(
    connection: &mut Conn,
    payment_reference: &str,
) -> Result<Option<String>, Error> {
    Ok(
        sqlx::query_scalar("SELECT officer_id FROM assignments WHERE payment_reference = $1")
            .bind(payment_reference)
            .fetch_optional(&mut *connection)
            .await?,
    )
}

async fn add(
    connection: &mut Conn,
    officer_id: &str,
    payment_reference: &str,
    change: &str,
) -> Result<(), Error> {
    sqlx::query(
        "INSERT INTO changes (officer_id, payment_reference, change, at) VALUES ($1, $2, $3, $4)",
    )
    .bind(officer_id)
    .bind(payment_reference)
    .bind(change)
    .bind(now_text())
    .execute(&mut *connection)
    .await?;
    Ok(())
}
