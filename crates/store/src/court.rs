//! Notices and court work as kept: a notice as drafted with the dates its rule set gave, its
//! service on each tenant, the tenancy agreement as supplied, claims issued, hearing outcomes,
//! warrant requests and N244 applications.
//!
//! Every row is written by [`Store::record_field_work`] as a [`CourtRow`], with its diary note
//! and outbox command in one transaction, and none is ever changed: a court may rely on any of
//! it (triggers in `migrations/0004_court.sql`). The store computes no legal rule; the dates
//! are the domain's, kept as they were computed so the paper served stays what the record says.

use chrono::{DateTime, NaiveDate, NaiveTime, Utc};
use sqlx::Row;
use uuid::Uuid;

use crate::accounts::parse_uuid;
use crate::records::{instant_text, parse_instant};
use crate::{Store, StoreError};

type Transaction<'a> = sqlx::Transaction<'a, sqlx::Sqlite>;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NoticeRecord {
    pub id: Uuid,
    pub account_id: i64,
    /// "nosp" or "form_3".
    pub kind: String,
    pub rule_set_id: String,
    /// Ground codes as the Act numbers them: "1", "8", "10", "11".
    pub grounds: Vec<String>,
    pub arrears_pence: i64,
    pub arrears_on: NaiveDate,
    pub particulars: String,
    pub planned_service_on: NaiveDate,
    /// "by_hand", "left_at_property", "first_class_post", "second_class_post".
    pub planned_method: String,
    pub date_specified: NaiveDate,
    pub proceedings_from: NaiveDate,
    pub expires_on: NaiveDate,
    pub drafted_at: DateTime<Utc>,
    pub officer: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NoticeServiceRecord {
    pub id: Uuid,
    pub notice_id: Uuid,
    pub person_name: String,
    pub method: String,
    pub served_on: NaiveDate,
    pub served_at: Option<NaiveTime>,
    pub served_by: String,
    pub deemed_served_on: NaiveDate,
    pub recorded_at: DateTime<Utc>,
}

/// A notice with its service so far.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NoticeWithService {
    pub notice: NoticeRecord,
    /// In the order recorded.
    pub services: Vec<NoticeServiceRecord>,
}

#[derive(Clone, PartialEq, Eq)]
pub struct TenancyDocumentRecord {
    pub id: Uuid,
    pub account_id: i64,
    pub file_name: String,
    pub media_type: String,
    pub bytes: Vec<u8>,
    pub added_at: DateTime<Utc>,
    pub officer: String,
}

/// The bytes are a tenancy agreement: never printed into a log.
impl std::fmt::Debug for TenancyDocumentRecord {
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        formatter
            .debug_struct("TenancyDocumentRecord")
            .field("id", &self.id)
            .field("account_id", &self.account_id)
            .field("media_type", &self.media_type)
            .field("bytes", &self.bytes.len())
            .finish()
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClaimRecord {
    pub id: Uuid,
    pub account_id: i64,
    pub notice_id: Uuid,
    pub issued_on: NaiveDate,
    pub claim_number: String,
    pub court: String,
    pub amount_due_pence: i64,
    pub daily_rate_pence: i64,
    pub fee_pence: i64,
    pub recorded_at: DateTime<Utc>,
    pub officer: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HearingOutcomeRecord {
    pub id: Uuid,
    pub account_id: i64,
    pub claim_id: Uuid,
    pub hearing_on: NaiveDate,
    /// The outcome code ("SOT", "OPD", …).
    pub outcome: String,
    pub possession_on: Option<NaiveDate>,
    pub next_hearing_on: Option<NaiveDate>,
    pub arrangement_id: Option<Uuid>,
    pub note: String,
    pub recorded_at: DateTime<Utc>,
    pub officer: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WarrantRequestRecord {
    pub id: Uuid,
    pub account_id: i64,
    pub claim_id: Uuid,
    pub requested_on: NaiveDate,
    pub breach: String,
    pub balance_pence: i64,
    pub fee_pence: i64,
    pub recorded_at: DateTime<Utc>,
    pub officer: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CourtApplicationRecord {
    pub id: Uuid,
    pub account_id: i64,
    pub claim_id: Uuid,
    /// "landlord" or "tenant".
    pub applicant: String,
    pub applied_on: NaiveDate,
    pub purpose: String,
    /// "on_notice", "by_consent", "none".
    pub fee_kind: String,
    pub hearing_on: Option<NaiveDate>,
    pub recorded_at: DateTime<Utc>,
    pub officer: String,
    /// Filled in from `court_application_outcomes` when read back.
    pub outcome: Option<CourtApplicationOutcomeRecord>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CourtApplicationOutcomeRecord {
    pub id: Uuid,
    pub application_id: Uuid,
    pub decided_on: NaiveDate,
    /// "granted", "refused", "withdrawn", "adjourned".
    pub outcome: String,
    pub note: String,
    pub recorded_at: DateTime<Utc>,
    pub officer: String,
}

/// One court-work row a command writes besides its entries, diary and hold.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CourtRow {
    Notice(NoticeRecord),
    NoticeService(NoticeServiceRecord),
    TenancyDocument(TenancyDocumentRecord),
    Claim(ClaimRecord),
    HearingOutcome(HearingOutcomeRecord),
    WarrantRequest(WarrantRequestRecord),
    Application(CourtApplicationRecord),
    ApplicationOutcome(CourtApplicationOutcomeRecord),
}

fn time_text(time: NaiveTime) -> String {
    time.format("%H:%M").to_string()
}

fn parse_time(text: &str) -> Result<NaiveTime, StoreError> {
    NaiveTime::parse_from_str(text, "%H:%M").map_err(|_| StoreError::Corrupt {
        what: format!("a time {text:?}"),
    })
}

pub(crate) async fn insert_court_row(
    transaction: &mut Transaction<'_>,
    row: &CourtRow,
) -> Result<(), StoreError> {
    let query = match row {
        CourtRow::Notice(record) => sqlx::query(
            "INSERT INTO notices (id, account_id, kind, rule_set_id, grounds, arrears_pence, \
             arrears_on, particulars, planned_service_on, planned_method, date_specified, \
             proceedings_from, expires_on, drafted_at, officer) \
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        )
        .bind(record.id.to_string())
        .bind(record.account_id)
        .bind(&record.kind)
        .bind(&record.rule_set_id)
        .bind(
            serde_json::to_string(&record.grounds).map_err(|_| StoreError::Corrupt {
                what: "a notice's grounds".into(),
            })?,
        )
        .bind(record.arrears_pence)
        .bind(record.arrears_on)
        .bind(&record.particulars)
        .bind(record.planned_service_on)
        .bind(&record.planned_method)
        .bind(record.date_specified)
        .bind(record.proceedings_from)
        .bind(record.expires_on)
        .bind(instant_text(record.drafted_at))
        .bind(&record.officer),
        CourtRow::NoticeService(record) => sqlx::query(
            "INSERT INTO notice_services (id, notice_id, person_name, method, served_on, \
             served_at, served_by, deemed_served_on, recorded_at) \
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        )
        .bind(record.id.to_string())
        .bind(record.notice_id.to_string())
        .bind(&record.person_name)
        .bind(&record.method)
        .bind(record.served_on)
        .bind(record.served_at.map(time_text))
        .bind(&record.served_by)
        .bind(record.deemed_served_on)
        .bind(instant_text(record.recorded_at)),
        CourtRow::TenancyDocument(record) => sqlx::query(
            "INSERT INTO tenancy_documents (id, account_id, kind, file_name, media_type, \
                 bytes, added_at, officer) VALUES (?, ?, 'tenancy_agreement', ?, ?, ?, ?, ?)",
        )
        .bind(record.id.to_string())
        .bind(record.account_id)
        .bind(&record.file_name)
        .bind(&record.media_type)
        .bind(&record.bytes)
        .bind(instant_text(record.added_at))
        .bind(&record.officer),
        CourtRow::Claim(record) => sqlx::query(
            "INSERT INTO claims (id, account_id, notice_id, issued_on, claim_number, court, \
             amount_due_pence, daily_rate_pence, fee_pence, recorded_at, officer) \
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        )
        .bind(record.id.to_string())
        .bind(record.account_id)
        .bind(record.notice_id.to_string())
        .bind(record.issued_on)
        .bind(&record.claim_number)
        .bind(&record.court)
        .bind(record.amount_due_pence)
        .bind(record.daily_rate_pence)
        .bind(record.fee_pence)
        .bind(instant_text(record.recorded_at))
        .bind(&record.officer),
        CourtRow::HearingOutcome(record) => sqlx::query(
            "INSERT INTO hearing_outcomes (id, account_id, claim_id, hearing_on, outcome, \
             possession_on, next_hearing_on, arrangement_id, note, recorded_at, officer) \
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        )
        .bind(record.id.to_string())
        .bind(record.account_id)
        .bind(record.claim_id.to_string())
        .bind(record.hearing_on)
        .bind(&record.outcome)
        .bind(record.possession_on)
        .bind(record.next_hearing_on)
        .bind(record.arrangement_id.map(|id| id.to_string()))
        .bind(&record.note)
        .bind(instant_text(record.recorded_at))
        .bind(&record.officer),
        CourtRow::WarrantRequest(record) => sqlx::query(
            "INSERT INTO warrant_requests (id, account_id, claim_id, requested_on, breach, \
             balance_pence, fee_pence, recorded_at, officer) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        )
        .bind(record.id.to_string())
        .bind(record.account_id)
        .bind(record.claim_id.to_string())
        .bind(record.requested_on)
        .bind(&record.breach)
        .bind(record.balance_pence)
        .bind(record.fee_pence)
        .bind(instant_text(record.recorded_at))
        .bind(&record.officer),
        CourtRow::Application(record) => sqlx::query(
            "INSERT INTO court_applications (id, account_id, claim_id, applicant, applied_on, \
             purpose, fee_kind, hearing_on, recorded_at, officer) \
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        )
        .bind(record.id.to_string())
        .bind(record.account_id)
        .bind(record.claim_id.to_string())
        .bind(&record.applicant)
        .bind(record.applied_on)
        .bind(&record.purpose)
        .bind(&record.fee_kind)
        .bind(record.hearing_on)
        .bind(instant_text(record.recorded_at))
        .bind(&record.officer),
        CourtRow::ApplicationOutcome(record) => sqlx::query(
            "INSERT INTO court_application_outcomes (id, application_id, decided_on, outcome, \
             note, recorded_at, officer) VALUES (?, ?, ?, ?, ?, ?, ?)",
        )
        .bind(record.id.to_string())
        .bind(record.application_id.to_string())
        .bind(record.decided_on)
        .bind(&record.outcome)
        .bind(&record.note)
        .bind(instant_text(record.recorded_at))
        .bind(&record.officer),
    };
    query.execute(&mut **transaction).await?;
    Ok(())
}

fn optional_uuid(text: Option<String>) -> Result<Option<Uuid>, StoreError> {
    text.as_deref().map(parse_uuid).transpose()
}

fn notice_from_row(row: &sqlx::sqlite::SqliteRow) -> Result<NoticeRecord, StoreError> {
    Ok(NoticeRecord {
        id: parse_uuid(row.try_get("id")?)?,
        account_id: row.try_get("account_id")?,
        kind: row.try_get("kind")?,
        rule_set_id: row.try_get("rule_set_id")?,
        grounds: serde_json::from_str(row.try_get("grounds")?).map_err(|_| {
            StoreError::Corrupt {
                what: "a notice's grounds".into(),
            }
        })?,
        arrears_pence: row.try_get("arrears_pence")?,
        arrears_on: row.try_get("arrears_on")?,
        particulars: row.try_get("particulars")?,
        planned_service_on: row.try_get("planned_service_on")?,
        planned_method: row.try_get("planned_method")?,
        date_specified: row.try_get("date_specified")?,
        proceedings_from: row.try_get("proceedings_from")?,
        expires_on: row.try_get("expires_on")?,
        drafted_at: parse_instant(row.try_get("drafted_at")?)?,
        officer: row.try_get("officer")?,
    })
}

fn service_from_row(row: &sqlx::sqlite::SqliteRow) -> Result<NoticeServiceRecord, StoreError> {
    let served_at: Option<String> = row.try_get("served_at")?;
    Ok(NoticeServiceRecord {
        id: parse_uuid(row.try_get("id")?)?,
        notice_id: parse_uuid(row.try_get("notice_id")?)?,
        person_name: row.try_get("person_name")?,
        method: row.try_get("method")?,
        served_on: row.try_get("served_on")?,
        served_at: served_at.as_deref().map(parse_time).transpose()?,
        served_by: row.try_get("served_by")?,
        deemed_served_on: row.try_get("deemed_served_on")?,
        recorded_at: parse_instant(row.try_get("recorded_at")?)?,
    })
}

impl Store {
    /// Adds court rows that arrive as history (a demo patch), in order and in one transaction:
    /// not the device's own commands, so no diary note or outbox command comes with them.
    /// Rows that refer to others (a service to its notice, an outcome to its claim and
    /// arrangement) must come after them.
    pub async fn insert_court_history(&self, rows: &[CourtRow]) -> Result<(), StoreError> {
        let mut transaction = self.write_transaction().await?;
        for row in rows {
            insert_court_row(&mut transaction, row).await?;
        }
        transaction.commit().await?;
        Ok(())
    }

    /// Every notice on the account, newest draft first, each with its service.
    pub async fn notices(&self, account_id: i64) -> Result<Vec<NoticeWithService>, StoreError> {
        let notices = sqlx::query(
            "SELECT * FROM notices WHERE account_id = ? ORDER BY drafted_at DESC, id DESC",
        )
        .bind(account_id)
        .fetch_all(self.pool())
        .await?;
        let services = sqlx::query(
            "SELECT s.* FROM notice_services s JOIN notices n ON n.id = s.notice_id \
             WHERE n.account_id = ? ORDER BY s.recorded_at, s.id",
        )
        .bind(account_id)
        .fetch_all(self.pool())
        .await?;
        let services = services
            .iter()
            .map(service_from_row)
            .collect::<Result<Vec<_>, _>>()?;
        notices
            .iter()
            .map(|row| {
                let notice = notice_from_row(row)?;
                let services = services
                    .iter()
                    .filter(|service| service.notice_id == notice.id)
                    .cloned()
                    .collect();
                Ok(NoticeWithService { notice, services })
            })
            .collect()
    }

    /// For the worklist: each account's most recently served notice (any service recorded),
    /// with the date its last recorded service was deemed to happen.
    pub async fn latest_served_notices(
        &self,
        only_account: Option<i64>,
    ) -> Result<Vec<(NoticeRecord, NaiveDate)>, StoreError> {
        let rows = sqlx::query(&format!(
            "SELECT n.*, max(s.deemed_served_on) AS last_deemed FROM notices n \
             JOIN notice_services s ON s.notice_id = n.id WHERE {only} \
             GROUP BY n.id ORDER BY n.account_id, n.drafted_at",
            only = crate::only_account_sql("n.account_id", 1, only_account)
        ))
        .bind(only_account)
        .fetch_all(self.pool())
        .await?;
        let mut latest: Vec<(NoticeRecord, NaiveDate)> = Vec::new();
        for row in &rows {
            let notice = notice_from_row(row)?;
            let last_deemed: NaiveDate = row.try_get("last_deemed")?;
            match latest.last_mut() {
                Some(last) if last.0.account_id == notice.account_id => {
                    *last = (notice, last_deemed)
                }
                _ => latest.push((notice, last_deemed)),
            }
        }
        Ok(latest)
    }

    /// The tenancy agreement as supplied, one row per page (a scan), in the order added.
    pub async fn tenancy_agreement_pages(
        &self,
        account_id: i64,
    ) -> Result<Vec<TenancyDocumentRecord>, StoreError> {
        let rows = sqlx::query(
            "SELECT * FROM tenancy_documents WHERE account_id = ? AND kind = 'tenancy_agreement' \
             ORDER BY added_at, id",
        )
        .bind(account_id)
        .fetch_all(self.pool())
        .await?;
        rows.iter()
            .map(|row| {
                Ok(TenancyDocumentRecord {
                    id: parse_uuid(row.try_get("id")?)?,
                    account_id: row.try_get("account_id")?,
                    file_name: row.try_get("file_name")?,
                    media_type: row.try_get("media_type")?,
                    bytes: row.try_get("bytes")?,
                    added_at: parse_instant(row.try_get("added_at")?)?,
                    officer: row.try_get("officer")?,
                })
            })
            .collect()
    }

    /// Claims of one account (or every account), oldest first.
    pub async fn claims(&self, only_account: Option<i64>) -> Result<Vec<ClaimRecord>, StoreError> {
        let rows = sqlx::query(&format!(
            "SELECT * FROM claims WHERE {only} ORDER BY account_id, issued_on, recorded_at",
            only = crate::only_account_sql("account_id", 1, only_account)
        ))
        .bind(only_account)
        .fetch_all(self.pool())
        .await?;
        rows.iter()
            .map(|row| {
                Ok(ClaimRecord {
                    id: parse_uuid(row.try_get("id")?)?,
                    account_id: row.try_get("account_id")?,
                    notice_id: parse_uuid(row.try_get("notice_id")?)?,
                    issued_on: row.try_get("issued_on")?,
                    claim_number: row.try_get("claim_number")?,
                    court: row.try_get("court")?,
                    amount_due_pence: row.try_get("amount_due_pence")?,
                    daily_rate_pence: row.try_get("daily_rate_pence")?,
                    fee_pence: row.try_get("fee_pence")?,
                    recorded_at: parse_instant(row.try_get("recorded_at")?)?,
                    officer: row.try_get("officer")?,
                })
            })
            .collect()
    }

    /// Hearing outcomes of one account (or every account), in hearing order.
    pub async fn hearing_outcomes(
        &self,
        only_account: Option<i64>,
    ) -> Result<Vec<HearingOutcomeRecord>, StoreError> {
        let rows = sqlx::query(&format!(
            "SELECT * FROM hearing_outcomes WHERE {only} \
             ORDER BY account_id, hearing_on, recorded_at",
            only = crate::only_account_sql("account_id", 1, only_account)
        ))
        .bind(only_account)
        .fetch_all(self.pool())
        .await?;
        rows.iter()
            .map(|row| {
                Ok(HearingOutcomeRecord {
                    id: parse_uuid(row.try_get("id")?)?,
                    account_id: row.try_get("account_id")?,
                    claim_id: parse_uuid(row.try_get("claim_id")?)?,
                    hearing_on: row.try_get("hearing_on")?,
                    outcome: row.try_get("outcome")?,
                    possession_on: row.try_get("possession_on")?,
                    next_hearing_on: row.try_get("next_hearing_on")?,
                    arrangement_id: optional_uuid(row.try_get("arrangement_id")?)?,
                    note: row.try_get("note")?,
                    recorded_at: parse_instant(row.try_get("recorded_at")?)?,
                    officer: row.try_get("officer")?,
                })
            })
            .collect()
    }

    /// Warrant requests of one account (or every account), oldest first.
    pub async fn warrant_requests(
        &self,
        only_account: Option<i64>,
    ) -> Result<Vec<WarrantRequestRecord>, StoreError> {
        let rows = sqlx::query(&format!(
            "SELECT * FROM warrant_requests WHERE {only} \
             ORDER BY account_id, requested_on, recorded_at",
            only = crate::only_account_sql("account_id", 1, only_account)
        ))
        .bind(only_account)
        .fetch_all(self.pool())
        .await?;
        rows.iter()
            .map(|row| {
                Ok(WarrantRequestRecord {
                    id: parse_uuid(row.try_get("id")?)?,
                    account_id: row.try_get("account_id")?,
                    claim_id: parse_uuid(row.try_get("claim_id")?)?,
                    requested_on: row.try_get("requested_on")?,
                    breach: row.try_get("breach")?,
                    balance_pence: row.try_get("balance_pence")?,
                    fee_pence: row.try_get("fee_pence")?,
                    recorded_at: parse_instant(row.try_get("recorded_at")?)?,
                    officer: row.try_get("officer")?,
                })
            })
            .collect()
    }

    /// N244 applications on the account, oldest first, each with its outcome once recorded.
    pub async fn court_applications(
        &self,
        account_id: i64,
    ) -> Result<Vec<CourtApplicationRecord>, StoreError> {
        let rows = sqlx::query(
            "SELECT a.*, o.id AS outcome_id, o.decided_on, o.outcome, o.note AS outcome_note, \
             o.recorded_at AS outcome_recorded_at, o.officer AS outcome_officer \
             FROM court_applications a \
             LEFT JOIN court_application_outcomes o ON o.application_id = a.id \
             WHERE a.account_id = ? ORDER BY a.applied_on, a.recorded_at",
        )
        .bind(account_id)
        .fetch_all(self.pool())
        .await?;
        rows.iter()
            .map(|row| {
                let id = parse_uuid(row.try_get("id")?)?;
                let outcome_id: Option<String> = row.try_get("outcome_id")?;
                let outcome = match outcome_id {
                    None => None,
                    Some(outcome_id) => {
                        let recorded_at: String = row.try_get("outcome_recorded_at")?;
                        Some(CourtApplicationOutcomeRecord {
                            id: parse_uuid(&outcome_id)?,
                            application_id: id,
                            decided_on: row.try_get("decided_on")?,
                            outcome: row.try_get("outcome")?,
                            note: row.try_get("outcome_note")?,
                            recorded_at: parse_instant(&recorded_at)?,
                            officer: row.try_get("outcome_officer")?,
                        })
                    }
                };
                Ok(CourtApplicationRecord {
                    id,
                    account_id: row.try_get("account_id")?,
                    claim_id: parse_uuid(row.try_get("claim_id")?)?,
                    applicant: row.try_get("applicant")?,
                    applied_on: row.try_get("applied_on")?,
                    purpose: row.try_get("purpose")?,
                    fee_kind: row.try_get("fee_kind")?,
                    hearing_on: row.try_get("hearing_on")?,
                    recorded_at: parse_instant(row.try_get("recorded_at")?)?,
                    officer: row.try_get("officer")?,
                    outcome,
                })
            })
            .collect()
    }
}
