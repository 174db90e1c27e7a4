//! `import transactions`: the HMS's ledger entries, each posted once. The HMS transaction
//! reference is the idempotency key: the same reference again with the same details is
//! already posted; with different details it is refused, because a posted entry never
//! changes (the HMS corrects with a reversal, which is a new transaction).

use std::collections::{BTreeSet, HashMap};
use std::path::Path;

use chrono::NaiveDate;
use doorstep_sync::EntrySnapshot;
use uuid::Uuid;

use crate::accounts::{self, Posting, Source, ENTRY_KINDS};
use crate::changes;
use crate::csv_input::{self, Columns, CsvTable, FileError};
use crate::db::{Db, Tx};
use crate::import::{check_accounts_known, FirstSeen, ImportReport};

/// A charge's detail: `doorstep_domain::ledger::ChargeKind` in snake_case, as a device reads
/// it back. Kept here as data because head office does not depend on the domain crate.
pub const CHARGE_DETAILS: [&str; 5] = [
    "rent",
    "service_charge",
    "court_costs",
    "rechargeable_repair",
    "other",
];
/// A payment's detail (its method): `doorstep_domain::ledger::PaymentMethod` in snake_case.
pub const PAYMENT_DETAILS: [&str; 9] = [
    "direct_debit",
    "standing_order",
    "card",
    "cheque",
    "cash_office",
    "pay_point",
    "housing_benefit",
    "universal_credit",
    "third_party",
];

pub const COLUMNS: Columns = Columns {
    required: &[
        "transaction_reference",
        "payment_reference",
        "posted_on",
        "kind",
        "amount",
    ],
    optional: &["detail", "description", "reverses_reference"],
};

struct TransactionRow {
    line: u64,
    transaction_reference: String,
    payment_reference: String,
    posted_on: NaiveDate,
    kind: String,
    detail: Option<String>,
    amount_pence: i64,
    description: String,
    reverses_reference: Option<String>,
}

pub async fn import(db: &Db, path: &Path) -> Result<ImportReport, FileError> {
    let table = csv_input::read(path, &COLUMNS)?;
    let rows = read_rows(&table)?;
    let mut transaction = db.write().await?;
    check_accounts_known(
        &mut transaction,
        &table,
        rows.iter()
            .map(|row| (row.line, row.payment_reference.as_str())),
    )
    .await?;
    let entries = entries_of(&mut transaction, &table, &rows).await?;
    let mut report = ImportReport::default();
    let mut changed_accounts = BTreeSet::new();
    for (row, entry) in rows.iter().zip(&entries) {
        let posting = accounts::post_entry(
            &mut transaction,
            &row.payment_reference,
            entry,
            Source::Hms,
            &row.transaction_reference,
        )
        .await?;
        match posting {
            Posting::Posted => {
                changed_accounts.insert(row.payment_reference.as_str());
                report.count(true);
            }
            Posting::AlreadyPosted => report.count(false),
            // Dropping the transaction rolls back every row already posted from this file.
            Posting::Refused(reason) => return Err(table.row_error(row.line, reason)),
        }
    }
    // Once per account rather than per entry: the officer fetches the account once.
    for payment_reference in changed_accounts {
        changes::account_changed(&mut transaction, payment_reference).await?;
    }
    transaction.commit().await?;
    Ok(report)
}

/// The entries to post. An entry imported before keeps the id head office gave it, so the
/// same row again is recognised as already posted; a new one gets a new id.
async fn entries_of(
    transaction: &mut Tx,
    table: &CsvTable,
    rows: &[TransactionRow],
) -> Result<Vec<EntrySnapshot>, FileError> {
    let mut ids: HashMap<&str, Uuid> = HashMap::new();
    let mut entries = Vec::with_capacity(rows.len());
    for row in rows {
        let id = match stored_id(transaction, &row.transaction_reference).await? {
            Some(id) => id,
            None => Uuid::now_v7(),
        };
        let reverses_entry_id = match &row.reverses_reference {
            None => None,
            // Only an earlier line: the original must be on the ledger before its reversal.
            Some(reversed) => match ids.get(reversed.as_str()) {
                Some(id) => Some(*id),
                None => Some(stored_id(transaction, reversed).await?.ok_or_else(|| {
                    table.row_error(
                        row.line,
                        format!(
                            "reverses_reference {reversed} is neither on an earlier line of \
                             this file nor an HMS transaction already imported"
                        ),
                    )
                })?),
            },
        };
        let entry = EntrySnapshot {
            id,
            posted_on: row.posted_on,
            kind: row.kind.clone(),
            detail: row.detail.clone(),
            amount_pence: row.amount_pence,
            description: row.description.clone(),
            reverses_entry_id,
        };
        if let Some(problem) = accounts::entry_problem(&entry) {
            return Err(table.row_error(row.line, problem));
        }
        ids.insert(row.transaction_reference.as_str(), id);
        entries.push(entry);
    }
    Ok(entries)
}

async fn stored_id(
    transaction: &mut Tx,
    transaction_reference: &str,
) -> Result<Option<Uuid>, FileError> {
    let id: Option<String> = sqlx::query_scalar(
        "SELECT id FROM ledger_entries WHERE source = 'hms' AND source_reference = $1",
    )
    .bind(transaction_reference)
    .fetch_optional(&mut **transaction)
    .await?;
    id.map(|id| {
        Uuid::parse_str(&id).map_err(|_| {
            FileError::Database(crate::error::Error::Unavailable(format!(
                "the stored id of {transaction_reference} is not a UUID: {id}"
            )))
        })
    })
    .transpose()
}

fn read_rows(table: &CsvTable) -> Result<Vec<TransactionRow>, FileError> {
    let mut references = FirstSeen::new();
    let mut rows = Vec::with_capacity(table.rows.len());
    for row in &table.rows {
        let transaction_reference = table.text(row, "transaction_reference")?;
        if let Some(earlier) = references.earlier(transaction_reference.clone(), row.line) {
            return Err(table.row_error(
                row.line,
                format!(
                    "transaction_reference {transaction_reference} is already on line {earlier}"
                ),
            ));
        }
        let reverses_reference = table.optional_text(row, "reverses_reference");
        if reverses_reference.as_deref() == Some(transaction_reference.as_str()) {
            return Err(table.row_error(row.line, "a transaction cannot reverse itself"));
        }
        let kind = table.one_of(row, "kind", &ENTRY_KINDS)?;
        // An officer's laptop reads the detail back into its own vocabulary, so an HMS code
        // it does not know is mapped by a person here rather than guessed at there.
        let detail = match kind.as_str() {
            "charge" => Some(table.one_of(row, "detail", &CHARGE_DETAILS)?),
            "payment" => Some(table.one_of(row, "detail", &PAYMENT_DETAILS)?),
            _ => table.optional_text(row, "detail"),
        };
        rows.push(TransactionRow {
            line: row.line,
            transaction_reference,
            payment_reference: table.text(row, "payment_reference")?,
            posted_on: table.date(row, "posted_on")?,
            kind,
            detail,
            amount_pence: table.pence(row, "amount")?,
            description: table.optional_text(row, "description").unwrap_or_default(),
            reverses_reference,
        });
    }
    Ok(rows)
}
