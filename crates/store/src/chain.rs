//! The hash chain over the ledger and the diary.
//!
//! Each link names one record and carries the hash of the link before it; a link's hash is
//! SHA-256 over the previous hash, the record's table and the record's canonical form. Editing,
//! deleting or reordering a chained record (say, with a SQLite tool and the key) therefore breaks
//! the chain from that record on, and `verify_chain` says where. The chain cannot stop someone
//! who rewrites every later link too; head office holding the latest hash closes that gap.

use sha2::{Digest, Sha256};
use sqlx::Row;

use crate::{Store, StoreError};

pub(crate) const LEDGER_TABLE: &str = "ledger_entries";
pub(crate) const DIARY_TABLE: &str = "diary";
/// The first link's previous hash.
const GENESIS_HASH: [u8; 32] = [0; 32];

/// The canonical form of a ledger entry: its columns as a JSON array, so no value can be
/// mistaken for a separator.
#[allow(clippy::too_many_arguments)]
pub(crate) fn ledger_canonical(
    id: &str,
    account_id: i64,
    sequence: i64,
    posted_on: &str,
    kind: &str,
    detail: Option<&str>,
    amount_pence: i64,
    description: &str,
    reverses_entry_id: Option<&str>,
) -> String {
    serde_json::json!([
        id,
        account_id,
        sequence,
        posted_on,
        kind,
        detail,
        amount_pence,
        description,
        reverses_entry_id
    ])
    .to_string()
}

#[allow(clippy::too_many_arguments)]
pub(crate) fn diary_canonical(
    id: &str,
    account_id: i64,
    happened_on: &str,
    recorded_at: &str,
    officer: &str,
    code: &str,
    note: &str,
) -> String {
    serde_json::json!([
        id,
        account_id,
        happened_on,
        recorded_at,
        officer,
        code,
        note
    ])
    .to_string()
}

fn link_hash(previous_hash: &[u8], record_table: &str, canonical: &str) -> Vec<u8> {
    let mut hasher = Sha256::new();
    hasher.update(previous_hash);
    hasher.update(record_table.as_bytes());
    hasher.update([0u8]);
    hasher.update(canonical.as_bytes());
    hasher.finalize().to_vec()
}

/// Appends links for records already inserted in this transaction, in the order given.
pub(crate) struct ChainWriter {
    previous_hash: Vec<u8>,
    next_position: i64,
    pending: Vec<PendingLink>,
}

struct PendingLink {
    position: i64,
    record_table: &'static str,
    record_id: String,
    previous_hash: Vec<u8>,
    hash: Vec<u8>,
}

/// Links per INSERT: 5 columns × 1,000 rows stays far below SQLite's 32,766 parameters.
const LINK_ROWS_MAX: usize = 1_000;
const _: () = assert!(LINK_ROWS_MAX * 5 <= 32_766);

impl ChainWriter {
    pub(crate) async fn start(
        transaction: &mut sqlx::Transaction<'_, sqlx::Sqlite>,
    ) -> Result<ChainWriter, StoreError> {
        let last =
            sqlx::query("SELECT position, hash FROM record_chain ORDER BY position DESC LIMIT 1")
                .fetch_optional(&mut **transaction)
                .await?;
        Ok(match last {
            Some(row) => ChainWriter {
                previous_hash: row.try_get("hash")?,
                next_position: row.try_get::<i64, _>("position")? + 1,
                pending: Vec::new(),
            },
            None => ChainWriter {
                previous_hash: GENESIS_HASH.to_vec(),
                next_position: 0,
                pending: Vec::new(),
            },
        })
    }

    pub(crate) fn link(&mut self, record_table: &'static str, record_id: &str, canonical: &str) {
        let hash = link_hash(&self.previous_hash, record_table, canonical);
        let previous = std::mem::replace(&mut self.previous_hash, hash.clone());
        self.pending.push(PendingLink {
            position: self.next_position,
            record_table,
            record_id: record_id.to_string(),
            previous_hash: previous,
            hash,
        });
        self.next_position += 1;
    }

    pub(crate) async fn finish(
        self,
        transaction: &mut sqlx::Transaction<'_, sqlx::Sqlite>,
    ) -> Result<(), StoreError> {
        for batch in self.pending.chunks(LINK_ROWS_MAX) {
            let mut insert = sqlx::QueryBuilder::<sqlx::Sqlite>::new(
                "INSERT INTO record_chain (position, record_table, record_id, previous_hash, hash) ",
            );
            insert.push_values(batch, |mut row, link| {
                row.push_bind(link.position)
                    .push_bind(link.record_table)
                    .push_bind(link.record_id.clone())
                    .push_bind(link.previous_hash.clone())
                    .push_bind(link.hash.clone());
            });
            insert.build().execute(&mut **transaction).await?;
        }
        Ok(())
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ChainReport {
    pub ledger_entries_checked: u64,
    pub diary_records_checked: u64,
    /// Empty when the chain is intact.
    pub problems: Vec<String>,
}

/// Stop listing after this many problems: one broken link breaks every later one.
const CHAIN_PROBLEMS_MAX: usize = 20;

impl Store {
    /// Recomputes every link from the records as they are now.
    pub async fn verify_chain(&self) -> Result<ChainReport, StoreError> {
        let mut report = ChainReport::default();
        let rows = sqlx::query(
            "SELECT c.position, c.record_table, c.record_id, c.previous_hash, c.hash, \
             e.id AS e_id, e.account_id AS e_account, e.sequence, e.posted_on, e.kind, e.detail, \
             e.amount_pence, e.description, e.reverses_entry_id, \
             d.id AS d_id, d.account_id AS d_account, d.happened_on, d.recorded_at, d.officer, \
             d.code, d.note \
             FROM record_chain c \
             LEFT JOIN ledger_entries e ON c.record_table = 'ledger_entries' AND e.id = c.record_id \
             LEFT JOIN diary d ON c.record_table = 'diary' AND d.id = c.record_id \
             ORDER BY c.position",
        )
        .fetch_all(self.pool())
        .await?;
        let mut previous_hash = GENESIS_HASH.to_vec();
        let mut expected_position = 0i64;
        for row in &rows {
            if report.problems.len() >= CHAIN_PROBLEMS_MAX {
                break;
            }
            let position: i64 = row.try_get("position")?;
            let table: String = row.try_get("record_table")?;
            let record_id: String = row.try_get("record_id")?;
            let stored_previous: Vec<u8> = row.try_get("previous_hash")?;
            let stored_hash: Vec<u8> = row.try_get("hash")?;
            let record = format!(
                "{} record {record_id} (link {position})",
                record_name(&table)
            );
            if position != expected_position {
                report.problems.push(format!(
                    "Link {expected_position} is missing: a chained record was removed before {record}."
                ));
            }
            expected_position = position + 1;
            let canonical = match table.as_str() {
                LEDGER_TABLE => {
                    report.ledger_entries_checked += 1;
                    match row.try_get::<Option<String>, _>("e_id")? {
                        None => None,
                        Some(id) => Some(ledger_canonical(
                            &id,
                            row.try_get("e_account")?,
                            row.try_get("sequence")?,
                            row.try_get("posted_on")?,
                            row.try_get("kind")?,
                            row.try_get("detail")?,
                            row.try_get("amount_pence")?,
                            row.try_get("description")?,
                            row.try_get("reverses_entry_id")?,
                        )),
                    }
                }
                _ => {
                    report.diary_records_checked += 1;
                    match row.try_get::<Option<String>, _>("d_id")? {
                        None => None,
                        Some(id) => Some(diary_canonical(
                            &id,
                            row.try_get("d_account")?,
                            row.try_get("happened_on")?,
                            row.try_get("recorded_at")?,
                            row.try_get("officer")?,
                            row.try_get("code")?,
                            row.try_get("note")?,
                        )),
                    }
                }
            };
            let Some(canonical) = canonical else {
                report
                    .problems
                    .push(format!("The {record} has been deleted."));
                previous_hash = stored_hash;
                continue;
            };
            if stored_previous != previous_hash {
                report.problems.push(format!(
                    "The chain is broken before the {record}: the link before it was changed."
                ));
            }
            if link_hash(&stored_previous, &table, &canonical) != stored_hash {
                report.problems.push(format!(
                    "The {record} has been changed since it was recorded."
                ));
            }
            previous_hash = stored_hash;
        }
        for (table, name) in [
            (LEDGER_TABLE, "ledger entries"),
            (DIARY_TABLE, "diary records"),
        ] {
            let unchained: i64 = sqlx::query_scalar(&format!(
                "SELECT count(*) FROM {table} WHERE id NOT IN \
                 (SELECT record_id FROM record_chain WHERE record_table = '{table}')"
            ))
            .fetch_one(self.pool())
            .await?;
            if unchained > 0 {
                report.problems.push(format!(
                    "{unchained} {name} are not in the chain: they were added outside Doorstep."
                ));
            }
        }
        Ok(report)
    }
}

fn record_name(table: &str) -> &'static str {
    match table {
        LEDGER_TABLE => "ledger entry",
        _ => "diary",
    }
}
