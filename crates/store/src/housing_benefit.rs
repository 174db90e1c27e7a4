//! Housing Benefit as kept: the council's notifications and the overpayment invoices checked
//! against the account. Written by [`Store::record_field_work`] as [`HbRow`]s (an accepted
//! invoice's refund entry goes with it in the same transaction); never changed (triggers in
//! `migrations/0006_people.sql`).

use chrono::{DateTime, NaiveDate, Utc};
use sqlx::Row;
use uuid::Uuid;

use crate::accounts::parse_uuid;
use crate::records::{instant_text, parse_instant};
use crate::{Store, StoreError};

type Transaction<'a> = sqlx::Transaction<'a, sqlx::Sqlite>;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HbNotificationRecord {
    pub id: Uuid,
    pub account_id: i64,
    pub council_reference: String,
    /// "award", "change", "suspension", "cancellation".
    pub kind: String,
    pub weekly_amount_pence: i64,
    /// "landlord" or "tenant".
    pub paid_to: String,
    pub effective_from: NaiveDate,
    pub effective_to: Option<NaiveDate>,
    pub notified_on: NaiveDate,
    pub recorded_at: DateTime<Utc>,
    pub officer: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HbOverpaymentRecord {
    pub id: Uuid,
    pub account_id: i64,
    pub council: String,
    pub invoice_reference: String,
    pub period_from: NaiveDate,
    pub period_to: NaiveDate,
    pub amount_pence: i64,
    pub tenancy_ended_on: Option<NaiveDate>,
    pub resident_days: i64,
    pub hb_credited_pence: i64,
    /// "accepted" or "queried".
    pub outcome: String,
    pub findings: Vec<String>,
    pub refund_entry_id: Option<Uuid>,
    pub decided_on: NaiveDate,
    pub recorded_at: DateTime<Utc>,
    pub officer: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HbRow {
    Notification(HbNotificationRecord),
    Overpayment(HbOverpaymentRecord),
}

pub(crate) async fn insert_hb_row(
    transaction: &mut Transaction<'_>,
    row: &HbRow,
) -> Result<(), StoreError> {
    let query = match row {
        HbRow::Notification(record) => sqlx::query(
            "INSERT INTO hb_notifications (id, account_id, council_reference, kind, \
             weekly_amount_pence, paid_to, effective_from, effective_to, notified_on, \
             recorded_at, officer) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        )
        .bind(record.id.to_string())
        .bind(record.account_id)
        .bind(&record.council_reference)
        .bind(&record.kind)
        .bind(record.weekly_amount_pence)
        .bind(&record.paid_to)
        .bind(record.effective_from)
        .bind(record.effective_to)
        .bind(record.notified_on)
        .bind(instant_text(record.recorded_at))
        .bind(&record.officer),
        HbRow::Overpayment(record) => sqlx::query(
            "INSERT INTO hb_overpayments (id, account_id, council, invoice_reference, \
             period_from, period_to, amount_pence, tenancy_ended_on, resident_days, \
             hb_credited_pence, outcome, findings, refund_entry_id, decided_on, recorded_at, \
             officer) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        )
        .bind(record.id.to_string())
        .bind(record.account_id)
        .bind(&record.council)
        .bind(&record.invoice_reference)
        .bind(record.period_from)
        .bind(record.period_to)
        .bind(record.amount_pence)
        .bind(record.tenancy_ended_on)
        .bind(record.resident_days)
        .bind(record.hb_credited_pence)
        .bind(&record.outcome)
        .bind(record.findings.join("\n"))
        .bind(record.refund_entry_id.map(|id| id.to_string()))
        .bind(record.decided_on)
        .bind(instant_text(record.recorded_at))
        .bind(&record.officer),
    };
    query.execute(&mut **transaction).await?;
    Ok(())
}

impl Store {
    /// Housing Benefit notifications of every account (or one), in the order notified.
    pub async fn hb_notifications(
        &self,
        only_account: Option<i64>,
    ) -> Result<Vec<HbNotificationRecord>, StoreError> {
        let rows = sqlx::query(&format!(
            "SELECT * FROM hb_notifications WHERE {only} \
             ORDER BY account_id, notified_on, recorded_at",
            only = crate::only_account_sql("account_id", 1, only_account)
        ))
        .bind(only_account)
        .fetch_all(self.pool())
        .await?;
        rows.iter()
            .map(|row| {
                Ok(HbNotificationRecord {
                    id: parse_uuid(row.try_get("id")?)?,
                    account_id: row.try_get("account_id")?,
                    council_reference: row.try_get("council_reference")?,
                    kind: row.try_get("kind")?,
                    weekly_amount_pence: row.try_get("weekly_amount_pence")?,
                    paid_to: row.try_get("paid_to")?,
                    effective_from: row.try_get("effective_from")?,
                    effective_to: row.try_get("effective_to")?,
                    notified_on: row.try_get("notified_on")?,
                    recorded_at: parse_instant(row.try_get("recorded_at")?)?,
                    officer: row.try_get("officer")?,
                })
            })
            .collect()
    }

    /// One account's overpayment invoices checked, newest first.
    pub async fn hb_overpayments(
        &self,
        account_id: i64,
    ) -> Result<Vec<HbOverpaymentRecord>, StoreError> {
        let rows = sqlx::query(
            "SELECT * FROM hb_overpayments WHERE account_id = ? ORDER BY recorded_at DESC",
        )
        .bind(account_id)
        .fetch_all(self.pool())
        .await?;
        rows.iter()
            .map(|row| {
                let findings: String = row.try_get("findings")?;
                let refund: Option<String> = row.try_get("refund_entry_id")?;
                Ok(HbOverpaymentRecord {
                    id: parse_uuid(row.try_get("id")?)?,
                    account_id: row.try_get("account_id")?,
                    council: row.try_get("council")?,
                    invoice_reference: row.try_get("invoice_reference")?,
                    period_from: row.try_get("period_from")?,
                    period_to: row.try_get("period_to")?,
                    amount_pence: row.try_get("amount_pence")?,
                    tenancy_ended_on: row.try_get("tenancy_ended_on")?,
                    resident_days: row.try_get("resident_days")?,
                    hb_credited_pence: row.try_get("hb_credited_pence")?,
                    outcome: row.try_get("outcome")?,
                    findings: findings.lines().map(str::to_string).collect(),
                    refund_entry_id: refund.as_deref().map(parse_uuid).transpose()?,
                    decided_on: row.try_get("decided_on")?,
                    recorded_at: parse_instant(row.try_get("recorded_at")?)?,
                    officer: row.try_get("officer")?,
                })
            })
            .collect()
    }
}
