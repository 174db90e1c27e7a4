//! `import rents`: each account's rent and service charge from a date. A row for a date
//! already held replaces that date's amounts; other dates are left as they are.

use std::path::Path;

use chrono::NaiveDate;
use doorstep_sync::RentChangeSnapshot;

use crate::accounts;
use crate::csv_input::{self, Columns, CsvTable, FileError};
use crate::db::Db;
use crate::import::{check_accounts_known, FirstSeen, ImportReport};

pub const COLUMNS: Columns = Columns {
    required: &["payment_reference", "effective_from", "rent"],
    optional: &["service_charge"],
};

struct RentRow {
    line: u64,
    payment_reference: String,
    change: RentChangeSnapshot,
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
    let mut report = ImportReport::default();
    for row in &rows {
        report.count(
            accounts::set_rent(&mut transaction, &row.payment_reference, &row.change).await?,
        );
    }
    transaction.commit().await?;
    Ok(report)
}

fn read_rows(table: &CsvTable) -> Result<Vec<RentRow>, FileError> {
    let mut dates: FirstSeen<(String, NaiveDate)> = FirstSeen::new();
    let mut rows = Vec::with_capacity(table.rows.len());
    for row in &table.rows {
        let payment_reference = table.text(row, "payment_reference")?;
        let effective_from = table.date(row, "effective_from")?;
        let rent_pence = table.pence(row, "rent")?;
        // A landlord without service charges may leave the column out or the cell empty.
        let service_charge_pence = match table.optional_text(row, "service_charge") {
            Some(_) => table.pence(row, "service_charge")?,
            None => 0,
        };
        for (column, pence) in [
            ("rent", rent_pence),
            ("service_charge", service_charge_pence),
        ] {
            if pence < 0 {
                return Err(
                    table.row_error(row.line, format!("{column} is negative; a rent cannot be"))
                );
            }
        }
        if let Some(earlier) = dates.earlier((payment_reference.clone(), effective_from), row.line)
        {
            return Err(table.row_error(
                row.line,
                format!(
                    "account {payment_reference} already has a rent from {effective_from} on \
                     line {earlier}"
                ),
            ));
        }
        rows.push(RentRow {
            line: row.line,
            payment_reference,
            change: RentChangeSnapshot {
                effective_from,
                rent_pence,
                service_charge_pence,
            },
        });
    }
    Ok(rows)
}
