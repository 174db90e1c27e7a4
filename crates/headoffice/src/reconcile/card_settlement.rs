//! Card settlement: the provider's file of what it settled, declined or refunded, matched by
//! provider reference against the card payments officers took (`card_payment_taken`).
//!
//! An officer's terminal may approve a payment offline and the provider decline it later;
//! the account was credited on the day, so a payment the settlement declines is money the
//! account does not have. Such a payment is flagged for a person (a conflict on its command),
//! never reversed here: whether to reverse, re-take or write off is theirs to decide.
//!
//! Every imported row is kept (`card_settlements`), so the report can be run again as more
//! commands arrive, and the same file imported twice adds nothing.

use std::collections::{BTreeMap, HashSet};
use std::path::Path;

use chrono::NaiveDate;
use sqlx::Row;
use uuid::Uuid;

use crate::csv_input::{self, Columns, CsvTable, FileError};
use crate::db::{now_text, Db};
use crate::error::Error;
use crate::import::{FirstSeen, ImportReport};
use crate::money;
use crate::reconcile::commands::{self, StoredCommand};

pub const STATUSES: [&str; 3] = ["settled", "declined", "refunded"];
/// The conflict a payment declined at settlement raises, for a person to settle.
pub const DECLINED_CONFLICT: &str = "card_declined_at_settlement";

pub const COLUMNS: Columns = Columns {
    required: &["provider_reference", "settled_on", "amount", "status"],
    optional: &[],
};

struct SettlementRow {
    line: u64,
    provider_reference: String,
    status: String,
    settled_on: NaiveDate,
    amount_pence: i64,
}

/// Stores the file's rows. A row already held (same provider reference and status) with the
/// same date and amount is unchanged; with another date or amount it is refused, because a
/// provider does not restate a settlement.
pub async fn import(db: &Db, path: &Path) -> Result<ImportReport, FileError> {
    let table = csv_input::read(path, &COLUMNS)?;
    let rows = read_rows(&table)?;
    let mut transaction = db.write().await?;
    let mut report = ImportReport::default();
    let imported_at = now_text();
    for row in &rows {
        let stored = sqlx::query(
            "SELECT settled_on, amount_pence, file_name, file_line FROM card_settlements \
             WHERE provider_reference = $1 AND status = $2",
        )
        .bind(&row.provider_reference)
        .bind(&row.status)
        .fetch_optional(&mut *transaction)
        .await?;
        if let Some(stored) = stored {
            let settled_on: String = stored.try_get("settled_on")?;
            let amount_pence: i64 = stored.try_get("amount_pence")?;
            if settled_on != row.settled_on.to_string() || amount_pence != row.amount_pence {
                let file_name: String = stored.try_get("file_name")?;
                let file_line: i64 = stored.try_get("file_line")?;
                return Err(table.row_error(
                    row.line,
                    format!(
                        "{} was already imported as {} on {settled_on} for £{} ({file_name} \
                         line {file_line}); a settlement does not change, so check which file \
                         is right",
                        row.provider_reference,
                        row.status,
                        money::pounds_text(amount_pence)
                    ),
                ));
            }
            report.count(false);
            continue;
        }
        sqlx::query(
            "INSERT INTO card_settlements (provider_reference, status, settled_on, \
             amount_pence, file_name, file_line, imported_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7)",
        )
        .bind(&row.provider_reference)
        .bind(&row.status)
        .bind(row.settled_on.to_string())
        .bind(row.amount_pence)
        .bind(&table.file)
        .bind(i64::try_from(row.line).unwrap_or(i64::MAX))
        .bind(&imported_at)
        .execute(&mut *transaction)
        .await?;
        report.count(true);
    }
    transaction.commit().await?;
    Ok(report)
}

fn read_rows(table: &CsvTable) -> Result<Vec<SettlementRow>, FileError> {
    let mut seen = FirstSeen::new();
    let mut rows = Vec::with_capacity(table.rows.len());
    for row in &table.rows {
        let provider_reference = table.text(row, "provider_reference")?;
        let status = table.one_of(row, "status", &STATUSES)?;
        let amount_pence = table.pence(row, "amount")?;
        if amount_pence <= 0 {
            return Err(table.row_error(
                row.line,
                "amount must be the payment's amount, above zero (a refund too)",
            ));
        }
        if let Some(earlier) = seen.earlier((provider_reference.clone(), status.clone()), row.line)
        {
            return Err(table.row_error(
                row.line,
                format!("{provider_reference} is already {status} on line {earlier}"),
            ));
        }
        rows.push(SettlementRow {
            line: row.line,
            provider_reference,
            status,
            settled_on: table.date(row, "settled_on")?,
            amount_pence,
        });
    }
    Ok(rows)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum CardCategory {
    Matched,
    /// Taken by an officer; the provider has not (yet) settled it.
    MissingFromSettlement,
    AmountDiffers,
    /// Taken as approved; the provider declined it. The account is flagged.
    DeclinedLater,
    /// Settled, then refunded by the provider.
    Refunded,
    /// In the provider's file and taken by an officer, but head office held the command for
    /// a person (a payment after the tenancy ended, say) or rejected it: the money is real,
    /// the account was not credited at head office.
    NotApplied,
    /// In the provider's file, but no officer's device took it.
    NotTaken,
}

impl CardCategory {
    pub fn label(self) -> &'static str {
        match self {
            CardCategory::Matched => "Matched",
            CardCategory::MissingFromSettlement => "Missing from settlement",
            CardCategory::AmountDiffers => "Amount differs",
            CardCategory::DeclinedLater => "Declined later",
            CardCategory::Refunded => "Refunded",
            CardCategory::NotApplied => "Taken but held or rejected at head office",
            CardCategory::NotTaken => "Not taken by any officer",
        }
    }
}

/// One payment's place in the reconciliation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CardLine {
    pub category: CardCategory,
    pub provider_reference: String,
    pub payment_reference: Option<String>,
    pub officer: Option<String>,
    /// The `card_payment_taken` command, when an officer took it.
    pub command_id: Option<String>,
    pub taken_pence: Option<i64>,
    /// The provider's amount and date for the status that decided the category.
    pub settled_pence: Option<i64>,
    pub settled_on: Option<NaiveDate>,
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct CardReport {
    /// Taken payments in the order head office received them, then the provider's other
    /// payments in provider reference order.
    pub lines: Vec<CardLine>,
}

impl CardReport {
    pub fn count(&self, category: CardCategory) -> usize {
        self.lines
            .iter()
            .filter(|line| line.category == category)
            .count()
    }
}

/// What the provider said about one payment, by status.
#[derive(Default)]
struct Settlement {
    settled: Option<(NaiveDate, i64)>,
    declined: Option<(NaiveDate, i64)>,
    refunded: Option<(NaiveDate, i64)>,
}

/// Matches every stored settlement row against every applied card payment, then what is left
/// against payments head office held or rejected. Read only.
pub async fn report(db: &Db) -> Result<CardReport, Error> {
    let mut settlements = stored_settlements(db).await?;
    let taken = commands::applied_of_kinds(db, &["card_payment_taken"]).await?;
    let mut report = CardReport::default();
    // Declined at the terminal: never credited, so a provider's "declined" for it agrees.
    let mut declined_at_terminal = HashSet::new();
    for command in &taken {
        let provider_reference = command.text("provider_reference").unwrap_or_default();
        if command.text("state").as_deref() == Some("declined") {
            declined_at_terminal.insert(provider_reference);
            continue;
        }
        let settlement = settlements.remove(&provider_reference);
        report
            .lines
            .push(taken_line(command, provider_reference, settlement));
    }
    let not_applied = commands::not_applied_of_kinds(db, &["card_payment_taken"]).await?;
    for (provider_reference, settlement) in settlements {
        let agrees_declined = declined_at_terminal.contains(&provider_reference)
            && settlement.settled.is_none()
            && settlement.refunded.is_none();
        if agrees_declined {
            continue;
        }
        let said = settlement
            .settled
            .or(settlement.refunded)
            .or(settlement.declined);
        let taken = not_applied.iter().find(|command| {
            command.text("provider_reference").as_deref() == Some(provider_reference.as_str())
                && command.text("state").as_deref() != Some("declined")
        });
        report.lines.push(CardLine {
            category: match taken {
                Some(_) => CardCategory::NotApplied,
                None => CardCategory::NotTaken,
            },
            provider_reference,
            payment_reference: taken.and_then(|command| command.payment_reference.clone()),
            officer: taken.map(StoredCommand::officer),
            command_id: taken.map(|command| command.command_id.clone()),
            taken_pence: taken.and_then(amount_of),
            settled_pence: said.map(|(_, pence)| pence),
            settled_on: said.map(|(on, _)| on),
        });
    }
    Ok(report)
}

fn amount_of(command: &StoredCommand) -> Option<i64> {
    command
        .text("amount")
        .and_then(|amount| money::parse_device_pounds(&amount).ok())
}

fn taken_line(
    command: &StoredCommand,
    provider_reference: String,
    settlement: Option<Settlement>,
) -> CardLine {
    let taken_pence = amount_of(command);
    let (category, said) = match settlement {
        None => (CardCategory::MissingFromSettlement, None),
        Some(Settlement {
            declined: Some(said),
            ..
        }) => (CardCategory::DeclinedLater, Some(said)),
        Some(Settlement {
            refunded: Some(said),
            ..
        }) => (CardCategory::Refunded, Some(said)),
        Some(Settlement {
            settled: Some(said),
            ..
        }) if Some(said.1) == taken_pence => (CardCategory::Matched, Some(said)),
        Some(Settlement {
            settled: Some(said),
            ..
        }) => (CardCategory::AmountDiffers, Some(said)),
        Some(_) => (CardCategory::MissingFromSettlement, None),
    };
    CardLine {
        category,
        provider_reference,
        payment_reference: command.payment_reference.clone(),
        officer: Some(command.officer()),
        command_id: Some(command.command_id.clone()),
        taken_pence,
        settled_pence: said.map(|(_, pence)| pence),
        settled_on: said.map(|(on, _)| on),
    }
}

async fn stored_settlements(db: &Db) -> Result<BTreeMap<String, Settlement>, Error> {
    let rows = sqlx::query(
        "SELECT provider_reference, status, settled_on, amount_pence FROM card_settlements",
    )
    .fetch_all(db.pool())
    .await?;
    let mut settlements: BTreeMap<String, Settlement> = BTreeMap::new();
    for row in rows {
        let settlement = settlements
            .entry(row.try_get("provider_reference")?)
            .or_default();
        let said = Some((
            crate::accounts::parse_date(&row.try_get::<String, _>("settled_on")?)?,
            row.try_get::<i64, _>("amount_pence")?,
        ));
        match row.try_get::<String, _>("status")?.as_str() {
            "settled" => settlement.settled = said,
            "declined" => settlement.declined = said,
            _ => settlement.refunded = said,
        }
    }
    Ok(settlements)
}

/// Raises a conflict on each payment declined at settlement, once: running the report again
/// raises nothing new. Returns how many were newly flagged.
pub async fn flag_declined(db: &Db, report: &CardReport) -> Result<usize, Error> {
    let mut transaction = db.write().await?;
    let mut flagged = 0;
    for line in &report.lines {
        let (CardCategory::DeclinedLater, Some(command_id)) = (line.category, &line.command_id)
        else {
            continue;
        };
        let existing: Option<String> =
            sqlx::query_scalar("SELECT id FROM conflicts WHERE command_id = $1 AND conflict = $2")
                .bind(command_id)
                .bind(DECLINED_CONFLICT)
                .fetch_optional(&mut *transaction)
                .await?;
        if existing.is_some() {
            continue;
        }
        sqlx::query(
            "INSERT INTO conflicts (id, command_id, payment_reference, conflict, detail, \
             raised_at) VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(Uuid::now_v7().to_string())
        .bind(command_id)
        .bind(&line.payment_reference)
        .bind(DECLINED_CONFLICT)
        .bind(format!(
            "the card payment {} of £{} taken by {} was declined by the provider{}; the \
             account was credited when it was taken",
            line.provider_reference,
            line.taken_pence.map(money::pounds_text).unwrap_or_default(),
            line.officer.as_deref().unwrap_or("an officer"),
            line.settled_on
                .map(|on| format!(" on {on}"))
                .unwrap_or_default()
        ))
        .bind(now_text())
        .execute(&mut *transaction)
        .await?;
        flagged += 1;
    }
    transaction.commit().await?;
    Ok(flagged)
}
