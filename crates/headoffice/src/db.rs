//! The database: SQLite (a file, the default) or PostgreSQL, chosen by the URL. One set of
//! queries serves both through sqlx's Any driver: `$1` placeholders, text dates, BIGINT pence.
//!
//! Every write that adds to the change log goes through [`Db::write`], which serialises
//! writers (SQLite's `BEGIN IMMEDIATE`; a PostgreSQL transaction-scoped advisory lock), so
//! change numbers commit in the order they were taken and a device's cursor never skips one
//! — whichever of several instances wrote it.

use std::str::FromStr;

use sqlx::any::{AnyConnectOptions, AnyPoolOptions};
use sqlx::{AnyPool, ConnectOptions, Transaction};

use crate::error::Error;

static SQLITE_MIGRATIONS: sqlx::migrate::Migrator = sqlx::migrate!("./migrations/sqlite");
static POSTGRES_MIGRATIONS: sqlx::migrate::Migrator = sqlx::migrate!("./migrations/postgres");

/// The advisory lock key PostgreSQL writers take ("DOORSTEP" in ASCII, as a number).
const WRITE_LOCK_KEY: i64 = 0x444f_4f52_5354_4550;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dialect {
    Sqlite,
    Postgres,
}

#[derive(Clone)]
pub struct Db {
    pool: AnyPool,
    dialect: Dialect,
    url: String,
}

pub type Tx = Transaction<'static, sqlx::Any>;
pub type Conn = sqlx::AnyConnection;

impl Db {
    /// Connects and brings the schema up to date. `sqlite://PATH` (created if missing) or
    /// `postgres://…`.
    pub async fn connect(url: &str) -> Result<Db, Error> {
        sqlx::any::install_default_drivers();
        let dialect = if url.starts_with("sqlite:") {
            Dialect::Sqlite
        } else if url.starts_with("postgres:") || url.starts_with("postgresql:") {
            Dialect::Postgres
        } else {
            return Err(Error::Config(format!(
                "the database URL must start with sqlite:// or postgres:// (got {})",
                url.split(':').next().unwrap_or_default()
            )));
        };
        let url = match dialect {
            Dialect::Sqlite if !url.contains('?') => format!("{url}?mode=rwc"),
            _ => url.to_string(),
        };
        let options = AnyConnectOptions::from_str(&url)
            .map_err(|error| Error::Config(format!("the database URL is not valid: {error}")))?
            .disable_statement_logging();
        let pool = AnyPoolOptions::new()
            .max_connections(match dialect {
                Dialect::Sqlite => 4,
                Dialect::Postgres => 16,
            })
            .after_connect(move |connection, _| {
                Box::pin(async move {
                    if dialect == Dialect::Sqlite {
                        // WAL lets readers go on while one writer writes; the busy timeout
                        // makes a second writer wait its turn instead of failing.
                        sqlx::query("PRAGMA journal_mode = WAL")
                            .execute(&mut *connection)
                            .await?;
                        sqlx::query("PRAGMA busy_timeout = 30000")
                            .execute(&mut *connection)
                            .await?;
                        sqlx::query("PRAGMA foreign_keys = ON")
                            .execute(&mut *connection)
                            .await?;
                    }
                    Ok(())
                })
            })
            .connect_with(options)
            .await
            .map_err(|error| Error::Unavailable(format!("cannot open the database: {error}")))?;
        match dialect {
            Dialect::Sqlite => SQLITE_MIGRATIONS.run(&pool).await,
            Dialect::Postgres => POSTGRES_MIGRATIONS.run(&pool).await,
        }
        .map_err(|error| {
            Error::Unavailable(format!("cannot bring the database up to date: {error}"))
        })?;
        Ok(Db { pool, dialect, url })
    }

    pub fn pool(&self) -> &AnyPool {
        &self.pool
    }

    pub fn dialect(&self) -> Dialect {
        self.dialect
    }

    /// The URL it was opened with (another process may open the same database with it).
    pub fn url(&self) -> &str {
        &self.url
    }

    /// A transaction that holds head office's one write lock from its start.
    pub async fn write(&self) -> Result<Tx, Error> {
        match self.dialect {
            Dialect::Sqlite => Ok(self.pool.begin_with("BEGIN IMMEDIATE").await?),
            Dialect::Postgres => {
                let mut transaction = self.pool.begin().await?;
                sqlx::query("SELECT pg_advisory_xact_lock($1)")
                    .bind(WRITE_LOCK_KEY)
                    .execute(&mut *transaction)
                    .await?;
                Ok(transaction)
            }
        }
    }

    pub async fn close(&self) {
        self.pool.close().await;
    }
}

/// `$first, $first+1, …` for `count` values: an `IN (…)` list for either database.
pub fn placeholders(first: usize, count: usize) -> String {
    (first..first + count)
        .map(|index| format!("${index}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Now, as head office writes instants: RFC 3339 UTC to the microsecond, so text order is
/// time order.
pub fn now_text() -> String {
    instant_text(chrono::Utc::now())
}

pub fn instant_text(instant: chrono::DateTime<chrono::Utc>) -> String {
    instant.to_rfc3339_opts(chrono::SecondsFormat::Micros, true)
}
