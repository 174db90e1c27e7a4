//! `import assignments`: which officer works each account. An account the file does not
//! mention keeps its officer; moving an account tells both officers' devices.

use std::path::Path;

use crate::admin::{self, OfficerRow};
use crate::changes;
use crate::csv_input::{self, Columns, FileError};
use crate::db::Db;
use crate::import::{check_accounts_known, FirstSeen, ImportReport};

pub const COLUMNS: Columns = Columns {
    required: &["payment_reference", "officer"],
    optional: &[],
};

pub async fn import(db: &Db, path: &Path) -> Result<ImportReport, FileError> {
    let table = csv_input::read(path, &COLUMNS)?;
    let officers = admin::officers(db).await?;
    let mut seen = FirstSeen::new();
    let mut rows: Vec<(u64, String, OfficerRow)> = Vec::with_capacity(table.rows.len());
    for row in &table.rows {
        let payment_reference = table.text(row, "payment_reference")?;
        let officer_text = table.text(row, "officer")?;
        let officer = officer_named(&officers, &officer_text)
            .map_err(|reason| table.row_error(row.line, reason))?;
        if let Some(earlier) = seen.earlier(payment_reference.clone(), row.line) {
            return Err(table.row_error(
                row.line,
                format!("payment_reference {payment_reference} is already on line {earlier}"),
            ));
        }
        rows.push((row.line, payment_reference, officer));
    }
    let mut transaction = db.write().await?;
    check_accounts_known(
        &mut transaction,
        &table,
        rows.iter()
            .map(|(line, reference, _)| (*line, reference.as_str())),
    )
    .await?;
    let mut report = ImportReport::default();
    for (_, payment_reference, officer) in &rows {
        report.count(
            changes::assign(&mut transaction, payment_reference, &officer.id.to_string()).await?,
        );
    }
    transaction.commit().await?;
    Ok(report)
}

/// The officer an id or an exact name means, as `admin::find_officer` reads it.
fn officer_named(officers: &[OfficerRow], id_or_name: &str) -> Result<OfficerRow, String> {
    let matches: Vec<&OfficerRow> = officers
        .iter()
        .filter(|officer| officer.id.to_string() == id_or_name || officer.name == id_or_name)
        .collect();
    match matches.as_slice() {
        [one] => Ok((*one).clone()),
        [] => Err(format!(
            "no officer has the id or name \"{id_or_name}\": create the officer first"
        )),
        _ => Err(format!(
            "more than one officer is called \"{id_or_name}\": use the officer's id"
        )),
    }
}
