//! What the worklist needs from each ledger, in one pass over the table.
//!
//! The worklist is recomputed on every change, so it must not read every entry of a 10-year
//! ledger into memory. SQLite sums each ledger where it lies and packs only the recent entries
//! (the 13-week trend, benefit credits, the last payment) into one JSON row per account: the
//! same single scan as a bare `SUM(amount_pence) GROUP BY account_id`.

use chrono::NaiveDate;
use doorstep_domain::ledger::Entry;
use doorstep_domain::money::money_from_pence;
use futures_util::TryStreamExt;
use rust_decimal::Decimal;
use sqlx::Row;

use crate::accounts::{unpack_entries, PACK_ENTRIES_SQL};
use crate::{only_account_sql, Store, StoreError};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LedgerFacts {
    pub account_id: i64,
    /// Every entry posted on or before today.
    pub balance: Decimal,
    /// Every entry posted before the window.
    pub balance_before_window: Decimal,
    /// The latest payment on or before today, reversed or not: for when the window holds none.
    pub last_payment_on: Option<NaiveDate>,
    /// Entries posted from the window's start to today, in posting order.
    pub window_entries: Vec<Entry>,
}

impl Store {
    /// Facts for every account with a ledger (or only `only_account`), ordered by account id.
    pub async fn ledger_facts(
        &self,
        today: NaiveDate,
        window_start: NaiveDate,
        only_account: Option<i64>,
    ) -> Result<Vec<LedgerFacts>, StoreError> {
        let sql = format!(
            "SELECT account_id, \
             coalesce(sum(amount_pence) FILTER (WHERE posted_on <= ?1), 0) AS balance, \
             coalesce(sum(amount_pence) FILTER (WHERE posted_on < ?2), 0) AS before_window, \
             max(posted_on) FILTER (WHERE kind = 'payment' AND posted_on <= ?1) AS last_payment_on, \
             {PACK_ENTRIES_SQL} FILTER (WHERE posted_on >= ?2 AND posted_on <= ?1) AS window \
             FROM ledger_entries WHERE {only} \
             GROUP BY account_id ORDER BY account_id",
            only = only_account_sql("account_id", 3, only_account)
        );
        let mut rows = sqlx::query(&sql)
            .bind(today)
            .bind(window_start)
            .bind(only_account)
            .fetch(self.pool());
        let mut facts = Vec::new();
        while let Some(row) = rows.try_next().await? {
            let account_id: i64 = row.try_get("account_id")?;
            let mut window_entries = Vec::new();
            unpack_entries(account_id, row.try_get("window")?, &mut window_entries)?;
            facts.push(LedgerFacts {
                account_id,
                balance: money_from_pence(row.try_get("balance")?),
                balance_before_window: money_from_pence(row.try_get("before_window")?),
                last_payment_on: row.try_get("last_payment_on")?,
                window_entries,
            });
        }
        Ok(facts)
    }

    pub async fn ledger_entries_count(&self) -> Result<i64, StoreError> {
        Ok(sqlx::query_scalar("SELECT count(*) FROM ledger_entries")
            .fetch_one(self.pool())
            .await?)
    }

    /// The floor the worklist is measured against: SQLite's bare sum per ledger.
    pub async fn balances_only(&self) -> Result<Vec<(i64, i64)>, StoreError> {
        let rows = sqlx::query(
            "SELECT account_id, sum(amount_pence) AS balance FROM ledger_entries \
             GROUP BY account_id",
        )
        .fetch_all(self.pool())
        .await?;
        rows.iter()
            .map(|row| Ok((row.try_get("account_id")?, row.try_get("balance")?)))
            .collect()
    }
}
