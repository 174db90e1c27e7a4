//! What every head office integration test needs: a fresh database, files to import, and
//! officers' devices sending commands through the real intake path.
//!
//! The database comes from `test_db()` alone, so the same tests run on PostgreSQL when
//! `DOORSTEP_TEST_POSTGRES_URL` is set (each test then gets a database of its own on that
//! server), and on a SQLite file in a temporary folder otherwise.

#![allow(dead_code)] // Each test binary uses its own part of these helpers.

use std::ops::Deref;
use std::path::{Path, PathBuf};

use chrono::{TimeZone, Utc};
use doorstep_headoffice::admin::{self, OfficerRow};
use doorstep_headoffice::auth::{self, Device};
use doorstep_headoffice::{enrol, import, intake, Db};
use doorstep_sync::{CommandEnvelope, CommandResult, EnrolRequest};
use sqlx::Row;
use tempfile::TempDir;
use uuid::Uuid;

/// A fresh database, and a folder for the files a test writes. Derefs to the [`Db`].
pub struct TestDb {
    pub db: Db,
    folder: TempDir,
}

impl Deref for TestDb {
    type Target = Db;
    fn deref(&self) -> &Db {
        &self.db
    }
}

impl TestDb {
    /// Writes a file for a test to import and returns its path.
    pub fn file(&self, name: &str, contents: &str) -> PathBuf {
        let path = self.folder.path().join(name);
        std::fs::write(&path, contents).expect("write a test file");
        path
    }

    pub fn folder(&self) -> &Path {
        self.folder.path()
    }
}

pub async fn test_db() -> TestDb {
    let folder = tempfile::tempdir().expect("a temporary folder");
    let url = doorstep_headoffice::running::test_database_url(folder.path())
        .await
        .expect("a test database");
    let db = Db::connect(&url)
        .await
        .expect("connect to the test database");
    TestDb { db, folder }
}

/// One of the example files in tests/data (the same ones docs/HEADOFFICE-CSV.md shows).
pub fn data(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data")
        .join(name)
}

/// The example tenancies, people, rents and transactions, imported in order.
pub async fn import_examples(db: &Db) {
    import::tenancies::import(db, &data("tenancies.csv"))
        .await
        .expect("import tenancies");
    import::people::import(db, &data("people.csv"))
        .await
        .expect("import people");
    import::rents::import(db, &data("rents.csv"))
        .await
        .expect("import rents");
    import::transactions::import(db, &data("transactions.csv"))
        .await
        .expect("import transactions");
}

/// An officer with an enrolled laptop, as an administrator and the officer would make them.
pub async fn field_officer(db: &Db, name: &str) -> (OfficerRow, Device) {
    let officer = admin::create_officer(db, name)
        .await
        .expect("create an officer");
    let code = admin::issue_enrolment_code(db, &officer)
        .await
        .expect("issue a code");
    let enrolled = enrol::enrol(
        db,
        "test",
        &EnrolRequest {
            code,
            device_name: format!("{name}'s laptop"),
        },
    )
    .await
    .expect("enrol");
    let device = auth::device_for_token(db, &enrolled.token)
        .await
        .expect("the device's token works");
    (officer, device)
}

pub async fn assign(db: &Db, officer: &OfficerRow, references: &[&str]) {
    let references: Vec<String> = references.iter().map(|text| text.to_string()).collect();
    admin::assign(db, officer, &references)
        .await
        .expect("assign accounts");
}

/// A command as a device writes it; `id` makes the command id (and so the export) fixed.
pub fn command(id: u128, sequence: i64, kind: &str, payload: serde_json::Value) -> CommandEnvelope {
    CommandEnvelope {
        command_id: Uuid::from_u128(id),
        sequence,
        kind: kind.to_string(),
        payload,
        created_at: Utc
            .with_ymd_and_hms(2026, 11, 1, 10, 0, 0)
            .single()
            .expect("a fixed instant"),
    }
}

/// Sends commands through intake and insists every one was applied.
pub async fn send_applied(db: &Db, device: &Device, commands: &[CommandEnvelope]) {
    let results: Vec<CommandResult> = intake::apply_batch(db, device, commands)
        .await
        .expect("intake answers");
    for result in results {
        assert_eq!(result.outcome.label(), "applied", "{result:?}");
    }
}

/// When head office received a command (for expected export lines).
pub async fn received_at(db: &Db, id: u128) -> String {
    sqlx::query_scalar("SELECT received_at FROM commands WHERE command_id = $1")
        .bind(Uuid::from_u128(id).to_string())
        .fetch_one(db.pool())
        .await
        .expect("the command is stored")
}

/// Everything imports and reconciliation write, as text, to compare before and after: equal
/// dumps mean nothing was written (the change log included, so no device was told).
pub async fn dump(db: &Db) -> String {
    const TABLES: [(&str, &[&str]); 8] = [
        (
            "accounts",
            &[
                "payment_reference",
                "tenancy_reference",
                "tenure",
                "tenancy_start_date",
                "tenancy_end_date",
                "address_line_1",
                "address_line_2",
                "town",
                "postcode",
                "rent_frequency",
            ],
        ),
        (
            "account_people",
            &[
                "payment_reference",
                "position",
                "role",
                "full_name",
                "date_of_birth",
                "phone",
            ],
        ),
        (
            "rent_changes",
            &[
                "payment_reference",
                "effective_from",
                "rent_pence",
                "service_charge_pence",
            ],
        ),
        (
            "ledger_entries",
            &[
                "position",
                "id",
                "payment_reference",
                "posted_on",
                "kind",
                "detail",
                "amount_pence",
                "description",
                "reverses_entry_id",
                "source",
                "source_reference",
            ],
        ),
        (
            "assignments",
            &["payment_reference", "officer_id", "assigned_at"],
        ),
        (
            "changes",
            &["seq", "officer_id", "payment_reference", "change", "at"],
        ),
        (
            "card_settlements",
            &[
                "provider_reference",
                "status",
                "settled_on",
                "amount_pence",
                "file_name",
            ],
        ),
        ("conflicts", &["id", "command_id", "conflict", "detail"]),
    ];
    let mut text = String::new();
    for (table, columns) in TABLES {
        let select = columns
            .iter()
            .map(|column| format!("CAST({column} AS TEXT) AS {column}"))
            .collect::<Vec<_>>()
            .join(", ");
        let rows = sqlx::query(&format!("SELECT {select} FROM {table} ORDER BY 1, 2"))
            .fetch_all(db.pool())
            .await
            .expect("read a table");
        text.push_str(&format!("{table}:\n"));
        for row in rows {
            let cells: Vec<String> = (0..columns.len())
                .map(|index| {
                    row.try_get::<Option<String>, _>(index)
                        .expect("a text cell")
                        .unwrap_or_else(|| "NULL".into())
                })
                .collect();
            text.push_str(&cells.join("|"));
            text.push('\n');
        }
    }
    text
}

/// The ledger of one account as (HMS or device reference, pence), in posting order.
pub async fn ledger(db: &Db, payment_reference: &str) -> Vec<(String, i64)> {
    let rows = sqlx::query(
        "SELECT source_reference, amount_pence FROM ledger_entries \
         WHERE payment_reference = $1 ORDER BY position",
    )
    .bind(payment_reference)
    .fetch_all(db.pool())
    .await
    .expect("read the ledger");
    rows.iter()
        .map(|row| {
            (
                row.try_get("source_reference").expect("reference"),
                row.try_get("amount_pence").expect("amount"),
            )
        })
        .collect()
}
