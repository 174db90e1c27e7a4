//! `import tenancies`: creates or updates accounts. Every other import hangs off an account
//! this one made.

use std::path::Path;

use crate::accounts::{self, Tenancy, RENT_FREQUENCIES, TENURES};
use crate::csv_input::{self, Columns, CsvTable, FileError};
use crate::db::Db;
use crate::import::{FirstSeen, ImportReport};

pub const COLUMNS: Columns = Columns {
    required: &[
        "payment_reference",
        "tenancy_reference",
        "tenure",
        "tenancy_start_date",
        "address_line_1",
        "town",
        "postcode",
        "rent_frequency",
    ],
    optional: &["tenancy_end_date", "address_line_2"],
};

pub async fn import(db: &Db, path: &Path) -> Result<ImportReport, FileError> {
    let table = csv_input::read(path, &COLUMNS)?;
    let tenancies = read_rows(&table)?;
    let mut transaction = db.write().await?;
    for (line, tenancy) in &tenancies {
        // The tenancy reference is unique across accounts; a clash is the HMS moving a
        // tenancy between payment references, which a person should look at.
        let holder: Option<String> = sqlx::query_scalar(
            "SELECT payment_reference FROM accounts WHERE tenancy_reference = $1 \
             AND payment_reference <> $2",
        )
        .bind(&tenancy.tenancy_reference)
        .bind(&tenancy.payment_reference)
        .fetch_optional(&mut *transaction)
        .await?;
        if let Some(holder) = holder {
            return Err(table.row_error(
                *line,
                format!(
                    "tenancy_reference {} already belongs to account {holder}",
                    tenancy.tenancy_reference
                ),
            ));
        }
    }
    let mut report = ImportReport::default();
    for (_, tenancy) in &tenancies {
        report.count(accounts::upsert_tenancy(&mut transaction, tenancy).await?);
    }
    transaction.commit().await?;
    Ok(report)
}

fn read_rows(table: &CsvTable) -> Result<Vec<(u64, Tenancy)>, FileError> {
    let mut payment_references = FirstSeen::new();
    let mut tenancy_references = FirstSeen::new();
    let mut tenancies = Vec::with_capacity(table.rows.len());
    for row in &table.rows {
        let tenancy = Tenancy {
            payment_reference: table.text(row, "payment_reference")?,
            tenancy_reference: table.text(row, "tenancy_reference")?,
            tenure: table.one_of(row, "tenure", &TENURES)?,
            tenancy_start_date: table.date(row, "tenancy_start_date")?,
            tenancy_end_date: table.optional_date(row, "tenancy_end_date")?,
            address_line_1: table.text(row, "address_line_1")?,
            address_line_2: table.optional_text(row, "address_line_2"),
            town: table.text(row, "town")?,
            postcode: table.text(row, "postcode")?,
            rent_frequency: table.one_of(row, "rent_frequency", &RENT_FREQUENCIES)?,
        };
        if let Some(end) = tenancy.tenancy_end_date {
            if end < tenancy.tenancy_start_date {
                return Err(table.row_error(
                    row.line,
                    format!(
                        "tenancy_end_date {end} is before tenancy_start_date {}",
                        tenancy.tenancy_start_date
                    ),
                ));
            }
        }
        if let Some(earlier) =
            payment_references.earlier(tenancy.payment_reference.clone(), row.line)
        {
            return Err(table.row_error(
                row.line,
                format!(
                    "payment_reference {} is already on line {earlier}",
                    tenancy.payment_reference
                ),
            ));
        }
        if let Some(earlier) =
            tenancy_references.earlier(tenancy.tenancy_reference.clone(), row.line)
        {
            return Err(table.row_error(
                row.line,
                format!(
                    "tenancy_reference {} is already on line {earlier}",
                    tenancy.tenancy_reference
                ),
            ));
        }
        tenancies.push((row.line, tenancy));
    }
    Ok(tenancies)
}
