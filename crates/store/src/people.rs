//! The people around an account as kept: representatives with the evidence of their authority,
//! the tenant's consents to discuss the account, every contact with the authority relied on,
//! and account flags.
//!
//! Written by [`Store::record_field_work`] as [`PeopleRow`]s with the diary note and outbox
//! command of their command; never changed (triggers in `migrations/0006_people.sql`). A
//! person's later row replaces the earlier one; an ended flag stays on file with the row that
//! ended it.

use chrono::{DateTime, NaiveDate, Utc};
use sqlx::Row;
use uuid::Uuid;

use crate::accounts::parse_uuid;
use crate::records::{instant_text, parse_instant};
use crate::{FlagRecord, Store, StoreError};

type Transaction<'a> = sqlx::Transaction<'a, sqlx::Sqlite>;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RepresentativeRecord {
    pub id: Uuid,
    /// The id of the person's first row: what consents and contacts name.
    pub person_id: Uuid,
    pub account_id: i64,
    pub name: String,
    /// A `domain::authority::RepresentativeKind` code ("appointee", "deputy", ...).
    pub kind: String,
    /// `domain::authority::Scope` codes.
    pub covers: Vec<String>,
    pub evidence_reference: String,
    pub seen_on: NaiveDate,
    pub seen_by: String,
    pub expires_on: Option<NaiveDate>,
    pub litigation_authorised_by_court: bool,
    pub phone: String,
    pub recorded_at: DateTime<Utc>,
    pub officer: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConsentRecord {
    pub id: Uuid,
    pub account_id: i64,
    pub person_id: Uuid,
    pub covers: Vec<String>,
    pub given_on: NaiveDate,
    pub expires_on: Option<NaiveDate>,
    pub recorded_at: DateTime<Utc>,
    pub officer: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContactRecord {
    pub id: Uuid,
    pub account_id: i64,
    /// None for a tenant named on the tenancy record.
    pub person_id: Option<Uuid>,
    pub person_name: String,
    /// The diary code of the contact's method ("phone_call", ...).
    pub method: String,
    /// A `domain::authority::Topic` code.
    pub topic: String,
    pub allowed: bool,
    /// The authority or consent relied on; None when not authorised.
    pub basis: Option<String>,
    /// The authority check as the officer read it before the contact.
    pub words: String,
    pub note: String,
    pub happened_on: NaiveDate,
    pub recorded_at: DateTime<Utc>,
    pub officer: String,
}

/// One people row a command writes besides its diary note.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PeopleRow {
    Representative(RepresentativeRecord),
    Consent(ConsentRecord),
    Contact(ContactRecord),
    Flag(FlagRecord),
}

fn codes_text(codes: &[String]) -> String {
    codes.join(",")
}

fn codes_from(text: &str) -> Vec<String> {
    text.split(',')
        .filter(|code| !code.is_empty())
        .map(str::to_string)
        .collect()
}

pub(crate) async fn insert_people_row(
    transaction: &mut Transaction<'_>,
    row: &PeopleRow,
) -> Result<(), StoreError> {
    let query = match row {
        PeopleRow::Representative(record) => sqlx::query(
            "INSERT INTO representatives (id, person_id, account_id, name, kind, covers, \
             evidence_reference, seen_on, seen_by, expires_on, litigation_authorised_by_court, \
             phone, recorded_at, officer) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        )
        .bind(record.id.to_string())
        .bind(record.person_id.to_string())
        .bind(record.account_id)
        .bind(&record.name)
        .bind(&record.kind)
        .bind(codes_text(&record.covers))
        .bind(&record.evidence_reference)
        .bind(record.seen_on)
        .bind(&record.seen_by)
        .bind(record.expires_on)
        .bind(i64::from(record.litigation_authorised_by_court))
        .bind(&record.phone)
        .bind(instant_text(record.recorded_at))
        .bind(&record.officer),
        PeopleRow::Consent(record) => sqlx::query(
            "INSERT INTO discuss_consents (id, account_id, person_id, covers, given_on, \
             expires_on, recorded_at, officer) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        )
        .bind(record.id.to_string())
        .bind(record.account_id)
        .bind(record.person_id.to_string())
        .bind(codes_text(&record.covers))
        .bind(record.given_on)
        .bind(record.expires_on)
        .bind(instant_text(record.recorded_at))
        .bind(&record.officer),
        PeopleRow::Contact(record) => sqlx::query(
            "INSERT INTO contacts (id, account_id, person_id, person_name, method, topic, \
             allowed, basis, words, note, happened_on, recorded_at, officer) \
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        )
        .bind(record.id.to_string())
        .bind(record.account_id)
        .bind(record.person_id.map(|id| id.to_string()))
        .bind(&record.person_name)
        .bind(&record.method)
        .bind(&record.topic)
        .bind(i64::from(record.allowed))
        .bind(&record.basis)
        .bind(&record.words)
        .bind(&record.note)
        .bind(record.happened_on)
        .bind(instant_text(record.recorded_at))
        .bind(&record.officer),
        PeopleRow::Flag(record) => flag_insert(record),
    };
    query.execute(&mut **transaction).await?;
    Ok(())
}

pub(crate) fn flag_insert(
    record: &FlagRecord,
) -> sqlx::query::Query<'_, sqlx::Sqlite, sqlx::sqlite::SqliteArguments<'_>> {
    sqlx::query(
        "INSERT INTO account_flags (id, account_id, flag, note, recorded_at, officer, \
         ends_flag_id) VALUES (?, ?, ?, ?, ?, ?, ?)",
    )
    .bind(record.id.to_string())
    .bind(record.account_id)
    .bind(&record.flag)
    .bind(&record.note)
    .bind(instant_text(record.recorded_at))
    .bind(&record.officer)
    .bind(record.ends_flag_id.map(|id| id.to_string()))
}

fn optional_uuid(text: Option<String>) -> Result<Option<Uuid>, StoreError> {
    text.as_deref().map(parse_uuid).transpose()
}

impl Store {
    /// Every account's people (or one account's), each person's latest row only, in the order
    /// they were first recorded.
    pub async fn representatives(
        &self,
        only_account: Option<i64>,
    ) -> Result<Vec<RepresentativeRecord>, StoreError> {
        let rows = sqlx::query(&format!(
            "SELECT r.*, (SELECT min(recorded_at) FROM representatives f \
             WHERE f.person_id = r.person_id) AS first_recorded_at \
             FROM representatives r WHERE {only} AND r.recorded_at = \
             (SELECT max(recorded_at) FROM representatives q WHERE q.person_id = r.person_id) \
             ORDER BY r.account_id, first_recorded_at, r.person_id",
            only = crate::only_account_sql("r.account_id", 1, only_account)
        ))
        .bind(only_account)
        .fetch_all(self.pool())
        .await?;
        rows.iter()
            .map(|row| {
                let covers: String = row.try_get("covers")?;
                let litigation: i64 = row.try_get("litigation_authorised_by_court")?;
                Ok(RepresentativeRecord {
                    id: parse_uuid(row.try_get("id")?)?,
                    person_id: parse_uuid(row.try_get("person_id")?)?,
                    account_id: row.try_get("account_id")?,
                    name: row.try_get("name")?,
                    kind: row.try_get("kind")?,
                    covers: codes_from(&covers),
                    evidence_reference: row.try_get("evidence_reference")?,
                    seen_on: row.try_get("seen_on")?,
                    seen_by: row.try_get("seen_by")?,
                    expires_on: row.try_get("expires_on")?,
                    litigation_authorised_by_court: litigation == 1,
                    phone: row.try_get("phone")?,
                    recorded_at: parse_instant(row.try_get("recorded_at")?)?,
                    officer: row.try_get("officer")?,
                })
            })
            .collect()
    }

    /// One account's consents to discuss, oldest first.
    pub async fn consents(&self, account_id: i64) -> Result<Vec<ConsentRecord>, StoreError> {
        let rows = sqlx::query(
            "SELECT * FROM discuss_consents WHERE account_id = ? ORDER BY given_on, recorded_at",
        )
        .bind(account_id)
        .fetch_all(self.pool())
        .await?;
        rows.iter()
            .map(|row| {
                let covers: String = row.try_get("covers")?;
                Ok(ConsentRecord {
                    id: parse_uuid(row.try_get("id")?)?,
                    account_id: row.try_get("account_id")?,
                    person_id: parse_uuid(row.try_get("person_id")?)?,
                    covers: codes_from(&covers),
                    given_on: row.try_get("given_on")?,
                    expires_on: row.try_get("expires_on")?,
                    recorded_at: parse_instant(row.try_get("recorded_at")?)?,
                    officer: row.try_get("officer")?,
                })
            })
            .collect()
    }

    /// One account's contacts, newest first.
    pub async fn contacts(&self, account_id: i64) -> Result<Vec<ContactRecord>, StoreError> {
        let rows = sqlx::query(
            "SELECT * FROM contacts WHERE account_id = ? ORDER BY happened_on DESC, recorded_at DESC",
        )
        .bind(account_id)
        .fetch_all(self.pool())
        .await?;
        rows.iter()
            .map(|row| {
                let allowed: i64 = row.try_get("allowed")?;
                Ok(ContactRecord {
                    id: parse_uuid(row.try_get("id")?)?,
                    account_id: row.try_get("account_id")?,
                    person_id: optional_uuid(row.try_get("person_id")?)?,
                    person_name: row.try_get("person_name")?,
                    method: row.try_get("method")?,
                    topic: row.try_get("topic")?,
                    allowed: allowed == 1,
                    basis: row.try_get("basis")?,
                    words: row.try_get("words")?,
                    note: row.try_get("note")?,
                    happened_on: row.try_get("happened_on")?,
                    recorded_at: parse_instant(row.try_get("recorded_at")?)?,
                    officer: row.try_get("officer")?,
                })
            })
            .collect()
    }
}

impl Store {
    /// Rows that came with the caseload (the demo patch's people, flags and notifications):
    /// written in one transaction with no diary note or outbox command, since head office
    /// already holds them.
    pub async fn insert_supported_living_history(
        &self,
        people: &[PeopleRow],
        housing_benefit: &[crate::HbRow],
    ) -> Result<(), StoreError> {
        let mut transaction = self.write_transaction().await?;
        for row in people {
            insert_people_row(&mut transaction, row).await?;
        }
        for row in housing_benefit {
            crate::housing_benefit::insert_hb_row(&mut transaction, row).await?;
        }
        transaction.commit().await?;
        Ok(())
    }
}
