//! Rent accounts, the people on them, their rent schedules and their ledgers.

use std::collections::HashMap;

use chrono::NaiveDate;
use doorstep_domain::benefits::BenefitAward;
use doorstep_domain::ledger::{ChargeKind, Entry, EntryKind, PaymentMethod};
use doorstep_domain::money::{money_from_pence, money_to_pence};
use doorstep_domain::rent_schedule::{RentChange, RentComponents, RentSchedule};
use doorstep_domain::tenancy::{Person, RentAccount, Tenure};
use serde::de::DeserializeOwned;
use serde::Serialize;
use sqlx::Row;
use uuid::Uuid;

use crate::chain::{ledger_canonical, ChainWriter, LEDGER_TABLE};
use crate::{only_account_sql, Store, StoreError};

/// An account as the store holds it, with its people and rent schedule but not its ledger.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AccountRecord {
    pub id: i64,
    pub payment_reference: String,
    pub tenancy_reference: String,
    pub tenure: Tenure,
    pub tenancy_start: NaiveDate,
    pub address_line_1: String,
    pub address_line_2: Option<String>,
    pub town: String,
    pub postcode: String,
    pub people: Vec<Person>,
    pub schedule: RentSchedule,
    pub benefit_awards: Vec<BenefitAward>,
}

impl Store {
    pub async fn accounts_count(&self) -> Result<u64, StoreError> {
        let count: i64 = sqlx::query_scalar("SELECT count(*) FROM accounts")
            .fetch_one(self.pool())
            .await?;
        Ok(u64::try_from(count).unwrap_or(0))
    }

    /// Adds accounts in one transaction: all of them or, on any error, none.
    pub async fn insert_accounts(&self, accounts: &[RentAccount]) -> Result<(), StoreError> {
        let mut transaction = self.write_transaction().await?;
        let mut chain = ChainWriter::start(&mut transaction).await?;
        for account in accounts {
            let account_id: i64 = sqlx::query_scalar(
                "INSERT INTO accounts (payment_reference, tenancy_reference, tenure, \
                 tenancy_start_date, address_line_1, address_line_2, town, postcode, \
                 rent_frequency) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
            )
            .bind(&account.payment_reference)
            .bind(&account.tenancy_reference)
            .bind(to_column(&account.tenure)?)
            .bind(account.tenancy_start)
            .bind(&account.address_line_1)
            .bind(&account.address_line_2)
            .bind(&account.town)
            .bind(&account.postcode)
            .bind(to_column(&account.schedule.frequency)?)
            .fetch_one(&mut *transaction)
            .await?;
            for (position, person) in account.people.iter().enumerate() {
                sqlx::query(
                    "INSERT INTO account_people (account_id, position, role, full_name, \
                     date_of_birth, phone) VALUES (?, ?, ?, ?, ?, ?)",
                )
                .bind(account_id)
                .bind(i64::try_from(position).unwrap_or(i64::MAX))
                .bind(to_column(&person.role)?)
                .bind(&person.full_name)
                .bind(person.date_of_birth)
                .bind(&person.phone)
                .execute(&mut *transaction)
                .await?;
            }
            for change in &account.schedule.changes {
                sqlx::query(
                    "INSERT INTO rent_changes (account_id, effective_from, rent_pence, \
                     service_charge_pence) VALUES (?, ?, ?, ?)",
                )
                .bind(account_id)
                .bind(change.effective_from)
                .bind(pence(change.components.rent)?)
                .bind(pence(change.components.service_charge)?)
                .execute(&mut *transaction)
                .await?;
            }
            for week in &account.schedule.rent_free_weeks {
                sqlx::query(
                    "INSERT INTO rent_free_weeks (account_id, week_commencing) VALUES (?, ?)",
                )
                .bind(account_id)
                .bind(week)
                .execute(&mut *transaction)
                .await?;
            }
            for award in &account.benefit_awards {
                sqlx::query(
                    "INSERT INTO benefit_awards (account_id, benefit, paid_to, amount_pence, \
                     payment_on) VALUES (?, ?, ?, ?, ?)",
                )
                .bind(account_id)
                .bind(to_column(&award.benefit)?)
                .bind(to_column(&award.paid_to)?)
                .bind(pence(award.amount)?)
                .bind(award.payment_on)
                .execute(&mut *transaction)
                .await?;
            }
            insert_entries(
                &mut transaction,
                &mut chain,
                account_id,
                0,
                &account.entries,
            )
            .await?;
        }
        chain.finish(&mut transaction).await?;
        transaction.commit().await?;
        Ok(())
    }

    /// Every account with its people and rent schedule, ordered by payment reference.
    pub async fn accounts(&self) -> Result<Vec<AccountRecord>, StoreError> {
        let rows = sqlx::query(
            "SELECT id, payment_reference, tenancy_reference, tenure, tenancy_start_date, \
             address_line_1, address_line_2, town, postcode, rent_frequency \
             FROM accounts ORDER BY payment_reference",
        )
        .fetch_all(self.pool())
        .await?;
        let mut people = self.people_by_account(None).await?;
        let mut schedules = self.schedules_by_account(None).await?;
        let mut awards = self.awards_by_account(None).await?;
        rows.iter()
            .map(|row| account_from_row(row, &mut people, &mut schedules, &mut awards))
            .collect()
    }

    pub async fn account_by_reference(
        &self,
        payment_reference: &str,
    ) -> Result<Option<AccountRecord>, StoreError> {
        let row = sqlx::query(
            "SELECT id, payment_reference, tenancy_reference, tenure, tenancy_start_date, \
             address_line_1, address_line_2, town, postcode, rent_frequency \
             FROM accounts WHERE payment_reference = ?",
        )
        .bind(payment_reference)
        .fetch_optional(self.pool())
        .await?;
        let Some(row) = row else { return Ok(None) };
        let account_id: i64 = row.try_get("id")?;
        let mut people = self.people_by_account(Some(account_id)).await?;
        let mut schedules = self.schedules_by_account(Some(account_id)).await?;
        let mut awards = self.awards_by_account(Some(account_id)).await?;
        account_from_row(&row, &mut people, &mut schedules, &mut awards).map(Some)
    }

    /// One account's ledger, in posting order. SQLite packs it into one JSON row: sqlx hands
    /// rows one by one across a thread boundary (about 8 µs a row), which for a 10-year ledger
    /// costs more than the query. The worklist reads `ledger_facts` instead, never whole ledgers.
    pub async fn entries_for_account(&self, account_id: i64) -> Result<Vec<Entry>, StoreError> {
        let sql = format!(
            "SELECT {PACK_ENTRIES_SQL} AS entries FROM ledger_entries WHERE account_id = ?1"
        );
        let row = sqlx::query(&sql)
            .bind(account_id)
            .fetch_one(self.pool())
            .await?;
        let mut entries = Vec::new();
        // An aggregate over no rows still returns one row: `[]` for an account without entries.
        if let Some(packed) = row.try_get::<Option<&str>, _>("entries")? {
            unpack_entries(account_id, packed, &mut entries)?;
        }
        Ok(entries)
    }

    async fn people_by_account(
        &self,
        only_account: Option<i64>,
    ) -> Result<HashMap<i64, Vec<Person>>, StoreError> {
        let rows = sqlx::query(&format!(
            "SELECT account_id, role, full_name, date_of_birth, phone FROM account_people \
             WHERE {only} ORDER BY account_id, position",
            only = only_account_sql("account_id", 1, only_account)
        ))
        .bind(only_account)
        .fetch_all(self.pool())
        .await?;
        let mut people: HashMap<i64, Vec<Person>> = HashMap::new();
        for row in &rows {
            let account_id: i64 = row.try_get("account_id")?;
            people.entry(account_id).or_default().push(Person {
                role: from_column(row.try_get::<&str, _>("role")?)?,
                full_name: row.try_get("full_name")?,
                date_of_birth: row.try_get("date_of_birth")?,
                phone: row.try_get("phone")?,
            });
        }
        Ok(people)
    }

    async fn awards_by_account(
        &self,
        only_account: Option<i64>,
    ) -> Result<HashMap<i64, Vec<BenefitAward>>, StoreError> {
        let rows = sqlx::query(&format!(
            "SELECT account_id, benefit, paid_to, amount_pence, payment_on FROM benefit_awards \
             WHERE {only} ORDER BY account_id, benefit",
            only = only_account_sql("account_id", 1, only_account)
        ))
        .bind(only_account)
        .fetch_all(self.pool())
        .await?;
        let mut awards: HashMap<i64, Vec<BenefitAward>> = HashMap::new();
        for row in &rows {
            let account_id: i64 = row.try_get("account_id")?;
            awards.entry(account_id).or_default().push(BenefitAward {
                benefit: from_column(row.try_get::<&str, _>("benefit")?)?,
                paid_to: from_column(row.try_get::<&str, _>("paid_to")?)?,
                amount: money_from_pence(row.try_get("amount_pence")?),
                payment_on: row.try_get("payment_on")?,
            });
        }
        Ok(awards)
    }

    /// Rent changes and rent-free weeks, assembled per account; the frequency is added by
    /// the caller from the account row.
    async fn schedules_by_account(
        &self,
        only_account: Option<i64>,
    ) -> Result<HashMap<i64, (Vec<RentChange>, Vec<NaiveDate>)>, StoreError> {
        let mut schedules: HashMap<i64, (Vec<RentChange>, Vec<NaiveDate>)> = HashMap::new();
        let changes = sqlx::query(&format!(
            "SELECT account_id, effective_from, rent_pence, service_charge_pence \
             FROM rent_changes WHERE {only} \
             ORDER BY account_id, effective_from",
            only = only_account_sql("account_id", 1, only_account)
        ))
        .bind(only_account)
        .fetch_all(self.pool())
        .await?;
        for row in &changes {
            let account_id: i64 = row.try_get("account_id")?;
            schedules.entry(account_id).or_default().0.push(RentChange {
                effective_from: row.try_get("effective_from")?,
                components: RentComponents {
                    rent: money_from_pence(row.try_get("rent_pence")?),
                    service_charge: money_from_pence(row.try_get("service_charge_pence")?),
                },
            });
        }
        let rent_free = sqlx::query(&format!(
            "SELECT account_id, week_commencing FROM rent_free_weeks \
             WHERE {only} ORDER BY account_id, week_commencing",
            only = only_account_sql("account_id", 1, only_account)
        ))
        .bind(only_account)
        .fetch_all(self.pool())
        .await?;
        for row in &rent_free {
            let account_id: i64 = row.try_get("account_id")?;
            schedules
                .entry(account_id)
                .or_default()
                .1
                .push(row.try_get("week_commencing")?);
        }
        Ok(schedules)
    }
}

/// Rows per INSERT statement: one statement per entry costs a round trip to sqlx's worker
/// thread each, which dominated loading a caseload. 9 columns × 500 rows stays far below
/// SQLite's limit of 32,766 bound parameters.
const INSERT_ENTRIES_ROWS_MAX: usize = 500;
const _: () = assert!(INSERT_ENTRIES_ROWS_MAX * 9 <= 32_766);

/// Inserts `entries` numbered from `first_sequence`, linking each into the hash chain.
pub(crate) async fn insert_entries(
    transaction: &mut sqlx::Transaction<'_, sqlx::Sqlite>,
    chain: &mut ChainWriter,
    account_id: i64,
    first_sequence: i64,
    entries: &[Entry],
) -> Result<(), StoreError> {
    let mut rows = Vec::with_capacity(entries.len());
    for (offset, entry) in entries.iter().enumerate() {
        let (kind, detail, reverses) = entry_kind_columns(&entry.kind)?;
        let sequence = i64::try_from(offset)
            .ok()
            .and_then(|offset| offset.checked_add(first_sequence))
            .ok_or_else(|| StoreError::Corrupt {
                what: "a ledger longer than the store can number".into(),
            })?;
        let id = entry.id.to_string();
        chain.link(
            LEDGER_TABLE,
            &id,
            &ledger_canonical(
                &id,
                account_id,
                sequence,
                &entry.posted_on.to_string(),
                kind,
                detail.as_deref(),
                pence(entry.amount)?,
                &entry.description,
                reverses.map(|id| id.to_string()).as_deref(),
            ),
        );
        rows.push((
            entry,
            sequence,
            kind,
            detail,
            pence(entry.amount)?,
            reverses,
        ));
    }
    for batch in rows.chunks(INSERT_ENTRIES_ROWS_MAX) {
        let mut insert = sqlx::QueryBuilder::<sqlx::Sqlite>::new(
            "INSERT INTO ledger_entries (id, account_id, sequence, posted_on, kind, detail, \
             amount_pence, description, reverses_entry_id) ",
        );
        insert.push_values(
            batch,
            |mut row, (entry, sequence, kind, detail, amount_pence, reverses)| {
                row.push_bind(entry.id.to_string())
                    .push_bind(account_id)
                    .push_bind(*sequence)
                    .push_bind(entry.posted_on)
                    .push_bind(*kind)
                    .push_bind(detail.clone())
                    .push_bind(*amount_pence)
                    .push_bind(entry.description.clone())
                    .push_bind(reverses.map(|id| id.to_string()));
            },
        );
        insert.build().execute(&mut **transaction).await?;
    }
    Ok(())
}

fn account_from_row(
    row: &sqlx::sqlite::SqliteRow,
    people: &mut HashMap<i64, Vec<Person>>,
    schedules: &mut HashMap<i64, (Vec<RentChange>, Vec<NaiveDate>)>,
    awards: &mut HashMap<i64, Vec<BenefitAward>>,
) -> Result<AccountRecord, StoreError> {
    let id: i64 = row.try_get("id")?;
    let (changes, rent_free_weeks) = schedules.remove(&id).unwrap_or_default();
    Ok(AccountRecord {
        id,
        payment_reference: row.try_get("payment_reference")?,
        tenancy_reference: row.try_get("tenancy_reference")?,
        tenure: from_column(row.try_get::<&str, _>("tenure")?)?,
        tenancy_start: row.try_get("tenancy_start_date")?,
        address_line_1: row.try_get("address_line_1")?,
        address_line_2: row.try_get("address_line_2")?,
        town: row.try_get("town")?,
        postcode: row.try_get("postcode")?,
        people: people.remove(&id).unwrap_or_default(),
        schedule: RentSchedule {
            frequency: from_column(row.try_get::<&str, _>("rent_frequency")?)?,
            changes,
            rent_free_weeks,
        },
        benefit_awards: awards.remove(&id).unwrap_or_default(),
    })
}

/// The SQL that packs a ledger's entries into one JSON array, in posting order, for
/// `unpack_entries`.
pub(crate) const PACK_ENTRIES_SQL: &str = "json_group_array(json_array(id, posted_on, kind, \
     detail, amount_pence, description, reverses_entry_id) ORDER BY sequence)";

/// Appends the entries packed by `PACK_ENTRIES_SQL` to `entries`.
pub(crate) fn unpack_entries(
    account_id: i64,
    packed: &str,
    entries: &mut Vec<Entry>,
) -> Result<(), StoreError> {
    let columns: Vec<EntryColumnsPacked> =
        serde_json::from_str(packed).map_err(|error| StoreError::Corrupt {
            what: format!("the ledger of account {account_id}: {error}"),
        })?;
    for (id, posted_on, kind, detail, amount_pence, description, reverses) in columns {
        entries.push(Entry {
            id: parse_uuid(&id)?,
            posted_on,
            kind: entry_kind_from_columns(&kind, detail.as_deref(), reverses.as_deref())?,
            amount: money_from_pence(amount_pence),
            description,
        });
    }
    Ok(())
}

/// One ledger entry as `ledgers` packs it: id, posted_on, kind, detail, amount_pence,
/// description, reverses_entry_id.
type EntryColumnsPacked = (
    String,
    NaiveDate,
    String,
    Option<String>,
    i64,
    String,
    Option<String>,
);

type EntryColumns = (&'static str, Option<String>, Option<Uuid>);

pub(crate) fn entry_kind_columns(kind: &EntryKind) -> Result<EntryColumns, StoreError> {
    Ok(match kind {
        EntryKind::Charge { charge } => ("charge", Some(to_column(charge)?), None),
        EntryKind::Payment { method } => ("payment", Some(to_column(method)?), None),
        EntryKind::Adjustment => ("adjustment", None, None),
        EntryKind::Refund => ("refund", None, None),
        EntryKind::WriteOff => ("write_off", None, None),
        EntryKind::WriteOn => ("write_on", None, None),
        EntryKind::Reversal { reverses } => ("reversal", None, Some(*reverses)),
    })
}

pub(crate) fn entry_kind_from_columns(
    kind: &str,
    detail: Option<&str>,
    reverses: Option<&str>,
) -> Result<EntryKind, StoreError> {
    let missing = |what: &str| StoreError::Corrupt {
        what: format!("a ledger entry of kind {kind} without its {what}"),
    };
    Ok(match kind {
        "charge" => EntryKind::Charge {
            charge: from_column::<ChargeKind>(detail.ok_or_else(|| missing("charge kind"))?)?,
        },
        "payment" => EntryKind::Payment {
            method: from_column::<PaymentMethod>(detail.ok_or_else(|| missing("payment method"))?)?,
        },
        "adjustment" => EntryKind::Adjustment,
        "refund" => EntryKind::Refund,
        "write_off" => EntryKind::WriteOff,
        "write_on" => EntryKind::WriteOn,
        "reversal" => EntryKind::Reversal {
            reverses: parse_uuid(reverses.ok_or_else(|| missing("reversed entry"))?)?,
        },
        other => {
            return Err(StoreError::Corrupt {
                what: format!("a ledger entry of unknown kind {other:?}"),
            })
        }
    })
}

pub(crate) fn parse_uuid(text: &str) -> Result<Uuid, StoreError> {
    Uuid::parse_str(text).map_err(|_| StoreError::Corrupt {
        what: format!("an entry id {text:?}"),
    })
}

pub(crate) fn pence(amount: rust_decimal::Decimal) -> Result<i64, StoreError> {
    money_to_pence(amount).map_err(|error| StoreError::Corrupt {
        what: format!("an amount: {error}"),
    })
}

/// Enum columns hold the same snake_case names as the domain's serde form, so the database
/// and the IPC never disagree on spelling.
pub(crate) fn to_column<T: Serialize>(value: &T) -> Result<String, StoreError> {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(text)) => Ok(text),
        _ => Err(StoreError::Corrupt {
            what: "an enum that does not serialise to a name".into(),
        }),
    }
}

pub(crate) fn from_column<T: DeserializeOwned>(text: &str) -> Result<T, StoreError> {
    serde_json::from_value(serde_json::Value::String(text.to_string())).map_err(|_| {
        StoreError::Corrupt {
            what: format!("an unknown value {text:?}"),
        }
    })
}
