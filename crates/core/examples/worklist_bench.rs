//! The worklist benchmark (issue 3): a patch of 2,000 accounts with 10 years of history.
//!
//! Measures, on one database file:
//! - the floor: SQLite's bare `SUM(amount_pence) GROUP BY account_id` over the ledger;
//! - a full worklist recompute (what unlock, a new day and a policy change do);
//! - recording one payment: the write with its outbox command and hash link, then the one
//!   account's recompute (what makes the worklist never stale);
//! - the one-account recompute alone.
//!
//! `cargo run --release -p doorstep-core --example worklist_bench -- [DATA_DIR] [ACCOUNTS] [YEARS]`
//! Reuses DATA_DIR if it already holds a store (set-up takes a while); prints medians.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use doorstep_api::{
    RecordPaymentRequest, RecordedPaymentMethod, SetUpRequest, StartWith, UnlockRequest,
};
use doorstep_core::{Config, CredentialStoreChoice, DemoOptions, Session};
use doorstep_store::{CredentialStore, DataDir, Store};

const PASSPHRASE: &str = "benchmark-passphrase-1";
const RUNS: usize = 15;

fn median(mut samples: Vec<Duration>) -> Duration {
    samples.sort();
    samples[samples.len() / 2]
}

fn milliseconds(duration: Duration) -> String {
    format!("{:.2} ms", duration.as_secs_f64() * 1_000.0)
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let mut arguments = std::env::args().skip(1);
    let data_dir = PathBuf::from(
        arguments
            .next()
            .unwrap_or_else(|| "/tmp/doorstep-bench".into()),
    );
    let accounts_count: u32 = arguments.next().map_or(Ok(2_000), |text| text.parse())?;
    let years: u32 = arguments.next().map_or(Ok(10), |text| text.parse())?;
    let config = Config::for_data_dir(data_dir.clone(), CredentialStoreChoice::File);
    let session = Session::new(config);
    if session.status().await?.state == doorstep_api::SessionState::NotSetUp {
        let started = Instant::now();
        session
            .set_up(&SetUpRequest {
                passphrase: PASSPHRASE.into(),
                passphrase_repeated: PASSPHRASE.into(),
                start_with: StartWith::Empty,
            })
            .await?;
        session
            .load_demo(&DemoOptions {
                accounts_count,
                ..DemoOptions::new(2026, doorstep_core::today()).with_ledger_years(years)
            })
            .await?;
        println!(
            "set-up: {accounts_count} accounts, {years} years, {:.1} s",
            started.elapsed().as_secs_f64()
        );
        session.lock().await?;
    }

    // The floor, on the same file, through the same driver.
    let data = DataDir::new(&data_dir);
    let credentials = CredentialStore::File {
        path: data.credential_file_path(),
    };
    let store = Store::open(&data, &credentials, PASSPHRASE).await?;
    let entries: i64 = sqlx_count(&store).await?;
    let mut floor = Vec::new();
    for _ in 0..RUNS {
        let started = Instant::now();
        let balances = store.balances_only().await?;
        floor.push(started.elapsed());
        assert!(!balances.is_empty());
    }
    store.close().await;

    session
        .unlock(&UnlockRequest {
            passphrase: PASSPHRASE.into(),
        })
        .await?;
    let mut full = Vec::new();
    for _ in 0..RUNS {
        let started = Instant::now();
        session.recompute_caseload().await?;
        full.push(started.elapsed());
    }
    let worklist = session.get_worklist().await?;
    let reference = worklist.items[0].payment_reference.clone();
    let mut one_payment = Vec::new();
    let mut one_account = Vec::new();
    for _ in 0..RUNS {
        let request = RecordPaymentRequest {
            payment_reference: reference.clone(),
            command_id: uuid::Uuid::now_v7().to_string(),
            method: RecordedPaymentMethod::Card,
            amount: "1.00".into(),
            received_on: doorstep_core::today(),
            note: "Benchmark".into(),
        };
        let started = Instant::now();
        session.record_payment(&request).await?;
        one_payment.push(started.elapsed());
        let started = Instant::now();
        session.recompute_account(&reference).await?;
        one_account.push(started.elapsed());
    }
    let floor = median(floor);
    let full = median(full);
    println!(
        "accounts: {}, ledger entries: {entries}",
        worklist.items.len()
    );
    println!("floor (SUM GROUP BY):           {}", milliseconds(floor));
    println!(
        "full worklist recompute:        {} ({:.2}× the floor)",
        milliseconds(full),
        full.as_secs_f64() / floor.as_secs_f64()
    );
    println!(
        "record one payment (page too):  {}",
        milliseconds(median(one_payment))
    );
    println!(
        "recompute one account:          {}",
        milliseconds(median(one_account))
    );
    Ok(())
}

async fn sqlx_count(store: &Store) -> anyhow::Result<i64> {
    Ok(store.ledger_entries_count().await?)
}
