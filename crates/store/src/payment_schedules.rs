//! Third-party payment schedules as kept: the latest row of an account is the agreement in
//! force. Written by [`Store::record_field_work`] as a `FieldRow::PaymentSchedule`; never
//! changed (triggers in `migrations/0006_people.sql`).

use chrono::{DateTime, NaiveDate, Utc};
use sqlx::Row;
use uuid::Uuid;

use crate::accounts::parse_uuid;
use crate::records::{instant_text, parse_instant};
use crate::{Store, StoreError};

type Transaction<'a> = sqlx::Transaction<'a, sqlx::Sqlite>;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PaymentScheduleRecord {
    pub id: Uuid,
    pub account_id: i64,
    pub payer_name: String,
    /// "local_authority", "support_provider", "appointee".
    pub payer_kind: String,
    /// "rent_and_service_charges", "rent", "service_charges".
    pub covers: String,
    /// "weekly", "four_weekly", "monthly".
    pub period: String,
    pub amount_pence: i64,
    pub starts_on: NaiveDate,
    pub ends_on: Option<NaiveDate>,
    pub grace_days: u32,
    pub recorded_at: DateTime<Utc>,
    pub officer: String,
}

pub(crate) async fn insert_payment_schedule(
    transaction: &mut Transaction<'_>,
    record: &PaymentScheduleRecord,
) -> Result<(), StoreError> {
    sqlx::query(
        "INSERT INTO payment_schedules (id, account_id, payer_name, payer_kind, covers, period, \
         amount_pence, starts_on, ends_on, grace_days, recorded_at, officer) \
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
    )
    .bind(record.id.to_string())
    .bind(record.account_id)
    .bind(&record.payer_name)
    .bind(&record.payer_kind)
    .bind(&record.covers)
    .bind(&record.period)
    .bind(record.amount_pence)
    .bind(record.starts_on)
    .bind(record.ends_on)
    .bind(i64::from(record.grace_days))
    .bind(instant_text(record.recorded_at))
    .bind(&record.officer)
    .execute(&mut **transaction)
    .await?;
    Ok(())
}

impl Store {
    /// The schedule in force of every account that has one (or of one account).
    pub async fn payment_schedules(
        &self,
        only_account: Option<i64>,
    ) -> Result<Vec<PaymentScheduleRecord>, StoreError> {
        let rows = sqlx::query(&format!(
            "SELECT * FROM payment_schedules p WHERE {only} AND recorded_at = \
             (SELECT max(recorded_at) FROM payment_schedules q WHERE q.account_id = p.account_id) \
             ORDER BY account_id",
            only = crate::only_account_sql("p.account_id", 1, only_account)
        ))
        .bind(only_account)
        .fetch_all(self.pool())
        .await?;
        rows.iter()
            .map(|row| {
                let grace: i64 = row.try_get("grace_days")?;
                Ok(PaymentScheduleRecord {
                    id: parse_uuid(row.try_get("id")?)?,
                    account_id: row.try_get("account_id")?,
                    payer_name: row.try_get("payer_name")?,
                    payer_kind: row.try_get("payer_kind")?,
                    covers: row.try_get("covers")?,
                    period: row.try_get("period")?,
                    amount_pence: row.try_get("amount_pence")?,
                    starts_on: row.try_get("starts_on")?,
                    ends_on: row.try_get("ends_on")?,
                    grace_days: u32::try_from(grace).map_err(|_| StoreError::Corrupt {
                        what: "a schedule's grace days".into(),
                    })?,
                    recorded_at: parse_instant(row.try_get("recorded_at")?)?,
                    officer: row.try_get("officer")?,
                })
            })
            .collect()
    }
}
