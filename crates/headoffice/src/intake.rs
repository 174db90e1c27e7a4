//! Applying devices' commands, each exactly once.
//!
//! A batch is one transaction under the write lock. For each command, in the device's order:
//! a command id seen before returns the answer given then (a retry after a lost answer or a
//! killed app); otherwise head office decides — applied, rejected with a reason, or held for
//! a person — and stores the command with its decision, keyed by its id, in the same
//! transaction as its effect. A rejected or held command never stops the ones behind it.
//!
//! The device writes into each command's payload the ledger entries it posted
//! (`ledger_entries`), with their ids; head office posts exactly those, so the device's
//! entry and head office's are one entry.

use doorstep_sync::{CommandEnvelope, CommandResult, EntrySnapshot, Outcome};
use sqlx::Row;
use uuid::Uuid;

use std::collections::{BTreeSet, HashMap};

use chrono::NaiveDate;

use crate::accounts::{self, Posting, Source};
use crate::auth::Device;
use crate::changes;
use crate::db::{now_text, Db, Tx};
use crate::error::Error;

/// Commands about one person around an account: two devices changing the same person is a
/// conflict for a person at head office, not a race won by the later upload.
const CONTACT_KINDS: [&str; 2] = ["representative_recorded", "consent_recorded"];

pub async fn apply_batch(
    db: &Db,
    device: &Device,
    commands: &[CommandEnvelope],
) -> Result<Vec<CommandResult>, Error> {
    let mut transaction = db.write().await?;
    let mut batch = Batch::default();
    let mut results = Vec::with_capacity(commands.len());
    for command in commands {
        let outcome = apply_one(&mut transaction, &mut batch, device, command).await?;
        results.push(CommandResult {
            command_id: command.command_id,
            sequence: command.sequence,
            outcome,
        });
    }
    // Once per account however many of the batch's commands touched it: the device fetches
    // each account once.
    for reference in &batch.changed {
        changes::account_changed(&mut transaction, reference).await?;
    }
    sqlx::query("UPDATE devices SET last_seen_at = $1 WHERE id = $2")
        .bind(now_text())
        .bind(device.id.to_string())
        .execute(&mut *transaction)
        .await?;
    transaction.commit().await?;
    Ok(results)
}

/// What one batch learns about its accounts (asked once per account, not per command: no
/// command changes an account's officer or tenancy) and which accounts it changed.
#[derive(Default)]
struct Batch {
    accounts: HashMap<String, Option<AccountFacts>>,
    changed: BTreeSet<String>,
}

#[derive(Clone)]
struct AccountFacts {
    assignee: Option<String>,
    ended: Option<NaiveDate>,
}

impl Batch {
    /// `None` if head office has no such account.
    async fn facts(
        &mut self,
        transaction: &mut Tx,
        reference: &str,
    ) -> Result<Option<AccountFacts>, Error> {
        if let Some(known) = self.accounts.get(reference) {
            return Ok(known.clone());
        }
        let row = sqlx::query(
            "SELECT accounts.tenancy_end_date, assignments.officer_id FROM accounts \
             LEFT JOIN assignments ON assignments.payment_reference = accounts.payment_reference \
             WHERE accounts.payment_reference = $1",
        )
        .bind(reference)
        .fetch_optional(&mut **transaction)
        .await?;
        let facts = match row {
            None => None,
            Some(row) => Some(AccountFacts {
                assignee: row.try_get("officer_id")?,
                ended: row
                    .try_get::<Option<String>, _>("tenancy_end_date")?
                    .map(|text| accounts::parse_date(&text))
                    .transpose()?,
            }),
        };
        self.accounts.insert(reference.to_string(), facts.clone());
        Ok(facts)
    }
}

async fn apply_one(
    transaction: &mut Tx,
    batch: &mut Batch,
    device: &Device,
    command: &CommandEnvelope,
) -> Result<Outcome, Error> {
    if let Some(outcome) = earlier_answer(transaction, device, command).await? {
        return Ok(outcome);
    }
    let payment_reference = command
        .payload
        .get("payment_reference")
        .and_then(|value| value.as_str())
        .map(str::to_string);
    let decision = decide(
        transaction,
        batch,
        device,
        command,
        payment_reference.as_deref(),
    )
    .await?;
    let (outcome, conflict) = match decision {
        Decision::Apply(entries) => {
            let reference = payment_reference.as_deref().unwrap_or_default();
            (post(transaction, reference, &entries).await?, None)
        }
        Decision::Reject(reason) => (Outcome::Rejected { reason }, None),
        Decision::Hold { conflict, reason } => (Outcome::Held { reason }, Some(conflict)),
    };
    store(
        transaction,
        device,
        command,
        payment_reference.as_deref(),
        &outcome,
    )
    .await?;
    if let (Some(conflict), Some(reason)) = (conflict, outcome.reason()) {
        record_conflict(
            transaction,
            command,
            payment_reference.as_deref(),
            conflict,
            reason,
        )
        .await?;
    }
    if let (Some(reference), Outcome::Applied { .. }) = (&payment_reference, &outcome) {
        changes::account_changed(transaction, reference).await?;
    }
    Ok(outcome)
}

enum Decision {
    Apply(Vec<EntrySnapshot>),
    Reject(String),
    Hold {
        conflict: &'static str,
        reason: String,
    },
}

async fn decide(
    transaction: &mut Tx,
    batch: &mut Batch,
    device: &Device,
    command: &CommandEnvelope,
    payment_reference: Option<&str>,
) -> Result<Decision, Error> {
    let entries = match ledger_entries(command) {
        Ok(entries) => entries,
        Err(reason) => return Ok(Decision::Reject(reason)),
    };
    let Some(reference) = payment_reference else {
        // Lone-working check-ins and the like concern the officer, not an account.
        return Ok(if entries.is_empty() {
            Decision::Apply(entries)
        } else {
            Decision::Reject("a command that posts to a ledger must name the account".into())
        });
    };
    let Some(facts) = batch.facts(transaction, reference).await? else {
        return Ok(Decision::Reject(format!(
            "head office has no account {reference}"
        )));
    };
    let officer = device.officer_id.to_string();
    match facts.assignee {
        Some(assignee) if assignee == officer => {}
        _ if was_assigned(transaction, reference, &officer).await? => {
            return Ok(Decision::Hold {
                conflict: "reassigned",
                reason: format!(
                    "account {reference} was reassigned while this laptop was offline; \
                     head office will decide what happens to this record"
                ),
            });
        }
        _ => {
            return Ok(Decision::Reject(format!(
                "account {reference} is not assigned to you"
            )))
        }
    }
    if let Some(ended) = facts.ended {
        if let Some(late) = entries
            .iter()
            .find(|entry| entry.kind == "payment" && entry.posted_on > ended)
        {
            return Ok(Decision::Hold {
                conflict: "tenancy_ended",
                reason: format!(
                    "a payment of {} on {} is after the tenancy ended on {ended}; head office \
                     will decide where it belongs",
                    pounds(-late.amount_pence),
                    late.posted_on
                ),
            });
        }
    }
    if CONTACT_KINDS.contains(&command.kind.as_str()) {
        if let Some(reason) =
            contact_changed_elsewhere(transaction, device, command, reference).await?
        {
            return Ok(Decision::Hold {
                conflict: "contact_changed_twice",
                reason,
            });
        }
    }
    Ok(Decision::Apply(entries))
}

/// Posts the command's entries; the first refused one rejects the whole command, with
/// nothing of it posted (the transaction's savepoint is the command).
async fn post(
    transaction: &mut Tx,
    payment_reference: &str,
    entries: &[EntrySnapshot],
) -> Result<Outcome, Error> {
    let mut savepoint = sqlx::Connection::begin(&mut **transaction).await?;
    let mut posted = Vec::new();
    for entry in entries {
        match accounts::post_entry(
            &mut savepoint,
            payment_reference,
            entry,
            Source::Device,
            &entry.id.to_string(),
        )
        .await?
        {
            Posting::Posted | Posting::AlreadyPosted => posted.push(entry.id),
            Posting::Refused(reason) => {
                savepoint.rollback().await?;
                return Ok(Outcome::Rejected { reason });
            }
        }
    }
    savepoint.commit().await?;
    Ok(Outcome::Applied { posted })
}

async fn earlier_answer(
    transaction: &mut Tx,
    device: &Device,
    command: &CommandEnvelope,
) -> Result<Option<Outcome>, Error> {
    let row = sqlx::query(
        "SELECT device_id, outcome, reason, posted FROM commands WHERE command_id = $1",
    )
    .bind(command.command_id.to_string())
    .fetch_optional(&mut **transaction)
    .await?;
    if let Some(row) = row {
        let device_id: String = row.try_get("device_id")?;
        if device_id != device.id.to_string() {
            return Ok(Some(Outcome::Rejected {
                reason: "another device already sent a command with this id".into(),
            }));
        }
        return Ok(Some(stored_outcome(
            &row.try_get::<String, _>("outcome")?,
            row.try_get("reason")?,
            &row.try_get::<String, _>("posted")?,
        )?));
    }
    let reused: Option<String> = sqlx::query_scalar(
        "SELECT command_id FROM commands WHERE device_id = $1 AND sequence = $2",
    )
    .bind(device.id.to_string())
    .bind(command.sequence)
    .fetch_optional(&mut **transaction)
    .await?;
    Ok(reused.map(|other| Outcome::Rejected {
        reason: format!(
            "this device already sent command {other} as number {}",
            command.sequence
        ),
    }))
}

pub(crate) fn stored_outcome(
    outcome: &str,
    reason: Option<String>,
    posted: &str,
) -> Result<Outcome, Error> {
    let reason = reason.unwrap_or_default();
    Ok(match outcome {
        "applied" => Outcome::Applied {
            posted: serde_json::from_str(posted)
                .map_err(|error| Error::Unavailable(format!("a stored command: {error}")))?,
        },
        "held" => Outcome::Held { reason },
        _ => Outcome::Rejected { reason },
    })
}

async fn store(
    transaction: &mut Tx,
    device: &Device,
    command: &CommandEnvelope,
    payment_reference: Option<&str>,
    outcome: &Outcome,
) -> Result<(), Error> {
    let posted = match outcome {
        Outcome::Applied { posted } => posted.clone(),
        _ => Vec::new(),
    };
    sqlx::query(
        "INSERT INTO commands (command_id, device_id, officer_id, sequence, kind, \
         payment_reference, payload, created_at, received_at, outcome, reason, posted) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)",
    )
    .bind(command.command_id.to_string())
    .bind(device.id.to_string())
    .bind(device.officer_id.to_string())
    .bind(command.sequence)
    .bind(&command.kind)
    .bind(payment_reference)
    .bind(command.payload.to_string())
    .bind(crate::db::instant_text(command.created_at))
    .bind(now_text())
    .bind(outcome.label())
    .bind(outcome.reason())
    .bind(serde_json::to_string(&posted).unwrap_or_else(|_| "[]".into()))
    .execute(&mut **transaction)
    .await?;
    Ok(())
}

async fn record_conflict(
    transaction: &mut Tx,
    command: &CommandEnvelope,
    payment_reference: Option<&str>,
    conflict: &str,
    detail: &str,
) -> Result<(), Error> {
    sqlx::query(
        "INSERT INTO conflicts (id, command_id, payment_reference, conflict, detail, raised_at) \
         VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(Uuid::now_v7().to_string())
    .bind(command.command_id.to_string())
    .bind(payment_reference)
    .bind(conflict)
    .bind(detail)
    .bind(now_text())
    .execute(&mut **transaction)
    .await?;
    Ok(())
}

async fn was_assigned(transaction: &mut Tx, reference: &str, officer: &str) -> Result<bool, Error> {
    let found: Option<i64> = sqlx::query_scalar(
        "SELECT seq FROM changes WHERE payment_reference = $1 AND officer_id = $2 \
         AND change = 'assigned' LIMIT 1",
    )
    .bind(reference)
    .bind(officer)
    .fetch_optional(&mut **transaction)
    .await?;
    Ok(found.is_some())
}

/// Another device changed the same person on this account after this device last pulled
/// (so this device could not have seen it).
async fn contact_changed_elsewhere(
    transaction: &mut Tx,
    device: &Device,
    command: &CommandEnvelope,
    reference: &str,
) -> Result<Option<String>, Error> {
    let Some(person) = person_named(&command.payload) else {
        return Ok(None);
    };
    let name = command
        .payload
        .get("name")
        .and_then(|value| value.as_str())
        .unwrap_or("this person")
        .to_string();
    let last_pulled: Option<String> =
        sqlx::query_scalar("SELECT last_pulled_at FROM devices WHERE id = $1")
            .bind(device.id.to_string())
            .fetch_one(&mut **transaction)
            .await?;
    let rows = sqlx::query(
        "SELECT payload, received_at FROM commands WHERE payment_reference = $1 AND kind = $2 \
         AND device_id <> $3 AND outcome = 'applied' AND received_at > $4",
    )
    .bind(reference)
    .bind(&command.kind)
    .bind(device.id.to_string())
    .bind(last_pulled.unwrap_or_default())
    .fetch_all(&mut **transaction)
    .await?;
    for row in rows {
        let payload: serde_json::Value =
            serde_json::from_str(&row.try_get::<String, _>("payload")?).unwrap_or_default();
        if person_named(&payload).as_deref() == Some(person.as_str()) {
            let received: String = row.try_get("received_at")?;
            return Ok(Some(format!(
                "{name} on account {reference} was changed from another device at {} \
                 since this laptop last fetched its caseload; head office will decide which \
                 record stands",
                received.get(..16).unwrap_or(&received).replace('T', " ")
            )));
        }
    }
    Ok(None)
}

/// Which person a contact command is about: the person's id where the app gives one (a
/// later record for the same person names the first), else the name.
fn person_named(payload: &serde_json::Value) -> Option<String> {
    ["person_id", "full_name", "name"]
        .iter()
        .find_map(|key| payload.get(key).and_then(|value| value.as_str()))
        .map(|name| name.trim().to_lowercase())
}

fn ledger_entries(command: &CommandEnvelope) -> Result<Vec<EntrySnapshot>, String> {
    let Some(value) = command.payload.get("ledger_entries") else {
        return Ok(Vec::new());
    };
    serde_json::from_value(value.clone())
        .map_err(|error| format!("the command's ledger entries cannot be read: {error}"))
}

pub(crate) fn pounds(pence: i64) -> String {
    let sign = if pence < 0 { "-" } else { "" };
    let pence = pence.unsigned_abs();
    format!("{sign}£{}.{:02}", pence / 100, pence % 100)
}
