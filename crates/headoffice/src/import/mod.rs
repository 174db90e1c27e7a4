//! Imports of the housing management system's (HMS) extracts: tenancies, people, rents,
//! transactions and officer assignments. The formats are in docs/HEADOFFICE-CSV.md.
//!
//! Every import is all or nothing: the whole file is read and every row checked before
//! anything is written, and then every row is written in one transaction under head office's
//! write lock. A bad row stops the import with the file, the line and the reason, and the
//! database is as it was. Importing the same file again changes nothing and tells no device,
//! because each write below is a no-op when the row matches what is stored.

pub mod assignments;
pub mod people;
pub mod rents;
pub mod tenancies;
pub mod transactions;

use std::collections::{HashMap, HashSet};

use crate::accounts;
use crate::csv_input::{CsvTable, FileError};
use crate::db::Conn;

/// What an import did, row by row.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ImportReport {
    pub rows_read: usize,
    /// Rows that changed head office's records (and so told the account's officer).
    pub rows_changed: usize,
    /// Rows that matched what head office already held.
    pub rows_unchanged: usize,
}

impl ImportReport {
    pub(crate) fn count(&mut self, changed: bool) {
        self.rows_read += 1;
        if changed {
            self.rows_changed += 1;
        } else {
            self.rows_unchanged += 1;
        }
    }
}

impl std::fmt::Display for ImportReport {
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            formatter,
            "{} rows read: {} changed something, {} unchanged",
            self.rows_read, self.rows_changed, self.rows_unchanged
        )
    }
}

/// Refuses a row whose account head office does not hold: people, rents, transactions and
/// assignments hang off an account, which only the tenancies import creates.
pub(crate) async fn check_accounts_known(
    connection: &mut Conn,
    table: &CsvTable,
    rows: impl Iterator<Item = (u64, &str)>,
) -> Result<(), FileError> {
    let mut known: HashSet<String> = HashSet::new();
    for (line, payment_reference) in rows {
        if known.contains(payment_reference) {
            continue;
        }
        if !accounts::exists(&mut *connection, payment_reference).await? {
            return Err(table.row_error(
                line,
                format!(
                    "head office has no account with payment_reference {payment_reference}: \
                     import tenancies first"
                ),
            ));
        }
        known.insert(payment_reference.to_string());
    }
    Ok(())
}

/// Remembers the first line each key appeared on, so a repeated key is refused with both
/// lines named.
pub(crate) struct FirstSeen<Key> {
    lines: HashMap<Key, u64>,
}

impl<Key: std::hash::Hash + Eq> FirstSeen<Key> {
    pub(crate) fn new() -> Self {
        FirstSeen {
            lines: HashMap::new(),
        }
    }

    /// The earlier line that had this key, if any; otherwise remembers this one.
    pub(crate) fn earlier(&mut self, key: Key, line: u64) -> Option<u64> {
        match self.lines.get(&key) {
            Some(earlier) => Some(*earlier),
            None => {
                self.lines.insert(key, line);
                None
            }
        }
    }
}
