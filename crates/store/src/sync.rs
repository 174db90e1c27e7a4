//! The store's side of reconciling with head office: the enrolment, the outbox read in
//! sequence order, head office's answers written with their acknowledgements, and caseload
//! pages applied with their cursor in one transaction (so a cut pull resumes, and a page is
//! never half applied).

use chrono::{DateTime, NaiveDate, Utc};
use doorstep_domain::ledger::Entry;
use doorstep_domain::money::money_from_pence;
use doorstep_sync::{AccountChange, AccountSnapshot, CommandEnvelope, CommandResult};
use sqlx::Row;
use uuid::Uuid;

use crate::accounts::{entry_kind_from_columns, insert_entries, parse_uuid};
use crate::chain::ChainWriter;
use crate::records::{instant_text, parse_instant};
use crate::{Store, StoreError};

/// Where head office is and whose caseload this laptop holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Enrolment {
    pub server_url: String,
    /// `None` only for plain HTTP on this machine.
    pub certificate_fingerprint: Option<String>,
    pub device_id: Uuid,
    pub officer_id: Uuid,
    pub officer_name: String,
    pub enrolled_at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SyncState {
    pub caseload_cursor: i64,
    pub last_pull_at: Option<DateTime<Utc>>,
    pub last_upload_at: Option<DateTime<Utc>>,
}

/// A command head office rejected or held, for the officer to see.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AttentionItem {
    pub command_id: Uuid,
    pub kind: String,
    pub payment_reference: Option<String>,
    pub created_at: DateTime<Utc>,
    pub outcome: String,
    pub reason: String,
    pub decided_at: DateTime<Utc>,
}

/// What applying a page did, for the officer's summary.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct PageApplied {
    pub accounts_updated: usize,
    pub accounts_added: usize,
    pub entries_added: usize,
    pub accounts_reassigned: usize,
}

impl Store {
    pub async fn enrolment(&self) -> Result<Option<Enrolment>, StoreError> {
        let row = sqlx::query(
            "SELECT server_url, certificate_fingerprint, device_id, officer_id, officer_name, \
             enrolled_at FROM sync_enrolment WHERE id = 1",
        )
        .fetch_optional(self.pool())
        .await?;
        row.map(|row| {
            Ok(Enrolment {
                server_url: row.try_get("server_url")?,
                certificate_fingerprint: row.try_get("certificate_fingerprint")?,
                device_id: parse_uuid(row.try_get("device_id")?)?,
                officer_id: parse_uuid(row.try_get("officer_id")?)?,
                officer_name: row.try_get("officer_name")?,
                enrolled_at: parse_instant(row.try_get("enrolled_at")?)?,
            })
        })
        .transpose()
    }

    /// Records the enrolment; a store is enrolled once.
    pub async fn save_enrolment(&self, enrolment: &Enrolment) -> Result<(), StoreError> {
        let mut transaction = self.write_transaction().await?;
        sqlx::query(
            "INSERT INTO sync_enrolment (id, server_url, certificate_fingerprint, device_id, \
             officer_id, officer_name, enrolled_at) VALUES (1, ?, ?, ?, ?, ?, ?)",
        )
        .bind(&enrolment.server_url)
        .bind(&enrolment.certificate_fingerprint)
        .bind(enrolment.device_id.to_string())
        .bind(enrolment.officer_id.to_string())
        .bind(&enrolment.officer_name)
        .bind(instant_text(enrolment.enrolled_at))
        .execute(&mut *transaction)
        .await?;
        sqlx::query("INSERT INTO sync_state (id, caseload_cursor) VALUES (1, 0)")
            .execute(&mut *transaction)
            .await?;
        transaction.commit().await?;
        Ok(())
    }

    pub async fn sync_state(&self) -> Result<SyncState, StoreError> {
        let row = sqlx::query(
            "SELECT caseload_cursor, last_pull_at, last_upload_at FROM sync_state WHERE id = 1",
        )
        .fetch_optional(self.pool())
        .await?;
        let Some(row) = row else {
            return Ok(SyncState::default());
        };
        let instant = |column: &str| -> Result<Option<DateTime<Utc>>, StoreError> {
            row.try_get::<Option<&str>, _>(column)?
                .map(parse_instant)
                .transpose()
        };
        Ok(SyncState {
            caseload_cursor: row.try_get("caseload_cursor")?,
            last_pull_at: instant("last_pull_at")?,
            last_upload_at: instant("last_upload_at")?,
        })
    }

    /// Commands head office has not yet answered, oldest first.
    pub async fn unsent_commands(&self, limit: usize) -> Result<Vec<CommandEnvelope>, StoreError> {
        let rows = sqlx::query(
            "SELECT sequence, command_id, kind, payload, created_at FROM outbox \
             WHERE acknowledged_at IS NULL ORDER BY sequence LIMIT ?",
        )
        .bind(i64::try_from(limit).unwrap_or(i64::MAX))
        .fetch_all(self.pool())
        .await?;
        rows.iter()
            .map(|row| {
                Ok(CommandEnvelope {
                    command_id: parse_uuid(row.try_get("command_id")?)?,
                    sequence: row.try_get("sequence")?,
                    kind: row.try_get("kind")?,
                    payload: serde_json::from_str(row.try_get("payload")?).map_err(|error| {
                        StoreError::Corrupt {
                            what: format!("an outbox command's payload: {error}"),
                        }
                    })?,
                    created_at: parse_instant(row.try_get("created_at")?)?,
                })
            })
            .collect()
    }

    pub async fn unsent_count(&self) -> Result<u64, StoreError> {
        let count: i64 =
            sqlx::query_scalar("SELECT count(*) FROM outbox WHERE acknowledged_at IS NULL")
                .fetch_one(self.pool())
                .await?;
        Ok(u64::try_from(count).unwrap_or_default())
    }

    /// Writes head office's answers: each command acknowledged once, with its outcome. An
    /// answer to a command already acknowledged (a duplicated response) changes nothing.
    pub async fn record_results(&self, results: &[CommandResult]) -> Result<(), StoreError> {
        let mut transaction = self.write_transaction().await?;
        let now = instant_text(Utc::now());
        for result in results {
            let id = result.command_id.to_string();
            let acknowledged = sqlx::query(
                "UPDATE outbox SET acknowledged_at = ? WHERE command_id = ? \
                 AND acknowledged_at IS NULL",
            )
            .bind(&now)
            .bind(&id)
            .execute(&mut *transaction)
            .await?;
            if acknowledged.rows_affected() == 0 {
                continue;
            }
            sqlx::query(
                "INSERT INTO outbox_results (command_id, outcome, reason, decided_at) \
                 VALUES (?, ?, ?, ?)",
            )
            .bind(&id)
            .bind(result.outcome.label())
            .bind(result.outcome.reason())
            .bind(&now)
            .execute(&mut *transaction)
            .await?;
        }
        sqlx::query("UPDATE sync_state SET last_upload_at = ? WHERE id = 1")
            .bind(&now)
            .execute(&mut *transaction)
            .await?;
        transaction.commit().await?;
        Ok(())
    }

    /// Commands head office rejected or held, newest first.
    pub async fn needs_attention(&self) -> Result<Vec<AttentionItem>, StoreError> {
        let rows = sqlx::query(
            "SELECT outbox.command_id, outbox.kind, json_extract(outbox.payload, \
             '$.payment_reference') AS payment_reference, outbox.created_at, \
             outbox_results.outcome, outbox_results.reason, outbox_results.decided_at \
             FROM outbox_results JOIN outbox ON outbox.command_id = outbox_results.command_id \
             WHERE outbox_results.outcome <> 'applied' ORDER BY outbox.sequence DESC",
        )
        .fetch_all(self.pool())
        .await?;
        rows.iter()
            .map(|row| {
                Ok(AttentionItem {
                    command_id: parse_uuid(row.try_get("command_id")?)?,
                    kind: row.try_get("kind")?,
                    payment_reference: row.try_get("payment_reference")?,
                    created_at: parse_instant(row.try_get("created_at")?)?,
                    outcome: row.try_get("outcome")?,
                    reason: row
                        .try_get::<Option<String>, _>("reason")?
                        .unwrap_or_default(),
                    decided_at: parse_instant(row.try_get("decided_at")?)?,
                })
            })
            .collect()
    }

    /// Applies one caseload page and saves its cursor, all or nothing. Head office's copy
    /// replaces the account's tenancy, people and rent; its ledger entries this laptop lacks
    /// are added (entries recorded here keep their place: head office posted the same ids).
    pub async fn apply_caseload_page(
        &self,
        changes: &[AccountChange],
        cursor: i64,
    ) -> Result<PageApplied, StoreError> {
        let mut transaction = self.write_transaction().await?;
        let mut chain = ChainWriter::start(&mut transaction).await?;
        let mut applied = PageApplied::default();
        for change in changes {
            match change {
                AccountChange::Assigned(snapshot) => {
                    let (account_id, added) = upsert_account(&mut transaction, snapshot).await?;
                    if added {
                        applied.accounts_added += 1;
                    } else {
                        applied.accounts_updated += 1;
                    }
                    applied.entries_added +=
                        add_missing_entries(&mut transaction, &mut chain, account_id, snapshot)
                            .await?;
                }
                AccountChange::Unassigned {
                    payment_reference,
                    at,
                } => {
                    let marked = sqlx::query(
                        "UPDATE accounts SET reassigned_at = ? WHERE payment_reference = ?",
                    )
                    .bind(instant_text(*at))
                    .bind(payment_reference)
                    .execute(&mut *transaction)
                    .await?;
                    applied.accounts_reassigned += usize::from(marked.rows_affected() > 0);
                }
            }
        }
        chain.finish(&mut transaction).await?;
        sqlx::query("UPDATE sync_state SET caseload_cursor = ?, last_pull_at = ? WHERE id = 1")
            .bind(cursor)
            .bind(instant_text(Utc::now()))
            .execute(&mut *transaction)
            .await?;
        transaction.commit().await?;
        Ok(applied)
    }

    /// Accounts head office has given to another officer (with when).
    pub async fn reassigned_accounts(&self) -> Result<Vec<(String, DateTime<Utc>)>, StoreError> {
        let rows = sqlx::query(
            "SELECT payment_reference, reassigned_at FROM accounts \
             WHERE reassigned_at IS NOT NULL ORDER BY payment_reference",
        )
        .fetch_all(self.pool())
        .await?;
        rows.iter()
            .map(|row| {
                Ok((
                    row.try_get("payment_reference")?,
                    parse_instant(row.try_get("reassigned_at")?)?,
                ))
            })
            .collect()
    }

    /// Tenancy end dates head office has sent, by account id.
    pub async fn tenancy_end_dates(&self) -> Result<Vec<(i64, NaiveDate)>, StoreError> {
        let rows = sqlx::query(
            "SELECT id, tenancy_end_date FROM accounts WHERE tenancy_end_date IS NOT NULL",
        )
        .fetch_all(self.pool())
        .await?;
        rows.iter()
            .map(|row| Ok((row.try_get("id")?, row.try_get("tenancy_end_date")?)))
            .collect()
    }
}

type Transaction<'a> = sqlx::Transaction<'a, sqlx::Sqlite>;

async fn upsert_account(
    transaction: &mut Transaction<'_>,
    snapshot: &AccountSnapshot,
) -> Result<(i64, bool), StoreError> {
    let existing: Option<i64> =
        sqlx::query_scalar("SELECT id FROM accounts WHERE payment_reference = ?")
            .bind(&snapshot.payment_reference)
            .fetch_optional(&mut **transaction)
            .await?;
    let account_id: i64 = sqlx::query_scalar(
        "INSERT INTO accounts (payment_reference, tenancy_reference, tenure, tenancy_start_date, \
         tenancy_end_date, address_line_1, address_line_2, town, postcode, rent_frequency) \
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) \
         ON CONFLICT (payment_reference) DO UPDATE SET tenancy_reference = excluded.tenancy_reference, \
         tenure = excluded.tenure, tenancy_start_date = excluded.tenancy_start_date, \
         tenancy_end_date = excluded.tenancy_end_date, address_line_1 = excluded.address_line_1, \
         address_line_2 = excluded.address_line_2, town = excluded.town, \
         postcode = excluded.postcode, rent_frequency = excluded.rent_frequency, \
         reassigned_at = NULL RETURNING id",
    )
    .bind(&snapshot.payment_reference)
    .bind(&snapshot.tenancy_reference)
    .bind(&snapshot.tenure)
    .bind(snapshot.tenancy_start_date)
    .bind(snapshot.tenancy_end_date)
    .bind(&snapshot.address_line_1)
    .bind(&snapshot.address_line_2)
    .bind(&snapshot.town)
    .bind(&snapshot.postcode)
    .bind(&snapshot.rent_frequency)
    .fetch_one(&mut **transaction)
    .await
    .map_err(|error| refused_snapshot(snapshot, &error))?;
    // Head office owns who is named on the tenancy (representatives recorded here are in
    // their own table and stay).
    sqlx::query("DELETE FROM account_people WHERE account_id = ?")
        .bind(account_id)
        .execute(&mut **transaction)
        .await?;
    for (position, person) in snapshot.people.iter().enumerate() {
        sqlx::query(
            "INSERT INTO account_people (account_id, position, role, full_name, date_of_birth, \
             phone) VALUES (?, ?, ?, ?, ?, ?)",
        )
        .bind(account_id)
        .bind(i64::try_from(position).unwrap_or(i64::MAX))
        .bind(&person.role)
        .bind(&person.full_name)
        .bind(person.date_of_birth)
        .bind(&person.phone)
        .execute(&mut **transaction)
        .await
        .map_err(|error| refused_snapshot(snapshot, &error))?;
    }
    sqlx::query("DELETE FROM rent_changes WHERE account_id = ?")
        .bind(account_id)
        .execute(&mut **transaction)
        .await?;
    for change in &snapshot.rent_changes {
        sqlx::query(
            "INSERT INTO rent_changes (account_id, effective_from, rent_pence, \
             service_charge_pence) VALUES (?, ?, ?, ?)",
        )
        .bind(account_id)
        .bind(change.effective_from)
        .bind(change.rent_pence)
        .bind(change.service_charge_pence)
        .execute(&mut **transaction)
        .await
        .map_err(|error| refused_snapshot(snapshot, &error))?;
    }
    Ok((account_id, existing.is_none()))
}

async fn add_missing_entries(
    transaction: &mut Transaction<'_>,
    chain: &mut ChainWriter,
    account_id: i64,
    snapshot: &AccountSnapshot,
) -> Result<usize, StoreError> {
    let held: Vec<String> =
        sqlx::query_scalar("SELECT id FROM ledger_entries WHERE account_id = ?")
            .bind(account_id)
            .fetch_all(&mut **transaction)
            .await?;
    let held: std::collections::HashSet<String> = held.into_iter().collect();
    let missing = snapshot
        .entries
        .iter()
        .filter(|entry| !held.contains(&entry.id.to_string()))
        .map(|entry| {
            Ok(Entry {
                id: entry.id,
                posted_on: entry.posted_on,
                kind: entry_kind_from_columns(
                    &entry.kind,
                    entry.detail.as_deref(),
                    entry.reverses_entry_id.map(|id| id.to_string()).as_deref(),
                )
                .map_err(|_| StoreError::Corrupt {
                    what: format!(
                        "head office sent account {} an entry this version cannot read \
                         ({} {})",
                        snapshot.payment_reference,
                        entry.kind,
                        entry.detail.as_deref().unwrap_or_default()
                    ),
                })?,
                amount: money_from_pence(entry.amount_pence),
                description: entry.description.clone(),
            })
        })
        .collect::<Result<Vec<Entry>, StoreError>>()?;
    if missing.is_empty() {
        return Ok(0);
    }
    let next_sequence: i64 = sqlx::query_scalar(
        "SELECT coalesce(max(sequence) + 1, 0) FROM ledger_entries WHERE account_id = ?",
    )
    .bind(account_id)
    .fetch_one(&mut **transaction)
    .await?;
    insert_entries(transaction, chain, account_id, next_sequence, &missing).await?;
    Ok(missing.len())
}

fn refused_snapshot(snapshot: &AccountSnapshot, error: &sqlx::Error) -> StoreError {
    StoreError::Corrupt {
        what: format!(
            "head office's copy of account {} could not be stored ({error})",
            snapshot.payment_reference
        ),
    }
}
