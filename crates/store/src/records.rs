//! The officer's records beside the ledger: posted entries, the diary, arrangements and their
//! states, holds, the escalation policy, and the outbox that carries each command to head
//! office.
//!
//! Every write that head office must hear about is one transaction with its outbox command, so
//! either both are on disk or neither is. The command id is the idempotency key: a command
//! already in the outbox is not applied again, so a retried submit records nothing twice.

use chrono::{DateTime, NaiveDate, Utc};
use doorstep_domain::arrangement::{
    Arrangement, ArrangementKind, ArrangementState, ArrangementTerms, InitialPayment,
    InstalmentFrequency,
};
use doorstep_domain::ledger::Entry;
use doorstep_domain::money::money_from_pence;
use serde::{Deserialize, Serialize};
use sqlx::Row;
use uuid::Uuid;

use crate::accounts::{from_column, insert_entries, parse_uuid, pence, to_column};
use crate::chain::{diary_canonical, ChainWriter, DIARY_TABLE};
use crate::{only_account_sql, Store, StoreError};

/// A command for head office, written with its effect.
#[derive(Debug, Clone, PartialEq)]
pub struct OutboxCommand {
    pub command_id: Uuid,
    /// "payment_recorded", "entry_reversed", "diary_recorded", "arrangement_made",
    /// "arrangement_cancelled", "hold_set".
    pub kind: &'static str,
    pub payload: serde_json::Value,
    pub created_at: DateTime<Utc>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Recorded {
    Now,
    /// The command was recorded before (a retry): nothing was written this time.
    Already,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DiaryRecord {
    pub id: Uuid,
    pub account_id: i64,
    pub happened_on: NaiveDate,
    pub recorded_at: DateTime<Utc>,
    pub officer: String,
    pub code: String,
    pub note: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArrangementRecord {
    pub id: Uuid,
    pub account_id: i64,
    pub arrangement: Arrangement,
    pub officer: String,
    pub note: String,
    /// Oldest first; never empty for a stored arrangement.
    pub states: Vec<ArrangementStateRecord>,
}

impl ArrangementRecord {
    pub fn state(&self) -> Option<ArrangementState> {
        self.states.last().map(|record| record.state)
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArrangementStateRecord {
    pub state: ArrangementState,
    pub on_date: NaiveDate,
    pub reason: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum HoldKind {
    Pause,
    CourtDate,
    EvictionDate,
    BreathingSpace,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HoldRecord {
    pub id: Uuid,
    pub account_id: i64,
    pub kind: HoldKind,
    /// The pause reason's snake_case code; only for a pause.
    pub pause_reason: Option<String>,
    pub until_on: NaiveDate,
    pub recorded_at: DateTime<Utc>,
    pub officer: String,
    pub note: String,
}

/// Instants are stored as RFC 3339 UTC text with a fixed precision, so the text the chain
/// hashes is the text read back.
pub(crate) fn instant_text(instant: DateTime<Utc>) -> String {
    instant.to_rfc3339_opts(chrono::SecondsFormat::Micros, true)
}

pub(crate) fn parse_instant(text: &str) -> Result<DateTime<Utc>, StoreError> {
    DateTime::parse_from_rfc3339(text)
        .map(|instant| instant.with_timezone(&Utc))
        .map_err(|_| StoreError::Corrupt {
            what: format!("an instant {text:?}"),
        })
}

type Transaction<'a> = sqlx::Transaction<'a, sqlx::Sqlite>;

pub(crate) async fn already_recorded(
    transaction: &mut Transaction<'_>,
    command: &OutboxCommand,
) -> Result<bool, StoreError> {
    let found: Option<i64> = sqlx::query_scalar("SELECT sequence FROM outbox WHERE command_id = ?")
        .bind(command.command_id.to_string())
        .fetch_optional(&mut **transaction)
        .await?;
    Ok(found.is_some())
}

/// What a command did, written into its payload so that head office applies exactly the
/// device's effect: the account it concerns, the ledger entries it posted (with their ids,
/// so the device's entry and head office's are one entry) and its diary note.
#[derive(Default, Clone, Copy)]
pub(crate) struct Effects<'a> {
    pub account_id: Option<i64>,
    pub entries: &'a [Entry],
    pub diary: Option<&'a DiaryRecord>,
}

impl<'a> Effects<'a> {
    pub(crate) fn account(account_id: i64) -> Effects<'a> {
        Effects {
            account_id: Some(account_id),
            ..Effects::default()
        }
    }
}

pub(crate) async fn write_outbox(
    transaction: &mut Transaction<'_>,
    command: &OutboxCommand,
    effects: Effects<'_>,
) -> Result<(), StoreError> {
    let mut payload = command.payload.clone();
    if let Some(object) = payload.as_object_mut() {
        if let Some(account_id) = effects.account_id {
            if !object.contains_key("payment_reference") {
                let reference: Option<String> =
                    sqlx::query_scalar("SELECT payment_reference FROM accounts WHERE id = ?")
                        .bind(account_id)
                        .fetch_optional(&mut **transaction)
                        .await?;
                if let Some(reference) = reference {
                    object.insert("payment_reference".into(), reference.into());
                }
            }
        }
        if !effects.entries.is_empty() {
            object.insert("ledger_entries".into(), entries_json(effects.entries)?);
        }
        if let Some(diary) = effects.diary {
            object.insert(
                "diary".into(),
                serde_json::json!({
                    "id": diary.id.to_string(),
                    "happened_on": diary.happened_on,
                    "code": diary.code,
                    "note": diary.note,
                    "officer": diary.officer,
                }),
            );
        }
    }
    sqlx::query("INSERT INTO outbox (command_id, kind, payload, created_at) VALUES (?, ?, ?, ?)")
        .bind(command.command_id.to_string())
        .bind(command.kind)
        .bind(payload.to_string())
        .bind(instant_text(command.created_at))
        .execute(&mut **transaction)
        .await?;
    Ok(())
}

/// Ledger entries as head office reads them (`doorstep_sync::EntrySnapshot`'s fields).
fn entries_json(entries: &[Entry]) -> Result<serde_json::Value, StoreError> {
    entries
        .iter()
        .map(|entry| {
            let (kind, detail, reverses) = crate::accounts::entry_kind_columns(&entry.kind)?;
            Ok(serde_json::json!({
                "id": entry.id.to_string(),
                "posted_on": entry.posted_on,
                "kind": kind,
                "detail": detail,
                "amount_pence": pence(entry.amount)?,
                "description": entry.description,
                "reverses_entry_id": reverses.map(|id| id.to_string()),
            }))
        })
        .collect::<Result<Vec<_>, StoreError>>()
        .map(serde_json::Value::Array)
}

pub(crate) async fn insert_diary(
    transaction: &mut Transaction<'_>,
    chain: &mut ChainWriter,
    record: &DiaryRecord,
) -> Result<(), StoreError> {
    let id = record.id.to_string();
    let recorded_at = instant_text(record.recorded_at);
    sqlx::query(
        "INSERT INTO diary (id, account_id, happened_on, recorded_at, officer, code, note) \
         VALUES (?, ?, ?, ?, ?, ?, ?)",
    )
    .bind(&id)
    .bind(record.account_id)
    .bind(record.happened_on)
    .bind(&recorded_at)
    .bind(&record.officer)
    .bind(&record.code)
    .bind(&record.note)
    .execute(&mut **transaction)
    .await?;
    chain.link(
        DIARY_TABLE,
        &id,
        &diary_canonical(
            &id,
            record.account_id,
            &record.happened_on.to_string(),
            &recorded_at,
            &record.officer,
            &record.code,
            &record.note,
        ),
    );
    Ok(())
}

/// Records that arrive from outside as history (a demo patch, later head office's caseload):
/// not the device's own commands, so they go to no outbox.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AccountHistory {
    pub diary: Vec<DiaryRecord>,
    pub arrangements: Vec<ArrangementRecord>,
    pub holds: Vec<HoldRecord>,
}

impl Store {
    /// Adds history for many accounts in one transaction: all of it or, on any error, none.
    pub async fn insert_history(&self, histories: &[AccountHistory]) -> Result<(), StoreError> {
        let mut transaction = self.write_transaction().await?;
        let mut chain = ChainWriter::start(&mut transaction).await?;
        for history in histories {
            for record in &history.diary {
                insert_diary(&mut transaction, &mut chain, record).await?;
            }
            for record in &history.arrangements {
                insert_arrangement(&mut transaction, record).await?;
            }
            for record in &history.holds {
                insert_hold(&mut transaction, record).await?;
            }
        }
        chain.finish(&mut transaction).await?;
        transaction.commit().await?;
        Ok(())
    }

    /// Posts entries at the end of an account's ledger, with their diary record if any.
    pub async fn append_entries(
        &self,
        account_id: i64,
        entries: &[Entry],
        diary: Option<&DiaryRecord>,
        command: &OutboxCommand,
    ) -> Result<Recorded, StoreError> {
        let mut transaction = self.write_transaction().await?;
        if already_recorded(&mut transaction, command).await? {
            return Ok(Recorded::Already);
        }
        let next_sequence: i64 = sqlx::query_scalar(
            "SELECT coalesce(max(sequence) + 1, 0) FROM ledger_entries WHERE account_id = ?",
        )
        .bind(account_id)
        .fetch_one(&mut *transaction)
        .await?;
        let mut chain = ChainWriter::start(&mut transaction).await?;
        insert_entries(
            &mut transaction,
            &mut chain,
            account_id,
            next_sequence,
            entries,
        )
        .await?;
        if let Some(record) = diary {
            insert_diary(&mut transaction, &mut chain, record).await?;
        }
        chain.finish(&mut transaction).await?;
        write_outbox(
            &mut transaction,
            command,
            Effects {
                account_id: Some(account_id),
                entries,
                diary,
            },
        )
        .await?;
        transaction.commit().await?;
        Ok(Recorded::Now)
    }

    pub async fn append_diary(
        &self,
        record: &DiaryRecord,
        command: &OutboxCommand,
    ) -> Result<Recorded, StoreError> {
        let mut transaction = self.write_transaction().await?;
        if already_recorded(&mut transaction, command).await? {
            return Ok(Recorded::Already);
        }
        let mut chain = ChainWriter::start(&mut transaction).await?;
        insert_diary(&mut transaction, &mut chain, record).await?;
        chain.finish(&mut transaction).await?;
        write_outbox(
            &mut transaction,
            command,
            Effects {
                account_id: Some(record.account_id),
                diary: Some(record),
                ..Effects::default()
            },
        )
        .await?;
        transaction.commit().await?;
        Ok(Recorded::Now)
    }

    /// Diary records of one account, newest first.
    pub async fn diary_for_account(&self, account_id: i64) -> Result<Vec<DiaryRecord>, StoreError> {
        let rows = sqlx::query(
            "SELECT id, account_id, happened_on, recorded_at, officer, code, note FROM diary \
             WHERE account_id = ? ORDER BY happened_on DESC, recorded_at DESC",
        )
        .bind(account_id)
        .fetch_all(self.pool())
        .await?;
        rows.iter()
            .map(|row| {
                Ok(DiaryRecord {
                    id: parse_uuid(row.try_get("id")?)?,
                    account_id: row.try_get("account_id")?,
                    happened_on: row.try_get("happened_on")?,
                    recorded_at: parse_instant(row.try_get("recorded_at")?)?,
                    officer: row.try_get("officer")?,
                    code: row.try_get("code")?,
                    note: row.try_get("note")?,
                })
            })
            .collect()
    }

    /// For every account (or one), its most recent diary record whose code is one of
    /// `step_codes`: the last escalation step taken.
    pub async fn last_steps(
        &self,
        step_codes: &[String],
        only_account: Option<i64>,
    ) -> Result<Vec<(i64, String, NaiveDate)>, StoreError> {
        let codes = serde_json::to_string(step_codes).map_err(|error| StoreError::Corrupt {
            what: format!("step codes: {error}"),
        })?;
        // SQLite returns the other columns from the row holding the max (a documented
        // property of bare columns with a single max()).
        let rows = sqlx::query(&format!(
            "SELECT account_id, code, max(happened_on || recorded_at) AS latest, happened_on \
             FROM diary WHERE code IN (SELECT value FROM json_each(?1)) \
             AND {only} GROUP BY account_id",
            only = only_account_sql("account_id", 2, only_account)
        ))
        .bind(codes)
        .bind(only_account)
        .fetch_all(self.pool())
        .await?;
        rows.iter()
            .map(|row| {
                Ok((
                    row.try_get("account_id")?,
                    row.try_get("code")?,
                    row.try_get("happened_on")?,
                ))
            })
            .collect()
    }

    /// Every diary record under one of `codes` dated `from` to `to`: (account, code, date).
    /// A stamp that moves whenever a row is added to a table the reports read. Those tables
    /// are append-only (triggers refuse UPDATE and DELETE), so each one's largest rowid moves
    /// with every new row and never otherwise; reading five b-tree ends is instant.
    pub async fn reports_stamp(&self) -> Result<[i64; 5], StoreError> {
        let row = sqlx::query(
            "SELECT (SELECT coalesce(max(rowid), 0) FROM ledger_entries) AS ledger, \
             (SELECT coalesce(max(rowid), 0) FROM diary) AS diary, \
             (SELECT coalesce(max(rowid), 0) FROM arrangements) AS arrangements, \
             (SELECT coalesce(max(rowid), 0) FROM arrangement_states) AS states, \
             (SELECT coalesce(max(rowid), 0) FROM accounts) AS accounts",
        )
        .fetch_one(self.pool())
        .await?;
        Ok([
            row.try_get("ledger")?,
            row.try_get("diary")?,
            row.try_get("arrangements")?,
            row.try_get("states")?,
            row.try_get("accounts")?,
        ])
    }

    pub async fn diary_events(
        &self,
        codes: &[&str],
        from: NaiveDate,
        to: NaiveDate,
    ) -> Result<Vec<(i64, String, NaiveDate)>, StoreError> {
        let codes = serde_json::to_string(codes).map_err(|error| StoreError::Corrupt {
            what: format!("diary codes: {error}"),
        })?;
        let rows = sqlx::query(
            "SELECT account_id, code, happened_on FROM diary              WHERE code IN (SELECT value FROM json_each(?)) AND happened_on BETWEEN ? AND ?              ORDER BY account_id, happened_on",
        )
        .bind(codes)
        .bind(from)
        .bind(to)
        .fetch_all(self.pool())
        .await?;
        rows.iter()
            .map(|row| {
                Ok((
                    row.try_get("account_id")?,
                    row.try_get("code")?,
                    row.try_get("happened_on")?,
                ))
            })
            .collect()
    }

    /// Each account's latest diary note under `returned_code` that no note under a
    /// `contact_codes` code has followed: payments that came back and the tenant not yet told.
    pub async fn payments_returned_since_contact(
        &self,
        returned_code: &str,
        contact_codes: &[String],
        only_account: Option<i64>,
    ) -> Result<Vec<(i64, String)>, StoreError> {
        let codes = serde_json::to_string(contact_codes).map_err(|error| StoreError::Corrupt {
            what: format!("contact codes: {error}"),
        })?;
        let rows = sqlx::query(&format!(
            "SELECT r.account_id, r.note, max(r.recorded_at) FROM diary r \
             WHERE r.code = ?1 AND {only} AND NOT EXISTS (SELECT 1 FROM diary c \
               WHERE c.account_id = r.account_id AND c.recorded_at > r.recorded_at \
               AND c.code IN (SELECT value FROM json_each(?2))) \
             GROUP BY r.account_id",
            only = only_account_sql("r.account_id", 3, only_account)
        ))
        .bind(returned_code)
        .bind(codes)
        .bind(only_account)
        .fetch_all(self.pool())
        .await?;
        rows.iter()
            .map(|row| Ok((row.try_get("account_id")?, row.try_get("note")?)))
            .collect()
    }

    /// Records a new arrangement, superseding the account's open one if there is one.
    pub async fn create_arrangement(
        &self,
        record: &ArrangementRecord,
        command: &OutboxCommand,
    ) -> Result<Recorded, StoreError> {
        let mut transaction = self.write_transaction().await?;
        if already_recorded(&mut transaction, command).await? {
            return Ok(Recorded::Already);
        }
        self.supersede_and_insert_arrangement(&mut transaction, record)
            .await?;
        write_outbox(
            &mut transaction,
            command,
            Effects::account(record.account_id),
        )
        .await?;
        transaction.commit().await?;
        Ok(Recorded::Now)
    }

    /// Supersedes the account's open arrangement, if any, and inserts the new one.
    pub(crate) async fn supersede_and_insert_arrangement(
        &self,
        transaction: &mut Transaction<'_>,
        record: &ArrangementRecord,
    ) -> Result<(), StoreError> {
        let terms = record.arrangement.terms();
        for open in self
            .arrangements_where(transaction, Some(record.account_id))
            .await?
            .iter()
            .filter(|open| open.state().is_some_and(|state| state.is_open()))
        {
            insert_state(
                transaction,
                open.id,
                open.states.len(),
                &ArrangementStateRecord {
                    state: ArrangementState::Superseded,
                    on_date: terms.agreed_on,
                    reason: "Superseded by a new arrangement".into(),
                },
            )
            .await?;
        }
        insert_arrangement(transaction, record).await
    }

    /// Appends a state to an arrangement's history. `command` is `None` for a state the app
    /// derives (breached, completed), which head office derives for itself too.
    pub async fn append_arrangement_state(
        &self,
        arrangement_id: Uuid,
        state: &ArrangementStateRecord,
        command: Option<&OutboxCommand>,
    ) -> Result<Recorded, StoreError> {
        let mut transaction = self.write_transaction().await?;
        if let Some(command) = command {
            if already_recorded(&mut transaction, command).await? {
                return Ok(Recorded::Already);
            }
        }
        let states_count: i64 =
            sqlx::query_scalar("SELECT count(*) FROM arrangement_states WHERE arrangement_id = ?")
                .bind(arrangement_id.to_string())
                .fetch_one(&mut *transaction)
                .await?;
        insert_state(
            &mut transaction,
            arrangement_id,
            usize::try_from(states_count).unwrap_or(usize::MAX),
            state,
        )
        .await?;
        if let Some(command) = command {
            write_outbox(&mut transaction, command, Effects::default()).await?;
        }
        transaction.commit().await?;
        Ok(Recorded::Now)
    }

    /// Arrangements of every account (or one), each with its states, oldest first.
    pub async fn arrangements(
        &self,
        only_account: Option<i64>,
    ) -> Result<Vec<ArrangementRecord>, StoreError> {
        let mut connection = self.pool().acquire().await?;
        self.arrangements_where(&mut connection, only_account).await
    }

    async fn arrangements_where(
        &self,
        connection: &mut sqlx::SqliteConnection,
        only_account: Option<i64>,
    ) -> Result<Vec<ArrangementRecord>, StoreError> {
        let rows = sqlx::query(&format!(
            "SELECT a.id, a.account_id, a.kind, a.frequency, a.instalment_pence, \
             a.first_instalment_on, a.initial_payment_pence, a.initial_payment_on, \
             a.starting_balance_pence, a.agreed_on, a.tolerance_days, a.officer, a.note, \
             json_group_array(json_array(s.state, s.on_date, s.reason) ORDER BY s.position) \
             AS states \
             FROM arrangements a JOIN arrangement_states s ON s.arrangement_id = a.id \
             WHERE {only} \
             GROUP BY a.id ORDER BY a.account_id, a.agreed_on, a.id",
            only = only_account_sql("a.account_id", 1, only_account)
        ))
        .bind(only_account)
        .fetch_all(&mut *connection)
        .await?;
        rows.iter().map(arrangement_from_row).collect()
    }

    pub async fn add_hold(
        &self,
        record: &HoldRecord,
        command: &OutboxCommand,
    ) -> Result<Recorded, StoreError> {
        let mut transaction = self.write_transaction().await?;
        if already_recorded(&mut transaction, command).await? {
            return Ok(Recorded::Already);
        }
        insert_hold(&mut transaction, record).await?;
        write_outbox(
            &mut transaction,
            command,
            Effects::account(record.account_id),
        )
        .await?;
        transaction.commit().await?;
        Ok(Recorded::Now)
    }

    /// The latest hold of each kind for every account (or one): a newer hold of a kind
    /// replaces the older one, so an officer lifts a pause by recording one that ends today.
    pub async fn latest_holds(
        &self,
        only_account: Option<i64>,
    ) -> Result<Vec<HoldRecord>, StoreError> {
        let rows = sqlx::query(&format!(
"SELECT id, account_id, kind, pause_reason, until_on, max(recorded_at) AS recorded_at, \
             officer, note FROM holds WHERE {only} \
             GROUP BY account_id, kind ORDER BY account_id, kind",
            only = only_account_sql("account_id", 1, only_account)
        ))
        .bind(only_account)
        .fetch_all(self.pool())
        .await?;
        rows.iter()
            .map(|row| {
                Ok(HoldRecord {
                    id: parse_uuid(row.try_get("id")?)?,
                    account_id: row.try_get("account_id")?,
                    kind: from_column(row.try_get("kind")?)?,
                    pause_reason: row.try_get("pause_reason")?,
                    until_on: row.try_get("until_on")?,
                    recorded_at: parse_instant(row.try_get("recorded_at")?)?,
                    officer: row.try_get("officer")?,
                    note: row.try_get("note")?,
                })
            })
            .collect()
    }

    pub async fn save_policy(
        &self,
        json: &str,
        officer: &str,
        saved_at: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        sqlx::query("INSERT INTO escalation_policies (json, saved_at, officer) VALUES (?, ?, ?)")
            .bind(json)
            .bind(instant_text(saved_at))
            .bind(officer)
            .execute(self.pool())
            .await?;
        Ok(())
    }

    /// The policy in force: the latest saved, or `None` for the built-in default.
    pub async fn current_policy(&self) -> Result<Option<String>, StoreError> {
        Ok(
            sqlx::query_scalar(
                "SELECT json FROM escalation_policies ORDER BY version DESC LIMIT 1",
            )
            .fetch_optional(self.pool())
            .await?,
        )
    }

    /// Whether a command with this id is in the outbox: a retried command is a no-op.
    pub async fn command_recorded(&self, command_id: Uuid) -> Result<bool, StoreError> {
        let found: Option<i64> =
            sqlx::query_scalar("SELECT sequence FROM outbox WHERE command_id = ?")
                .bind(command_id.to_string())
                .fetch_optional(self.pool())
                .await?;
        Ok(found.is_some())
    }

    /// The accounts with a diary record under `code` on `on`.
    pub async fn diary_accounts_on(
        &self,
        code: &str,
        on: NaiveDate,
    ) -> Result<Vec<i64>, StoreError> {
        Ok(sqlx::query_scalar(
            "SELECT DISTINCT account_id FROM diary WHERE code = ? AND happened_on = ?",
        )
        .bind(code)
        .bind(on)
        .fetch_all(self.pool())
        .await?)
    }

    pub async fn unacknowledged_commands_count(&self) -> Result<u64, StoreError> {
        let count: i64 =
            sqlx::query_scalar("SELECT count(*) FROM outbox WHERE acknowledged_at IS NULL")
                .fetch_one(self.pool())
                .await?;
        Ok(u64::try_from(count).unwrap_or(0))
    }
}

async fn insert_arrangement(
    transaction: &mut Transaction<'_>,
    record: &ArrangementRecord,
) -> Result<(), StoreError> {
    let terms = record.arrangement.terms();
    let (initial_pence, initial_on) = match &terms.initial_payment {
        Some(initial) => (Some(pence(initial.amount)?), Some(initial.due_on)),
        None => (None, None),
    };
    sqlx::query(
        "INSERT INTO arrangements (id, account_id, kind, frequency, instalment_pence, \
             first_instalment_on, initial_payment_pence, initial_payment_on, \
             starting_balance_pence, agreed_on, tolerance_days, officer, note) \
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
    )
    .bind(record.id.to_string())
    .bind(record.account_id)
    .bind(to_column(&terms.kind)?)
    .bind(to_column(&terms.frequency)?)
    .bind(pence(terms.instalment)?)
    .bind(terms.first_instalment_on)
    .bind(initial_pence)
    .bind(initial_on)
    .bind(pence(terms.starting_balance)?)
    .bind(terms.agreed_on)
    .bind(i64::from(terms.tolerance_days))
    .bind(&record.officer)
    .bind(&record.note)
    .execute(&mut **transaction)
    .await?;
    for (position, state) in record.states.iter().enumerate() {
        insert_state(transaction, record.id, position, state).await?;
    }
    Ok(())
}

pub(crate) async fn insert_hold(
    transaction: &mut Transaction<'_>,
    record: &HoldRecord,
) -> Result<(), StoreError> {
    sqlx::query(
        "INSERT INTO holds (id, account_id, kind, pause_reason, until_on, recorded_at, \
         officer, note) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
    )
    .bind(record.id.to_string())
    .bind(record.account_id)
    .bind(to_column(&record.kind)?)
    .bind(&record.pause_reason)
    .bind(record.until_on)
    .bind(instant_text(record.recorded_at))
    .bind(&record.officer)
    .bind(&record.note)
    .execute(&mut **transaction)
    .await?;
    Ok(())
}

async fn insert_state(
    transaction: &mut Transaction<'_>,
    arrangement_id: Uuid,
    position: usize,
    state: &ArrangementStateRecord,
) -> Result<(), StoreError> {
    sqlx::query(
        "INSERT INTO arrangement_states (id, arrangement_id, position, state, on_date, reason) \
         VALUES (?, ?, ?, ?, ?, ?)",
    )
    .bind(Uuid::now_v7().to_string())
    .bind(arrangement_id.to_string())
    .bind(i64::try_from(position).unwrap_or(i64::MAX))
    .bind(to_column(&state.state)?)
    .bind(state.on_date)
    .bind(&state.reason)
    .execute(&mut **transaction)
    .await?;
    Ok(())
}

fn arrangement_from_row(row: &sqlx::sqlite::SqliteRow) -> Result<ArrangementRecord, StoreError> {
    let id = parse_uuid(row.try_get("id")?)?;
    let initial_pence: Option<i64> = row.try_get("initial_payment_pence")?;
    let initial_on: Option<NaiveDate> = row.try_get("initial_payment_on")?;
    let terms = ArrangementTerms {
        kind: from_column::<ArrangementKind>(row.try_get("kind")?)?,
        frequency: from_column::<InstalmentFrequency>(row.try_get("frequency")?)?,
        instalment: money_from_pence(row.try_get("instalment_pence")?),
        first_instalment_on: row.try_get("first_instalment_on")?,
        initial_payment: initial_pence.zip(initial_on).map(|(amount_pence, due_on)| {
            InitialPayment {
                amount: money_from_pence(amount_pence),
                due_on,
            }
        }),
        starting_balance: money_from_pence(row.try_get("starting_balance_pence")?),
        agreed_on: row.try_get("agreed_on")?,
        tolerance_days: u32::try_from(row.try_get::<i64, _>("tolerance_days")?).unwrap_or(0),
    };
    let arrangement = Arrangement::new(terms).map_err(|error| StoreError::Corrupt {
        what: format!("arrangement {id}: {error}"),
    })?;
    let packed: &str = row.try_get("states")?;
    let states: Vec<(String, NaiveDate, String)> =
        serde_json::from_str(packed).map_err(|error| StoreError::Corrupt {
            what: format!("the states of arrangement {id}: {error}"),
        })?;
    let states = states
        .into_iter()
        .map(|(state, on_date, reason)| {
            Ok(ArrangementStateRecord {
                state: from_column(&state)?,
                on_date,
                reason,
            })
        })
        .collect::<Result<Vec<_>, StoreError>>()?;
    Ok(ArrangementRecord {
        id,
        account_id: row.try_get("account_id")?,
        arrangement,
        officer: row.try_get("officer")?,
        note: row.try_get("note")?,
        states,
    })
}
