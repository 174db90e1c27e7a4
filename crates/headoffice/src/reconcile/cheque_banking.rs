//! Cheques banked against cheques taken: the bank's banking file, stored, matched against
//! the cheques officers recorded (`cheque_received`).
//!
//! A cheque number is unique only within one chequebook, so a banked cheque is matched to a
//! taken one by number, then by payment reference when the bank gives one, then preferring
//! an equal amount. Cheque numbers are compared without leading zeros: the bank prints
//! `000123` where an officer may type `123`.

use std::path::Path;

use chrono::NaiveDate;
use sqlx::Row;

use crate::csv_input::{self, Columns, CsvTable, FileError};
use crate::db::{now_text, Db};
use crate::error::Error;
use crate::import::{FirstSeen, ImportReport};
use crate::money;
use crate::reconcile::commands::{self, StoredCommand};

pub const COLUMNS: Columns = Columns {
    required: &["cheque_number", "amount", "banked_on"],
    optional: &["payment_reference"],
};

#[derive(Debug, Clone, PartialEq, Eq)]
struct Banked {
    cheque_number: String,
    banked_on: NaiveDate,
    amount_pence: i64,
    /// "" when the bank did not give one.
    payment_reference: String,
}

/// Stores the file's rows; a row already held is unchanged.
pub async fn import(db: &Db, path: &Path) -> Result<ImportReport, FileError> {
    let table = csv_input::read(path, &COLUMNS)?;
    let rows = read_rows(&table)?;
    let mut transaction = db.write().await?;
    let mut report = ImportReport::default();
    let imported_at = now_text();
    for (line, row) in &rows {
        let stored: Option<String> = sqlx::query_scalar(
            "SELECT cheque_number FROM cheque_bankings WHERE cheque_number = $1 \
             AND banked_on = $2 AND amount_pence = $3 AND payment_reference = $4",
        )
        .bind(&row.cheque_number)
        .bind(row.banked_on.to_string())
        .bind(row.amount_pence)
        .bind(&row.payment_reference)
        .fetch_optional(&mut *transaction)
        .await?;
        if stored.is_some() {
            report.count(false);
            continue;
        }
        sqlx::query(
            "INSERT INTO cheque_bankings (cheque_number, banked_on, amount_pence, \
             payment_reference, file_name, file_line, imported_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7)",
        )
        .bind(&row.cheque_number)
        .bind(row.banked_on.to_string())
        .bind(row.amount_pence)
        .bind(&row.payment_reference)
        .bind(&table.file)
        .bind(i64::try_from(*line).unwrap_or(i64::MAX))
        .bind(&imported_at)
        .execute(&mut *transaction)
        .await?;
        report.count(true);
    }
    transaction.commit().await?;
    Ok(report)
}

fn read_rows(table: &CsvTable) -> Result<Vec<(u64, Banked)>, FileError> {
    let mut seen = FirstSeen::new();
    let mut rows = Vec::with_capacity(table.rows.len());
    for row in &table.rows {
        let cheque_number = table.text(row, "cheque_number")?;
        if !cheque_number.bytes().all(|byte| byte.is_ascii_digit()) {
            return Err(table.row_error(
                row.line,
                format!("cheque_number \"{cheque_number}\" is not made of digits"),
            ));
        }
        let amount_pence = table.pence(row, "amount")?;
        if amount_pence <= 0 {
            return Err(table.row_error(row.line, "amount must be above zero"));
        }
        let banked = Banked {
            cheque_number,
            banked_on: table.date(row, "banked_on")?,
            amount_pence,
            payment_reference: table
                .optional_text(row, "payment_reference")
                .unwrap_or_default(),
        };
        let key = (
            banked.cheque_number.clone(),
            banked.banked_on,
            banked.amount_pence,
            banked.payment_reference.clone(),
        );
        if let Some(earlier) = seen.earlier(key, row.line) {
            return Err(table.row_error(
                row.line,
                format!("the same cheque is already on line {earlier}"),
            ));
        }
        rows.push((row.line, banked));
    }
    Ok(rows)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum ChequeCategory {
    Matched,
    TakenNotBanked,
    BankedNotTaken,
    AmountDiffers,
    /// Banked, and taken by an officer, but head office held the command for a person or
    /// rejected it, so the account was not credited at head office.
    NotApplied,
}

impl ChequeCategory {
    pub fn label(self) -> &'static str {
        match self {
            ChequeCategory::Matched => "Matched",
            ChequeCategory::TakenNotBanked => "Taken but not banked",
            ChequeCategory::BankedNotTaken => "Banked but not taken",
            ChequeCategory::AmountDiffers => "Amount differs",
            ChequeCategory::NotApplied => "Banked but held or rejected at head office",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChequeLine {
    pub category: ChequeCategory,
    pub cheque_number: String,
    /// The officer's account when taken, else the bank's (if it gave one).
    pub payment_reference: Option<String>,
    pub officer: Option<String>,
    pub command_id: Option<String>,
    pub taken_pence: Option<i64>,
    pub received_on: Option<String>,
    pub banked_pence: Option<i64>,
    pub banked_on: Option<NaiveDate>,
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ChequeReport {
    /// Banked cheques in banking order, then cheques taken but not banked.
    pub lines: Vec<ChequeLine>,
}

impl ChequeReport {
    pub fn count(&self, category: ChequeCategory) -> usize {
        self.lines
            .iter()
            .filter(|line| line.category == category)
            .count()
    }
}

/// Matches every stored banking row against every applied `cheque_received`, then what is
/// left against those held or rejected. Read only.
pub async fn report(db: &Db) -> Result<ChequeReport, Error> {
    let banked = stored_bankings(db).await?;
    let unmatched = |commands: Vec<StoredCommand>| -> Vec<Option<StoredCommand>> {
        commands.into_iter().map(Some).collect()
    };
    let mut taken = unmatched(commands::applied_of_kinds(db, &["cheque_received"]).await?);
    let mut not_applied =
        unmatched(commands::not_applied_of_kinds(db, &["cheque_received"]).await?);
    let mut report = ChequeReport::default();
    for row in &banked {
        let line = match take_match(&mut taken, row) {
            Some(command) => banked_line(row, Some((&command, true))),
            None => {
                let command = take_match(&mut not_applied, row);
                banked_line(row, command.as_ref().map(|command| (command, false)))
            }
        };
        report.lines.push(line);
    }
    for command in taken.iter().flatten() {
        report.lines.push(ChequeLine {
            category: ChequeCategory::TakenNotBanked,
            cheque_number: command.text("cheque_number").unwrap_or_default(),
            payment_reference: command.payment_reference.clone(),
            officer: Some(command.officer()),
            command_id: Some(command.command_id.clone()),
            taken_pence: amount_of(command),
            received_on: command.text("received_on"),
            banked_pence: None,
            banked_on: None,
        });
    }
    Ok(report)
}

/// Takes the taken cheque a banked one is: the same number, on the bank's account if it gave
/// one, preferring the same amount. A cheque taken is matched at most once.
fn take_match(taken: &mut [Option<StoredCommand>], row: &Banked) -> Option<StoredCommand> {
    let number = without_leading_zeros(&row.cheque_number);
    let candidates: Vec<usize> = taken
        .iter()
        .enumerate()
        .filter_map(|(index, command)| {
            let command = command.as_ref()?;
            let same_number = command
                .text("cheque_number")
                .is_some_and(|taken| without_leading_zeros(&taken) == number);
            let same_account = row.payment_reference.is_empty()
                || command.payment_reference.as_deref() == Some(row.payment_reference.as_str());
            (same_number && same_account).then_some(index)
        })
        .collect();
    let chosen = candidates
        .iter()
        .copied()
        .find(|index| {
            taken[*index]
                .as_ref()
                .is_some_and(|command| amount_of(command) == Some(row.amount_pence))
        })
        .or(candidates.first().copied())?;
    taken[chosen].take()
}

/// A banked cheque's line; `taken` is the officer's command and whether head office applied it.
fn banked_line(row: &Banked, taken: Option<(&StoredCommand, bool)>) -> ChequeLine {
    let Some((command, applied)) = taken else {
        return ChequeLine {
            category: ChequeCategory::BankedNotTaken,
            cheque_number: row.cheque_number.clone(),
            payment_reference: Some(row.payment_reference.clone()).filter(|text| !text.is_empty()),
            officer: None,
            command_id: None,
            taken_pence: None,
            received_on: None,
            banked_pence: Some(row.amount_pence),
            banked_on: Some(row.banked_on),
        };
    };
    let taken_pence = amount_of(command);
    ChequeLine {
        category: if !applied {
            ChequeCategory::NotApplied
        } else if taken_pence == Some(row.amount_pence) {
            ChequeCategory::Matched
        } else {
            ChequeCategory::AmountDiffers
        },
        cheque_number: row.cheque_number.clone(),
        payment_reference: command.payment_reference.clone(),
        officer: Some(command.officer()),
        command_id: Some(command.command_id.clone()),
        taken_pence,
        received_on: command.text("received_on"),
        banked_pence: Some(row.amount_pence),
        banked_on: Some(row.banked_on),
    }
}

fn amount_of(command: &StoredCommand) -> Option<i64> {
    command
        .text("amount")
        .and_then(|amount| money::parse_device_pounds(&amount).ok())
}

fn without_leading_zeros(number: &str) -> &str {
    let trimmed = number.trim().trim_start_matches('0');
    if trimmed.is_empty() && !number.trim().is_empty() {
        "0"
    } else {
        trimmed
    }
}

async fn stored_bankings(db: &Db) -> Result<Vec<Banked>, Error> {
    let rows = sqlx::query(
        "SELECT cheque_number, banked_on, amount_pence, payment_reference \
         FROM cheque_bankings ORDER BY banked_on, cheque_number, amount_pence, payment_reference",
    )
    .fetch_all(db.pool())
    .await?;
    rows.iter()
        .map(|row| {
            Ok(Banked {
                cheque_number: row.try_get("cheque_number")?,
                banked_on: crate::accounts::parse_date(&row.try_get::<String, _>("banked_on")?)?,
                amount_pence: row.try_get("amount_pence")?,
                payment_reference: row.try_get("payment_reference")?,
            })
        })
        .collect()
}
