//! A head office serving in this process: for the device's tests, the end-to-end test's
//! helper and the benchmarks. `kill` drops it mid-request, as a crash would (in-flight
//! transactions roll back); `restart` serves the same database on the same address again.

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use tokio::net::TcpListener;
use tokio::task::JoinHandle;

use crate::db::Db;
use crate::error::Error;
use crate::server;
use crate::tls::Certificate;

pub struct RunningHeadOffice {
    db: Db,
    address: SocketAddr,
    tls: Option<Arc<rustls::ServerConfig>>,
    fingerprint: Option<String>,
    task: Option<JoinHandle<Result<(), Error>>>,
}

impl RunningHeadOffice {
    /// Serves `db` on a free port of this machine: HTTPS with the certificate kept in
    /// `tls_dir` (made if missing), or plain HTTP without one.
    pub async fn start(db: Db, tls_dir: Option<&Path>) -> Result<RunningHeadOffice, Error> {
        let listener = bind(
            "127.0.0.1:0"
                .parse()
                .map_err(|_| Error::Config("address".into()))?,
        )
        .await?;
        let address = listener
            .local_addr()
            .map_err(|error| Error::Config(format!("no local address: {error}")))?;
        let (tls, fingerprint) = match tls_dir {
            Some(folder) => {
                let certificate = Certificate::load_or_create(folder, &[])?;
                (
                    Some(certificate.server_config()?),
                    Some(certificate.fingerprint()),
                )
            }
            None => (None, None),
        };
        let mut running = RunningHeadOffice {
            db,
            address,
            tls,
            fingerprint,
            task: None,
        };
        running.serve(listener);
        Ok(running)
    }

    fn serve(&mut self, listener: TcpListener) {
        let db = self.db.clone();
        let tls = self.tls.clone();
        self.task = Some(tokio::spawn(async move {
            server::serve(db, listener, tls, std::future::pending()).await
        }));
    }

    pub fn url(&self) -> String {
        let scheme = if self.tls.is_some() { "https" } else { "http" };
        format!("{scheme}://{}", self.address)
    }

    pub fn address(&self) -> SocketAddr {
        self.address
    }

    pub fn fingerprint(&self) -> Option<&str> {
        self.fingerprint.as_deref()
    }

    pub fn db(&self) -> &Db {
        &self.db
    }

    /// Stops serving at once, dropping every connection and request in flight.
    pub fn kill(&mut self) {
        if let Some(task) = self.task.take() {
            task.abort();
        }
    }

    /// Serves again on the same address (after `kill`), with the same database.
    pub async fn restart(&mut self) -> Result<(), Error> {
        self.kill();
        // The aborted task lets go of the listener when it is next polled; retry briefly.
        let mut attempts = 0;
        let listener = loop {
            match bind(self.address).await {
                Ok(listener) => break listener,
                Err(error) if attempts >= 100 => return Err(error),
                Err(_) => {
                    attempts += 1;
                    tokio::time::sleep(std::time::Duration::from_millis(10)).await;
                }
            }
        };
        self.serve(listener);
        Ok(())
    }

    /// Serves again with another certificate (as a look-alike server would).
    pub async fn restart_with_certificate(&mut self, tls_dir: &Path) -> Result<(), Error> {
        let certificate = Certificate::load_or_create(tls_dir, &[])?;
        self.tls = Some(certificate.server_config()?);
        self.fingerprint = Some(certificate.fingerprint());
        self.restart().await
    }
}

impl Drop for RunningHeadOffice {
    fn drop(&mut self) {
        self.kill();
    }
}

async fn bind(address: SocketAddr) -> Result<TcpListener, Error> {
    TcpListener::bind(address)
        .await
        .map_err(|error| Error::Config(format!("cannot listen on {address}: {error}")))
}

/// A SQLite head office database in `folder`.
pub fn sqlite_url(folder: &Path) -> String {
    format!(
        "sqlite://{}",
        PathBuf::from(folder).join("headoffice.db").display()
    )
}

/// The variable naming a PostgreSQL server for the tests (`postgres://user@127.0.0.1/postgres`):
/// when set, every head office test runs on PostgreSQL instead of SQLite.
pub const TEST_POSTGRES_VARIABLE: &str = "DOORSTEP_TEST_POSTGRES_URL";

/// A database for one test: SQLite in `folder`, or a new database on the PostgreSQL server
/// named by `DOORSTEP_TEST_POSTGRES_URL`.
pub async fn test_database_url(folder: &Path) -> Result<String, Error> {
    let server = match std::env::var(TEST_POSTGRES_VARIABLE) {
        Ok(url) if !url.trim().is_empty() => url,
        _ => return Ok(sqlite_url(folder)),
    };
    sqlx::any::install_default_drivers();
    let name = format!("doorstep_test_{}", uuid::Uuid::now_v7().simple());
    let mut connection = <sqlx::AnyConnection as sqlx::Connection>::connect(&server).await?;
    sqlx::query(&format!("CREATE DATABASE {name}"))
        .execute(&mut connection)
        .await?;
    sqlx::Connection::close(connection).await?;
    let (base, _) = server
        .split('?')
        .next()
        .and_then(|without_query| without_query.rsplit_once('/'))
        .ok_or_else(|| {
            Error::Config(format!("{TEST_POSTGRES_VARIABLE} is not a postgres:// URL"))
        })?;
    Ok(format!("{base}/{name}"))
}
