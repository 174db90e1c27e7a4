//! Benefit work as kept: the tenant's Universal Credit claim as recorded, requests to the DWP
//! (managed payment, arrears deduction) and their decisions, and Discretionary Housing Payment
//! applications and decisions.
//!
//! Written by [`Store::record_field_work`] as [`BenefitRow`]s with the diary note and outbox
//! command of their command; never changed (triggers in `migrations/0005_benefits.sql`).

use chrono::{DateTime, NaiveDate, Utc};
use sqlx::Row;
use uuid::Uuid;

use crate::accounts::parse_uuid;
use crate::records::{instant_text, parse_instant};
use crate::{Store, StoreError};

type Transaction<'a> = sqlx::Transaction<'a, sqlx::Sqlite>;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UcPositionRecord {
    pub id: Uuid,
    pub account_id: i64,
    /// "single_under_25", "single_25_or_over", "couple_both_under_25",
    /// "couple_one_or_both_25_or_over".
    pub household: String,
    /// The day of the month each assessment period starts.
    pub assessment_period_day: u32,
    /// The day of the month Universal Credit is paid.
    pub payment_day: u32,
    /// The housing element, monthly.
    pub housing_element_pence: i64,
    /// "tenant" or "landlord".
    pub paid_to: String,
    /// Other deductions already taken from the claim, monthly (they count against the cap).
    pub other_deductions_pence: i64,
    pub recorded_on: NaiveDate,
    pub recorded_at: DateTime<Utc>,
    pub officer: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BenefitRequestRecord {
    pub id: Uuid,
    pub account_id: i64,
    /// "managed_payment" or "arrears_deduction".
    pub kind: String,
    pub requested_on: NaiveDate,
    pub reference: String,
    pub amount_asked_pence: Option<i64>,
    pub note: String,
    pub recorded_at: DateTime<Utc>,
    pub officer: String,
    /// Filled in from `benefit_request_decisions` when read back.
    pub decision: Option<BenefitDecisionRecord>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BenefitDecisionRecord {
    pub id: Uuid,
    pub request_id: Uuid,
    pub decided_on: NaiveDate,
    /// "approved", "refused", "withdrawn".
    pub outcome: String,
    pub starts_on: Option<NaiveDate>,
    /// Monthly: the deduction, or the housing element paid to the landlord.
    pub amount_pence: Option<i64>,
    pub note: String,
    pub recorded_at: DateTime<Utc>,
    pub officer: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DhpApplicationRecord {
    pub id: Uuid,
    pub account_id: i64,
    pub council: String,
    pub amount_pence: i64,
    pub period_from: NaiveDate,
    pub period_to: NaiveDate,
    pub reason: String,
    pub applied_on: NaiveDate,
    pub recorded_at: DateTime<Utc>,
    pub officer: String,
    /// Filled in from `dhp_decisions` when read back.
    pub decision: Option<DhpDecisionRecord>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DhpDecisionRecord {
    pub id: Uuid,
    pub application_id: Uuid,
    pub decided_on: NaiveDate,
    /// "awarded" or "refused".
    pub outcome: String,
    pub amount_pence: Option<i64>,
    pub period_from: Option<NaiveDate>,
    pub period_to: Option<NaiveDate>,
    pub note: String,
    pub recorded_at: DateTime<Utc>,
    pub officer: String,
}

/// One benefit-work row a command writes besides its diary note.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BenefitRow {
    UcPosition(UcPositionRecord),
    Request(BenefitRequestRecord),
    Decision(BenefitDecisionRecord),
    DhpApplication(DhpApplicationRecord),
    DhpDecision(DhpDecisionRecord),
}

pub(crate) async fn insert_benefit_row(
    transaction: &mut Transaction<'_>,
    row: &BenefitRow,
) -> Result<(), StoreError> {
    let query = match row {
        BenefitRow::UcPosition(record) => sqlx::query(
            "INSERT INTO uc_positions (id, account_id, household, assessment_period_day, \
             payment_day, housing_element_pence, paid_to, other_deductions_pence, recorded_on, \
             recorded_at, officer) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        )
        .bind(record.id.to_string())
        .bind(record.account_id)
        .bind(&record.household)
        .bind(i64::from(record.assessment_period_day))
        .bind(i64::from(record.payment_day))
        .bind(record.housing_element_pence)
        .bind(&record.paid_to)
        .bind(record.other_deductions_pence)
        .bind(record.recorded_on)
        .bind(instant_text(record.recorded_at))
        .bind(&record.officer),
        BenefitRow::Request(record) => sqlx::query(
            "INSERT INTO benefit_requests (id, account_id, kind, requested_on, reference, \
             amount_asked_pence, note, recorded_at, officer) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        )
        .bind(record.id.to_string())
        .bind(record.account_id)
        .bind(&record.kind)
        .bind(record.requested_on)
        .bind(&record.reference)
        .bind(record.amount_asked_pence)
        .bind(&record.note)
        .bind(instant_text(record.recorded_at))
        .bind(&record.officer),
        BenefitRow::Decision(record) => sqlx::query(
            "INSERT INTO benefit_request_decisions (id, request_id, decided_on, outcome, \
             starts_on, amount_pence, note, recorded_at, officer) \
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        )
        .bind(record.id.to_string())
        .bind(record.request_id.to_string())
        .bind(record.decided_on)
        .bind(&record.outcome)
        .bind(record.starts_on)
        .bind(record.amount_pence)
        .bind(&record.note)
        .bind(instant_text(record.recorded_at))
        .bind(&record.officer),
        BenefitRow::DhpApplication(record) => sqlx::query(
            "INSERT INTO dhp_applications (id, account_id, council, amount_pence, period_from, \
             period_to, reason, applied_on, recorded_at, officer) \
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        )
        .bind(record.id.to_string())
        .bind(record.account_id)
        .bind(&record.council)
        .bind(record.amount_pence)
        .bind(record.period_from)
        .bind(record.period_to)
        .bind(&record.reason)
        .bind(record.applied_on)
        .bind(instant_text(record.recorded_at))
        .bind(&record.officer),
        BenefitRow::DhpDecision(record) => sqlx::query(
            "INSERT INTO dhp_decisions (id, application_id, decided_on, outcome, amount_pence, \
             period_from, period_to, note, recorded_at, officer) \
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        )
        .bind(record.id.to_string())
        .bind(record.application_id.to_string())
        .bind(record.decided_on)
        .bind(&record.outcome)
        .bind(record.amount_pence)
        .bind(record.period_from)
        .bind(record.period_to)
        .bind(&record.note)
        .bind(instant_text(record.recorded_at))
        .bind(&record.officer),
    };
    query.execute(&mut **transaction).await?;
    Ok(())
}

fn day(value: i64) -> Result<u32, StoreError> {
    u32::try_from(value).map_err(|_| StoreError::Corrupt {
        what: "a day of the month".into(),
    })
}

impl Store {
    /// The latest recorded Universal Credit position of every account (or one).
    pub async fn uc_positions(
        &self,
        only_account: Option<i64>,
    ) -> Result<Vec<UcPositionRecord>, StoreError> {
        let rows = sqlx::query(&format!(
            "SELECT * FROM uc_positions p WHERE {only} AND recorded_at = \
             (SELECT max(recorded_at) FROM uc_positions q WHERE q.account_id = p.account_id) \
             ORDER BY account_id",
            only = crate::only_account_sql("p.account_id", 1, only_account)
        ))
        .bind(only_account)
        .fetch_all(self.pool())
        .await?;
        rows.iter()
            .map(|row| {
                Ok(UcPositionRecord {
                    id: parse_uuid(row.try_get("id")?)?,
                    account_id: row.try_get("account_id")?,
                    household: row.try_get("household")?,
                    assessment_period_day: day(row.try_get("assessment_period_day")?)?,
                    payment_day: day(row.try_get("payment_day")?)?,
                    housing_element_pence: row.try_get("housing_element_pence")?,
                    paid_to: row.try_get("paid_to")?,
                    other_deductions_pence: row.try_get("other_deductions_pence")?,
                    recorded_on: row.try_get("recorded_on")?,
                    recorded_at: parse_instant(row.try_get("recorded_at")?)?,
                    officer: row.try_get("officer")?,
                })
            })
            .collect()
    }

    /// Requests to the DWP of every account (or one), oldest first, with their decisions.
    pub async fn benefit_requests(
        &self,
        only_account: Option<i64>,
    ) -> Result<Vec<BenefitRequestRecord>, StoreError> {
        let rows = sqlx::query(&format!(
            "SELECT r.*, d.id AS decision_id, d.decided_on, d.outcome, d.starts_on, \
             d.amount_pence, d.note AS decision_note, d.recorded_at AS decision_recorded_at, \
             d.officer AS decision_officer \
             FROM benefit_requests r LEFT JOIN benefit_request_decisions d ON d.request_id = r.id \
             WHERE {only} ORDER BY r.account_id, r.requested_on, r.recorded_at",
            only = crate::only_account_sql("r.account_id", 1, only_account)
        ))
        .bind(only_account)
        .fetch_all(self.pool())
        .await?;
        rows.iter()
            .map(|row| {
                let id = parse_uuid(row.try_get("id")?)?;
                let decision_id: Option<String> = row.try_get("decision_id")?;
                let decision = match decision_id {
                    None => None,
                    Some(decision_id) => {
                        let recorded_at: String = row.try_get("decision_recorded_at")?;
                        Some(BenefitDecisionRecord {
                            id: parse_uuid(&decision_id)?,
                            request_id: id,
                            decided_on: row.try_get("decided_on")?,
                            outcome: row.try_get("outcome")?,
                            starts_on: row.try_get("starts_on")?,
                            amount_pence: row.try_get("amount_pence")?,
                            note: row.try_get("decision_note")?,
                            recorded_at: parse_instant(&recorded_at)?,
                            officer: row.try_get("decision_officer")?,
                        })
                    }
                };
                Ok(BenefitRequestRecord {
                    id,
                    account_id: row.try_get("account_id")?,
                    kind: row.try_get("kind")?,
                    requested_on: row.try_get("requested_on")?,
                    reference: row.try_get("reference")?,
                    amount_asked_pence: row.try_get("amount_asked_pence")?,
                    note: row.try_get("note")?,
                    recorded_at: parse_instant(row.try_get("recorded_at")?)?,
                    officer: row.try_get("officer")?,
                    decision,
                })
            })
            .collect()
    }

    /// DHP applications of one account, oldest first, with their decisions.
    pub async fn dhp_applications(
        &self,
        account_id: i64,
    ) -> Result<Vec<DhpApplicationRecord>, StoreError> {
        let rows = sqlx::query(
            "SELECT a.*, d.id AS decision_id, d.decided_on, d.outcome, \
             d.amount_pence AS decision_amount_pence, d.period_from AS decision_from, \
             d.period_to AS decision_to, d.note AS decision_note, \
             d.recorded_at AS decision_recorded_at, d.officer AS decision_officer \
             FROM dhp_applications a LEFT JOIN dhp_decisions d ON d.application_id = a.id \
             WHERE a.account_id = ? ORDER BY a.applied_on, a.recorded_at",
        )
        .bind(account_id)
        .fetch_all(self.pool())
        .await?;
        rows.iter()
            .map(|row| {
                let id = parse_uuid(row.try_get("id")?)?;
                let decision_id: Option<String> = row.try_get("decision_id")?;
                let decision = match decision_id {
                    None => None,
                    Some(decision_id) => {
                        let recorded_at: String = row.try_get("decision_recorded_at")?;
                        Some(DhpDecisionRecord {
                            id: parse_uuid(&decision_id)?,
                            application_id: id,
                            decided_on: row.try_get("decided_on")?,
                            outcome: row.try_get("outcome")?,
                            amount_pence: row.try_get("decision_amount_pence")?,
                            period_from: row.try_get("decision_from")?,
                            period_to: row.try_get("decision_to")?,
                            note: row.try_get("decision_note")?,
                            recorded_at: parse_instant(&recorded_at)?,
                            officer: row.try_get("decision_officer")?,
                        })
                    }
                };
                Ok(DhpApplicationRecord {
                    id,
                    account_id: row.try_get("account_id")?,
                    council: row.try_get("council")?,
                    amount_pence: row.try_get("amount_pence")?,
                    period_from: row.try_get("period_from")?,
                    period_to: row.try_get("period_to")?,
                    reason: row.try_get("reason")?,
                    applied_on: row.try_get("applied_on")?,
                    recorded_at: parse_instant(row.try_get("recorded_at")?)?,
                    officer: row.try_get("officer")?,
                    decision,
                })
            })
            .collect()
    }
}
