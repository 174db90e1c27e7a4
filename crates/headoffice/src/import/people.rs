//! `import people`: the tenants named on each account. The file lists, for each account in
//! it, everyone named on the tenancy; an account the file does not mention keeps its people.

use std::collections::BTreeMap;
use std::path::Path;

use doorstep_sync::PersonSnapshot;

use crate::accounts;
use crate::csv_input::{self, Columns, CsvTable, FileError};
use crate::db::Db;
use crate::import::{check_accounts_known, FirstSeen, ImportReport};

pub const ROLES: [&str; 2] = ["tenant", "joint_tenant"];
/// The most people one account may name: a tenancy with more is an extract fault.
pub const PEOPLE_PER_ACCOUNT_MAX: u32 = 20;

pub const COLUMNS: Columns = Columns {
    required: &["payment_reference", "position", "role", "full_name"],
    optional: &["date_of_birth", "phone"],
};

struct PersonRow {
    line: u64,
    payment_reference: String,
    position: u32,
    person: PersonSnapshot,
}

pub async fn import(db: &Db, path: &Path) -> Result<ImportReport, FileError> {
    let table = csv_input::read(path, &COLUMNS)?;
    let rows = read_rows(&table)?;
    // Each account's people in the order of their position, whatever the file's order.
    let mut accounts_people: BTreeMap<&str, BTreeMap<u32, &PersonRow>> = BTreeMap::new();
    for row in &rows {
        accounts_people
            .entry(row.payment_reference.as_str())
            .or_default()
            .insert(row.position, row);
    }
    let mut transaction = db.write().await?;
    check_accounts_known(
        &mut transaction,
        &table,
        rows.iter()
            .map(|row| (row.line, row.payment_reference.as_str())),
    )
    .await?;
    let mut report = ImportReport::default();
    for (payment_reference, people) in &accounts_people {
        let snapshots: Vec<PersonSnapshot> =
            people.values().map(|row| row.person.clone()).collect();
        let changed =
            accounts::replace_people(&mut transaction, payment_reference, &snapshots).await?;
        for _ in people {
            report.count(changed);
        }
    }
    transaction.commit().await?;
    Ok(report)
}

fn read_rows(table: &CsvTable) -> Result<Vec<PersonRow>, FileError> {
    let mut positions = FirstSeen::new();
    let mut rows = Vec::with_capacity(table.rows.len());
    for row in &table.rows {
        let payment_reference = table.text(row, "payment_reference")?;
        let position_text = table.text(row, "position")?;
        let position = position_text
            .parse::<u32>()
            .ok()
            .filter(|position| (1..=PEOPLE_PER_ACCOUNT_MAX).contains(position))
            .ok_or_else(|| {
                table.row_error(
                    row.line,
                    format!(
                        "position \"{position_text}\" is not a whole number from 1 to \
                         {PEOPLE_PER_ACCOUNT_MAX}"
                    ),
                )
            })?;
        if let Some(earlier) = positions.earlier((payment_reference.clone(), position), row.line) {
            return Err(table.row_error(
                row.line,
                format!(
                    "account {payment_reference} already has a person at position {position} \
                     on line {earlier}"
                ),
            ));
        }
        rows.push(PersonRow {
            line: row.line,
            payment_reference,
            position,
            person: PersonSnapshot {
                role: table.one_of(row, "role", &ROLES)?,
                full_name: table.text(row, "full_name")?,
                date_of_birth: table.optional_date(row, "date_of_birth")?,
                phone: table.optional_text(row, "phone"),
            },
        });
    }
    Ok(rows)
}
