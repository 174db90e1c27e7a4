//! Referrals and their outcomes, and write-off recommendations, as kept. Written by
//! [`Store::record_field_work`] as [`FormerTenancyRow`]s; never changed (triggers in
//! `migrations/0006_people.sql`).

use chrono::{DateTime, NaiveDate, Utc};
use sqlx::Row;
use uuid::Uuid;

use crate::accounts::parse_uuid;
use crate::records::{instant_text, parse_instant};
use crate::{Store, StoreError};

type Transaction<'a> = sqlx::Transaction<'a, sqlx::Sqlite>;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReferralRecord {
    pub id: Uuid,
    pub account_id: i64,
    /// "money_advice", "financial_inclusion", "discretionary_housing_payment".
    pub kind: String,
    pub referred_to: String,
    pub referred_on: NaiveDate,
    pub follow_up_on: NaiveDate,
    pub note: String,
    pub recorded_at: DateTime<Utc>,
    pub officer: String,
    /// Filled in from `referral_outcomes` when read back: the outcome and its day.
    pub outcome: Option<(String, NaiveDate)>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReferralOutcomeRecord {
    pub id: Uuid,
    pub referral_id: Uuid,
    pub outcome: String,
    pub recorded_on: NaiveDate,
    pub recorded_at: DateTime<Utc>,
    pub officer: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WriteOffRecommendationRecord {
    pub id: Uuid,
    pub account_id: i64,
    pub ground: String,
    pub amount_pence: i64,
    pub tenancy_ended_on: NaiveDate,
    pub reason: String,
    pub recommended_on: NaiveDate,
    pub recorded_at: DateTime<Utc>,
    pub officer: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FormerTenancyRow {
    Referral(ReferralRecord),
    ReferralOutcome(ReferralOutcomeRecord),
    WriteOff(WriteOffRecommendationRecord),
}

pub(crate) async fn insert_former_tenancy_row(
    transaction: &mut Transaction<'_>,
    row: &FormerTenancyRow,
) -> Result<(), StoreError> {
    let query = match row {
        FormerTenancyRow::Referral(record) => sqlx::query(
            "INSERT INTO referrals (id, account_id, kind, referred_to, referred_on, \
             follow_up_on, note, recorded_at, officer) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        )
        .bind(record.id.to_string())
        .bind(record.account_id)
        .bind(&record.kind)
        .bind(&record.referred_to)
        .bind(record.referred_on)
        .bind(record.follow_up_on)
        .bind(&record.note)
        .bind(instant_text(record.recorded_at))
        .bind(&record.officer),
        FormerTenancyRow::ReferralOutcome(record) => sqlx::query(
            "INSERT INTO referral_outcomes (id, referral_id, outcome, recorded_on, recorded_at, \
             officer) VALUES (?, ?, ?, ?, ?, ?)",
        )
        .bind(record.id.to_string())
        .bind(record.referral_id.to_string())
        .bind(&record.outcome)
        .bind(record.recorded_on)
        .bind(instant_text(record.recorded_at))
        .bind(&record.officer),
        FormerTenancyRow::WriteOff(record) => sqlx::query(
            "INSERT INTO write_off_recommendations (id, account_id, ground, amount_pence, \
             tenancy_ended_on, reason, recommended_on, recorded_at, officer) \
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        )
        .bind(record.id.to_string())
        .bind(record.account_id)
        .bind(&record.ground)
        .bind(record.amount_pence)
        .bind(record.tenancy_ended_on)
        .bind(&record.reason)
        .bind(record.recommended_on)
        .bind(instant_text(record.recorded_at))
        .bind(&record.officer),
    };
    query.execute(&mut **transaction).await?;
    Ok(())
}

impl Store {
    /// Referrals of every account (or one), oldest first, with their outcomes.
    pub async fn referrals(
        &self,
        only_account: Option<i64>,
    ) -> Result<Vec<ReferralRecord>, StoreError> {
        let rows = sqlx::query(&format!(
            "SELECT r.*, o.outcome, o.recorded_on AS outcome_on FROM referrals r \
             LEFT JOIN referral_outcomes o ON o.referral_id = r.id \
             WHERE {only} ORDER BY r.account_id, r.referred_on, r.recorded_at",
            only = crate::only_account_sql("r.account_id", 1, only_account)
        ))
        .bind(only_account)
        .fetch_all(self.pool())
        .await?;
        rows.iter()
            .map(|row| {
                let outcome: Option<String> = row.try_get("outcome")?;
                let outcome_on: Option<NaiveDate> = row.try_get("outcome_on")?;
                Ok(ReferralRecord {
                    id: parse_uuid(row.try_get("id")?)?,
                    account_id: row.try_get("account_id")?,
                    kind: row.try_get("kind")?,
                    referred_to: row.try_get("referred_to")?,
                    referred_on: row.try_get("referred_on")?,
                    follow_up_on: row.try_get("follow_up_on")?,
                    note: row.try_get("note")?,
                    recorded_at: parse_instant(row.try_get("recorded_at")?)?,
                    officer: row.try_get("officer")?,
                    outcome: outcome.zip(outcome_on),
                })
            })
            .collect()
    }

    /// One account's write-off recommendations, newest first.
    pub async fn write_off_recommendations(
        &self,
        account_id: i64,
    ) -> Result<Vec<WriteOffRecommendationRecord>, StoreError> {
        let rows = sqlx::query(
            "SELECT * FROM write_off_recommendations WHERE account_id = ? \
             ORDER BY recorded_at DESC",
        )
        .bind(account_id)
        .fetch_all(self.pool())
        .await?;
        rows.iter()
            .map(|row| {
                Ok(WriteOffRecommendationRecord {
                    id: parse_uuid(row.try_get("id")?)?,
                    account_id: row.try_get("account_id")?,
                    ground: row.try_get("ground")?,
                    amount_pence: row.try_get("amount_pence")?,
                    tenancy_ended_on: row.try_get("tenancy_ended_on")?,
                    reason: row.try_get("reason")?,
                    recommended_on: row.try_get("recommended_on")?,
                    recorded_at: parse_instant(row.try_get("recorded_at")?)?,
                    officer: row.try_get("officer")?,
                })
            })
            .collect()
    }
}
