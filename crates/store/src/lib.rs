//! The officer's encrypted local store.
//!
//! SQLite encrypted with SQLCipher (sqlx over `libsqlite3-sys` with `bundled-sqlcipher`), temp
//! files in memory, opened only with the key unsealed by the officer's passphrase
//! ([`key_vault`]). The store owns `migrations/`. It holds records and entries; it computes
//! nothing — balances and arrears are `doorstep-domain`'s, derived from the entries it returns.

mod accounts;
mod benefit_work;
mod card_scan;
mod chain;
mod court;
pub mod data_dir;
mod facts;
mod field_work;
mod former_tenancy;
mod housing_benefit;
pub mod key_vault;
mod payment_schedules;
mod people;
mod records;
mod sealed;
mod sync;
#[cfg(test)]
mod tests;

use std::path::PathBuf;
use std::str::FromStr;
use std::time::Duration;

use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePool, SqlitePoolOptions};

pub use accounts::AccountRecord;
pub use benefit_work::{
    BenefitDecisionRecord, BenefitRequestRecord, BenefitRow, DhpApplicationRecord,
    DhpDecisionRecord, UcPositionRecord,
};
pub use chain::ChainReport;
pub use court::{
    ClaimRecord, CourtApplicationOutcomeRecord, CourtApplicationRecord, CourtRow,
    HearingOutcomeRecord, NoticeRecord, NoticeServiceRecord, NoticeWithService,
    TenancyDocumentRecord, WarrantRequestRecord,
};
pub use data_dir::{DataDir, Manifest};
pub use facts::LedgerFacts;
pub use field_work::{
    BankDetails, CardPaymentRecord, CheckInRecord, ChequeRecord, FieldRow, FieldWork, FlagRecord,
    IncomeExpenditureRecord, LoneWorkingEvent, LoneWorkingRecord, MandateRecord,
    PlannedVisitRecord, TerminalRequestRecord, VisitRecord,
};
pub use former_tenancy::{
    FormerTenancyRow, ReferralOutcomeRecord, ReferralRecord, WriteOffRecommendationRecord,
};
pub use housing_benefit::{HbNotificationRecord, HbOverpaymentRecord, HbRow};
pub use key_vault::{CredentialStore, DatabaseKey};
pub use payment_schedules::PaymentScheduleRecord;
pub use people::{ConsentRecord, ContactRecord, PeopleRow, RepresentativeRecord};
pub use records::{
    AccountHistory, ArrangementRecord, ArrangementStateRecord, DiaryRecord, HoldKind, HoldRecord,
    OutboxCommand, Recorded,
};
pub use sync::{AttentionItem, Enrolment, PageApplied, SyncState};

static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("../../migrations");

/// Connections are cheap but each holds SQLCipher's page cache; a desktop app needs few.
const POOL_CONNECTIONS_MAX: u32 = 4;
const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("this data folder is not set up yet")]
    NotSetUp,
    #[error("this data folder is already set up")]
    AlreadySetUp,
    #[error("the passphrase is not right")]
    WrongPassphrase,
    #[error("the database does not open with this key: it belongs to another store or is damaged")]
    WrongKey,
    #[error("the credential store has no key for store {store_id}")]
    KeyMissing { store_id: String },
    #[error("the credential store is not available: {reason}")]
    CredentialStoreUnavailable { reason: String },
    #[error("no secure random numbers: {reason}")]
    Randomness { reason: String },
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("damaged data in {what}")]
    Corrupt { what: String },
    #[error("database: {0}")]
    Database(#[from] sqlx::Error),
    #[error("migrating the database: {0}")]
    Migration(#[from] sqlx::migrate::MigrateError),
}

/// An open, unlocked store. Dropping it (or [`Store::close`]) locks it again.
#[derive(Debug, Clone)]
pub struct Store {
    pool: SqlitePool,
    field_key: std::sync::Arc<sealed::FieldKey>,
}

impl Store {
    /// First run: a new random key sealed under `passphrase`, a new encrypted database, and the
    /// manifest written last so an interrupted set-up leaves the folder "not set up".
    pub async fn create(
        data_dir: &DataDir,
        credential_store: &CredentialStore,
        passphrase: &str,
    ) -> Result<Store, StoreError> {
        if data_dir.manifest()?.is_some() {
            return Err(StoreError::AlreadySetUp);
        }
        data_dir.create_root()?;
        data_dir.remove_abandoned_database()?;
        let manifest = DataDir::new_manifest();
        let key = DatabaseKey::generate()?;
        let wrapped = key_vault::wrap_key(&key, passphrase, &manifest.store_id)?;
        credential_store.save(&manifest.store_id, &wrapped)?;
        let store = Store::open_with_key(&data_dir.database_path(), &key, true).await?;
        data_dir.write_manifest(&manifest)?;
        Ok(store)
    }

    pub async fn open(
        data_dir: &DataDir,
        credential_store: &CredentialStore,
        passphrase: &str,
    ) -> Result<Store, StoreError> {
        let manifest = data_dir.manifest()?.ok_or(StoreError::NotSetUp)?;
        let wrapped = credential_store.load(&manifest.store_id)?;
        let key = key_vault::unwrap_key(&wrapped, passphrase, &manifest.store_id)?;
        Store::open_with_key(&data_dir.database_path(), &key, false).await
    }

    /// Opens (or creates) the database file with a raw key and brings its schema up to date.
    pub async fn open_with_key(
        database_path: &std::path::Path,
        key: &DatabaseKey,
        create_if_missing: bool,
    ) -> Result<Store, StoreError> {
        // Before SQLCipher's first call into OpenSSL, which would otherwise initialise it with
        // an exit handler that races the connections' threads at process exit.
        #[cfg(target_os = "linux")]
        openssl_sys::init();
        let pragma_key = key.sqlcipher_pragma_value();
        // sqlx sends `key` before every other pragma, as SQLCipher requires.
        let options = SqliteConnectOptions::from_str("sqlite://")?
            .filename(database_path)
            .create_if_missing(create_if_missing)
            .pragma("key", pragma_key.as_str().to_owned())
            // Temp tables and sort spills stay in memory, never in clear on disk.
            .pragma("temp_store", "memory")
            // Negative means KiB: 32 MiB of decrypted pages per connection. SQLCipher decrypts
            // every page it reads into the cache, so a cache smaller than the working set of a
            // caseload load re-decrypts the same pages over and over.
            .pragma("cache_size", "-32768")
            .journal_mode(SqliteJournalMode::Wal)
            .foreign_keys(true)
            .busy_timeout(BUSY_TIMEOUT);
        // A wrong key does not fail at connect: SQLCipher only notices at the first read.
        // Probe at once so a wrong key opens nothing.
        let pool = SqlitePoolOptions::new()
            .max_connections(POOL_CONNECTIONS_MAX)
            .after_connect(|connection, _meta| {
                Box::pin(async move {
                    sqlx::query("SELECT count(*) FROM sqlite_master")
                        .execute(connection)
                        .await
                        .map(|_| ())
                })
            })
            .connect_with(options)
            .await
            .map_err(map_open_error)?;
        MIGRATOR.run(&pool).await?;
        Ok(Store {
            pool,
            field_key: std::sync::Arc::new(sealed::FieldKey::derive(key)),
        })
    }

    pub async fn close(self) {
        self.pool.close().await;
    }

    pub(crate) fn pool(&self) -> &SqlitePool {
        &self.pool
    }

    /// A transaction that takes the write lock at its start. A deferred one would take it at
    /// its first write, after reading, and SQLite refuses that upgrade at once ("database is
    /// locked") when another connection writes, instead of waiting out the busy timeout.
    pub(crate) async fn write_transaction(
        &self,
    ) -> Result<sqlx::Transaction<'static, sqlx::Sqlite>, StoreError> {
        Ok(self.pool.begin_with("BEGIN IMMEDIATE").await?)
    }

    pub(crate) fn field_key(&self) -> &sealed::FieldKey {
        &self.field_key
    }
}

/// The WHERE condition for "every account, or only this one": `COLUMN = ?N` for one account,
/// `?N IS NULL` for all, with the same binding either way. One text per case, because SQLite
/// cannot use the account index through `?N IS NULL OR COLUMN = ?N`: that form scanned the whole
/// ledger (60 ms on a 10-year patch) to refresh one account.
pub(crate) fn only_account_sql(column: &str, parameter: u8, only_account: Option<i64>) -> String {
    match only_account {
        Some(_) => format!("{column} = ?{parameter}"),
        None => format!("?{parameter} IS NULL"),
    }
}

/// SQLITE_NOTADB (26): what SQLCipher says when the key does not decrypt the first page.
fn map_open_error(error: sqlx::Error) -> StoreError {
    if let sqlx::Error::Database(database_error) = &error {
        let not_a_database = database_error.code().as_deref() == Some("26")
            || database_error.message().contains("file is not a database");
        if not_a_database {
            return StoreError::WrongKey;
        }
    }
    StoreError::Database(error)
}
